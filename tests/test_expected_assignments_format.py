"""Test data check: the hand-written expected assignments in tests/expected/assignments are well-formed.

They are the answer key the assignment extractor is measured against, so they must agree with the stored
text they describe: every quote opens its clause, in document order, and every locator is a section of the
expected section tree (tests/expected/trees, written independently).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field

from ingest.normalize import normalize_text
from ingest.vietnamese import canonical_tones, comparable

ROOT = Path(__file__).resolve().parent.parent
KEYS = ROOT / "tests" / "expected" / "assignments"
TREES = ROOT / "tests" / "expected" / "trees"
MANIFEST = json.loads((ROOT / "corpus" / "manifest.json").read_text(encoding="utf-8"))
DOCS = [entry["number"] for entry in MANIFEST["documents"]]
# Keys that must list every responsibility clause; the others hold a chosen sample of at least 12.
COMPLETE = {"3400-CV/TU", "141/KH-UBND"}
MIN_SAMPLE = 12

Role = Literal["chủ trì", "phối hợp", "lãnh đạo", "chỉ đạo", "lãnh đạo, chỉ đạo", "tham mưu", "giám sát",
               "theo dõi", "kiểm tra", "thực hiện", "báo cáo", "hướng dẫn", "chịu trách nhiệm", "trình",
               "thẩm định", "đề nghị"]
UnitNames = list[str]  # one unit: its acceptable names, the preferred one first


class ExpectedAssignment(BaseModel):
    """One (units, role) entry of a clause; `optional` marks a reading that is acceptable but not required."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    units: list[UnitNames] = Field(min_length=1)
    role: Role
    deadline: str | None
    report_to: list[UnitNames]
    optional: bool = False


class ExpectedClause(BaseModel):
    """A clause (section, or continuation paragraph) and the assignments it makes."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    locator: list[str] = Field(min_length=1)
    paragraph: int = Field(ge=0)
    quote: str
    assignments: list[ExpectedAssignment] = Field(min_length=1)
    note: str | None = None


class ExpectedKey(BaseModel):
    """The answer key of one document."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    doc: str
    complete: bool
    clauses: list[ExpectedClause] = Field(min_length=1)
    note: str | None = None


LOCATOR_LABEL = re.compile(r"preamble|recipients|header|signature|note|Quy định|Quy chế|Phụ lục"
                           r"|(Phần|Chương) [IVXLC]+|Mục \d+|Điều \d+|[IVXLC]+|\d+(\.\d+)*|[a-zđ]")
# What may stand on a line before the first word of a clause: nothing, or the clause's own label.
LABEL_BEFORE = re.compile(r"\s*(?:[-+]|\d+(?:\.\d+)*\.|[IVX]+\.|[a-zđ]\)|\(\d+\)|Điều \d+\.)?\s*")
# A point label flattened into the middle of a line ("... có liên quan b) Tham mưu ...").
INLINE_POINT = re.compile(r"\s[a-zđ]\)\s$")
# Abbreviations a canonical unit name must spell out (UBND -> Ủy ban nhân dân, ...).
ABBREVIATION = re.compile(r"\b(UBND|HĐND|MTTQ|TW|TU|BCH|BTV|VP|TT)\b")


def key_file(doc_number: str) -> Path:
    """The key file of a document: its number with "/" replaced by "_"."""
    return KEYS / (doc_number.replace("/", "_") + ".json")


@cache
def load_key(doc_number: str) -> ExpectedKey:
    """The validated answer key of a document."""
    return ExpectedKey.model_validate_json(key_file(doc_number).read_text(encoding="utf-8"))


@cache
def stored_text(doc_number: str) -> str:
    """The stored (normalised) text of a corpus document, which every quote must come from."""
    entry = next(entry for entry in MANIFEST["documents"] if entry["number"] == doc_number)
    return normalize_text((ROOT / "corpus" / entry["file"]).read_text(encoding="utf-8"))


def all_units(assignment: ExpectedAssignment) -> list[UnitNames]:
    """The units an entry names, as doers or as report recipients."""
    return assignment.units + assignment.report_to


def quote_positions(doc_number: str) -> list[int]:
    """Where each clause's quote is found, searching forward from the previous one (so order counts)."""
    text, positions, start = stored_text(doc_number), [], 0
    for clause in load_key(doc_number).clauses:
        found = text.find(clause.quote, start)
        assert found >= 0, f"{doc_number}: quote {clause.quote!r} not found after offset {start}"
        positions.append(found)
        start = found + 1
    return positions


def test_every_corpus_document_has_a_key():
    assert sorted(path.name for path in KEYS.glob("*.json")) == sorted(key_file(doc).name for doc in DOCS)


@pytest.mark.parametrize("doc", DOCS)
def test_key_names_its_document_and_is_complete_where_required(doc):
    key = load_key(doc)
    assert key.doc == doc
    if doc in COMPLETE:
        assert key.complete, f"{doc} must list every responsibility clause"
    else:
        assert len(key.clauses) >= MIN_SAMPLE, f"{doc}: {len(key.clauses)} clauses, at least {MIN_SAMPLE} wanted"


@pytest.mark.parametrize("doc", DOCS)
def test_locators_use_document_labels(doc):
    for clause in load_key(doc).clauses:
        for label in clause.locator:
            assert LOCATOR_LABEL.fullmatch(label), f"{doc}: bad locator label {label!r} in {clause.locator}"
        # the labelled line itself is ¶1 of its section and is written as paragraph 0
        assert clause.paragraph != 1, f"{doc} {clause.locator}: write the labelled line as paragraph 0"


