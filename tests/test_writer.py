"""The optional writer: real answers from the corpus index, rephrased through a local fake OpenAI-compatible server."""

from __future__ import annotations

import logging
import re
import sys

import pytest

from assistant.engine import Assistant
from assistant.errors import WriterUnavailable
from assistant.settings import Settings
from assistant.types import Answer
from assistant.writer import WRITER_INSTRUCTION, OpenAILikeWriter
from tests.fake_llm_server import FakeLLMServer

# Questions the corpus answers; the multi-citation tests use the first answer that cites two passages or more.
ANSWERABLE = (
    "Sở Tài chính phải làm gì?",
    "so tai chinh phai lam gi",
    "Ai chủ trì xây dựng kế hoạch thực hiện Kết luận 155?",
)
UNANSWERABLE = "Giá vàng hôm nay bao nhiêu?"
DRAFT_HEADING = "Câu trả lời dự thảo:\n"


@pytest.fixture(scope="module")
def fake():
    with FakeLLMServer() as server:
        yield server


@pytest.fixture(scope="module")
def assistant(corpus_data_dir, fake):
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CHIDAO_DATA_DIR", str(corpus_data_dir))
        env.setenv("CHIDAO_LLM_URL", fake.url)
        env.setenv("CHIDAO_LLM_MODEL", "qwen-local")
        opened = Assistant.open(Settings())
    yield opened
    opened.close()


def composed(assistant: Assistant, question: str) -> Answer:
    """The answer as composed from the documents, without the writer."""
    writer, assistant.writer = assistant.writer, None
    try:
        return assistant.ask(question)
    finally:
        assistant.writer = writer


@pytest.fixture(scope="module")
def multi(assistant) -> tuple[str, Answer]:
    for question in ANSWERABLE:
        answer = composed(assistant, question)
        if len(answer.citations) >= 2:
            return question, answer
    raise AssertionError("no answer in the corpus cites two passages; the writer tests need one")


def assert_exact(assistant: Assistant, answer: Answer) -> None:
    """Every citation quotes the stored text at its offsets, ids run 1..n, units and markers point at them."""
    assert [c.id for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    for citation in answer.citations:
        assert assistant.documents[citation.doc_number].text[citation.start : citation.end] == citation.text
    ids = {c.id for c in answer.citations}
    assert all(set(unit.citations) <= ids and unit.citations for unit in answer.units)
    assert {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)} <= ids


def draft_of(messages: list[dict]) -> str:
    return messages[-1]["content"].split(DRAFT_HEADING, 1)[1]


def test_open_builds_the_writer_and_ask_passes_answers_through_it(assistant, fake):
    assert isinstance(assistant.writer, OpenAILikeWriter)
    fake.script(lambda messages: "Tóm tắt theo văn bản [1].")
    before = len(fake.requests)
    answer = assistant.ask(ANSWERABLE[0])
    assert len(fake.requests) == before + 1
    assert fake.requests[-1]["model"] == "qwen-local"
    assert answer.answer == "Tóm tắt theo văn bản [1]."
    assert len(answer.citations) == 1 and answer.conversation_id
    assert_exact(assistant, answer)


def test_prompt_holds_the_question_the_draft_and_only_the_cited_passages(assistant, fake, multi):
    question, answer = multi
    fake.script(draft_of)
    assistant.writer.write(question, answer)
    system, user = fake.requests[-1]["messages"]
    assert system == {"role": "system", "content": WRITER_INSTRUCTION}
    prompt = user["content"]
    assert question in prompt and draft_of([user]) == answer.answer
    for citation in answer.citations:
        assert f"[{citation.id}] {citation.doc_number}, {citation.label}:\n{citation.text}" in prompt
    assert len(re.findall(r"^\[\d+\] ", prompt, re.MULTILINE)) == len(answer.citations)
    cited = [c.text for c in answer.citations]
    uncited = [p.text for p in assistant.retriever.search(question) if not any(p.text in t for t in cited)]
    assert uncited, "retrieval should find passages the answer did not cite"
    assert not any(text in prompt for text in uncited)


def test_a_reply_that_keeps_every_marker_keeps_every_citation(assistant, fake, multi):
    question, answer = multi
    fake.script(draft_of)
    rewritten = assistant.writer.write(question, answer)
    assert rewritten.answer == answer.answer.strip()
    assert rewritten.citations == answer.citations and rewritten.units == answer.units
    assert_exact(assistant, rewritten)


