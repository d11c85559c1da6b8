"""The directives suite's scorers on a toy document: records (unit + role family + locator) and facts."""

from __future__ import annotations

from evals.directives.facts import field_right
from evals.directives.gold import Record
from evals.directives.records import match_keys, score_records
from ingest.types import Assignment


def _assignment(unit: str, role: str, locator: tuple[str, ...]) -> Assignment:
    return Assignment((unit,), role, "tổ chức thực hiện", 0, 17, locator, 0, 40)


def _record(unit: list[str], role: str, locator: list[str], optional: bool = False, also=(),
            first_words: str = "x") -> Record:
    return Record(locator=locator, first_words=first_words, unit=unit, role=role, also_roles=list(also),
                  task="tổ chức thực hiện", deadline=None, report_to=[], optional=optional)


GOLD = [
    _record(["Sở Nội vụ"], "chủ trì", ["II", "1"]),
    _record(["Sở Tài chính"], "phối hợp", ["II", "1"]),
    _record(["Ủy ban nhân dân tỉnh"], "lãnh đạo, chỉ đạo", ["II", "2"], also=["thực hiện"]),
    _record(["Các cơ quan liên quan"], "phối hợp", ["II", "2"], optional=True),
]


def test_a_perfect_reading_scores_one():
    predicted = (_assignment("SNV", "chủ trì", ("II", "1")), _assignment("Sở Tài chính", "phối hợp", ("II", "1")),
                 _assignment("UBND tỉnh", "chỉ đạo", ("II", "2")))
    score = score_records(predicted, GOLD)
    assert (score.precision, score.recall, score.required) == (1.0, 1.0, 3)


def test_wrong_role_wrong_place_and_extras_count_against():
    predicted = (_assignment("Sở Nội vụ", "phối hợp", ("II", "1")),  # wrong role family
                 _assignment("Sở Tài chính", "phối hợp", ("II", "2")),  # wrong locator
                 _assignment("Chủ tịch Ủy ban nhân dân tỉnh", "thực hiện", ("II", "2")),  # office = body; also role
                 _assignment("Các cơ quan liên quan", "phối hợp", ("II", "2")))  # optional: right when found
    score = score_records(predicted, GOLD)
    assert score.matched_gold == 1 and score.required == 3
    assert score.matched_predicted == 2 and score.predicted == 4
    assert score.unit_only == 1 and len(score.misses) == 2


def test_office_holders_and_the_locality_match_their_body():
    assert match_keys("Chủ tịch Ủy ban nhân dân tỉnh") & match_keys("Ủy ban nhân dân tỉnh")
    assert match_keys("Các Ban của Hội đồng nhân dân Thành phố") & match_keys("Các Ban của Hội đồng nhân dân")
    assert not match_keys("Sở Y tế") & match_keys("Sở Tài chính")


def test_a_task_cards_unit_line_may_be_cited_at_the_line_or_at_its_task():
    card = [_record(["Sở Nội vụ"], "chủ trì", ["II", "1.2", "1"], first_words="- Cơ quan chủ trì: Sở Nội vụ"),
            _record(["Sở Y tế"], "chủ trì", ["II", "1.3", "1"], first_words="- Tổ chức tập huấn cho cán bộ")]
    at_task = (_assignment("Sở Nội vụ", "chủ trì", ("II", "1.2")), _assignment("Sở Y tế", "chủ trì", ("II", "1.3")))
    score = score_records(at_task, card)
    assert score.matched_gold == 1 and score.misses == ["II > 1.3 > 1: Sở Y tế [chủ trì]"]
    at_line = (_assignment("Sở Nội vụ", "chủ trì", ("II", "1.2", "1")),)
    assert score_records(at_line, card).matched_predicted == 1


def test_fact_fields():
    assert field_right("number", "1378/QĐ-BNV", "1378 / QĐ-BNV")
    assert field_right("title", "Về việc tăng cường công tác dân số", "V/v tăng cường công tác dân số")
    assert not field_right("authority", None, "KT. Chủ tịch")
    assert field_right("implements", ["1/NQ-CP", "2/QĐ-TTg"], ["2/QĐ-TTg", "1/NQ-CP"])
    assert not field_right("implements", ["1/NQ-CP", "2/QĐ-TTg", "3/CT-TTg"], ["9/NQ-CP"])
    assert field_right("issuer", ["Ủy ban nhân dân tỉnh Đắk Lắk"], "UBND tỉnh Đắk Lắk")
