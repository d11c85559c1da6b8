"""Unit names: abbreviations, canonical names, comparison keys, recognition in real directive sentences."""

import json
from functools import lru_cache
from pathlib import Path

import pytest

from ingest.normalize import normalize_text
from ingest.units import canonical_unit, expand_abbreviations, find_units, split_units, unit_key

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# One sentence a line, with every unit it names as [surface, canonical name], written by reading the sentence.
# "doc" is the corpus file prefix, or "legacy" for older directives from ../shared/samples/legacy (texts
# unlike the corpus, kept here as sentences). "known_miss" marks sentences the recogniser gets partly wrong:
# they count in the measured precision and recall but are not asserted one by one.
GOLD_FILE = Path(__file__).parent / "gold_units.jsonl"
GOLD = [json.loads(line) for line in GOLD_FILE.read_text(encoding="utf-8").splitlines()]
ASSERTED = [g for g in GOLD if not g.get("known_miss")]


@lru_cache(maxsize=None)
def _document(prefix: str) -> str:
    (path,) = CORPUS.glob(f"{prefix}-*.txt")
    return normalize_text(path.read_text(encoding="utf-8"))


def _found(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, str]]:
    return [(m.surface, m.name) for m in find_units(text, start, end)]


@pytest.mark.parametrize("gold", ASSERTED, ids=lambda g: g["sentence"][:40])
def test_units_of_corpus_sentences(gold):
    assert _found(gold["sentence"]) == [tuple(unit) for unit in gold["units"]]


@pytest.mark.parametrize("gold", [g for g in GOLD if g["doc"] != "legacy"], ids=lambda g: g["sentence"][:40])
def test_units_found_in_place_in_the_stored_document(gold):
    text = _document(gold["doc"])
    start = text.index(gold["sentence"])
    in_place = find_units(text, start, start + len(gold["sentence"]))
    assert all(text[m.start : m.end] == m.surface for m in in_place)
    assert [(m.surface, m.name) for m in in_place] == _found(gold["sentence"])


def _precision_recall(gold: list[dict]) -> tuple[float, float]:
    """Micro precision and recall of (surface, name) pairs over gold sentences."""
    hits = found = expected = 0
    for row in gold:
        got = _found(row["sentence"])
        remaining = [tuple(unit) for unit in row["units"]]
        for pair in got:
            if pair in remaining:
                remaining.remove(pair)
                hits += 1
        found += len(got)
        expected += len(row["units"])
    return hits / found, hits / expected


def test_precision_and_recall_on_the_gold_sentences():
    precision, recall = _precision_recall(GOLD)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


def test_gold_sentences_cover_every_corpus_document():
    assert {g["doc"] for g in GOLD} - {"legacy"} == {path.name.split("-")[0] for path in CORPUS.glob("*.txt")}


def test_precision_recall_counts_a_wrong_name_as_a_miss():
    toy = [{"sentence": "Sở Tư pháp theo dõi", "units": [["Sở Tư pháp", "Sở Tài chính"]]}]
    assert _precision_recall(toy) == (0.0, 0.0)


def test_expand_abbreviations_whole_tokens_only():
    expanded = "Thường trực Hội đồng nhân dân tỉnh; Ban Tổ chức Tỉnh ủy"
    assert expand_abbreviations("TT HĐND tỉnh; BTC TU") == expanded
    assert expand_abbreviations("Kết luận 62-KL/TW của Bộ Chính trị") == "Kết luận 62-KL/TW của Bộ Chính trị"
    assert expand_abbreviations("Báo cáo số 386-BC/BTCTW") == "Báo cáo số 386-BC/BTCTW"
    expanded = "Hội đồng nhân dân tinh, Mặt trận Tổ quốc, đại biểu Quốc hội"
    assert expand_abbreviations("HDND tinh, MTTQ, ĐBQH") == expanded
    # inside a word or in lower case a short abbreviation is an ordinary word: "tu" is "tu", not Tỉnh ủy
    assert expand_abbreviations("TUYÊN GIÁO, nhà tu hành, UBNDX") == "TUYÊN GIÁO, nhà tu hành, UBNDX"


