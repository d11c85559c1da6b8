"""Briefing stage exit: `render(briefing, fmt)` in one of the formats trainers print or edit."""

from __future__ import annotations

from assistant.briefing.errors import BadBriefingRequest
from assistant.briefing.types import Briefing

FORMATS = ("md", "docx", "html")


def render(briefing: Briefing, fmt: str) -> str | bytes:
    """Markdown or HTML text, or the bytes of a .docx file."""
    if fmt == "md":
        from assistant.briefing.markdown import to_markdown

        return to_markdown(briefing)
    if fmt == "html":
        from assistant.briefing.html import to_html

        return to_html(briefing)
    if fmt == "docx":
        from assistant.briefing.docx_writer import to_docx

        return to_docx(briefing)
    raise BadBriefingRequest(f"Định dạng “{fmt}” không được hỗ trợ. Hãy chọn một trong: {', '.join(FORMATS)}.")