@pytest.mark.parametrize("doc", DOCS)
def test_unit_names_are_canonical(doc):
    for clause in load_key(doc).clauses:
        for assignment in clause.assignments:
            for names in all_units(assignment):
                assert names, f"{doc} {clause.locator}: a unit without names"
                for name in names:
                    assert name and name == name.strip() and "  " not in name, f"{doc}: bad spacing in {name!r}"
                    assert unicodedata.is_normalized("NFC", name), f"{doc}: {name!r} is not NFC"
                    assert canonical_tones(name) == name, f"{doc}: {name!r} should read {canonical_tones(name)!r}"
                    assert not ABBREVIATION.search(name), f"{doc}: {name!r} keeps an abbreviation"


@pytest.mark.parametrize("doc", DOCS)
def test_no_clause_or_entry_is_listed_twice(doc):
    clauses = [(tuple(clause.locator), clause.paragraph) for clause in load_key(doc).clauses]
    assert len(clauses) == len(set(clauses)), f"{doc}: a clause is listed twice"
    for clause in load_key(doc).clauses:
        pairs = [(assignment.role, comparable(names[0]))
                 for assignment in clause.assignments for names in assignment.units]
        assert len(pairs) == len(set(pairs)), f"{doc} {clause.locator}: a unit has the same role twice"


@pytest.mark.parametrize("doc", DOCS)
def test_quotes_open_their_clauses_in_document_order(doc):
    text = stored_text(doc)
    for clause, found in zip(load_key(doc).clauses, quote_positions(doc)):
        assert 4 <= len(clause.quote.split()) <= 15, f"{doc}: quote {clause.quote!r} should be ~8 words"
        before = text[text.rfind("\n", 0, found) + 1:found]
        assert LABEL_BEFORE.fullmatch(before) or INLINE_POINT.search(before), (
            f"{doc}: quote {clause.quote!r} does not open a clause (line starts {before[:60]!r})")


@pytest.mark.parametrize("doc", DOCS)
def test_deadlines_are_worded_as_in_the_text(doc):
    text = comparable(stored_text(doc))
    for clause in load_key(doc).clauses:
        for assignment in clause.assignments:
            if assignment.deadline is not None:
                assert comparable(assignment.deadline) in text, f"{doc}: deadline {assignment.deadline!r} not in text"


def tree_sections(doc_number: str) -> dict[tuple[tuple[str, ...], int], str]:
    """First words of every section of the expected tree, by (locator, paragraph): "4 > 2 ¶2<TAB>kind<TAB>words"."""
    sections = {}
    for line in (TREES / (doc_number.replace("/", "_") + ".txt")).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            where, _, words = line.split("\t")
            locator, _, paragraph = where.partition(" ¶")
            sections[(tuple(locator.split(" > ")), int(paragraph or 0))] = words
    return sections


@pytest.mark.parametrize("doc", DOCS)
def test_every_clause_is_the_section_the_expected_tree_names(doc):
    sections = tree_sections(doc)
    for clause in load_key(doc).clauses:
        where = (tuple(clause.locator), clause.paragraph)
        assert where in sections, f"{doc}: {clause.locator} ¶{clause.paragraph} is not in the expected section tree"
        # the tree keeps the first six tokens, label included: the rest must agree with the quote
        tree_words = comparable(LABEL_BEFORE.sub("", sections[where], count=1)).split()
        quote_words = comparable(clause.quote).split()
        shared = min(len(tree_words), len(quote_words))
        assert tree_words[:shared] == quote_words[:shared], (
            f"{doc}: {clause.locator} ¶{clause.paragraph} opens {sections[where]!r} in the tree, not {clause.quote!r}")


# Stretches of a complete document in which every line states a task, except lines matching `skip`
# (lead-ins ending in ":", item titles, the "Đơn vị chủ trì / phối hợp / Thời gian" lines of 141).
TASK_STRETCHES = [
    ("3400-CV/TU", "Thực hiện Kết luận 62-KL/TW ngày", "(Gửi kèm", r".*:"),
    ("141/KH-UBND", "III. NHIỆM VỤ, GIẢI PHÁP", "IV. TỔ CHỨC THỰC HIỆN",
     r"III\. .*|\d+\. .*|(- )?(Đơn vị|Thời gian thực hiện).*"),
    ("141/KH-UBND", "IV. TỔ CHỨC THỰC HIỆN", "* *", r"IV\. .*"),
]


@pytest.mark.parametrize(("doc", "start", "end", "skip"), TASK_STRETCHES)
def test_complete_keys_cover_every_task_line(doc, start, end, skip):
    text = stored_text(doc)
    stretch = text[text.index(start):text.index(end, text.index(start))]
    quotes = [clause.quote for clause in load_key(doc).clauses]
    task_lines = [line.strip() for line in stretch.splitlines()
                  if line.strip() and not re.fullmatch(skip, line.strip())]
    assert task_lines, f"{doc}: no task lines between {start!r} and {end!r}"
    for line in task_lines:
        words = LABEL_BEFORE.sub("", line, count=1)
        assert any(words.startswith(quote) for quote in quotes), f"{doc}: no clause for {line[:70]!r}"
