"""Answer metrics (evals/metrics.py) on toy sets whose right scores are worked out by hand."""

from __future__ import annotations

import pytest

from evals.metrics import (
    citation_matches,
    expect_text_hit,
    gold_answerable,
    score_question,
    score_units,
    summarize,
    summarize_by_tag,
)

# Four gold lines in the CONTRACT §4 shape, and what a system answered to each.
GOLD = [
    {
        "id": "t1",
        "question": "Theo Công văn 3400, ai theo dõi, kiểm tra việc thực hiện?",
        "answerable": True,
        "units": [["Ban Tổ chức Tỉnh ủy"]],
        "allowed": ["Ban Tổ chức Tỉnh ủy", "các cơ quan có liên quan"],
        "citations": [{"doc": "3400-CV/TU", "locator": ["5"], "paragraph": 2}],
        "tags": ["kind:who", "form:diacritics"],
    },
    {
        "id": "t2",
        "question": "So nao chu tri, so nao phoi hop theo ke hoach 141?",
        "answerable": True,
        "units": [["Sở Tư pháp"], ["Sở Tài chính"]],
        "allowed": ["Sở Tư pháp", "Sở Tài chính", "Ủy ban nhân dân tỉnh"],
        "citations": [{"doc": "141/KH-UBND", "locator": ["IV", "2"]}],
        "tags": ["kind:who", "form:no_diacritics"],
    },
    {
        "id": "t3",
        "question": "Kinh phí thực hiện Kết luận 155 là bao nhiêu tỷ đồng?",
        "answerable": False,
        "units": [],
        "citations": [],
        "tags": ["kind:unanswerable", "form:diacritics"],
    },
    {
        "id": "t4",
        "question": "Kết luận 62 ban hành ngày nào?",
        "answerable": True,
        "expect_text": ["02/10/2023", "2 tháng 10 năm 2023"],
        "tags": ["kind:doc_fact", "form:diacritics"],
    },
]
PREDICTED = [
    {
        "answer": "Ban Tổ chức Tỉnh ủy chủ trì theo dõi, kiểm tra [1].",
        "answerable": True,
        "units": [{"name": "BTC Tỉnh ủy", "role": "chủ trì", "citations": [1]}],
        "citations": [{"id": 1, "doc_number": "3400-CV/TU", "locator": ["5"], "paragraph": 2}],
    },
    # a vague collective, one right unit typed without diacritics, one allowed unit; the sibling item cited
    {
        "answer": "Các sở, ban, ngành và Sở Tài chính thực hiện [1].",
        "answerable": True,
        "units": [
            {"name": "Các sở, ban, ngành", "role": "thực hiện", "citations": [1]},
            {"name": "So Tai chinh", "role": "phối hợp", "citations": [1]},
            {"name": "UBND tỉnh", "role": "chỉ đạo", "citations": [1]},
        ],
        "citations": [{"id": 1, "doc_number": "141/KH-UBND", "locator": ["IV", "3"]}],
    },
    {"answer": "Các văn bản không quy định điều này.", "answerable": False, "units": [], "citations": []},
    {"answer": "Các văn bản không quy định điều này.", "answerable": False, "units": [], "citations": []},
]
LATENCIES = [10.0, 20.0, 30.0, 40.0]


@pytest.fixture
def scores():
    return [score_question(g, p, ms) for g, p, ms in zip(GOLD, PREDICTED, LATENCIES)]


def test_toy_set_overall(scores):
    summary = summarize(scores)
    assert summary["questions"] == 4
    assert summary["unit_recall"] == pytest.approx(
        2 / 3, abs=1e-4
    )  # Ban Tổ chức; Sở Tài chính but not Sở Tư pháp
    assert summary["unit_precision"] == pytest.approx(
        3 / 4
    )  # the collective is the one unit that does not count
    assert summary["unit_exact_match"] == 0.5
    assert summary["citation_top"] == 1.0  # IV > 3 is under the right top-level part
    assert summary["citation_exact"] == 0.5
    assert summary["expect_text_hit"] == 0.0
    assert summary["refusal_precision"] == 0.5  # t3 refused rightly, t4 wrongly
    assert summary["refusal_recall"] == 1.0
    assert summary["fully_correct"] == 0.5  # t1 and t3
    assert (summary["latency_ms_p50"], summary["latency_ms_p95"]) == (25.0, 38.5)
    assert summary["support"] == {
        "units": 2,
        "citations": 2,
        "expect_text": 1,
        "refused": 2,
        "unanswerable": 1,
    }


