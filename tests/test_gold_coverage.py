"""Evals: together, the dev and test gold splits ask about every numbered item of the corpus that assigns work.

An item is an assignment's locator cut after its first plain number: "Quy định/Điều 2/9/c" -> "Quy định/Điều 2/9",
"2/2.1" -> "2", "III/1/1" -> "III/1"; a locator without one ("Điều 3", "preamble") is its own item. A gold line
covers an item when one of its citations lies at or under it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.pipeline import load_manifest_for, parse_file

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SPLITS = [ROOT / "evals" / "gold" / name for name in ("dev.jsonl", "test.jsonl")]

EXCLUDED = {
    # "Thực hiện nhiệm vụ, quyền hạn ... theo quy định của pháp luật": a catch-all with no task of its own.
    ("2920/QĐ-UBND", ("Quy định", "Điều 2", "37")),
}


def item_of(locator: tuple[str, ...]) -> tuple[str, ...]:
    """The locator cut after its first plain number, the level at which directives number their tasks."""
    for depth, label in enumerate(locator, 1):
        if label.isdigit():
            return locator[:depth]
    return locator


@pytest.fixture(scope="module")
def assigning_items() -> set[tuple[str, tuple[str, ...]]]:
    files = sorted(CORPUS.glob("*.txt"))
    manifest = load_manifest_for(CORPUS / "manifest.json", files)
    documents = [parse_file(path, manifest=manifest) for path in files]
    return {(doc.number, item_of(a.locator)) for doc in documents for a in doc.assignments}


@pytest.fixture(scope="module")
def cited() -> set[tuple[str, tuple[str, ...]]]:
    lines = [json.loads(raw) for path in SPLITS for raw in path.read_text("utf-8").splitlines()]
    return {(c["doc"], tuple(c["locator"])) for line in lines for c in line.get("citations", [])}


@pytest.mark.parametrize(
    ("locator", "item"),
    [
        (("Quy định", "Điều 2", "9", "c"), ("Quy định", "Điều 2", "9")),
        (("2", "2.1"), ("2",)),
        (("III", "1", "1"), ("III", "1")),
        (("Phụ lục", "Phần II", "I", "1", "đ"), ("Phụ lục", "Phần II", "I", "1")),
        (("Điều 3",), ("Điều 3",)),
    ],
)
def test_an_item_is_the_locator_down_to_its_first_number(locator, item):
    assert item_of(locator) == item


def test_every_item_that_assigns_work_is_asked_about(assigning_items, cited):
    def covered(number: str, item: tuple[str, ...]) -> bool:
        return any(doc == number and locator[: len(item)] == item for doc, locator in cited)

    missing = sorted(key for key in assigning_items - EXCLUDED if not covered(*key))
    assert not missing


def test_exclusions_still_name_items_that_assign_work(assigning_items):
    assert EXCLUDED <= assigning_items
