"""Document numbers: found in directive text, read from users' loose mentions, resolved to known numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.normalize import normalize_text
from ingest.numbers import (
    DocMention,
    doc_type_of,
    find_numbers,
    normalize_number,
    number_key,
    parse_mentions,
    resolve_mention,
    search_key,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
KNOWN_NUMBERS = [entry["number"] for entry in MANIFEST["documents"] + MANIFEST["referenced_without_text"]]
ISSUERS = {entry["number"]: entry["issuer"] for entry in MANIFEST["documents"]}


def corpus_text(number: str) -> str:
    entry = next(entry for entry in MANIFEST["documents"] if entry["number"] == number)
    return normalize_text((CORPUS / entry["file"]).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "sentence, raw, number",
    [
        ("Triển khai thực hiện Kết luận 62-KL/TW của Bộ Chính trị", "62-KL/TW", "62-KL/TW"),
        ("về thực hiện Nghị quyết số 19-NQ/TW ngày 25/10/2017", "19-NQ/TW", "19-NQ/TW"),
        ("Rà soát việc thực hiện Đề án 02-ĐA/TU ngày 21/3/2018", "02-ĐA/TU", "02-ĐA/TU"),
        ("Thực hiện Kế hoạch số 14-KH/TU ngày 29/7/2025", "14-KH/TU", "14-KH/TU"),
        ("và Kế hoạch số 24/KH-UBND ngày 14/8/2025 của UBND tỉnh", "24/KH-UBND", "24/KH-UBND"),
        ("Căn cứ Nghị định số 120/2020/NĐ-CP ngày 07 tháng 10 năm 2020", "120/2020/NĐ-CP", "120/2020/NĐ-CP"),
        ("Căn cứ Quyết định 1085/QĐ-TTg của Thủ tướng Chính phủ", "1085/QĐ-TTg", "1085/QĐ-TTg"),
        ("(Báo cáo số 386-BC/BTCTW, ngày 14/5/2025)", "386-BC/BTCTW", "386-BC/BTCTW"),
        ("Hướng dẫn số 31-HD/BTCTW, ngày 23/4/2025", "31-HD/BTCTW", "31-HD/BTCTW"),
        ("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;", "72/2025/QH15", "72/2025/QH15"),
        ("Căn cứ Thông tư số 10/2025/TT-BNV ngày 19/6/2025", "10/2025/TT-BNV", "10/2025/TT-BNV"),
        ("Thông tư số 02/2025/TT-BDTTG ngày 24/6/2025", "02/2025/TT-BDTTG", "02/2025/TT-BDTTG"),
        ("tại Văn bản số 71/SNV-VP ngày 12/11/2025;", "71/SNV-VP", "71/SNV-VP"),
        ("Quy định số 178-QĐ/TW ngày 27/6/2024 của Bộ Chính trị", "178-QĐ/TW", "178-QĐ/TW"),
        ("quán triệt Nghị quyết số 27/NQ- TW ngày 09/11/2022", "27/NQ- TW", "27/NQ-TW"),
        ("Số: 141/KH-UBND Bắc Ninh, ngày 20 tháng 11 năm 2025", "141/KH-UBND", "141/KH-UBND"),
        ("Số 3400-CV/TU\nTriển khai thực hiện", "3400-CV/TU", "3400-CV/TU"),
        ("giữa Ủy ban nhân dân tỉnh 5/UBND-NC - Các sở", "5/UBND-NC", "5/UBND-NC"),
    ],
)
def test_finds_the_number_printed_in_a_sentence(sentence, raw, number):
    (mention,) = find_numbers(sentence)
    assert (mention.raw, mention.number) == (raw, number)
    assert sentence[mention.start : mention.end] == raw


@pytest.mark.parametrize(
    "sentence",
    [
        "Rà soát việc thực hiện Đề án ngày 21/3/2018 của Ban Thường vụ Tỉnh ủy",
        "trước ngày 01/6/2025 và ban hành trước ngày 25/6/2025",
        "giai đoạn 2026 - 2030 và giai đoạn 2026-2030",
        "tỷ lệ 1/2 số lượng, tháng 12/2025",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
        "- Bộ Tư pháp (b/c); - Lưu: VT, VP (VTLT&KSTTHC).",
        "theo tinh thần Nghị quyết Hội nghị Trung ương 11 khoá XIII (từ ngày 04/5 đến ngày 14/5/2025)",
        "mô hình tổ chức chính quyền địa phương 2 cấp - Các tỉnh",
    ],
)
def test_dates_periods_and_fractions_are_not_numbers(sentence):
    assert find_numbers(sentence) == []


@given(st.dates(), st.sampled_from(["ngày {d}/{m}/{y}", "{d}/{m}/{y}", "tháng {m}/{y}", "{y} - {y}"]))
def test_no_date_is_ever_a_number(date, pattern):
    text = pattern.format(d=date.day, m=date.month, y=date.year)
    assert find_numbers(text) == []
    assert parse_mentions(text) == []


def test_every_corpus_text_prints_its_own_number_except_the_headerless_conclusion():
    for entry in MANIFEST["documents"]:
        found = {mention.number for mention in find_numbers(corpus_text(entry["number"]))}
        assert (entry["number"] in found) == (entry["number"] != "155-KL/TW"), entry["number"]


def test_numbers_found_in_the_141_plan_are_exactly_those_it_prints():
    found = [mention.number for mention in find_numbers(corpus_text("141/KH-UBND"))]
    assert found == [
        "141/KH-UBND",
        "14-KH/TU",
        "24/KH-UBND",
        "66-NQ/TW",
        "14-KH/TU",
        "24/KH-UBND",
        "66-NQ/TW",
        "27/NQ-TW",
        "66-NQ/TW",
        "178-QĐ/TW",
        "197/2025/QH15",
        "197/2025/QH15",
        "197/2025/QH15",
    ]


def test_normalize_number_and_type_from_symbol():
    assert normalize_number("Số: 141 / KH-UBND") == "141/KH-UBND"
    assert normalize_number("27/NQ- TW") == "27/NQ-TW"
    assert doc_type_of("3400-CV/TU") == "Công văn"
    assert doc_type_of("120/2020/NĐ-CP") == "Nghị định"
    assert doc_type_of("72/2025/QH15") is None
    assert number_key("1085/QĐ-TTg") == number_key("1085/qđ-ttg")


def test_search_key_keeps_offsets():
    text = "Thực hiện Kết luận 62-KL/TW của Bộ Chính trị về thực hiện Nghị quyết"
    key = search_key(text)
    assert len(key) == len(text)
    start = key.index("nghi quyet")
    assert text[start : start + 10] == "Nghị quyết"


@pytest.mark.parametrize(
    "question, numeral, doc_type, place",
    [
        ("Công văn 3400 yêu cầu gì?", "3400", "Công văn", None),
        ("cong van 3400 giao ai chu tri", "3400", "Công văn", None),
        ("CV 3400 giao Ban Tổ chức Tỉnh ủy việc gì", "3400", "Công văn", None),
        ("KL 62 do ai ban hành?", "62", "Kết luận", None),
        ("Kết luận số 155 yêu cầu hoàn thành trước ngày nào?", "155", "Kết luận", None),
        ("kế hoạch 141 của Bắc Ninh giao Sở Tư pháp làm gì?", "141", "Kế hoạch", "Bắc Ninh"),
        ("quyet dinh 2920 cua UBND tinh Ha Tinh quy dinh gi", "2920", "Quyết định", "UBND tinh Ha Tinh"),
        ("QĐ 1378 công bố mấy thủ tục?", "1378", "Quyết định", None),
        ("nghị quyết 19 ban hành năm nào", "19", "Nghị quyết", None),
        ("NQ19 nói về gì", "19", "Nghị quyết", None),
        ("quy định 178 của Bộ Chính trị", "178", "Quy định", "Bộ Chính trị"),
        ("văn bản số 71 của Sở Nội vụ", "71", None, "Sở Nội vụ"),
    ],
)
def test_parses_loose_mentions(question, numeral, doc_type, place):
    (mention,) = parse_mentions(question)
    assert (mention.numeral, mention.doc_type, mention.place) == (numeral, doc_type, place)
    assert question[mention.start : mention.end] == mention.raw


def test_parses_a_full_number_typed_in_any_case():
    for question in ("3400-CV/TU giao ai?", "cv 3400-cv/tu giao ai?", "Công văn số 3400-CV/TU"):
        (mention,) = parse_mentions(question)
        assert (mention.number, mention.numeral, mention.doc_type) == ("3400-CV/TU", "3400", "Công văn")


@pytest.mark.parametrize(
    "question",
    [
        "Năm 2025 tỉnh đã ban hành những kế hoạch nào?",
        "Văn bản ngày 21/8/2024 giao việc gì?",
        "kế hoạch giai đoạn 2026-2030 có mục tiêu gì",
        "Kế hoạch 2026 - 2030 giao ai?",
        "đã 2 lần báo cáo",
        "da 2 lan bao cao",
        "HĐ 5 người",
        "Điều 3 khoản 2 nói gì",
    ],
)
def test_years_dates_and_ordinary_words_are_not_mentions(question):
    assert parse_mentions(question) == []


def test_two_mentions_in_one_question():
    mentions = parse_mentions("Công văn 3400 và KL 62 liên quan thế nào?")
    assert [(m.numeral, m.doc_type) for m in mentions] == [("3400", "Công văn"), ("62", "Kết luận")]


@pytest.mark.parametrize(
    "question, expected",
    [
        ("công văn 3400", ["3400-CV/TU"]),
        ("cong van 3400", ["3400-CV/TU"]),
        ("KL 62", ["62-KL/TW"]),
        ("Kết luận số 155", ["155-KL/TW"]),
        ("quyet dinh 2920", ["2920/QĐ-UBND"]),
        ("QĐ 1378", ["1378/QĐ-BNV"]),
        ("NQ19", ["19-NQ/TW"]),
        ("đề án 2", ["02-ĐA/TU"]),
        ("3400-cv/tu", ["3400-CV/TU"]),
        ("kế hoạch 141 của Bắc Ninh", ["141/KH-UBND"]),
        ("kế hoạch 141 của Hà Tĩnh", []),  # the only plan 141 known is Bắc Ninh's
        ("nghị quyết 3400", []),  # 3400 is a công văn
        ("số 62", ["62-KL/TW"]),
    ],
)
def test_resolves_mentions_to_corpus_numbers(question, expected):
    (mention,) = parse_mentions(question)
    assert resolve_mention(mention, KNOWN_NUMBERS, ISSUERS) == expected


def test_resolution_orders_and_tolerates_printings():
    numbers = ["178-QĐ/TW", "178/KH-UBND", "27/NQ-TW", "197/2025/QH15", "197-KL/TW"]
    assert resolve_mention(DocMention(0, 0, "", "178", "Quy định"), numbers) == ["178-QĐ/TW"]
    # a number printed the other way round ("27/NQ- TW" for 27-NQ/TW) still matches on its parts
    assert resolve_mention(parse_mentions("27-NQ/TW")[0], numbers) == ["27/NQ-TW"]
    # the symbol QH15 names no type: it can be a resolution, after any whose symbol says so
    assert resolve_mention(DocMention(0, 0, "", "197", "Nghị quyết"), numbers) == ["197/2025/QH15"]
    assert resolve_mention(DocMention(0, 0, "", "197"), numbers) == ["197/2025/QH15", "197-KL/TW"]


def test_a_numbers_year_after_its_numeral_is_part_of_the_reference_not_a_date():
    # numbers of the form 125/2025/QĐ-UBND are typed "QĐ 125/2025"; a date after a number stays a date
    for typed in ("QĐ 17/2024 của UBND tỉnh giao ai thi hành?", "Quyet dinh 17/2024 giao ai thi hanh?"):
        (mention,) = parse_mentions(typed)
        assert mention.numeral == "17" and mention.raw.split(" của ")[0].endswith("17/2024"), typed
    (mention,) = parse_mentions("Công văn 3400 ngày 25/10/2024 giao ai?")
    assert mention.raw == "Công văn 3400"
    assert parse_mentions("Kế hoạch đến 12/2025 phải xong") == []
