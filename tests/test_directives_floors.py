"""Regression gate for reading unseen directives: assignment records and document facts on both parts of the
directives suite must stay at or above the floors in evals/directives/floors.json (measured values minus a
margin, raised when the reading improves, never lowered to make a change pass)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.directives.suite import score_extraction

FLOORS = json.loads((Path(__file__).resolve().parents[1] / "evals" / "directives" / "floors.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def results():
    return score_extraction(("dev", "heldout"))


@pytest.mark.parametrize("part", ["dev", "heldout"])
def test_reading_stays_above_its_floors(results, part):
    summary = results[part].summary()
    below = {name: f"{summary[name]:.3f} < {floor:.3f}" for name, floor in FLOORS["extraction"][part].items()
             if summary[name] < floor}
    assert not below, f"{part}: below the floors in floors.json: {below}"
    assert summary["parse_errors"] == 0, f"{part}: {summary['parse_errors']} documents could not be read"
