"""Briefings on the real corpus index: each briefing regenerated and checked against its source — every cited
passage sits at its locator, quotes are the documents' own words, every assignment reaches its table."""

from __future__ import annotations

import time

import pytest

from assistant.briefing import build_briefing, render
from assistant.briefing.build import briefing_from
from assistant.briefing.errors import (
    BadBriefingRequest,
    BriefingError,
    TopicNotFound,
    UnknownDocument,
    UnknownUnit,
)
from assistant.briefing.types import Briefing, Citation
from ingest.index import open_index
from ingest.types import Document
from ingest.units import unit_key
from ingest.vietnamese import fold_diacritics

TOPICS = ("biên chế", "bien che", "số hóa tài liệu", "đơn vị sự nghiệp công lập", "tập huấn")


@pytest.fixture(scope="module")
def documents(corpus_data_dir) -> dict[str, Document]:
    index = open_index(corpus_data_dir, None, None, "chidao", None)
    try:
        return {record.document.number: record.document for record in index.records()}
    finally:
        index.close()  # embedded Qdrant admits one client at a time; other tests open their own


@pytest.fixture(scope="module")
def corpus(documents) -> list[Document]:
    return list(documents.values())


def every_briefing(corpus: list[Document]) -> list[Briefing]:
    units = sorted({unit for document in corpus for item in document.assignments for unit in item.units})
    return ([briefing_from(corpus, doc=document.number) for document in corpus]
            + [briefing_from(corpus, unit=unit) for unit in units]
            + [briefing_from(corpus, topic=topic) for topic in TOPICS])


def assert_at_locator(citation: Citation, documents: dict[str, Document]) -> None:
    document = documents[citation.doc_number]
    holding = [s for s in document.walk() if s.locator == citation.locator
               and s.start <= citation.start < citation.end <= s.end]
    assert holding, (citation, document.text[citation.start : citation.end])
    assert citation.label in {s.label for s in holding}


def test_every_briefing_of_the_corpus_is_read_where_it_cites(corpus, documents):
    briefings = every_briefing(corpus)
    assert len(briefings) > len(corpus) + len(TOPICS)
    for briefing in briefings:
        for line in briefing.lines():
            # a line without a citation is only a header fact the document does not print (155-KL/TW's number)
            assert line.citations or line.note.startswith("theo danh mục"), (briefing.title, line)
            for citation in line.citations:
                assert_at_locator(citation, documents)
            if line.quote:
                first = line.citations[0]
                assert line.text == documents[first.doc_number].text[first.start : first.end]
        for row in briefing.rows():
            assert_at_locator(row.citation, documents)
            assert row.task == documents[row.citation.doc_number].text[row.citation.start : row.citation.end]


def test_document_table_lists_every_assignment_once(corpus):
    for document in corpus:
        briefing = briefing_from(corpus, doc=document.number)
        rows = briefing.rows()
        assert sum(row.assignments for row in rows) == len(document.assignments)  # no silent drops, no extras
        for item in document.assignments:
            assert any(
                set(item.units) <= set(row.units) and row.role == item.role and row.task == item.task
                and row.deadline == item.deadline and row.report_to == item.report_to
                and row.citation.locator == item.locator for row in rows
            ), item


def test_docx_table_matches_the_extracted_assignments(corpus, tmp_path):
    import docx

    from assistant.briefing.layout import COLUMNS, flat

    for document in corpus:
        path = tmp_path / "brief.docx"
        path.write_bytes(render(briefing_from(corpus, doc=document.number), "docx"))
        opened = docx.Document(str(path))
        tables = [t for t in opened.tables if tuple(c.text for c in t.rows[0].cells) == COLUMNS]
        if not document.assignments:
            assert not tables
            continue
        assert len(tables) == 1, document.number
        cells = [[c.text for c in row.cells] for row in tables[0].rows[1:]]
        for item in document.assignments:
            assert any(
                set(item.units) <= set(row[0].split("\n")) and row[1] == item.role and row[2] == flat(item.task)
                and row[3] == (item.deadline or "") and row[5].startswith(f"{document.number}, ")
                for row in cells
            ), item
    section = opened.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    margins = (section.left_margin, section.top_margin, section.right_margin, section.bottom_margin)
    assert [round(margin.cm, 1) for margin in margins] == [3.0, 2.0, 2.0, 2.0]
    assert opened.styles["Normal"].font.name == "Times New Roman"


def test_document_briefing_of_3400(corpus, documents):
    briefing = briefing_from(corpus, doc="cong van 3400")
    assert briefing.subject == "3400-CV/TU"
    identity = {line.text.split(":")[0]: line for line in briefing.parts[0].lines}
    assert identity["Ngày ban hành"].text.endswith("21/8/2024")
    assert identity["Cơ quan ban hành"].citations[0].locator == ("header",)
    related = [line.text for line in briefing.parts[1].lines]
    assert any(text.startswith("Thực hiện Kết luận 62-KL/TW") and "chưa có trong kho" in text for text in related)
    points = briefing.parts[2].lines
    starts = [line.citations[0].start for line in points]
    assert starts == sorted(starts)  # main points in document order
    assert [line.citations[0].locator for line in points if line.depth == 1] == [("4", str(n)) for n in range(1, 6)]


def test_a_number_the_text_does_not_print_is_said_to_come_from_the_catalogue(corpus):
    identity = briefing_from(corpus, doc="155-KL/TW").parts[0].lines
    number = next(line for line in identity if line.text.startswith("Số, ký hiệu"))
    assert not number.citations and "danh mục" in number.note
    issued = next(line for line in identity if line.text.startswith("Ngày ban hành"))
    assert issued.citations[0].locator == ("preamble",)  # "Tại phiên họp ngày 16/5/2025"


