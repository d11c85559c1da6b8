"""Evals: both gold splits (evals/gold/dev.jsonl, test.jsonl) are well formed and agree with the corpus texts.

Every check runs on each split; only the counts a split must reach differ (`Split`). Citations are checked
against the stored text (`normalize_text`) with a small locator walker written here from the section conventions,
independent of ingest's structure parser, so a parser bug cannot hide a gold error.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, Field

from ingest.normalize import normalize_text
from ingest.vietnamese import canonical_tones, folded, has_diacritics

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "evals" / "gold"
CORPUS = ROOT / "corpus"


@dataclass(frozen=True)
class Split:
    """One gold file, the prefixes of its ids, and the counts it must reach."""

    file: str
    ids: str  # how ids begin: of lines, of groups, of conversations
    groups: str
    conversations: str
    min_lines: int
    min_unanswerable: float  # share of lines
    min_cross_document: int  # lines
    min_conversations: int


SPLITS = {
    "dev": Split("dev.jsonl", "q", "g", "c", min_lines=60, min_unanswerable=0.15, min_cross_document=2,
                 min_conversations=2),
    "test": Split("test.jsonl", "t", "tg", "tc", min_lines=100, min_unanswerable=0.18, min_cross_document=10,
                  min_conversations=4),
}

KINDS = {"who", "what", "deadline", "report", "doc_fact", "fact", "yesno", "cross_document", "followup",
         "unanswerable"}
WHO = {"one", "several", "lead_support", "group"}
FORMS = {"diacritics", "no_diacritics", "abbrev", "paraphrase"}
NAMED_PARTS = {"header", "preamble", "recipients", "signature", "note"}
ANNEXES = {"Phụ lục", "Quy định", "Quy chế"}
# Words that answer a yes/no question; they say nothing about the passage, so they are not looked up in it.
ANSWER_WORDS = {"có", "không"}
# Abbreviations a cadre types; a question in the "abbrev" form uses at least one of them as a word of its own.
ABBREVIATIONS = ("UBND", "HĐND", "MTTQ", "BTC", "TU", "TW", "KL", "CV", "QĐ", "NQ", "KH", "BCT", "BNV", "SNV",
                 "GĐ", "ĐVSN", "QPPL", "CCHC", "ĐBQH")
_ABBREVIATION = re.compile(r"(?<![\w/-])(" + "|".join(ABBREVIATIONS) + r")(?![\w/-])")
# Documents print these short forms in unit names ("UBND tỉnh"); gold names are written in full.
_EXPANSIONS = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "MTTQ": "Mặt trận Tổ quốc"}


class Citation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    doc: str
    locator: list[str] = Field(min_length=1)
    first_words: str = Field(min_length=3)
    paragraph: int = Field(default=1, ge=1)


class Conversation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    turn: int = Field(ge=1)


class GoldLine(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[qt]\d{3}$")
    question: str = Field(min_length=8)
    answerable: bool
    units: list[list[str]] = []
    allowed: list[str] = []
    citations: list[Citation] = []
    expect_text: list[str] = []
    tags: list[str]
    group: str
    conversation: Conversation | None = None

    def tagged(self, prefix: str) -> set[str]:
        """The values of this line's tags with that prefix: tagged("form") -> {"abbrev", "no_diacritics"}."""
        return {tag.split(":", 1)[1] for tag in self.tags if tag.startswith(prefix + ":")}


# ---------------------------------------------------------------- a locator walker over the stored text

