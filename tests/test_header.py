"""The header reader on the five corpus documents, two older real decrees, and header shapes written out."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.header import read_header, sentence_case
from ingest.normalize import normalize_text

ROOT = Path(__file__).resolve().parents[1]
LEGACY = Path("/work/shared/samples/legacy")


def stored(path: Path) -> str:
    return normalize_text(path.read_text(encoding="utf-8"))


def corpus(name: str) -> str:
    return stored(ROOT / "corpus" / name)


def begins(text: str, offset: int, words: str) -> bool:
    """Whether the text after `offset` begins with these words: where the next part of the document starts."""
    return text[offset:].split()[: len(words.split())] == words.split()


# file -> (every field of the header, first and last words of the header block, first words after it)
EXPECTED = {
    "1378-QD-BNV-2025.txt": (
        dict(issuer="Bộ Nội vụ", issuer_printed="BỘ NỘI VỤ", issuer_parent=None, number="1378/QĐ-BNV",
             doc_type="Quyết định", doc_type_printed="QUYẾT ĐỊNH", place="Hà Nội", issued="2025-11-25",
             title="Công bố thủ tục hành chính nội bộ giữa các cơ quan hành chính nhà nước mới ban hành lĩnh "
                   "vực tổ chức - biên chến thuộc phạm vi chức năng quản lý của Bộ Nội vụ",
             title_printed="CÔNG BỐ THỦ TỤC HÀNH CHÍNH NỘI BỘ GIỮA CÁC CƠ QUAN HÀNH CHÍNH NHÀ NƯỚC MỚI "
                           "BAN HÀNH LĨNH VỰC TỔ CHỨC - BIÊN CHẾN THUỘC PHẠM VI CHỨC NĂNG QUẢN LÝ "
                           "CỦA BỘ NỘI VỤ",
             recipients=()),
        ("BỘ NỘI VỤ\n-------", "QUẢN LÝ CỦA BỘ NỘI VỤ"),
        "BỘ TRƯỞNG BỘ NỘI VỤ Căn",  # the authority line opens the preamble
    ),
    "141-KH-UBND-BacNinh-2025.txt": (
        dict(issuer="Ủy ban nhân dân tỉnh Bắc Ninh", issuer_printed="UỶ BAN NHÂN DÂN TỈNH BẮC NINH",
             issuer_parent=None, number="141/KH-UBND", doc_type="Kế hoạch", doc_type_printed="KẾ HOẠCH",
             place="Bắc Ninh", issued="2025-11-20",
             title="Nâng cao năng lực cho đội ngũ cán bộ, công chức xây dựng chính sách, pháp luật trên "
                   "địa bàn tỉnh giai đoạn 2026 - 2030",
             title_printed="NÂNG CAO NĂNG LỰC CHO ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC XÂY DỰNG CHÍNH SÁCH, PHÁP "
                           "LUẬT TRÊN ĐỊA BÀN TỈNH GIAI ĐOẠN 2026 - 2030",
             recipients=()),
        ("UỶ BAN NHÂN DÂN TỈNH BẮC NINH", "GIAI ĐOẠN 2026 - 2030"),
        "Thực hiện Kế hoạch số",
    ),
    "155-KL-TW-2025.txt": (
        dict(issuer="Bộ Chính trị, Ban Bí thư", issuer_printed="BỘ CHÍNH TRỊ, BAN BÍ THƯ", issuer_parent=None,
             number=None, doc_type="Kết luận", doc_type_printed="KẾT LUẬN", place=None, issued=None,
             title="Về một số nhiệm vụ trọng tâm cần tập trung thực hiện về sắp xếp tổ chức bộ máy và đơn vị "
                   "hành chính từ nay đến ngày 30/6/2025",
             title_printed="về một số nhiệm vụ trọng tâm cần tập trung thực hiện về sắp xếp tổ chức bộ "
                           "máy và đơn vị hành chính từ nay đến ngày 30/6/2025",
             recipients=()),
        ("KẾT LUẬN\nCỦA BỘ CHÍNH TRỊ", "đến ngày 30/6/2025"),
        "Tại phiên họp ngày",
    ),
    "2920-QD-UBND-HaTinh-2025.txt": (
        dict(issuer="Ủy ban nhân dân tỉnh Hà Tĩnh", issuer_printed="ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH",
             issuer_parent=None, number="2920/QĐ-UBND", doc_type="Quyết định", doc_type_printed="QUYẾT ĐỊNH",
             place="Hà Tĩnh", issued="2025-11-24",
             title="Về việc ban hành quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Nội vụ",
             title_printed="VỀ VIỆC BAN HÀNH QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN VÀ CƠ CẤU TỔ CHỨC "
                           "CỦA SỞ NỘI VỤ",
             recipients=()),
        ("ỦY BAN NHÂN DÂN\n\nTỈNH HÀ TĨNH", "TỔ CHỨC CỦA SỞ NỘI VỤ"),
        "ỦY BAN NHÂN DÂN TỈNH",
    ),
    "3400-CV-TU-TienGiang-2024.txt": (
        dict(issuer="Tỉnh ủy Tiền Giang", issuer_printed="TỈNH ỦY TIỀN GIANG", issuer_parent=None,
             number="3400-CV/TU", doc_type="Công văn", doc_type_printed=None, place="Tiền Giang",
             issued="2024-08-21", title="Triển khai thực hiện Kết luận 62-KL/TW của Bộ Chính trị",
             title_printed="Triển khai thực hiện Kết luận 62-KL/TW của Bộ Chính trị",
             recipients=("Các Ủy viên Ban Chấp hành Đảng bộ tỉnh", "Các ban đảng, ban cán sự đảng, đảng đoàn",
                         "Các sở, ban, ngành, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh",
                         "Cấp ủy huyện và tương đương")),
        ("TỈNH ỦY TIỀN GIANG\n\n*", "Số 3400-CV/TU\nTriển khai thực hiện Kết luận 62-KL/TW của Bộ Chính trị"),
        "Thực hiện Kết luận 62-KL/TW",
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_header_fields_and_block(name):
    text = corpus(name)
    fields, (first, last), next_words = EXPECTED[name]
    header = read_header(text)
    assert {field: getattr(header, field) for field in fields} == fields
    block = text[header.start : header.end]
    assert block.startswith(first) and block.endswith(last)
    assert text[header.title_start : header.title_end].split() == header.title_printed.split()
    assert begins(text, header.frame_end, next_words)


def test_kinh_gui_block_of_the_cong_van():
    text = corpus("3400-CV-TU-TienGiang-2024.txt")
    header = read_header(text)
    block = text[header.recipients_start : header.recipients_end]
    assert block.startswith("Kính gửi:\n- Các Ủy viên") and block.endswith("- Cấp ủy huyện và tương đương.")
    assert header.end < header.recipients_start


def one_paragraph_per_line(text: str) -> str:
    """The stored text of the same document saved as .docx, .html or .md: every line its own paragraph,
    so a blank line separates any two lines."""
    return normalize_text("\n\n".join(line for line in text.split("\n") if line.strip()))


_READ = ("issuer", "issuer_printed", "issuer_parent", "number", "doc_type", "doc_type_printed", "place",
         "issued", "title", "title_printed", "recipients")


def reading(text: str) -> tuple[dict, list[str]]:
    """What the header reader says of a text, and the first words after the header and its Kính gửi list."""
    header = read_header(text)
    return {field: getattr(header, field) for field in _READ}, text[header.frame_end :].split()[:6]


REAL = [ROOT / "corpus" / name for name in sorted(EXPECTED)] + sorted(LEGACY.glob("*.expected.txt"))


@pytest.mark.parametrize("path", REAL, ids=lambda path: path.name)
def test_blank_lines_between_header_lines_change_nothing(path):
    text = stored(path)
    assert reading(one_paragraph_per_line(text)) == reading(text)


def test_cong_van_saved_with_a_paragraph_per_line():
    """Công văn 3400-CV/TU from Word: the trích yếu and each addressee are paragraphs of their own."""
    text = one_paragraph_per_line(corpus("3400-CV-TU-TienGiang-2024.txt"))
    assert "Số 3400-CV/TU\n\nTriển khai" in text and "Kính gửi:\n\n- Các Ủy viên" in text
    header = read_header(text)
    assert header.title == "Triển khai thực hiện Kết luận 62-KL/TW của Bộ Chính trị"
    assert len(header.recipients) == 4 and header.recipients[-1] == "Cấp ủy huyện và tương đương"
    assert begins(text, header.frame_end, "Thực hiện Kết luận 62-KL/TW")


# Written headers: (text as a .txt types it, fields the reader must give, first words after the frame)
WRITTEN = {
    "cong van, title wrapped, dashed list": (
        "UBND TỈNH HÀ TĨNH\nSỞ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 125/SNV-VP\nTriển khai công tác thi đua, khen thưởng\nnăm 2025\n\n"
        "Hà Tĩnh, ngày 05 tháng 3 năm 2025\n\n"
        "Kính gửi:\n- Ủy ban nhân dân các xã, phường;\n- Các phòng thuộc Sở.\n\n"
        "Thực hiện Kế hoạch số 20/KH-UBND ngày 10/01/2025 của UBND tỉnh, Sở Nội vụ đề nghị:\n",
        dict(number="125/SNV-VP", doc_type="Công văn",
             title="Triển khai công tác thi đua, khen thưởng năm 2025",
             recipients=("Ủy ban nhân dân các xã, phường", "Các phòng thuộc Sở")),
        "Thực hiện Kế hoạch số 20/KH-UBND",
    ),
    "cong van, undashed list, short body sentence": (
        "SỞ TƯ PHÁP\nSố: 40/STP-VP\nV/v báo cáo kết quả rà soát văn bản\nHà Tĩnh, ngày 2 tháng 4 năm 2025\n\n"
        "Kính gửi:\nỦy ban nhân dân các xã, phường,\nCác phòng chuyên môn thuộc Sở;\n"
        "Trung tâm Trợ giúp pháp lý nhà nước tỉnh.\n\n"
        "Sở Tư pháp đề nghị các đơn vị báo cáo trước ngày 15/4/2025.\n",
        dict(number="40/STP-VP", title="Về việc báo cáo kết quả rà soát văn bản",
             recipients=("Ủy ban nhân dân các xã, phường", "Các phòng chuyên môn thuộc Sở",
                         "Trung tâm Trợ giúp pháp lý nhà nước tỉnh")),
        "Sở Tư pháp đề nghị",
    ),
    "body sentence under the date is no trich yeu": (
        "TỈNH ỦY HÀ TĨNH\nSố 12-CV/TU\nHà Tĩnh, ngày 5 tháng 3 năm 2025\n\n"
        "Ban Thường vụ Tỉnh ủy nhận được Tờ trình số 5-TTr/BTC ngày 2/3/2025 của Ban Tổ chức.\n",
        dict(number="12-CV/TU", doc_type="Công văn", title=None, recipients=()),
        "Ban Thường vụ Tỉnh ủy nhận",
    ),
    "decision, capital title over two lines, authority by office": (
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 7/QĐ-UBND\nHà Tĩnh, ngày 5 tháng 3 năm 2025\n\nQUYẾT ĐỊNH\n\n"
        "VỀ VIỆC THÀNH LẬP BAN CHỈ ĐẠO\nCHUYỂN ĐỔI SỐ CỦA TỈNH\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương;\n",
        dict(doc_type="Quyết định", title_printed="VỀ VIỆC THÀNH LẬP BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ CỦA TỈNH"),
        "CHỦ TỊCH ỦY BAN NHÂN DÂN",
    ),
    "resolution, title in sentence case, authority by name": (
        "HỘI ĐỒNG NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 9/NQ-HĐND\nHà Tĩnh, ngày 5 tháng 3 năm 2025\n\nNGHỊ QUYẾT\n"
        "Quy định mức chi hỗ trợ\ncho người hoạt động không chuyên trách ở thôn\n\n"
        "HỘI ĐỒNG NHÂN DÂN TỈNH HÀ TĨNH\nKHÓA XVIII, KỲ HỌP THỨ 20\n\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương;\n",
        dict(doc_type="Nghị quyết",
             title="Quy định mức chi hỗ trợ cho người hoạt động không chuyên trách ở thôn"),
        "HỘI ĐỒNG NHÂN DÂN TỈNH",
    ),
}


@pytest.mark.parametrize("layout", ["as typed", "a paragraph per line"])
@pytest.mark.parametrize("name", sorted(WRITTEN))
def test_written_headers_in_either_layout(name, layout):
    typed, fields, next_words = WRITTEN[name]
    text = normalize_text(typed) if layout == "as typed" else one_paragraph_per_line(typed)
    header = read_header(text)
    assert {field: getattr(header, field) for field in fields} == fields
    assert begins(text, header.frame_end, next_words)


@pytest.mark.parametrize(
    "body",
    [
        "1. Đề nghị các sở góp ý trước ngày 10/4/2025,",
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật,",
        "Để kịp trình Ủy ban nhân dân tỉnh ban hành Quyết định trong tháng 4 năm 2025, Sở Tư pháp đề nghị "
        "các sở nghiên cứu dự thảo và gửi ý kiến góp ý bằng văn bản trước ngày 10/4/2025,",
    ],
)
@pytest.mark.parametrize("layout", ["as typed", "a paragraph per line"])
def test_kinh_gui_list_stops_at_the_body(body, layout):
    """After items ending in "," more may follow; a numbered item, a Căn cứ or a long sentence is body."""
    typed = f"SỞ TƯ PHÁP\nSố: 41/STP-VP\nV/v góp ý dự thảo\n\nKính gửi:\nSở Tài chính,\nSở Nội vụ,\n\n{body}"
    text = normalize_text(typed) if layout == "as typed" else one_paragraph_per_line(typed)
    header = read_header(text)
    assert header.recipients == ("Sở Tài chính", "Sở Nội vụ")
    assert begins(text, header.frame_end, " ".join(body.split()[:3]))


def test_old_decree_with_motto_lines_in_lower_case():
    """Nghị định 28/2003/NĐ-CP as converted from TCVN3: lower-case issuer and type line, "===" rules."""
    text = stored(LEGACY / "2004-0328NDCP.expected.txt")
    header = read_header(text)
    assert (header.issuer, header.number, header.doc_type, header.place, header.issued) == (
        "Chính phủ", "28/2003/NĐ-CP", "Nghị định", "Hà Nội", "2003-03-31"
    )
    assert header.title == "Quy định việc phát hành công trái xây dựng Tổ quốc năm 2003 - Công trái giáo dục"
    assert text[header.start : header.end].endswith("Công trái giáo dục\n\n-------------------")  # rule kept
    assert begins(text, header.end, "Chính phủ Căn cứ")


def test_two_column_header_flattened_into_shared_lines():
    """Quyết định 991/QĐ-UBND (2008): issuer and motto share lines; "tháng5" lacks its space."""
    header = read_header(stored(LEGACY / "2008-23.QD-991-UBND.expected.txt"))
    assert header.issuer_printed == "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC"
    assert (header.issuer, header.number, header.place, header.issued) == (
        "Ủy ban nhân dân tỉnh Bình Phước", "991/QĐ-UBND", "Đồng Xoài", "2008-05-14"
    )
    assert header.title.startswith("Về việc phê duyệt Kế hoạch thực hiện quy hoạch sử dụng rừng")


def test_two_level_issuer_and_v_v_title():
    text = (
        "UBND TỈNH HÀ TĨNH\nSỞ NỘI VỤ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n\nSố: 125/SNV-VP\nV/v triển khai công tác thi đua năm 2025\n\n"
        "Hà Tĩnh, ngày 05/3/2025\n\nKính gửi: Ủy ban nhân dân các xã, phường\n\nThực hiện Kế hoạch ...\n"
    )
    header = read_header(text)
    assert (header.issuer, header.issuer_parent) == ("Sở Nội vụ", "Ủy ban nhân dân tỉnh Hà Tĩnh")
    assert header.title == "Về việc triển khai công tác thi đua năm 2025"
    assert (header.number, header.doc_type, header.issued) == ("125/SNV-VP", "Công văn", "2025-03-05")
    assert header.recipients == ("Ủy ban nhân dân các xã, phường",)
    assert begins(text, header.frame_end, "Thực hiện")


def test_header_typed_without_diacritics():
    text = (
        "UY BAN NHAN DAN TINH HA TINH\nCONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "So: 12/QD-UBND Ha Tinh, ngay 5 thang 3 nam 2025\n\nQUYET DINH\n\nVE VIEC THANH LAP TO CONG TAC\n\n"
        "Can cu Luat To chuc chinh quyen dia phuong;\n"
    )
    header = read_header(text)
    assert (header.number, header.place, header.issued, header.doc_type) == (
        "12/QD-UBND", "Ha Tinh", "2025-03-05", "Quyết định"
    )
    assert header.title_printed == "VE VIEC THANH LAP TO CONG TAC"
    assert begins(text, header.end, "Can cu")


def test_impossible_date_is_left_out():
    header = read_header("BỘ NỘI VỤ\nSố: 5/QĐ-BNV Hà Nội, ngày 31 tháng 2 năm 2025\n\nQUYẾT ĐỊNH\n\nVỀ X\n")
    assert header.issued is None and header.number == "5/QĐ-BNV" and header.place == "Hà Nội"


def test_text_without_header():
    text = "1. Các sở, ngành triển khai thực hiện.\n\n2. Sở Nội vụ theo dõi, báo cáo."
    assert read_header(text).end == 0 and read_header(text).issuer is None


def test_enacting_word_is_not_a_type_line():
    header = read_header("QUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này ...")
    assert header.doc_type is None and header.end == 0


@pytest.mark.parametrize(
    "printed, sentence",
    [
        ("TRIỂN KHAI KẾT LUẬN 62-KL/TW CỦA BỘ CHÍNH TRỊ", "triển khai kết luận 62-KL/TW của Bộ Chính trị"),
        ("NGHỊ QUYẾT HỘI NGHỊ TRUNG ƯƠNG 11 KHÓA XIII", "nghị quyết hội nghị trung ương 11 khóa XIII"),
        ("THUỘC PHẠM VI QUẢN LÝ CỦA UBND TỈNH", "thuộc phạm vi quản lý của UBND tỉnh"),
        ("CHỨC NĂNG, NHIỆM VỤ CỦA SỞ NỘI VỤ", "chức năng, nhiệm vụ của Sở Nội vụ"),
    ],
)
def test_sentence_case(printed, sentence):
    assert sentence_case(printed) == sentence


def _check_spans(text: str) -> None:
    header = read_header(text)
    assert 0 <= header.start <= header.end <= len(text)
    if header.title_start is not None:
        assert header.start <= header.title_start <= header.title_end <= header.end
    if header.recipients_start is not None:
        assert header.end <= header.recipients_start <= header.recipients_end <= len(text)
        assert text[header.recipients_start :].startswith("Kính gửi")


HEADER_PIECES = st.sampled_from(
    ["BỘ NỘI VỤ", "ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "-------", "*", "Số: 12/QĐ-UB", "Số 3400-CV/TU",
     "Hà Nội, ngày 1 tháng 2 năm 2025", "KẾT LUẬN", "QUYẾT ĐỊNH:", "CỦA", "CỦA BỘ CHÍNH TRỊ về", "V/v", "của",
     "Kính gửi:", "- Sở Tư pháp,", "Căn cứ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
     "Độc lập - Tự do - Hạnh phúc",
     "Nghị định của", "", " ", "(", "ngày 99 tháng 99 năm 0000", "İ", "ǅ", "\u0301"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(HEADER_PIECES, st.text(max_size=30)), max_size=25), st.sampled_from(["\n", "\n\n"]))
def test_any_text_gives_spans_inside_it(pieces, separator):
    _check_spans(separator.join(pieces))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(EXPECTED)), st.integers(min_value=0, max_value=2000))
def test_truncated_documents_give_spans_inside_them(name, cut):
    _check_spans(corpus(name)[:cut])
