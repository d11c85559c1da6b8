"""Briefing writers' shared wording: how a line, a citation and a table row read on paper, the same in
Markdown, .docx and HTML. Quotes keep the document's words; only runs of blanks and line breaks become one
space, since a printed table cell wraps the text anyway."""

from __future__ import annotations

from assistant.briefing.types import Line, Row

COLUMNS = ("Đơn vị", "Vai trò", "Nhiệm vụ", "Thời hạn", "Báo cáo cho", "Trích dẫn")
NOTICE = ("Tài liệu tổng hợp từ văn bản gốc đã nạp vào chidao. Lời văn trong ngoặc kép là nguyên văn của văn bản; "
          "mỗi dòng ghi nguồn (số văn bản, vị trí trong văn bản) để đối chiếu.")


def flat(text: str) -> str:
    """The text on one line: line breaks and runs of blanks become one space."""
    return " ".join(text.split())


def line_text(line: Line) -> str:
    """A line as printed: a quote between “ ”, with … where it stops before its clause ends."""
    text = flat(line.text)
    return f"“{text}{' …' if line.cut else ''}”" if line.quote else text


def sources(line: Line) -> str:
    """Where a line was read ("3400-CV/TU, Mục 5; ..."), or where its fact comes from when not printed."""
    return "; ".join(citation.short for citation in line.citations) or line.note


def note(line: Line) -> str:
    """What is said alongside a line (units and roles); empty when the note only says where a fact comes from."""
    return line.note if line.citations else ""


def row_cells(row: Row, units_joiner: str = "\n") -> tuple[str, ...]:
    """The cells of a responsibility row, in COLUMNS order; the task is the document's own words."""
    return (
        units_joiner.join(row.units), row.role, flat(row.task), row.deadline or "",
        units_joiner.join(row.report_to), row.citation.short,
    )