def test_canonical_unit_spelling():
    assert canonical_unit("Đảng uỷ Chính phủ") == "Đảng ủy Chính phủ"
    assert canonical_unit("  Sở   Tư pháp ;") == "Sở Tư pháp"
    assert canonical_unit("UBND tỉnh") == "Ủy ban nhân dân tỉnh"
    assert canonical_unit("các sở, ban, ngành") == "Các sở, ban, ngành"
    assert canonical_unit("các Ủy ban nhân dân cấp tỉnh") == "Ủy ban nhân dân cấp tỉnh"
    assert canonical_unit("ỦY BAN NHÂN DÂN TỈNH BẮC NINH") == "Ủy ban nhân dân tỉnh Bắc Ninh"
    assert canonical_unit("VP UBND tỉnh") == "Văn phòng Ủy ban nhân dân tỉnh"


def test_distributive_plural_expands():
    assert split_units("Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ") == ["Đảng ủy Bộ Tài chính", "Đảng ủy Bộ Nội vụ"]
    assert split_units("Chủ tịch, Phó Chủ tịch UBND tỉnh") == [
        "Chủ tịch Ủy ban nhân dân tỉnh",
        "Phó Chủ tịch Ủy ban nhân dân tỉnh",
    ]
    assert split_units("Sở Nội vụ, Sở Tư pháp") == ["Sở Nội vụ", "Sở Tư pháp"]


def test_unit_key_meets_across_spellings():
    assert unit_key("UBND tinh") == unit_key("Uỷ ban nhân dân tỉnh") == unit_key("Ủy ban nhân dân tỉnh")
    assert unit_key("BTC TU") == unit_key("Ban Tổ chức Tỉnh ủy") == unit_key("ban to chuc tinh uy")
    assert unit_key("HDND tỉnh") == unit_key("Hội đồng nhân dân tỉnh")


def test_unit_key_keeps_scope_apart():
    assert unit_key("Ban Tổ chức Tỉnh ủy") != unit_key("Ban Tổ chức Trung ương")
    assert unit_key("Ủy ban nhân dân tỉnh") != unit_key("Ủy ban nhân dân các xã, phường")
    assert unit_key("Sở Tư pháp") != unit_key("Bộ Tư pháp")


def test_units_in_text_typed_without_diacritics():
    assert _found("UBND tinh chu tri, phoi hop voi So Tu phap") == [
        ("UBND tinh", "Ủy ban nhân dân tỉnh"),
        ("So Tu phap", "Sở Tư pháp"),
    ]
    assert _found("ban to chuc tinh uy tham muu gi?") == [("ban to chuc tinh uy", "Ban Tổ chức Tỉnh ủy")]
    assert _found("sở nội vụ có nhiệm vụ gì") == [("sở nội vụ", "Sở Nội vụ")]


def test_no_units_in_codes_places_and_ordinary_words():
    assert find_units("Số: 141/KH-UBND Bắc Ninh, ngày 20 tháng 11 năm 2025") == []
    assert find_units("phổ biến trên địa bàn tỉnh Bắc Ninh cho Nhân dân") == []
    assert find_units("Ban hành văn bản; bảo vệ bí mật nội bộ liên quan đến việc sắp xếp") == []
    assert find_units("các bộ phận thường trực và các phong trào thi đua") == []


def test_tu_with_its_horn_is_the_centre_not_the_province():
    # TƯ (Trung ương) and TU (Tỉnh ủy) fold to the same letters; the printed horn decides
    assert expand_abbreviations("Ban Chấp hành TƯ Đảng") == "Ban Chấp hành Trung ương Đảng"
    assert expand_abbreviations("BTV TU") == "Ban Thường vụ Tỉnh ủy"
    assert expand_abbreviations("BTC TƯ") == "Ban Tổ chức Trung ương"
