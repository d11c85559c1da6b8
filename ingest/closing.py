"""Ingest step: the blocks after a directive's body — closing note, "Nơi nhận:" list, signature — and the
texts attached after the signature (annexes); also where the body ends. The line model and the list
reader here serve ingest.header too (its "Kính gửi:" list has the shape of "Nơi nhận:").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable

from ingest.vietnamese import fold_diacritics

@dataclass(frozen=True)
class Line:
    """One line of the stored text, trimmed: text == stored[start:end]; key is its folded twin."""

    start: int
    end: int
    text: str
    key: str  # lower case, no diacritics, same length as text: a match in key is a span in text

    @property
    def blank(self) -> bool:
        return not self.text


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    folded = fold_diacritics(ch).lower()
    return folded if len(folded) == 1 else ch


def fold_key(text: str) -> str:
    """Lower case without diacritics, character for character (offsets in the key are offsets in text)."""
    return "".join(_fold_char(ch) for ch in text)


def split_lines(text: str) -> list[Line]:
    """Every line of `text`, blank ones included, each trimmed of surrounding white space."""
    lines = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        start = offset + (len(raw) - len(raw.lstrip()) if stripped else 0)
        lines.append(Line(start, start + len(stripped), stripped, fold_key(stripped)))
        offset += len(raw) + 1
    return lines


# Decoration between header parts and around signatures (a separator): "-------", "*", "* *", "===", "_____".
RULE = re.compile(r"[-–—_=*~.•·\s]+")
BULLET = re.compile(r"[-–—+•]\s*")
_SHORT_ITEM = 150  # characters: an addressee written without a dash is a short line


def next_nonblank(lines: list[Line], i: int) -> int:
    """Index of the first line from i on that is neither blank nor a rule (len(lines) if none)."""
    while i < len(lines) and (lines[i].blank or RULE.fullmatch(lines[i].text)):
        i += 1
    return i


def read_list(lines: list[Line], first: int, stops: Callable[[Line], bool]) -> tuple[tuple[str, ...], int]:
    """The items of a "Kính gửi:" or "Nơi nhận:" list whose label is lines[first], and its last line index.

    Items are dash lines; a line in lower case under an item continues it (the word processor broke
    it); without dashes, short lines under the label are items until one ends in ".". Blank lines may
    separate all of these: a .docx, .html or .md file gives every printed line a paragraph of its own.
    The list ends at a line `stops` accepts, or at a line that has no item's shape.
    """
    label = lines[first].text
    inline = label[label.find(":") + 1 :].strip() if ":" in label else ""
    raw = [inline] if inline else []
    dashed, gap, last = False, False, first
    for k in range(first + 1, len(lines)):
        line = lines[k]
        if line.blank:
            gap = True
            continue
        if stops(line):
            break
        short = len(line.text) < _SHORT_ITEM
        if BULLET.match(line.text) and not RULE.fullmatch(line.text):
            raw.append(line.text)
            dashed = True
        elif raw and line.text[0].islower() and not raw[-1].endswith(".") and (short or not gap):
            raw[-1] += " " + line.text
        elif not dashed and short and (not raw or _another_item(raw[-1], line.text, gap)):
            raw.append(line.text)
        elif dashed and short and raw and raw[-1].endswith((";", ",")) and line.text.endswith((";", ",", ".")):
            raw.append(line.text)  # an item whose dash was lost ("- Thường trực Đảng ủy xã;" / "VP Đảng uỷ;")
        else:
            break
        gap, last = False, k
    items = (item[BULLET.match(item).end() if BULLET.match(item) else 0 :].rstrip(" ,;.") for item in raw)
    return tuple(item for item in items if item), last


def _another_item(previous: str, text: str, gap: bool) -> bool:
    """Whether an undashed line is one more item of a list. Every item but the last ends in "," or ";",
    the last in ".": across a blank line both must say so, or a short body paragraph opening without a
    keyword ("Sở Nội vụ đề nghị ...") would join the list."""
    if previous.endswith("."):
        return False
    return not gap or (previous.endswith((",", ";")) and text.endswith((",", ";", ".")))


@dataclass(frozen=True)
class ClosingBlock:
    """One block after the body; start and end are offsets into the stored text."""

    kind: str  # note, recipients, signature ("* *" separators too), annex
    start: int
    end: int
    label: str  # for people: "Ghi chú", "Nơi nhận", "Phần ký", or the annex head
    items: tuple[str, ...] = ()  # recipients: the list; signature: capacity lines, then the signer
    signer: str | None = None
    head: str = ""  # annex: the locator head of its sections, "Quy định", "Quy chế", "Phụ lục", "Phụ lục I"
    title: str | None = None  # annex: its title lines as printed, joined by a space
    title_end: int | None = None  # annex: after its title and "(Ban hành kèm theo ...)"; sections follow


@dataclass(frozen=True)
class Closing:
    """The closing blocks in document order, and where the main body stops."""

    body_end: int
    blocks: tuple[ClosingBlock, ...] = ()

    @property
    def signer(self) -> str | None:
        """The name under the first signature, if the text has one."""
        return next((block.signer for block in self.blocks if block.signer), None)

    @property
    def signer_title(self) -> tuple[str | None, str | None]:
        """The signer's office ("Phó Chủ tịch") and the delegation printed above it ("KT. Chủ tịch"), if any."""
        block = next((block for block in self.blocks if block.signer), None)
        if block is None or len(block.items) < 2:
            return None, None
        capacity: list[str] = []
        for line in (line for line in block.items[:-1] if not RULE.fullmatch(line)):
            if capacity and capacity[-1].endswith(","):  # "KT. TRƯỞNG BAN BAN CHÍNH SÁCH," / "THUẾ QUỐC TẾ"
                capacity[-1] += " " + line
            else:
                capacity.append(line)
        title = _capacity_case(capacity[-1]) if capacity else None
        above = capacity[-2] if len(capacity) >= 2 else None
        return title, _capacity_case(above) if above and _DELEGATION.match(above) else None

    @property
    def annexes(self) -> tuple[ClosingBlock, ...]:
        return tuple(block for block in self.blocks if block.kind == "annex")


