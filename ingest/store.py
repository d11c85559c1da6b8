"""Ingest step: the passage index, the one module that talks to Qdrant.

Each point has a dense vector (an Embedder's) and a lexical sparse vector (ingest.lexical) that the collection
scores with an IDF modifier (BM25). Embedded on disk by default, a Qdrant server when a URL is given.
Embedded Qdrant scores sparse vectors in a Python loop (167 ms a question over 1,377 passages), so there the
lexical leg is scored from an in-memory inverted copy instead: the same BM25, in about a millisecond.
"""

from __future__ import annotations

import math
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Sequence

import numpy as np

DENSE = "dense"
LEXICAL = "lexical"
# Each leg hands this many candidates (at least) to the fusion, so a passage ranked low by one leg and high by
# the other still meets both.
CANDIDATES = 50
# Derives point ids from content: the same passage always gets the same id, so re-ingesting is idempotent.
_ID_NAMESPACE = uuid.UUID("5b0e8a43-3c8e-4f5f-9d0e-6a1c2f7b9d21")

Mode = Literal["hybrid", "dense", "lexical"]
PayloadValue = str | int | bool


class StoreError(Exception):
    """The index cannot be used. `message` is Vietnamese and says what to do.

    StoreError
    ├── StoreUnavailable   the Qdrant server does not answer
    ├── StoreLocked        the on-disk index is open in another process
    └── StoreMismatch      the collection was built with another embedding size
    """

    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


class StoreUnavailable(StoreError):
    pass


class StoreLocked(StoreError):
    pass


class StoreMismatch(StoreError):
    pass


@dataclass(frozen=True)
class IndexPoint:
    """One passage to index: its id (see `point_id`), vectors and the payload returned with hits."""

    id: str
    dense: np.ndarray
    sparse: tuple[list[int], list[float]]
    payload: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Hit:
    """A passage found by `Store.search`, best first; `score` is comparable only within one search."""

    id: str
    score: float
    payload: dict


def point_id(content: str) -> str:
    """A UUID derived from content (e.g. document number, locator and text): stable across runs."""
    return str(uuid.uuid5(_ID_NAMESPACE, content))


