"""A corpus document saved as .docx, .pdf, .html or .md parses to the same structure as its .txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import load_manifest_for, parse_file
from tests.builders import write_docx, write_html, write_md, write_pdf

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FILES = sorted(CORPUS.glob("*.txt"))
BUILDERS = {".docx": write_docx, ".pdf": write_pdf, ".html": write_html, ".md": write_md}


@pytest.fixture(scope="module")
def manifest():
    return load_manifest_for(None, [CORPUS])


def _shape(document):
    tree = [
        (s.locator, s.paragraph, s.kind, tuple(document.text[s.start : s.own_end].split()[:8]))
        for s in document.walk()
    ]
    assignments = sorted((a.locator, a.units, a.role, a.deadline or "") for a in document.assignments)
    references = sorted((r.number, r.relation, r.issued or "") for r in document.references)
    meta = (document.number, document.doc_type, document.issuer, document.issued, document.title)
    return meta, tree, assignments, references


@pytest.mark.parametrize("suffix", sorted(BUILDERS))
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_same_structure_in_every_format(tmp_path, manifest, path, suffix):
    original = parse_file(path, manifest=manifest)
    built = BUILDERS[suffix](path.read_text(encoding="utf-8"), tmp_path / (path.stem + suffix))
    converted = parse_file(built, manifest=manifest)
    ours, theirs = _shape(converted), _shape(original)
    assert ours[0] == theirs[0]
    assert ours[1] == theirs[1]
    assert ours[2] == theirs[2]
    assert ours[3] == theirs[3]