def test_unused_citations_are_dropped_and_the_rest_renumbered(assistant, fake, multi):
    question, answer = multi
    last = answer.citations[-1]
    fake.script(f"Theo {last.doc_number}, đơn vị thực hiện nhiệm vụ này [{last.id}].")
    rewritten = assistant.writer.write(question, answer)
    assert rewritten.answer == f"Theo {last.doc_number}, đơn vị thực hiện nhiệm vụ này [1]."
    assert len(rewritten.citations) == 1
    kept = rewritten.citations[0]
    assert (kept.id, kept.doc_number, kept.start, kept.end, kept.text) == (
        1,
        last.doc_number,
        last.start,
        last.end,
        last.text,
    )
    backed = [u for u in answer.units if last.id in u.citations]
    assert [(u.name, u.role) for u in rewritten.units] == [(u.name, u.role) for u in backed]
    assert all(u.citations == (1,) for u in rewritten.units)
    assert_exact(assistant, rewritten)


# (reply, the text kept, which composed citations survive, in their new order)
MARKER_CASES = [
    # an invented [9] goes; [2] is used first, so it becomes [1]; a grouped marker is split
    (
        "Đơn vị thứ hai [2], đơn vị thứ nhất [1, 2], và một ý bịa đặt [9].",
        "Đơn vị thứ hai [1], đơn vị thứ nhất [1][2], và một ý bịa đặt.",
        [1, 0],
    ),
    # a reasoning model's thinking is not the answer, nor are the markers in it
    ("<think>Đoạn [1] và [2] nói gì?</think>\nSở thực hiện nhiệm vụ [2].", "Sở thực hiện nhiệm vụ [1].", [1]),
    ("Cả hai đoạn đều nêu [1–2].", "Cả hai đoạn đều nêu [1][2].", [0, 1]),
]


@pytest.mark.parametrize(("reply", "text", "kept"), MARKER_CASES)
def test_markers_are_checked_and_renumbered_by_first_use(assistant, fake, multi, reply, text, kept):
    question, answer = multi
    fake.script(reply)
    rewritten = assistant.writer.write(question, answer)
    assert rewritten.answer == text
    assert [c.start for c in rewritten.citations] == [answer.citations[k].start for k in kept]
    assert_exact(assistant, rewritten)


@pytest.mark.parametrize(
    "reply", ["", "   \n", "Một câu trả lời không có dấu trích dẫn nào.", "Chỉ có dấu bịa đặt [9] và [0]."]
)
def test_an_unusable_reply_leaves_the_composed_answer(assistant, fake, multi, reply, caplog):
    question, answer = multi
    fake.script(reply)
    with caplog.at_level(logging.WARNING, logger="assistant.writer"):
        assert assistant.writer.write(question, answer) is answer
    assert "keeping the composed answer" in caplog.text


def test_a_server_error_leaves_the_composed_answer(assistant, fake, multi, caplog):
    question, answer = multi
    fake.script("Không dùng tới [1].", status=500)
    before = len(fake.requests)
    with caplog.at_level(logging.WARNING, logger="assistant.writer"):
        assert assistant.writer.write(question, answer) is answer
    assert len(fake.requests) == before + 1  # one call, no retries
    assert "server failed" in caplog.text


def test_a_slow_server_times_out_to_the_composed_answer(assistant, fake, multi):
    question, answer = multi
    fake.script("Quá muộn [1].", delay=1.5)
    writer = OpenAILikeWriter(fake.url, "qwen-local", timeout=0.2)
    assert writer.write(question, answer) is answer


def test_refusals_never_reach_the_server(assistant, fake):
    fake.script("Một câu trả lời bịa đặt [1].")
    before = len(fake.requests)
    answer = assistant.ask(UNANSWERABLE)
    assert not answer.answerable and not answer.units and not answer.citations
    assert len(fake.requests) == before


def test_a_bare_host_is_served_under_v1(fake, multi):
    question, answer = multi
    fake.script(draft_of)
    writer = OpenAILikeWriter(fake.url.removesuffix("/v1"), "qwen-local")
    assert writer.write(question, answer).citations == answer.citations


@pytest.mark.parametrize("url", ["127.0.0.1:8080", "ftp://host/v1", "http://", ""])
def test_a_bad_url_is_refused_in_vietnamese_when_the_writer_is_built(url):
    with pytest.raises(WriterUnavailable, match="không hợp lệ"):
        OpenAILikeWriter(url, "qwen-local")


def test_without_the_llm_packages_the_writer_names_the_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "llama_index.llms.openai_like", None)  # as if it were not installed
    with pytest.raises(WriterUnavailable, match=re.escape("pip install 'chidao[llm]'")):
        OpenAILikeWriter("http://127.0.0.1:8080/v1", "qwen-local")
