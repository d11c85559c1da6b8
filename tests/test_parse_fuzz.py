"""The parser never crashes, and every offset it returns slices the stored text (hypothesis)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.errors import MissingNumber
from ingest.normalize import normalize_text
from ingest.pipeline import parse_text

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
TEXTS = [normalize_text(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
MARKERS = ["1. ", "a) ", "- ", "+ ", "I. ", "Điều 2. ", "(1) ", "2.3. ", "Kính gửi:", "Nơi nhận:", "\n", "\n\n"]


def _check(text: str) -> None:
    stored = normalize_text(text)
    try:
        document = parse_text(stored, source="fuzz")
    except MissingNumber:
        return  # a clear, expected refusal: no number anywhere
    assert document.text == stored
    for section in document.walk():
        assert 0 <= section.start <= section.end <= len(stored)
        assert section.start <= section.own_end <= section.end
    for item in document.assignments:
        assert stored[item.task_start : item.task_end] == item.task
    for reference in document.references:
        assert 0 <= reference.start < reference.end <= len(stored)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_random_unicode(text):
    _check("Số: 1/KH-UBND\n" + text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(MARKERS) | st.text(min_size=1, max_size=30), max_size=40))
def test_random_directive_shapes(pieces):
    _check("Số: 7/KH-UBND\n" + "".join(pieces))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(range(len(TEXTS))), st.floats(min_value=0, max_value=1), st.floats(min_value=0, max_value=1))
def test_truncated_corpus_documents(index, a, b):
    text = TEXTS[index]
    start, end = sorted((int(a * len(text)), int(b * len(text))))
    _check("Số: 3/QĐ-UBND\n" + text[start:end])
