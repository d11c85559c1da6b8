"""Evaluation step: score one answer object (CONTRACT §3) against one gold line (§4), and sum the scores.

Pure functions over plain dicts, so any system that writes the answer object (chidao, a baseline) is scored
the same way. Fields a gold line does not give are not scored for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

import numpy as np

from ingest.numbers import number_key
from ingest.units import unit_key
from ingest.vietnamese import comparable, folded, has_diacritics

CHECKS = ("error", "refusal", "units", "citations", "expect_text")


@dataclass(frozen=True)
class UnitScore:
    """Unit names of one answer against the gold line's, each name reduced to its `unit_key`."""

    required: int  # units a correct answer must name
    found: int  # required units the answer names (by any of their names)
    named: int  # distinct units the answer names
    counted: int  # named units that are required or allowed

    @property
    def exact(self) -> bool:
        """Every required unit named and nothing named outside the required and allowed ones."""
        return self.found == self.required and self.counted == self.named


@dataclass(frozen=True)
class QuestionScore:
    """Every measure of one answer; a check the gold line gives nothing for is None."""

    id: str
    tags: tuple[str, ...]
    gold_answerable: bool | None
    answerable: bool
    units: UnitScore
    citations: int  # gold citations
    citations_top: int  # gold citations matched on document and top-level locator
    citations_exact: int  # gold citations matched on document and the locator or a passage under it
    expect_text: bool | None
    latency_ms: float
    error: str | None = None

    @property
    def checks(self) -> dict[str, bool | None]:
        """Pass or fail of each check (CHECKS order); None where the gold line does not give it."""
        return {
            "error": self.error is None,
            "refusal": None if self.gold_answerable is None else self.answerable == self.gold_answerable,
            "units": self.units.exact if self.units.required else None,
            "citations": self.citations_exact == self.citations if self.citations else None,
            "expect_text": self.expect_text,
        }

    @property
    def failures(self) -> tuple[str, ...]:
        """The checks this answer fails."""
        return tuple(name for name, passed in self.checks.items() if passed is False)


def gold_answerable(gold: dict) -> bool | None:
    """The gold line's `answerable`; if absent, True when it says what a right answer holds, else unknown."""
    if gold.get("answerable") is not None:
        return bool(gold["answerable"])
    return True if gold.get("units") or gold.get("citations") or gold.get("expect_text") else None


def score_units(gold: dict, predicted: dict) -> UnitScore:
    """Match unit names on `unit_key` equality: a collective ("Các sở, ban, ngành") never stands for one of
    its members ("Sở Tư pháp"), and a name the unit is repeated under (two roles) counts once."""
    named = {unit_key(unit["name"]) for unit in predicted.get("units") or ()} - {""}
    required = [{unit_key(name) for name in names} for names in gold.get("units") or ()]
    permitted = set().union(*required, {unit_key(name) for name in gold.get("allowed") or ()})
    found = sum(1 for names in required if names & named)
    return UnitScore(len(required), found, len(named), len(named & permitted))


def citation_matches(gold: dict, predicted: dict, *, exact: bool) -> bool:
    """Same document and, at top level, the same first locator label; exactly, the gold locator or a passage
    under it (evals/gold/README.md: gold ["4"] covers a predicted ["4", "1"]). Paragraphs are not compared."""
    if number_key(gold["doc"]) != number_key(predicted.get("doc_number") or ""):
        return False
    wanted, got = list(gold["locator"]), list(predicted.get("locator") or ())
    depth = len(wanted) if exact else 1
    return len(got) >= depth and got[:depth] == wanted[:depth]


def citations_found(gold: dict, predicted: dict, *, exact: bool) -> int:
    """How many of the gold line's citations some predicted citation matches."""
    cited = predicted.get("citations") or ()
    return sum(
        1
        for want in gold.get("citations") or ()
        if any(citation_matches(want, c, exact=exact) for c in cited)
    )


def expect_text_hit(expected: Sequence[str], answer: str) -> bool:
    """True when an expected string stands in the answer as whole words, tone placement and case aside."""
    for text in expected:
        # folding merges có, cơ and cố into "co": compare accented forms whenever both sides carry diacritics
        key = comparable if has_diacritics(text) and has_diacritics(answer) else folded
        if re.search(rf"(?<!\w){re.escape(key(text))}(?!\w)", key(answer)):
            return True
    return False


