"""Ingest step: cut a parsed document into passages, the units of retrieval and citation.

A passage is one section's own text (a clause, a bullet, a continuation paragraph, the header ...). It is
embedded with the headings above it, because "- Rà soát việc thực hiện Đề án 02-ĐA/TU ..." means little
without "4. Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo Ủy ban nhân dân tỉnh:" above it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ingest.types import Assignment, Document, Locator, Section

# Headings above a passage are cut to this many characters each: enough to name the subject and topic.
_CONTEXT_CHARS = 220


@dataclass(frozen=True)
class Passage:
    """A citable span of a document: text == document.text[start:end]."""

    doc_number: str
    locator: Locator
    paragraph: int
    label: str
    kind: str
    start: int
    end: int
    text: str
    context: str  # document identity and the headings above, for embedding and lexical matching
    assignments: tuple[Assignment, ...]

    @property
    def key(self) -> str:
        """Stable identity inside its document version."""
        return f"{self.doc_number}|{'>'.join(self.locator)}|{self.paragraph}|{self.start}"


def document_version(document: Document) -> str:
    """A hash of the stored text and the parser's reading: any change gives a new version."""
    digest = hashlib.sha256(document.text.encode("utf-8"))
    digest.update(repr((document.number, document.doc_type, document.title, document.issued)).encode("utf-8"))
    return digest.hexdigest()[:16]


def passages_of(document: Document) -> list[Passage]:
    """Every non-empty passage of the document, in document order."""
    identity = _identity(document)
    found: list[Passage] = []
    for section, ancestors in _walk(document.sections, ()):
        start, end = _own_span(document.text, section)
        if end <= start:
            continue
        headings = [_clip(document.text[a.start : _own_span(document.text, a)[1]]) for a in ancestors]
        assignments = tuple(
            a for a in document.assignments
            if a.locator == section.locator and start <= a.task_start <= max(a.task_end, start) <= end
        )
        found.append(
            Passage(
                doc_number=document.number,
                locator=section.locator,
                paragraph=section.paragraph,
                label=section.label,
                kind=section.kind,
                start=start,
                end=end,
                text=document.text[start:end],
                context="\n".join([identity, *headings]),
                assignments=assignments,
            )
        )
    return found


def _identity(document: Document) -> str:
    parts = [document.doc_type, document.number]
    if document.issuer:
        parts.append(f"của {document.issuer}")
    if document.title:
        parts.append(f"về {document.title}" if not document.title.lower().startswith("về") else document.title)
    return " ".join(parts)


def _walk(sections: tuple[Section, ...], ancestors: tuple[Section, ...]):
    for section in sections:
        yield section, ancestors
        yield from _walk(section.children, ancestors + (section,))


def _own_span(text: str, section: Section) -> tuple[int, int]:
    end = section.own_end if section.kind != "paragraph" else section.end
    while end > section.start and text[end - 1].isspace():
        end -= 1
    return section.start, end


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _CONTEXT_CHARS else text[: _CONTEXT_CHARS - 1] + "…"
