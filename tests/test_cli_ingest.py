"""The ingest-stage commands as a user runs them: chidao ingest / show / units, and bad input in a batch."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from ingest.index import open_index

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
runner = CliRunner()


@pytest.fixture()
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("CHIDAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CHIDAO_CORPUS", str(CORPUS))
    return tmp_path


def test_every_command_has_help_with_an_example():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    commands = [c.name for c in app.registered_commands]
    assert {"ingest", "show", "units", "remove"} <= set(commands)
    for name in commands:
        help_text = runner.invoke(app, [name, "--help"]).output
        assert "Example:" in help_text, name


def test_ingest_corpus_then_show_and_units(corpus_data_dir, monkeypatch):
    monkeypatch.setenv("CHIDAO_DATA_DIR", str(corpus_data_dir))
    listed = runner.invoke(app, ["units"])
    assert listed.exit_code == 0 and "Sở Tư pháp" in listed.output and "2920/QĐ-UBND" in listed.output

    shown = runner.invoke(app, ["show", "3400-CV/TU", "--json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output)
    assert {"number", "type", "issuer", "issued", "title", "sections", "assignments", "references"} <= set(data)
    assert data["type"] == "Công văn" and data["issued"] == "2024-08-21"
    assert [s["locator"] for s in data["sections"]][:3] == [["header"], ["recipients"], ["preamble"]]
    assert {"units", "role", "task", "deadline", "locator", "start", "end"} <= set(data["assignments"][0])
    assert any(r["number"] == "62-KL/TW" and r["relation"] == "thực hiện" for r in data["references"])

    loose = runner.invoke(app, ["show", "cong van 3400"])
    assert loose.exit_code == 0 and "3400-CV/TU" in loose.output

    units = runner.invoke(app, ["units", "BTC TU"])
    assert units.exit_code == 0, units.output
    assert "Ban Tổ chức Tỉnh ủy" in units.output and "3400-CV/TU" in units.output


def test_show_unknown_document_says_what_exists(corpus_data_dir, monkeypatch):
    monkeypatch.setenv("CHIDAO_DATA_DIR", str(corpus_data_dir))
    result = runner.invoke(app, ["show", "999-KL/TW"])
    assert result.exit_code == 1
    assert "Không tìm thấy văn bản" in result.output


def _stored(data_dir: Path) -> tuple[dict, int]:
    index = open_index(data_dir, None, None, "chidao", None)
    try:
        return {r.document.number: r.version for r in index.records()}, index.store.count()
    finally:
        index.close()


def test_bad_files_fail_alone_and_touch_nothing_stored(env, monkeypatch):
    assert runner.invoke(app, ["ingest", str(CORPUS / "3400-CV-TU-TienGiang-2024.txt")]).exit_code == 0
    before, _ = _stored(env / "data")

    batch = env / "batch"
    batch.mkdir()
    shutil.copy(CORPUS / "141-KH-UBND-BacNinh-2025.txt", batch)
    (batch / "empty.txt").write_text("   \n\n", encoding="utf-8")
    (batch / "notes.xyz").write_text("x", encoding="utf-8")
    (batch / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (batch / "no-number.txt").write_text("Một đoạn văn không có số ký hiệu.\n", encoding="utf-8")
    monkeypatch.setenv("CHIDAO_MAX_FILE_BYTES", "30000")
    shutil.copy(CORPUS / "2920-QD-UBND-HaTinh-2025.txt", batch / "too-big.txt")

    result = runner.invoke(app, ["ingest", str(batch), str(batch / "notes.xyz")])
    assert result.exit_code == 1
    for name in ("empty.txt", "notes.xyz", "binary.txt", "no-number.txt", "too-big.txt"):
        assert name in result.output, name
    assert "141/KH-UBND" in result.output  # the good file in the batch went in
    after, points = _stored(env / "data")
    assert after["3400-CV/TU"] == before["3400-CV/TU"]  # what was stored before is untouched
    assert set(after) == {"3400-CV/TU", "141/KH-UBND"} and points > 0


def test_reingest_is_a_no_op_and_remove_removes(env):
    target = str(CORPUS / "3400-CV-TU-TienGiang-2024.txt")
    assert runner.invoke(app, ["ingest", target]).exit_code == 0
    _, points = _stored(env / "data")
    again = runner.invoke(app, ["ingest", target])
    assert again.exit_code == 0 and "không đổi" in again.output
    assert _stored(env / "data")[1] == points
    removed = runner.invoke(app, ["remove", "cv 3400"])
    assert removed.exit_code == 0, removed.output
    assert _stored(env / "data") == ({}, 0)
