"""LlamaIndex interop: chidao's hybrid retrieval as a `BaseRetriever`, and its answers as a query engine.

For users who build on LlamaIndex. Nodes carry the passage text exactly as stored, with its document number,
locator, label and offsets, so whatever they compose on top can still cite the clause.
"""

from __future__ import annotations

from typing import Any

try:
    from llama_index.core.base.response.schema import Response
    from llama_index.core.query_engine import CustomQueryEngine
    from llama_index.core.retrievers import BaseRetriever
    from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
except ImportError as error:
    raise ImportError(
        "assistant.llamaindex cần gói llama-index-core. Cài đặt bằng: pip install 'chidao[llamaindex]'"
    ) from error

from assistant.export import answer_json, citation_json
from assistant.retrieve import Retriever
from assistant.types import Citation, Passage

# Offsets and assignments help a program, not a language model reading the node.
_NOT_FOR_LLM = ["start", "end", "paragraph", "assignments", "citation_id"]


class ChidaoRetriever(BaseRetriever):
    """Our hybrid retriever (dense + lexical, diacritic-tolerant) behind LlamaIndex's retriever interface."""

    def __init__(
        self, retriever: Retriever, *, documents: tuple[str, ...] = (), limit: int = 8, **kwargs: Any
    ):
        if limit < 1:
            raise ValueError("limit must be at least 1")
        super().__init__(**kwargs)
        self.retriever = retriever
        self.documents = documents
        self.limit = limit

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        passages = self.retriever.search(query_bundle.query_str, documents=self.documents, limit=self.limit)
        return [NodeWithScore(node=passage_node(p), score=p.score) for p in passages]


def passage_node(passage: Passage) -> TextNode:
    """A retrieved passage as a node: its exact text, and where it stands in its document."""
    metadata = {
        "doc_number": passage.doc_number,
        "doc_title": passage.payload.get("doc_title"),
        "issuer": passage.payload.get("issuer"),
        "issued": passage.payload.get("issued"),
        "locator": list(passage.locator),
        "label": passage.label,
        "start": passage.start,
        "end": passage.end,
        "assignments": [dict(a) for a in passage.assignments],
    }
    return _node(passage.id, passage.text, passage.start, passage.end, metadata)


def citation_node(citation: Citation) -> TextNode:
    """A citation of an answer as a node: the quoted text, its document and its locator."""
    metadata = citation_json(citation)
    metadata["citation_id"] = metadata.pop("id")
    del metadata["text"]  # it is the node's text
    node_id = f"{citation.doc_number}:{citation.start}-{citation.end}"
    return _node(node_id, citation.text, citation.start, citation.end, metadata)


def _node(node_id: str, text: str, start: int, end: int, metadata: dict) -> TextNode:
    return TextNode(
        id_=node_id,
        text=text,
        start_char_idx=start,
        end_char_idx=end,
        metadata=metadata,
        excluded_llm_metadata_keys=list(_NOT_FOR_LLM),
        excluded_embed_metadata_keys=list(_NOT_FOR_LLM),
    )


class ChidaoQueryEngine(CustomQueryEngine):
    """Answers as `Assistant.ask` composes them; the response's source nodes are the answer's citations."""

    assistant: Any  # assistant.engine.Assistant (kept loose: a pydantic field of our own class)

    def custom_query(self, query_str: str) -> Response:
        answer = self.assistant.ask(query_str)
        nodes = [NodeWithScore(node=citation_node(c), score=None) for c in answer.citations]
        # the whole answer object (CONTRACT §3) rides along: answerable, units with roles, citations
        return Response(response=answer.answer, source_nodes=nodes, metadata=answer_json(answer))


def chidao_query_engine(assistant) -> ChidaoQueryEngine:
    """A LlamaIndex query engine over an opened `Assistant`."""
    return ChidaoQueryEngine(assistant=assistant)
