"""Evaluation: precision and recall of unit extraction against hand-written assignment keys.

A key lists, per clause (locator), the units a correct extractor names there, each as a list of acceptable
names. Units match on `ingest.units.unit_key`, so spelling, abbreviations and tone placement do not matter.
For a key marked complete every predicted pair counts; otherwise only clauses the key lists are judged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.types import Assignment
from ingest.units import unit_key


@dataclass(frozen=True)
class ExpectedUnit:
    locator: tuple[str, ...]
    names: tuple[str, ...]  # acceptable names, keys compared
    roles: tuple[str, ...]
    optional: bool = False


@dataclass
class ExtractionScore:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    role_hits: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        judged = self.true_positives + self.false_positives
        return self.true_positives / judged if judged else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def role_accuracy(self) -> float:
        return self.role_hits / self.true_positives if self.true_positives else 1.0

    def add(self, other: ExtractionScore) -> None:
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives
        self.role_hits += other.role_hits
        self.misses += other.misses
        self.extras += other.extras


def expected_units(key: dict) -> list[ExpectedUnit]:
    """One entry per (clause, unit) of a key file; a unit with several roles keeps them all."""
    merged: dict[tuple, ExpectedUnit] = {}
    for clause in key["clauses"]:
        locator = tuple(clause["locator"])
        for assignment in clause["assignments"]:
            for names in assignment["units"]:
                ident = (locator, unit_key(names[0]))
                previous = merged.get(ident)
                roles = (previous.roles if previous else ()) + (assignment["role"],)
                optional = bool(assignment.get("optional")) and (previous is None or previous.optional)
                merged[ident] = ExpectedUnit(locator, tuple(names), roles, optional)
    return list(merged.values())


def score_units(predicted: list[Assignment], key: dict) -> ExtractionScore:
    """Compare predicted (clause, unit) pairs with a key; optional key entries are neither wanted nor wrong."""
    judged_clauses = {tuple(clause["locator"]) for clause in key["clauses"]}
    found: dict[tuple, set[str]] = {}
    for item in predicted:
        if not key.get("complete") and item.locator not in judged_clauses:
            continue
        for unit in item.units:
            found.setdefault((item.locator, unit_key(unit)), set()).add(item.role)
    score = ExtractionScore()
    for expected in expected_units(key):
        keys = [unit_key(name) for name in expected.names]
        hit = next(((expected.locator, k) for k in keys if (expected.locator, k) in found), None)
        if hit is None:
            if not expected.optional:
                score.false_negatives += 1
                score.misses.append(f"{' > '.join(expected.locator)}: {expected.names[0]} ({expected.roles[0]})")
            continue
        roles = found.pop(hit)
        if not expected.optional:
            score.true_positives += 1
            score.role_hits += bool(roles & set(expected.roles))
    for (locator, unit), roles in found.items():
        score.false_positives += 1
        score.extras.append(f"{' > '.join(locator)}: {unit} ({', '.join(sorted(roles))})")
    return score
