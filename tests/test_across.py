"""Questions about the documents as a set, on the real corpus index: which documents give a unit work (and how
many), which speak of a topic, which is newer; and the document-fact questions that only look alike."""

from __future__ import annotations

import pytest

from assistant.question import read_question
from ingest.units import unit_key


@pytest.mark.parametrize("question, across", [
    ("Những văn bản nào giao nhiệm vụ cho Sở Nội vụ?", "which"),
    ("co bao nhieu van ban giao viec cho so tai chinh", "which"),
    ("Văn bản nào nói về chuyển đổi số?", "which"),
    ("Văn bản nào mới hơn, công văn 3400 hay kết luận 155?", "order"),
    ("van ban nao ban hanh som nhat", "order"),
    ("KL 155 ban hành trước hay CV 3400 ban hành trước? cái nào mới hơn, hay là cũ hơn", "order"),
    ("Kế hoạch 141 thực hiện văn bản nào?", None),  # what one document implements
    ("Công văn 3400 căn cứ văn bản nào?", None),
    ("Ai chủ trì theo dõi việc thực hiện công văn 3400?", None),
])
def test_a_question_about_the_documents_as_a_set_is_read_as_one(question, across):
    assert read_question(question).across == across


@pytest.fixture
def assistant(corpus_assistant):
    return corpus_assistant


def test_which_documents_give_a_unit_work_lists_each_one_cited(assistant):
    expected = {number for number, d in assistant.documents.items()
                if any(unit_key(u) == unit_key("Sở Nội vụ") for a in d.assignments for u in a.units)}
    assert len(expected) >= 2
    for question in ("Những văn bản nào giao nhiệm vụ cho Sở Nội vụ?", "nhung van ban nao giao viec cho SNV"):
        answer = assistant.ask(question)
        assert answer.answerable and answer.debug["across_documents"] == "which"
        assert {c.doc_number for c in answer.citations} == expected, question
        assert answer.answer.startswith(f"Có {len(expected)} văn bản giao nhiệm vụ cho Sở Nội vụ")
        assert {unit_key(u.name) for u in answer.units} == {unit_key("Sở Nội vụ")}


def test_which_document_is_newer_compares_the_issue_dates_and_cites_the_headers(assistant):
    answer = assistant.ask("Văn bản nào mới hơn, công văn 3400 hay kết luận 155?")
    first, second = sorted(("3400-CV/TU", "155-KL/TW"), key=lambda n: assistant.documents[n].issued, reverse=True)
    assert answer.answerable
    assert answer.answer.splitlines()[0].startswith(f"{assistant.documents[first].doc_type} {first} mới hơn")
    assert [c.doc_number for c in answer.citations] == [first, second]
    assert all(c.locator in (("header",), ("preamble",)) for c in answer.citations)


def test_which_documents_speak_of_a_topic_none_does_is_refused(assistant):
    answer = assistant.ask("Văn bản nào quy định về xe công vụ?")
    assert not answer.answerable and not answer.citations
    assert "Đã tìm trong" in answer.answer
