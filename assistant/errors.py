"""Errors of the assistant stage; the CLI and the API turn them into Vietnamese messages.

AssistantError
├── BadQuestion     empty, too long, or not text: the user can fix it
├── IndexNotReady   nothing ingested yet, or the index cannot be opened
└── WriterUnavailable  the optional LLM writer is configured but cannot be built (bad URL, package missing)

"No answer in the documents" is not an error: it is a normal Answer with answerable false.
"""

from __future__ import annotations


class AssistantError(Exception):
    """`message` is Vietnamese and says what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class BadQuestion(AssistantError):
    pass


class IndexNotReady(AssistantError):
    pass


class WriterUnavailable(AssistantError):
    pass
