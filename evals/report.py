"""Evaluation step: the human-readable reports of a run, OUT/report.md and OUT/report.html (templates in
evals/templates/), with matplotlib plots: PNG files beside the Markdown, embedded as base64 in the HTML.
"""

from __future__ import annotations

import base64
import io
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from evals.metrics import CHECKS

if TYPE_CHECKING:
    from evals.runner import Result

TEMPLATES = Path(__file__).parent / "templates"
INSTALL = "pip install 'chidao[eval]'"

CHECK_LABELS = {
    "error": "lỗi",
    "refusal": "từ chối",
    "units": "đơn vị",
    "citations": "trích dẫn",
    "expect_text": "chuỗi mong đợi",
}
PLOTTED = ("fully_correct", "unit_recall", "citation_exact")  # per-tag bars


@lru_cache(maxsize=1)
def metric_labels() -> dict[str, str]:
    """Key in metrics.json -> Vietnamese label, in the order the reports print the figures."""
    return {row["key"]: row["label"] for row in _definitions()}


@lru_cache(maxsize=1)
def _definitions() -> list[dict]:
    # the label and how each figure is counted, as the reports explain it to evaluators
    return json.loads((TEMPLATES / "metrics.json").read_text(encoding="utf-8"))


class ReportUnavailable(Exception):
    """matplotlib or jinja2 is not installed; `message` says how to install them."""

    def __init__(self, missing: str):
        self.message = f"Báo cáo đánh giá cần thư viện {missing}. Hãy cài: {INSTALL}"
        super().__init__(self.message)


def check_report_dependencies() -> None:
    """Raise ReportUnavailable unless matplotlib and jinja2 can be imported."""
    for module in ("jinja2", "matplotlib"):
        try:
            __import__(module)
        except ImportError:
            raise ReportUnavailable(module) from None


def write_reports(out_dir: Path, metrics: dict, results: list[Result]) -> None:
    """Write report.md (with plot_tags.png, plot_latency.png beside it) and report.html (plots inlined)."""
    check_report_dependencies()
    plots = {"tags": _tag_plot(metrics["by_tag"]), "latency": _latency_plot(metrics, results)}
    for name, png in plots.items():
        (out_dir / f"plot_{name}.png").write_bytes(png)
    context = {
        "metrics": metrics,
        "definitions": _definitions(),
        "labels": metric_labels(),
        "checks": CHECKS,
        "check_labels": CHECK_LABELS,
        "rows": [_row(result) for result in results],
        "plots": {name: base64.b64encode(png).decode("ascii") for name, png in plots.items()},
    }
    for name, autoescape in (("report.md", False), ("report.html", True)):
        env = template_environment(autoescape)
        env.filters.update(cell=_markdown_cell)
        (out_dir / name).write_text(env.get_template(f"{name}.j2").render(context), "utf-8")


