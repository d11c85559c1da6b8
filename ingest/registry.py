"""Ingest output: whole parsed documents kept in Qdrant beside their passages, one point per document.

Keeping them in the same Qdrant (not in a local folder) means every API replica on a shared Qdrant server
sees the same documents, and a document's record is replaced in one atomic point write.
"""

from __future__ import annotations

import dataclasses
import json
import uuid

from ingest.serialize import document_from_dict, document_to_dict
from ingest.types import Document

_NAMESPACE = uuid.UUID("8f5a2c61-0d4b-4e3a-9c1f-3b7e5d9a2c40")


@dataclasses.dataclass(frozen=True)
class Record:
    """A stored document and the version its passages carry."""

    document: Document
    version: str
    source_sha: str  # hash of the file it was read from: an unchanged file is not parsed again


def ensure_record_collection(client, collection: str) -> None:
    """Create a collection of records (payload only) if it is missing."""
    from qdrant_client import models

    if not client.collection_exists(collection):
        # a record needs no vector; a one-dimensional placeholder keeps every Qdrant version happy
        client.create_collection(collection, vectors_config=models.VectorParams(size=1, distance=models.Distance.DOT))


class DocumentRegistry:
    """A Qdrant collection of documents; the client is shared with the passage store."""

    def __init__(self, client, collection: str):
        self._client = client
        self.collection = collection

    def ensure(self) -> None:
        ensure_record_collection(self._client, self.collection)

    def put(self, record: Record) -> None:
        """Write (or atomically replace) a document's record."""
        from qdrant_client import models

        payload = {
            "number": record.document.number,
            "version": record.version,
            "source_sha": record.source_sha,
            "source": record.document.source,
            "document": json.dumps(document_to_dict(record.document), ensure_ascii=False),
        }
        point = models.PointStruct(id=self._id(record.document.number), vector=[1.0], payload=payload)
        self._client.upsert(self.collection, points=[point], wait=True)

    def get(self, number: str) -> Record | None:
        if not self._client.collection_exists(self.collection):
            return None
        points = self._client.retrieve(self.collection, ids=[self._id(number)], with_payload=True)
        return self._record(points[0].payload) if points else None

    def remove(self, number: str) -> bool:
        from qdrant_client import models

        if self.get(number) is None:
            return False
        self._client.delete(self.collection, points_selector=models.PointIdsList(points=[self._id(number)]), wait=True)
        return True

    def all(self) -> list[Record]:
        """Every stored document, ordered by number."""
        if not self._client.collection_exists(self.collection):
            return []
        records, offset = [], None
        while True:
            points, offset = self._client.scroll(self.collection, limit=256, offset=offset, with_payload=True)
            records += [self._record(point.payload) for point in points]
            if offset is None:
                return sorted(records, key=lambda record: record.document.number)

    def versions(self) -> dict[str, str]:
        """number -> active version, for filtering out passages of a version being replaced."""
        if not self._client.collection_exists(self.collection):
            return {}
        found, offset = {}, None
        while True:
            points, offset = self._client.scroll(
                self.collection, limit=1024, offset=offset, with_payload=["number", "version"]
            )
            found.update({p.payload["number"]: p.payload["version"] for p in points})
            if offset is None:
                return found

    @staticmethod
    def _id(number: str) -> str:
        return str(uuid.uuid5(_NAMESPACE, number))

    @staticmethod
    def _record(payload: dict) -> Record:
        document = document_from_dict(json.loads(payload["document"]))
        return Record(document, payload["version"], payload.get("source_sha", ""))
