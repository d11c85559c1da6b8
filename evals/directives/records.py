"""Evaluation: assignment records extracted from a document against its gold records (unit + role + locator).

A predicted record is one (locator, unit) of `Document.assignments` with the roles the document gives that unit
there. It matches a gold record when the locator is the same, the unit is one of the gold names (compared on
`ingest.units.unit_key`, so spelling, abbreviations and tone placement do not matter; an office holder counts
as its body and the document's own locality closing a name may be left out) and one of its roles is
in the family of the gold role or of an `also_roles` entry. Optional gold records are never missed and, when
matched, never wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from evals.directives.gold import Record
from ingest.types import Assignment
from ingest.units import unit_key
from ingest.vietnamese import folded

# Roles that say the same thing about who acts: a key that says "lãnh đạo, chỉ đạo" accepts "chỉ đạo".
ROLE_FAMILIES = {
    "chủ trì": "lead",
    "phối hợp": "support",
    "lãnh đạo, chỉ đạo": "direct", "lãnh đạo": "direct", "chỉ đạo": "direct", "lãnh đạo và chỉ đạo": "direct",
    "tham mưu": "advise",
    "giám sát": "oversee", "theo dõi": "oversee", "kiểm tra": "oversee", "đôn đốc": "oversee",
    "hướng dẫn": "guide",
    "thực hiện": "do", "chịu trách nhiệm": "do", "thi hành": "do",
    "báo cáo": "report",
    "trình": "submit",
    "thẩm định": "appraise",
}


def family(role: str) -> str:
    return ROLE_FAMILIES.get(role, role)


# An office holder stands for the body: "Chủ tịch Ủy ban nhân dân tỉnh" is answerable as "Ủy ban nhân dân
# tỉnh", "Giám đốc Sở Y tế" as "Sở Y tế", "Chánh Văn phòng Ủy ban nhân dân tỉnh" as "Văn phòng ...".
_OFFICES = re.compile(
    r"^(?:các\s+)?(?:(?:phó\s+)?(?:chủ tịch|giám đốc|thủ trưởng|bộ trưởng|trưởng ban|cục trưởng|vụ trưởng"
    r"|chi cục trưởng|viện trưởng|hiệu trưởng|chỉ huy trưởng|tổng giám đốc|bí thư)|người đứng đầu|lãnh đạo"
    r"|thứ trưởng|chánh(?=\s+(?:văn phòng|thanh tra)))\s+(?:các\s+)?",
    re.IGNORECASE,
)


# The document's own province or city, unnamed, closing a name: "Các Ban của Hội đồng nhân dân Thành phố" is,
# inside a Hà Nội resolution, the same unit as "Các Ban của Hội đồng nhân dân" (a named place is kept).
_LOCALITY = re.compile(r"\s+(?:tỉnh|thành phố|tp\.?)$", re.IGNORECASE)


def match_keys(name: str) -> set[str]:
    """The keys a unit name is matched on: itself, the body when it names an office holder, and both without
    the locality that closes them."""
    names = {name.strip()}
    body = _OFFICES.sub("", name.strip(), count=1)
    if body and body != name.strip():
        names.add(body)
    names |= {_LOCALITY.sub("", n) for n in names if _LOCALITY.sub("", n)}
    return {unit_key(n) for n in names}


@dataclass
class RecordScore:
    """Counts over one or more documents; `misses` and `extras` name the records for the report."""

    matched_gold: int = 0  # required gold records found
    required: int = 0
    matched_predicted: int = 0  # predicted records that match a gold record
    predicted: int = 0
    unit_only: int = 0  # predicted records right on locator and unit, wrong on role
    task_overlap: float = 0.0  # sum over matched gold records of the task words' overlap
    deadline_right: int = 0
    deadline_judged: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.required if self.required else 1.0

    @property
    def task_accuracy(self) -> float:
        return self.task_overlap / self.matched_gold if self.matched_gold else 1.0

    @property
    def deadline_accuracy(self) -> float:
        return self.deadline_right / self.deadline_judged if self.deadline_judged else 1.0

    def add(self, other: RecordScore) -> None:
        for name in ("matched_gold", "required", "matched_predicted", "predicted", "unit_only", "task_overlap",
                     "deadline_right", "deadline_judged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.extras += other.extras


@dataclass(frozen=True)
class _Predicted:
    locator: tuple[str, ...]
    unit: str  # unit_key
    name: str
    roles: frozenset[str]  # families
    tasks: tuple[str, ...]
    deadlines: tuple[str, ...]


def predicted_records(assignments: tuple[Assignment, ...]) -> list[_Predicted]:
    """One record per (locator, unit), with every role, task and deadline the document gives it there."""
    merged: dict[tuple, dict] = {}
    for item in assignments:
        for name in item.units:
            entry = merged.setdefault((item.locator, unit_key(name)), {
                "name": name, "roles": set(), "tasks": [], "deadlines": []})
            entry["roles"].add(family(item.role))
            entry["tasks"].append(item.task)
            if item.deadline:
                entry["deadlines"].append(item.deadline)
    return [_Predicted(locator, unit, e["name"], frozenset(e["roles"]), tuple(e["tasks"]), tuple(e["deadlines"]))
            for (locator, unit), e in merged.items()]


def _roles(record: Record) -> set[str]:
    return {family(record.role)} | {family(role) for role in record.also_roles}


def _words(text: str) -> set[str]:
    return set(folded(text).split())


def _overlap(gold: str, predicted: tuple[str, ...]) -> float:
    """The share of the gold task's words found in the best predicted task (0..1)."""
    wanted = _words(gold)
    if not wanted:
        return 1.0
    return max((len(wanted & _words(task)) / len(wanted) for task in predicted), default=0.0)


