"""Assistant step: find the passages that answer a question — hybrid search, narrowed by the documents it names.

The lexical leg reads folded syllables and expanded abbreviations, so it survives "uy ban nhan dan tinh"; the
dense leg cannot read a question typed without diacritics, so such a question is embedded after its
diacritics are restored from the corpus's own words (ingest.restore).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.types import Passage
from ingest.embed import Embedder
from ingest.lexical import sparse_vector
from ingest.restore import DiacriticRestorer
from ingest.store import CANDIDATES, Hit, Store, fuse

# How much each leg counts in the fusion. Measured on ALQAC 2022 and the dev gold set (.notes/retrieval.md):
# equal weights serve accented questions; restored questions keep the dense leg at a lower weight.
DENSE_WEIGHT = 1.0
DENSE_WEIGHT_RESTORED = 0.6
LEXICAL_WEIGHT = 1.0


@dataclass
class Retriever:
    store: Store
    embedder: Embedder
    restorer: DiacriticRestorer
    versions: dict[str, str]  # document number -> version the registry names (passages of others are ignored)
    mode: str = "hybrid"  # "lexical" or "dense" for comparisons (evals/bench.py)

    def search(self, text: str, *, documents: tuple[str, ...] = (), limit: int = 8, mode: str | None = None) -> list[Passage]:
        """The best passages for `text`, only from `documents` when given."""
        mode = mode or self.mode
        restored = self.restorer.restore(text)
        dense = self.embedder.embed_query(restored) if mode != "lexical" else None
        sparse = sparse_vector(text, query=True)
        weight = DENSE_WEIGHT if restored == text else DENSE_WEIGHT_RESTORED
        # fused scores are comparable only within one search: one document is a filter, several a post-filter
        only = {"doc_number": documents[0]} if len(documents) == 1 else None
        depth = max(CANDIDATES, limit * (4 if len(documents) > 1 else 2))
        legs = []
        cosines: dict[str, float] = {}
        if mode != "lexical":
            dense_hits = self.store.search(dense, None, limit=depth, mode="dense", filter=only)
            cosines = {hit.id: hit.score for hit in dense_hits}
            legs.append((dense_hits, weight))
        if mode != "dense":
            legs.append((self.store.search(None, sparse, limit=depth, mode="lexical", filter=only), LEXICAL_WEIGHT))
        hits: list[Hit] = fuse(legs, limit=depth)
        passages = [
            to_passage(hit, cosines.get(hit.id, 0.0)) for hit in hits
            if self.versions.get(hit.payload.get("doc_number")) == hit.payload.get("version")
            and (not documents or hit.payload.get("doc_number") in documents)
        ]
        return passages[:limit]


def to_passage(hit: Hit, cosine: float = 0.0) -> Passage:
    p = hit.payload
    return Passage(
        id=hit.id,
        score=hit.score,
        cosine=cosine,
        doc_number=p["doc_number"],
        locator=tuple(p["locator"]),
        paragraph=p.get("paragraph", 0),
        label=p.get("label", ""),
        kind=p.get("kind", ""),
        start=p["start"],
        end=p["end"],
        text=p["text"],
        context=p.get("context", ""),
        assignments=tuple(p.get("assignments", ())),
        payload=p,
    )