_LABELS = [  # (kind, pattern, how the locator names it)
    ("part", re.compile(r"^(?:PHẦN|Phần) ([IVXLC]+)\b\.?\s*"), "Phần {}"),
    ("chapter", re.compile(r"^Chương ([IVXLC\d]+)\b\.?\s*"), "Chương {}"),
    ("heading", re.compile(r"^Mục (\d+)\b\.?\s*"), "Mục {}"),
    ("article", re.compile(r"^Điều (\d+)\.\s*"), "Điều {}"),
    ("roman", re.compile(r"^([IVXLC]+)\.\s+"), "{}"),
    ("decimal", re.compile(r"^(\d+\.\d+)\.?\s+"), "{}"),
    ("number", re.compile(r"^(\d+)\.\s+"), "{}"),
    ("letter", re.compile(r"^([a-zđ])\)\s+"), "{}"),
    ("paren", re.compile(r"^\((\d+)\)\s+"), "{}"),
    ("dash", re.compile(r"^[-–]\s+()"), ""),  # named by position, not by what it prints
    ("plus", re.compile(r"^\+\s+()"), ""),
]
_BODY_KINDS = {"part", "chapter", "heading", "article", "roman", "number"}
_ENDS_BODY = re.compile(r"^(Nơi nhận|\(Gửi kèm|TM\.|KT\.|\* \*)")
_PREAMBLE_OPENERS = re.compile(r"^(Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị|Tại phiên họp|Tại hội nghị)")
# Flattened tables and headings put a label mid-line: "... cấp tỉnh a) Trình tự", "01 bộ d) Thời hạn".
_INLINE_POINT = re.compile(r" (?=[a-zđ]\) \w)")
_INLINE_ROMAN = re.compile(r" (?=[IVXLC]+\. \w)")


def _label(line: str) -> tuple[str, str, str] | None:
    """(kind, locator label, text after the label) of a labelled line, None for a plain paragraph."""
    for kind, pattern, name in _LABELS:
        match = pattern.match(line)
        if match:
            return kind, name.format(match.group(1)), line[match.end():]
    return None


def _split_flattened(line: str) -> list[str]:
    """One stored line cut where a label was flattened into it; the split is kept only before a capital."""
    parts, rest = [], line
    for match in reversed(list(_INLINE_POINT.finditer(line))):
        if line[match.end() + 3].isupper():
            parts.insert(0, rest[match.end():])
            rest = rest[: match.start()]
    parts.insert(0, rest)
    if (_label(parts[0]) or ("",))[0] == "part":  # "PHẦN II. NỘI DUNG ... I. THỦ TỤC ..."
        head = parts[0].split(". ", 1)
        if len(head) == 2 and (match := _INLINE_ROMAN.search(head[1])):
            parts[0:1] = [head[0] + ". " + head[1][: match.start()], head[1][match.end():]]
    return parts


def stored_lines(text: str) -> list[str]:
    """The stored text's non-empty lines, with flattened labels split onto lines of their own."""
    return [part for line in text.split("\n") if line for part in _split_flattened(line)]