class Store:
    """A Qdrant collection of passages; build it with `open_store`."""

    def __init__(self, client, collection: str, where: str, *, lexical_copy: bool):
        self._client = client
        self.collection = collection
        self.where = where
        self.lexical_copy = lexical_copy
        self._copy: _LexicalCopy | None = None  # built at the first lexical search, dropped on every write

    def ensure(self, dim: int) -> None:
        """Create the collection if it does not exist; refuse one built for another embedding size."""
        from qdrant_client import models

        if self._client.collection_exists(self.collection):
            vectors = self._client.get_collection(self.collection).config.params.vectors
            existing = vectors[DENSE].size if isinstance(vectors, dict) and DENSE in vectors else None
            if existing != dim:
                raise StoreMismatch(
                    self.where,
                    f"Bộ sưu tập '{self.collection}' được tạo với vectơ {existing} chiều, mô hình nhúng "
                    f"hiện tại cho {dim} chiều. Xóa chỉ mục và chạy lại `chidao ingest`, "
                    "hoặc dùng lại mô hình cũ.",
                )
            return
        self._client.create_collection(
            self.collection,
            vectors_config={DENSE: models.VectorParams(size=dim, distance=models.Distance.COSINE)},
            sparse_vectors_config={LEXICAL: models.SparseVectorParams(modifier=models.Modifier.IDF)},
        )

    def upsert(self, points: Sequence[IndexPoint], *, batch_size: int = 256) -> None:
        """Insert or replace points (same id: replaced)."""
        from qdrant_client import models

        for start in range(0, len(points), batch_size):
            batch = [
                models.PointStruct(
                    id=point.id,
                    vector={
                        DENSE: np.asarray(point.dense, dtype=np.float32).tolist(),
                        LEXICAL: models.SparseVector(indices=point.sparse[0], values=point.sparse[1]),
                    },
                    payload=point.payload,
                )
                for point in points[start : start + batch_size]
            ]
            self._client.upsert(self.collection, points=batch)
        self._copy = None

    def delete(self, key: str, value: PayloadValue) -> None:
        """Delete every point whose payload has `key` equal to `value`."""
        from qdrant_client import models

        selector = models.FilterSelector(filter=_filter({key: value}))
        self._client.delete(self.collection, points_selector=selector)
        self._copy = None

    def delete_other_versions(self, number: str, keep: str) -> None:
        """Delete a document's points of every version but `keep` (stale or half-written ones)."""
        from qdrant_client import models

        stale = models.Filter(
            must=[models.FieldCondition(key="doc_number", match=models.MatchValue(value=number))],
            must_not=[models.FieldCondition(key="version", match=models.MatchValue(value=keep))],
        )
        self._client.delete(self.collection, points_selector=models.FilterSelector(filter=stale))
        self._copy = None

    @property
    def client(self):
        """The qdrant-client instance, shared with the document registry (one client per embedded folder)."""
        return self._client

    def ids_for(self, key: str, value: PayloadValue) -> set[str]:
        """Ids of the points whose payload has `key` equal to `value`."""
        ids: set[str] = set()
        offset = None
        while True:
            records, offset = self._client.scroll(
                self.collection, scroll_filter=_filter({key: value}), limit=1024, offset=offset,
                with_payload=False, with_vectors=False,
            )
            ids.update(str(record.id) for record in records)
            if offset is None:
                return ids

    def search(
        self,
        query_dense: np.ndarray | None,
        query_sparse: tuple[list[int], list[float]] | None,
        *,
        limit: int = 10,
        mode: Mode = "hybrid",
        filter: dict[str, PayloadValue] | None = None,
        dense_weight: float = 1.0,
        lexical_weight: float = 1.0,
    ) -> list[Hit]:
        """The best `limit` passages for a question, by one leg or both fused (see `fuse`)."""
        if mode not in ("hybrid", "dense", "lexical"):
            raise ValueError(f"mode must be hybrid, dense or lexical, not {mode!r}")
        query_filter = _filter(filter) if filter else None
        depth = max(limit, CANDIDATES) if mode == "hybrid" else limit
        dense_hits = lexical_hits = []
        if mode != "lexical":
            if query_dense is None:
                raise ValueError(f"mode {mode} needs a dense query vector")
            dense = np.asarray(query_dense, dtype=np.float32).tolist()
            dense_hits = self._query(dense, DENSE, depth, query_filter)
        if mode != "dense":
            if query_sparse is None:
                raise ValueError(f"mode {mode} needs a sparse query vector")
            if self.lexical_copy:
                lexical_hits = self._lexical().search(query_sparse, depth, filter or {})
            else:
                lexical_hits = self._query(_sparse(query_sparse), LEXICAL, depth, query_filter)
        if mode == "dense":
            return dense_hits
        if mode == "lexical":
            return lexical_hits
        return fuse([(dense_hits, dense_weight), (lexical_hits, lexical_weight)], limit=limit)

    def _query(self, query, using: str, limit: int, query_filter) -> list[Hit]:
        response = self._client.query_points(
            self.collection, query=query, using=using, limit=limit, query_filter=query_filter,
            with_payload=True,
        )
        return [Hit(str(point.id), float(point.score), point.payload or {}) for point in response.points]

    def _lexical(self) -> _LexicalCopy:
        if self._copy is None:
            records, offset = [], None
            while True:
                page, offset = self._client.scroll(
                    self.collection, limit=1024, offset=offset, with_payload=True, with_vectors=[LEXICAL]
                )
                records += page
                if offset is None:
                    break
            self._copy = _LexicalCopy(records)
        return self._copy

    def count(self) -> int:
        """Number of points in the collection (0 when it does not exist yet)."""
        if not self._client.collection_exists(self.collection):
            return 0
        return self._client.count(self.collection, exact=True).count

    def close(self) -> None:
        """Release the collection (and the on-disk lock in embedded mode)."""
        self._client.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _LexicalCopy:
    """The collection's sparse vectors as an inverted index, scored as Qdrant scores them (modifier IDF)."""

    def __init__(self, records) -> None:
        self.ids = [str(record.id) for record in records]
        self.payloads = [record.payload or {} for record in records]
        postings: dict[int, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for row, record in enumerate(records):
            vector = record.vector[LEXICAL]
            for index, value in zip(vector.indices, vector.values):
                postings[index][0].append(row)
                postings[index][1].append(value)
        self.postings = {
            index: (np.array(rows, dtype=np.int64), np.array(values, dtype=np.float64))
            for index, (rows, values) in postings.items()
        }

    def search(self, query: tuple[list[int], list[float]], limit: int, conditions: dict) -> list[Hit]:
        total = len(self.ids)
        scores = np.zeros(total)
        for index, value in zip(*query):
            rows, weights = self.postings.get(index, (None, None))
            if rows is None:
                continue
            # Qdrant's IDF: ln((N - df + 0.5) / (df + 0.5) + 1), over every point of the collection
            idf = math.log((total - len(rows) + 0.5) / (len(rows) + 0.5) + 1)
            scores[rows] += value * idf * weights  # a term appears once per point: rows are distinct
        if conditions:
            kept = np.array([conditions.items() <= payload.items() for payload in self.payloads], dtype=bool)
            scores[~kept] = 0.0
        best = np.argsort(-scores, kind="stable")[:limit]
        return [Hit(self.ids[row], float(scores[row]), self.payloads[row]) for row in best if scores[row] > 0]


def fuse(legs: Sequence[tuple[list[Hit], float]], *, limit: int) -> list[Hit]:
    """Weighted distribution-based score fusion: Qdrant's DBSF, with a weight per leg.

    Each leg's scores are mapped to [0, 1] by its own mean +- 3 standard deviations (cosines and BM25 sums
    live on different scales), weighted and summed; a passage a leg did not return gets nothing from it.
    Measured on ALQAC 2022 against RRF and max- or min-max-scaled sums (.notes/retrieval.md).
    """
    scores: dict[str, float] = {}
    payloads: dict[str, dict] = {}
    for hits, weight in legs:
        values = np.array([hit.score for hit in hits], dtype=np.float64)
        if len(values) == 0 or weight <= 0:
            continue
        spread = 6 * values.std(ddof=1) if len(values) > 1 else 0.0
        scaled = (values - values.mean()) / spread + 0.5 if spread > 0 else np.full(len(values), 0.5)
        for hit, value in zip(hits, scaled):
            scores[hit.id] = scores.get(hit.id, 0.0) + weight * float(value)
            payloads[hit.id] = hit.payload
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:limit]
    return [Hit(point, score, payloads[point]) for point, score in ranked]


