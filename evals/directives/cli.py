"""Command line of the directives suite: `chidao eval --suite directives --out DIR [--part dev] [--no-questions]`.

Prints the parts side by side; the reports and figures go to DIR (see evals.directives.suite).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from rich.console import Console
from rich.table import Table

from evals.directives.report import FIGURES
from evals.directives.suite import PARTS, SECOND, ask_questions, ask_second, build_index, score_extraction
from evals.directives.suite import write_summary
from evals.report import format_value

console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)


def run_suite(name: str, parts: tuple[str, ...], out: Path, with_questions: bool, settings) -> int:
    """Run the suite; the exit status (0 when every figure was measured)."""
    if name != "directives":
        errors.print(f"[red]Không có bộ đo “{name}”.[/red] Bộ đo hiện có: directives.")
        return 2
    unknown = [part for part in parts if part not in PARTS]
    if unknown:
        errors.print(f"[red]Không có phần “{', '.join(unknown)}”.[/red] Hãy chọn --part dev hoặc --part heldout.")
        return 2
    with console.status("Đang đọc các văn bản của bộ đo…"):
        results = score_extraction(parts)
    second = None
    if with_questions:
        from assistant.engine import Assistant

        index_dir = out / "index"
        shutil.rmtree(index_dir, ignore_errors=True)
        with console.status("Đang nạp kho văn bản và các văn bản của bộ đo vào chỉ mục tạm…"):
            refused = build_index(index_dir, settings.embedder, settings.corpus)
        for message in refused:
            errors.print(f"[yellow]! không nạp được {message}[/yellow]")
        assistant = Assistant.open(settings.model_copy(update={"data_dir": index_dir, "qdrant_url": None}))
        try:
            with console.status("Đang hỏi các câu hỏi mẫu…"):
                metrics = ask_questions(assistant, parts, out)
            if "heldout" in parts and SECOND.exists():  # the second held-out set asks the same index
                with console.status("Đang hỏi bộ câu hỏi giữ lại thứ hai (evals/gold/second.jsonl)…"):
                    second = ask_second(assistant, out)
        finally:
            assistant.close()
        for part, figures in metrics.items():
            results[part].questions = figures
    summary = write_summary(results, out)
    if second is not None:
        console.print(f"Bộ câu hỏi thứ hai: đúng hoàn toàn {format_value(second['fully_correct'])}, đúng loại "
                      f"{format_value(second['kinds']['accuracy'])}, độ phủ từ chối "
                      f"{format_value(second['refusal_recall'])}; báo cáo {out / 'second' / 'report.md'}")
    table = Table("chỉ số", *parts, title="Bộ đo văn bản chưa từng thấy")
    for key, label in FIGURES:
        if any(key in row for row in summary.values()):
            table.add_row(label, *(format_value(summary[part].get(key), key) for part in parts))
    console.print(table)
    console.print(f"Báo cáo: {out / 'suite.md'}, {out / 'suite.html'}, {out / 'suite.json'}")
    return 0