class Walk:
    """Finds the passage a locator names in one document's stored lines."""

    def __init__(self, text: str):
        self.lines = stored_lines(text)
        notes = [i for i, line in enumerate(self.lines) if line.startswith("(Ban hành kèm theo")]
        self.annex = len(self.lines)
        if notes:  # the annex title is the run of upper-case lines above its note
            self.annex = notes[0]
            while self.annex > 0 and self.lines[self.annex - 1].isupper():
                self.annex -= 1
        self.body = next(i for i, line in enumerate(self.lines) if (_label(line) or ("",))[0] in _BODY_KINDS)

    def paragraphs(self, locator: list[str]) -> tuple[list[str], str]:
        """The section's own paragraphs (¶1 first, label removed) and the text it and its ancestors cover."""
        if locator[0] in NAMED_PARTS:
            if len(locator) > 1:
                raise LookupError(f"a named part has no children: {locator}")
            region = self._named(locator[0])
            if not region:
                raise LookupError(f"this document has no {locator[0]}")
            return region, "\n".join(region)
        if locator[0] in ANNEXES:
            if self.annex == len(self.lines):
                raise LookupError("no attached text in this document")
            first, end, steps = self.annex, len(self.lines), locator[1:]
            context = self._own(first, end)
        else:
            first, end, steps, context = self.body - 1, self.annex, locator, []
        kinds: list[str] = []
        for step in steps:
            first = self._child(first + 1, end, step)
            kinds.append(_label(self.lines[first])[0])
            end = next((i for i in range(first + 1, end) if self._closes(self.lines[i], kinds)), end)
            context += self._own(first, end)
        context += self.lines[first:end]
        return self._own(first, end), "\n".join(context)

    def _closes(self, line: str, kinds: list[str]) -> bool:
        label = _label(line)
        return bool(_ENDS_BODY.match(line)) or (label is not None and label[0] in kinds)

    def _own(self, first: int, end: int) -> list[str]:
        label = _label(self.lines[first])
        own = [label[2] if label else self.lines[first]]
        for line in self.lines[first + 1 : end]:
            if _label(line) or _ENDS_BODY.match(line):
                break
            own.append(line)
        return own

    def _child(self, start: int, end: int, step: str) -> int:
        # A section's children share the kind of its first labelled line; other kinds sit deeper
        # ("(2)" under the 4th dash of item 3 is not item 3's child "2").
        labelled = [(i, label) for i in range(start, end) if (label := _label(self.lines[i]))]
        children = [i for i, label in labelled if label[0] == labelled[0][1][0]] if labelled else []
        if labelled and labelled[0][1][0] == "dash":  # bullets are named by their position
            if step.isdigit() and 0 < int(step) <= len(children):
                return children[int(step) - 1]
        else:
            for i in children:
                if _label(self.lines[i])[1] == step:
                    return i
        raise LookupError(f"no child {step!r} between lines {start} and {end}")

    def _named(self, part: str) -> list[str]:
        before_body = self.lines[: self.body]
        opener = next((i for i, line in enumerate(before_body) if _PREAMBLE_OPENERS.match(line)), self.body)
        greeting = next((i for i, line in enumerate(before_body) if line.startswith("Kính gửi")), opener)
        after_body = range(self.body, self.annex)
        signature = next((i for i in after_body if self.lines[i].startswith(("TM.", "KT."))), self.annex)
        sent_to = next((i for i in after_body if self.lines[i].startswith("Nơi nhận")), self.annex)
        regions = {
            "header": self.lines[: min(greeting, opener)],
            "preamble": self.lines[opener : self.body],
            "recipients": self.lines[greeting:opener] + self.lines[sent_to:max(signature, sent_to)],
            "signature": self.lines[signature : self.annex],
            "note": [line for line in self.lines if line.startswith("(Gửi kèm")],
        }
        return regions[part]


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module", params=list(SPLITS))
def split(request) -> Split:
    return SPLITS[request.param]


@pytest.fixture(scope="module")
def raw_lines(split) -> list[str]:
    return (GOLD / split.file).read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def gold(raw_lines) -> list[GoldLine]:
    return [GoldLine.model_validate_json(line) for line in raw_lines]


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    return {
        entry["number"]: normalize_text((CORPUS / entry["file"]).read_text(encoding="utf-8"))
        for entry in manifest["documents"]
    }


@pytest.fixture(scope="module")
def walks(texts) -> dict[str, Walk]:
    return {number: Walk(text) for number, text in texts.items()}


def _key(text: str) -> str:
    for short, full in _EXPANSIONS.items():
        text = re.sub(rf"(?<!\w){short}(?!\w)", full, text)
    return folded(text)


# ---------------------------------------------------------------- the walker itself


@pytest.mark.parametrize(
    ("number", "locator", "paragraph", "starts"),
    [
        ("3400-CV/TU", ["5"], 2, "Chủ trì phối hợp"),  # a continuation paragraph
        ("3400-CV/TU", ["4", "4"], 1, "Nâng cao hiệu quả thực hiện chủ trương"),  # the 4th dash bullet
        ("141/KH-UBND", ["III", "4", "2"], 2, "Đơn vị thực hiện:"),  # a paragraph after a bullet
        ("155-KL/TW", ["3", "4", "2"], 1, "Đẩy mạnh phân cấp"),  # "(2)" under a bullet
        ("155-KL/TW", ["3", "5"], 1, "Trên cơ sở nguyên tắc"),  # a bullet after "(1)".."(3)"
        ("2920/QĐ-UBND", ["Quy định", "Điều 2", "13", "b"], 1, "Tham mưu về hoạt động chữ thập đỏ"),
        ("1378/QĐ-BNV", ["Phụ lục", "Phần II", "I", "1", "a"], 1, "Trình tự thực hiện"),  # flattened labels
        ("1378/QĐ-BNV", ["Phụ lục"], 1, "THỦ TỤC HÀNH CHÍNH NỘI BỘ"),  # the annex's own title
    ],
)
def test_walker_finds_the_paragraph_a_locator_names(walks, number, locator, paragraph, starts):
    assert walks[number].paragraphs(locator)[0][paragraph - 1].startswith(starts)


