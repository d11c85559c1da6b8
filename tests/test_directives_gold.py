"""Test data check: the directives suite's gold is well-formed and agrees with the documents it describes.

Written by reading the documents, it is the key the extractor and the assistant are measured against: every
document of the split has a key, every copied phrase ("task", "first_words") is in the document's text, every
question line is a valid CONTRACT §4 line with a unique id.
"""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

from evals.directives.gold import GOLD_DIR, suite_documents
from evals.directives.split import load_split
from evals.runner import GoldLine

DOCUMENTS = suite_documents()


@cache
def plain_text(path) -> str:
    """The file's words as gold copies them: markdown stars dropped, white space collapsed."""
    return " ".join(path.read_text(encoding="utf-8").replace("*", "").split())


def words(text: str) -> str:
    return " ".join(text.replace("*", "").split())


def test_every_document_of_the_split_has_gold():
    stems = {name.rsplit(".", 1)[0] for name in load_split()}
    assert {doc.stem for doc in DOCUMENTS} == stems
    assert {path.name.split(".")[0] for path in GOLD_DIR.iterdir()} == stems


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.stem)
def test_copied_words_are_in_the_document(doc):
    text = plain_text(doc.path)
    for record in doc.key.records:
        assert words(record.task) in text, f"{record.locator}: task not in the text: {record.task[:60]!r}"
        assert words(record.first_words) in text, f"{record.locator}: {record.first_words[:60]!r}"


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.stem)
def test_records_have_required_units_and_the_key_is_complete(doc):
    assert doc.key.complete
    assert any(not record.optional for record in doc.key.records)
    for record in doc.key.records:
        assert all(name.strip() for name in record.unit)
        assert not re.search(r"\b(?:UBND|HĐND|MTTQ)\b", record.unit[0]), record.unit[0]  # spelled out


def test_question_lines_are_contract_lines_with_unique_ids():
    seen: set[str] = set()
    for doc in DOCUMENTS:
        for number, line in enumerate(doc.questions.read_text(encoding="utf-8").splitlines(), 1):
            data = json.loads(line)
            GoldLine.model_validate(data)
            assert data["id"] not in seen, f"{doc.stem}:{number} repeats id {data['id']}"
            seen.add(data["id"])
            assert any(tag.startswith("doc:") for tag in data["tags"]), f"{doc.stem}:{number} has no doc: tag"
            if data["answerable"] is False:
                assert not data.get("units") and not data.get("citations"), f"{doc.stem}:{number}"
            for citation in data.get("citations", []):
                assert words(citation["first_words"]) in plain_text(doc.path), f"{doc.stem}:{number}"


def test_every_document_has_questions_of_each_required_kind():
    for doc in DOCUMENTS:
        tags = [json.loads(line)["tags"] for line in doc.questions.read_text(encoding="utf-8").splitlines()]
        kinds = {tag for line in tags for tag in line if tag.startswith("kind:")}
        assert {"kind:who", "kind:unanswerable"} <= kinds, (doc.stem, kinds)
        assert any("form:no_diacritics" in line for line in tags), doc.stem
