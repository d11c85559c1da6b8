"""Test data check: the hand-written expected section trees in tests/expected/trees are well-formed.

Each tree is the answer key for the structure parser, so it must agree with the stored text it describes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from ingest.normalize import normalize_text

ROOT = Path(__file__).resolve().parent.parent
TREES = ROOT / "tests" / "expected" / "trees"
MANIFEST = json.loads((ROOT / "corpus" / "manifest.json").read_text(encoding="utf-8"))

KINDS = {"header", "recipients", "preamble", "part", "chapter", "article", "item", "point", "bullet",
         "paragraph", "signature", "note", "annex"}
NAMED = {"header", "recipients", "preamble", "signature", "note"}
ANNEX_NAMES = {"Quy định", "Quy chế", "Phụ lục"}
# A closing block may legitimately occur twice: "Kính gửi" and "Nơi nhận" are both recipients, and a
# "* *" separator standing apart from the TM./KT. block is signature too.
REPEATABLE = {("recipients",): 2, ("signature",): 2}
# Vietnamese point letters: the alphabet without f, j, w, z, with đ after d.
POINT_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
ROMAN = re.compile(r"[IVXLC]+")
# a stored line opening like this starts a section (or an addressee of a recipients block)
LABELLED_LINE = re.compile(r"(\(?[a-zđ]\)|\(\d+\)|\d+(\.\d+)*\.|[IVX]+\.|[-+]) "
                           r"|(Điều \d+|PHẦN [IVX]+)\.")
LINE = re.compile(r"(?P<locator>[^\t¶]+?)(?: ¶(?P<paragraph>\d+))?\t(?P<kind>[a-z]+)\t(?P<words>\S.*)")


@dataclass(frozen=True)
class Entry:
    """One non-comment line of a tree file."""

    number: int  # line number in the file, for messages
    locator: tuple[str, ...]
    paragraph: int  # 0 for the labelled section itself
    kind: str
    words: tuple[str, ...]

    def __str__(self) -> str:
        paragraph = f" ¶{self.paragraph}" if self.paragraph else ""
        return f"line {self.number} ({' > '.join(self.locator)}{paragraph}: {' '.join(self.words)})"


def tree_file(doc_number: str) -> Path:
    """The tree file of a document: its number with "/" replaced by "_"."""
    return TREES / (doc_number.replace("/", "_") + ".txt")


def read_entries(path: Path) -> list[Entry]:
    """Parse a tree file, failing on the first malformed line."""
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#"):
            continue
        match = LINE.fullmatch(line)
        assert match, f"{path.name}:{number}: malformed line {line!r}"
        words = match["words"]
        assert words == " ".join(words.split()), f"{path.name}:{number}: words must be single-spaced"
        entries.append(Entry(number, tuple(match["locator"].split(" > ")), int(match["paragraph"] or 0),
                             match["kind"], tuple(words.split(" "))))
    return entries


def stored_text(doc: dict) -> str:
    """The stored (normalised) text of a manifest document: what the trees describe."""
    return normalize_text((ROOT / "corpus" / doc["file"]).read_text(encoding="utf-8"))


DOCS = [pytest.param(doc, id=doc["number"]) for doc in MANIFEST["documents"]]


def test_one_tree_per_corpus_document():
    expected = {tree_file(doc["number"]).name for doc in MANIFEST["documents"]}
    assert {path.name for path in TREES.glob("*.txt")} == expected


@pytest.mark.parametrize("doc", DOCS)
def test_lines_parse_with_known_kinds_and_short_first_words(doc):
    entries = read_entries(tree_file(doc["number"]))
    assert entries, "empty tree"
    for entry in entries:
        assert entry.kind in KINDS, f"{entry}: unknown kind"
        assert 1 <= len(entry.words) <= 6, f"{entry}: first words must be 1 to 6 words"
        assert entry.paragraph != 1, f"{entry}: ¶1 is the labelled section itself; omit it"
        assert (entry.kind == "paragraph") == (entry.paragraph >= 2), f"{entry}: ¶N goes with kind paragraph"


@pytest.mark.parametrize("doc", DOCS)
def test_locators_are_unique(doc):
    seen: dict[tuple, int] = {}
    for entry in read_entries(tree_file(doc["number"])):
        key = (entry.locator, entry.paragraph)
        seen[key] = seen.get(key, 0) + 1
        allowed = REPEATABLE.get(entry.locator, 1) if entry.paragraph == 0 else 1
        assert seen[key] <= allowed, f"{entry}: locator repeated"


@pytest.mark.parametrize("doc", DOCS)
def test_named_parts_and_labels_agree_with_locators(doc):
    for entry in read_entries(tree_file(doc["number"])):
        if entry.kind in NAMED:
            assert entry.locator == (entry.kind,), f"{entry}: a named part is located by its kind"
        elif entry.kind == "annex":
            assert len(entry.locator) == 1 and entry.locator[0] in ANNEX_NAMES, f"{entry}: unknown annex name"
        elif entry.kind != "paragraph":
            assert _starts_with_label(entry), f"{entry}: first words do not show its label"


def _starts_with_label(entry: Entry) -> bool:
    """Whether the section's first words begin with the label its locator names (bullets: with - or +)."""
    label, first = entry.locator[-1], " ".join(entry.words)
    if entry.kind == "bullet":
        return label.isdigit() and first[:2] in {"- ", "+ "}
    if entry.kind == "point":
        return first.startswith(f"({label}) " if label.isdigit() else f"{label}) ")
    if entry.kind == "part" and label.startswith("Phần "):
        # printed in capitals ("PHẦN II."); the locator keeps the word as a heading word
        return first.casefold().startswith(label.casefold() + ".")
    if entry.kind == "chapter":
        return first.casefold().startswith(label.casefold())
    if entry.kind == "part":
        return bool(ROMAN.fullmatch(label)) and first.startswith(label + ".")
    return first.startswith(label + ".")  # article "Điều 3.", item "4." or "2.3."


