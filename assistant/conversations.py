"""Assistant step: what a conversation remembers between questions — its documents, its subject, its topic.

Kept in Qdrant beside the index (not in one process's memory), so any API replica on a shared Qdrant server
can answer the next question of a conversation another replica started.
"""

from __future__ import annotations

import dataclasses
import json
import time
import uuid

from ingest.registry import ensure_record_collection

_NAMESPACE = uuid.UUID("1d3c9e47-7a2b-4c55-8f0e-2b6a9d4c1e83")
# Conversations untouched for this long are forgotten when the next one is saved.
MAX_AGE_SECONDS = 7 * 24 * 3600


@dataclasses.dataclass(frozen=True)
class Turn:
    """The reading of the previous question that a follow-up may reuse."""

    documents: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()  # units the conversation is about
    topic: str = ""  # the text the last search ran on
    passage: tuple[str, int, int] | None = None  # (document, start, end) of the clause the answer rested on
    kind: str = "general"


class ConversationStore:
    def __init__(self, client, collection: str):
        self._client = client
        self.collection = collection

    def ensure(self) -> None:
        ensure_record_collection(self._client, self.collection)

    def get(self, conversation_id: str) -> Turn | None:
        if not self._client.collection_exists(self.collection):
            return None
        points = self._client.retrieve(self.collection, ids=[self._id(conversation_id)], with_payload=True)
        if not points:
            return None
        data = json.loads(points[0].payload["turn"])
        data["documents"] = tuple(data["documents"])
        data["subjects"] = tuple(data["subjects"])
        data["passage"] = tuple(data["passage"]) if data.get("passage") else None
        return Turn(**data)

    def put(self, conversation_id: str, turn: Turn) -> None:
        from qdrant_client import models

        self.ensure()
        payload = {"turn": json.dumps(dataclasses.asdict(turn), ensure_ascii=False), "updated": time.time()}
        self._client.upsert(
            self.collection,
            points=[models.PointStruct(id=self._id(conversation_id), vector=[1.0], payload=payload)],
            wait=True,
        )

    def forget_old(self, now: float | None = None) -> None:
        from qdrant_client import models

        if not self._client.collection_exists(self.collection):
            return
        cutoff = (now or time.time()) - MAX_AGE_SECONDS
        old = models.Filter(must=[models.FieldCondition(key="updated", range=models.Range(lt=cutoff))])
        self._client.delete(self.collection, points_selector=models.FilterSelector(filter=old))

    @staticmethod
    def _id(conversation_id: str) -> str:
        return str(uuid.uuid5(_NAMESPACE, conversation_id))


def new_conversation_id() -> str:
    return uuid.uuid4().hex
