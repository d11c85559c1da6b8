"""Benchmark: ingest time, cold and warm question latency (p50/p95), peak memory, quality on the dev gold set,
for the default hybrid pipeline and the simpler alternatives (lexical-only, dense-only) in the same run.

Run with `make bench` (or `python -m evals.bench`); it prints a table and writes artifacts/bench.json.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    from assistant.cli import app
    from assistant.engine import Assistant
    from assistant.settings import Settings
    from evals.runner import run_eval

    data_dir = Path(tempfile.mkdtemp(prefix="chidao-bench-"))
    env = {"CHIDAO_DATA_DIR": str(data_dir)}
    started = time.perf_counter()
    result = CliRunner().invoke(app, ["ingest", str(ROOT / "corpus")], env=env)
    ingest_seconds = time.perf_counter() - started
    if result.exit_code != 0:
        print(result.output)
        return 1

    question = "Đơn vị nào chủ trì theo dõi việc thực hiện Công văn 3400?"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "assistant", "ask", question], env={**env, "PATH": ""},
                   capture_output=True, check=True, cwd=ROOT)
    cold_seconds = time.perf_counter() - started

    rows = {}
    assistant = Assistant.open(Settings(data_dir=data_dir))
    assistant.warm_up()  # as the chat and the web service do at start; the cold path is measured above
    try:
        for mode in ("hybrid", "lexical", "dense"):
            assistant.retriever.mode = mode
            out = Path(tempfile.mkdtemp(prefix=f"chidao-bench-{mode}-"))
            metrics = run_eval(ROOT / "evals" / "gold" / "dev.jsonl", out, assistant)
            rows[mode] = metrics
    finally:
        assistant.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    report = {"ingest_seconds": round(ingest_seconds, 1), "cold_ask_seconds": round(cold_seconds, 2),
              "peak_rss_mb": round(peak_mb), "modes": {}}
    print(f"corpus ingest (5 documents, default embedder): {ingest_seconds:.1f} s")
    print(f"cold `chidao ask` (new process, model load included): {cold_seconds:.2f} s")
    print(f"peak RSS of this process: {peak_mb:.0f} MB")
    keys = ("fully_correct", "unit_recall", "unit_precision", "citation_exact", "refusal_precision",
            "refusal_recall", "latency_ms_p50", "latency_ms_p95")
    print(f"{'mode':8} " + " ".join(f"{k:>17}" for k in keys))
    for mode, metrics in rows.items():
        values = [metrics.get(k) for k in keys]
        report["modes"][mode] = dict(zip(keys, values))
        print(f"{mode:8} " + " ".join(f"{v:>17.3f}" if isinstance(v, float) else f"{v!s:>17}" for v in values))
    out = ROOT / "artifacts"
    out.mkdir(exist_ok=True)
    (out / "bench.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