# The line of a task card that names its units: "- Cơ quan chủ trì: Sở Nội vụ", "Đơn vị phối hợp: ...".
_CARD_LINE = re.compile(
    r"^\s*(?:[-–+*]\s*)?(?:(?:đơn vị|cơ quan|bộ phận)\s+)?(?:chủ trì|phối hợp|thực hiện|tham mưu|phụ trách"
    r"|trách nhiệm thực hiện)[^:]{0,60}:",
    re.IGNORECASE,
)


def _places(record: Record) -> set[tuple[str, ...]]:
    """Where a record may be cited: its locator; for a unit named on a task card's bullet ("- Cơ quan chủ trì:
    Sở Nội vụ" under "1.2. Tuyên truyền ..."), also the task the card belongs to (GOLD.md, Decisions)."""
    locator = tuple(record.locator)
    if len(locator) > 1 and _CARD_LINE.match(record.first_words or ""):
        return {locator, locator[:-1]}
    return {locator}


def score_records(assignments: tuple[Assignment, ...], gold: list[Record], label: str = "") -> RecordScore:
    """Precision and recall of (unit + role + locator) against a complete key. A predicted record is right when
    some gold record (optional ones included) matches it; a required gold record is found when some predicted
    record matches it. Both are decided record by record, so the counts do not depend on any order."""
    predicted = predicted_records(assignments)
    keys_of = {id(p): match_keys(p.name) for p in predicted}
    gold_keys = [set().union(*(match_keys(name) for name in record.unit)) for record in gold]
    score = RecordScore(predicted=len(predicted))
    places = [_places(record) for record in gold]
    for record, keys, where in zip(gold, gold_keys, places):
        locator = tuple(record.locator)
        here = [p for p in predicted if p.locator in where and keys_of[id(p)] & keys]
        hit = next((p for p in here if p.roles & _roles(record)), None)
        if record.optional:
            continue
        score.required += 1
        if hit is None:
            got = f" (trích ra với vai trò khác: {', '.join(sorted(here[0].roles))})" if here else ""
            score.misses.append(f"{label}{' > '.join(locator)}: {record.unit[0]} [{record.role}]{got}")
            continue
        score.matched_gold += 1
        score.task_overlap += _overlap(record.task, hit.tasks)
        if record.deadline is not None or hit.deadlines:
            score.deadline_judged += 1
            wanted = folded(record.deadline or "")
            score.deadline_right += bool(record.deadline) and any(
                wanted in folded(d) or folded(d) in wanted for d in hit.deadlines)
    for p in predicted:
        matching = [r for r, keys, where in zip(gold, gold_keys, places) if p.locator in where and keys_of[id(p)] & keys]
        if any(p.roles & _roles(r) for r in matching):
            score.matched_predicted += 1
            continue
        score.unit_only += bool(matching)
        score.extras.append(f"{label}{' > '.join(p.locator)}: {p.name} [{', '.join(sorted(p.roles))}]")
    return score