def score_question(gold: dict, predicted: dict, latency_ms: float = 0.0) -> QuestionScore:
    """All measures of one predicted answer object against its gold line."""
    expected = gold.get("expect_text") or ()
    return QuestionScore(
        id=str(gold["id"]),
        tags=tuple(gold.get("tags") or ()),
        gold_answerable=gold_answerable(gold),
        answerable=bool(predicted.get("answerable")),
        units=score_units(gold, predicted),
        citations=len(gold.get("citations") or ()),
        citations_top=citations_found(gold, predicted, exact=False),
        citations_exact=citations_found(gold, predicted, exact=True),
        expect_text=expect_text_hit(expected, predicted.get("answer") or "") if expected else None,
        latency_ms=latency_ms,
        error=predicted.get("error"),
    )


def summarize(scores: Sequence[QuestionScore]) -> dict:
    """The headline figures of a set of scores; a figure with nothing to measure is None.

    Unit recall and precision are micro-averaged over the questions that name required units (all required
    units, all named units); the other rates are shares of the questions a check applies to. Refusal is the
    positive class of refusal precision and recall.
    """
    with_units = [s for s in scores if s.units.required]
    with_citations = [s for s in scores if s.citations]
    refused = [s for s in scores if s.gold_answerable is not None and not s.answerable]
    unanswerable = [s for s in scores if s.gold_answerable is False]
    latencies = [s.latency_ms for s in scores]
    return {
        "questions": len(scores),
        "unit_recall": _ratio(
            sum(s.units.found for s in with_units), sum(s.units.required for s in with_units)
        ),
        "unit_precision": _ratio(
            sum(s.units.counted for s in with_units), sum(s.units.named for s in with_units)
        ),
        "unit_exact_match": _share(s.units.exact for s in with_units),
        "citation_top": _share(s.citations_top == s.citations for s in with_citations),
        "citation_exact": _share(s.citations_exact == s.citations for s in with_citations),
        "expect_text_hit": _share(s.expect_text for s in scores if s.expect_text is not None),
        "refusal_precision": _ratio(sum(1 for s in refused if s.gold_answerable is False), len(refused)),
        "refusal_recall": _ratio(sum(1 for s in unanswerable if not s.answerable), len(unanswerable)),
        "fully_correct": _share(not s.failures for s in scores),
        "latency_ms_p50": round(float(np.percentile(latencies, 50)), 1) if latencies else None,
        "latency_ms_p95": round(float(np.percentile(latencies, 95)), 1) if latencies else None,
        "errors": sum(1 for s in scores if s.error is not None),
        "support": {
            "units": len(with_units),
            "citations": len(with_citations),
            "expect_text": sum(1 for s in scores if s.expect_text is not None),
            "refused": len(refused),
            "unanswerable": len(unanswerable),
        },
    }


def summarize_by_tag(scores: Sequence[QuestionScore]) -> dict[str, dict]:
    """`summarize` over the questions carrying each tag, tags in sorted order."""
    tags = sorted({tag for score in scores for tag in score.tags})
    return {tag: summarize([s for s in scores if tag in s.tags]) for tag in tags}


def question_row(score: QuestionScore) -> dict:
    """One question's scores as a flat JSON row, for diffing two runs question by question."""
    row = asdict(score)
    row["checks"] = score.checks
    row["fully_correct"] = not score.failures
    return row


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _share(passed: Iterable[bool]) -> float | None:
    passed = list(passed)
    return _ratio(sum(passed), len(passed))


# gold "kind:" tags -> the kind an answer reports (assistant.question.Question.kind); the other tags (unanswerable,
# followup, cross_document) say how a question must be handled, not which answerer takes it
GOLD_KINDS = {"who": "who", "what": "what", "deadline": "when", "report": "report", "doc_fact": "doc_fact",
              "fact": "doc_fact", "yesno": "yesno"}


def kind_confusion(golds: Sequence[dict], predictions: Sequence[dict]) -> dict:
    """How each gold kind was read: {"kinds": [...], "rows": {gold kind: {read kind: n}}, "accuracy": share},
    over the answerable questions whose gold carries a kind and that are not follow-ups."""
    rows: dict[str, dict[str, int]] = {}
    for gold, predicted in zip(golds, predictions):
        tags = [t[5:] for t in gold.get("tags") or () if t.startswith("kind:")]
        kind = next((GOLD_KINDS[t] for t in tags if t in GOLD_KINDS), None)
        if kind is None or "followup" in tags or gold.get("answerable") is False:
            continue
        read = predicted.get("kind") or "?"
        rows.setdefault(kind, {}).setdefault(read, 0)
        rows[kind][read] += 1
    kinds = sorted(set(rows) | {read for row in rows.values() for read in row})
    total = sum(sum(row.values()) for row in rows.values())
    right = sum(row.get(kind, 0) for kind, row in rows.items())
    return {"kinds": kinds, "rows": {k: rows[k] for k in sorted(rows)}, "accuracy": _ratio(right, total),
            "questions": total}
