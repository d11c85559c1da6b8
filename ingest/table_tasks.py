"""Ingest step: assignments in task tables — a row per task, its columns named by a row of column names
("TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm").

Readers write a table row as one line with its cells separated by tabs (ingest.markdown_text); a row whose first
cell is a label (STT "1", "1.2", "B3", or a group "I", "A") is a section of its own (ingest.structure). The
column names say which cell holds the task, the lead and co-operating units, and the time limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.vietnamese import folded

# Column kinds by the folded words of their name; the first kind that matches wins.
_COLUMNS = (
    ("support", re.compile(r"phoi hop")),
    ("lead", re.compile(r"chu tri")),
    ("deadline", re.compile(r"thoi gian|thoi han|tien do|thoi diem|hoan thanh truoc")),
    ("task", re.compile(r"noi dung|nhiem vu|cong viec|hoat dong|chi tieu|giai phap|trinh tu|^buoc|^ten ")),
    ("doer", re.compile(r"(?:co quan|don vi|bo phan|nguoi|to chuc|cap)(?: thuc hien| trien khai| phu trach)"
                        r"|trach nhiem|phu trach|^chu the")),
    ("product", re.compile(r"san pham|ket qua|hinh thuc")),
)


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    kind: str | None  # the kind of its column, None when the table does not say


def columns(header: str) -> list[str | None]:
    """The kind of each column of a row of column names."""
    kinds: list[str | None] = []
    for name in header.split("\t"):
        key = folded(" ".join(name.split()))
        kinds.append(next((kind for kind, pattern in _COLUMNS if pattern.search(key)), None))
    return kinds


def header_before(text: str, row_start: int) -> list[str | None] | None:
    """The column kinds of the table a row belongs to: the nearest line above it that holds tabs, no row label
    and at least two column names this module knows, while every line between them is a row of the same
    table; None when the table names no columns."""
    pos = row_start
    while pos > 0:
        line_start = text.rfind("\n", 0, pos - 1) + 1
        line = text[line_start : pos - 1] if pos > 0 else ""
        if not line.strip():
            pos = line_start
            continue
        if "\t" not in line and any(ch.isalpha() for ch in line):
            return None  # the table ended above (a line of dots or figures is still inside it)
        if "\t" not in line:
            pos = line_start
            continue
        if not _labelled(line) and sum(kind is not None for kind in columns(line)) >= 2:
            return columns(line)
        pos = line_start  # a row, or the rest of a row under merged cells ("Chuyên viên ...\tDự thảo ...")
    return None


def _labelled(line: str) -> bool:
    first = line.split("\t", 1)[0].strip()
    return bool(re.fullmatch(r"\d+(?:\.\d+)*\.?|[IVXLC]+\.?|[A-Z]\d*\.?|[a-zđ][.)]?", first))


def cells(text: str, start: int, end: int, kinds: list[str | None]) -> list[Cell]:
    """The cells of the row line text[start:end] with the kind of their column. A row with fewer cells than
    the header (an empty cell, a merged one) is aligned from the left, its label cell with the label column."""
    out: list[Cell] = []
    pos = start
    for n, piece in enumerate(text[start:end].split("\t")):
        left = pos + len(piece) - len(piece.lstrip())
        right = pos + len(piece.rstrip())
        out.append(Cell(left, max(left, right), kinds[n] if n < len(kinds) else None))
        pos += len(piece) + 1
    return out
