"""Ingest step 1 (reading) for .docx: body paragraphs and tables in document order.

Word draws list labels ("1.", "a)", "-") from numbering.xml (w:numPr); they are not in the paragraph
text, yet they are the document's structure, so they are rebuilt here and written before the text.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.text.paragraph import Paragraph

# viparse's run walkers keep what python-docx's Paragraph.text drops: runs inside tracked insertions,
# hyperlinks and content controls, and w:softHyphen (the letter ư in TCVN3 documents).
from viparse.engines.docx import _paragraph_run_objects, _run_font, _run_text

from ingest.errors import UnreadableFile
from ingest.legacy import convert_font_run, ensure_trustworthy, font_encoding

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def read_docx(data: bytes, path: Path) -> str:
    """The text of a .docx: paragraphs separated by blank lines, list labels rebuilt, tables row by row."""
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises KeyError, ValueError, lxml errors on damaged packages
        raise UnreadableFile(
            str(path), "Tệp .docx bị hỏng, không mở được. Hãy mở bằng Word/LibreOffice, lưu lại rồi nạp lại."
        ) from error
    reader = _BodyReader(document, _Numbering.of(document))
    text = "\n\n".join(block for block in reader.blocks(document.element.body) if block.strip())
    for encoding in reader.legacy_encodings:
        ensure_trustworthy(text, encoding, path)
    return text


def format_number(value: int, style: str) -> str:
    """A list counter as Word prints it: decimal, lowerLetter (a..z, aa..), upperRoman, ..."""
    if style in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if style == "upperLetter" else letter
    if style in ("lowerRoman", "upperRoman") and value > 0:
        roman = ""
        for amount, numeral in _ROMAN:
            count, value = divmod(value, amount)
            roman += numeral * count
        return roman.upper() if style == "upperRoman" else roman
    return f"{value:02d}" if style == "decimalZero" else str(value)


class _BodyReader:
    """Walks body or cell content (w:p, w:tbl, w:sdt) in order, numbering paragraphs as it goes."""

    def __init__(self, document, numbering: _Numbering):
        self.document = document
        self.numbering = numbering
        self.legacy_encodings: set[str] = set()

    def blocks(self, parent):
        for child in parent.iterchildren():
            if child.tag == _W + "p":
                yield self.paragraph(child)
            elif child.tag == _W + "tbl":
                yield self.table(child)
            elif child.tag == _W + "sdt" and child.find(_W + "sdtContent") is not None:
                yield from self.blocks(child.find(_W + "sdtContent"))

    def paragraph(self, element) -> str:
        paragraph = Paragraph(element, self.document)
        parts = []
        for run in _paragraph_run_objects(paragraph):
            font = _run_font(run, paragraph)
            if encoding := font_encoding(font):
                self.legacy_encodings.add(encoding)
            parts.append(convert_font_run(_run_text(run), font))
        text = "".join(parts)
        label = self.numbering.label(element)  # counted even when empty: Word numbers empty items too
        return f"{label} {text}" if label and text.strip() else text

    def table(self, element) -> str:
        rows = []
        for row in element.iterchildren(_W + "tr"):
            cells = []
            for cell in row.iterchildren(_W + "tc"):
                merge = cell.find(f"{_W}tcPr/{_W}vMerge")
                if merge is not None and merge.get(_W + "val", "continue") == "continue":
                    continue  # the lower part of a vertically merged cell: its text is in the cell above
                text = "\n".join(block for block in self.blocks(cell) if block.strip())
                if text.strip():
                    cells.append(text)
            # a row of one-line cells is one line; cells of several paragraphs keep their lines
            rows.append("\n".join(cells) if any("\n" in cell for cell in cells) else "\t".join(cells))
        return "\n".join(row for row in rows if row)


@dataclass(frozen=True)
class _Level:
    style: str  # numFmt: decimal, lowerLetter, upperRoman, bullet, none, ...
    text: str  # lvlText: "%1.", "%2)", "%1.%2.", "-"
    start: int = 1
    restart: int | None = None  # lvlRestart: restart after this (1-based) level; 0 = never
    legal: bool = False  # isLgl: every number of the label printed in decimal


@dataclass
class _Numbering:
    """numbering.xml: which levels each list (w:num) uses, and the running counters Word keeps."""

    levels: dict[str, dict[int, _Level]]  # abstractNumId -> level -> definition
    nums: dict[str, tuple[str, dict[int, int]]]  # numId -> (abstractNumId, start overrides)
    styles: dict[str, tuple[str | None, int | None]]  # paragraph style id -> (numId, level)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, document) -> _Numbering:
        styles = _style_numbering(document)
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):  # python-docx's way of saying the file has no numbering part
            return cls({}, {}, styles)
        levels = {a.get(_W + "abstractNumId"): _levels(a) for a in root.iterchildren(_W + "abstractNum")}
        links = {  # an abstractNum that only points to a numbering style borrows that style's list
            a.get(_W + "abstractNumId"): _val(a.find(_W + "numStyleLink"))
            for a in root.iterchildren(_W + "abstractNum")
            if a.find(_W + "numStyleLink") is not None
        }
        nums: dict[str, tuple[str, dict[int, int]]] = {}
        for num in root.iterchildren(_W + "num"):
            abstract = _val(num.find(_W + "abstractNumId"))
            overrides = {
                int(o.get(_W + "ilvl", "0")): int(_val(o.find(_W + "startOverride")))
                for o in num.iterchildren(_W + "lvlOverride")
                if o.find(_W + "startOverride") is not None
            }
            nums[num.get(_W + "numId")] = (abstract, overrides)
        for abstract, style in links.items():
            target = nums.get(styles.get(style, (None, None))[0] or "")
            if target is not None:
                levels[abstract] = levels.get(target[0], {})
        return cls(levels, nums, styles)

    def label(self, paragraph) -> str:
        """The label Word prints before this paragraph, counting it; empty when it is not numbered."""
        num_id, level = self._num_pr(paragraph)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        definitions = self.levels.get(abstract, {})
        if level not in definitions:
            return ""
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.started:  # a list instance with startOverride restarts its numbers
            self.started.add(num_id)
            for overridden, start in overrides.items():
                counters[overridden] = start - 1
        counters[level] = counters.get(level, definitions[level].start - 1) + 1
        for deeper in [lvl for lvl in counters if lvl > level]:
            restart = definitions.get(deeper, _Level("decimal", "")).restart
            if restart is None or (restart > 0 and level <= restart - 1):
                del counters[deeper]
        return self._render(definitions, counters, level)

    def _render(self, definitions: dict[int, _Level], counters: dict[int, int], level: int) -> str:
        definition = definitions[level]
        if definition.style == "none":
            return definition.text.strip() if "%" not in definition.text else ""
        if definition.style == "bullet":
            return _bullet(definition.text)
        label = definition.text
        for lvl in range(8, -1, -1):  # %10 does not exist; going down keeps %1 from eating %1x
            if f"%{lvl + 1}" in label:
                shown = definitions.get(lvl, _Level("decimal", ""))
                value = counters.get(lvl, shown.start)
                style = "decimal" if definition.legal else shown.style
                label = label.replace(f"%{lvl + 1}", format_number(value, style))
        return label.strip()

    def _num_pr(self, paragraph) -> tuple[str | None, int]:
        style_num, style_level = self.styles.get(
            _val(paragraph.find(f"{_W}pPr/{_W}pStyle")) or "", (None, None)
        )
        num_pr = paragraph.find(f"{_W}pPr/{_W}numPr")
        if num_pr is None:
            return style_num, style_level or 0
        num_id = _val(num_pr.find(_W + "numId")) or style_num
        level = _val(num_pr.find(_W + "ilvl"))
        return num_id, int(level) if level is not None else (style_level or 0)


def _levels(abstract) -> dict[int, _Level]:
    levels = {}
    for lvl in abstract.iterchildren(_W + "lvl"):
        restart = _val(lvl.find(_W + "lvlRestart"))
        levels[int(lvl.get(_W + "ilvl", "0"))] = _Level(
            style=_val(lvl.find(_W + "numFmt")) or "decimal",
            text=_val(lvl.find(_W + "lvlText")) or "",
            start=int(_val(lvl.find(_W + "start")) or 1),
            restart=int(restart) if restart is not None else None,
            legal=lvl.find(_W + "isLgl") is not None and _val(lvl.find(_W + "isLgl")) not in ("0", "false"),
        )
    return levels


def _style_numbering(document) -> dict[str, tuple[str | None, int | None]]:
    """Numbering a paragraph style gives its paragraphs ("List Number", numbered headings), via basedOn."""
    own: dict[str, tuple[str | None, int | None, str | None]] = {}
    for style in document.styles.element.iterchildren(_W + "style"):
        num_pr = style.find(f"{_W}pPr/{_W}numPr")
        num_id = _val(num_pr.find(_W + "numId")) if num_pr is not None else None
        level = _val(num_pr.find(_W + "ilvl")) if num_pr is not None else None
        own[style.get(_W + "styleId")] = (
            num_id,
            int(level) if level else None,
            _val(style.find(_W + "basedOn")),
        )
    resolved: dict[str, tuple[str | None, int | None]] = {}
    for style_id in own:
        seen, current = set(), style_id
        while current in own and current not in seen and own[current][0] is None:
            seen.add(current)
            current = own[current][2]
        num_id, level = own[current][:2] if current in own else (None, None)
        resolved[style_id] = (num_id, level)
    return resolved


def _bullet(glyph: str) -> str:
    """Bullets as labels: dashes and plus signs are kept; symbol-font glyphs (, §, o) read as "•"."""
    glyph = glyph.strip()
    if glyph in ("-", "–", "—", "−"):
        return "-"
    return glyph if glyph in ("+", "*", "•") else "•"


def _val(element) -> str | None:
    return None if element is None else element.get(_W + "val")
