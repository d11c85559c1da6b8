"""Refusals, time limits and the units of a quoted clause on a document their rules were not written on:
Công điện 217/CĐ-TTg (a Prime Minister's telegram, development part of ../shared/directives), ingested alone
through the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.engine import Assistant
from assistant.settings import Settings

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


def test_a_refusal_names_the_telegram_and_its_nearest_clause_without_citing_it(assistant):
    answer = assistant.ask("Công điện 217 dành bao nhiêu tỷ đồng cho việc mua xuồng cứu hộ?")
    assert not answer.answerable and not answer.units and not answer.citations
    assert answer.answer.startswith("Đã tìm trong Công điện 217/CĐ-TTg: văn bản này không nêu")
    nearest = answer.debug["nearest"]
    assert nearest["doc_number"] == "217/CĐ-TTg" and f"Đoạn gần nhất là {nearest['label']} của" in answer.answer


def test_the_telegrams_date_is_not_a_time_limit(assistant):
    # before: "thời hạn là ngày 16 tháng 11 năm 2025", the date in the telegram's header
    answer = assistant.ask("Khi nào Bộ Công an phải tổ chức đại hội thể thao?")
    assert "16 tháng 11 năm 2025" not in answer.answer
    assert all(c.locator not in (("header",), ("signature",), ("recipients",)) for c in answer.citations)


@pytest.mark.parametrize("question", [
    "Công điện 217 yêu cầu sơ tán dân trong bao lâu?",
    "Cong dien 217: cac bo phai khac phuc hau qua trong bao lau?",
])
def test_how_long_is_not_answered_by_a_clause_without_a_length_of_time(assistant, question):
    # before: "thời hạn là: đến ngày 18/11/2025", a date of the weather forecast, or Mục 5 with no time at all
    answer = assistant.ask(question)
    assert not answer.answerable and not answer.citations


def test_which_province_needs_a_clause_that_names_provinces(assistant):
    # Mục 5 shares the question's words ("rà soát kịch bản, phương án") but names no province
    assert not assistant.ask("Công điện 217 giao Bộ Quốc phòng chỉ đạo đơn vị ở tỉnh nào rà soát kịch bản, "
                             "phương án?").answerable
    # Mục 1 names them under its heading: "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Khánh Hòa"
    for question in ("Công điện 217 giao Chủ tịch UBND những tỉnh nào theo dõi chặt chẽ tình hình mưa lũ?",
                     "Cong dien 217 giao chu tich UBND nhung tinh nao theo doi chat che tinh hinh mua lu?"):
        answer = assistant.ask(question)
        assert answer.answerable and answer.citations[0].locator[:1] == ("1",), question


def test_a_quoted_clause_names_its_doers_when_the_question_names_no_unit(assistant):
    # before: "Có. ... mục 5 nêu: ..." with no unit; the clause's two ministries are who must act
    for question in ("Công điện 217 có yêu cầu rà soát kịch bản, phương án, bố trí lực lượng sẵn sàng hỗ trợ "
                     "địa phương sơ tán dân không?",
                     "Cong dien 217 co yeu cau ra soat kich ban, phuong an, bo tri luc luong san sang ho tro "
                     "dia phuong so tan dan khong?"):
        answer = assistant.ask(question)
        assert answer.answerable and answer.citations[0].locator == ("5",)
        assert {u.name for u in answer.units} == {"Bộ Quốc phòng", "Bộ Công an"}, question


@pytest.mark.parametrize("question", [
    "Theo công điện 217, Văn phòng Chính phủ phải báo cáo Thủ tướng trước ngày nào?",
    "Công điện 217 yêu cầu Bộ Xây dựng báo cáo lúc mấy giờ?",
    "Theo cong dien 217, Bo Xay dung phai bao cao truoc may gio?",
])
def test_a_day_or_an_hour_asked_is_refused_when_no_clause_gives_one(assistant, question):
    # before: Mục 9 quoted as if it answered, or "thời hạn là: ngày 16/11/2025", the day of the weather report
    answer = assistant.ask(question)
    assert not answer.answerable and not answer.citations
    assert "không nêu" in answer.answer
