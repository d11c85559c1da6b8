"""Ingest step: put parsed documents into the index (passages with dense and lexical vectors) and the registry.

Replacing a document never leaves it missing or doubled: the new version's passages are written first
(searches ignore them, since the registry still names the old version), then the registry switches to the
new version in one write, then the old passages are deleted. A crash at any point leaves the old version
whole or the new one whole; the next ingest finishes the job.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ingest.embed import Embedder
from ingest.lexical import sparse_vector
from ingest.passages import Passage, document_version, passages_of
from ingest.registry import DocumentRegistry, Record
from ingest.store import IndexPoint, Store, open_store, point_id
from ingest.types import Document

# Passages are embedded in batches: large enough to keep the model busy, small enough to show progress.
EMBED_BATCH = 32


@dataclass(frozen=True)
class IngestResult:
    number: str
    status: str  # "added", "replaced" or "unchanged"
    passages: int


class CorpusIndex:
    """Passages (searchable) and whole documents (for composing answers), in one Qdrant."""

    def __init__(self, store: Store, registry: DocumentRegistry, embedder: Embedder | None):
        self.store = store
        self.registry = registry
        self.embedder = embedder

    def add(self, document: Document, source_sha: str = "", progress: Callable[[int], None] | None = None) -> IngestResult:
        """Index a document; a document already indexed with the same version is left as it is."""
        if self.embedder is None:
            raise ValueError("CorpusIndex.add needs an embedder")
        version = document_version(document)
        previous = self.registry.get(document.number)
        if previous is not None and previous.version == version:
            if previous.source_sha != source_sha:
                self.registry.put(Record(document, version, source_sha))
            return IngestResult(document.number, "unchanged", 0)
        passages = passages_of(document)
        self.store.ensure(self.embedder.dim)
        self.registry.ensure()
        for start in range(0, len(passages), EMBED_BATCH):
            batch = passages[start : start + EMBED_BATCH]
            vectors = self.embedder.embed_documents([embedding_text(p) for p in batch])
            points = [
                IndexPoint(
                    id=point_id(f"{version}|{passage.key}"),
                    dense=vector,
                    sparse=sparse_vector(lexical_text(passage), query=False),
                    payload=passage_payload(passage, document, version),
                )
                for passage, vector in zip(batch, vectors)
            ]
            self.store.upsert(points)
            if progress:
                progress(len(batch))
        self.registry.put(Record(document, version, source_sha))
        self.store.delete_other_versions(document.number, keep=version)
        return IngestResult(document.number, "replaced" if previous else "added", len(passages))

    def remove(self, number: str) -> bool:
        """Remove a document and its passages; False when it was not there."""
        existed = self.registry.remove(number)
        if self.store.count():
            self.store.delete("doc_number", number)
        return existed

    def records(self) -> list[Record]:
        return self.registry.all()

    def document(self, number: str) -> Document | None:
        record = self.registry.get(number)
        return record.document if record else None

    def close(self) -> None:
        self.store.close()


def open_index(
    data_dir: Path, url: str | None, api_key: str | None, collection: str, embedder: Embedder | None
) -> CorpusIndex:
    """The index in `data_dir/qdrant` (embedded), or on the Qdrant server at `url`."""
    store = open_store(None if url else data_dir / "qdrant", url, api_key, collection)
    return CorpusIndex(store, DocumentRegistry(store.client, f"{collection}_documents"), embedder)


def file_sha(path: Path) -> str:
    """Content hash of a file: re-ingesting an unchanged file is skipped before parsing."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def embedding_text(passage: Passage) -> str:
    """What the dense model reads: the passage under its document identity and headings."""
    return f"{passage.context}\n{passage.text}"


def lexical_text(passage: Passage) -> str:
    return f"{passage.context}\n{passage.text}"


def passage_payload(passage: Passage, document: Document, version: str) -> dict:
    """Everything a search hit needs to become a citation, without reading the document again."""
    return {
        "doc_number": document.number,
        "version": version,
        "doc_type": document.doc_type,
        "doc_title": document.title,
        "issuer": document.issuer,
        "issued": document.issued,
        "locator": list(passage.locator),
        "paragraph": passage.paragraph,
        "label": passage.label,
        "kind": passage.kind,
        "start": passage.start,
        "end": passage.end,
        "text": passage.text,
        "context": passage.context,
        "assignments": [
            {
                "units": list(a.units),
                "role": a.role,
                "task": a.task,
                "task_start": a.task_start,
                "task_end": a.task_end,
                "deadline": a.deadline,
                "report_to": list(a.report_to),
                "inherited": a.inherited,
            }
            for a in passage.assignments
        ],
    }
