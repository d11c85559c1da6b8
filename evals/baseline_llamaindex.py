"""Evaluation baseline (b): a plain LlamaIndex pipeline, `VectorStoreIndex` over the SentenceSplitter chunks
in an embedded Qdrant (QdrantVectorStore), with the same e5 model as chidao; top-1 retrieval, and the answer
is that chunk (evals.baseline_chunks.chunk_answer). It never refuses.
"""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

from assistant.types import Answer
from evals.baseline_chunks import Chunk, chunk_answer

try:
    from llama_index.core.embeddings import BaseEmbedding
    from pydantic import PrivateAttr
except ImportError as error:
    raise ImportError(
        "evals.baseline_llamaindex cần gói llama-index-core. Cài đặt bằng: pip install 'chidao[llamaindex]'"
    ) from error

from ingest.embed import Embedder

COLLECTION = "baseline"


class ChidaoEmbedding(BaseEmbedding):
    """One of our embedders as a LlamaIndex embedding model. e5 reads "query: " and "passage: " prefixes; our
    Embedder adds them itself, so queries and chunks must go through its two separate calls."""

    _embedder: Embedder = PrivateAttr()

    def __init__(self, embedder: Embedder, **kwargs):
        super().__init__(model_name=embedder.name, **kwargs)
        self._embedder = embedder

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embedder.embed_query(query).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embedder.embed_documents([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.embed_documents(texts).tolist()


class LlamaIndexBaseline:
    """The pipeline LlamaIndex's getting-started guide leads to, in a throw-away embedded Qdrant folder."""

    name = "llamaindex"

    def __init__(self, chunks: list[Chunk], embedder: Embedder):
        try:
            from llama_index.core import StorageContext, VectorStoreIndex
            from llama_index.core.schema import TextNode
            from llama_index.vector_stores.qdrant import QdrantVectorStore
        except ImportError as error:
            raise ImportError(
                f"Thiếu gói Python '{error.name}'. Cài đặt bằng: pip install llama-index-vector-stores-qdrant"
            ) from error
        from qdrant_client import QdrantClient

        if not chunks:
            raise ValueError("the LlamaIndex baseline needs at least one chunk")
        self._chunks = {chunk.id: chunk for chunk in chunks}
        self._folder = tempfile.TemporaryDirectory(prefix="chidao-llamaindex-")
        self._client = QdrantClient(path=str(Path(self._folder.name) / "qdrant"))
        try:
            # QdrantVectorStore asks for payload indexes, which embedded Qdrant ignores (with a warning)
            warnings.filterwarnings("ignore", "Payload indexes have no effect in the local Qdrant")
            store = QdrantVectorStore(collection_name=COLLECTION, client=self._client)
            # the splitter's nodes as they were: their text, file name metadata and offsets
            nodes = [
                TextNode(
                    id_=chunk.id,
                    text=chunk.text,
                    metadata=chunk.metadata,
                    start_char_idx=chunk.start,
                    end_char_idx=chunk.end,
                )
                for chunk in chunks
            ]
            index = VectorStoreIndex(
                nodes,
                storage_context=StorageContext.from_defaults(vector_store=store),
                embed_model=ChidaoEmbedding(embedder),
            )
            self._retriever = index.as_retriever(similarity_top_k=1)
        except BaseException:
            self.close()
            raise

    def ask(self, question: str, conversation_id: str | None = None) -> Answer:
        """The nearest chunk as the answer; every question gets one, however far it is."""
        found = self._retriever.retrieve(question)
        return chunk_answer(self._chunks[found[0].node.node_id], "LlamaIndex: đoạn gần nhất (top-1)")

    def close(self) -> None:
        """Close the embedded Qdrant and delete its folder."""
        self._client.close()
        self._folder.cleanup()

    def __enter__(self) -> LlamaIndexBaseline:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