# "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "T/M BAN THƯỜNG VỤ", "TL. BỘ TRƯỞNG", "Q. GIÁM ĐỐC": signing for
# a body (thay mặt), for a superior (ký thay, thừa lệnh, thừa ủy quyền) or as an acting head (quyền).
_DELEGATION = re.compile(r"(?:T\.?/?M|K\.?/?T|T\.?/?L|TUQ|Q)\.?\s+\w")
_CAPACITY = re.compile(
    r"(?:pho\s+)?(?:chu\s+tich|bo\s+truong|thu\s+truong|giam\s+doc|thu\s+tuong|bi\s+thu|tong\s+bi\s+thu"
    r"|chanh\s+van\s+phong|truong\s+ban|chu\s+nhiem|vien\s+truong|cuc\s+truong|vu\s+truong|chanh\s+an"
    r"|truong\s+phong|chanh\s+thanh\s+tra|tong\s+kiem\s+toan|thong\s+doc|tong\s+cuc\s+truong"
    r"|tong\s+giam\s+doc|hieu\s+truong|tong\s+thu\s+ky)\b"
)
_SIGNED = re.compile(r"\(?\s*(?:da\s+ky|ky\s+ten|ky,|\(ky\b)")  # "(Đã ký)", "(Ký tên, đóng dấu)"
_SHORT_CAPACITY = 80  # characters: a capacity line is a few words
_SIGNATURE_LINES = 10  # lines from a signature's first line to the signer's name, at most
_NOTE = 250  # characters: a closing note such as "(Gửi kèm Kết luận 62-KL/TW ...)" is one short line
_RESIDUE = 60
_FOOTNOTES = re.compile(r"\s*(?:\[\d+\]|\(\d+\)|\(\*+\)|\*|ghi chu\b|chu thich\b|luu y\b)")  # characters of stray text after the signature ("PAGE 7") kept in the closing, not an annex
_RECIPIENTS_LABEL = re.compile(r"noi nhan\s*:?\s*(?:$|[-–•])")
_ATTACHED = re.compile(r"\(\s*(?:ban hanh\s+)?kem theo\b")  # "(Ban hành kèm theo Quyết định số ...)"
# A form attached after the signature names itself on a line of its own: "Mẫu 01", "Mẫu biểu số 03", "Biểu số 2".
_TEMPLATE = re.compile(r"(?:bieu mau|mau bieu|mau|bieu)(?: so)?\s*[0-9ivxlc]+[a-z]?(?:[./-][0-9a-z]+)?$")
_ANNEX_WORD = re.compile(r"phu luc\b(?:\s+so)?\s*(?P<numeral>[ivxlc]+\b|\d+[a-z]?\b)?")
_HEADING = re.compile(r"(?:phan|chuong|muc|dieu)\s+[\divxlc]+\b|[ivxlc]+\.\s|\d+\.\s")
# The type word an attached text's title opens with names it in locators: "Kế hoạch kèm theo, Mục II".
_HEADS = tuple(
    (fold_diacritics(word).lower(), word)
    for word in ("Quy định", "Quy chế", "Quy trình", "Quy tắc", "Kế hoạch", "Đề án", "Chương trình", "Phương án",
                 "Hướng dẫn", "Danh mục", "Điều lệ", "Nội quy", "Chiến lược", "Bộ tiêu chí", "Tiêu chí")
)


