"""Command line for the evaluation stage: `chidao eval --gold FILE --out DIR` and `chidao eval retrieval DIR`.

Mount it on the main app: `app.add_typer(eval_app, name="eval")`. Messages for people are Vietnamese.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from assistant.errors import AssistantError
from assistant.settings import Settings
from evals.report import ReportUnavailable, check_report_dependencies, format_value, metric_labels
from evals.runner import GoldFileError, load_gold, run_eval
from ingest.embed import EmbedderUnavailable
from ingest.store import StoreError

console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)

# its help is eval_command's docstring, so `chidao eval --help` shows the example
eval_app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)

BENCHMARK_FILES = ("corpus.jsonl", "queries.jsonl", "qrels.tsv")  # CONTRACT §5


@eval_app.callback(invoke_without_command=True)
def eval_command(
    ctx: typer.Context,
    gold: Path | None = typer.Option(None, "--gold", help="Gold questions, JSON Lines (CONTRACT §4)."),
    out: Path = typer.Option(
        Path("artifacts/eval"), "--out", help="Folder for predictions, metrics and reports."
    ),
    suite: str | None = typer.Option(
        None, "--suite", help="'directives': real directives outside corpus/, dev and held-out parts apart."
    ),
    part: list[str] = typer.Option(["dev", "heldout"], "--part", help="Suite parts to measure (dev, heldout)."),
    questions: bool = typer.Option(True, help="Also answer the suite's gold questions (builds an index)."),
) -> None:
    """Answer every question of a gold file through the assistant; write predictions, metrics and reports.

    Example: chidao eval --gold evals/gold/dev.jsonl --out artifacts/eval-dev
             chidao eval --suite directives --out artifacts/eval-directives
    """
    if ctx.invoked_subcommand:
        return
    if suite is not None:
        from evals.directives.cli import run_suite

        raise typer.Exit(run_suite(suite, tuple(part), out, questions, ctx.obj or Settings()))
    if gold is None:
        errors.print("[red]Hãy chỉ ra tệp câu hỏi mẫu[/red], ví dụ: chidao eval --gold evals/gold/dev.jsonl")
        raise typer.Exit(2)
    from assistant.engine import Assistant  # opening it loads the embedder: only when a run is asked for

    try:
        questions = len(load_gold(gold))  # a bad file is reported before the index and model are loaded
        check_report_dependencies()
        assistant = Assistant.open(ctx.obj or Settings())
    except (GoldFileError, ReportUnavailable, StoreError, EmbedderUnavailable, AssistantError) as error:
        errors.print(f"[red]{error.message}[/red]")
        raise typer.Exit(2) from None
    try:
        with console.status(f"Đang hỏi {questions} câu…"):
            metrics = run_eval(gold, out, assistant)
    finally:
        assistant.close()
    _print_summary(metrics, out)
    if metrics["errors"]:
        errors.print(
            f"[red]{metrics['errors']} câu hỏi gây lỗi[/red]; xem cột «lỗi» trong {out / 'report.md'}."
        )
        raise typer.Exit(1)


def _print_summary(metrics: dict, out: Path) -> None:
    table = Table("chỉ số", "giá trị", title=f"{metrics['questions']} câu hỏi")
    for key, label in metric_labels().items():
        table.add_row(label, format_value(metrics[key], key))
    console.print(table)
    console.print(
        f"Kết quả: {out / 'report.html'}, {out / 'report.md'}, {out / 'metrics.json'}, "
        f"{out / 'predictions.jsonl'}"
    )


@eval_app.command("retrieval")
def retrieval_command(
    ctx: typer.Context,
    folder: Path = typer.Argument(..., help="A BEIR-style folder: corpus.jsonl, queries.jsonl, qrels.tsv."),
    out: Path | None = typer.Option(
        None, "--out", help="Output folder (default: artifacts/retrieval-<folder>)."
    ),
    embedder: str | None = typer.Option(None, help="e5 or st:<folder> (default: CHIDAO_EMBEDDER)."),
) -> None:
    """Run a retrieval benchmark on a throw-away collection: Recall@1/5/10, MRR@10, nDCG@10, latency.

    Example: chidao eval retrieval ../shared/benchmarks/alqac2022 --out artifacts/retrieval-alqac
    """
    from evals.retrieval import main

    missing = [name for name in BENCHMARK_FILES if not (folder / name).is_file()]
    if missing:
        errors.print(
            f"[red]{folder} thiếu {', '.join(missing)}[/red]: bộ đo cần đủ {', '.join(BENCHMARK_FILES)}."
        )
        raise typer.Exit(2)
    spec = embedder or (ctx.obj or Settings()).embedder
    out = out or Path("artifacts") / f"retrieval-{folder.resolve().name}"
    try:
        code = main([str(folder), "--out", str(out), "--embedder", spec])
    except EmbedderUnavailable as error:
        errors.print(f"[red]{error.message}[/red]")
        raise typer.Exit(2) from None
    raise typer.Exit(code)