@pytest.mark.parametrize(
    ("number", "locator"),
    [
        ("3400-CV/TU", ["4", "6"]), ("3400-CV/TU", ["4", "a"]), ("3400-CV/TU", ["Phụ lục"]),
        ("3400-CV/TU", ["header", "1"]), ("155-KL/TW", ["8"]), ("155-KL/TW", ["signature"]),
        ("141/KH-UBND", ["IV", "7"]), ("2920/QĐ-UBND", ["Quy định", "Điều 5"]),
        ("1378/QĐ-BNV", ["Phụ lục", "Phần II", "III"]),
    ],
)
def test_walker_rejects_locators_that_name_nothing(walks, number, locator):
    with pytest.raises(LookupError):
        walks[number].paragraphs(locator)


# ---------------------------------------------------------------- the gold files


def test_every_line_is_a_json_object_with_a_unique_id(raw_lines, gold, split):
    assert len(gold) >= split.min_lines
    assert all(isinstance(json.loads(line), dict) for line in raw_lines)
    assert [line.id for line in gold] == sorted({line.id for line in gold})
    for line in gold:
        assert re.fullmatch(rf"{split.ids}\d{{3}}", line.id), line.id
        assert re.fullmatch(rf"{split.groups}\d+", line.group), (line.id, line.group)
        assert not line.conversation or re.fullmatch(rf"{split.conversations}\d+", line.conversation.id), line.id


def test_unanswerable_questions_expect_no_units_and_no_citations(gold):
    for line in gold:
        assert line.answerable == ("unanswerable" not in line.tagged("kind")), line.id
        if not line.answerable:
            assert not (line.units or line.allowed or line.citations or line.expect_text), line.id
        else:
            assert line.citations, line.id


def test_tags_use_known_names(gold):
    known = {"kind": KINDS, "who": WHO, "form": FORMS}
    for line in gold:
        for tag in line.tags:
            prefix, _, value = tag.partition(":")
            assert prefix in known or prefix == "doc", (line.id, tag)
            assert prefix == "doc" or value in known[prefix], (line.id, tag)
        assert line.tagged("kind") and line.tagged("form") and line.tagged("doc"), line.id
        assert bool(line.tagged("who")) <= bool(line.tagged("kind") & {"who", "what"}), line.id


def test_unit_names_are_written_in_full_with_canonical_tones(gold):
    for line in gold:
        for name in [name for unit in line.units for name in unit] + line.allowed:
            assert canonical_tones(name) == name, (line.id, name)
            assert not [word for word in name.split() if len(word) > 1 and word.isupper()], (line.id, name)


def test_required_units_are_allowed_and_named_in_a_cited_document(gold, texts):
    for line in gold:
        cited = _key("\n".join(texts[citation.doc] for citation in line.citations))
        for unit in line.units:
            assert set(unit) <= set(line.allowed), (line.id, unit)
        alternatives = {name for unit in line.units for name in unit}
        for unit in line.units + [[name] for name in line.allowed if name not in alternatives]:
            assert any(_key(name) in cited for name in unit), (line.id, unit)


# Documents print a party body's head once for a list: "Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ" names
# Đảng ủy Bộ Tài chính and Đảng ủy Bộ Nội vụ.
_SHARED_HEADS = ("Đảng ủy", "Đảng đoàn", "Ban cán sự đảng")


def _named_in(name: str, passage: str) -> bool:
    shared = [head for head in _SHARED_HEADS if name.startswith(head + " ")]
    return _key(name) in passage or any(
        _key(head) in passage and _key(name.removeprefix(head + " ")) in passage for head in shared
    )


