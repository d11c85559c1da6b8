"""What the web API serves from: one Assistant (index client, embedder, documents) built in the lifespan and
shared by every request.

Requests run in worker threads; the embedded Qdrant client and the embedder are not made for concurrent use,
so every use of the index goes through one lock. A question takes tens of milliseconds, so the lock costs
little; an upload holds it while the new document is embedded and written.
Several processes on one Qdrant server never share memory: before each request the service compares the
registry's document versions with the ones it has loaded and reloads when another process changed them.
"""

from __future__ import annotations

import re
import shutil
import threading
import unicodedata
import uuid
from pathlib import Path

from assistant.engine import Assistant
from assistant.types import Answer
from ingest.errors import UnsupportedFile
from ingest.index import IngestResult, file_sha
from ingest.lookup import find_document
from ingest.pipeline import parse_file
from ingest.readers import SUPPORTED_SUFFIXES
from ingest.types import Document


class NotFound(Exception):
    """`message` is Vietnamese and says what exists."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Service:
    def __init__(self, assistant: Assistant, uploads: Path, embedder_name: str, server: bool):
        self.assistant = assistant
        self.uploads = uploads  # uploaded originals are kept here, so nothing a user sent is lost
        self.embedder_name = embedder_name
        self.server = server
        self._lock = threading.RLock()
        self._versions = self._registry_versions()

    def ask(self, question: str, conversation_id: str | None = None, remember_as: str | None = None) -> Answer:
        with self._lock:
            self._refresh()
            return self.assistant.ask(question, conversation_id, remember_as)

    def documents(self) -> dict[str, Document]:
        with self._lock:
            self._refresh()
            return dict(self.assistant.documents)

    def cited_only(self) -> list:
        """Documents the corpus cites but whose text it does not have (graph nodes without text)."""
        with self._lock:
            return [node for node in self.assistant.graph.nodes if not node.has_text]

    def document(self, name: str) -> Document:
        documents = self.documents()
        found = find_document(documents, name)
        if found is None:
            known = ", ".join(sorted(documents)) or "chưa có văn bản nào"
            raise NotFound(f"Không tìm thấy văn bản “{name}”. Các văn bản hiện có: {known}.")
        return found

    def ingest_upload(self, filename: str, data: bytes, max_bytes: int) -> tuple[Document, IngestResult]:
        """Parse an uploaded file, index it, keep the original; a bad file changes nothing."""
        name = safe_filename(filename)
        incoming = self.uploads / ".incoming" / uuid.uuid4().hex
        incoming.mkdir(parents=True)
        path = incoming / name
        try:
            path.write_bytes(data)
            document = parse_file(path, max_bytes=max_bytes)  # the reader checks the content, not the name
            with self._lock:
                result = self.assistant.index.add(document, file_sha(path))
                self.assistant.reload()
                self._versions = self._registry_versions()
            kept = self.uploads / name
            shutil.move(str(path), kept)
            return document, result
        finally:
            shutil.rmtree(incoming, ignore_errors=True)

    def remove(self, name: str) -> str:
        document = self.document(name)
        with self._lock:
            self.assistant.index.remove(document.number)
            self.assistant.reload()
            self._versions = self._registry_versions()
        return document.number

    def close(self) -> None:
        with self._lock:
            self.assistant.close()

    def _refresh(self) -> None:
        versions = self._registry_versions()
        if versions != self._versions:
            self.assistant.reload()
            self._versions = versions

    def _registry_versions(self) -> dict[str, str]:
        return self.assistant.index.registry.versions()


def safe_filename(filename: str) -> str:
    """The file's base name with only letters, digits, '.', '-' and '_' (Vietnamese letters kept, NFC);
    raises UnsupportedFile when the extension is not one chidao reads."""
    base = unicodedata.normalize("NFC", Path(filename.replace("\\", "/")).name)
    stem, dot, suffix = base.rpartition(".")
    if not dot or f".{suffix.lower()}" not in SUPPORTED_SUFFIXES:
        raise UnsupportedFile(
            base or "(không tên)",
            f"Không đọc được loại tệp này. Hãy gửi một trong các loại: {', '.join(SUPPORTED_SUFFIXES)}.",
        )
    stem = re.sub(r"[^\w.-]+", "_", stem).strip("._-")[:120] or "van-ban"
    return f"{stem}.{suffix.lower()}"
