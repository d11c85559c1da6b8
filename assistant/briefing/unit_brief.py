"""Briefing by unit: everything the documents make one unit lead, co-operate on, advise, supervise or report,
grouped by document (newest first), tasks with a deadline first."""

from __future__ import annotations

import difflib
from dataclasses import replace

from assistant.briefing.cite import document_heading, newest_first, rows_of
from assistant.briefing.errors import UnknownUnit
from assistant.briefing.types import Briefing, Part
from ingest.types import Document
from ingest.units import unit_key


def briefing_for_unit(documents: list[Document], name: str) -> Briefing:
    """The tasks of the unit `name` (abbreviations and missing diacritics are fine) across `documents`."""
    units = match_units(documents, name)
    wanted = set(units)
    parts, numbers = [], []
    for document in newest_first(documents):
        items = [item for item in document.assignments if wanted & set(item.units)]
        if not items:
            continue
        rows = [replace(row, units=tuple(u for u in row.units if u in wanted)) for row in rows_of(document, items)]
        rows.sort(key=lambda row: row.deadline is None)  # stable: document order within each group
        parts.append(Part(document_heading(document), rows=tuple(rows)))
        numbers.append(document.number)
    names = "; ".join(units)
    subtitle = f"Tổng hợp từ {len(parts)} văn bản; trong mỗi văn bản, nhiệm vụ có thời hạn được nêu trước."
    if len(units) > 1:
        subtitle += f" Tên đơn vị khớp với “{name}”: {names}."
    return Briefing("unit", names, f"Đề cương nhiệm vụ của {names}", subtitle, tuple(parts), tuple(numbers))


def match_units(documents: list[Document], name: str) -> list[str]:
    """The unit names the documents use for `name`: the same unit, else the units whose name starts with it
    ("Ban Tổ chức" -> both Ban Tổ chức), else those whose name contains it as whole words."""
    keys = {unit: unit_key(unit) for document in documents for item in document.assignments for unit in item.units}
    wanted = unit_key(name)
    if not wanted:
        raise UnknownUnit("Hãy nhập tên đơn vị, ví dụ: Ban Tổ chức Tỉnh ủy (viết tắt như “BTC TU” cũng được).")
    for fits in (lambda key: key == wanted, lambda key: key.startswith(wanted + " "),
                 lambda key: f" {wanted} " in f" {key} "):
        found = [unit for unit, key in keys.items() if fits(key)]
        if found:
            return found
    close = difflib.get_close_matches(wanted, list(keys.values()), n=5, cutoff=0.6)
    hint = "; ".join(dict.fromkeys(unit for unit, key in keys.items() if key in close))
    raise UnknownUnit(
        f"Không văn bản nào giao nhiệm vụ cho đơn vị “{name}”. "
        + (f"Có phải: {hint}? " if hint else "")
        + "Hãy kiểm tra tên đơn vị, hoặc xem danh sách bằng lệnh `chidao units`."
    )

