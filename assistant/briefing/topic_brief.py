"""Briefing by topic: the clauses of every document whose words contain the topic, grouped by document and by
the units each clause makes responsible. A clause is listed only when it holds the topic's words, in order,
outside a unit's proper name ("Biên chế" in "Vụ Tổ chức - Biên chế" names a body, it is not the topic)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from assistant.briefing.cite import cite, clause_span, document_heading, line_spans, newest_first
from assistant.briefing.errors import BadBriefingRequest, TopicNotFound
from assistant.briefing.types import Briefing, Line, Part
from ingest.numbers import search_key
from ingest.types import Assignment, Document, Section
from ingest.units import find_units
from ingest.vietnamese import canonical_tones, has_diacritics, nfc

# Not clauses: the header repeats the title, the recipients and signature name people and bodies.
_NOT_CLAUSES = {"header", "recipients", "signature"}
NO_UNIT = "Không nêu đơn vị thực hiện"


def briefing_for_topic(documents: list[Document], topic: str) -> Briefing:
    """Every clause on `topic` (typed with or without diacritics), by document, then by responsible units."""
    find = topic_finder(topic)
    topic = " ".join(topic.split())
    parts, numbers = [], []
    for document in newest_first(documents):
        groups: dict[tuple[str, ...], list[Line]] = {}
        for section, start, end in clauses(document):
            if not _on_topic(document.text, start, end, find):
                continue
            responsible = _responsible(document.assignments, start, end)
            note = "; ".join(f"{unit}: {roles}" for unit, roles in responsible.items())
            line = Line(document.text[start:end], (cite(document, section.locator, start, end),), True, note=note)
            groups.setdefault(tuple(responsible) or (NO_UNIT,), []).append(line)
        if groups:
            order = sorted(groups, key=lambda units: units == (NO_UNIT,))  # units first, in order of appearance
            parts.append(Part(document_heading(document), parts=tuple(Part("; ".join(u), tuple(groups[u])) for u in order)))
            numbers.append(document.number)
    if not parts:
        raise TopicNotFound(
            f"Không có điều khoản nào trong {len(documents)} văn bản chứa cụm từ “{topic}”. "
            "Hãy thử một từ ngắn hơn hoặc cách viết khác (ví dụ: “biên chế”, “số hóa tài liệu”)."
        )
    subtitle = f"Các điều khoản có cụm từ “{topic}”, trong {len(parts)} văn bản, xếp theo đơn vị được giao."
    return Briefing("topic", topic, f"Đề cương chuyên đề: {topic}", subtitle, tuple(parts), tuple(numbers))


def clauses(document: Document) -> Iterator[tuple[Section, int, int]]:
    """Each line of each section's own words (a preamble holds several statements), without printed labels."""
    text = document.text
    for section in document.walk():
        if section.kind in _NOT_CLAUSES:
            continue
        for start, end in line_spans(text, *clause_span(document, section)):
            yield section, start, end


def topic_finder(topic: str) -> Callable[[str], list[tuple[int, int]]]:
    """Where a text holds the topic's words, in order, as whole words. Typed with diacritics, they must match
    with them ("biên chế" is not "biến chế"); typed without, any diacritics match."""
    words = topic.split()
    if not words:
        raise BadBriefingRequest("Hãy nhập chủ đề cần tổng hợp, ví dụ: “biên chế”.")
    key = _marked_key if has_diacritics(topic) else search_key
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(key(word)) for word in words) + r"(?!\w)")
    return lambda text: [match.span() for match in pattern.finditer(key(text))]


def _on_topic(text: str, start: int, end: int, find: Callable[[str], list[tuple[int, int]]]) -> bool:
    """Whether text[start:end] holds the topic somewhere other than inside a unit's proper name."""
    spans = [(start + a, start + b) for a, b in find(text[start:end])]
    if not spans:
        return False
    names = [(m.start, m.end) for m in find_units(text, start, end)]
    return any(not _in_name(text, a, b, names) for a, b in spans)


def _in_name(text: str, a: int, b: int, names: list[tuple[int, int]]) -> bool:
    """Vietnamese capitalises a proper name's words, not common nouns: a capitalised match inside a unit's
    name, after its first word, is part of the name ("Vụ Tổ chức - Biên chế"); a lower-case one is a common
    noun the unit is named by ("các đơn vị sự nghiệp công lập"), and so is the topic."""
    return text[a].isupper() and any(s < a and b <= e for s, e in names)


def _marked_key(text: str) -> str:
    """Lower case with tones in one place (hoá = hóa, uỷ = ủy), diacritics kept; NFC stored text keeps its
    length, so match offsets still index it."""
    return canonical_tones(nfc(text)).lower()


def _responsible(assignments: tuple[Assignment, ...], start: int, end: int) -> dict[str, str]:
    """The units whose task lies in text[start:end], each with its roles, deadlines and report lines."""
    said: dict[str, list[str]] = {}
    for item in assignments:
        if item.task_start < end and item.task_end > start:
            for unit in item.units:
                notes = said.setdefault(unit, [])
                for note in (item.role, item.deadline and f"thời hạn: {item.deadline}",
                             item.report_to and f"báo cáo {', '.join(item.report_to)}"):
                    if note and note not in notes:
                        notes.append(note)
    return {unit: ", ".join(notes) for unit, notes in said.items()}
