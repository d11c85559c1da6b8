"""The regression gate: the whole development split through the default pipeline (the API's code path), with
each headline metric held at or above the floor stored in evals/floors.json. Floors are measured values minus
a small margin; raise them as the system improves, never lower them silently (the file's history says why)."""

from __future__ import annotations

import json
from pathlib import Path

from evals.runner import run_eval

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "evals" / "floors.json"


def test_dev_split_stays_above_its_floors(corpus_data_dir, tmp_path, monkeypatch):
    from assistant.engine import Assistant
    from assistant.settings import Settings

    floors = json.loads(FLOORS.read_text("utf-8"))
    monkeypatch.setenv("CHIDAO_DATA_DIR", str(corpus_data_dir))
    assistant = Assistant.open(Settings(embedder=floors["embedder"]))
    try:
        metrics = run_eval(ROOT / floors["gold"], tmp_path / "dev", assistant)
    finally:
        assistant.close()
    print(json.dumps({name: metrics[name] for name in floors["floors"]}, indent=1))  # shown with -s or on failure
    assert metrics["errors"] == 0
    below = {
        name: f"{metrics[name]:.3f} < {floor:.3f}"
        for name, floor in floors["floors"].items()
        if metrics[name] is None or metrics[name] < floor
    }
    assert not below, f"below the floors in {FLOORS.name}: {below}"