def read_closing(text: str, body_start: int) -> Closing:
    """The closing blocks after `body_start` and the annexes after the signature (stored text offsets)."""
    lines = split_lines(text)
    body_start = max(0, min(body_start, len(text)))
    first = next((k for k, line in enumerate(lines) if line.start >= body_start), len(lines))
    anchor = next((k for k in range(first, len(lines)) if _opens_closing(lines, k)), None)
    if anchor is None:
        blocks = _annexes(text, lines, first, signed=False)
    else:
        start = _back_over_notes(lines, anchor, first)
        blocks, rest = _closing_blocks(lines, start)
        blocks += _annexes(text, lines, rest, signed=True)
        blocks = _with_residue(text, lines, rest, blocks)
    end = blocks[0].start if blocks else len(text)
    return Closing(body_end=max(body_start, len(text[:end].rstrip())), blocks=tuple(blocks))


def _opens_closing(lines: list[Line], k: int) -> bool:
    return bool(_RECIPIENTS_LABEL.match(lines[k].key)) or _opens_signature(lines, k)


def _capacity_case(line: str) -> str:
    """ "KT. CHỦ TỊCH" -> "KT. Chủ tịch", "PHÓ CHỦ TỊCH" -> "Phó Chủ tịch": the delegation mark as printed, the
    office in sentence case (body names keep their capitals: "TM. Ủy ban nhân dân")."""
    from ingest.header import sentence_case  # header reads closing's line model: import where used

    mark = _DELEGATION.match(line)
    head = line[: mark.end() - 1] if mark else ""
    rest = line[len(head) :].strip()
    if rest == rest.upper():
        rest = sentence_case(rest)
    # each office named is capitalised: "Phó Chủ tịch", "Bộ trưởng, Chủ nhiệm"
    rest = re.sub(r"^\w|(?<=\b[Pp]hó )\w|(?<=, )\w", lambda m: m.group().upper(), rest)
    return f"{head.strip()} {rest}".strip()


def _opens_signature(lines: list[Line], k: int) -> bool:
    """A "TM./KT." line, or a capacity line ("CHỦ TỊCH", "thủ tướng chính phủ") with a name under it."""
    line = lines[k]
    if len(line.text) > _SHORT_CAPACITY or line.blank:
        return False
    if _DELEGATION.match(line.text):
        return True
    if not _CAPACITY.match(line.key):
        return False
    signature = _signature(lines, k)
    return signature.signer is not None


