"""The section tree of every corpus document, compared with the hand-written trees in tests/expected/trees."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import load_manifest_for, parse_file
from tests.test_expected_trees_format import MANIFEST, read_entries, tree_file

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
DOCUMENTS = [(entry["number"], entry["file"]) for entry in MANIFEST["documents"]]


@pytest.fixture(scope="module")
def parsed():
    manifest = load_manifest_for(None, [CORPUS])
    return {number: parse_file(CORPUS / file, manifest=manifest) for number, file in DOCUMENTS}


def _our_entries(document):
    rows = []
    for section in document.walk():
        words = tuple(document.text[section.start : section.own_end].split()[:6])
        rows.append((section.locator, section.paragraph, section.kind, words))
    return rows


@pytest.mark.parametrize("number", [n for n, _ in DOCUMENTS])
def test_tree_matches_the_expected_tree(parsed, number):
    document = parsed[number]
    expected = [(e.locator, e.paragraph, e.kind, e.words) for e in read_entries(tree_file(number))]
    ours = _our_entries(document)
    assert [(loc, par) for loc, par, _, _ in ours] == [(loc, par) for loc, par, _, _ in expected]
    for (loc, par, kind, words), (_, _, want_kind, want_words) in zip(ours, expected):
        assert kind == want_kind, (loc, par)
        assert words[: len(want_words)] == want_words, (loc, par)


@pytest.mark.parametrize("number", [n for n, _ in DOCUMENTS])
def test_sections_nest_and_slice_the_stored_text(parsed, number):
    document = parsed[number]
    text = document.text
    previous_end = 0
    for top in document.sections:
        assert top.start >= previous_end, top.locator
        previous_end = top.end
        for section in top.walk():
            assert 0 <= section.start < section.end <= len(text)
            assert text[section.start : section.end] == text[section.start : section.end].strip()
            for child in section.children:
                assert section.start <= child.start and child.end <= section.end


@pytest.mark.parametrize("number", [n for n, _ in DOCUMENTS])
def test_no_printed_word_is_outside_the_tree(parsed, number):
    """Every word of the stored text belongs to exactly one section's own text: the tree rebuilds the text."""
    document = parsed[number]
    own = []
    for section in document.walk():
        own.append(document.text[section.start : section.own_end].split())
    rebuilt = [word for words in own for word in words]
    assert rebuilt == document.text.split()
