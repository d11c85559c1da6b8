"""Briefings for trainers: faithful, cited summaries by document, by unit or by topic (issue #6)."""

from assistant.briefing.build import build_briefing
from assistant.briefing.render import FORMATS, render

__all__ = ["FORMATS", "build_briefing", "render"]