def _signature(lines: list[Line], k: int) -> ClosingBlock:
    """The signature block opening at lines[k]: capacity lines in capitals, "(Đã ký)", the signer's name."""
    capacity: list[str] = []
    signer = None
    last = k
    seen = 0
    for j in range(k, len(lines)):
        line = lines[j]
        if line.blank:
            continue  # a signature leaves room for the seal: blank lines do not count
        seen += 1
        if seen > _SIGNATURE_LINES:
            break
        if j > k and _is_name(line.text):
            signer, last = line.text, j
            break
        if j == k or _DELEGATION.match(line.text) or _SIGNED.match(line.key) or line.text.isupper():
            if len(line.text) > _SHORT_CAPACITY:
                break
            if not _SIGNED.match(line.key):
                capacity.append(line.text)
            last = j
            continue
        break
    items = tuple(capacity) + ((signer,) if signer else ())
    return ClosingBlock("signature", lines[k].start, lines[last].end, "Phần ký", items, signer=signer)


def _opens_signature_line(line: Line) -> bool:
    """A line that may open a signature: where a "Nơi nhận:" list printed before it ends."""
    return bool(_DELEGATION.match(line.text) or _CAPACITY.match(line.key))


def names_office(line: Line) -> bool:
    """A short line opening with an office holder's title: "BỘ TRƯỞNG BỘ NỘI VỤ", "CHỦ TỊCH UBND TỈNH"."""
    return len(line.text) <= _SHORT_CAPACITY and bool(_CAPACITY.match(line.key))


def _is_name(text: str) -> bool:
    """A person's name as signed: two to six capitalised words ("Phạm Văn Thịnh")."""
    words = text.split()
    capitalised = all(w.isalpha() and w[0].isupper() and w[1:] == w[1:].lower() for w in words)
    return 2 <= len(words) <= 6 and capitalised


def _is_note(line: Line) -> bool:
    return line.text.startswith("(") and line.text.endswith(")") and len(line.text) <= _NOTE


def _back_over_notes(lines: list[Line], anchor: int, first: int) -> int:
    """Where the closing starts: before the notes and "* *" separators right above the first block."""
    start = anchor
    for k in range(anchor - 1, first - 1, -1):
        if lines[k].blank:
            continue
        if not (RULE.fullmatch(lines[k].text) or _is_note(lines[k])):
            break
        start = k
    return start


def _closing_blocks(lines: list[Line], k: int) -> tuple[list[ClosingBlock], int]:
    """Note, separator, Nơi nhận and signature blocks from lines[k], in any order; and the next line index."""
    blocks: list[ClosingBlock] = []
    while True:
        while k < len(lines) and lines[k].blank:
            k += 1
        if k >= len(lines):
            return blocks, k
        line = lines[k]
        if RULE.fullmatch(line.text):
            block = ClosingBlock("signature", line.start, line.end, "Phần ký")  # "* *" under the body
        elif _is_note(line):
            block = ClosingBlock("note", line.start, line.end, "Ghi chú", (line.text[1:-1].strip(),))
        elif _RECIPIENTS_LABEL.match(line.key):
            items, last = read_list(lines, k, stops=_opens_signature_line)
            block = ClosingBlock("recipients", line.start, lines[last].end, "Nơi nhận", items)
        elif _opens_signature(lines, k):
            block = _signature(lines, k)
        else:
            return blocks, k
        blocks.append(block)
        k = next(j for j in range(k, len(lines)) if lines[j].end >= block.end) + 1


def _annexes(text: str, lines: list[Line], k: int, signed: bool) -> list[ClosingBlock]:
    """The attached texts from lines[k] on, each from its title to the next one's.

    An annex title is a block of capitals over a "(Ban hành kèm theo ...)" line; after a signature a
    "PHỤ LỤC" line opens one too. Without a signature only the first kind counts, so that a heading in
    capitals inside the body is never taken for an annex.
    """
    titles: list[tuple[int, int]] = []  # (first line, last line) of each annex title
    for j in range(k, len(lines)):
        if titles and j <= titles[-1][1]:
            continue
        if _ATTACHED.match(lines[j].key) and len(lines[j].text) <= _NOTE:
            top = _title_top(lines, j, max(k, titles[-1][1] + 1 if titles else k))
            if top < j or signed:
                titles.append((top, j))
        elif signed and _ANNEX_WORD.match(lines[j].key) and lines[j].text.isupper():
            titles.append((j, _title_bottom(lines, j)))
        elif signed and _is_template(lines[j]):
            titles.append((j, _title_bottom(lines, j)))
        elif signed and _is_type_title(lines[j]):  # "KẾ HOẠCH" alone after the signature: the plan it approves
            titles.append((j, _title_bottom(lines, j)))
    blocks = []
    for n, (top, bottom) in enumerate(titles):
        stop = lines[titles[n + 1][0]].start if n + 1 < len(titles) else len(text)
        start = lines[top].start
        blocks.append(_annex(lines, top, bottom, start + len(text[start:stop].rstrip())))
    return blocks


