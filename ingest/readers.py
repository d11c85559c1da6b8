"""Ingest step 1: read a file into the document's text, before `ingest.normalize.normalize_text`.

Every reader gives paragraphs separated by blank lines and keeps the line breaks the format prints.
The type is checked by content, not only by the file's extension.
"""

from __future__ import annotations

import io
import re
import statistics
import zipfile
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

from ingest.docx_text import format_number, read_docx
from ingest.errors import DocumentTooLarge, EmptyDocument, UnreadableFile, UnsupportedFile
from ingest.legacy import convert_legacy, decode_text, read_doc, read_rtf

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".rtf", ".doc")

# which contents each extension may hold; a .doc is whatever Word saved under that name
_ACCEPTED = {".pdf": {"pdf"}, ".docx": {"docx"}, ".rtf": {"rtf"}, ".doc": {"ole2", "rtf", "docx"}}
_KIND_NAMES = {
    "pdf": "PDF (.pdf)",
    "docx": "Word (.docx)",
    "rtf": "RTF (.rtf)",
    "ole2": "Word 97-2003 (.doc)",
}


def read_file(path: Path, *, max_bytes: int = 20 * 1024 * 1024) -> str:
    """The document's text as extracted; raises an IngestError subclass with a Vietnamese message."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFile(
            str(path),
            f"Không đọc được loại tệp “{path.suffix or path.name}”. "
            "chidao đọc: .txt, .md, .docx, .pdf (có lớp "
            "văn bản), .html, .htm, .rtf, .doc. Hãy lưu văn bản sang một trong các định dạng đó rồi nạp lại.",
        )
    data = _read_bytes(path, max_bytes)
    kind = _sniff(data)
    if kind not in _ACCEPTED.get(suffix, {"text"}):
        raise UnreadableFile(str(path), _mismatch(suffix, kind))
    if kind == "pdf":
        text = _read_pdf(data, path)
    elif kind == "docx":
        text = read_docx(data, path)
    elif kind == "rtf":
        text = read_rtf(data, path)
    elif kind == "ole2":
        text = read_doc(path)
    elif suffix == ".md":
        text = _read_markdown(decode_text(data, path))
    elif suffix in (".html", ".htm"):
        text = _read_html(decode_text(data, path))
    else:
        text = decode_text(data, path)
    text = convert_legacy(text, path)
    if not text.strip():
        raise EmptyDocument(
            str(path), "Tệp không có nội dung văn bản (chỉ có khoảng trắng). Hãy kiểm tra lại tệp gốc."
        )
    return text


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise UnreadableFile(
                str(path), "Đây là một thư mục, không phải tệp. Hãy chọn tệp văn bản cần nạp."
            )
        if size > max_bytes:
            raise DocumentTooLarge(
                str(path),
                f"Tệp lớn {size / 1048576:.1f} MB, vượt giới hạn {max_bytes / 1048576:.1f} MB. "
                "Hãy tách văn bản "
                "thành các tệp nhỏ hơn, hoặc tăng giới hạn (biến môi trường CHIDAO_MAX_FILE_BYTES).",
            )
        return path.read_bytes()
    except FileNotFoundError as error:
        raise UnreadableFile(
            str(path), "Không tìm thấy tệp. Hãy kiểm tra lại đường dẫn và tên tệp."
        ) from error
    except PermissionError as error:
        raise UnreadableFile(
            str(path),
            "Không có quyền đọc tệp. Hãy cấp quyền đọc hoặc chép tệp sang thư mục khác rồi nạp lại.",
        ) from error
    except OSError as error:
        raise UnreadableFile(
            str(path), f"Không đọc được tệp ({error.strerror}). Hãy kiểm tra ổ đĩa và tệp."
        ) from error


def _sniff(data: bytes) -> str:
    """What the bytes are: pdf, docx, zip, rtf, ole2 (Word 97-2003 and other Office 97 files) or text."""
    start = data.find(b"%PDF-", 0, 1024)  # readers tolerate junk before the header, if the file ends as a PDF
    if start == 0 or (start > 0 and b"%%EOF" in data[-2048:]):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return "docx" if "word/document.xml" in archive.namelist() else "zip"
        except zipfile.BadZipFile:
            return "zip"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole2"
    return "text"


def _mismatch(suffix: str, kind: str) -> str:
    if suffix == ".docx" and kind == "zip":
        return (
            "Tệp .docx bị hỏng: là tệp nén nhưng không có word/document.xml. "
            "Hãy mở bằng Word, lưu lại rồi nạp lại."
        )
    if suffix == ".docx" and kind == "ole2":
        return (
            "Tệp .docx này có mật khẩu hoặc thực ra là tệp .doc đổi đuôi. "
            "Hãy bỏ mật khẩu hoặc đổi đuôi thành "
            ".doc rồi nạp lại."
        )
    if kind in _KIND_NAMES:
        return (
            f"Tệp có đuôi {suffix} nhưng nội dung là tệp {_KIND_NAMES[kind]}. "
            "Hãy đổi đuôi tệp cho đúng rồi nạp lại."
        )
    return (
        f"Tệp có đuôi {suffix} nhưng nội dung không phải tệp {suffix} hợp lệ (tệp hỏng hoặc đặt sai đuôi). "
        "Hãy mở bằng phần mềm gốc, lưu lại đúng định dạng rồi nạp lại."
    )


# --- Markdown: keep the text and the document's own list labels; drop markup that is not text ---

_MD_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")  # "## Title ##" -> "Title"
_MD_QUOTE = re.compile(r"^ {0,3}(?:>\s?)+")
_MD_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_MD_TABLE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
_MD_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+")
_MD_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # image: its alt text
    (re.compile(r"(?<!\\)\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])"), r"\1"),  # link: its text
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolink
    (re.compile(r"(?<!\\)`+([^`]+?)`+"), r"\1"),  # code span
    (re.compile(r"(?<![\\\w*])(\*{1,3})(?=[^\s*])(.+?)(?<=[^\s\\*])\1(?![\w*])"), r"\2"),
    (re.compile(r"(?<![\\\w])(_{1,3})(?=[^\s_])(.+?)(?<=[^\s\\_])\1(?!\w)"), r"\2"),
    (re.compile(r"(?<!\\)~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\\([!-/:-@\[-`{-~])"), r"\1"),  # backslash escapes last: "\*" is a printed star
)


def _read_markdown(source: str) -> str:
    lines = []
    for line in source.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if _MD_FENCE.match(line) or _MD_TABLE_RULE.match(line) or _MD_LINK_DEFINITION.match(line):
            continue
        line = _MD_HEADING.sub(r"\1", _MD_QUOTE.sub("", line))
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            line = "\t".join(cell.strip() for cell in stripped[1:-1].split("|"))
        for pattern, replacement in _MD_INLINE:
            line = pattern.sub(replacement, line)
        lines.append(line)
    return "\n".join(lines)


# --- HTML: block elements are paragraphs, <br> a line break, a table row one line ---

_HTML_DROP = {"script", "style", "nav", "noscript", "template", "head", "svg", "iframe", "object", "button"}
_HTML_BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
}
_HTML_LIST_STYLES = {
    "1": "decimal",
    "a": "lowerLetter",
    "A": "upperLetter",
    "i": "lowerRoman",
    "I": "upperRoman",
}


class _HtmlText:
    """Collects paragraphs from an element tree; inline white space collapses as a browser shows it."""

    def __init__(self):
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.label = ""  # a list item's marker, waiting for the item's text (which may sit in a <p>)

    def walk(self, node: Tag, preformatted: bool = False) -> _HtmlText:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a comment, doctype or CDATA
                    self.add_text(str(child), preformatted)
            elif child.name in _HTML_DROP:
                continue
            elif child.name == "br":
                self.current.append("\n")
            elif child.name == "table":
                self.end_paragraph()
                self.paragraphs.append(_html_table(child))
            elif child.name in _HTML_BLOCKS:
                self.end_paragraph()
                if child.name == "li":  # (an empty item before this one leaves its marker behind: dropped)
                    self.label = _html_list_label(child) + " "
                    self.current = [self.label]
                self.walk(child, preformatted or child.name == "pre")
                self.end_paragraph()
            else:
                self.walk(child, preformatted)
        return self

    def add_text(self, text: str, preformatted: bool) -> None:
        if not preformatted:
            text = re.sub(r"\s+", " ", text)
            if not self.current or self.current[-1].endswith((" ", "\n")):
                text = text.lstrip(" ")  # white space between two nodes shows once
        if text:
            self.current.append(text)

    def end_paragraph(self) -> None:
        text = "".join(self.current)
        if self.label and text.strip() == self.label.strip():
            return
        lines = [line.strip() for line in text.split("\n")]
        self.current, self.label = [], ""
        if any(lines):
            self.paragraphs.append("\n".join(lines).strip("\n"))

    def text(self) -> str:
        self.end_paragraph()
        return "\n\n".join(self.paragraphs)


def _read_html(source: str) -> str:
    return _HtmlText().walk(BeautifulSoup(source, "lxml")).text()


def _html_table(table: Tag) -> str:
    rows = []
    for row in table.find_all("tr"):
        if row.find_parent("table") is not table:
            continue  # a nested table's rows belong to its cell
        cells = [
            " ".join(_HtmlText().walk(cell).text().split())
            for cell in row.find_all(["td", "th"], recursive=False)
        ]
        rows.append("\t".join(cell for cell in cells if cell))
    return "\n".join(row for row in rows if row)


def _html_list_label(item: Tag) -> str:
    """The marker a browser draws: "-" for a bullet list, "1." / "a." / "I." for an ordered one."""
    parent = item.parent
    if parent is None or parent.name != "ol":
        return "-"
    value = _html_int(parent.get("start"), 1)
    for sibling in parent.find_all("li", recursive=False):
        value = _html_int(sibling.get("value"), value)
        if sibling is item:
            break
        value += 1
    style = _HTML_LIST_STYLES.get(str(item.get("type") or parent.get("type") or "1"), "decimal")
    return format_number(value, style) + "."


def _html_int(value, default: int) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default


# --- PDF: the text layer, lines regrouped into paragraphs by their geometry ---

_LIST_LABEL = re.compile(r"[-+•*] |\d+(?:\.\d+)*[.)] |[a-zđ]\) |[IVXLC]+\. ")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I)


def _read_pdf(data: bytes, path: Path) -> str:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [(page.extract_text_lines(return_chars=True), _is_scanned(page)) for page in pdf.pages]
    except PDFPasswordIncorrect as error:
        raise UnreadableFile(
            str(path), "Tệp PDF có mật khẩu. Hãy bỏ mật khẩu (lưu bản không khóa) rồi nạp lại."
        ) from error
    except Exception as error:  # pdfminer raises many unrelated types on damaged files
        raise UnreadableFile(
            str(path),
            "Tệp PDF bị hỏng, không đọc được. Hãy mở bằng trình đọc PDF, lưu (in) lại thành PDF rồi nạp lại.",
        ) from error
    scanned = [str(number) for number, (lines, image_only) in enumerate(pages, 1) if image_only]
    if scanned:
        raise UnreadableFile(
            str(path),
            f"Tệp PDF là bản quét (trang {', '.join(scanned[:10])}{'...' if len(scanned) > 10 else ''} "
            "chỉ có "
            "ảnh, không có lớp văn bản). Cần nhận dạng ký tự (OCR) tiếng Việt trước, ví dụ: ocrmypdf -l vie "
            "vao.pdf ra.pdf, hoặc dùng tệp .docx gốc.",
        )
    lines = [
        dict(line, page=number)
        for number, (page_lines, _) in enumerate(pages)
        for line in _without_page_number(page_lines)
    ]
    return _pdf_paragraphs(lines)


def _is_scanned(page) -> bool:
    """A page with no text but a picture covering much of it is a scan."""
    if page.chars:
        return False
    area = sum(float(image["width"]) * float(image["height"]) for image in page.images)
    return area > 0.25 * float(page.width) * float(page.height)


def _without_page_number(lines: list[dict]) -> list[dict]:
    """Drop a page number printed alone on the first or the last line of a page."""
    kept = list(lines)
    for index in (-1, 0):
        if kept and _PAGE_NUMBER.match(kept[index]["text"]):
            kept.pop(index)
    return kept


def _pdf_paragraphs(lines: list[dict]) -> str:
    """Join soft-wrapped lines; a wider gap than the usual line spacing starts a new paragraph."""
    if not lines:
        return ""
    layout = _Layout.of(lines)
    return lines[0]["text"] + "".join(
        layout.separator(previous, line) + line["text"] for previous, line in zip(lines, lines[1:])
    )


@dataclass(frozen=True)
class _Layout:
    """What a PDF's lines share: margins, the spacing inside a paragraph, whether first lines are indented."""

    left: float
    right: float
    paragraph_gap: float
    indent: float | None  # the usual first-line indent, when the document indents first lines

    @classmethod
    def of(cls, lines: list[dict]) -> _Layout:
        size = statistics.median(line["bottom"] - line["top"] for line in lines)
        gaps = sorted(
            b["top"] - a["bottom"]
            for a, b in zip(lines, lines[1:])
            if a["page"] == b["page"] and b["top"] >= a["bottom"]
        )
        line_gap = gaps[len(gaps) // 10] if gaps else 0.0  # the usual spacing inside a paragraph
        left = statistics.mode(round(line["x0"]) for line in lines)
        indents = [
            round(line["x0"] - left) for line in lines if left + 0.5 * size < line["x0"] < left + 4 * size
        ]
        indent = statistics.mode(indents) if len(indents) > 0.1 * len(lines) else None
        return cls(left, max(line["x1"] for line in lines), line_gap + 0.3 * size, indent)

    def separator(self, previous: dict, line: dict) -> str:
        """What stood between two lines: a paragraph break or a soft wrap (a space).

        Every line the author ended is a paragraph break here: in a PDF nothing else marks one, and a plain
        line break would let the normaliser take "- ..." after a heading for a wrapped hyphen.
        """
        same_page = line["page"] == previous["page"]
        if same_page and line["top"] - previous["bottom"] > self.paragraph_gap:
            return "\n\n"
        if not _soft_wrapped(previous, line, self.right):
            return "\n\n"
        if self.indent is not None:
            # a wrapped line goes back to the margin, sits under the text of a hanging list label, or is
            # centred (a title); a line indented as first lines are starts a paragraph
            offset = line["x0"] - self.left
            hanging = _LIST_LABEL.match(previous["text"]) and line["x0"] > previous["x0"] + 2
            centred = abs(offset - self.indent) > 2 and abs(offset - (self.right - line["x1"])) < 3
            return " " if abs(offset) < 2 or hanging or centred else "\n\n"
        if same_page:
            return " "
        # Across a page break with neither spacing nor indents to go by: after a full last line, a capital
        # or a list label is taken as a new paragraph (the safer mistake: a sentence cut before a proper
        # noun stays cut, where the other guess would merge two items).
        return "\n\n" if line["text"][:1].isupper() or _LIST_LABEL.match(line["text"]) else " "


def _soft_wrapped(previous: dict, line: dict, right_margin: float) -> bool:
    """Whether the next line's first word, after a space, would have overflowed the line before it."""
    chars = [ch for ch in line["chars"] if ch["text"].strip()]
    if not chars:
        return False
    size = float(chars[0].get("size") or (line["bottom"] - line["top"]))
    # words end at a space glyph or, in PDFs that place words without one, at a gap; the narrowest gap
    # is the font's own space (justified lines only stretch theirs)
    gaps = [
        (b["x0"] - a["x1"], i)
        for i, (a, b) in enumerate(zip(chars, chars[1:]))
        if b["x0"] - a["x1"] > 0.15 * size
    ]
    space = min((gap for gap, _ in gaps), default=0.25 * size)
    word_end = gaps[0][1] if gaps else len(chars) - 1
    return previous["x1"] + space + chars[word_end]["x1"] - chars[0]["x0"] > right_margin
