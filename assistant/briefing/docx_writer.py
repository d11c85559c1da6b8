"""Briefing writer: .docx (python-docx) in the layout a provincial office accepts: A4, Times New Roman 13-14,
margins 2 cm top and bottom, 3 cm left, 2 cm right; page numbers at the top centre from page 2, as the
administrative-document rules (Nghị định 30/2020/NĐ-CP) place them; tables with a repeated header row and the
citation in its own column."""

from __future__ import annotations

import io

from docx import Document as new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from assistant.briefing.layout import COLUMNS, NOTICE, line_text, note, row_cells, sources
from assistant.briefing.types import Briefing, Part

FONT = "Times New Roman"
BODY_PT, TITLE_PT, TABLE_PT = 13, 14, 12  # a six-column table needs the smaller size to stay readable on A4
# Column widths (cm) summing to the 16 cm between the margins; the task gets the room.
WIDTHS = (3.2, 1.9, 5.9, 1.9, 1.6, 1.5)


def to_docx(briefing: Briefing) -> bytes:
    """The briefing as the bytes of a .docx file."""
    document = new_document()
    _page(document, briefing)
    _styles(document)
    _paragraph(document, briefing.title.upper(), bold=True, size=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, briefing.subtitle, bold=True, size=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, "-----", align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, NOTICE, italic=True, size=TABLE_PT)
    for part in briefing.parts:
        _part(document, part, 1)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _page(document, briefing: Briefing) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.header_distance = Cm(1)
    section.different_first_page_header_footer = True
    first = section.first_page_header.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(first, f"{briefing.title} — tài liệu tổng hợp có trích dẫn nguồn", italic=True, size=11)
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(number)


def _styles(document) -> None:
    """Times New Roman everywhere, Vietnamese included (the East Asian and complex-script slots too), in black."""
    for name, size in (("Normal", BODY_PT), ("Heading 1", TITLE_PT), ("Heading 2", BODY_PT), ("Heading 3", BODY_PT)):
        style = document.styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        _typeface(style.element.get_or_add_rPr())
        if name != "Normal":
            style.font.bold = True
            style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(12), Pt(6)
    normal = document.styles["Normal"].paragraph_format
    normal.space_after, normal.line_spacing = Pt(6), 1.15


def _typeface(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), FONT)
        fonts.attrib.pop(qn(f"w:{slot}Theme"), None)  # a theme font would win over the name


def _part(document, part: Part, level: int) -> None:
    document.add_heading(part.heading, level=min(level, 3))
    for line in part.lines:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.left_indent = Cm(0.75 * line.depth)
        _run(paragraph, "- " + line_text(line))
        if note(line):
            _run(paragraph, f" — {note(line)}", bold=True)
        _run(paragraph, f" ({sources(line)})", italic=True)
    if part.rows:
        _table(document, [COLUMNS] + [row_cells(row) for row in part.rows])
    for child in part.parts:
        _part(document, child, level + 1)
    if part.empty and not (part.lines or part.rows or part.parts):
        _paragraph(document, part.empty, italic=True)


def _table(document, rows: list[tuple[str, ...]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for r, (row, cells) in enumerate(zip(table.rows, rows)):
        for c, (cell, text) in enumerate(zip(row.cells, cells)):  # row.cells: table.cell() rescans the table
            cell.width = Cm(WIDTHS[c])
            lines = text.split("\n")
            cell.paragraphs[0].text = ""
            for n, value in enumerate(lines):
                paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                paragraph.paragraph_format.space_after = Pt(0)
                if r == 0:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _run(paragraph, value, bold=r == 0, size=TABLE_PT)
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row is printed again on every page the table runs onto
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    document.add_paragraph()


def _paragraph(document, text: str, *, bold=False, italic=False, size=None, align=WD_ALIGN_PARAGRAPH.JUSTIFY):
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    _run(paragraph, text, bold=bold, italic=italic, size=size)
    return paragraph


def _run(paragraph, text: str, *, bold=False, italic=False, size=None):
    run = paragraph.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    run.font.name = FONT
    _typeface(run._element.get_or_add_rPr())
    if size:
        run.font.size = Pt(size)
    return run


def _page_number(paragraph) -> None:
    """A PAGE field: Word fills in the number of each page."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)
    run.font.name = FONT
    run.font.size = Pt(BODY_PT)
