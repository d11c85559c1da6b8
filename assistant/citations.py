"""Assistant step: numbered citations — every quoted passage is exactly the stored text at its offsets."""

from __future__ import annotations

from assistant.types import Citation, Passage
from ingest.types import Document, Locator, Section


class CitationList:
    """Citations of one answer, numbered [1], [2], ... in the order they are first used."""

    def __init__(self, documents: dict[str, Document]):
        self.documents = documents
        self.items: list[Citation] = []

    def cite_passage(self, passage: Passage) -> int:
        return self.cite(passage.doc_number, passage.locator, passage.start, passage.end, passage.label, passage.paragraph)

    def cite_section(self, number: str, section: Section) -> int:
        end = section.own_end if section.kind != "paragraph" else section.end
        return self.cite(number, section.locator, section.start, end, section.label, section.paragraph)

    def cite_offset(self, number: str, offset: int) -> int | None:
        """Cite the innermost section whose own text holds `offset` (a fact read inside a clause)."""
        document = self.documents.get(number)
        if document is None:
            return None
        best = None
        for section in document.walk():
            end = section.own_end if section.kind != "paragraph" else section.end
            if section.start <= offset < max(end, section.start + 1):
                best = section
        return self.cite_section(number, best) if best else None

    def cite(self, number: str, locator: Locator, start: int, end: int, label: str, paragraph: int = 0) -> int:
        for citation in self.items:
            if citation.doc_number == number and citation.start == start and citation.end == end:
                return citation.id
        document = self.documents[number]
        text = document.text
        while end > start and text[end - 1].isspace():
            end -= 1
        self.items.append(
            Citation(
                id=len(self.items) + 1,
                doc_number=number,
                doc_title=document.title,
                issuer=document.issuer,
                issued=document.issued,
                locator=tuple(locator),
                label=label,
                text=text[start:end],
                start=start,
                end=end,
                paragraph=paragraph,
            )
        )
        return len(self.items)
