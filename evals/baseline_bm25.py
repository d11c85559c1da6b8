"""Evaluation baseline (a): lexical search only. Okapi BM25 (`bm25s`) over the SentenceSplitter chunks, on
lower-cased syllables; the answer is the top chunk (evals.baseline_chunks.chunk_answer). It never refuses.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from assistant.types import Answer
from evals.baseline_chunks import Chunk, chunk_answer, load_documents, split_chunks
from ingest.vietnamese import nfc

# A Vietnamese word is written as syllables separated by spaces, so a syllable is the natural token.
_SYLLABLE = re.compile(r"\w+")
K1, B = 1.5, 0.75  # the usual Okapi parameters


def syllables(text: str) -> list[str]:
    """Lower-cased syllables; NFC first, so a question typed with combining marks meets the stored text."""
    return _SYLLABLE.findall(nfc(text).lower())


class Bm25Baseline:
    """What one builds with a BM25 library in an afternoon: score every chunk, answer with the best one."""

    name = "bm25"

    def __init__(self, chunks: list[Chunk]):
        import bm25s

        if not chunks:
            raise ValueError("the BM25 baseline needs at least one chunk")
        self.chunks = chunks
        # bm25s's default "lucene" variant: Okapi BM25 with an idf that never goes negative
        self._bm25 = bm25s.BM25(k1=K1, b=B)
        # bm25s's own splitter drops one-letter syllables and removes English stopwords: pass tokens instead
        self._bm25.index([syllables(chunk.text) for chunk in chunks], show_progress=False)

    @classmethod
    def from_corpus(cls, corpus: Path) -> Bm25Baseline:
        """Read and chunk a corpus folder, then index it."""
        return cls(split_chunks(load_documents(corpus)))

    def ask(self, question: str, conversation_id: str | None = None) -> Answer:
        """The top-scoring chunk as the answer; every question gets one, whatever its score."""
        # bm25s refuses a syllable it never indexed; such a syllable adds nothing to any score anyway
        known = [token for token in syllables(question) if token in self._bm25.vocab_dict]
        scores = self._bm25.get_scores(known) if known else np.zeros(len(self.chunks))
        return chunk_answer(self.chunks[int(np.argmax(scores))], "BM25: đoạn có điểm cao nhất")