def test_required_units_are_named_in_the_cited_passages(gold, walks):
    for line in gold:
        passages = _key("\n".join(walks[c.doc].paragraphs(c.locator)[1] for c in line.citations))
        for unit in line.units:
            assert any(_named_in(name, passages) for name in unit), (line.id, unit)


def test_citations_point_at_their_first_words(gold, walks):
    for line in gold:
        for citation in line.citations:
            assert citation.doc in walks, (line.id, citation.doc)
            own, _ = walks[citation.doc].paragraphs(citation.locator)
            if citation.locator[0] in NAMED_PARTS:
                assert citation.paragraph == 1, (line.id, "named parts have no paragraph numbers")
                assert any(p.startswith(citation.first_words) for p in own), (line.id, citation.locator, own)
            else:
                assert len(own) >= citation.paragraph, (line.id, citation.locator, own)
                assert own[citation.paragraph - 1].startswith(citation.first_words), (line.id, own)


def test_expected_text_stands_in_the_cited_passages(gold, walks):
    for line in gold:
        facts = [text for text in line.expect_text if text.lower() not in ANSWER_WORDS]
        if not facts:
            continue
        cited = _key("\n".join(walks[c.doc].paragraphs(c.locator)[1] for c in line.citations))
        assert any(_key(text) in cited for text in facts), (line.id, facts)


def test_each_form_is_what_its_question_looks_like(gold):
    for line in gold:
        forms = line.tagged("form")
        if "no_diacritics" in forms:
            assert not has_diacritics(line.question), line.id
        else:
            assert has_diacritics(line.question), line.id
        if "abbrev" in forms:
            assert _ABBREVIATION.search(line.question), line.id


def test_variants_of_a_question_expect_the_same_answer_in_different_forms(gold):
    groups: dict[str, list[GoldLine]] = defaultdict(list)
    for line in gold:
        groups[line.group].append(line)
    for name, variants in groups.items():
        assert len(variants) >= 2, name
        assert len({frozenset(v.tagged("form")) for v in variants}) == len(variants), name
        expected = {v.model_dump_json(include={"answerable", "units", "allowed", "citations", "expect_text"})
                    for v in variants}
        assert len(expected) == 1, name
        assert len({v.question for v in variants}) == len(variants), name


def test_conversations_count_turns_from_one_and_tag_follow_ups(gold, split):
    turns: dict[str, list[int]] = defaultdict(list)
    for line in gold:
        if line.conversation:
            turns[line.conversation.id].append(line.conversation.turn)
            assert (line.conversation.turn > 1) == ("followup" in line.tagged("kind")), line.id
        else:
            assert "followup" not in line.tagged("kind"), line.id
    assert len(turns) >= split.min_conversations
    for conversation, numbers in turns.items():
        assert numbers == list(range(1, len(numbers) + 1)), conversation
        assert len(numbers) >= 2, conversation


def test_questions_spread_over_kinds_forms_and_documents(gold, texts, split):
    count = Counter(tag for line in gold for tag in line.tags)
    assert count["kind:unanswerable"] >= split.min_unanswerable * len(gold)
    assert count["kind:cross_document"] >= split.min_cross_document
    for kind in KINDS:
        assert count[f"kind:{kind}"] >= 2, kind
    for who in WHO:
        assert count[f"who:{who}"] >= 2, who
    for form in FORMS:
        assert count[f"form:{form}"] >= 10, form
    for number in texts:
        citing = [line for line in gold if any(c.doc == number for c in line.citations)]
        assert len(citing) >= 10, number


def test_the_splits_share_no_id_and_no_question():
    splits = [[GoldLine.model_validate_json(raw) for raw in (GOLD / split.file).read_text("utf-8").splitlines()]
              for split in SPLITS.values()]
    ids = [line.id for lines in splits for line in lines]
    assert len(ids) == len(set(ids))
    for key in (
        lambda line: line.group,
        lambda line: line.conversation.id if line.conversation else None,
        lambda line: folded(line.question),  # a held-out question is not a dev question retyped
    ):
        dev, test = ({key(line) for line in lines} - {None} for lines in splits)
        assert not dev & test, sorted(dev & test)[:5]
