"""LlamaIndex interop on the real corpus index: the retriever and the query engine wrap ours without losing
the exact text or where it stands."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest
from llama_index.core.llms import MockLLM
from llama_index.core.query_engine import RetrieverQueryEngine
from llama_index.core.response_synthesizers.no_text import NoText
from llama_index.core.schema import NodeWithScore

from assistant.engine import Assistant
from assistant.llamaindex import ChidaoRetriever, chidao_query_engine
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
WHO = "Ai chủ trì xây dựng kế hoạch thực hiện Kết luận 155?"
WHO_FOLDED = "ai chu tri xay dung ke hoach thuc hien ket luan 155"
UNANSWERABLE = "Giá vàng hôm nay bao nhiêu?"
PASSAGE_KEYS = {
    "doc_number",
    "doc_title",
    "issuer",
    "issued",
    "locator",
    "label",
    "start",
    "end",
    "assignments",
}


@pytest.fixture(scope="module")
def assistant(corpus_data_dir):
    opened = Assistant.open(Settings(data_dir=corpus_data_dir, llm_url=None))
    yield opened
    opened.close()


def assert_exact(assistant: Assistant, nodes: list[NodeWithScore]) -> None:
    for hit in nodes:
        node = hit.node
        stored = assistant.documents[node.metadata["doc_number"]].text
        assert stored[node.metadata["start"] : node.metadata["end"]] == node.text
        assert (node.start_char_idx, node.end_char_idx) == (node.metadata["start"], node.metadata["end"])


@pytest.mark.parametrize("question", [WHO, WHO_FOLDED])
def test_the_retriever_returns_our_passages_as_nodes(assistant, question):
    nodes = ChidaoRetriever(assistant.retriever).retrieve(question)
    passages = assistant.retriever.search(question)
    assert [n.node.node_id for n in nodes] == [p.id for p in passages]
    assert [n.score for n in nodes] == pytest.approx([p.score for p in passages])
    for hit, passage in zip(nodes, passages):
        assert hit.node.text == passage.text
        assert PASSAGE_KEYS <= set(hit.node.metadata)
        assert hit.node.metadata["locator"] == list(passage.locator)
        assert hit.node.metadata["doc_title"] == assistant.documents[passage.doc_number].title
        assert hit.node.metadata["assignments"] == [dict(a) for a in passage.assignments]
        # offsets and assignments are for programs; the document and the clause label are for the model
        shown = hit.node.get_content(metadata_mode="llm")
        assert passage.doc_number in shown and passage.label in shown and "assignments" not in shown
    assert nodes[0].node.metadata["doc_number"] == "155-KL/TW"
    assert_exact(assistant, nodes)


def test_the_retriever_is_narrowed_to_named_documents_and_limited(assistant):
    retriever = ChidaoRetriever(assistant.retriever, documents=("141/KH-UBND",), limit=3)
    nodes = retriever.retrieve("Sở Tài chính chủ trì")
    assert 1 <= len(nodes) <= 3
    assert {n.node.metadata["doc_number"] for n in nodes} == {"141/KH-UBND"}
    assert_exact(assistant, nodes)


def test_the_retriever_answers_asynchronously_too(assistant):
    retriever = ChidaoRetriever(assistant.retriever)
    nodes = asyncio.run(retriever.aretrieve(WHO))
    assert [n.node.node_id for n in nodes] == [n.node.node_id for n in retriever.retrieve(WHO)]


def test_the_retriever_serves_llama_index_s_own_query_engine(assistant):
    # NoText: llama-index's pipeline without a language model, to see the nodes it receives from ours
    synthesizer = NoText(llm=MockLLM())
    engine = RetrieverQueryEngine(
        ChidaoRetriever(assistant.retriever, limit=4), response_synthesizer=synthesizer
    )
    response = engine.query(WHO)
    assert 1 <= len(response.source_nodes) <= 4
    assert_exact(assistant, response.source_nodes)


def test_a_bad_limit_is_refused_when_built(assistant):
    with pytest.raises(ValueError):
        ChidaoRetriever(assistant.retriever, limit=0)


def test_the_query_engine_answers_with_our_composed_answer_and_citations(assistant):
    response = chidao_query_engine(assistant).query(WHO)
    answer = assistant.ask(WHO)
    assert str(response) == answer.answer
    assert response.metadata["answerable"] is True
    assert [u["name"] for u in response.metadata["units"]] == [u.name for u in answer.units]
    assert [n.node.text for n in response.source_nodes] == [c.text for c in answer.citations]
    assert [n.node.metadata["citation_id"] for n in response.source_nodes] == [c.id for c in answer.citations]
    assert all(f"[{n.node.metadata['citation_id']}]" in str(response) for n in response.source_nodes)
    assert_exact(assistant, response.source_nodes)


def test_the_query_engine_refuses_what_the_documents_do_not_settle(assistant):
    response = chidao_query_engine(assistant).query(UNANSWERABLE)
    assert response.metadata["answerable"] is False
    assert response.source_nodes == [] and response.metadata["units"] == []
    assert "không nêu" in str(response)


def test_without_llama_index_the_import_names_the_install_command():
    hide = "import sys; sys.modules['llama_index.core'] = None; import assistant.llamaindex"
    result = subprocess.run(
        [sys.executable, "-c", hide], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "pip install 'chidao[llamaindex]'" in result.stderr
