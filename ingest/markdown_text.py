"""Ingest step 1 for `.md` files: markdown source -> the document's text (blocks separated by blank lines).

Markdown saved from the web is rarely CommonMark: a site's converter hard-wraps every paragraph at a fixed
width (so a wrapped line may start with "- " or "1. " mid-sentence), flattens tables into lines holding a
single "|", and leaves unbalanced "**" around text. So blocks are read by lines here (a blank line or a "|"
line ends a block), inline markup by markdown-it-py, and each line break inside a block is either a hard wrap
(joined with a space) or a real line break, decided by the shapes of the two lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt

from ingest.vietnamese import LOWER, UPPER

_PIPE = re.compile(r"^\s*\|\s*$")
_GFM_ROW = re.compile(r"^\s*\|.*\|\s*$")
_GFM_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_QUOTE = re.compile(r"^ {0,3}(?:>\s?)+")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+")
# A line that opens a labelled part of a directive: a bullet, "1.", "1.2.", "a)", "I.", "(1)", "Điều 3", ...
_LABEL = re.compile(
    r"^(?:[-–—+•]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-zđ]\)\s|[IVXLC]+[.:]\s|\(\d+\)\s"
    r"|(?:Điều|ĐIỀU|Chương|CHƯƠNG|Phần|PHẦN|Mục|MỤC)\s+[\dIVXLC]+|Nơi nhận|Kính gửi|KÍNH GỬI)"
)
_RULE_LINE = re.compile(r"^[-–—_=*~.•·\s]+$")
_ENDS_SENTENCE = re.compile(r"[.;:!?…]$|\./\.$")
_STARS = re.compile(r"\*+")
_STAR = "\ue000"
_ELLIPSIS = re.compile(r"[….\s]{3,}")
# A heading in bold that opens with a label: "**2. Thủ tục ...", "**II. TỔ CHỨC THỰC HIỆN**", "**Điều 3."
_BOLD_LABEL = re.compile(r"^\s*\*\*\s*(?:\d+(?:\.\d+)*\.\s|[IVXLC]+\.\s|(?:Điều|ĐIỀU|Mục|MỤC|Phần|PHẦN)\s+\w+)")
_ROW_LABEL = re.compile(r"\d{1,3}\.?|[IVXLC]+\.?|[A-Z]\.?")  # stands for an escaped, printed star while markup stars are removed
_DATA_HEADER_WORDS = (
    "stt", "tt", "số tt", "nội dung", "nhiệm vụ", "chủ trì", "phối hợp", "thời gian", "thời hạn", "tiến độ",
    "sản phẩm", "kết quả", "ghi chú", "cơ quan", "đơn vị", "trách nhiệm",
)


@dataclass(frozen=True)
class _Piece:
    """One line of a block after inline rendering; `in_emphasis`: the line break after it lies inside bold or
    italic text (a heading wrapped by the site), `closes`/`opens`: the line ends/starts with emphasis."""

    text: str
    in_emphasis: bool
    opens: bool
    closes: bool


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def read_markdown(source: str) -> str:
    """The text of a markdown file: paragraphs separated by blank lines, table rows as tab-separated cells."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    dense = _is_dense(lines)
    blocks: list[str] = []
    for chunk in _chunks(lines):
        if isinstance(chunk, _Table):
            blocks += chunk.render(dense)
        else:
            text = _render_block(chunk, dense)
            if text:
                blocks.append(text)
    return "\n\n".join(blocks)


def _is_dense(lines: list[str]) -> bool:
    """Whether the file marks no paragraphs by blank lines (each paragraph only by its line break)."""
    content = [line for line in lines if line.strip() and not _PIPE.match(line)]
    blank = sum(1 for line in lines if not line.strip())
    return len(content) > 20 and blank < 0.05 * len(content)


