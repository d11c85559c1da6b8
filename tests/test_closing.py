"""The closing reader (note, Nơi nhận, signature, annexes, body end) on real documents and written shapes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.closing import read_closing
from ingest.header import read_header
from ingest.normalize import normalize_text
from tests.test_header import LEGACY, REAL, corpus, one_paragraph_per_line, stored


def closing_of(text: str):
    return read_closing(text, read_header(text).frame_end)


def shape(text: str, closing) -> list[tuple[str, str, str]]:
    """Each block as (kind, head, its text on one line)."""
    return [(b.kind, b.head, " ".join(text[b.start : b.end].split())) for b in closing.blocks]


# file -> (last words of the body, each block as (kind, annex head, its first words, its last words))
EXPECTED = {
    "1378-QD-BNV-2025.txt": (
        "thi hành Quyết định này./.",
        [("recipients", "", "Nơi nhận: - Như", "VP (VTLT&KSTTHC)."),
         ("signature", "", "KT. BỘ TRƯỞNG", "Vũ Chiến Thắng"),
         ("annex", "Phụ lục", "THỦ TỤC HÀNH", "giải thể đơn vị sự nghiệp công lập.")],
    ),
    "141-KH-UBND-BacNinh-2025.txt": (
        "UBND tỉnh theo quy định./.",
        [("signature", "", "* *", "* *"),
         ("recipients", "", "Nơi nhận: - Bộ", "Lưu: VT, NC."),
         ("signature", "", "TM. ỦY BAN", "Phạm Văn Thịnh")],
    ),
    "155-KL-TW-2025.txt": ("Ban Bí thư quản lý.", []),
    "2920-QD-UBND-HaTinh-2025.txt": (
        "thi hành Quyết định này./.",
        [("signature", "", "* *", "* *"),
         ("recipients", "", "Nơi nhận: - Như", "VT, NC2."),
         ("signature", "", "TM. ỦY BAN", "Trần Báu Hà"),
         ("annex", "Quy định", "QUY ĐỊNH CHỨC", "xem xét, quyết định./.")],
    ),
    "3400-CV-TU-TienGiang-2024.txt": (
        "báo cáo Ban Thường vụ Tỉnh ủy.",
        [("note", "", "(Gửi kèm Kết", "của Bộ Chính trị)"),
         ("recipients", "", "Nơi nhận: -", "Văn phòng Tỉnh ủy.")],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_closing_blocks_and_body_end(name):
    text = corpus(name)
    body_tail, blocks = EXPECTED[name]
    closing = closing_of(text)
    assert text[: closing.body_end].endswith(body_tail)
    rows = shape(text, closing)
    assert [row[:2] for row in rows] == [block[:2] for block in blocks]
    for (_, _, words), (_, _, first, last) in zip(rows, blocks):
        assert words.startswith(first) and words.endswith(last)


def test_recipients_and_signatures_of_the_corpus():
    plan = closing_of(corpus("141-KH-UBND-BacNinh-2025.txt"))
    listed = next(b for b in plan.blocks if b.kind == "recipients")
    assert listed.items == (
        "Bộ Tư pháp (b/c)", "TT Tỉnh ủy, TT HĐND tỉnh", "CT, các PCT UBND tỉnh",
        "Các Sở, cơ quan thuộc UBND tỉnh", "Công an tỉnh; Bộ Chỉ huy quân sự tỉnh", "UBND các xã, phường",
        "VP UBND tỉnh: LĐVP, TKCT, các phòng, đơn vị", "Lưu: VT, NC",
    )
    assert plan.blocks[-1].items == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phạm Văn Thịnh")
    assert plan.signer == "Phạm Văn Thịnh"
    letter = closing_of(corpus("3400-CV-TU-TienGiang-2024.txt"))
    assert letter.signer is None
    assert letter.blocks[0].items == ("Gửi kèm Kết luận 62-KL/TW ngày 02/10/2023 của Bộ Chính trị",)
    assert letter.blocks[1].items == (
        "Như trên", "Phó Chánh Văn phòng TU (TH)", "Phòng Tổng hợp", "Lưu Văn phòng Tỉnh ủy"
    )


@pytest.mark.parametrize(
    "name, title_tail, text_after_title",
    [
        ("1378-QD-BNV-2025.txt", "của Bộ trưởng Bộ Nội vụ)", "PHẦN I. DANH MỤC THỦ TỤC"),
        ("2920-QD-UBND-HaTinh-2025.txt", "của Ủy ban nhân dân tỉnh)", "Điều 1. Vị trí và chức năng"),
    ],
)
def test_annex_title_ends_after_the_ban_hanh_kem_theo_line(name, title_tail, text_after_title):
    text = corpus(name)
    (annex,) = closing_of(text).annexes
    assert text[annex.start : annex.title_end].endswith(title_tail)
    assert text[annex.title_end :].lstrip().startswith(text_after_title)
    assert annex.end == len(text.rstrip())


def test_decree_with_wrapped_recipients_and_lower_case_capacity():
    """Nghị định 28/2003/NĐ-CP: list items broken over two lines, "thủ tướng chính phủ", page furniture."""
    text = stored(LEGACY / "2004-0328NDCP.expected.txt")
    closing = closing_of(text)
    listed, signature = closing.blocks
    assert "Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ" in listed.items
    assert "HĐND, UBND các tỉnh, thành phố trực thuộc Trung ương" in listed.items
    assert listed.items[-1] == "Lưu: KTTH (5b), Văn thư"
    assert signature.items == ("thủ tướng chính phủ", "Phan Văn Khải")  # "(Đã ký)" is no capacity
    assert text[signature.start : signature.end].endswith("PAGE 7")  # stray page numbers stay in the closing
    assert text[: closing.body_end].endswith("Nghị định này./.")


def test_decision_signed_without_recipients_list():
    text = stored(LEGACY / "2008-23.QD-991-UBND.expected.txt")
    closing = closing_of(text)
    assert [b.kind for b in closing.blocks] == ["signature"]
    assert closing.signer == "Trương Tấn Thiệu"
    assert text[: closing.body_end].endswith("có hiệu lực kể từ ngày ký./.")


@pytest.mark.parametrize("path", REAL, ids=lambda path: path.name)
def test_blank_lines_between_closing_lines_change_nothing(path):
    """Saved as .docx every line is a paragraph: the Nơi nhận list (wrapped items too) and signature stay."""
    def reading(text: str) -> tuple[list, list]:
        closing = closing_of(text)
        blocks = [(b.kind, b.items, " ".join(text[b.start : b.end].split())) for b in closing.blocks]
        return blocks, text[: closing.body_end].split()[-6:]

    text = stored(path)
    assert reading(one_paragraph_per_line(text)) == reading(text)


@pytest.mark.parametrize("layout", ["as typed", "a paragraph per line"])
def test_undashed_noi_nhan_in_either_layout(layout):
    typed = (
        "Điều 3. Các sở, ngành chịu trách nhiệm thi hành Quyết định này./.\n\n"
        "Nơi nhận:\nNhư Điều 3;\nUBND các xã, phường;\nLưu: VT, NC.\n"
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An\n"
    )
    text = normalize_text(typed) if layout == "as typed" else one_paragraph_per_line(typed)
    listed, signature = read_closing(text, 0).blocks
    assert listed.items == ("Như Điều 3", "UBND các xã, phường", "Lưu: VT, NC")
    assert signature.items == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An")
    assert signature.signer == "Nguyễn Văn An"


SIGNED = (
    "1. Sở Tư pháp chủ trì thực hiện.\n\n2. Các sở, ngành phối hợp./.\n\n"
    "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An\n\n"
)


def test_numbered_annexes_after_the_signature():
    text = SIGNED + (
        "PHỤ LỤC I\nDANH MỤC NHIỆM VỤ\n(Kèm theo Kế hoạch số 15/KH-UBND ngày 02/01/2025)\n\n"
        "1. Nhiệm vụ thứ nhất\n\n"
        "PHỤ LỤC II\nBIỂU MẪU BÁO CÁO\n\nMẫu số 01 ...\n"
    )
    closing = read_closing(text, 0)
    first, second = closing.annexes
    assert (first.head, second.head) == ("Phụ lục I", "Phụ lục II")
    assert text[first.title_end :].lstrip().startswith("1. Nhiệm vụ thứ nhất")
    assert text[first.start : first.end].endswith("Nhiệm vụ thứ nhất")
    assert text[second.start : second.title_end] == "PHỤ LỤC II\nBIỂU MẪU BÁO CÁO"
    assert first.title == "PHỤ LỤC I DANH MỤC NHIỆM VỤ"


def test_regulation_annex_and_untitled_attachment():
    text = SIGNED + "QUY CHẾ\nLÀM VIỆC CỦA BAN CHỈ ĐẠO\n(Ban hành kèm theo Quyết định 7/QĐ-BCĐ)\n\nChương I"
    assert [a.head for a in read_closing(text, 0).annexes] == ["Quy chế"]
    loose = SIGNED + "Bảng tổng hợp số liệu các xã, phường năm 2025 theo từng lĩnh vực, kèm số liệu chi tiết."
    (annex,) = read_closing(loose, 0).annexes
    assert (annex.head, annex.title_end) == ("Phụ lục", annex.start)


def test_annex_without_signature_needs_its_kem_theo_line():
    body = "I. MỤC TIÊU\n\n1. Nâng cao chất lượng.\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Các sở thực hiện./.\n\n"
    annexed = body + "PHỤ LỤC\nDANH MỤC VĂN BẢN\n(Kèm theo Kế hoạch số 3/KH-UBND)\n\n1. Văn bản A\n"
    closing = read_closing(annexed, 0)
    assert [a.head for a in closing.annexes] == ["Phụ lục"]
    assert annexed[: closing.body_end].endswith("Các sở thực hiện./.")
    assert read_closing(body, 0).blocks == ()


def test_authority_line_of_a_preamble_is_no_signature():
    text = "BỘ TRƯỞNG BỘ NỘI VỤ\n\nCăn cứ Nghị định số 25/2025/NĐ-CP;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành.\n"
    assert read_closing(text, 0).blocks == ()


def _check(text: str, body_start: int) -> None:
    closing = read_closing(text, body_start)
    start = max(0, min(body_start, len(text)))
    assert start <= closing.body_end <= len(text)
    previous_end = closing.body_end
    for block in closing.blocks:
        assert previous_end <= block.start <= block.end <= len(text)
        if block.kind == "annex":
            assert block.start <= block.title_end <= block.end
        previous_end = block.end


CLOSING_PIECES = st.sampled_from(
    ["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "CHỦ TỊCH",
     "Nguyễn Văn An", "(Đã ký)", "* *", "(Gửi kèm Kết luận 62-KL/TW)", "QUY ĐỊNH", "PHỤ LỤC II",
     "(Ban hành kèm theo Quyết định)",
     "Điều 1. Phạm vi", "1. Nhiệm vụ", "thủ tướng chính phủ", "", "(", ")", "PHẦN I.", "\u0301"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(CLOSING_PIECES, st.text(max_size=30)), max_size=30), st.integers(-5, 400))
def test_any_text_gives_ordered_blocks_inside_it(pieces, body_start):
    _check("\n".join(pieces), body_start)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(EXPECTED)), st.integers(min_value=0, max_value=50_000), st.integers(0, 400))
def test_truncated_documents_give_ordered_blocks_inside_them(name, cut, body_start):
    text = corpus(name)
    _check(text[len(text) - cut :] if cut % 2 else text[:cut], body_start)