def test_toy_set_by_tag(scores):
    by_tag = summarize_by_tag(scores)
    assert list(by_tag) == [
        "form:diacritics",
        "form:no_diacritics",
        "kind:doc_fact",
        "kind:unanswerable",
        "kind:who",
    ]
    assert by_tag["kind:who"]["unit_recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert by_tag["form:no_diacritics"]["unit_precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert by_tag["form:diacritics"]["fully_correct"] == pytest.approx(
        2 / 3, abs=1e-4
    )  # t1, t3 of t1, t3, t4
    assert by_tag["form:diacritics"]["refusal_precision"] == 0.5
    # nothing to measure is None, never a flattering 1 or a punishing 0
    assert by_tag["kind:unanswerable"]["unit_recall"] is None
    assert by_tag["kind:who"]["refusal_recall"] is None
    assert by_tag["kind:who"]["refusal_precision"] is None


def test_failures_name_the_checks(scores):
    assert [s.failures for s in scores] == [(), ("units", "citations"), (), ("refusal", "expect_text")]


def test_a_collective_never_stands_for_one_of_its_members():
    gold = {"units": [["Sở Tư pháp"]], "allowed": ["Sở Tư pháp"]}
    vague = score_units(gold, {"units": [{"name": "Các sở, ban, ngành tỉnh"}]})
    assert (vague.found, vague.named, vague.counted, vague.exact) == (0, 1, 0, False)
    group = {"units": [["các tổ chức chính trị - xã hội tỉnh"]]}
    member = score_units(group, {"units": [{"name": "Hội Nông dân tỉnh"}]})
    assert (member.found, member.counted) == (0, 0)


def test_unit_names_meet_across_abbreviation_tones_and_missing_diacritics():
    gold = {"units": [["Ủy ban nhân dân tỉnh"], ["Hội đồng nhân dân tỉnh"]]}
    for names in (
        ["UBND tỉnh", "HĐND tỉnh"],
        ["Uỷ ban nhân dân tỉnh", "HDND tinh"],
        ["UBND tinh", "hội đồng nhân dân tỉnh"],
    ):
        score = score_units(gold, {"units": [{"name": name} for name in names]})
        assert (score.found, score.named, score.counted, score.exact) == (2, 2, 2, True), names


def test_a_unit_named_under_two_roles_counts_once():
    gold = {"units": [["Sở Nội vụ"]]}
    twice = {"units": [{"name": "Sở Nội vụ", "role": "chủ trì"}, {"name": "Sở Nội Vụ", "role": "báo cáo"}]}
    score = score_units(gold, twice)
    assert (score.named, score.counted, score.exact) == (1, 1, True)


def test_allowed_units_do_not_lower_precision_but_others_do():
    gold = {
        "units": [["Ban Tổ chức Tỉnh ủy"]],
        "allowed": ["Ban Tổ chức Tỉnh ủy", "các cơ quan có liên quan"],
    }
    allowed = score_units(
        gold, {"units": [{"name": "Ban Tổ chức Tỉnh ủy"}, {"name": "các cơ quan có liên quan"}]}
    )
    assert allowed.exact and allowed.counted == 2
    extra = score_units(gold, {"units": [{"name": "Ban Tổ chức Tỉnh ủy"}, {"name": "Sở Tài chính"}]})
    assert (extra.found, extra.named, extra.counted, extra.exact) == (1, 2, 1, False)


def test_a_gold_locator_covers_the_passages_under_it():
    gold = {"doc": "155-KL/TW", "locator": ["4"]}
    under = {"doc_number": "155-KL/TW", "locator": ["4", "1"]}
    assert citation_matches(gold, under, exact=True) and citation_matches(gold, under, exact=False)
    deeper_gold = {"doc": "155-KL/TW", "locator": ["4", "1"]}
    above = {"doc_number": "155-KL/TW", "locator": ["4"]}
    assert citation_matches(deeper_gold, above, exact=False) and not citation_matches(
        deeper_gold, above, exact=True
    )
    sibling = {"doc_number": "155-KL/TW", "locator": ["4", "2"]}
    assert not citation_matches(deeper_gold, sibling, exact=True)


def test_a_citation_must_name_the_right_document():
    gold = {"doc": "141/KH-UBND", "locator": ["IV", "2"]}
    assert citation_matches(gold, {"doc_number": "141 / KH-UBND", "locator": ["IV", "2"]}, exact=True)
    assert not citation_matches(gold, {"doc_number": "2920/QĐ-UBND", "locator": ["IV", "2"]}, exact=False)
    assert not citation_matches(gold, {"doc_number": "141/KH-UBND", "locator": ["III", "2"]}, exact=False)
    assert not citation_matches(gold, {"doc_number": "141/KH-UBND", "locator": []}, exact=False)


def test_expected_text_ignores_case_tone_placement_and_missing_diacritics():
    assert expect_text_hit(["không"], "Không. Công văn loại trừ bệnh viện và trường học [1].")
    assert expect_text_hit(["hóa"], "Đẩy mạnh cổ phần hoá doanh nghiệp [1].")
    assert expect_text_hit(["tháng 12/2025"], "Hoàn thành trong Tháng 12/2025 [2].")
    assert expect_text_hit(["không"], "Khong, cong van tru benh vien va truong hoc.")


def test_expected_text_matches_whole_words_only():
    assert not expect_text_hit(
        ["có"], "Cơ quan chủ trì là Sở Nội vụ [1]."
    )  # có, cơ fold alike; accents decide
    assert not expect_text_hit(["2/10/2023"], "Kết luận 62 ngày 12/10/2023 [1].")
    assert expect_text_hit(["2/10/2023", "02/10/2023"], "Kết luận 62-KL/TW ngày 02/10/2023 [1].")
    assert not expect_text_hit(["10%"], "giảm 100% [1]")


def test_gold_answerable_when_the_field_is_absent():
    assert gold_answerable({"id": "x", "question": "?", "answerable": False}) is False
    assert gold_answerable({"id": "x", "question": "?", "units": [["Sở Y tế"]]}) is True
    assert gold_answerable({"id": "x", "question": "?"}) is None


def test_an_answer_that_raised_fails_even_with_nothing_else_to_check():
    score = score_question({"id": "x", "question": "Xin chào"}, {"error": "ValueError: hỏng"}, 5.0)
    assert score.failures == ("error",)
    assert summarize([score])["errors"] == 1 and summarize([score])["fully_correct"] == 0.0


def test_an_empty_set_measures_nothing():
    summary = summarize([])
    assert (
        summary["questions"] == 0 and summary["fully_correct"] is None and summary["latency_ms_p50"] is None
    )
