"""Briefing stage: the plain data a briefing is made of. Builders fill it from stored documents; the writers
(Markdown, .docx, HTML) only format it. Every quoted span is a character offset into the stored text."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.types import Locator


@dataclass(frozen=True)
class Citation:
    """Where a briefing line was read: document text[start:end], inside the section at `locator`."""

    doc_number: str
    locator: Locator
    label: str  # for people: "Mục 4, gạch đầu dòng thứ 2"
    start: int
    end: int

    @property
    def short(self) -> str:
        """'3400-CV/TU, Mục 5': how a printed briefing names the source."""
        return f"{self.doc_number}, {self.label}"


@dataclass(frozen=True)
class Line:
    """One statement: the document's own words (`quote`) or a fact read at its citations."""

    text: str
    citations: tuple[Citation, ...]
    quote: bool = False  # text == document text[start:end] of the first citation
    cut: bool = False  # a quote that stops before its clause ends (writers add "…")
    depth: int = 0
    note: str = ""  # said alongside: a role and deadline, or where a fact comes from when the text lacks it


@dataclass(frozen=True)
class Row:
    """One line of a responsibility table: the units a clause gives the same role, task and deadline."""

    units: tuple[str, ...]
    role: str
    task: str  # == document text[citation.start:citation.end]
    deadline: str | None
    report_to: tuple[str, ...]
    citation: Citation
    assignments: int  # how many extracted assignments (one per unit) the row stands for


@dataclass(frozen=True)
class Part:
    """A heading with what falls under it: lines, a responsibility table, or further parts."""

    heading: str
    lines: tuple[Line, ...] = ()
    rows: tuple[Row, ...] = ()
    parts: tuple[Part, ...] = ()
    empty: str = ""  # printed when the part has nothing to show


@dataclass(frozen=True)
class Briefing:
    """A printable summary for trainers, by document, by unit or by topic."""

    kind: str  # "doc", "unit" or "topic"
    subject: str  # the document number, the unit names, or the topic as typed
    title: str
    subtitle: str
    parts: tuple[Part, ...]
    documents: tuple[str, ...]  # the documents it draws on

    def rows(self) -> list[Row]:
        """Every responsibility row, in order."""
        return [row for part in self.parts for row in _rows(part)]

    def lines(self) -> list[Line]:
        """Every line, in order."""
        return [line for part in self.parts for line in _lines(part)]


def _rows(part: Part) -> list[Row]:
    return list(part.rows) + [row for child in part.parts for row in _rows(child)]


def _lines(part: Part) -> list[Line]:
    return list(part.lines) + [line for child in part.parts for line in _lines(child)]
