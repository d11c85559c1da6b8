"""Evaluation step: ranking metrics for one question, and their mean over a question set. Pure functions.

`ranked` is the list of passage ids a search returned, best first; `relevant` maps each gold passage id to
its relevance grade (the qrels score, 1 for a plain "relevant").
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np


def recall_at(ranked: Sequence[str], relevant: Mapping[str, int], k: int) -> float:
    """Share of the gold passages found in the first k results (0 when there is no gold passage)."""
    if not relevant:
        return 0.0
    return len(set(ranked[:k]) & set(relevant)) / len(relevant)


def reciprocal_rank(ranked: Sequence[str], relevant: Mapping[str, int], k: int = 10) -> float:
    """1 / rank of the first gold passage within the first k results, 0 when none is there."""
    for rank, passage in enumerate(ranked[:k], start=1):
        if passage in relevant:
            return 1.0 / rank
    return 0.0


def ndcg_at(ranked: Sequence[str], relevant: Mapping[str, int], k: int = 10) -> float:
    """Normalised discounted cumulative gain at k, the grade as gain (as BEIR and trec_eval compute it)."""
    gains = [relevant.get(passage, 0) for passage in ranked[:k]]
    dcg = sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum(gain / math.log2(rank + 1) for rank, gain in enumerate(ideal, start=1))
    return dcg / idcg if idcg > 0 else 0.0


def question_scores(ranked: Sequence[str], relevant: Mapping[str, int]) -> dict[str, float]:
    """The metrics of one question, under the key names of metrics.json (CONTRACT §5)."""
    return {
        "recall@1": recall_at(ranked, relevant, 1),
        "recall@5": recall_at(ranked, relevant, 5),
        "recall@10": recall_at(ranked, relevant, 10),
        "mrr@10": reciprocal_rank(ranked, relevant, 10),
        "ndcg@10": ndcg_at(ranked, relevant, 10),
    }


def summarize(per_question: Sequence[Mapping[str, float]], latencies_ms: Sequence[float]) -> dict[str, float]:
    """Mean of every metric over the questions, with latency percentiles (p50, p95) in milliseconds."""
    summary = {
        name: round(float(np.mean([scores[name] for scores in per_question])), 4) if per_question else 0.0
        for name in ("recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10")
    }
    summary["latency_ms_p50"] = round(float(np.percentile(latencies_ms, 50)), 2) if latencies_ms else 0.0
    summary["latency_ms_p95"] = round(float(np.percentile(latencies_ms, 95)), 2) if latencies_ms else 0.0
    return summary
