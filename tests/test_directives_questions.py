"""Regression gate for answering about unseen directives: the gold questions of both parts of the directives suite,
asked of one embedded index holding the corpus and every suite document (the conditions of `chidao eval --suite
directives`), must stay at or above the question floors in evals/directives/floors.json.

This is the slowest test of `make test` (the index embeds about 6,400 passages: half an hour on two cores); it is
the only check that answers hold on documents the rules were not written on, so it runs every time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.settings import Settings
from evals.directives.suite import PARTS, ask_questions, build_index

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "evals" / "directives" / "floors.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def metrics(tmp_path_factory):
    from assistant.engine import Assistant

    out = tmp_path_factory.mktemp("directives-suite")
    settings = Settings(corpus=ROOT / "corpus", data_dir=out / "index")
    refused = build_index(out / "index", settings.embedder, settings.corpus)
    assert not refused, refused
    assistant = Assistant.open(settings.model_copy(update={"qdrant_url": None}))
    try:
        return ask_questions(assistant, PARTS, out)
    finally:
        assistant.close()


@pytest.mark.parametrize("part", PARTS)
def test_answers_stay_above_their_floors(metrics, part):
    figures = metrics[part]
    below = {name: f"{figures.get(name)} < {floor}" for name, floor in FLOORS["questions"][part].items()
             if (figures.get(name) or 0.0) < floor}
    assert not below, f"{part}: below the floors in floors.json: {below}"
