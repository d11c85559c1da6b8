"""Two-part questions: read once into the first part's kind and the other part's ("Ai chủ trì X, và hạn khi
nào?"), each part answered from its own clauses, each cited, a clause both parts use cited once."""

from __future__ import annotations

import re

import pytest

from assistant.question import read_question


@pytest.mark.parametrize("question, kind, then", [
    ("Ai chủ trì rà soát hồ đập, và phải xong trong thời gian nào?", "who", "when"),
    ("ai chu tri ra soat ho dap va han chot la ngay nao", "who", "when"),
    ("Khi nào phải hoàn thành việc sơ tán dân, ai chủ trì?", "who", "when"),
    ("Sở Công Thương phải làm gì và phối hợp với ai?", "who", "what"),
    ("Sở Y tế phải làm gì; báo cáo cho ai?", "report", "what"),
])
def test_a_second_question_joined_to_the_first_is_read_as_its_own_kind(question, kind, then):
    q = read_question(question)
    assert (q.kind, q.then) == (kind, then)


@pytest.mark.parametrize("question", [
    "Ai theo dõi việc thực hiện kế hoạch và báo cáo cho ai?",  # the reporting line names both
    "Quyết định ban hành ngày nào và có hiệu lực từ khi nào?",  # one document fact, asked twice
    "Ai chủ trì, phối hợp với ai trong việc sơ tán dân?",  # the who-answer gives every role
    "Ai chủ trì rà soát hồ đập và trạm bơm?",  # "và" joining two things, not two questions
])
def test_one_question_is_not_split(question):
    assert read_question(question).then is None


@pytest.fixture
def assistant(corpus_assistant):
    return corpus_assistant


def test_each_part_is_answered_and_cited_and_a_shared_clause_once(assistant):
    answer = assistant.ask("Sở Tài chính phải làm gì theo kế hoạch 141, phối hợp với ai?")
    assert answer.answerable and answer.debug["second_part_kind"] == "what"
    assert "answered in two parts" in answer.notes
    first, second = answer.answer.split("\n\n")[:2]
    assert re.search(r"\[\d+\]", first) and re.search(r"\[\d+\]", second)
    places = [(c.doc_number, c.start, c.end) for c in answer.citations]
    assert len(places) == len(set(places)) >= 2
    assert [c.id for c in answer.citations] == list(range(1, len(places) + 1))
    assert {"chủ trì", "phối hợp"} <= {u.role for u in answer.units}
