"""Reading files: every format of every corpus document gives the same stored text; errors are clear."""

from __future__ import annotations

import difflib
import random
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from builders import (
    has_numbering,
    paragraphs,
    write_docx,
    write_html,
    write_md,
    write_numbered_docx,
    write_pdf,
)
from fpdf import FPDF
from PIL import Image

from ingest.errors import DocumentTooLarge, EmptyDocument, UnreadableFile, UnsupportedFile
from ingest.normalize import normalize_text
from ingest.readers import SUPPORTED_SUFFIXES, read_file
from ingest.vietnamese import has_diacritics

CORPUS = sorted((Path(__file__).resolve().parents[1] / "corpus").glob("*.txt"))
BUILDERS = {".docx": write_docx, ".html": write_html, ".md": write_md}


def stored(path: Path) -> str:
    return normalize_text(read_file(path))


def one_paragraph_per_line(raw: str) -> str:
    """The stored text with every line its own paragraph: what a built file holds by construction."""
    return normalize_text("\n\n".join(paragraphs(raw)))


@pytest.mark.parametrize("source", CORPUS, ids=lambda p: p.stem)
def test_txt_reads_as_itself(source):
    assert stored(source) == normalize_text(source.read_text(encoding="utf-8"))


@pytest.mark.parametrize("suffix", sorted(BUILDERS))
@pytest.mark.parametrize("source", CORPUS, ids=lambda p: p.stem)
def test_built_formats_give_the_stored_text(source, suffix, tmp_path):
    # Exact, except that each line of a block (header lines, a signature) is a paragraph of its own in
    # the built file, so a blank line separates them: the builders write one paragraph per line.
    raw = source.read_text(encoding="utf-8")
    built = BUILDERS[suffix](raw, tmp_path / f"{source.stem}{suffix}")
    assert stored(built) == one_paragraph_per_line(raw)


@pytest.mark.parametrize("source", CORPUS, ids=lambda p: p.stem)
def test_pdf_set_as_directives_are_gives_the_stored_text(source, tmp_path):
    # first lines indented, no space between paragraphs, ragged right: wraps are told from paragraph ends
    # by whether the next word would have fitted and by where the next line starts
    raw = source.read_text(encoding="utf-8")
    assert stored(write_pdf(raw, tmp_path / f"{source.stem}.pdf")) == one_paragraph_per_line(raw)


@pytest.mark.parametrize("source", CORPUS, ids=lambda p: p.stem)
def test_spaced_pdf_gives_the_stored_text_but_for_page_breaks(source, tmp_path):
    # Paragraphs spaced apart, no indents. The one difference allowed: a sentence cut by a page break just
    # before a capitalised word, which the reader takes for a new paragraph (see pdf_text._Layout.separator).
    raw = source.read_text(encoding="utf-8")
    want = paragraphs(raw)
    got = [
        line
        for line in stored(write_pdf(raw, tmp_path / f"{source.stem}.pdf", spaced=True)).split("\n")
        if line
    ]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, want, got, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        assert (tag, i2 - i1, j2 - j1) == ("replace", 1, 2), (want[i1:i2], got[j1:j2])
        assert " ".join(got[j1:j2]) == want[i1] and got[j1 + 1][0].isupper()


def test_pdf_drops_page_numbers_and_joins_wrapped_lines(tmp_path):
    long_line = "Ủy ban nhân dân tỉnh giao Sở Nội vụ chủ trì, phối hợp với các sở, ngành " * 6
    text = stored(write_pdf(f"KẾ HOẠCH\n{long_line.strip()}\n\n" * 40, tmp_path / "long.pdf", spaced=True))
    assert text.split("\n").count(long_line.strip()) == 40
    assert not any(line.strip().isdigit() for line in text.split("\n"))


def test_word_numbering_becomes_labels(tmp_path):
    items = [
        ("MỤC ĐÍCH, YÊU CẦU", 0),
        ("Mục đích", 1),
        ("Nâng cao năng lực", 2),
        ("Bồi dưỡng cán bộ", 3),
        ("Tập huấn", 3),
        ("Xây dựng đội ngũ", 2),
        ("Yêu cầu", 1),
        ("Đoạn văn không đánh số.", None),
        ("NHIỆM VỤ", 0),
        ("Sở Tư pháp chủ trì", 1),
        ("Danh sách mới", 0),
    ]
    path = write_numbered_docx(items, tmp_path / "numbered.docx", restart_at=10)
    assert has_numbering(path)
    assert read_file(path).split("\n\n") == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "a) Nâng cao năng lực",
        "- Bồi dưỡng cán bộ",
        "- Tập huấn",
        "b) Xây dựng đội ngũ",
        "2. Yêu cầu",
        "Đoạn văn không đánh số.",
        "II. NHIỆM VỤ",
        "1. Sở Tư pháp chủ trì",
        "I. Danh sách mới",
    ]


