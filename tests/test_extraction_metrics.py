"""The extraction scorer on a toy key whose right scores are known."""

from evals.extraction import score_units
from ingest.types import Assignment

KEY = {
    "complete": True,
    "clauses": [
        {"locator": ["1"], "assignments": [
            {"units": [["Ủy ban nhân dân tỉnh"], ["Sở Tư pháp"]], "role": "chủ trì"},
            {"units": [["Sở Nội vụ"]], "role": "phối hợp", "optional": True}]},
        {"locator": ["2"], "assignments": [{"units": [["Ban Tổ chức Tỉnh ủy", "BTC Tỉnh ủy"]], "role": "tham mưu"}]},
    ],
}


def _a(locator, unit, role):
    return Assignment((unit,), role, "", 0, 0, tuple(locator), 0, 0)


def test_known_scores():
    predicted = [
        _a(["1"], "UBND tỉnh", "chủ trì"),  # hit via abbreviation
        _a(["1"], "Sở Nội vụ", "phối hợp"),  # optional: not counted either way
        _a(["2"], "Ban Tổ chức Tỉnh ủy", "chủ trì"),  # hit, wrong role
        _a(["2"], "Sở Tài chính", "thực hiện"),  # extra
    ]
    score = score_units(predicted, KEY)
    assert (score.true_positives, score.false_positives, score.false_negatives) == (2, 1, 1)
    assert score.precision == 2 / 3 and score.recall == 2 / 3
    assert score.role_accuracy == 0.5
    assert score.misses == ["1: Sở Tư pháp (chủ trì)"]


def test_incomplete_key_judges_only_its_clauses():
    key = dict(KEY, complete=False)
    score = score_units([_a(["9"], "Sở Tài chính", "thực hiện")], key)
    assert score.false_positives == 0 and score.false_negatives == 3
