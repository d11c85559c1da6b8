"""Shapes read on documents that were not used to write their rules.

The rules for crawled text (ingest.line_repairs), short forms (ingest.short_forms), the closing "chịu trách nhiệm
thi hành" article, abbreviations inside a heading in capitals and a label alone on its line were written on
documents of the development part of the directives suite. Here each is shown on a real document nobody read
while writing it: a crawl of Quyết định 1227/QĐ-BYT (tests/documents/README.md names its source) and pages of
../shared/scale/pages.tar.xz, read in place.
"""

from __future__ import annotations

import re
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
from ingest.assignments import read_clause
from ingest.units import SHORT_FORMS, find_units
from ingest.webpage import keep_document

DOCUMENTS = Path(__file__).parent / "documents"
SCALE = Path(__file__).resolve().parents[2] / "shared" / "scale" / "pages.tar.xz"


@pytest.fixture(scope="module")
def scale_pages() -> dict[str, str]:
    """A few pages of the scale material, read from the archive without unpacking it."""
    if not SCALE.exists():
        pytest.fail(f"{SCALE} is missing: the tests read pages of ../shared/scale in place")
    wanted = {f"pages/{name}.md" for name in ("02798", "03107", "04620", "02396", "05613", "06065", "01145", "00385",
                                              "13227", "11344", "12209", "05772", "10527",
                                              "04371", "06298", "00094", "03179", "00852", "02011", "01477", "01427", "01174", "01193", "00221")}
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


def test_a_city_written_with_a_capital_closes_a_known_body(scale_pages):
    # written on two Hà Nội resolutions of the directives' development part; this is a third one
    document = parse_text(_page(scale_pages["pages/13227.md"]), source="13227.md")
    watchers = {unit for a in document.assignments if a.locator == ("Điều 12", "2") and a.role == "giám sát"
                for unit in a.units}
    assert {"Thường trực Hội đồng nhân dân Thành phố", "Các Ban của Hội đồng nhân dân Thành phố",
            "Các Tổ đại biểu Hội đồng nhân dân Thành phố", "Hội đồng nhân dân cấp xã"} <= watchers


def _sentence(page: str, opening: str) -> tuple[str, int, int]:
    text = " ".join(page.split())
    start = text.index(opening)
    return text, start, text.index(".", start)


def test_staff_named_by_function_are_the_subject_of_their_duty(scale_pages):
    # written on a training centre's regulation (giáo vụ, giảng viên); these are a fire-safety procedure and a
    # tax office's page and an office's asset-declaration plan
    text, start, end = _sentence(_page(scale_pages["pages/11344.md"]), "Cán bộ được phân công trực tiếp")
    reading = read_clause(text, start, end)
    assert [p.name for p in reading.subject] == ["Cán bộ được phân công trực tiếp giải quyết hồ sơ"]
    text, start, end = _sentence(_page(scale_pages["pages/05772.md"]), "Công chức quản lý thuế chịu")
    assert [(p.name, p.role) for p in read_clause(text, start, end).subject] == [
        ("Công chức quản lý thuế", "chịu trách nhiệm")]
    text, start, end = _sentence(_page(scale_pages["pages/12209.md"]), "Cán bộ công chức có trách nhiệm kê khai")
    assert [p.name for p in read_clause(text, start, end).subject] == ["Cán bộ công chức"]


def test_staff_named_by_function_are_no_unit_where_nothing_is_put_on_them():
    assert find_units("Giảng viên nữ có con nhỏ dưới 12 tháng được giảm 15% định mức") == []
    assert find_units("Nâng cao năng lực đội ngũ cán bộ làm công tác thống kê") == []
    assert [m.name for m in find_units("Chủ nhiệm lớp phối hợp với giảng viên lập danh sách")] == ["Giảng viên"]


def test_a_subjects_description_runs_to_its_role_word():
    # written on Thông báo 627/TB-VPCP ("cơ quan chủ quản các dự án đang triển khai thi công tiếp tục chỉ đạo");
    # the same reading in the training centre's regulation
    text = ("1. Chế độ báo cáo\n\n- Tháng 11 hằng năm, Trung tâm chính trị xã có văn bản báo cáo cấp ủy xã về công "
            "tác bồi dưỡng.")
    start = text.index("Trung tâm")
    reading = read_clause(text, start, len(text))
    assert [(p.name, p.role) for p in reading.subject] == [("Trung tâm chính trị xã", "báo cáo")]
    # a role word inside a compound ("Chương trình") is not one
    text = "Cơ quan chủ quản các dự án thuộc Chương trình nghiên cứu"
    assert read_clause(text, 0, len(text)).subject == ()