def test_unit_briefing_accepts_abbreviations_and_missing_diacritics(corpus):
    wanted = unit_key("Ban Tổ chức Tỉnh ủy")
    expected = {(d.number, a.locator, a.role, a.task_start) for d in corpus for a in d.assignments
                if any(unit_key(u) == wanted for u in a.units)}
    for name in ("Ban Tổ chức Tỉnh ủy", "BTC TU", "ban to chuc tinh uy"):
        briefing = briefing_from(corpus, unit=name)
        listed = {(r.citation.doc_number, r.citation.locator, r.role, r.citation.start) for r in briefing.rows()}
        assert listed == expected and briefing.subject == "Ban Tổ chức Tỉnh ủy"


def test_unit_briefing_puts_deadlines_first_and_keeps_to_the_unit(corpus):
    briefing = briefing_from(corpus, unit="So Tu phap")
    for part in briefing.parts:
        dated = [row.deadline is not None for row in part.rows]
        assert dated == sorted(dated, reverse=True)
    assert {unit for row in briefing.rows() for unit in row.units} == {"Sở Tư pháp"}
    # "UBND tỉnh" is the provincial committee, not the Party group inside it whose name contains those words
    assert briefing_from(corpus, unit="UBND tỉnh").subject == "Ủy ban nhân dân tỉnh"


def test_topic_lists_only_clauses_holding_the_topic(corpus, documents):
    marked = briefing_from(corpus, topic="biên chế")
    for line in marked.lines():
        assert "biên chế" in line.text.lower()
    cited = {(c.doc_number, c.locator) for line in marked.lines() for c in line.citations}
    assert ("3400-CV/TU", ("5",)) in cited and ("3400-CV/TU", ("4", "3")) in cited
    # Điều 3 of 1378/QĐ-BNV names "Vụ trưởng Vụ Tổ chức - Biên chế": a body's name, not the topic
    assert ("1378/QĐ-BNV", ("Điều 3",)) not in cited
    folded = briefing_from(corpus, topic="bien che")
    assert all("bien che" in fold_diacritics(line.text.lower()) for line in folded.lines())
    assert cited <= {(c.doc_number, c.locator) for line in folded.lines() for c in line.citations}
    headings = {part.heading for document_part in marked.parts for part in document_part.parts}
    assert "Ban Tổ chức Tỉnh ủy" in headings
    # lower case inside "các đơn vị sự nghiệp công lập" is the common noun a collective is named by: on topic
    assert "3400-CV/TU" in briefing_from(corpus, topic="đơn vị sự nghiệp công lập").documents
    with pytest.raises(TopicNotFound):
        briefing_from(corpus, topic="biến chế")  # typed with diacritics: a different word


@pytest.mark.parametrize("request_, error", [
    ({"doc": "999-KL/TW"}, UnknownDocument),
    ({"unit": "Bộ Ngoại giao"}, UnknownUnit),
    ({"topic": "   "}, BadBriefingRequest),
    ({"doc": "3400-CV/TU", "unit": "BTC TU"}, BadBriefingRequest),
    ({}, BadBriefingRequest),
])
def test_bad_requests_say_what_to_do_in_vietnamese(corpus, request_, error):
    with pytest.raises(error) as raised:
        briefing_from(corpus, **request_)
    assert isinstance(raised.value, BriefingError) and raised.value.message.startswith(("Không", "Hãy"))


def test_writers_format_the_same_briefing(corpus):
    briefing = briefing_from(corpus, unit="Sở Tư pháp")
    markdown = render(briefing, "md")
    assert markdown.startswith("# Đề cương nhiệm vụ của Sở Tư pháp")
    assert markdown.count("| Sở Tư pháp |") == len(briefing.rows())
    html = render(briefing, "html")
    assert html.count("<tr>") == len(briefing.rows()) + len(briefing.parts)  # a header row per table
    assert "Times New Roman" in html and "size: A4" in html
    with pytest.raises(BadBriefingRequest):
        render(briefing, "pdf")


def test_whole_corpus_by_unit_takes_seconds(corpus_data_dir, corpus):
    index = open_index(corpus_data_dir, None, None, "chidao", None)
    try:
        started = time.perf_counter()
        briefing = build_briefing(index, unit="Sở Nội vụ")  # the unit with the most tasks
        render(briefing, "docx")
        elapsed = time.perf_counter() - started
    finally:
        index.close()
    assert len(briefing.rows()) > 100 and elapsed < 5, elapsed


def test_cli_brief_writes_each_format(corpus_data_dir, monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from assistant.cli import app

    monkeypatch.setenv("CHIDAO_DATA_DIR", str(corpus_data_dir))
    runner = CliRunner()
    shown = runner.invoke(app, ["brief", "--topic", "so hoa tai lieu"])
    assert shown.exit_code == 0, shown.output
    assert "155-KL/TW, Mục 6, gạch đầu dòng thứ 2" in shown.output
    for fmt in ("docx", "html"):
        out = tmp_path / f"brief.{fmt}"
        written = runner.invoke(app, ["brief", "--doc", "2920", "--format", fmt, "--out", str(out)])
        assert written.exit_code == 0, written.output
        assert out.stat().st_size > 1000
    missing = runner.invoke(app, ["brief", "--unit", "Bộ Ngoại giao"])
    assert missing.exit_code == 1 and "Không văn bản nào giao nhiệm vụ" in missing.output
