"""Evaluation: the fixed, mechanical split of the shared directives into development and held-out parts.

The rule (see `split.md`): sort the file names in byte order, number them from 0, hold out every multiple of 3.
`split.json` records the result and any later moves; a test checks the two agree.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLIT_FILE = HERE / "split.json"
EXTRA_DIR = HERE / "extra"  # documents found elsewhere, their sources in extra/manifest.json


def mechanical_split(names: list[str], every: int = 3) -> dict[str, str]:
    """File name -> "heldout" or "dev" by the written rule (every `every`-th name held out, from the first)."""
    ordered = sorted(names, key=lambda name: name.encode("utf-8"))
    return {name: "heldout" if index % every == 0 else "dev" for index, name in enumerate(ordered)}


def load_split() -> dict[str, str]:
    """The split in force: the mechanical rule's result with the recorded moves applied (shared directives and
    the documents added in extra/)."""
    data = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    parts = {**data["parts"], **data.get("extra_parts", {})}
    for move in data.get("moves", []):
        parts[move["file"]] = move["to"]
    return parts


def is_extra(name: str) -> bool:
    return name in json.loads(SPLIT_FILE.read_text(encoding="utf-8")).get("extra_parts", {})
