"""Ingest step 1 (reading) for .pdf: the text layer, its lines regrouped into paragraphs by their geometry.

A PDF has lines, not paragraphs: a line the layout wrapped is joined to the next one, a line the author
ended starts a new paragraph. Page numbers printed alone are dropped; a scanned page needs OCR.
"""

from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import UnreadableFile

_LIST_LABEL = re.compile(r"[-+•*] |\d+(?:\.\d+)*[.)] |[a-zđ]\) |[IVXLC]+\. ")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I)


def read_pdf(data: bytes, path: Path) -> str:
    """The text layer of a PDF, its lines regrouped into paragraphs; scanned pages raise UnreadableFile."""
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
