"""Assistant step: what kind of question this is, learned from the question bank rather than enumerated.

The bank (`assistant/data/question_bank.jsonl`) holds several hundred questions written from the development
documents only, many wordings per kind: formal, colloquial, telegraphic, with and without diacritics, with typos
and abbreviations. A logistic regression reads word n-grams of the folded question, with the units and document
numbers it names masked (so it learns how a kind is asked, not what about), plus the cue-word reading of
`assistant.question` as one feature among the others. It is trained when first needed (well under a second),
deterministically, from the bank that ships with the code: no model file to keep in step.

Kinds the bank has no examples of ("person": who holds an office now; "frequency": how often) stay with the cue
words, which are specific enough for them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.vietnamese import folded

BANK = Path(__file__).parent / "data" / "question_bank.jsonl"

# bank intent -> answer kind; the other intents (unanswerable, followup, cross_document) say something other
# than a kind and are not learned here
BANK_KINDS = {"who": "who", "what": "what", "deadline": "when", "report": "report", "doc_fact": "doc_fact",
              "yesno": "yesno", "summary": "general"}
RULE_ONLY = ("person", "frequency")

# Chosen by 5-fold cross-validation on the bank (python -m evals.kinds --cv: C 16 best, cue weight 0 -> 0.852,
# 1 -> 0.845) and, between settings the bank cannot tell apart, on the dev gold split (cue weight 0 -> 0.904,
# 1 -> 0.948): regularisation, how much the cue-word reading weighs against the n-grams, and the probability
# under which the model defers to the cue words.
_C = 16.0
_CUE_WEIGHT = 1.0
_MIN_CONFIDENCE = 0.5


@dataclass(frozen=True)
class KindReading:
    kind: str
    confidence: float  # the model's probability for `kind` (1.0 when a rule decided)
    cue: str  # what the cue words alone say
    scores: tuple[tuple[str, float], ...]  # every learned kind with its probability, best first


class KindModel:
    """Word n-grams of the masked, folded question and the cue kind -> one of BANK_KINDS' values."""

    def __init__(self, rows: list[tuple[str, str, str]], c: float = _C, cue_weight: float = _CUE_WEIGHT,
                 min_confidence: float = _MIN_CONFIDENCE):
        """`rows`: (masked folded text, cue kind, kind) per bank question."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.min_confidence = min_confidence
        self.cue_weight = cue_weight
        self.cues = sorted(set(BANK_KINDS.values()) | set(RULE_ONLY))
        self.vectorizer = TfidfVectorizer(ngram_range=(1, 3), sublinear_tf=True)
        self.vectorizer.fit([text for text, _, _ in rows])
        self.classifier = LogisticRegression(C=c, max_iter=5000)
        self.classifier.fit(self._features([(t, cue) for t, cue, _ in rows]), [kind for _, _, kind in rows])

    def _features(self, items: list[tuple[str, str]]):
        import numpy as np
        from scipy.sparse import csr_matrix, hstack

        cues = np.zeros((len(items), len(self.cues)))
        for row, (_, cue) in enumerate(items):
            if cue in self.cues:
                cues[row, self.cues.index(cue)] = self.cue_weight
        return hstack([self.vectorizer.transform([t for t, _ in items]), csr_matrix(cues)]).tocsr()

    def read(self, masked: str, cue: str) -> KindReading:
        if cue in RULE_ONLY:
            return KindReading(cue, 1.0, cue, ())
        probabilities = self.classifier.predict_proba(self._features([(masked, cue)]))[0]
        ranked = sorted(zip(self.classifier.classes_, probabilities), key=lambda pair: -pair[1])
        best, confidence = str(ranked[0][0]), round(float(ranked[0][1]), 3)
        # an elliptic question ("còn Sở Tài chính thì sao?") looks like no kind in particular: the model spreads
        # its belief and the cue words (or the conversation, assistant.engine) decide
        kind = best if confidence >= self.min_confidence else cue
        return KindReading(kind, confidence, cue, tuple((str(k), round(float(p), 3)) for k, p in ranked))


def masked(text: str, units, mentions) -> str:
    """The question as the model reads it: folded, lower case, each unit it names as "donvi" and each document
    number as "vanban" (spans of `ingest.units.UnitMention` / `ingest.numbers.DocMention` in `text`)."""
    spans = sorted([(m.start, m.end, " donvi ") for m in units] + [(m.start, m.end, " vanban ") for m in mentions],
                   reverse=True)
    taken = len(text) + 1
    for start, end, word in spans:
        if end <= taken:  # overlapping spans: keep the later one
            text = text[:start] + word + text[end:]
            taken = start
    return " ".join(re.findall(r"[^\W_]+", folded(text).lower()))


def bank_rows(path: Path = BANK) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@lru_cache(maxsize=1)
def default_model() -> KindModel:
    """The model trained on the shipped bank (once per process)."""
    from assistant.question import reading_features

    rows = []
    for row in bank_rows():
        if row["intent"] in BANK_KINDS:
            text, cue = reading_features(row["text"])
            rows.append((text, cue, BANK_KINDS[row["intent"]]))
    return KindModel(rows)