def test_an_amount_in_a_role_line_is_no_unit():
    document = parse_text("ỦY BAN NHÂN DÂN TỈNH A\nSố: 1/KH-UBND\n\nKẾ HOẠCH\nVề hội nghị\n\n1. Chi bồi dưỡng:\n\n"
                          "- Chủ trì cuộc họp: 500.000 đồng/người/buổi;\n\n- Đơn vị chủ trì: Sở Tài chính.\n")
    units = {unit for a in document.assignments for unit in a.units}
    assert units == {"Sở Tài chính"}


def test_a_short_form_is_not_read_inside_an_ordinary_word():
    with_forms = short_forms("Báo và Phát thanh, Truyền hình tỉnh (sau đây gọi tắt là Báo) thực hiện")
    token = SHORT_FORMS.set(with_forms)
    try:
        assert [m.name for m in find_units("d) Báo cáo tổng kết công tác")] == []
        assert [m.name for m in find_units("d) Báo thực hiện tuyên truyền")] == [with_forms["Báo"]]
    finally:
        SHORT_FORMS.reset(token)


def test_the_date_of_a_cited_letter_is_not_a_time_limit(scale_pages):
    # written on a tax office's reply of the directives' development part ("số 838/CCTKV.XII-NVDTPC.HUE ngày
    # ..."); this is a ministry's plan citing two letters of the Government Office
    from assistant.compose import _best_time_span
    from assistant.question import read_question

    text = " ".join(_page(scale_pages["pages/10527.md"]).split())
    start = text.index("tại Văn bản số 6721/VPCP-V.I")
    cited_only = text[start : text.index("; báo cáo Thủ tướng", start)]
    question = read_question("Phải báo cáo Thủ tướng Chính phủ trước ngày nào?")
    assert _best_time_span(question, cited_only) is None
    whole = text[start : text.index(".", text.index("; báo cáo Thủ tướng", start))]
    span, _ = _best_time_span(question, whole)
    assert whole[span[0] : span[1]] == "trước ngày 30 tháng 11 năm 2025"


def test_an_hour_is_a_time_limit(scale_pages):
    # written on a flood plan of the directives' development part ("báo cáo UBND tỉnh trước 19h00’ hằng ngày");
    # these are two other offices' reporting lines
    from assistant.compose import _best_time_span
    from assistant.question import read_question

    question = read_question("Phải gửi báo cáo trước mấy giờ?")
    for page, expected in (("01174", "trước 16h00 thứ Sáu hàng tuần"), ("01193", "trước 9 giờ sáng hàng ngày")):
        text = " ".join(_page(scale_pages[f"pages/{page}.md"]).split())
        start = text.index(expected)
        clause = text[text.rfind(".", 0, start) + 1 : text.index(".", start + len(expected))]
        span, _ = _best_time_span(question, clause)
        assert clause[span[0] : span[1]] == expected, page


def _assignments_of(page: str, path: tuple[str, ...]) -> set[tuple[str, str]]:
    document = parse_text(_page(page))
    return {(unit, a.role) for a in document.assignments if a.locator[-len(path):] == path for unit in a.units}


def test_an_item_that_only_names_a_body_gives_it_every_point_under_it(scale_pages):
    # written on a provincial chỉ thị's items ("3. Sở Tài chính" over "- Cân đối, tham mưu ..."); this is a
    # land-registration regulation: "2. Trách nhiệm của Sở Xây dựng", no colon, over "a) Tiếp nhận và trả lời",
    # "b) Cung cấp thông tin" (verbs no rule lists)
    page = scale_pages["pages/04371.md"]
    assert ("Sở Xây dựng", "thực hiện") in _assignments_of(page, ("Điều 11", "2", "a"))
    assert ("Sở Xây dựng", "thực hiện") in _assignments_of(page, ("Điều 11", "2", "b"))
    assert ("Sở Tài chính", "thực hiện") in _assignments_of(page, ("Điều 11", "3", "b"))


def test_units_listed_after_an_opening_verb_are_its_objects(scale_pages):
    # written on the same chỉ thị ("4. Công an tỉnh / Chỉ đạo các đơn vị trực thuộc, lực lượng Kiểm lâm, các
    # đơn vị chủ rừng trong công tác ..."); this is a province's rule on power-line safety
    text = " ".join(_page(scale_pages["pages/06298.md"]).split())
    start = text.index("Chỉ đạo các đơn vị chuyên môn trực thuộc phối hợp")
    reading = read_clause(text, start, text.index(".", start))
    # the clause's own subject is the item's body above it: "Ủy ban nhân dân cấp xã, các đơn vị điện lực" are
    # whom the led units work with, not who is tasked
    assert reading.subject == () and reading.role == "chỉ đạo"


