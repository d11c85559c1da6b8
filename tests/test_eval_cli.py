"""`chidao eval` and `chidao eval retrieval` (evals/cli.py), invoked as the lead mounts them."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from evals.cli import eval_app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

# as the main `chidao` app mounts it: app.add_typer(eval_app, name="eval")
app = typer.Typer()
app.add_typer(eval_app, name="eval")


@app.callback()
def _root() -> None:
    """Stands for the main app's callback."""


def test_every_command_has_an_example_line():
    for command in (["eval", "--help"], ["eval", "retrieval", "--help"]):
        lines = [line.strip(" │") for line in runner.invoke(app, command).output.splitlines()]
        assert any(line.startswith("Example: chidao eval") for line in lines), command


def test_eval_without_a_gold_file_says_what_to_type():
    result = runner.invoke(app, ["eval"])
    assert result.exit_code == 2 and "chidao eval --gold" in result.output


def test_a_bad_gold_file_is_reported_before_anything_is_loaded(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x1"}\n', "utf-8")
    result = runner.invoke(app, ["eval", "--gold", str(bad), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "dòng 1" in result.output and not (tmp_path / "out").exists()


def test_retrieval_names_the_missing_benchmark_files(tmp_path):
    (tmp_path / "corpus.jsonl").write_text('{"_id": "d1", "text": "Điều 1."}\n', "utf-8")
    result = runner.invoke(app, ["eval", "retrieval", str(tmp_path)])
    assert result.exit_code == 2 and "queries.jsonl, qrels.tsv" in result.output


def test_retrieval_on_a_tiny_benchmark_writes_its_metrics(tmp_path):
    bench = tmp_path / "bench"
    bench.mkdir()
    passages = {
        "p1": "Sở Tư pháp chủ trì thẩm định dự thảo văn bản quy phạm pháp luật của tỉnh.",
        "p2": "Sở Tài chính bố trí kinh phí thực hiện kế hoạch từ ngân sách địa phương.",
        "p3": "Ủy ban nhân dân cấp xã tổ chức tuyên truyền đến người dân.",
    }
    queries = {"q1": "Cơ quan nào thẩm định văn bản quy phạm pháp luật?", "q2": "kinh phi lay tu dau?"}
    (bench / "corpus.jsonl").write_text(
        "".join(
            json.dumps({"_id": k, "title": "", "text": v}, ensure_ascii=False) + "\n"
            for k, v in passages.items()
        ),
        "utf-8",
    )
    (bench / "queries.jsonl").write_text(
        "".join(json.dumps({"_id": k, "text": v}, ensure_ascii=False) + "\n" for k, v in queries.items()),
        "utf-8",
    )
    (bench / "qrels.tsv").write_text("query-id\tcorpus-id\tscore\nq1\tp1\t1\nq2\tp2\t1\n", "utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["eval", "retrieval", str(bench), "--out", str(out), "--embedder", "e5"])
    assert result.exit_code == 0, result.output
    metrics = json.loads((out / "metrics.json").read_text("utf-8"))
    assert {
        "recall@1",
        "recall@5",
        "recall@10",
        "mrr@10",
        "ndcg@10",
        "latency_ms_p50",
        "latency_ms_p95",
    } <= set(metrics)
    assert metrics["questions"] == 2 and metrics["recall@10"] == 1.0  # three passages: all are in the top ten


def test_eval_on_dev_questions_through_the_real_assistant(corpus_data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("CHIDAO_DATA_DIR", str(corpus_data_dir))
    gold = tmp_path / "two.jsonl"
    gold.write_text(
        "".join((ROOT / "evals" / "gold" / "dev.jsonl").read_text("utf-8").splitlines(True)[:2]), "utf-8"
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["eval", "--gold", str(gold), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Đúng hoàn toàn" in result.output
    for name in ("predictions.jsonl", "per_question.jsonl", "metrics.json", "report.md", "report.html"):
        assert (out / name).stat().st_size > 0, name
    assert json.loads((out / "metrics.json").read_text("utf-8"))["questions"] == 2
