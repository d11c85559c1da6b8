"""References between documents, checked against the corpus texts (expectations written by reading them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.normalize import normalize_text
from ingest.references import extract_references
from ingest.types import Document

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))


def line_locator(text: str):
    """A simple stand-in for the section locator: the 1-based line of the stored text."""
    return lambda offset: (str(text.count("\n", 0, offset) + 1),)


def corpus_document(number: str) -> Document:
    """A corpus document with metadata from the manifest and references from its stored text."""
    entry = next(entry for entry in MANIFEST["documents"] if entry["number"] == number)
    text = normalize_text((CORPUS / entry["file"]).read_text(encoding="utf-8"))
    references = extract_references(text, line_locator(text), self_number=number)
    return Document(
        number,
        entry["type"],
        text,
        issuer=entry["issuer"],
        issued=entry["issued"],
        title=entry["title"],
        references=tuple(references),
    )


def rows(number: str):
    return [
        (r.number, r.doc_type, r.relation, r.issued, r.issuer, r.target_of)
        for r in corpus_document(number).references
    ]


def test_every_reference_in_3400():
    assert rows("3400-CV/TU") == [
        # the title: "Triển khai thực hiện Kết luận 62-KL/TW của Bộ Chính trị"
        ("62-KL/TW", "Kết luận", "thực hiện", None, "Bộ Chính trị", None),
        ("62-KL/TW", "Kết luận", "thực hiện", "2023-10-02", "Bộ Chính trị", None),
        # "... của Bộ Chính trị về thực hiện Nghị quyết 19-NQ/TW": said of 62-KL/TW, not of the letter
        (
            "19-NQ/TW",
            "Nghị quyết",
            "thực hiện",
            "2017-10-25",
            "Ban Chấp hành Trung ương Đảng khóa XII",
            "62-KL/TW",
        ),
        ("62-KL/TW", "Kết luận", "thực hiện", None, "Bộ Chính trị", None),
        ("19-NQ/TW", "Nghị quyết", "thực hiện", None, "Ban Chấp hành Trung ương Đảng khóa XII", None),
        ("62-KL/TW", "Kết luận", "thực hiện", None, "Bộ Chính trị", None),
        ("19-NQ/TW", "Nghị quyết", "theo", None, None, None),
        ("02-ĐA/TU", "Đề án", "rà soát", "2018-03-21", "Ban Thường vụ Tỉnh ủy", None),
        ("62-KL/TW", "Kết luận", "thực hiện", None, "Bộ Chính trị", None),
        ("62-KL/TW", "Kết luận", "gửi kèm", "2023-10-02", "Bộ Chính trị", None),
    ]


def test_every_reference_in_141():
    assert rows("141/KH-UBND") == [
        ("14-KH/TU", "Kế hoạch", "thực hiện", "2025-07-29", "Ban Thường vụ Tỉnh ủy", None),
        ("24/KH-UBND", "Kế hoạch", "thực hiện", "2025-08-14", "UBND tỉnh", None),
        # "Kế hoạch số 14-KH/TU ... và Kế hoạch số 24/KH-UBND ... thực hiện Nghị quyết số 66-NQ/TW": both
        ("66-NQ/TW", "Nghị quyết", "thực hiện", "2025-04-30", "Bộ Chính trị", "14-KH/TU"),
        ("66-NQ/TW", "Nghị quyết", "thực hiện", "2025-04-30", "Bộ Chính trị", "24/KH-UBND"),
        ("14-KH/TU", "Kế hoạch", "thực hiện", None, "Ban Thường vụ Tỉnh ủy", None),
        ("24/KH-UBND", "Kế hoạch", "thực hiện", None, "UBND tỉnh", None),
        ("66-NQ/TW", "Nghị quyết", "thực hiện", None, None, None),
        # III.2 only asks to disseminate ("tuyên truyền, phổ biến, quán triệt"): no relation named
        ("27/NQ-TW", "Nghị quyết", "nhắc đến", "2022-11-09", "Ban Chấp hành Trung ương đảng khóa XIII", None),
        ("66-NQ/TW", "Nghị quyết", "nhắc đến", "2025-04-30", "Bộ Chính trị", None),
        ("178-QĐ/TW", "Quy định", "nhắc đến", "2024-06-27", "Bộ Chính trị", None),
        ("197/2025/QH15", "Nghị quyết", "nhắc đến", None, "Quốc hội", None),
        ("197/2025/QH15", "Nghị quyết", "theo", None, "Quốc hội", None),
        # "theo Luật Ngân sách nhà nước; Nghị quyết số 197/2025/QH15"
        ("197/2025/QH15", "Nghị quyết", "theo", None, "Quốc hội", None),
    ]


def test_sample_of_155():
    found = rows("155-KL/TW")
    assert ("386-BC/BTCTW", "Báo cáo", "nhắc đến", "2025-05-14", None, None) in found
    assert ("21-BC/ĐU", "Báo cáo", "nhắc đến", "2025-05-15", None, None) in found
    # "(có Báo cáo số 386-BC/BTCTW kèm theo)": the report comes with the conclusion
    assert ("386-BC/BTCTW", "Báo cáo", "kèm theo", None, None, None) in found
    assert ("150-KL/TW", "Kết luận", "thực hiện", "2025-04-14", "Bộ Chính trị", None) in found
    assert ("31-HD/BTCTW", "Hướng dẫn", "thực hiện", "2025-04-23", "Ban Tổ chức Trung ương", None) in found


def test_sample_of_1378():
    found = rows("1378/QĐ-BNV")
    assert found[:2] == [
        ("25/2025/NĐ-CP", "Nghị định", "căn cứ", "2025-02-21", "Chính phủ", None),
        ("1085/QĐ-TTg", "Quyết định", "căn cứ", "2022-09-15", "Thủ tướng Chính phủ", None),
    ]
    # each procedure's "Căn cứ pháp lý" heading, then: 283 amends 120
    assert found[2:4] == [
        ("283/2025/NĐ-CP", "Nghị định", "căn cứ", "2025-10-31", "Chính phủ", None),
        ("120/2020/NĐ-CP", "Nghị định", "sửa đổi", "2020-10-07", "Chính phủ", "283/2025/NĐ-CP"),
    ]
    assert len(found) == 2 + 4 * 2
    # the header and the annex's "Ban hành kèm theo Quyết định số 1378/QĐ-BNV" are the document itself
    assert all(number != "1378/QĐ-BNV" for number, *_ in found)


def test_sample_of_2920():
    found = rows("2920/QĐ-UBND")
    assert found == [
        ("72/2025/QH15", "Luật", "căn cứ", None, None, None),
        ("150/2025/NĐ-CP", "Nghị định", "căn cứ", "2025-06-12", "Chính phủ", None),
        ("10/2025/TT-BNV", "Thông tư", "căn cứ", "2025-06-19", "Bộ trưởng Bộ Nội vụ", None),
        ("02/2025/TT-BDTTG", "Thông tư", "căn cứ", "2025-06-24", "Bộ trưởng Bộ Dân tộc và Tôn giáo", None),
        ("71/SNV-VP", None, "theo", "2025-11-12", None, None),
    ]


def test_spans_locators_and_statements_point_into_the_text():
    document = corpus_document("3400-CV/TU")
    for reference in document.references:
        assert document.text[reference.start : reference.end] == reference.number
        assert reference.locator == line_locator(document.text)(reference.start)
        statement = document.text[reference.statement_start : reference.statement_end]
        assert reference.number in statement
    of_62 = document.references[2]
    assert document.text[of_62.statement_start : of_62.statement_end] == (
        "Kết luận 62-KL/TW ngày 02/10/2023 của Bộ Chính trị về thực hiện Nghị quyết 19-NQ/TW ngày 25/10/2017 "
        "của Ban Chấp hành Trung ương Đảng khóa XII"
    )


def test_own_number_is_recognised_without_being_told():
    text = corpus_document("141/KH-UBND").text
    # no self_number: the header line "Số: 141/KH-UBND" is still the document's own
    assert all(r.number != "141/KH-UBND" for r in extract_references(text, line_locator(text)))
    annex = corpus_document("1378/QĐ-BNV").text
    # an annex names the decision it belongs to
    attached = [r for r in extract_references(annex, line_locator(annex)) if r.number == "1378/QĐ-BNV"]
    assert [(r.relation, r.issued, r.issuer) for r in attached] == [
        ("ban hành kèm theo", "2025-11-25", "Bộ trưởng Bộ Nội vụ")
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Quyết định này thay thế Quyết định số 45/2019/QĐ-UBND ngày 10/5/2019 của Ủy ban nhân dân tỉnh.",
            ("45/2019/QĐ-UBND", "Quyết định", "thay thế", "2019-05-10", "Ủy ban nhân dân tỉnh", None),
        ),
        (
            "Bãi bỏ Chỉ thị số 05/CT-UBND ngày 02 tháng 3 năm 2020 của Chủ tịch Ủy ban nhân dân tỉnh.",
            ("05/CT-UBND", "Chỉ thị", "bãi bỏ", "2020-03-02", "Chủ tịch Ủy ban nhân dân tỉnh", None),
        ),
        (
            "Thong bao ket luan so 12-TB/TU ngay 5/6/2024 cua Thuong truc Tinh uy",
            ("12-TB/TU", "Thông báo", "nhắc đến", "2024-06-05", "Thuong truc Tinh uy", None),
        ),
        (
            "Thuc hien Chi thi 05-CT/TW ngay 15/5/2016 cua Bo Chinh tri",
            ("05-CT/TW", "Chỉ thị", "thực hiện", "2016-05-15", "Bo Chinh tri", None),
        ),
        (
            "Nghị định này sửa đổi, bổ sung một số điều của Nghị định số 120/2020/NĐ-CP.",
            ("120/2020/NĐ-CP", "Nghị định", "sửa đổi", None, None, None),
        ),
        (
            "Phòng Nội vụ theo dõi việc thực hiện Công văn số 15/UBND-NC; báo cáo theo quy định.",
            ("15/UBND-NC", "Công văn", "thực hiện", None, None, None),
        ),
    ],
)
def test_relations_in_general_sentences(sentence, expected):
    (reference,) = extract_references(sentence, lambda offset: ())
    found = (
        reference.number,
        reference.doc_type,
        reference.relation,
        reference.issued,
        reference.issuer,
        reference.target_of,
    )
    assert found == expected


def test_an_impossible_date_is_not_given():
    (reference,) = extract_references("Căn cứ Quyết định số 7/QĐ-UBND ngày 31/02/2024", lambda offset: ())
    assert (reference.relation, reference.issued) == ("căn cứ", None)
