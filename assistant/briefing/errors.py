"""Errors of the briefing step; the CLI and the API show their Vietnamese `message`.

AssistantError (assistant/errors.py)
└── BriefingError
    ├── BadBriefingRequest  none or several of document / unit / topic, an empty topic, an unknown format
    ├── UnknownDocument     no stored document answers to the number given
    ├── UnknownUnit         no assignment names the unit given
    └── TopicNotFound       no clause of the stored documents contains the topic
"""

from __future__ import annotations

from assistant.errors import AssistantError


class BriefingError(AssistantError):
    pass


class BadBriefingRequest(BriefingError):
    pass


class UnknownDocument(BriefingError):
    pass


class UnknownUnit(BriefingError):
    pass


class TopicNotFound(BriefingError):
    pass
