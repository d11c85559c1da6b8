"""The stored text: NFC, single spaces, hard-wrapped lines joined, nothing printed lost."""

import unicodedata
from pathlib import Path

import pytest

from ingest.normalize import normalize_text

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _letters(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_normalising_keeps_every_printed_character(path):
    raw = path.read_text(encoding="utf-8")
    stored = normalize_text(raw)
    assert _letters(stored) == _letters(raw)
    assert unicodedata.is_normalized("NFC", stored)
    assert "\t" not in stored and "  " not in stored
    assert normalize_text(stored) == stored  # idempotent


def test_space_runs_collapse_and_a_tab_stays_the_cell_separator():
    # readers write a table row as one line, its cells separated by tabs; runs of them are one separator
    assert normalize_text("Số   3400-CV/TU \t\t ngày") == "Số 3400-CV/TU\tngày\n"


def test_hard_wrapped_line_is_joined():
    raw = "- Các sở, ban, ngành, Mặt trận Tổ quốc và các tổ chức\n  chính trị - xã hội tỉnh,\n"
    assert normalize_text(raw) == "- Các sở, ban, ngành, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh,\n"


def test_wrapped_hyphen_is_not_a_bullet():
    raw = "4. Trong giai đoạn 2026\n- 2030 phấn đấu có ít nhất 10% đội ngũ"
    assert normalize_text(raw) == "4. Trong giai đoạn 2026 - 2030 phấn đấu có ít nhất 10% đội ngũ\n"


def test_lower_case_continuation_across_a_blank_line():
    raw = "- Đơn vị phối hợp: Văn phòng UBND tỉnh; các cơ quan, đơn vị, địa phương\n\nliên quan.\n"
    assert normalize_text(raw) == "- Đơn vị phối hợp: Văn phòng UBND tỉnh; các cơ quan, đơn vị, địa phương liên quan.\n"


def test_bullets_after_a_colon_stay_bullets():
    raw = "3. Giao Đảng ủy Chính phủ lãnh đạo, chỉ đạo:\n- Các Đảng uỷ Bộ Tài chính\n- Đảng uỷ Bộ Nội vụ"
    assert normalize_text(raw).count("\n- ") == 2


def test_paragraphs_keep_one_blank_line_and_crlf_is_read():
    assert normalize_text("Một.\r\n\r\n\r\nHai.\r\n") == "Một.\n\nHai.\n"


def test_decomposed_text_is_composed():
    assert normalize_text(unicodedata.normalize("NFD", "Ủy ban")) == "Ủy ban\n"


def test_empty_input():
    assert normalize_text("") == ""
    assert normalize_text(" \n\t\n") == ""


def test_lower_case_point_label_is_not_a_continuation():
    assert normalize_text("1. Mục đích\n\na) Nâng cao\n\nđ) Điểm") == "1. Mục đích\n\na) Nâng cao\n\nđ) Điểm\n"
