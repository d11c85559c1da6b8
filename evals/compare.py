"""Evaluation step: chidao beside what a user could assemble in an afternoon (issue #4), on the same questions
and machine: chidao (hybrid), chidao lexical-only, BM25 over chunks, a plain LlamaIndex pipeline.

    python -m evals.compare --out artifacts/eval [--gold evals/gold/dev.jsonl ...] [--alqac DIR]

Each run's reports go to OUT/<split>/<system>/; the comparison to OUT/comparison.{md,html,json}.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from evals.report import (
    ReportUnavailable,
    check_report_dependencies,
    format_value,
    metric_labels,
    template_environment,
)
from evals.runner import Asker, GoldFileError, load_gold, run_eval
from ingest.embed import EmbedderUnavailable
from ingest.errors import IngestError
from ingest.store import StoreError

ROOT = Path(__file__).resolve().parents[1]

# system name (its folder under OUT/<split>/) -> how the report names it
SYSTEMS = {
    "chidao": "chidao (lai: ngữ nghĩa + từ vựng)",
    "chidao-lexical": "chidao, chỉ tìm từ vựng",
    "bm25": "BM25 trên đoạn cắt sẵn",
    "llamaindex": "LlamaIndex: VectorStoreIndex, top-1",
}
COLUMNS = (
    "fully_correct", "unit_recall", "unit_precision", "unit_exact_match", "citation_top", "citation_exact",
    "expect_text_hit", "refusal_precision", "refusal_recall", "latency_ms_p50", "latency_ms_p95",
)
ALQAC_COLUMNS = ("recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10", "latency_ms_p50", "latency_ms_p95")


class CompareError(Exception):
    """The comparison cannot run as asked. `message` is Vietnamese and says what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# errors whose message tells the user what to do: printed, no traceback
STOPS = (CompareError, GoldFileError, ReportUnavailable, EmbedderUnavailable, StoreError, IngestError)


@contextmanager
def open_systems(
    corpus: Path, *, data_dir: Path | None = None, embedder: str = "e5", collection: str = "chidao"
) -> Iterator[dict[str, Asker]]:
    """The four systems over one corpus folder, sharing one embedding model. chidao's index is built in a
    throw-away folder, or read from `data_dir`, which must hold exactly the corpus's documents."""
    from assistant.conversations import ConversationStore
    from assistant.engine import Assistant
    from evals.baseline_bm25 import Bm25Baseline
    from evals.baseline_chunks import load_documents, split_chunks
    from evals.baseline_llamaindex import LlamaIndexBaseline
    from ingest.embed import load_embedder
    from ingest.index import file_sha, open_index

    documents = load_documents(corpus)
    model = load_embedder(embedder)
    with ExitStack() as stack:
        fresh = data_dir is None
        if fresh:
            data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="chidao-compare-")))
        index = open_index(data_dir, None, None, collection, model)
        stack.callback(index.close)
        if fresh:
            for document in documents:
                index.add(document, file_sha(Path(document.source)))
        indexed = {record.document.number for record in index.records()}
        _check_same_documents({d.number for d in documents}, indexed, data_dir)
        conversations = ConversationStore(index.store.client, f"{collection}_conversations")
        hybrid, lexical = Assistant(index, conversations), Assistant(index, conversations)
        lexical.retriever.mode = "lexical"
        for assistant in (hybrid, lexical):
            assistant.warm_up()
        chunks = split_chunks(documents)
        yield {
            "chidao": hybrid,
            "chidao-lexical": lexical,
            "bm25": Bm25Baseline(chunks),
            "llamaindex": stack.enter_context(LlamaIndexBaseline(chunks, model)),
        }


def _check_same_documents(corpus: set[str], indexed: set[str], data_dir: Path) -> None:
    # a comparison is fair only when every system reads the same documents
    if corpus != indexed:
        raise CompareError(
            f"Chỉ mục ở {data_dir} không chứa đúng các văn bản của thư mục văn bản "
            f"(thiếu: {', '.join(sorted(corpus - indexed)) or 'không'}; thừa: "
            f"{', '.join(sorted(indexed - corpus)) or 'không'}). Hãy bỏ --data-dir để dựng chỉ mục tạm."
        )


def check_golds(golds: Sequence[Path]) -> None:
    """Raise GoldFileError for a bad gold file, ReportUnavailable without the report libraries: before
    the systems are built and the questions asked, not after."""
    check_report_dependencies()
    for gold in golds:
        load_gold(gold)


