"""Refusals on a document the refusal rules were not written on: Công điện 217/CĐ-TTg (a Prime Minister's
telegram, development part of ../shared/directives), ingested alone through the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.engine import Assistant
from assistant.settings import Settings
from ingest.units import unit_key

TELEGRAM = Path(__file__).resolve().parents[1].parent / "shared" / "directives" / "217-CD-TTg-2025.md"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    from assistant.cli import app

    data_dir = tmp_path_factory.mktemp("telegram-index")
    result = CliRunner().invoke(app, ["ingest", str(TELEGRAM)], env={"CHIDAO_DATA_DIR": str(data_dir)})
    assert result.exit_code == 0, result.output
    opened = Assistant.open(Settings(data_dir=data_dir))
    yield opened
    opened.close()


def test_what_a_unit_must_do_about_a_topic_it_has_duties_on(assistant):
    for question in ("Bộ Quốc phòng phải làm gì về cứu hộ, cứu nạn theo công điện 217?",
                     "bo quoc phong phai lam gi ve cuu ho cuu nan"):
        answer = assistant.ask(question)
        assert answer.answerable, question
        assert unit_key("Bộ Quốc phòng") in {unit_key(u.name) for u in answer.units}
        assert any("cứu nạn" in c.text for c in answer.citations)


def test_what_a_unit_must_do_about_a_topic_the_document_never_raises_is_refused(assistant):
    answer = assistant.ask("Bộ Quốc phòng phải làm gì về tuyển sinh đại học theo công điện 217?")
    assert not answer.answerable and not answer.units and not answer.citations
    assert answer.debug["topic_coverage"] < 0.25
    # the refusal says where it looked and what came nearest, without citing it
    assert answer.answer.startswith("Đã tìm trong Công điện 217/CĐ-TTg: văn bản này không nêu")
    assert "Đoạn gần nhất là" in answer.answer and answer.debug["nearest"]["doc_number"] == "217/CĐ-TTg"


def test_the_telegrams_date_is_not_a_time_limit_and_no_time_is_no_answer(assistant):
    # before: "thời hạn là ngày 16 tháng 11 năm 2025", the date in the telegram's header
    answer = assistant.ask("Khi nào Bộ Công an phải tổ chức đại hội thể thao?")
    assert not answer.answerable and not answer.citations
    assert "không nêu" in answer.answer