@dataclass
class _Table:
    """A table the site flattened into "|" lines: rows of cells, each cell its own markdown lines."""

    rows: list[list[list[str]]]
    columns: bool = False  # a markdown table ("| a | b |" over "|---|---|"): its first row names the columns

    def render(self, dense: bool) -> list[str]:
        """Layout cells (a header, a signature) as blocks of their own; from a row of column names on,
        one line per row, its cells separated by tabs."""
        out: list[str] = []
        width = None
        data_rows: list[list[str]] = []
        for row in self.rows:
            cells = [_render_block(cell, dense, one_line=True) for cell in row]
            cut = 0 if self.columns and width is None else _header_start(cells, again=width is not None)
            if cut is not None:
                out += _flush(data_rows, width)
                out += [block for cell in row[:cut] if (block := _render_block(cell, dense))]
                data_rows = [cells[cut:]]
                width = len(cells) - cut
            elif width is not None:
                data_rows.append(cells)
            else:
                out += [block for cell in row if (block := _render_block(cell, dense))]
        out += _flush(data_rows, width)
        return [block for block in out if block]


def _flush(rows: list[list[str]], width: int | None) -> list[str]:
    """The rows under a row of column names: one block, a line per row."""
    if not rows or width is None:
        return []
    return ["\n".join("\t".join(row) for row in _merge_split_rows(rows, width) if any(row))]


def _is_column_name(cell: str) -> bool:
    return 0 < len(cell) <= 60


def _header_start(row: list[str], again: bool = False) -> int | None:
    """Where a row of column names starts in `row` (a site may run it on from the cells before it): at least
    three short cells at the end of the row, two of them a task table's words ("STT", "Chủ trì" ...). Inside a
    table (`again`), only a whole row of names without figures starts a new table."""
    start = len(row)
    while start > 0 and _is_column_name(row[start - 1]):
        start -= 1
    names = row[start:]
    known = sum(any(word in cell.lower() for word in _DATA_HEADER_WORDS) for cell in names)
    if again and (start > 0 or any(re.search(r"\d", cell) for cell in names)):
        return None
    return start if len(names) >= 3 and known >= 2 else None


def _is_data_header(row: list[str]) -> bool:
    return _header_start(row) == 0


def _merge_split_rows(rows: list[list[str]], width: int) -> list[list[str]]:
    """An empty cell inside a row prints as "|" "|", like the end of a row: a "row" that is too short and does
    not open with a row label is the rest of the row above."""
    merged: list[list[str]] = []
    for row in rows:
        labelled = bool(row) and re.fullmatch(r"\d+(?:\.\d+)*\.?|[IVXLC]+\.?|[A-Za-zđ][.)]?", row[0] or "")
        if merged and not labelled and len(merged[-1]) + 1 + len(row) <= width:
            merged[-1] = merged[-1] + [""] + row
        else:
            merged.append(list(row))
    return merged


def _chunks(lines: list[str]):
    """Blocks (lists of markdown lines) and flattened tables, in order."""
    block: list[str] = []
    i = 0
    fenced = False
    while i < len(lines):
        line = lines[i]
        if _FENCE.match(line):
            fenced = not fenced
            i += 1
            continue
        if fenced:
            block.append(line)
            i += 1
            continue
        if _PIPE.match(line):
            if block:
                yield block
                block = []
            table, i = _read_flat_table(lines, i)
            yield table
            continue
        if _GFM_ROW.match(line) and not _GFM_RULE.match(line):
            if block:
                yield block
                block = []
            rows = []
            while i < len(lines) and (_GFM_ROW.match(lines[i]) or _GFM_RULE.match(lines[i])):
                if not _GFM_RULE.match(lines[i]):
                    rows.append([[cell] for cell in lines[i].strip()[1:-1].split("|")])
                i += 1
            # a table of column names ("| STT | Đơn vị |") holds data; one of a header or a signature lays out
            # the page: its cells are blocks, their run-together lines cut where the printed lines were
            named = any(any(word in " ".join(c).lower() for word in _DATA_HEADER_WORDS) for c in rows[0])
            yield _Table(rows if named else [[_unflatten(c)] for row in rows for c in row], columns=named)
            continue
        if _HEADING.match(line):  # a markdown heading is a block of its own, whatever surrounds it
            if block:
                yield block
            yield [line]
            block = []
        elif not line.strip() or _GFM_RULE.match(line) or _LINK_DEFINITION.match(line):
            if block:
                yield block
                block = []
        else:
            block.append(line)
        i += 1
    if block:
        yield block