def template_environment(autoescape: bool):
    """The jinja2 environment of the report templates (HTML escaped, Markdown not), with `value` formatting."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(value=format_value)
    return env


def _row(result: Result) -> dict:
    """One question for the tables: its checks, and for a failure what was expected and what came back."""
    score, gold, predicted = result.score, result.gold, result.predicted
    return {
        "id": score.id,
        "question": gold["question"],
        "tags": score.tags,
        "checks": score.checks,
        "failures": [CHECK_LABELS[name] for name in score.failures],
        "latency_ms": score.latency_ms,
        "expected": _expected(gold) if score.failures else [],
        "returned": _returned(predicted) if score.failures else [],
    }


def _expected(gold: dict) -> list[str]:
    lines = []
    if gold.get("answerable") is not None:
        lines.append("trả lời được" if gold["answerable"] else "không trả lời được (phải từ chối)")
    lines += [f"đơn vị: {' hoặc '.join(names)}" for names in gold.get("units") or ()]
    extra = sorted(
        set(gold.get("allowed") or ()) - {name for names in gold.get("units") or () for name in names}
    )
    if extra:
        lines.append(f"được phép thêm: {'; '.join(extra)}")
    for citation in gold.get("citations") or ():
        where = _where(citation["doc"], citation["locator"], citation.get("paragraph"))
        lines.append(
            f"trích: {where}" + (f" «{citation['first_words']}…»" if citation.get("first_words") else "")
        )
    if gold.get("expect_text"):
        lines.append(f"có một trong: {' | '.join(gold['expect_text'])}")
    return lines


def _returned(predicted: dict) -> list[str]:
    if predicted.get("error"):
        return [f"lỗi: {predicted['error']}"]
    lines = ["trả lời" if predicted.get("answerable") else "từ chối"]
    lines += [f"đơn vị: {unit['name']} ({unit.get('role') or '?'})" for unit in predicted.get("units") or ()]
    for citation in predicted.get("citations") or ():
        where = _where(
            citation.get("doc_number") or "?", citation.get("locator") or (), citation.get("paragraph")
        )
        lines.append(f"[{citation.get('id')}] {where}")
    answer = " ".join((predicted.get("answer") or "").split())
    lines.append(f"câu trả lời: {answer[:400]}{'…' if len(answer) > 400 else ''}")
    return lines


def _where(doc: str, locator, paragraph: int | None) -> str:
    # paragraph 0 (a section's own labelled line) and 1 (the gold's name for it) are not worth printing
    return f"{doc} › {' › '.join(locator) or '(cả văn bản)'}" + (
        f" ¶{paragraph}" if (paragraph or 0) > 1 else ""
    )


def format_value(value, key: str = "") -> str:
    """A figure as printed: rates as percentages, latencies in ms, nothing measured as an em dash."""
    if value is None:
        return "—"
    if key.startswith("latency"):
        return f"{value:.0f} ms"
    return f"{value * 100:.1f}%"


def _markdown_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _tag_plot(by_tag: dict[str, dict]) -> bytes:
    """Grouped horizontal bars: the PLOTTED rates of each tag (a rate with nothing to measure is left out)."""
    import numpy as np

    tags = list(by_tag)[::-1]  # first tag on top
    height = 0.8 / len(PLOTTED)
    figure, axes = _pyplot().subplots(figsize=(8, 1.2 + 0.42 * max(len(tags), 1)))
    for n, key in enumerate(PLOTTED):
        values = [np.nan if by_tag[tag][key] is None else by_tag[tag][key] * 100 for tag in tags]
        axes.barh(
            np.arange(len(tags)) + (1 - n) * height, values, height, label=metric_labels()[key]
        )  # first on top
    axes.set_yticks(
        np.arange(len(tags)), [f"{tag} (n={by_tag[tag]['questions']})" for tag in tags], fontsize=8
    )
    axes.set_xlim(0, 100)
    axes.set_xlabel("%")
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1), ncol=len(PLOTTED), fontsize=8, frameon=False)
    return _png(figure)


def _latency_plot(metrics: dict, results: list[Result]) -> bytes:
    """Histogram of per-question latency with the p50 and p95 lines."""
    figure, axes = _pyplot().subplots(figsize=(8, 3.2))
    axes.hist([result.score.latency_ms for result in results], bins=30, color="#4c72b0")
    for key, style in (("latency_ms_p50", "--"), ("latency_ms_p95", ":")):
        if metrics[key] is not None:
            axes.axvline(
                metrics[key], color="#c44e52", linestyle=style, label=f"{key[-3:]} = {metrics[key]:.0f} ms"
            )
    axes.set_xlabel("ms mỗi câu hỏi")
    axes.set_ylabel("số câu")
    axes.legend(fontsize=8)
    axes.set_title("Thời gian trả lời")
    return _png(figure)


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # files only: no display on a server
    import matplotlib.pyplot as plt

    return plt


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=100)
    _pyplot().close(figure)
    return buffer.getvalue()
