"""Test builders: turn a corpus .txt into .docx, .pdf, .html and .md, one paragraph per non-empty line.

The lines are those of the stored (normalised) text, so a line the source hard-wrapped mid-sentence
("giai đoạn 2026" / "- 2030 ...") does not become a paragraph, and a bullet, of its own.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from fpdf import FPDF

from ingest.legacy import CHARMAPS
from ingest.normalize import normalize_text

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # has every Vietnamese glyph


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of the stored text: what each builder writes as paragraphs."""
    return [line for line in normalize_text(text).split("\n") if line.strip()]


def write_docx(text: str, path: Path) -> Path:
    """A Word document, one paragraph per line."""
    document = docx.Document()
    for paragraph in paragraphs(text):
        document.add_paragraph(paragraph)
    document.save(str(path))
    return path


class _NumberedPdf(FPDF):
    def footer(self):
        # a page number alone on the last line, as printed directives have; the reader must drop it
        self.set_y(-12)
        self.cell(0, 6, str(self.page_no()), align="C")


def write_pdf(text: str, path: Path, *, spaced: bool = False) -> Path:
    """An A4 PDF with a text layer: long lines wrap to the page, pages are numbered.

    Set as directives usually are: 13 pt, ragged right, each first line indented 1 cm, no space between
    paragraphs. With `spaced`: 12 pt, justified, no indent, paragraphs spaced apart instead.
    """
    pdf = _NumberedPdf(format="A4")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=12 if spaced else 13)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_margins(10 if spaced else 30, 20, 10 if spaced else 20)
    pdf.add_page()
    for paragraph in paragraphs(text):
        if spaced:
            pdf.multi_cell(0, 6, paragraph, align="J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        else:
            pdf.set_x(pdf.l_margin + 10)
            pdf.write(7, paragraph)
            pdf.ln(7)
    pdf.output(str(path))
    return path


def write_html(text: str, path: Path) -> Path:
    """An HTML page, one <p> per line."""
    body = "\n".join(f"<p>{html.escape(paragraph, quote=False)}</p>" for paragraph in paragraphs(text))
    page = (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>văn bản</title>'
        "<style>p { margin: 0 0 6pt }</style></head>\n"
        f"<body>\n<nav>Trang chủ | Văn bản</nav>\n{body}\n<script>var x = 1;</script>\n</body></html>\n"
    )
    path.write_text(page, encoding="utf-8")
    return path


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<])")
_MD_LINE_START = re.compile(r"^([#>|]|[-=]+$)")


def write_md(text: str, path: Path) -> Path:
    """A Markdown file, one paragraph per line; characters Markdown would read as markup are escaped."""
    lines = [_MD_LINE_START.sub(r"\\\1", _MD_SPECIAL.sub(r"\\\1", p)) for p in paragraphs(text)]
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return path


# A multi-level list as Vietnamese plans number them: I. / 1. / a) / -
_LIST_LEVELS = (("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"), ("bullet", "-"))


def write_numbered_docx(
    items: list[tuple[str, int | None]], path: Path, *, restart_at: int | None = None
) -> Path:
    """A .docx whose labels come from Word's automatic numbering (w:numPr), not from the text.

    `items` are (text, level): level 0-3 numbers the paragraph as I. / 1. / a) / -, None leaves it plain.
    With `restart_at`, paragraphs from that index on use a second list instance that starts again at 1.
    """
    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(_LIST_LEVELS)
    )
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering.insert(
        0, parse_xml(f'<w:abstractNum {namespace} w:abstractNumId="90">{levels}</w:abstractNum>')
    )
    numbering.append(parse_xml(f'<w:num {namespace} w:numId="91"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(
        parse_xml(
            f'<w:num {namespace} w:numId="92"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )
    for index, (text, level) in enumerate(items):
        paragraph = document.add_paragraph(text)
        if level is None:
            continue
        num_id = 92 if restart_at is not None and index >= restart_at else 91
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = num_id
    document.save(str(path))
    return path


def has_numbering(path: Path) -> bool:
    """Whether a saved .docx really carries w:numPr (the labels are not typed in the text)."""
    document = docx.Document(str(path))
    return any(p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None for p in document.paragraphs)


def to_legacy(text: str, encoding: str) -> str:
    """The text as a legacy-font document surfaces it, a Latin-1 character a byte: "Việt" -> "ViÖt" in TCVN3.

    Letters the encoding cannot write (TCVN3 has no capital accented letters) are left as they are.
    """
    table = {unicode: legacy for legacy, unicode in CHARMAPS[encoding].pairs}
    return "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFC", text))
