"""Ingest step: the short forms a document gives its units, so that a unit named once in full and later by
its head alone ("Trung tâm tổ chức lớp học", "Sở chủ trì ...") or by the name it declares ("Bộ Chỉ huy Quân
sự tỉnh (sau đây gọi tắt là Bộ CHQS)") is the same unit wherever it acts.

Two sources, both in the document itself:
- declared: "X (sau đây gọi tắt là Y)", "X (viết tắt là Y)" right after a unit named in full;
- implied: a head that opens exactly one named body in the whole document ("Trung tâm" where the only
  centre named is "Trung tâm chính trị xã, phường, đặc khu"). A head that opens two bodies ("Sở Nội vụ",
  "Sở Tài chính") stands for neither.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from ingest.units import SHORT_FORMS, canonical_unit, find_units
from ingest.vietnamese import UPPER

_DECLARED = re.compile(
    rf"\s*\((?:sau đây\s+)?(?:gọi|viết)\s+tắt\s+(?:là\s+)?[:“\"]?\s*([{UPPER}][^()“”\"]{{0,40}}?)\s*[”\"]?\s*\)"
)


@lru_cache(maxsize=1)
def _heads() -> tuple[tuple[str, ...], frozenset[str]]:
    """Every head of a name, longest first ("Hội đồng" before "Hội"), and those that may stand alone."""
    data = json.loads((Path(__file__).parent / "data" / "units.json").read_text(encoding="utf-8"))
    heads = set(data["heads"]) | set(data["distributing_heads"]) | set(data["descriptive_heads"])
    return tuple(sorted(heads, key=len, reverse=True)), frozenset(data["distributing_heads"])


def short_forms(text: str) -> dict[str, str]:
    """Short form -> canonical name, for the document text."""
    mentions = find_units(text)
    forms: dict[str, str] = {}
    for declared in _DECLARED.finditer(text):
        # the unit named right before the bracket, with the words of its name the grammar left out ("Ban Chỉ
        # đạo Nhà nước về Du lịch (gọi tắt là Ban Chỉ đạo)"); commas inside the name itself ("Trung tâm chính
        # trị xã, phường, đặc khu") are the name's, a comma after it starts another one
        named = [m for m in mentions if declared.start() - 80 <= m.start < declared.start()
                 and not re.search(r"[,;.:()]", text[m.end : declared.start()])]
        if named:
            name = canonical_unit(" ".join(text[named[0].start : declared.start()].split()))
            if declared.group(1) != name and _may_stand_for(declared.group(1), name):
                forms[declared.group(1)] = name
    by_head: dict[str, set[str]] = {}
    heads, alone = _heads()
    for mention in mentions:
        if mention.name.startswith("Các "):
            continue
        head = next((h for h in heads if mention.name.startswith(h + " ")), None)
        if head in alone:
            by_head.setdefault(head, set()).add(mention.name)
    for head, names in by_head.items():
        if len(names) == 1 and head not in forms:
            forms[head] = next(iter(names))
    return forms


def _may_stand_for(short: str, name: str) -> bool:
    """A short form keeps the head of its name ("Trung tâm", "Ban Chỉ đạo", "Bộ CHQS") or is its initials
    ("BCĐ"); "Chi cục Quản lý thị trường thuộc Sở Công Thương (sau đây gọi tắt là Chi cục ...)" names the
    Chi cục, not the Sở the grammar read last."""
    first = short.split()[0]
    return first.lower() == name.split()[0].lower() or (first.isupper() and len(short.split()) == 1)


@contextmanager
def reading(text: str) -> Iterator[dict[str, str]]:
    """While the document is read, a short form standing alone names its unit (ingest.units.find_units)."""
    forms = short_forms(text)
    token = SHORT_FORMS.set(forms)
    try:
        yield forms
    finally:
        SHORT_FORMS.reset(token)
