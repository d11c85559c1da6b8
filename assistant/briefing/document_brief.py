"""Briefing by document: identity (issuer, number, date, title), the documents it implements and cites, its
main points in order, and its responsibility table; each line cited to the place the document says it."""

from __future__ import annotations

from assistant.briefing.cite import (
    cite,
    clause_span,
    document_name,
    find_date,
    find_printed,
    first_sentence,
    line_spans,
    rows_of,
)
from assistant.briefing.related import graph_lines
from assistant.briefing.types import Briefing, Line, Part
from assistant.facts import vietnamese_date
from ingest.graph import DocumentGraph
from ingest.sections import locate
from ingest.types import Document, Section

# Frame parts that are not the document's content: who it is sent to, who signed, a closing note.
_FRAME = {"header", "recipients", "signature", "note"}
# Sections whose own words are a title over the provisions they hold.
_TITLED = {"annex", "part", "chapter"}
# Main points go three levels deep (part, item, bullet): a session outline, not the whole text.
_POINT_DEPTH = 2
# A clause this short is a heading or a one-line lead over its sub-points ("III. NHIỆM VỤ, GIẢI PHÁP").
_HEADING_LENGTH = 160
_FROM_MANIFEST = "theo danh mục kho văn bản; văn bản không in thông tin này"


def briefing_for_document(document: Document, documents: list[Document]) -> Briefing:
    """The briefing of one document; `documents` (the whole corpus) tells which cited texts are held."""
    graph = DocumentGraph.build(documents)
    stored = {d.number: d for d in documents}
    rows = tuple(rows_of(document, list(document.assignments)))
    parts = (
        Part("I. Thông tin văn bản", identity_lines(document)),
        Part("II. Văn bản liên quan", graph_lines(document, graph, stored), empty="Văn bản không dẫn văn bản nào khác."),
        Part("III. Nội dung chính", point_lines(document)),
        Part("IV. Phân công trách nhiệm", rows=rows, empty="Văn bản không giao nhiệm vụ cho đơn vị cụ thể."),
    )
    return Briefing(
        "doc", document.number, f"Đề cương giới thiệu {document.doc_type} {document.number}",
        document.title or document_name(document), parts, (document.number,),
    )


def identity_lines(document: Document) -> tuple[Line, ...]:
    """Number, date, issuer, title and signer, each cited where the document prints it."""
    header = document.find(("header",))
    fields = (
        ("Số, ký hiệu", document.number, document.number, find_printed),
        ("Ngày ban hành", document.issued and vietnamese_date(document.issued), document.issued, find_date),
        ("Cơ quan ban hành", document.issuer, document.issuer, find_printed),
        ("Trích yếu", document.title, document.title, find_printed),
        ("Người ký", document.signer, document.signer, find_printed),
    )
    lines = []
    for name, shown, value, finder in fields:
        if not value:
            continue
        # the header first: a date or a name printed there is the document's own statement of it
        span = (finder(document.text, value, header.start, header.end) if header else None) or finder(
            document.text, value)
        if span is None:
            lines.append(Line(f"{name}: {shown}", (), note=_FROM_MANIFEST))
            continue
        locator = locate(document.sections, span[0])
        lines.append(Line(f"{name}: {shown}", (cite(document, locator, *span),)))
    return tuple(lines)


def point_lines(document: Document) -> tuple[Line, ...]:
    """The document's main points in order: the lead of its preamble, then its numbered provisions, each
    quoted up to its first sentence; a heading or a clause ending in ':' opens onto its sub-points."""
    lines: list[Line] = []
    for section in document.sections:
        if section.kind == "preamble":
            lines += _preamble_points(document, section)
        elif section.kind not in _FRAME:
            _add_points(document, section, 0, lines)
    return tuple(lines)


def _preamble_points(document: Document, section: Section) -> list[Line]:
    """The preamble's own statements. Skipped: lines all in capitals (the issuing body, "QUYẾT ĐỊNH:") and
    "Căn cứ ..." lines, the legal bases Vietnamese administrative documents list first, shown as related
    documents instead."""
    lines, text = [], document.text
    for start, end in line_spans(text, section.start, section.end):
        letters = [ch for ch in text[start:end] if ch.isalpha()]
        if not letters or all(ch.isupper() for ch in letters) or text.startswith("Căn cứ", start):
            continue
        stop, cut = first_sentence(text, start, end)
        lines.append(Line(text[start:stop], (cite(document, section.locator, start, stop),), True, cut))
    return lines


def _add_points(document: Document, section: Section, depth: int, lines: list[Line]) -> None:
    start, end = clause_span(document, section)
    if end > start:
        stop, cut = first_sentence(document.text, start, end)
        citation = cite(document, section.locator, start, stop)
        lines.append(Line(document.text[start:stop], (citation,), True, cut, depth))
    if depth < _POINT_DEPTH and (section.kind in _TITLED or _opens(document.text[start:end])):
        for child in section.children:
            _add_points(document, child, depth + 1, lines)


def _opens(clause: str) -> bool:
    """Whether a clause introduces the ones under it: it ends in ':' or is a heading line."""
    clause = clause.rstrip()
    letters = [ch for ch in clause if ch.isalpha()]
    heading = len(clause) <= _HEADING_LENGTH
    return clause.endswith(":") or heading or bool(letters) and all(ch.isupper() for ch in letters)
