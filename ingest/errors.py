"""Errors of the ingest stage; the CLI and the API turn them into Vietnamese messages.

IngestError
├── UnsupportedFile     the file type is not one chidao reads
├── UnreadableFile      the file cannot be opened or decoded (also a scanned PDF without text)
├── LegacyEncoding      the text is in a legacy Vietnamese encoding that could not be converted
├── EmptyDocument       nothing but white space after reading
├── DocumentTooLarge    over the configured size limit
└── MissingNumber       no document number in the header and none in the manifest
"""

from __future__ import annotations


class IngestError(Exception):
    """A file could not be turned into a document. `message` is Vietnamese and says what to do."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class UnsupportedFile(IngestError):
    pass


class UnreadableFile(IngestError):
    pass


class LegacyEncoding(IngestError):
    pass


class EmptyDocument(IngestError):
    pass


class DocumentTooLarge(IngestError):
    pass


class MissingNumber(IngestError):
    pass