def test_numbering_from_a_paragraph_style(tmp_path):
    document = docx.Document()
    for text in ("Ban Tổ chức Tỉnh ủy tham mưu", "Sở Nội vụ thực hiện"):
        document.add_paragraph(text, style="List Number")
    document.save(str(tmp_path / "style.docx"))
    assert read_file(tmp_path / "style.docx") == "1. Ban Tổ chức Tỉnh ủy tham mưu\n\n2. Sở Nội vụ thực hiện"


def test_docx_tables_line_breaks_and_legacy_fonts(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "BỘ NỘI VỤ"
    table.cell(0, 0).add_paragraph("-------")
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    table.cell(1, 0).text = "Số: 1378/QĐ-BNV"
    table.cell(1, 1).text = "Hà Nội, ngày 25 tháng 11 năm 2025"
    run = document.add_paragraph().add_run("Nơi nhận:")
    run.add_break()
    run.add_text("- Như Điều 3;")
    legacy = document.add_paragraph()
    legacy.add_run("quyÕt ®Þnh").font.name = ".VnTimeH"  # TCVN3 in a capitals font
    legacy.add_run(" ")
    legacy.add_run("Uû ban nh©n d©n tØnh").font.name = ".VnTime"
    document.save(str(tmp_path / "table.docx"))
    assert stored(tmp_path / "table.docx") == (
        "BỘ NỘI VỤ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 1378/QĐ-BNV\tHà Nội, ngày 25 tháng 11 năm 2025\n\n"
        "Nơi nhận:\n- Như Điều 3;\n\nQUYẾT ĐỊNH Uỷ ban nhân dân tỉnh\n"
    )


def test_html_drops_what_is_not_text(tmp_path):
    page = tmp_path / "page.htm"
    page.write_text(
        "<html><head><title>Tiêu đề trang</title><style>p{}</style></head><body><nav>Menu</nav>"
        "<h1>KẾ HOẠCH</h1><p>Giao <b>Sở Tư pháp</b>\n chủ trì,<br>phối hợp.</p>"
        '<ol start="3"><li>Mục ba</li><li>Mục bốn</li></ol><ol type="a"><li>\n <p>điểm a</p></li></ol>'
        "<ul><li>gạch</li></ul><table><tr><th>STT</th><th>Nhiệm vụ</th></tr>"
        "<tr><td>1</td><td><p>Tập huấn</p><p>năm 2026</p></td></tr>"
        "</table><script>alert(1)</script></body></html>",
        encoding="utf-8",
    )
    assert read_file(page) == (
        "KẾ HOẠCH\n\nGiao Sở Tư pháp chủ trì,\nphối hợp.\n\n3. Mục ba\n\n4. Mục bốn\n\na. điểm a\n\n"
        "- gạch\n\n"
        "STT\tNhiệm vụ\n1\tTập huấn năm 2026"
    )


def test_markdown_keeps_text_and_list_labels(tmp_path):
    page = tmp_path / "note.md"
    page.write_text(
        "# QUYẾT ĐỊNH\n\n**Điều 1.** Giao [Sở Nội vụ](https://snv.gov.vn) chủ trì _thực hiện_.\n\n"
        "- gạch đầu dòng\n+ dấu cộng\n1. mục một\n\n| STT | Đơn vị |\n|---|---|\n| 1 | Sở Tài chính |\n\n"
        "Lưu: VT, VP (VTLT&KSTTHC), 2\\*3, \\[ghi chú\\]\n",
        encoding="utf-8",
    )
    assert read_file(page) == (
        "QUYẾT ĐỊNH\n\nĐiều 1. Giao Sở Nội vụ chủ trì thực hiện.\n\n"
        "- gạch đầu dòng\n+ dấu cộng\n1. mục một\n\n"
        "STT\tĐơn vị\n1\tSở Tài chính\n\nLưu: VT, VP (VTLT&KSTTHC), 2*3, [ghi chú]"
    )


def windows_1258(text: str) -> bytes:
    """Windows-1258 has ă, ơ, ư, đ... but writes tone marks as separate combining characters."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = ""
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out += base + "".join(c for c in decomposed if c in tones)
    return out.encode("cp1258")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("\ufeffỦy ban nhân dân".encode("utf-8"), "Ủy ban nhân dân"),
        ("\ufeffỦy ban nhân dân".encode("utf-16-le"), "Ủy ban nhân dân"),
        ("\ufeffỦy ban nhân dân".encode("utf-16-be"), "Ủy ban nhân dân"),
        (windows_1258("Ủy ban nhân dân tỉnh Bắc Ninh về việc"), "Ủy ban nhân dân tỉnh Bắc Ninh về việc"),
        ("Café “Paris” – 2025".encode("cp1252"), "Café “Paris” – 2025"),
    ],
    ids=["utf-8-bom", "utf-16-le", "utf-16-be", "cp1258", "cp1252"],
)
def test_text_encodings(data, expected, tmp_path):
    (tmp_path / "a.txt").write_bytes(data)
    assert stored(tmp_path / "a.txt") == expected + "\n"


def assert_refused(path: Path, error: type, *words: str):
    with pytest.raises(error) as raised:
        read_file(path, max_bytes=2048) if error is DocumentTooLarge else read_file(path)
    assert has_diacritics(raised.value.message), raised.value.message  # written in Vietnamese
    for word in words:
        assert word in raised.value.message


def test_unsupported_type_lists_the_supported_ones(tmp_path):
    (tmp_path / "bang.xlsx").write_bytes(b"PK\x03\x04")
    assert_refused(tmp_path / "bang.xlsx", UnsupportedFile, *SUPPORTED_SUFFIXES)


def test_missing_file_and_folder(tmp_path):
    assert_refused(tmp_path / "khong-co.txt", UnreadableFile, "Không tìm thấy")
    (tmp_path / "thu-muc.txt").mkdir()
    assert_refused(tmp_path / "thu-muc.txt", UnreadableFile, "thư mục")


def test_too_large_names_the_limit(tmp_path):
    (tmp_path / "lon.txt").write_text("Văn bản. " * 1000, encoding="utf-8")
    assert_refused(tmp_path / "lon.txt", DocumentTooLarge, "giới hạn", "MB")


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_white_space_only_is_empty(suffix, tmp_path):
    (tmp_path / f"trang{suffix}").write_text(" \n\t\n \u00a0\n", encoding="utf-8")
    assert_refused(tmp_path / f"trang{suffix}", EmptyDocument, "khoảng trắng")


def test_empty_docx(tmp_path):
    docx.Document().save(str(tmp_path / "trang.docx"))
    assert_refused(tmp_path / "trang.docx", EmptyDocument)


def test_content_must_match_the_extension(tmp_path):
    (tmp_path / "gia.pdf").write_text("Đây không phải PDF", encoding="utf-8")
    assert_refused(tmp_path / "gia.pdf", UnreadableFile, ".pdf")
    (tmp_path / "gia.docx").write_text("Đây không phải Word", encoding="utf-8")
    assert_refused(tmp_path / "gia.docx", UnreadableFile, ".docx")
    with zipfile.ZipFile(tmp_path / "nen.docx", "w") as archive:
        archive.writestr("readme.txt", "không có word/document.xml")
    assert_refused(tmp_path / "nen.docx", UnreadableFile, "word/document.xml")
    write_pdf("Văn bản PDF", tmp_path / "that.pdf").rename(tmp_path / "that.txt")
    assert_refused(tmp_path / "that.txt", UnreadableFile, "PDF", "đổi đuôi")


def test_damaged_pdf_and_docx(tmp_path):
    (tmp_path / "hong.pdf").write_bytes(b"%PDF-1.7\n" + bytes(random.Random(1).randbytes(3000)))
    assert_refused(tmp_path / "hong.pdf", UnreadableFile, "PDF")
    data = (write_docx("Văn bản", tmp_path / "tot.docx")).read_bytes()
    (tmp_path / "hong.docx").write_bytes(data[: len(data) // 2])
    assert_refused(tmp_path / "hong.docx", UnreadableFile, ".docx")


def test_scanned_pdf_needs_ocr(tmp_path):
    Image.new("L", (600, 850), color=200).save(tmp_path / "scan.png")
    pdf = FPDF(format="A4")
    for _ in range(2):
        pdf.add_page()
        pdf.image(str(tmp_path / "scan.png"), x=0, y=0, w=210)
    pdf.output(str(tmp_path / "scan.pdf"))
    assert_refused(tmp_path / "scan.pdf", UnreadableFile, "OCR", "trang 1, 2")


@pytest.mark.parametrize("keep_nul", [True, False], ids=["with-nul", "without-nul"])
def test_binary_named_txt_is_refused(keep_nul, tmp_path):
    noise = random.Random(7).randbytes(8192)
    (tmp_path / "rac.txt").write_bytes(noise if keep_nul else noise.replace(b"\x00", b""))
    assert_refused(tmp_path / "rac.txt", UnreadableFile, "nhị phân", "UTF-8")
