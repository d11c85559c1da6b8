"""Shared fixtures: the default corpus ingested once per test session into a throw-away embedded Qdrant."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def corpus_data_dir(tmp_path_factory) -> Path:
    """A data folder holding the whole corpus, ingested through the real CLI with the default embedder."""
    from assistant.cli import app

    data_dir = tmp_path_factory.mktemp("corpus-index")
    result = CliRunner().invoke(app, ["ingest", str(CORPUS)], env={"CHIDAO_DATA_DIR": str(data_dir)})
    assert result.exit_code == 0, result.output
    return data_dir


@pytest.fixture(scope="module")
def corpus_assistant(corpus_data_dir):
    """An assistant opened on the corpus index, one per test module (it holds the index while open)."""
    from assistant.engine import Assistant
    from assistant.settings import Settings

    opened = Assistant.open(Settings(data_dir=corpus_data_dir))
    yield opened
    opened.close()
