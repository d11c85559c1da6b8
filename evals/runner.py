"""Evaluation step: ask every question of a gold file (CONTRACT §4) through `Assistant.ask`, as the API does,
then write OUT/predictions.jsonl, OUT/per_question.jsonl, OUT/metrics.json, OUT/report.md and OUT/report.html.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.export import answer_json
from assistant.types import Answer
from evals.metrics import (QuestionScore, kind_confusion, question_row, score_question, summarize,
                           summarize_by_tag)
from evals.report import check_report_dependencies, write_reports

# Asked once before timing starts: the first question pays for lazy loading, which is not query latency.
WARMUP_QUESTION = "Cơ quan nào chủ trì thực hiện?"


class Asker(Protocol):
    """What the runner needs of an assistant: the API's one call."""

    def ask(self, question: str, conversation_id: str | None = None) -> Answer: ...


class GoldFileError(Exception):
    """The gold file cannot be read. `message` is Vietnamese and names the line."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class _Conversation(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    turn: int


class _GoldCitation(BaseModel):
    model_config = ConfigDict(extra="ignore")
    doc: str
    locator: list[str]
    paragraph: int | None = None
    first_words: str | None = None


class GoldLine(BaseModel):
    """One gold question (CONTRACT §4 and evals/gold/README.md); fields it does not know are ignored."""

    model_config = ConfigDict(extra="ignore")
    id: str
    question: str
    answerable: bool | None = None
    units: list[list[str]] = []
    allowed: list[str] = []
    citations: list[_GoldCitation] = []
    expect_text: list[str] = []
    tags: list[str] = []
    conversation: _Conversation | None = None


@dataclass(frozen=True)
class Result:
    """One question: its gold line, the answer object that came back (plus id), and its scores."""

    gold: dict
    predicted: dict
    score: QuestionScore


def load_gold(path: Path) -> list[GoldLine]:
    """Read a gold JSON Lines file; a malformed line, a repeated id or a repeated turn is a GoldFileError."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise GoldFileError(
            f"Không đọc được tệp câu hỏi {path}: {error.strerror}. Hãy kiểm tra đường dẫn."
        ) from None
    lines: list[GoldLine] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            lines.append(GoldLine.model_validate_json(raw))
        except ValidationError as error:
            problem = "; ".join(
                f"{'.'.join(map(str, e['loc'])) or 'dòng'}: {e['msg']}" for e in error.errors()
            )
            raise GoldFileError(
                f"{path}, dòng {number}: không đúng định dạng câu hỏi mẫu ({problem})."
            ) from None
    _check_unique([line.id for line in lines], path, "mã câu hỏi (id)")
    turns = [f"{line.conversation.id} lượt {line.conversation.turn}" for line in lines if line.conversation]
    _check_unique(turns, path, "lượt hội thoại")
    return lines


def _check_unique(keys: list[str], path: Path, what: str) -> None:
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise GoldFileError(
            f"{path}: {what} bị lặp: {', '.join(repeated)}. Mỗi {what} chỉ được xuất hiện một lần."
        )


def sessions(lines: list[GoldLine]) -> list[list[GoldLine]]:
    """Questions in the order they are asked: file order, except that a conversation's turns go together, in
    turn order, where its first line stands."""
    grouped: dict[tuple[str, str], list[GoldLine]] = {}
    for line in lines:
        key = ("conversation", line.conversation.id) if line.conversation else ("question", line.id)
        grouped.setdefault(key, []).append(line)
    return [
        sorted(group, key=lambda line: line.conversation.turn if line.conversation else 0)
        for group in grouped.values()
    ]


def run_eval(gold_path: Path, out_dir: Path, assistant: Asker, *, warmup: bool = True) -> dict:
    """Answer every gold question, score the answers and write the predictions, metrics and reports."""
    lines = load_gold(gold_path)
    check_report_dependencies()  # before the questions are asked, not after
    run = uuid.uuid4().hex[:8]  # conversation ids unique to this run: a stored conversation must not leak in
    if warmup:
        _ask(assistant, WARMUP_QUESTION, None)
    predicted: dict[str, dict] = {}
    latencies: dict[str, float] = {}
    for session in sessions(lines):
        conversation = f"eval-{run}-{session[0].conversation.id}" if session[0].conversation else None
        for line in session:
            predicted[line.id], latencies[line.id] = _ask(assistant, line.question, conversation)
            if conversation:  # later turns go on in the conversation the assistant says it kept
                conversation = predicted[line.id].get("conversation_id") or conversation
    results = []
    for line in lines:
        gold = line.model_dump()
        prediction = {
            "id": line.id,
            **predicted[line.id],
            "question": line.question,
            "latency_ms": latencies[line.id],
        }
        results.append(Result(gold, prediction, score_question(gold, prediction, latencies[line.id])))
    scores = [result.score for result in results]
    metrics = {
        **summarize(scores),
        "by_tag": summarize_by_tag(scores),
        "kinds": kind_confusion([r.gold for r in results], [r.predicted for r in results]),
        "run": {"gold": str(gold_path), "started": datetime.now(UTC).isoformat(timespec="seconds")},
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_lines(out_dir / "predictions.jsonl", [result.predicted for result in results])
    _write_lines(out_dir / "per_question.jsonl", [question_row(score) for score in scores])
    (out_dir / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2) + "\n", "utf-8")
    write_reports(out_dir, metrics, results)
    return metrics


def _ask(assistant: Asker, question: str, conversation_id: str | None) -> tuple[dict, float]:
    """The answer object and the time it took in ms; an exception becomes a failed answer carrying `error`."""
    started = time.perf_counter()
    try:
        answer = answer_json(assistant.ask(question, conversation_id))
    except Exception as error:  # one failing question must not hide the scores of the others
        answer = {
            "answer": "",
            "answerable": True,
            "units": [],
            "citations": [],
            "error": f"{type(error).__name__}: {error}",
        }
    return answer, round((time.perf_counter() - started) * 1000, 2)


def _write_lines(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
