"""Evaluation: the directives suite — real directives outside `corpus/`, each part (dev, heldout) measured apart.

In: the split and gold of this folder, the documents in `../shared/directives/` (and `extra/`). Out, per part:
assignment-record precision and recall (unit + role + locator), document-fact accuracy, and, when an assistant
is given, the gold questions answered over an index that holds the corpus and every suite document:
`OUT/<part>/predictions.jsonl`, `metrics.json`, reports; and `OUT/suite.json`, `OUT/suite.md`, `OUT/suite.html`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from evals.directives.facts import FIELDS, FactScore, score_facts
from evals.directives.gold import GoldDocument, suite_documents
from evals.directives.records import RecordScore, score_records
from ingest.errors import IngestError
from ingest.pipeline import parse_file
from ingest.types import Document

PARTS = ("dev", "heldout")
SECOND = Path(__file__).resolve().parents[1] / "gold" / "second.jsonl"  # the second held-out question set


@dataclass
class DocumentResult:
    stem: str
    part: str
    number: str
    records: RecordScore
    facts: FactScore
    error: str | None = None


@dataclass
class PartResult:
    part: str
    documents: list[DocumentResult] = field(default_factory=list)
    records: RecordScore = field(default_factory=RecordScore)
    facts: FactScore = field(default_factory=FactScore)
    questions: dict | None = None  # metrics.json of the question run

    def summary(self) -> dict:
        row = {
            "documents": len(self.documents),
            "record_precision": round(self.records.precision, 4),
            "record_recall": round(self.records.recall, 4),
            "records_required": self.records.required,
            "records_predicted": self.records.predicted,
            "task_overlap": round(self.records.task_accuracy, 4),
            "deadline_accuracy": round(self.records.deadline_accuracy, 4),
            "fact_accuracy": round(self.facts.accuracy, 4),
            "facts_by_field": {name: self.facts.by_field.get(name, [0, 0]) for name in FIELDS},
            "parse_errors": sum(1 for d in self.documents if d.error),
        }
        if self.questions:
            q = self.questions
            row.update(questions=q["questions"], fully_correct=q["fully_correct"],
                       refusal_precision=q["refusal_precision"], refusal_recall=q["refusal_recall"],
                       refusal_accuracy=q.get("refusal_accuracy"), latency_ms_p50=q.get("latency_ms_p50"))
        return row


def parse_document(doc: GoldDocument) -> Document:
    return parse_file(doc.path)


def score_extraction(parts: tuple[str, ...] = PARTS) -> dict[str, PartResult]:
    """Parse every suite document of the parts and score its records and facts against its gold."""
    results = {part: PartResult(part) for part in parts}
    for doc in suite_documents(parts):
        result = results[doc.part]
        try:
            document = parse_document(doc)
        except IngestError as error:
            missing = RecordScore(required=sum(1 for r in doc.key.records if not r.optional))
            facts = FactScore(judged=len(FIELDS))
            result.documents.append(DocumentResult(doc.stem, doc.part, doc.key.doc, missing, facts, error.message))
            result.records.add(missing)
            result.facts.add(facts)
            continue
        records = score_records(document.assignments, doc.key.records, label=f"{doc.stem}: ")
        facts = score_facts(document, doc.key.facts, label=f"{doc.stem}: ")
        result.documents.append(DocumentResult(doc.stem, doc.part, document.number, records, facts))
        result.records.add(records)
        result.facts.add(facts)
    return results


def questions_file(part: str, out: Path) -> Path:
    """The part's gold questions, every document's file joined into one JSON Lines file (CONTRACT §4)."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"questions-{part}.jsonl"
    lines = []
    for doc in suite_documents((part,)):
        if doc.questions.exists():
            lines += [line for line in doc.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def build_index(data_dir: Path, embedder_spec: str, corpus: Path) -> list[str]:
    """An embedded index in `data_dir` holding the corpus and every suite document; the messages of the files
    that could not be read (they are skipped, as an upload of them would be refused)."""
    from ingest.embed import load_embedder
    from ingest.index import file_sha, open_index
    from ingest.pipeline import collect_files, load_manifest_for

    index = open_index(data_dir, None, None, "chidao", load_embedder(embedder_spec))
    refused: list[str] = []
    try:
        manifest = load_manifest_for(None, [corpus])
        paths = [(path, manifest) for path in collect_files([corpus])] + [(d.path, None) for d in suite_documents(PARTS)]
        for path, entry_source in paths:
            try:
                document = parse_file(path, manifest=entry_source)
            except IngestError as error:
                refused.append(f"{path.name}: {error.message}")
                continue
            index.add(document, file_sha(path))
    finally:
        index.close()
    return refused


def ask_questions(assistant, parts: tuple[str, ...], out: Path) -> dict[str, dict]:
    """Each part's gold questions through the assistant (evals.runner): metrics per part."""
    from evals.runner import run_eval

    metrics = {}
    for part in parts:
        gold = questions_file(part, out)
        metrics[part] = with_refusal_accuracy(run_eval(gold, out / part, assistant), out / part / "per_question.jsonl")
    return metrics


def ask_second(assistant, out: Path) -> dict:
    """The second held-out question set (evals/gold/second.jsonl: corpus and held-out directives) on the same
    index; its reports in out/second, its figures also in out/second.json."""
    from evals.runner import run_eval

    metrics = with_refusal_accuracy(run_eval(SECOND, out / "second", assistant), out / "second" / "per_question.jsonl")
    (out / "second.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=1), encoding="utf-8")
    return metrics


def with_refusal_accuracy(metrics: dict, per_question: Path) -> dict:
    """Refusal accuracy: the share of questions whose answerable/unanswerable call was right."""
    rows = [json.loads(line) for line in per_question.read_text(encoding="utf-8").splitlines() if line.strip()]
    judged = [row for row in rows if row.get("gold_answerable") is not None]
    right = sum(1 for row in judged if row.get("answerable") == row.get("gold_answerable"))
    return {**metrics, "refusal_accuracy": round(right / len(judged), 4) if judged else None}


def write_summary(results: dict[str, PartResult], out: Path) -> dict:
    """`suite.json` (figures per part, side by side) and `suite.md` / `suite.html` with every miss."""
    from evals.directives.report import write_reports

    out.mkdir(parents=True, exist_ok=True)
    summary = {part: result.summary() for part, result in results.items()}
    (out / "suite.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    write_reports(results, summary, out)
    return summary