def open_store(
    path: Path | None,
    url: str | None,
    api_key: str | None,
    collection: str,
    *,
    lexical_copy: bool | None = None,
) -> Store:
    """Open the index: a Qdrant server when `url` is given, otherwise embedded Qdrant in the folder `path`.

    `lexical_copy` scores the lexical leg from an in-memory copy; by default only in embedded mode.
    """
    from qdrant_client import QdrantClient

    if url:
        client = QdrantClient(url=url, api_key=api_key, timeout=10)
        try:
            client.get_collections()
        except Exception as error:  # connection refused, timeout, bad key: all mean "cannot use it"
            client.close()
            raise StoreUnavailable(
                url,
                f"Không kết nối được máy chủ Qdrant ({type(error).__name__}). Kiểm tra máy chủ đang chạy "
                "(ví dụ: docker run -p 6333:6333 qdrant/qdrant) và QDRANT_URL, QDRANT_API_KEY; "
                "hoặc bỏ QDRANT_URL để dùng chỉ mục nhúng trên đĩa.",
            ) from error
        return Store(client, collection, url, lexical_copy=bool(lexical_copy))
    if path is None:
        raise ValueError("open_store needs a folder (embedded mode) or a server url")
    path.mkdir(parents=True, exist_ok=True)
    try:
        client = QdrantClient(path=str(path))
    except RuntimeError as error:
        if "already accessed" not in str(error):
            raise
        raise StoreLocked(
            str(path),
            "Chỉ mục này đang được một tiến trình chidao khác mở (ví dụ `chidao serve` hoặc `chidao chat`). "
            "Dừng tiến trình đó rồi chạy lại, hoặc dùng máy chủ Qdrant (đặt QDRANT_URL) để nhiều tiến trình "
            "cùng dùng.",
        ) from error
    return Store(client, collection, str(path), lexical_copy=lexical_copy is not False)


def _filter(conditions: dict[str, PayloadValue]):
    from qdrant_client import models

    return models.Filter(
        must=[
            models.FieldCondition(key=key, match=models.MatchValue(value=value))
            for key, value in conditions.items()
        ]
    )


def _sparse(vector: tuple[list[int], list[float]]):
    from qdrant_client import models

    return models.SparseVector(indices=list(vector[0]), values=list(vector[1]))