def test_points_lettered_with_a_full_stop_are_points(scale_pages):
    # written on a training centre's regulation ("3. Cấp lại giấy chứng nhận / a. Trường hợp ..."); this is a
    # province's rule on weddings and funerals, where a hard-wrapped item is followed by "a. Chủ trì, chỉ đạo"
    document = parse_text(_page(scale_pages["pages/00094.md"]))
    points = {a.locator[-1] for a in document.assignments if a.locator[-2:-1] == ("3",) and a.locator[1] == "Điều 12"
              and "Sở Văn hóa, Thể thao và Du lịch" in a.units}
    assert points == {"a", "b", "c"}
    assert "Du lịch a. Chủ trì" not in document.text


def test_a_heading_that_names_staff_gives_them_its_points(scale_pages):
    # written on a commune Front committee's plan ("6. Phó chủ tịch phụ trách lĩnh vực Công tác Xã hội" over its
    # dashes); this is a province's rule for its document system: "2. Cán bộ, công chức" over "a) Sử dụng Hệ thống"
    page = scale_pages["pages/03179.md"]
    assert ("Cán bộ, công chức", "thực hiện") in _assignments_of(page, ("Điều 23", "2", "a"))
    text = "6. Phó chủ tịch phụ trách lĩnh vực Công tác Xã hội"
    assert [p.name for p in read_clause(text, 3, len(text)).subject] == [
        "Phó chủ tịch phụ trách lĩnh vực Công tác Xã hội"]
    # a person and a role word is a clause, not a heading
    text = "2. Cán bộ chủ trì kiểm tra hồ sơ"
    assert read_clause(text, 3, len(text)).subject == ()


def test_mass_organisations_are_a_body_of_their_own_in_a_shared_list(scale_pages):
    # written on a provincial plan ("các Sở, ban, ngành, đoàn thể cấp tỉnh, cơ quan ngành dọc đóng trên địa bàn");
    # this is another province's page: the state offices and the mass organisations are two bodies
    text = " ".join(_page(scale_pages["pages/00852.md"]).split())
    start = text.index("các sở, ban, ngành, đoàn thể, các đơn vị sử dụng lao động")
    names = [m.name for m in find_units(text, start, start + 60)]
    assert names[:2] == ["Các sở, ban, ngành", "Đoàn thể"]
    line = "- Các cơ quan ngành dọc đóng trên địa bàn tỉnh thực hiện"
    assert [m.name for m in find_units(line)] == ["Các cơ quan ngành dọc đóng trên địa bàn"]


def test_a_lead_in_paragraph_lends_its_units_to_the_items_after_it(scale_pages):
    # written on a provincial plan and a Government Office notice to a province (636/TB-VPCP: "II. MỘT SỐ NHIỆM
    # VỤ, GIẢI PHÁP" over items for the province); this is another such notice, 634/TB-VPCP: "Đề nghị Thường
    # trực Tỉnh ủy ... một số nội dung trọng tâm sau:" then "1. Đổi mới tư duy ...", "2. Đổi mới mô hình ..."
    page = scale_pages["pages/02011.md"]
    for item in ("1", "2", "10"):
        assert "Thường trực Tỉnh ủy" in {unit for unit, _ in _assignments_of(page, ("II", item))}


def test_items_under_a_heading_of_tasks_are_the_addressees_tasks():
    text = ("VĂN PHÒNG CHÍNH PHỦ\nSố: 1/TB-VPCP\n\nTHÔNG BÁO\nKết luận của Phó Thủ tướng\n\nKính gửi: Ủy ban "
            "nhân dân tỉnh Phú Thọ.\n\nI. ĐÁNH GIÁ CHUNG\n\nTỉnh đã đạt nhiều kết quả.\n\nII. NHIỆM VỤ, GIẢI PHÁP "
            "TRONG THỜI GIAN TỚI\n\n1. Giữ vững an ninh, quốc phòng; bảo đảm trật tự, an toàn xã hội.\n\n2. Về "
            "chính quyền địa phương 02 cấp:\n\n- Tiếp tục rà soát, hoàn thiện tổ chức bộ máy.\n")
    document = parse_text(text)
    by_locator = {a.locator: a.units for a in document.assignments}
    assert by_locator.get(("II", "1")) == ("Ủy ban nhân dân tỉnh Phú Thọ",)
    assert ("II", "2") not in by_locator  # a topic over its points is not a task
    assert by_locator.get(("II", "2", "1")) == ("Ủy ban nhân dân tỉnh Phú Thọ",)


