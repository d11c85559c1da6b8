"""Briefing writer: printable HTML (A4 page rules, Times New Roman, table headers repeated on each page), from
the jinja2 template in templates/briefing.html."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from assistant.briefing.layout import COLUMNS, NOTICE, line_text, note, row_cells, sources
from assistant.briefing.types import Briefing

_TEMPLATES = Path(__file__).parent / "templates"


def to_html(briefing: Briefing) -> str:
    """The briefing as one self-contained HTML page."""
    return _template().render(
        briefing=briefing, notice=NOTICE, columns=COLUMNS,
        line_text=line_text, note=note, sources=sources, row_cells=row_cells,
    )


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, FileSystemLoader

    environment = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return environment.get_template("briefing.html")
