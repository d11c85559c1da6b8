"""Evaluation: a document's facts as read by ingest (number, type, issuer, place, date, title, signer, office,
delegation, what it is based on, what is attached) against its gold `facts`.

Each field is right or wrong; a field the gold leaves null is right only when nothing was read. Text fields are
compared folded (diacritics, case, tone placement and spacing do not matter); the title loosely (the gold's
words, "V/v"/"Về việc" aside, must be nine tenths in the read title and the other way round); the list of
documents it is based on by F1 >= 0.8, since writers differ on a Tờ trình or an amending law.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from evals.directives.gold import Facts
from evals.directives.records import match_keys
from ingest.numbers import normalize_number
from ingest.types import Document
from ingest.vietnamese import folded

FIELDS = ("number", "type", "issuer", "place", "issued", "title", "signer", "signer_title", "authority",
          "implements", "attachments")
# how a document says what it rests on or carries out (ingest.references relations)
BASIS = {"căn cứ", "thực hiện", "theo"}


@dataclass
class FactScore:
    right: int = 0
    judged: int = 0
    wrong: list[str] = field(default_factory=list)
    by_field: dict[str, list[int]] = field(default_factory=dict)  # field -> [right, judged]

    @property
    def accuracy(self) -> float:
        return self.right / self.judged if self.judged else 1.0

    def add(self, other: FactScore) -> None:
        self.right += other.right
        self.judged += other.judged
        self.wrong += other.wrong
        for name, (right, judged) in other.by_field.items():
            counts = self.by_field.setdefault(name, [0, 0])
            counts[0] += right
            counts[1] += judged


def read_facts(document: Document) -> dict:
    """The facts of a parsed document, in the gold's field names."""
    basis = [ref.number for ref in document.references if ref.target_of is None and (
        ref.relation == "căn cứ" or (ref.relation in BASIS and ref.locator[:1] == ("preamble",)))]
    # "Căn cứ Luật ... số 64/2025/QH15 được sửa đổi, bổ sung bởi Luật số 87/2025/QH15": the amendment too
    basis += [ref.number for ref in document.references
              if ref.target_of in basis and ref.relation == "sửa đổi" and ref.locator[:1] == ("preamble",)]
    return {
        "number": document.number,
        "type": document.doc_type,
        "issuer": document.issuer,
        "place": document.place,
        "issued": document.issued,
        "title": document.title,
        "signer": document.signer,
        "signer_title": document.signer_title,
        "authority": document.signed_for,
        "implements": list(dict.fromkeys(basis)),
        "attachments": [section.locator[0] for section in document.sections if section.kind == "annex"],
    }


def _key(text: str | None) -> str:
    return " ".join(re.sub(r"[.,;:()\"“”/-]", " ", folded(text or "")).split())


def _title_words(text: str | None) -> list[str]:
    words = _key(text).split()
    while words[:2] in (["ve", "viec"], ["v", "v"]):
        words = words[2:]
    return words


def _covers(a: list[str], b: list[str]) -> float:
    return sum(1 for word in a if word in set(b)) / len(a) if a else 1.0


def _f1(gold: list[str], read: list[str]) -> float:
    gold_set = {normalize_number(n) for n in gold}
    read_set = {normalize_number(n) for n in read}
    if not gold_set and not read_set:
        return 1.0
    hits = len(gold_set & read_set)
    return 2 * hits / (len(gold_set) + len(read_set)) if hits else 0.0


def field_right(name: str, gold, read) -> bool:
    """Whether one read field agrees with the gold value."""
    if name == "implements":
        return _f1(gold, read) >= 0.8
    if name == "attachments":
        return sorted(_key(x) for x in gold) == sorted(_key(x) for x in read)
    if gold is None:
        return read in (None, "", [])
    if read in (None, ""):
        return False
    if name == "issuer":
        wanted = set().union(*(match_keys(name_) for name_ in gold))
        return bool(match_keys(read) & wanted)
    if name == "number":
        return normalize_number(gold) == normalize_number(read)
    if name == "issued":
        return gold == read
    if name == "title":
        gold_words, read_words = _title_words(gold), _title_words(read)
        return _covers(gold_words, read_words) >= 0.9 and _covers(read_words, gold_words) >= 0.9
    if name == "place":
        strip = r"^(?:thanh pho|tp)\s+"
        return re.sub(strip, "", _key(gold)) == re.sub(strip, "", _key(read))
    return _key(gold) == _key(read)


def score_facts(document: Document, gold: Facts, label: str = "") -> FactScore:
    read = read_facts(document)
    score = FactScore()
    for name in FIELDS:
        expected = getattr(gold, name)
        right = field_right(name, expected, read[name])
        score.judged += 1
        score.right += right
        score.by_field[name] = [int(right), 1]
        if not right:
            score.wrong.append(f"{label}{name}: đúng là {expected!r}, đọc được {read[name]!r}")
    return score
