"""Baselines of the comparison (issue #4) on the real corpus: chunks, BM25, a plain LlamaIndex pipeline over
real e5 in an embedded Qdrant, and the side-by-side run of `evals.compare` on a small gold file."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from evals.baseline_bm25 import Bm25Baseline, syllables
from evals.baseline_chunks import UNKNOWN_ROLE, load_documents, section_at, split_chunks
from evals.compare import SYSTEMS, CompareError, compare, main, open_systems
from evals.retrieval import run_retrieval_benchmark
from ingest.units import find_units

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
# two of the five documents keep the throw-away chidao index and the e5 chunk vectors quick to build
SMALL = ("3400-CV-TU-TienGiang-2024.txt", "155-KL-TW-2025.txt")


@pytest.fixture(scope="module")
def documents():
    return load_documents(CORPUS)


@pytest.fixture(scope="module")
def chunks(documents):
    return split_chunks(documents)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small-corpus")
    for name in (*SMALL, "manifest.json"):
        shutil.copy(CORPUS / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def systems(small_corpus):
    with open_systems(small_corpus) as opened:
        yield opened


def check_answer(answer, documents):
    """The baseline contract: answers, one citation that quotes the stored text at a real locator, and the
    units are exactly those named in the cited chunk."""
    assert answer.answerable
    [citation] = answer.citations
    document = next(d for d in documents if d.number == citation.doc_number)
    assert document.text[citation.start : citation.end] == citation.text
    assert document.find(citation.locator, citation.paragraph) is not None
    assert citation.text in answer.answer and "[1]" in answer.answer
    named = {m.name for m in find_units(document.text, citation.start, citation.end)}
    assert {u.name for u in answer.units} == named
    assert all(u.role == UNKNOWN_ROLE and u.citations == (1,) for u in answer.units)
    return citation


def test_chunks_quote_the_stored_text_and_cover_every_document(documents, chunks):
    for document in documents:
        own = sorted((c for c in chunks if c.document is document), key=lambda c: c.start)
        assert own and all(document.text[c.start : c.end] == c.text for c in own)
        assert not document.text[: own[0].start].strip() and not document.text[own[-1].end :].strip()
        for before, after in zip(own, own[1:]):  # overlapping or separated by white space only
            assert not document.text[before.end : after.start].strip()
    assert len({c.id for c in chunks}) == len(chunks)


def test_section_at_finds_the_innermost_section_or_the_next_one(documents):
    document = next(d for d in documents if d.number == "3400-CV/TU")
    offset = document.text.index("Chủ trì phối hợp với các cơ quan có liên quan")
    assert section_at(document, offset).locator == ("5",)
    item = document.find(("5",))
    gap = item.start - 1  # the line break before "5." belongs to no section
    assert document.text[gap].isspace()
    assert section_at(document, gap).start == item.start


def test_syllables_are_lower_case_nfc_whatever_the_input_form():
    decomposed = unicodedata.normalize("NFD", "Ủy ban NHÂN DÂN tỉnh, Sở Nội vụ")
    assert syllables(decomposed) == ["ủy", "ban", "nhân", "dân", "tỉnh", "sở", "nội", "vụ"]
    assert syllables("Theo cong van 3400-CV/TU") == ["theo", "cong", "van", "3400", "cv", "tu"]


def test_bm25_answers_with_a_chunk_of_the_document_asked_about(documents, chunks):
    bm25 = Bm25Baseline(chunks)
    for question in (
        "Theo Kết luận 155, ai hướng dẫn ủy ban kiểm tra và thanh tra các cấp giám sát việc sắp xếp bộ máy?",
        "Sở Nội vụ tỉnh Hà Tĩnh có những phòng chuyên môn nào?",
    ):
        check_answer(bm25.ask(question), documents)
    answer = bm25.ask("Theo Kết luận 155, ai hướng dẫn giám sát việc sắp xếp?")
    assert answer.citations[0].doc_number == "155-KL/TW"
    # no syllable it knows, and none at all: it still answers, as such a baseline does
    for question in ("xyzzy qwerty", ""):
        check_answer(bm25.ask(question), documents)


def test_llamaindex_answers_top_chunk_from_qdrant(systems, documents):
    baseline = systems["llamaindex"]
    for question in (
        "Theo Kết luận 155, ai hướng dẫn ủy ban kiểm tra và thanh tra các cấp giám sát việc sắp xếp bộ máy?",
        "Theo Ket luan 155, ai huong dan uy ban kiem tra giam sat viec sap xep bo may?",
    ):
        citation = check_answer(baseline.ask(question), documents)
        assert citation.doc_number == "155-KL/TW"


GOLD = [
    {"id": "t1", "question": "Theo Công văn 3400-CV/TU, cơ quan nào theo dõi, kiểm tra việc thực hiện?",
     "answerable": True, "units": [["Ban Tổ chức Tỉnh ủy"]], "allowed": ["Ban Tổ chức Tỉnh ủy"],
     "citations": [{"doc": "3400-CV/TU", "locator": ["5"]}], "tags": ["kind:who", "form:diacritics"]},
    {"id": "t2", "question": "Dang uy Quoc hoi phai lam gi theo Ket luan 155?", "answerable": True,
     "units": [["Đảng ủy Quốc hội"]], "citations": [{"doc": "155-KL/TW", "locator": ["4"]}],
     "tags": ["kind:what", "form:no_diacritics"]},
    {"id": "t3", "question": "Kết luận 155 chọn tỉnh nào làm thí điểm mô hình chính quyền địa phương 2 cấp?",
     "answerable": False, "tags": ["kind:unanswerable", "form:diacritics"]},
]


def write_lines(path, rows):
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), "utf-8")


def tiny_benchmark(folder, documents):
    """A BEIR-style folder (CONTRACT §5) of the five top-level items of Công văn 3400, two questions."""
    document = next(d for d in documents if d.number == "3400-CV/TU")
    items = [s for s in document.sections if s.kind == "item"]
    rows = [{"_id": f"p{s.locator[0]}", "title": "", "text": document.text[s.start : s.end]} for s in items]
    queries = [
        {"_id": "a", "text": "Ai chủ trì theo dõi, kiểm tra việc thực hiện công văn?"},
        {"_id": "b", "text": "Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo rà soát văn bản nào?"},
    ]
    folder.mkdir()
    write_lines(folder / "corpus.jsonl", rows)
    write_lines(folder / "queries.jsonl", queries)
    (folder / "qrels.tsv").write_text("query-id\tcorpus-id\tscore\na\tp5\t1\nb\tp2\t1\n", "utf-8")
    return folder


def test_compare_writes_one_row_per_system(systems, documents, tmp_path):
    gold = tmp_path / "tiny.jsonl"
    write_lines(gold, GOLD)
    out = tmp_path / "out"
    alqac = run_retrieval_benchmark(tiny_benchmark(tmp_path / "bench", documents), out / "alqac")
    comparison = compare([gold], out, systems, alqac=alqac)

    assert list(comparison["splits"]["tiny"]) == list(SYSTEMS)
    for name in SYSTEMS:
        predictions = (out / "tiny" / name / "predictions.jsonl").read_text("utf-8").splitlines()
        assert [json.loads(line)["id"] for line in predictions] == ["t1", "t2", "t3"]
        assert (out / "tiny" / name / "report.md").is_file()
    for baseline in ("bm25", "llamaindex"):  # they never refuse
        assert comparison["splits"]["tiny"][baseline]["refusal_recall"] == 0.0
    assert json.loads((out / "comparison.json").read_text("utf-8"))["splits"] == comparison["splits"]

    markdown = (out / "comparison.md").read_text("utf-8").splitlines()
    for name in SYSTEMS:
        assert sum(line.startswith(f"| `{name}` |") for line in markdown) == 1  # its headline row
    tag_rows = [line for line in markdown if line.startswith("| `kind:")]
    assert {row.split("`")[1] for row in tag_rows} == {"kind:who", "kind:what", "kind:unanswerable"}
    modes = ("| lexical |", "| dense |", "| hybrid |")
    assert sum(line.startswith(modes) for line in markdown) == 6  # questions with and without diacritics
    html = (out / "comparison.html").read_text("utf-8")
    assert all(f'href="tiny/{name}/report.html"' in html for name in SYSTEMS)


def test_command_rejects_a_bad_gold_file_before_building_anything(tmp_path, small_corpus, capsys):
    gold = tmp_path / "bad.jsonl"
    gold.write_text('{"id": "x1"}\n', "utf-8")
    assert main(["--gold", str(gold), "--out", str(tmp_path / "out"), "--corpus", str(small_corpus)]) == 2
    assert "bad.jsonl, dòng 1" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_an_index_of_other_documents_is_refused(tmp_path, small_corpus):
    with pytest.raises(CompareError) as raised:
        with open_systems(small_corpus, data_dir=tmp_path / "empty-index"):
            pass
    assert "thiếu: 155-KL/TW, 3400-CV/TU" in raised.value.message
