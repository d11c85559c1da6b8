"""Evaluation: the directives suite's reports, `suite.md` and `suite.html` (templates in evals/templates/):
the development and held-out parts side by side, then per document, then every missed and extra record."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from evals.report import template_environment

if TYPE_CHECKING:
    from evals.directives.suite import PartResult

FIGURES = (
    ("record_precision", "Độ chính xác phân công (đơn vị + vai trò + vị trí)"),
    ("record_recall", "Độ phủ phân công"),
    ("task_overlap", "Khớp nội dung nhiệm vụ"),
    ("deadline_accuracy", "Đúng thời hạn"),
    ("fact_accuracy", "Đúng thông tin văn bản"),
    ("fully_correct", "Câu hỏi đúng hoàn toàn"),
    ("refusal_accuracy", "Đúng quyết định trả lời / từ chối"),
    ("refusal_recall", "Độ phủ từ chối"),
    ("refusal_precision", "Độ chính xác từ chối"),
)


def write_reports(results: dict[str, PartResult], summary: dict, out: Path) -> None:
    context = {
        "parts": list(results),
        "summary": summary,
        "figures": [(key, label) for key, label in FIGURES if any(key in row for row in summary.values())],
        "documents": [
            {"stem": d.stem, "part": d.part, "number": d.number, "error": d.error,
             "precision": d.records.precision, "recall": d.records.recall, "required": d.records.required,
             "predicted": d.records.predicted, "facts": d.facts.accuracy, "misses": d.records.misses,
             "extras": d.records.extras, "wrong_facts": d.facts.wrong}
            for result in results.values() for d in result.documents
        ],
    }
    for name, autoescape in (("suite.md", False), ("suite.html", True)):
        env = template_environment(autoescape)
        (out / name).write_text(env.get_template(f"directives_{name}.j2").render(context), "utf-8")
