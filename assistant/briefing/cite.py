"""Briefing step: where each line is read. Citations, clause spans and responsibility rows taken from a stored
document's sections and assignments, so every quote is document text[start:end] and never rewritten."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.briefing.types import Citation, Row
from assistant.facts import vietnamese_date
from ingest.numbers import search_key
from ingest.types import Assignment, Document, Locator, Section

# A main point quotes its clause up to the first sentence end, and never more than this many characters:
# enough for one provision of a directive, short enough to read aloud in a session.
POINT_LIMIT = 400

# A sentence ends at . ? ! followed by a capital (str.isupper knows the Vietnamese ones) or by nothing.
_STOP = re.compile(r"[.?!](\s+|$)")


def label_at(document: Document, locator: Locator, offset: int) -> str:
    """The label of the narrowest section at `locator` holding `offset` ("Mục 5, đoạn 2")."""
    holding = [s for s in document.walk() if s.locator == tuple(locator) and s.start <= offset < max(s.end, s.start + 1)]
    if not holding:
        return ", ".join(locator)
    return min(holding, key=lambda s: s.end - s.start).label


def cite(document: Document, locator: Locator, start: int, end: int) -> Citation:
    """A citation of document text[start:end], read inside the section at `locator`."""
    return Citation(document.number, tuple(locator), label_at(document, locator, start), start, end)


def clause_span(document: Document, section: Section) -> tuple[int, int]:
    """A section's own words, without its printed label ("4.", "a)", "-") and surrounding blanks."""
    text = document.text
    start, end = section.start, section.own_end
    if section.marker and text.startswith(section.marker, start):
        start += len(section.marker)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def line_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The non-blank lines of text[start:end], each without its surrounding blanks."""
    while start < end:
        stop = text.find("\n", start, end)
        stop = end if stop == -1 else stop
        left, right = start, stop
        while left < right and text[left].isspace():
            left += 1
        while right > left and text[right - 1].isspace():
            right -= 1
        if right > left:
            yield left, right
        start = stop + 1


def first_sentence(text: str, start: int, end: int, limit: int = POINT_LIMIT) -> tuple[int, bool]:
    """Where the first sentence of text[start:end] ends, and whether it was cut at `limit` (on a word end)."""
    stop = end
    for found in _STOP.finditer(text, start, end):
        if found.end() >= end or text[found.end()].isupper():
            stop = found.start() + 1
            break
    if stop - start <= limit:
        return stop, False
    cut = text.rfind(" ", start, start + limit)
    cut = cut if cut > start else start + limit
    while cut > start and not (text[cut - 1].isalnum() or text[cut - 1] in ")”\""):
        cut -= 1  # no dangling comma or dash before the ellipsis
    return cut, True


def rows_of(document: Document, assignments: list[Assignment]) -> list[Row]:
    """Responsibility rows: assignments that differ only by unit (same clause, role, task, deadline) share one."""
    merged: dict[tuple, list[Assignment]] = {}
    for item in assignments:
        key = (item.locator, item.role, item.task_start, item.task_end, item.deadline, item.report_to)
        merged.setdefault(key, []).append(item)
    rows = []
    for items in merged.values():
        first = items[0]
        units = tuple(dict.fromkeys(unit for item in items for unit in item.units))
        rows.append(Row(
            units, first.role, first.task, first.deadline, first.report_to,
            cite(document, first.locator, first.task_start, first.task_end), len(items),
        ))
    return rows


def find_printed(text: str, value: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """Where text[start:end] prints `value`, whatever its case, diacritics, line breaks or spaces around / and -."""
    words = search_key(value).split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w).replace("/", r"\s*/\s*").replace(r"\-", r"\s*-\s*") for w in words)
    found = re.compile(rf"(?<!\w){pattern}(?!\w)").search(search_key(text[: len(text) if end is None else end]), start)
    return found.span() if found else None


def find_date(text: str, iso: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """Where text[start:end] prints the ISO date `iso`: "21/8/2024", "21/08/2024" or "ngày 21 tháng 8 năm 2024"."""
    found = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not found:
        return None
    year, month, day = found[1], int(found[2]), int(found[3])
    pattern = rf"(?<!\d)0?{day}\s*[/.-]\s*0?{month}\s*[/.-]\s*{year}(?!\d)|ngay\s+0?{day}\s+thang\s+0?{month}\s+nam\s+{year}"
    hit = re.compile(pattern).search(search_key(text[: len(text) if end is None else end]), start)
    return hit.span() if hit else None


def document_name(document: Document) -> str:
    """'Công văn 3400-CV/TU ngày 21/8/2024 của Tỉnh ủy Tiền Giang': a document as a heading names it."""
    name = f"{document.doc_type} {document.number}"
    if document.issued:
        name += f" ngày {vietnamese_date(document.issued)}"
    if document.issuer:
        name += f" của {document.issuer}"
    return name


def newest_first(documents: list[Document]) -> list[Document]:
    """Documents by date of issue, the newest first (the latest instruction is what a session starts from)."""
    return sorted(documents, key=lambda document: (document.issued or "", document.number), reverse=True)


def document_heading(document: Document) -> str:
    """'Công văn 3400-CV/TU ngày 21/8/2024 của Tỉnh ủy Tiền Giang: Triển khai ...': a document's part heading."""
    return f"{document_name(document)}: {document.title}" if document.title else document_name(document)

