"""Shapes read on documents that were not used to write their rules.

The rules for crawled text (ingest.line_repairs), short forms (ingest.short_forms), the closing "chịu trách nhiệm
thi hành" article, abbreviations inside a heading in capitals and a label alone on its line were written on
documents of the development part of the directives suite. Here each is shown on a real document nobody read
while writing it: a crawl of Quyết định 1227/QĐ-BYT (tests/documents/README.md names its source) and pages of
../shared/scale/pages.tar.xz, read in place.
"""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest

from ingest.line_repairs import repair_lines
from ingest.markdown_text import read_markdown
from ingest.normalize import normalize_text
from ingest.pipeline import parse_file, parse_text
from ingest.readers import read_file
from ingest.roles import find_deadline
from ingest.short_forms import short_forms
from ingest.units import find_units
from ingest.webpage import keep_document

DOCUMENTS = Path(__file__).parent / "documents"
SCALE = Path(__file__).resolve().parents[2] / "shared" / "scale" / "pages.tar.xz"


@pytest.fixture(scope="module")
def scale_pages() -> dict[str, str]:
    """A few pages of the scale material, read from the archive without unpacking it."""
    if not SCALE.exists():
        pytest.fail(f"{SCALE} is missing: the tests read pages of ../shared/scale in place")
    wanted = {f"pages/{name}.md" for name in ("02798", "03107", "04620", "02396", "05613", "06065", "01145", "00385")}
    found: dict[str, str] = {}
    with tarfile.open(SCALE) as archive:
        for member in archive:
            if member.name in wanted:
                found[member.name] = archive.extractfile(member).read().decode("utf-8")
                if len(found) == len(wanted):
                    break
    return found


def _page(text: str) -> str:
    """A saved page's text as ingest stores it (the reader's steps for .md, then normalisation)."""
    return normalize_text(repair_lines(keep_document(read_markdown(text))))


def test_a_crawl_with_the_sites_caption_before_every_article_reads_as_printed():
    document = parse_file(DOCUMENTS / "1227-QD-BYT-2025-crawled.txt")
    assert (document.number, document.doc_type, document.issuer) == ("1227/QĐ-BYT", "Quyết định", "Bộ Y tế")
    assert document.issued == "2025-04-11" and document.place == "Hà Nội"
    # the authority's line run onto the title ("... (ĐỢT 1) BỘ TRƯỞNG BỘ Y TẾ") is not part of the title
    assert document.title.endswith("(đợt 1)")
    assert (document.signed_for, document.signer_title, document.signer) == ("KT. Bộ trưởng", "Thứ trưởng",
                                                                              "Nguyễn Tri Thức")
    articles = [s.locator for s in document.sections if s.kind == "article"]
    assert articles == [("Điều 1",), ("Điều 2",), ("Điều 3",), ("Điều 4",), ("Điều 5",)]
    assert "Quyết định 1227/QĐ-BYT năm 2025." not in document.text


def test_the_closing_article_names_everyone_who_carries_the_decision_out():
    document = parse_file(DOCUMENTS / "1227-QD-BYT-2025-crawled.txt")
    closing = {unit for a in document.assignments if a.locator == ("Điều 5",) for unit in a.units}
    assert {"Chánh Văn phòng Bộ Y tế", "Thủ trưởng các đơn vị liên quan"} <= closing
    assert "Bộ Y tế" not in closing  # "trực thuộc Bộ Y tế" qualifies another unit
    assert all(a.role == "chịu trách nhiệm" for a in document.assignments if a.locator == ("Điều 5",))
    assert any(a.units == ("Cục Quản lý Khám, chữa bệnh",) for a in document.assignments if a.locator == ("Điều 3",))
    for a in document.assignments:
        assert document.text[a.task_start : a.task_end] == a.task


def test_a_label_left_alone_on_its_line_joins_its_text(scale_pages):
    text = repair_lines(read_markdown(scale_pages["pages/03107.md"]))  # the site's chrome stands before it
    assert "6.1. Cục Thủy sản và Kiểm ngư, Sở Nông nghiệp và Môi trường" in text
    assert "\n6.2. Cục Thủy sản và Kiểm ngư phổ biến" in text


