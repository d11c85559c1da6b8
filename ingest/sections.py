"""Ingest step: the whole section tree — frame parts (header, Kính gửi, preamble, Nơi nhận, signature,
notes), the numbered body, and attached annexes — in document order, with exact offsets."""

from __future__ import annotations

from ingest.structure import human_label, parse_body
from ingest.types import Locator, Section

_FRAME_LABELS = {
    "header": "Phần đầu văn bản",
    "preamble": "Phần mở đầu",
    "signature": "Phần ký",
    "note": "Ghi chú",
}


def build_sections(text: str, header, closing) -> tuple[Section, ...]:
    """Header, recipients, preamble, numbered body, closing blocks and annexes, in document order."""
    parts: list[Section] = []
    if header.end > header.start:
        parts.append(_frame(text, "header", ("header",), header.start, header.end))
    body_start = header.end
    if header.recipients_start is not None and header.recipients_end is not None:
        parts.append(_frame(text, "recipients", ("recipients",), header.recipients_start, header.recipients_end, "Kính gửi"))
        body_start = max(body_start, header.recipients_end)
    parts += _body(text, body_start, closing.body_end)
    for block in closing.blocks:
        if block.kind == "annex":
            parts.append(_annex(text, block))
        elif block.kind == "recipients":
            parts.append(_frame(text, "recipients", ("recipients",), block.start, block.end, "Nơi nhận"))
        else:
            parts.append(_frame(text, block.kind, (block.kind,), block.start, block.end))
    return tuple(sorted(parts, key=lambda section: section.start))


def _body(text: str, start: int, end: int, prefix: Locator = (), words: tuple[str, ...] = ()) -> list[Section]:
    """Numbered sections; leading unlabelled paragraphs form the preamble (or the annex's own text)."""
    sections = parse_body(text, start, end, prefix, words)
    leading = [s for s in sections if s.kind == "paragraph"]
    rest = [s for s in sections if s.kind != "paragraph"]
    if leading and not prefix:
        preamble = _frame(text, "preamble", ("preamble",), leading[0].start, leading[-1].end)
        return [preamble] + rest
    return sections


def _annex(text: str, block) -> Section:
    head = block.head
    words = (head if head.startswith("Phụ lục") else f"{head} kèm theo",)
    children = _body(text, block.title_end, block.end, (head,), words)
    return Section(
        locator=(head,),
        label=human_label(words),
        kind="annex",
        start=block.start,
        end=_trim(text, block.start, block.end),
        children=tuple(children),
    )


def _frame(text: str, kind: str, locator: Locator, start: int, end: int, label: str | None = None) -> Section:
    return Section(locator, label or _FRAME_LABELS.get(kind, kind), kind, start, _trim(text, start, end))


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def locate(sections: tuple[Section, ...], offset: int) -> Locator:
    """The locator of the innermost section that contains `offset`."""
    found: Locator = ()
    level = sections
    while True:
        inner = next((s for s in level if s.start <= offset < max(s.end, s.start + 1)), None)
        if inner is None:
            return found
        found = inner.locator
        level = inner.children
