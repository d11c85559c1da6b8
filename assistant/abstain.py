"""Assistant step: the last word on "do the documents answer this at all?".

The relevance gate (assistant.relevance) admits clauses one test at a time. Once an answer is composed, this
step weighs together what the answerers already computed, without a second search: how much of the question
the cited clauses hold, how close the dense model finds the best of them, how much of the question's content the
documents never use at all (a company, a sum, a place they do not name), whether a unit asked about is the unit
answered. A small logistic model turns these into the probability that the answer really answers; below
`THRESHOLD` the answer is withheld and the refusal names what was searched (assistant.refusal).

The weights are fitted on the question bank (`assistant/data/question_bank.jsonl`, written from development
documents only, answerable and unanswerable questions) and the threshold is chosen on the development gold
splits: `python -m evals.abstain` refits both and prints them. Held-out splits measure it.
"""

from __future__ import annotations

import dataclasses
import math

from assistant.question import Question
from assistant.relevance import Relevance, content_terms
from assistant.types import Answer, Passage
from ingest.units import unit_key
from ingest.vietnamese import folded

# Kinds answered from clauses; a document fact or a question about the documents as a set has its own test.
CHECKED_KINDS = ("who", "what", "when", "report", "yesno", "general", "frequency", "person")

FEATURES = ("cited_coverage", "top_coverage", "cited_cosine", "top_cosine", "unseen_share", "missing_weight",
            "unit_answered", "unit_missing", "terms", "document_named")

# Fitted by `python -m evals.abstain` (standardised features: mean, scale, weight), 2026-12-07.
MODEL: dict[str, tuple[float, float, float]] = {}
INTERCEPT = 0.0
# Below this probability of being answered, the answer is withheld (chosen on the dev splits, see above).
THRESHOLD = 0.0


def features(question: Question, answer: Answer, passages: list[Passage], relevance: Relevance,
             documents_named: bool) -> dict[str, float]:
    """What the decision reads, each on a 0..1 scale (see the module's docstring)."""
    terms = content_terms(question)
    weights = [relevance.idf.get(t, relevance.unseen) for t in terms]
    total = sum(weights) or 1.0
    cited_words = set()
    for citation in answer.citations:
        cited_words |= set(relevance.words(f"{citation.label} {citation.text}"))
    covered = sum(w for t, w in zip(terms, weights) if t in cited_words)
    missing = [w for t, w in zip(terms, weights) if t not in cited_words]
    cited = [p for p in passages if any(
        p.doc_number == c.doc_number and p.start < c.end and c.start < p.end for c in answer.citations)]
    top = passages[0] if passages else None
    asked = {unit_key(u) for u in question.units}
    answered = {unit_key(u.name) for u in answer.units}
    cited_key = folded(" ".join(c.text for c in answer.citations))
    found = {u for u in asked if u in answered or u in cited_key}
    return {
        "cited_coverage": covered / total if terms else 1.0,
        "top_coverage": relevance.coverage(question, top) if top else 0.0,
        "cited_cosine": max((p.cosine for p in cited), default=top.cosine if top else 0.0),
        "top_cosine": top.cosine if top else 0.0,
        "unseen_share": sum(w for w in weights if w >= relevance.unseen) / total if terms else 0.0,
        "missing_weight": max(missing, default=0.0) / relevance.unseen,
        "unit_answered": 1.0 if asked and found else 0.0,
        "unit_missing": 1.0 if asked and not found else 0.0,
        "terms": min(len(terms), 10) / 10,
        "document_named": 1.0 if documents_named else 0.0,
    }


def probability(values: dict[str, float], model=None, intercept: float | None = None) -> float:
    """The model's probability that the answer answers."""
    model = MODEL if model is None else model
    z = INTERCEPT if intercept is None else intercept
    z += sum(weight * (values[name] - mean) / scale for name, (mean, scale, weight) in model.items())
    return 1.0 / (1.0 + math.exp(-z))


def checked(question: Question, answer: Answer, passages: list[Passage], relevance: Relevance,
            documents_named: bool) -> Answer:
    """`answer`, or a refusal when the model finds it unlikely to answer; the figures go to `debug`."""
    if not answer.answerable or answer.kind not in CHECKED_KINDS or question.across:
        return answer
    values = features(question, answer, passages, relevance, documents_named)
    p = probability(values) if MODEL else 1.0
    debug = {**answer.debug, "answered_probability": round(p, 3),
             "answered_features": {name: round(value, 4) for name, value in values.items()}}
    if p >= THRESHOLD:
        return dataclasses.replace(answer, debug=debug)
    from assistant.compose import refuse

    refusal = refuse(question, f"withheld: answered probability {p:.2f} < {THRESHOLD}")
    return dataclasses.replace(refusal, debug={**debug, "withheld_answer": answer.answer[:300]})