def test_an_agent_list_split_by_semicolons_is_still_the_agent():
    # written on a Quảng Ninh resolution on election spending ("do Ủy ban nhân dân tỉnh, ...; các cơ quan, đơn
    # vị, sở, ngành; Ủy ban nhân dân cấp xã, ... ban hành"); no page of ../shared/scale has the shape, so the test
    # is a sentence of its own: the bodies that issue the documents are not told to do anything
    text = ("3. Hỗ trợ in ấn các tài liệu do Sở Tư pháp; các cơ quan, đơn vị thuộc Ủy ban nhân dân tỉnh; Ủy ban "
            "nhân dân các xã, phường ban hành để hướng dẫn Nhân dân: 500.000 đồng/tài liệu.")
    document = parse_text("HỘI ĐỒNG NHÂN DÂN TỈNH A\nSố: 1/2025/NQ-HĐND\n\nNGHỊ QUYẾT\nQuy định mức chi\n\n"
                          "Điều 1. Mức chi\n\n" + text + "\n")
    assert document.assignments == ()


def test_a_time_limit_on_its_own_line_is_found_beside_the_retrieved_steps(scale_pages):
    # written on the corpus's Quyết định 1378/QĐ-BNV ("d) Thời hạn giải quyết: Trong 10 (mười) ngày" beside the
    # steps that share the question's words); this is a province's publication of legal-education procedures
    from assistant.compose import section_passage
    from assistant.neighbours import with_neighbours
    from assistant.question import read_question
    from assistant.relevance import Relevance

    document = parse_text(_page(scale_pages["pages/01477.md"]))
    leaves = [s for s in document.walk() if not s.children]
    relevance = Relevance(document.text[s.start : s.end] for s in leaves)
    steps = next(s for s in leaves if "Trình tự" in document.text[s.start : s.end] or "Bước 1" in
                 document.text[s.start : s.end])
    question = read_question("Công nhận báo cáo viên pháp luật được giải quyết trong bao nhiêu ngày?")
    retrieved = [section_passage(document, steps)]
    found = with_neighbours(question, retrieved, {document.number: document}, relevance)
    assert found[0].text.startswith("- Trong thời hạn 05 ngày làm việc") and found[1:] == retrieved
    # a question that does not ask for a figure keeps what retrieval found
    assert with_neighbours(read_question("Ai tiếp nhận hồ sơ?"), retrieved, {document.number: document},
                           relevance) == retrieved


def test_who_carries_out_a_decision_is_read_from_its_closing_article(scale_pages):
    # written on the corpus's Quyết định 2920 and 1378 ("giao những ai thi hành?"); this is a province's
    # decision on a religious-affairs regulation, whose closing article retrieval need not rank first
    from assistant.compose import section_passage
    from assistant.neighbours import with_executors
    from assistant.question import read_question

    document = parse_text(_page(scale_pages["pages/01427.md"]))
    question = read_question("Quyết định 102 giao những ai thi hành?")
    assert question.kind == "who" and "chịu trách nhiệm" in question.roles
    first_rule = next(s for s in document.walk() if s.locator[:1] == ("Quy chế",) and not s.children)
    found = with_executors(question, [section_passage(document, first_rule)], {document.number: document},
                           (document.number,))
    assert found[0].locator == ("Điều 3",) and "chịu trách nhiệm thi hành" in found[0].text
    assert with_executors(read_question("Ai chủ trì tuyên truyền?"), found[1:], {document.number: document},
                          (document.number,)) == found[1:]


def test_a_roman_numeral_inside_a_part_is_that_parts_section_not_a_second_part(scale_pages):
    # written on Quyết định 1378 of the corpus ("PHẦN II." over "I. THỦ TỤC ... CẤP TRUNG ƯƠNG"); this is another
    # decision's annex of the same shape
    document = parse_text(_page(scale_pages["pages/00221.md"]))
    labels = [s.label for s in document.walk() if s.kind == "part"]
    assert "Phụ lục, Phần II, mục II" in labels
    assert not any(re.search(r"Phần [IVX]+, Phần", label) for label in labels)