@pytest.mark.parametrize("doc", DOCS)
def test_tree_shape_parents_and_sibling_numbering(doc):
    entries = read_entries(tree_file(doc["number"]))
    labelled: dict[tuple[str, ...], Entry] = {}
    siblings: dict[tuple[tuple[str, ...], str], list[str]] = {}
    paragraphs: dict[tuple[str, ...], list[int]] = {}
    for entry in entries:
        if entry.kind == "paragraph":
            # a continuation paragraph follows the labelled section it continues
            assert entry.locator in labelled, f"{entry}: continues a section not listed before it"
            paragraphs.setdefault(entry.locator, []).append(entry.paragraph)
            continue
        labelled[entry.locator] = entry
        parent = entry.locator[:-1]
        if not parent:
            continue
        assert parent in labelled, f"{entry}: parent not listed before it"
        if entry.words[0] == "+":
            assert labelled[parent].kind == "bullet", f"{entry}: a + bullet belongs under a - bullet"
        siblings.setdefault((parent, entry.kind), []).append(entry.locator[-1])
    for numbers in paragraphs.values():
        assert numbers == list(range(2, len(numbers) + 2)), f"paragraph numbers {numbers} are not 2, 3, ..."
    for (parent, kind), labels in siblings.items():
        expected = _expected_sequence(kind, parent, labels)
        assert labels == expected, f"{' > '.join(parent)}: {kind} labels {labels} skip or repeat"


def _expected_sequence(kind: str, parent: tuple[str, ...], labels: list[str]) -> list[str]:
    """The labels a complete run of siblings would have, given how the first one is written."""
    first, count = labels[0], len(labels)
    if kind == "point" and not first.isdigit():
        start = POINT_LETTERS.index(first)
        return POINT_LETTERS[start:start + count]
    if kind == "article":
        start = int(first.removeprefix("Điều "))
        return [f"Điều {n}" for n in range(start, start + count)]
    if kind == "item" and "." in first:  # decimal items "2.1", "2.2" under item "2"
        return [f"{parent[-1]}.{n}" for n in range(1, count + 1)]
    if kind == "part":
        return labels  # roman numerals and "Phần" words: checked by the label test only
    return [str(n) for n in range(1, count + 1)]  # bullets by position, numbered items and (1), (2)


@pytest.mark.parametrize("doc", DOCS)
def test_first_words_occur_in_the_stored_text_in_order(doc):
    tokens = stored_text(doc).split()
    entries = read_entries(tree_file(doc["number"]))
    starts = _section_starts(tokens, entries)
    assert starts[0] == 0, "the first section must start the document"
    ends = starts[1:] + [len(tokens)]
    for entry, start, next_start in zip(entries, starts, ends):
        if len(entry.words) < 6:
            # fewer than six words means the section's own text ends where the next one starts
            assert start + len(entry.words) == next_start, f"{entry}: own text is longer than its words"


@pytest.mark.parametrize("doc", DOCS)
def test_every_labelled_line_starts_a_section(doc):
    text = stored_text(doc)
    entries = read_entries(tree_file(doc["number"]))
    tokens = text.split()
    starts = _section_starts(tokens, entries)
    # the dash lines of a Kính gửi / Nơi nhận block are addressees, not sections
    ends = starts[1:] + [len(tokens)]
    recipients = [range(start, end) for entry, start, end in zip(entries, starts, ends)
                  if entry.kind == "recipients"]
    line_start = 0
    for line in text.split("\n"):
        if LABELLED_LINE.match(line) and not any(line_start in block for block in recipients):
            assert line_start in starts, f"{line[:60]!r} opens with a label but starts no section"
        line_start += len(line.split())


def _section_starts(tokens: list[str], entries: list[Entry]) -> list[int]:
    """Token index where each entry's first words occur, each searched after the previous entry's words."""
    starts, cursor = [], 0
    for entry in entries:
        start = _find(tokens, entry.words, cursor)
        assert start is not None, f"{entry}: first words not found after the previous section's"
        starts.append(start)
        cursor = start + len(entry.words)
    return starts


def _find(tokens: list[str], words: tuple[str, ...], cursor: int) -> int | None:
    for start in range(cursor, len(tokens) - len(words) + 1):
        if tuple(tokens[start:start + len(words)]) == words:
            return start
    return None
