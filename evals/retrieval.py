"""Evaluation step: a retrieval benchmark (CONTRACT §5) run through the project's own index and search.

The folder's corpus goes into a throw-away embedded Qdrant collection; every question is asked as written
(accented) and with its diacritics removed (folded), by each leg alone and by the fused hybrid.

    python -m evals.retrieval ../shared/benchmarks/alqac2022 --out artifacts/retrieval-alqac
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from assistant.retrieve import DENSE_WEIGHT, DENSE_WEIGHT_RESTORED, LEXICAL_WEIGHT
from evals.metrics_retrieval import question_scores, summarize
from ingest.embed import Embedder, load_embedder
from ingest.lexical import sparse_vector
from ingest.restore import DiacriticRestorer
from ingest.store import IndexPoint, Store, open_store, point_id
from ingest.vietnamese import fold_diacritics

MODES = ("lexical", "dense", "hybrid")
FORMS = ("accented", "folded")
DEFAULT_MODE, DEFAULT_FORM = "hybrid", "accented"
LIMIT = 10
BATCH = 64


class CorpusRow(BaseModel):
    """One line of corpus.jsonl."""

    model_config = ConfigDict(extra="ignore")
    id: str = Field(alias="_id")
    title: str = ""
    text: str

    @property
    def passage(self) -> str:
        """What is indexed: the title, then the text (BEIR practice)."""
        return f"{self.title}\n{self.text}" if self.title else self.text


class QueryRow(BaseModel):
    """One line of queries.jsonl."""

    model_config = ConfigDict(extra="ignore")
    id: str = Field(alias="_id")
    text: str


@dataclass(frozen=True)
class Benchmark:
    corpus: list[CorpusRow]
    queries: list[QueryRow]  # only those with a gold passage
    qrels: dict[str, dict[str, int]]  # query id -> {corpus id: grade}


def load_benchmark(folder: Path) -> Benchmark:
    """Read corpus.jsonl, queries.jsonl and qrels.tsv (header line; query-id, corpus-id, score)."""
    corpus = [CorpusRow.model_validate_json(line) for line in _lines(folder / "corpus.jsonl")]
    qrels: dict[str, dict[str, int]] = {}
    for line in _lines(folder / "qrels.tsv")[1:]:
        query, passage, grade = line.split("\t")[:3]
        if int(grade) > 0:
            qrels.setdefault(query, {})[passage] = int(grade)
    queries = [QueryRow.model_validate_json(line) for line in _lines(folder / "queries.jsonl")]
    return Benchmark(corpus, [query for query in queries if query.id in qrels], qrels)


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def index_corpus(store: Store, embedder: Embedder, corpus: Sequence[CorpusRow]) -> None:
    """Embed and index every passage, with its benchmark id as payload."""
    store.ensure(embedder.dim)
    for start in range(0, len(corpus), BATCH):
        rows = corpus[start : start + BATCH]
        vectors = embedder.embed_documents([row.passage for row in rows])
        store.upsert([
            IndexPoint(
                point_id(row.id), vector, sparse_vector(row.passage, query=False), {"corpus_id": row.id}
            )
            for row, vector in zip(rows, vectors)
        ])


def run_retrieval_benchmark(
    folder: Path,
    out: Path,
    *,
    embedder: Embedder | None = None,
    modes: Sequence[str] = MODES,
    forms: Sequence[str] = FORMS,
) -> dict:
    """Index the folder's corpus in a temporary collection, ask every question, write OUT/metrics.json.

    Top-level metrics are the default pipeline's (hybrid search, questions as written); `modes` nests every
    mode and query form. OUT/per_query.jsonl keeps one row per question, form and mode, for diffing runs.
    """
    unknown = (set(modes) - set(MODES)) | (set(forms) - set(FORMS))
    if unknown:
        raise ValueError(f"unknown modes or forms: {sorted(unknown)}")
    benchmark = load_benchmark(folder)
    embedder = embedder or load_embedder("e5")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="chidao-bench-") as scratch:
        with open_store(Path(scratch), None, None, "benchmark") as store:
            started = time.perf_counter()
            index_corpus(store, embedder, benchmark.corpus)
            restorer = DiacriticRestorer.from_texts(row.passage for row in benchmark.corpus)
            index_seconds = time.perf_counter() - started
            rows = _ask_all(store, embedder, restorer, benchmark, modes, forms)

    breakdown = {
        mode: {
            form: summarize(
                [row["scores"] for row in rows if row["mode"] == mode and row["form"] == form],
                [row["latency_ms"] for row in rows if row["mode"] == mode and row["form"] == form],
            )
            for form in forms
        }
        for mode in modes
    }
    default = breakdown.get(DEFAULT_MODE, {}).get(DEFAULT_FORM) or breakdown[modes[0]][forms[0]]
    metrics = {
        **default,
        "pipeline": {
            "mode": DEFAULT_MODE, "form": DEFAULT_FORM, "embedder": embedder.name, "fusion": "dbsf",
            "dense_weight": DENSE_WEIGHT,
            "dense_weight_restored": DENSE_WEIGHT_RESTORED,
            "lexical_weight": LEXICAL_WEIGHT,
        },
        "benchmark": folder.name,
        "passages": len(benchmark.corpus),
        "questions": len(benchmark.queries),
        "index_seconds": round(index_seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "modes": breakdown,
    }
    (out / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2) + "\n", "utf-8")
    with (out / "per_query.jsonl").open("w", encoding="utf-8") as lines:
        for row in rows:
            lines.write(json.dumps(row, ensure_ascii=False) + "\n")
    return metrics


def _ask_all(store, embedder, restorer, benchmark, modes, forms) -> list[dict]:
    """Ask every question in every form and mode; latency = building the query's vectors + the search."""
    rows = []
    for form in forms:
        for query in benchmark.queries:
            question = query.text if form == "accented" else fold_diacritics(query.text)
            started = time.perf_counter()
            # a question typed without diacritics is embedded restored: the dense model cannot read it bare
            restored = restorer.restore(question)
            dense = embedder.embed_query(restored) if set(modes) - {"lexical"} else None
            dense_ms = (time.perf_counter() - started) * 1000
            # the assistant's weights (assistant.retrieve), so the hybrid measured is the one that answers
            dense_weight = DENSE_WEIGHT if restored == question else DENSE_WEIGHT_RESTORED
            started = time.perf_counter()
            sparse = sparse_vector(question, query=True)
            sparse_ms = (time.perf_counter() - started) * 1000
            for mode in modes:
                started = time.perf_counter()
                weights = {"dense_weight": dense_weight, "lexical_weight": LEXICAL_WEIGHT}
                hits = store.search(dense, sparse, limit=LIMIT, mode=mode, **weights)
                latency = (time.perf_counter() - started) * 1000
                latency += (dense_ms if mode != "lexical" else 0) + (sparse_ms if mode != "dense" else 0)
                ranked = [hit.payload["corpus_id"] for hit in hits]
                relevant = benchmark.qrels[query.id]
                rows.append({
                    "id": query.id, "form": form, "mode": mode, "question": question, "ranked": ranked,
                    "relevant": sorted(relevant), "scores": question_scores(ranked, relevant),
                    "latency_ms": round(latency, 2),
                })
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: python -m evals.retrieval DIR --out OUT [--embedder e5|st:FOLDER]."""
    parser = argparse.ArgumentParser(
        prog="python -m evals.retrieval",
        description="Retrieval benchmark on a BEIR-style folder (corpus.jsonl, queries.jsonl, qrels.tsv).",
        epilog="example: python -m evals.retrieval ../shared/benchmarks/alqac2022 --out artifacts/retrieval",
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--embedder", default="e5", help="e5 (default) or st:<sentence-transformers folder>")
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=MODES)
    parser.add_argument("--forms", nargs="+", default=list(FORMS), choices=FORMS)
    args = parser.parse_args(argv)
    metrics = run_retrieval_benchmark(
        args.folder, args.out, embedder=load_embedder(args.embedder), modes=args.modes, forms=args.forms
    )
    print(
        f"{metrics['benchmark']}: {metrics['passages']} passages indexed in {metrics['index_seconds']} s, "
        f"peak RSS {metrics['peak_rss_mb']} MB, embedder {metrics['pipeline']['embedder']}"
    )
    columns = ("recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10", "latency_ms_p50", "latency_ms_p95")
    print(f"{'mode':8} {'form':9} " + " ".join(f"{name.removeprefix('latency_'):>10}" for name in columns))
    for mode, by_form in metrics["modes"].items():
        for form, values in by_form.items():
            print(f"{mode:8} {form:9} " + " ".join(f"{values[name]:10.3f}" for name in columns))
    return 0


if __name__ == "__main__":
    sys.exit(main())
