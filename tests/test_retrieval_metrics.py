"""Retrieval metrics on a three-question toy set with known scores, and the benchmark run end to end."""

import json
import math
from pathlib import Path

import pytest

from evals.metrics_retrieval import ndcg_at, question_scores, recall_at, reciprocal_rank, summarize
from evals.retrieval import main, run_retrieval_benchmark
from ingest.embed import load_embedder
from ingest.normalize import normalize_text

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DOCUMENTS = [
    ("item", "3400-CV/TU", "3400-CV-TU-TienGiang-2024.txt"),
    ("kh", "141/KH-UBND", "141-KH-UBND-BacNinh-2025.txt"),
]

# q1: gold first; q2: gold third; q3: gold missing from the top 10
TOY = [
    (["a", "b", "c"], {"a": 1}),
    (["x", "y", "b", "z"], {"b": 1}),
    (["x", "y", "z"], {"c": 1}),
]


def test_recall_at_k():
    assert [recall_at(ranked, gold, 1) for ranked, gold in TOY] == [1.0, 0.0, 0.0]
    assert [recall_at(ranked, gold, 5) for ranked, gold in TOY] == [1.0, 1.0, 0.0]
    assert recall_at(["a", "b"], {"a": 1, "c": 1}, 5) == 0.5
    assert recall_at(["a"], {}, 5) == 0.0


def test_reciprocal_rank():
    assert [reciprocal_rank(ranked, gold) for ranked, gold in TOY] == [1.0, pytest.approx(1 / 3), 0.0]
    assert reciprocal_rank(["x", "y", "b"], {"b": 1}, k=2) == 0.0


def test_ndcg():
    assert ndcg_at(*TOY[0]) == 1.0
    assert ndcg_at(*TOY[1]) == pytest.approx(1 / math.log2(4))
    assert ndcg_at(*TOY[2]) == 0.0
    # graded: the better passage second costs gain
    ideal = 2 + 1 / math.log2(3)
    assert ndcg_at(["b", "a"], {"a": 2, "b": 1}) == pytest.approx((1 + 2 / math.log2(3)) / ideal)


def test_summary_is_the_mean_with_latency_percentiles():
    summary = summarize([question_scores(ranked, gold) for ranked, gold in TOY], [10.0, 20.0, 30.0])
    assert summary["recall@1"] == pytest.approx(1 / 3, abs=1e-4)
    assert summary["recall@5"] == pytest.approx(2 / 3, abs=1e-4)
    assert summary["mrr@10"] == pytest.approx((1 + 1 / 3) / 3, abs=1e-4)
    assert summary["ndcg@10"] == pytest.approx((1 + 0.5) / 3, abs=1e-4)
    assert summary["latency_ms_p50"] == 20.0
    assert summary["latency_ms_p95"] == pytest.approx(29.0)


@pytest.fixture
def benchmark_folder(tmp_path) -> Path:
    """A BEIR-style folder of the numbered paragraphs of two directives, with questions for three of them."""
    corpus = []
    for prefix, number, name in DOCUMENTS:
        text = normalize_text((CORPUS / name).read_text(encoding="utf-8"))
        items = [line for line in text.split("\n") if line[:1].isdigit() and len(line) > 40]
        corpus += [{"_id": f"{prefix}-{n}", "title": number, "text": item} for n, item in enumerate(items, 1)]
    folder = tmp_path / "bench"
    folder.mkdir()
    (folder / "corpus.jsonl").write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in corpus))
    questions = {
        "q1": ("Ai tăng cường giám sát việc đổi mới các đơn vị sự nghiệp công lập?", "item-3"),
        "q2": ("Ai lãnh đạo rà soát, sửa đổi văn bản quy phạm pháp luật?", "item-2"),
        "q3": ("Đẩy mạnh công tác thông tin, tuyên truyền, nâng cao nhận thức thế nào?", "item-1"),
    }
    queries = [{"_id": key, "text": question} for key, (question, _) in questions.items()]
    (folder / "queries.jsonl").write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in queries))
    qrels = "".join(f"{key}\t{gold}\t1\n" for key, (_, gold) in questions.items())
    (folder / "qrels.tsv").write_text("query-id\tcorpus-id\tscore\n" + qrels)
    return folder


@pytest.mark.slow
def test_benchmark_writes_contract_metrics_and_per_question_rows(benchmark_folder, tmp_path):
    out = tmp_path / "out"
    metrics = run_retrieval_benchmark(benchmark_folder, out, embedder=load_embedder("e5"))
    written = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert written == metrics
    for key in ("recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10", "latency_ms_p50", "latency_ms_p95"):
        assert key in metrics
    assert set(metrics["modes"]) == {"lexical", "dense", "hybrid"}
    assert set(metrics["modes"]["hybrid"]) == {"accented", "folded"}
    assert metrics["passages"] > 20
    assert metrics["recall@1"] == metrics["modes"]["hybrid"]["accented"]["recall@1"] == 1.0
    assert metrics["modes"]["hybrid"]["folded"]["recall@1"] == 1.0
    assert all(metrics["modes"][mode]["accented"]["recall@5"] == 1.0 for mode in ("lexical", "dense"))
    rows = (out / "per_query.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 3 * 3 * 2
    assert json.loads(rows[0])["relevant"] == ["item-3"]


def test_command_line_help_has_an_example(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "example: python -m evals.retrieval" in capsys.readouterr().out
