"""The directives split is the written mechanical rule plus recorded moves, and keeps at least 10 held out."""

from __future__ import annotations

import json
from pathlib import Path

from evals.directives.split import EXTRA_DIR, SPLIT_FILE, load_split, mechanical_split

SHARED = Path(__file__).resolve().parents[2] / "shared" / "directives"


def test_split_file_is_the_rule():
    data = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    assert data["parts"] == mechanical_split(list(data["parts"]))
    assert data["extra_parts"] == mechanical_split(list(data["extra_parts"]), every=2)


def test_every_added_document_has_its_source_and_a_part():
    manifest = json.loads((EXTRA_DIR / "manifest.json").read_text(encoding="utf-8"))
    files = {entry["file"] for entry in manifest["documents"]}
    assert all(entry["source"] and entry["number"] for entry in manifest["documents"])
    assert files == set(json.loads(SPLIT_FILE.read_text(encoding="utf-8"))["extra_parts"])
    assert files == {path.name for path in EXTRA_DIR.iterdir() if path.name != "manifest.json"}


def test_split_covers_every_shared_directive():
    names = {path.name for path in SHARED.glob("*.md") if path.name != "README.md"}
    assert set(json.loads(SPLIT_FILE.read_text(encoding="utf-8"))["parts"]) == names


def test_moves_are_recorded_with_reasons_and_ten_stay_held_out():
    data = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    for move in data["moves"]:
        assert move["to"] == "dev" and move["reason"] and move["date"]
    assert sum(part == "heldout" for part in load_split().values()) >= 10


def test_mechanical_rule_on_a_toy_list():
    assert mechanical_split(["b", "a", "d", "c"]) == {"a": "heldout", "b": "dev", "c": "dev", "d": "heldout"}