def _unflatten(cell: list[str]) -> list[str]:
    """The printed lines of a layout cell a site ran together: "ỦY BAN NHÂN DÂN TỈNH SƠN LA -------",
    "Nơi nhận: - Bộ Công an; - Lưu: VT.", "CHỦ TỊCH Hoàng Quốc Khánh"."""
    text = " ".join(" ".join(cell).split())
    text = re.sub(r"\s*(-{3,}|_{3,}|={3,})\s*", r"\n\1\n", text)
    text = re.sub(r"(?<=[:;])\s+(?=[-–]\s)", "\n", text)
    text = re.sub(r"(?<=\w)\s+(?=Độc lập\s*[-–])", "\n", text)
    # the signer's name after the office in capitals: two to five capitalised words ending the cell
    text = re.sub(rf"(?<=[{UPPER}]{{2}})\s+((?:[{UPPER}][{LOWER}]+\s?){{2,5}})$", r"\n\1", text)
    return [line.strip() for line in text.split("\n") if line.strip()]


def _read_flat_table(lines: list[str], i: int) -> tuple[_Table, int]:
    """Cells between "|" lines from lines[i] (a "|" line) on; two or more "|" lines in a row end a row
    (the extra ones are empty cells at its end). The table ends at a blank line after a "|" (a site never
    leaves one inside a cell), or, once a row of column names has given the width, at text after a "|"
    that closed a full row: a file without blank lines goes on with its body there."""
    rows: list[list[list[str]]] = [[]]
    cell: list[str] = []
    pipes = 0
    width = None
    while i < len(lines):
        line = lines[i]
        if _GFM_ROW.match(line) and not _PIPE.match(line):
            break  # a stray "|" above a markdown table
        if _PIPE.match(line):
            if cell:
                rows[-1].append(cell)
                cell = []
            pipes += 1
            i += 1
            continue
        if pipes:
            if pipes >= 2 and rows[-1]:
                cut = _header_start([" ".join(c).strip() for c in rows[-1]]) if width is None else None
                if cut is not None:
                    width = len(rows[-1]) - cut
                rows[-1] += [[] for _ in range(pipes - 2)]
                rows.append([])
            elif pipes == 1 and width is not None and _BOLD_LABEL.match(line):
                break  # "**2. Thủ tục ...**" after the last cell: the body's next heading, not a cell
            elif pipes == 1 and width is not None and len(rows[-1]) >= width:
                if not _ELLIPSIS.fullmatch(line.strip()):
                    break
                rows.append([])  # a row of dots ("…........") the site printed without the end of the row above
            elif pipes == 1 and width is not None and len(rows[-1]) == 1 and _ROW_LABEL.fullmatch(line.strip()):
                rows.append([])  # a row of one merged cell ("…....") printed without its row's end
            pipes = 0
        if not line.strip():
            if not cell:
                break
        cell.append(line)
        i += 1
    if cell:
        rows[-1].append(cell)
    return _Table([row for row in rows if row]), i


def _render_block(lines: list[str], dense: bool, one_line: bool = False) -> str:
    """A block's text: block markup dropped, inline markup rendered, line breaks kept or joined."""
    source = [_HEADING.sub(r"\1", _QUOTE.sub("", line)) for line in lines if line.strip()]
    if not source:
        return ""
    pieces = _inline_pieces("\n".join(source))
    if not pieces:
        return ""
    out = [pieces[0].text]
    for previous, piece in zip(pieces, pieces[1:]):
        if one_line or _joins(previous, piece, dense):
            out[-1] = (out[-1] + " " + piece.text).strip()
        else:
            out.append(piece.text)
    return "\n".join(line for line in out if line)


