"""Ingest step 1: read a file into the document's text, before `ingest.normalize.normalize_text`.

Every reader gives paragraphs separated by blank lines and keeps the line breaks the format prints.
The type is checked by content, not only by the file's extension.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

from ingest.docx_text import format_number, read_docx
from ingest.errors import DocumentTooLarge, EmptyDocument, UnreadableFile, UnsupportedFile
from ingest.legacy import convert_legacy, decode_text, read_doc, read_rtf
from ingest.markdown_text import read_markdown
from ingest.pdf_text import read_pdf
from ingest.line_repairs import repair_lines
from ingest.webpage import keep_document

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
        text = read_pdf(data, path)
    elif kind == "docx":
        text = read_docx(data, path)
    elif kind == "rtf":
        text = read_rtf(data, path)
    elif kind == "ole2":
        text = read_doc(path)
    elif suffix == ".md":
        text = keep_document(read_markdown(decode_text(data, path)))
    elif suffix in (".html", ".htm"):
        text = keep_document(_read_html(decode_text(data, path)))
    else:
        text = decode_text(data, path)
    text = repair_lines(convert_legacy(text, path))
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
