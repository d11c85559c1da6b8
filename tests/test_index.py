"""The index: versioned replacement, idempotent re-ingest, removal — on embedded Qdrant in a temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.embed import load_embedder
from ingest.index import open_index
from ingest.lexical import sparse_vector
from ingest.normalize import normalize_text
from ingest.passages import passages_of
from ingest.pipeline import parse_text

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def embedder():
    return load_embedder("e5")


def _document(text: str):
    return parse_text(normalize_text(text), source="3400.txt")


def test_changed_document_replaces_its_points_and_is_never_doubled(tmp_path, embedder):
    original = (CORPUS / "3400-CV-TU-TienGiang-2024.txt").read_text(encoding="utf-8")
    index = open_index(tmp_path, None, None, "t", embedder)
    try:
        first = _document(original)
        assert index.add(first).status == "added"
        count = index.store.count()
        assert count == len(passages_of(first))
        assert index.add(first).status == "unchanged" and index.store.count() == count

        changed = _document(original.replace("báo cáo Ban Thường vụ Tỉnh ủy.", "báo cáo Thường trực Tỉnh ủy."))
        assert index.add(changed).status == "replaced"
        assert index.store.count() == len(passages_of(changed))  # old version's points are gone
        hits = index.store.search(None, sparse_vector("Thường trực Tỉnh ủy báo cáo", query=True), limit=100,
                                  mode="lexical")
        stored = index.registry.get("3400-CV/TU")
        assert stored.document.text == changed.text
        assert hits and {hit.payload["version"] for hit in hits} == {stored.version}

        assert index.remove("3400-CV/TU") and index.store.count() == 0 and index.records() == []
    finally:
        index.close()


def test_passages_slice_the_stored_text():
    for path in sorted(CORPUS.glob("*.txt")):
        if path.name.startswith("155"):
            continue  # needs the manifest for its number; covered by the structure tests
        document = parse_text(normalize_text(path.read_text(encoding="utf-8")), source=path.name)
        for passage in passages_of(document):
            assert document.text[passage.start : passage.end] == passage.text
            assert passage.text.strip() == passage.text
