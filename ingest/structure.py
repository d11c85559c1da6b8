"""Ingest step: the section tree of a directive's body, named by the labels the document prints.

Party and State documents nest I. / 1. / 1.1. / a) / (1) / - / + and Điều / khoản / điểm, but no document
uses every level, and the same marker sits at different depths in different documents. So depth is not
fixed per marker: a marker already open on the stack closes everything below it (a sibling); a marker not
on the stack opens a level under the current one. A paragraph without a label continues the section above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.types import Locator, Section
from ingest.vietnamese import LOWER, UPPER

_UPPER_VI = UPPER
_ROMAN = r"[IVXLC]+"

# (kind, regex) in priority order; group 1 is the label as it will appear in the locator
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    # a table row is one line, its cells separated by tabs (see ingest.markdown_text): the first cell labels it
    ("group_row", re.compile(rf"^({_ROMAN}|[A-Z])\.?\t")),
    ("row", re.compile(r"^(\d+(?:\.\d+)*|[A-Z]\d+|[a-zđ])[.)]?\t")),
    ("part", re.compile(rf"^(?:PHẦN|Phần)\s+({_ROMAN}|\d+)\b[.:]?\s*")),
    ("chapter", re.compile(rf"^(?:CHƯƠNG|Chương)\s+({_ROMAN}|\d+)\b[.:]?\s*")),
    ("section", re.compile(rf"^(?:MỤC|Mục)\s+(\d+|{_ROMAN})\b[.:]?\s*")),
    ("article", re.compile(r"^(?:ĐIỀU|Điều)\s+(\d+[a-z]?)\s*[.:]\s*")),
    ("roman", re.compile(rf"^({_ROMAN})[.:]\s+")),
    ("decimal", re.compile(r"^(\d+(?:\.\d+)+)\.?\s+")),
    ("item", re.compile(rf"^(\d+)(?:[.)]\s+|\.(?=[{_UPPER_VI}][{LOWER}]))")),
    ("point", re.compile(r"^([a-zđ])\)\s*")),
    ("point", re.compile(rf"^([a-zđ])\.\s+(?=[{_UPPER_VI}][{LOWER}])")),  # "a. Trường hợp ...", as some print it
    ("paren", re.compile(r"^\((\d+|[ivx]+|[a-zđ])\)\s+")),
    ("step", re.compile(r"^(?:Bước|BƯỚC)\s+(\d+)\s*[.:)]\s*")),
    ("dash", re.compile(r"^[-–—]\s*(?=\S)(?!-)")),
    ("plus", re.compile(r"^(?:[+•]\s*|\*\s+)(?=\S)")),
]

# A heading line in capitals that flattens two headings: "PHẦN II. NỘI DUNG ... I. THỦ TỤC HÀNH CHÍNH ..."
_EMBEDDED_ROMAN = re.compile(rf"\s({_ROMAN})\.\s+(?=[{_UPPER_VI}]{{2,}})")

_BULLETS = ("dash", "plus")
_NUMBERED = ("part", "chapter", "section", "article", "roman", "decimal", "item", "group_row", "row")

_KIND_OF_MARKER = {
    "part": "part", "chapter": "chapter", "section": "part", "article": "article", "roman": "part",
    "decimal": "item", "item": "item", "point": "point", "paren": "point", "step": "point", "dash": "bullet",
    "plus": "bullet", "row": "row", "group_row": "row",
}


@dataclass
class _Node:
    """A section while the tree is being built (mutable); frozen into a Section at the end."""

    marker_type: str
    label: str  # locator label
    marker: str
    start: int
    end: int
    paragraph: int = 0
    children: list[_Node] = field(default_factory=list)
    next_paragraph: int = 2
    bullets: int = 0  # unlabelled bullets seen among the children, by marker type
    counters: dict[str, int] = field(default_factory=dict)


def _lines(text: str, start: int, end: int):
    """(line_start, line_end) of every non-empty line in text[start:end]."""
    pos = start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop == -1 else stop
        if text[pos:stop].strip():
            left = pos + (len(text[pos:stop]) - len(text[pos:stop].lstrip()))
            right = stop - (len(text[pos:stop]) - len(text[pos:stop].rstrip()))
            yield left, right
        pos = stop + 1


def _classify(line: str) -> tuple[str, str, str] | None:
    """(marker type, label, printed marker) of a line that starts with a label, else None."""
    for marker_type, pattern in _MARKERS:
        match = pattern.match(line)
        if not match:
            continue
        label = match.group(1) if pattern.groups else ""
        if marker_type == "roman" and not _is_roman_heading(line, label):
            continue
        if marker_type == "item" and re.match(r"^\d+[.)]\d", line):
            continue
        return marker_type, label, match.group(0).strip()
    return None


def _is_roman_heading(line: str, label: str) -> bool:
    # "I. MỤC ĐÍCH" is a part; "V. " inside ordinary prose is rare, but a lone "I." line is not a heading
    rest = line[len(label) + 1 :].strip()
    return bool(rest)


def _split_flattened(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a capitals heading line that carries a second, Roman-numbered heading."""
    line = text[start:end]
    letters = [ch for ch in line if ch.isalpha()]
    if not letters or sum(ch.isupper() for ch in letters) < 0.9 * len(letters):
        return [(start, end)]
    first = _classify(line)
    offset = len(first[2]) if first else 0
    match = _EMBEDDED_ROMAN.search(line, offset)
    if not match or not first:
        return [(start, end)]
    cut = start + match.start() + 1
    return [(start, start + match.start()), (cut, end)]


_POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"
_MIDLINE_POINT = re.compile(rf"\s([a-zđ])\)\s+(?=[{_UPPER_VI}])")


def _flattened_point(text: str, stack: list[_Node], start: int, end: int) -> int:
    """Where a point label flattened into the middle of a line starts ("... cấp tỉnh a) Trình tự ..."), else end.

    Only the letter that would come next is accepted: "a" under an item, or the successor of an open point,
    so "(điểm a) khoản 2)" inside a sentence is not mistaken for a label.
    """
    expected = {"a"}
    own = _classify(text[start:end])
    open_points = [node.label for node in stack if node.marker_type == "point"]
    if own and own[0] == "point":
        open_points.append(own[1])
    for letter in open_points:
        if letter in _POINT_LETTERS[:-1]:
            expected.add(_POINT_LETTERS[_POINT_LETTERS.index(letter) + 1])
    for match in _MIDLINE_POINT.finditer(text, start + 1, end):
        if match.group(1) in expected:
            return match.start(1)
    return end


def parse_body(
    text: str, start: int, end: int, prefix: Locator = (), prefix_words: tuple[str, ...] = ()
) -> list[Section]:
    """The numbered sections of text[start:end]; locators start with `prefix`.

    Text before the first labelled line is returned as one "preamble" section when `prefix` is empty,
    or as continuation paragraphs of the enclosing section otherwise (handled by the caller).
    """
    root = _Node("root", "", "", start, end)
    stack: list[_Node] = [root]
    quoting = False
    for line_start, line_end in _lines(text, start, end):
        # a quotation of another text ("Tại khoản 2 Điều 257 Luật Đất đai quy định:" / “Điều 257. ... ”)
        # prints that text's labels; they are not this document's: the quoted lines continue the section
        line = text[line_start:line_end]
        opened = quoting or line.startswith(("“", '"'))
        quoting = opened and not _closes_quote(line, quoting)
        if opened:
            _place(text, stack, line_start, line_end, quoted=True)
            continue
        for piece_start, piece_end in _split_flattened(text, line_start, line_end):
            while piece_start < piece_end:
                cut = _flattened_point(text, stack, piece_start, piece_end)
                _place(text, stack, piece_start, piece_start + len(text[piece_start:cut].rstrip()))
                piece_start = cut
    sections = [_freeze(child, prefix, prefix_words) for child in root.children]
    return sections


def _closes_quote(line: str, open_before: bool) -> bool:
    """Whether the quotation open at (or opened by) this line is closed by its end."""
    opening = 0 if open_before else 1
    closing = line.count("”") + (line.count('"') - (1 if line.startswith('"') and not open_before else 0))
    return closing >= opening and (line.rstrip(" .;,:/").endswith(("”", '"')) or closing > opening)