def compare(
    golds: Sequence[Path], out: Path, systems: dict[str, Asker], *, alqac: dict | None = None
) -> dict:
    """Run every gold file through every system (reports in OUT/<split>/<system>/), then write the
    side-by-side OUT/comparison.json, .md and .html; returns what comparison.json holds."""
    check_golds(golds)
    splits = {
        gold.stem: {name: run_eval(gold, out / gold.stem / name, asker) for name, asker in systems.items()}
        for gold in golds
    }
    comparison = {
        "systems": {name: SYSTEMS.get(name, name) for name in systems},
        "splits": splits,
        "alqac": alqac,
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "comparison.json").write_text(json.dumps(comparison, ensure_ascii=False, indent=2) + "\n", "utf-8")
    _write_reports(out, comparison)
    return comparison


def _write_reports(out: Path, comparison: dict) -> None:
    labels = metric_labels()
    context = {
        **comparison,
        "columns": {key: labels.get(key, key) for key in COLUMNS},
        "tags": {split: _tags(runs) for split, runs in comparison["splits"].items()},
        "alqac_columns": ALQAC_COLUMNS,
    }
    for name, autoescape in (("comparison.md", False), ("comparison.html", True)):
        env = template_environment(autoescape)
        env.filters.update(retrieval=_retrieval_value)
        (out / name).write_text(env.get_template(f"{name}.j2").render(context), "utf-8")


def _tags(runs: dict[str, dict]) -> dict[str, dict]:
    """tag -> {"questions": n, system: fully-correct share}, over the tags any system's run carries."""
    tags = sorted({tag for metrics in runs.values() for tag in metrics["by_tag"]})
    table = {}
    for tag in tags:
        figures = {name: metrics["by_tag"].get(tag) for name, metrics in runs.items()}
        table[tag] = {
            "questions": next(f["questions"] for f in figures.values() if f),
            **{name: f["fully_correct"] if f else None for name, f in figures.items()},
        }
    return table


def _retrieval_value(value: float, key: str) -> str:
    return f"{value:.0f} ms" if key.startswith("latency") else f"{value:.3f}"


def print_table(comparison: dict) -> None:
    """The headline figures, one table per split: a row per system."""
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(Console().width, 150))  # eleven columns: cramped in a narrow window or a log
    short = {key: key.replace("latency_ms_", "").replace("_", " ") for key in COLUMNS}
    for split, runs in comparison["splits"].items():
        questions = next(iter(runs.values()))["questions"]
        table = Table(title=f"{split}: {questions} câu hỏi")
        table.add_column("hệ thống", no_wrap=True)
        for header in short.values():
            table.add_column(header, justify="right")
        for name, metrics in runs.items():
            table.add_row(name, *(format_value(metrics[key], key) for key in COLUMNS))
        console.print(table)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: python -m evals.compare --out OUT [--gold FILE ...] [--alqac DIR]."""
    parser = argparse.ArgumentParser(
        prog="python -m evals.compare",
        description="chidao beside a BM25 baseline and a plain LlamaIndex pipeline, on the same questions.",
        epilog="example: python -m evals.compare --out artifacts/eval --gold evals/gold/dev.jsonl",
    )
    parser.add_argument("--out", type=Path, default=Path("artifacts/eval"))
    parser.add_argument("--gold", type=Path, nargs="+", help="gold files (default: every evals/gold/*.jsonl)")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="documents and manifest.json")
    parser.add_argument("--data-dir", type=Path, help="an ingested index of that corpus (default: build one)")
    parser.add_argument("--embedder", default="e5", help="e5 (default) or st:<sentence-transformers folder>")
    parser.add_argument("--alqac", type=Path, help="also the retrieval benchmark on this folder (~10 min)")
    args = parser.parse_args(argv)
    golds = args.gold or sorted((ROOT / "evals" / "gold").glob("*.jsonl"))

    from ingest.embed import load_embedder

    try:
        check_golds(golds)
        alqac = None
        if args.alqac:
            from evals.retrieval import run_retrieval_benchmark

            model = load_embedder(args.embedder)
            alqac = run_retrieval_benchmark(args.alqac, args.out / "alqac", embedder=model)
        with open_systems(args.corpus, data_dir=args.data_dir, embedder=args.embedder) as systems:
            comparison = compare(golds, args.out, systems, alqac=alqac)
    except STOPS as error:
        print(error, file=sys.stderr)
        return 2
    print_table(comparison)
    print(f"Kết quả: {args.out / 'comparison.md'}, {args.out / 'comparison.html'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
