"""Every real directive of the suite (../shared/directives and evals/directives/extra, none written for the
rules) parses into a structure a reader accepts: every locator label is printed where its section starts,
attached texts are named by their type word, every assignment's task is the stored text at its span."""

from __future__ import annotations

import re
from functools import cache

import pytest

from evals.directives.gold import suite_documents
from ingest.closing import _HEADS
from ingest.pipeline import parse_file
from ingest.types import Document
from ingest.vietnamese import folded

DOCUMENTS = suite_documents()
NAMED_PARTS = {"header", "preamble", "recipients", "signature", "note"}


@cache
def parsed(path) -> Document:
    return parse_file(path)


def _printed(document: Document, section) -> bool:
    """The section's own label is printed at its start (a bullet's is its position, a paragraph's its parent's)."""
    text = document.text[section.start : section.start + 80]
    label = section.locator[-1]
    if section.kind in ("bullet", "paragraph", "annex") or label in NAMED_PARTS:
        return True
    if section.kind == "row":
        return text.split("\t", 1)[0].strip().rstrip(".)") == label
    number = label.split()[-1]
    return bool(re.match(rf"\(?(?:\w+\s+)?{re.escape(number)}\b", text, re.IGNORECASE))


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.stem)
def test_every_locator_is_printed_where_its_section_starts(doc):
    document = parsed(doc.path)
    unprinted = [" > ".join(s.locator) for s in document.walk() if not _printed(document, s)]
    assert not unprinted, f"{doc.stem}: locators not printed in the text: {unprinted[:5]}"


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.stem)
def test_attached_texts_are_named_by_their_type_word(doc):
    document = parsed(doc.path)
    for annex in (s for s in document.sections if s.kind == "annex"):
        title = folded(document.text[annex.start : annex.start + 40])
        typed = next((word for key, word in _HEADS if title.startswith(key)), None)
        if typed:
            assert annex.locator[0] == typed, f"{doc.stem}: '{annex.locator[0]}' is a {typed}"


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.stem)
def test_every_assignment_is_the_stored_text_at_its_spans(doc):
    document = parsed(doc.path)
    for item in document.assignments:
        assert document.text[item.task_start : item.task_end] == item.task
        assert item.start <= item.task_start <= item.task_end <= item.end
        assert document.find(item.locator) is not None or any(s.locator == item.locator for s in document.walk())
        assert item.units and all(name.strip() for name in item.units)