def _place(text: str, stack: list[_Node], start: int, end: int, quoted: bool = False) -> None:
    """Put one line into the tree: a new labelled section, or a paragraph continuing the current one."""
    found = None if quoted else _classify(text[start:end])
    if found is None:
        parent = stack[-1]
        node = _Node("paragraph", parent.label, "", start, end, paragraph=parent.next_paragraph)
        parent.next_paragraph += 1
        parent.children.append(node)
        _extend(stack, end)
        return
    marker_type, label, marker = found
    # a marker type already open closes it and everything under it: the new line is its sibling
    for depth in range(len(stack) - 1, 0, -1):
        if stack[depth].marker_type == marker_type:
            del stack[depth:]
            break
    # a numbered line after bullets is never inside one ("- ..." items of a Kính gửi-like list, then "1. ...");
    # lettered points and "(1)" may be ("- Triển khai ... theo các nguyên tắc sau:" / "(1) ...")
    if marker_type in _NUMBERED:
        while len(stack) > 1 and stack[-1].marker_type in _BULLETS:
            stack.pop()
    parent = stack[-1]
    if marker_type in ("dash", "plus"):
        parent.counters[marker_type] = parent.counters.get(marker_type, 0) + 1
        label = str(parent.counters[marker_type])
    elif marker_type in ("part", "chapter", "section", "article", "step"):
        label = _word_label(text[start:end], label)
    node = _Node(marker_type, label, marker, start, end)
    parent.children.append(node)
    stack.append(node)
    _extend(stack, end)


def _word_label(line: str, number: str) -> str:
    """'PHẦN II. ...' -> 'Phần II', 'Điều 3. ...' -> 'Điều 3' (the locator keeps the word, as CONTRACT §1 shows)."""
    word = line.split()[0].rstrip(".:")
    return f"{word[:1].upper()}{word[1:].lower()} {number}"


def _extend(stack: list[_Node], end: int) -> None:
    for node in stack:
        node.end = max(node.end, end)


def _freeze(node: _Node, prefix: Locator, words: tuple[str, ...]) -> Section:
    if node.marker_type == "paragraph":
        label = human_label(words + (f"đoạn {node.paragraph}",))
        return Section(prefix, label, "paragraph", node.start, node.end, paragraph=node.paragraph)
    locator = prefix + (node.label,)
    under_article = any(word.startswith("Điều ") for word in words)
    under_part = any(re.fullmatch(r"Phần [IVXLC\d]+", word) for word in words)
    own = words + (_label_word(node.marker_type, node.label, under_article, under_part),)
    # articles are numbered through the whole text, so "Điều 5" is named without its Chương or Mục
    groups_articles = node.marker_type in ("chapter", "section") and any(
        child.marker_type == "article" for child in node.children)
    children = tuple(
        _freeze(child, prefix if groups_articles else locator, words if groups_articles else own)
        for child in node.children
    )
    return Section(
        locator=locator,
        label=human_label(own),
        kind=_KIND_OF_MARKER[node.marker_type],
        start=node.start,
        end=node.end,
        marker=node.marker,
        children=children,
    )


def _label_word(marker_type: str, label: str, under_article: bool, under_part: bool = False) -> str:
    """How a cadre names one level: 'Phần I', 'mục 2', 'khoản 2', 'điểm a', 'gạch đầu dòng thứ 2'; a Roman
    numeral inside a "PHẦN II." is that part's 'mục II' ("Phụ lục, Phần II, mục II, mục 1"), not 'Phần II' again."""
    if marker_type == "roman":
        return f"mục {label}" if under_part else f"Phần {label}"
    if marker_type in ("part", "chapter", "section", "article", "step"):
        return label
    if marker_type == "item":
        return f"khoản {label}" if under_article else f"mục {label}"
    return {
        "decimal": f"mục {label}",
        "point": f"điểm {label}",
        "paren": f"ý ({label})",
        "dash": f"gạch đầu dòng thứ {label}",
        "row": f"dòng {label}",
        "group_row": f"nhóm {label}",
        "plus": f"ý thứ {label}",
    }[marker_type]


def human_label(words: tuple[str, ...]) -> str:
    """'Mục 4, gạch đầu dòng thứ 2' from the words of each level, top-down."""
    text = ", ".join(word for word in words if word)
    return text[:1].upper() + text[1:]