def _title_top(lines: list[Line], j: int, floor: int) -> int:
    """The first title line above a "(kèm theo ...)" line: capitals, blank lines between them allowed, and the
    form's name above them ("Mẫu biểu số 01")."""
    top = j
    for k in range(j - 1, floor - 1, -1):
        line = lines[k]
        if line.blank:
            continue
        if _is_template(line):
            return k
        if not line.text.isupper() or _HEADING.match(line.key) or RULE.fullmatch(line.text):
            break
        top = k
    return top


def _is_type_title(line: Line) -> bool:
    return len(line.text) <= 40 and line.text.isupper() and any(line.key == key for key, _ in _HEADS)


def _is_template(line: Line) -> bool:
    return len(line.text) <= 30 and bool(_TEMPLATE.match(line.key))


def _title_bottom(lines: list[Line], j: int) -> int:
    """The last title line of a "PHỤ LỤC" annex: the capital lines under it, up to a heading or the text."""
    bottom = j
    for k in range(j + 1, min(len(lines), j + 8)):
        line = lines[k]
        if line.blank:
            continue
        if _ATTACHED.match(line.key):
            return k
        if not line.text.isupper() or _HEADING.match(line.key):
            break
        bottom = k
    return bottom


def _annex(lines: list[Line], top: int, bottom: int, end: int) -> ClosingBlock:
    title_lines = [x.text for x in lines[top : bottom + 1] if x.text and not _ATTACHED.match(x.key)]
    head = _head(lines[top])
    return ClosingBlock(
        "annex", lines[top].start, max(end, lines[bottom].end), head, head=head,
        title=" ".join(title_lines) or None, title_end=lines[bottom].end,
    )


def _head(line: Line) -> str:
    """The locator head an annex's sections take: its type word ("Quy định", "Kế hoạch"), its numbered name
    ("Phụ lục I", "Mẫu 01"), else "Phụ lục"."""
    if _is_template(line):
        name = " ".join(line.text.split())
        return name[:1].upper() + name[1:].lower()
    for key, head in _HEADS:
        if line.key.startswith(key):
            return head
    numbered = _ANNEX_WORD.match(line.key)
    if numbered and numbered["numeral"]:
        numeral = line.text[numbered.start("numeral") : numbered.end("numeral")]
        return f"Phụ lục {numeral.upper()}"
    return "Phụ lục"


def _with_residue(text: str, lines: list[Line], k: int, blocks: list[ClosingBlock]) -> list[ClosingBlock]:
    """Text between the closing blocks and the first annex: stray page furniture ("PAGE 7") joins the
    last closing block; anything longer is an attached text without a title."""
    stop = next((b.start for b in blocks if b.kind == "annex"), len(text))
    start = lines[k].start if k < len(lines) else len(text)
    residue = text[start:stop].strip()
    if not residue:
        return blocks
    end = start + len(text[start:stop].rstrip())
    closing = [b for b in blocks if b.kind != "annex"]
    annexes = [b for b in blocks if b.kind == "annex"]
    if len(residue) <= _RESIDUE and closing:
        closing[-1] = replace(closing[-1], end=end)
        return closing + annexes
    if _FOOTNOTES.match(fold_key(residue)):  # "[1] Xã Phú Mỡ, ...", "Ghi chú: ...": the document's notes
        return closing + [ClosingBlock("note", start, end, "Ghi chú", (residue,))] + annexes
    untitled = ClosingBlock("annex", start, end, "Phụ lục", head="Phụ lục", title_end=start)
    return closing + [untitled] + annexes
