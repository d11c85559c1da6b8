"""Briefing writer: Markdown, for editing or pasting (headings, bullet lines with their sources, pipe tables)."""

from __future__ import annotations

from assistant.briefing.layout import COLUMNS, NOTICE, line_text, note, row_cells, sources
from assistant.briefing.types import Briefing, Part


def to_markdown(briefing: Briefing) -> str:
    """The briefing as a Markdown document."""
    out = [f"# {briefing.title}", "", f"**{briefing.subtitle}**", "", f"*{NOTICE}*", ""]
    for part in briefing.parts:
        _part(part, 2, out)
    return "\n".join(out).rstrip() + "\n"


def _part(part: Part, level: int, out: list[str]) -> None:
    out += [f"{'#' * level} {_escape(part.heading)}", ""]
    for line in part.lines:
        said = f" — {_escape(note(line))}" if note(line) else ""
        out.append(f"{'  ' * line.depth}- {_escape(line_text(line))}{said} *({_escape(sources(line))})*")
    if part.lines:
        out.append("")
    if part.rows:
        out.append("| " + " | ".join(COLUMNS) + " |")
        out.append("|" + "---|" * len(COLUMNS))
        for row in part.rows:
            out.append("| " + " | ".join(_cell(cell) for cell in row_cells(row, "; ")) + " |")
        out.append("")
    for child in part.parts:
        _part(child, min(level + 1, 6), out)
    if part.empty and not (part.lines or part.rows or part.parts):
        out += [f"*{part.empty}*", ""]


def _escape(text: str) -> str:
    """Markdown would read * _ ` [ as formatting; a directive's text uses them literally."""
    for mark in ("\\", "*", "_", "`", "["):
        text = text.replace(mark, "\\" + mark)
    return text


def _cell(text: str) -> str:
    return _escape(text).replace("|", "\\|")
