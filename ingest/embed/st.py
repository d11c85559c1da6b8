"""Embedding backend: any local sentence-transformers folder (EmbeddingGemma-300m, MiniLM, ...).

Loads from disk only (`local_files_only`): nothing is fetched from a model hub at run time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

from ingest.embed import EmbedderUnavailable, missing_package


def cpu_has_native_bf16() -> bool:
    """True when the CPU computes bfloat16 natively (AVX512-BF16 or AMX); elsewhere bf16 is slow and lossy."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


class SentenceTransformerEmbedder:
    """A sentence-transformers model read from a local folder, with the query/document prompts it declares."""

    def __init__(
        self,
        folder: Path,
        *,
        query_prompt: str | None = None,
        document_prompt: str | None = None,
        precision: str = "auto",
        batch_size: int = 16,
    ) -> None:
        spec = f"st:{folder}"
        if precision not in {"auto", "float32", "bfloat16"}:
            raise ValueError(f"precision must be auto, float32 or bfloat16, not {precision!r}")
        if not (folder / "modules.json").is_file() and not (folder / "config.json").is_file():
            raise EmbedderUnavailable(
                spec,
                f"Không tìm thấy mô hình sentence-transformers trong thư mục {folder}. "
                "Kiểm tra đường dẫn, hoặc tải EmbeddingGemma bằng "
                "/work/shared/models/fetch-embeddinggemma.sh models/embeddinggemma",
            )
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise missing_package(spec, "st", error) from error

        use_bf16 = precision == "bfloat16" or (precision == "auto" and cpu_has_native_bf16())
        model_kwargs = {"dtype": torch.bfloat16} if use_bf16 else {}
        self._model = SentenceTransformer(
            str(folder), device="cpu", local_files_only=True, model_kwargs=model_kwargs
        )
        # A folder that declares "query"/"document" prompts (EmbeddingGemma does) gets them by default;
        # e5-style folders can be given "query: " / "passage: " explicitly.
        prompts = self._model.prompts or {}
        self.query_prompt = query_prompt if query_prompt is not None else prompts.get("query", "")
        self.document_prompt = document_prompt if document_prompt is not None else prompts.get("document", "")
        self.batch_size = batch_size
        self.name = f"st:{folder.name}"
        self.dim: int = self._model.get_embedding_dimension()

    def _encode(self, texts: list[str], prompt: str) -> np.ndarray:
        vectors = self._model.encode(
            texts, prompt=prompt, batch_size=self.batch_size, convert_to_numpy=True
        )
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)
        # Normalised here in float32: a bf16 model's own Normalize layer leaves norms off by up to 1%.
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Document vectors, one row per text, with the document prompt."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._encode(list(texts), self.document_prompt)

    def embed_query(self, text: str) -> np.ndarray:
        """The query vector, with the query prompt."""
        return self._encode([text], self.query_prompt)[0]