def _inline_pieces(source: str) -> list[_Piece]:
    """The lines of one block after inline rendering, with where emphasis opens and closes."""
    # a printed star is escaped ("\\*"); the stars left bare are markup and go (see _clean)
    tokens = _parser().parseInline(source.replace("\\*", _STAR))[0].children or []
    pieces: list[_Piece] = []
    text, depth, opens, closes = "", 0, False, False
    for token in tokens:
        kind = token.type
        if kind in ("softbreak", "hardbreak"):
            pieces.append(_Piece(_clean(text), depth > 0, opens, closes))
            text, opens, closes = "", depth > 0, False
            continue
        if kind in ("strong_open", "em_open", "s_open"):
            opens = opens or not text.strip()
            depth += 1
        elif kind in ("strong_close", "em_close", "s_close"):
            depth = max(0, depth - 1)
            closes = True
            continue
        elif kind in ("text", "code_inline"):
            text += token.content
        elif kind == "image":
            text += token.content
        elif kind == "html_inline" and re.match(r"<br\s*/?>", token.content, re.I):
            pieces.append(_Piece(_clean(text), depth > 0, opens, closes))
            text, opens = "", depth > 0
            continue
        if token.content.strip() or kind not in ("strong_open", "em_open", "s_open"):
            closes = False
    pieces.append(_Piece(_clean(text), depth > 0, opens, closes))
    return [piece for piece in pieces if piece.text]


def _clean(text: str) -> str:
    """Drop the stars a site's converter left unbalanced ("vi:**** **Toàn bộ"), keeping printed stars: a
    decoration line of stars ("*", "* *") and footnote marks "(*)"."""
    text = " ".join(text.split())
    if "*" not in text:
        return text.replace(_STAR, "*")
    if _RULE_LINE.match(text):
        return "" if "**" in text else text  # "** **" is empty bold; "*", "* *" are printed decoration
    kept = re.sub(r"\(\*+\)", lambda m: "\0" * len(m.group()), text)
    kept = _STARS.sub("", kept)
    restored = []
    marks = iter(re.findall(r"\(\*+\)", text))
    for part in re.split(r"(\0+)", kept):
        restored.append(next(marks) if part.startswith("\0") else part)
    return " ".join("".join(restored).split()).replace(_STAR, "*")


def _joins(previous: _Piece, piece: _Piece, dense: bool) -> bool:
    """Whether the line break between two lines of a block is a hard wrap (join them with a space)."""
    before, after = previous.text, piece.text
    if _RULE_LINE.match(before) or _RULE_LINE.match(after):
        return False
    ended = bool(_ENDS_SENTENCE.search(before)) or previous.closes
    if ended and _LABEL.match(after) and not _LABEL.fullmatch(before + " "):
        return False  # "QUYẾT ĐỊNH:" / "Điều 1.", whatever the site's stray "**" make of the emphasis
    if previous.in_emphasis and not (previous.closes and piece.opens):
        return True  # "**I." / "ĐÁNH GIÁ TÌNH HÌNH**": one heading wrapped by the site
    if _LABEL.match(after):
        # "kinh tế" / "- xã hội": a hyphen the site wrapped to the next line, not a bullet
        hyphen = after.startswith(("- ", "– ")) and (after[2:3].islower() or after[2:3].isdigit())
        return hyphen and not ended and not _LABEL.match(before)
    if after.startswith("(") and _is_caps(before):
        return False  # "... CỦA SỞ TƯ PHÁP" / "(Kèm theo Quyết định ...)"
    if previous.closes and piece.opens:
        return False  # each styled line its own: "*Căn cứ ...;*" / "*Căn cứ ...*"
    if _no_lower(before) and after[:1].isupper():
        return False  # header and signature lines: "PHÓ CHỦ TỊCH" / "Hồ Thị Nguyên Thảo", "... NĂM HỌC" / "2025-2026"
    if dense and ended and (after[:1].isupper() or after[:1].isdigit() or after[:1] in "(“\""):
        return False  # a file without blank lines: a sentence that ends a line ends its paragraph
    return True


def _no_lower(text: str) -> bool:
    """Capitals, digits and signs only: a line of a header, a title in capitals or a signature."""
    return not any(ch.islower() for ch in text)


def _is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)