def test_a_declared_short_form_names_its_unit(scale_pages):
    text = _page(scale_pages["pages/02798.md"])
    forms = short_forms(text)
    assert forms.get("Ban Chỉ đạo") == "Ban Chỉ đạo Nhà nước về Du lịch"


def test_an_abbreviation_is_not_read_inside_a_heading_in_capitals(scale_pages):
    document = parse_text(_page(scale_pages["pages/02798.md"]), source="02798.md")
    assert document.issuer.lower() == "ban chỉ đạo nhà nước về du lịch"  # "DU LỊCH", not "ĐU" = Đảng ủy
    closing = {unit for a in document.assignments if a.locator == ("Điều 3",) for unit in a.units}
    assert "Các thành viên Ban Chỉ đạo" in closing
    assert any(unit.startswith("Chủ tịch Ủy ban nhân dân tỉnh") for unit in closing)


def test_alternatives_joined_by_a_slash_are_one_scope(scale_pages):
    text = " ".join(_page(scale_pages["pages/04620.md"]).split())
    start = text.index("Kính gửi: Chủ tịch Ủy ban nhân dân xã/phường/đặc khu")
    assert [m.name for m in find_units(text, start, start + 60)] == ["Chủ tịch Ủy ban nhân dân xã/phường/đặc khu"]
    assert [m.name for m in find_units("gửi Bộ Tài chính (b/c)")] == ["Bộ Tài chính"]  # a code stays a code


def test_reading_a_crawl_twice_gives_the_same_text():
    text = read_file(DOCUMENTS / "1227-QD-BYT-2025-crawled.txt")
    assert repair_lines(text) == text


def test_a_declared_short_form_keeps_the_head_of_the_unit_it_stands_for(scale_pages):
    # "Chi cục Quản lý thị trường thuộc Sở Công Thương tỉnh, thành phố ... (sau đây gọi tắt là Chi cục ...)":
    # the Sở is the last unit before the bracket, but a Chi cục is not a Sở
    assert "Chi cục Quản lý thị trường" not in short_forms(_page(scale_pages["pages/02396.md"]))
    # a list of bodies given one short form is not one unit's name
    assert "Trung ương Đảng" not in short_forms(_page(scale_pages["pages/05613.md"]))


def test_the_advisory_bodies_of_a_party_committee_are_one_collective(scale_pages):
    text = _page(scale_pages["pages/06065.md"])
    at = text.index("các cơ quan tham mưu, giúp việc Đảng ủy Bộ")
    names = [m.name for m in find_units(text, at, at + 60)]
    assert names[0] == "Các cơ quan tham mưu, giúp việc Đảng ủy Bộ", names


@pytest.mark.parametrize("page, opening, expected", [
    ("01145", "trong vòng 07", "trong vòng 07 ngày làm việc kể từ ngày tiếp nhận hồ sơ"),
    ("00385", "Trong vòng 03", "Trong vòng 03 ngày làm việc, kể từ khi xảy ra các sự kiện dưới đây"),
])
def test_a_time_limit_in_working_days_is_read_up_to_its_starting_event(scale_pages, page, opening, expected):
    text = _page(scale_pages[f"pages/{page}.md"])
    at = text.index(opening)
    span = find_deadline(text, at, at + 200)
    assert span is not None and text[span[0] : span[1]] == expected


def test_a_date_binds_before_a_cadence_and_a_cadence_is_read_without_one():
    clause = "Sở Nội vụ thường xuyên theo dõi, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2025."
    span = find_deadline(clause, 0, len(clause))
    assert clause[span[0] : span[1]] == "trước ngày 15/12/2025"
    clause = "Công an tỉnh định kỳ hoặc đột xuất kiểm tra việc thực hiện."
    span = find_deadline(clause, 0, len(clause))
    assert clause[span[0] : span[1]] == "định kỳ hoặc đột xuất"


def test_where_the_units_are_does_not_hide_their_predicate():
    # the shape of a regulation's staffing clause: bodies "trên địa bàn" and then what they do
    clause = "Các tổ chức cơ sở đảng, chi bộ thôn, tổ dân phố trên địa bàn cử đảng viên tham gia lớp bồi dưỡng."
    from ingest.assignments import read_clause

    subject = [party.name for party in read_clause(clause, 0, len(clause)).subject]
    assert subject == ["Các tổ chức cơ sở đảng", "Chi bộ thôn, tổ dân phố"]
