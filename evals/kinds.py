"""Evaluation: how well question kinds are read, without an index (the kind reader needs none).

- `--cv`: 5-fold cross-validation on the question bank alone (assistant/data/question_bank.jsonl), over the
  model's settings; this is how assistant.kinds chose them. No gold question is read.
- otherwise: kind accuracy and the confusion matrix on gold sets (default: evals/gold/dev.jsonl and test.jsonl),
  for the learned reader and for the cue words alone, side by side.

Run: python -m evals.kinds [--cv] [GOLD.jsonl ...]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from assistant.kinds import BANK_KINDS, KindModel, bank_rows, default_model
from assistant.question import reading_features
from evals.metrics import kind_confusion

ROOT = Path(__file__).resolve().parents[1]


def cross_validate(folds: int = 5) -> list[dict]:
    rows = [(*reading_features(r["text"]), BANK_KINDS[r["intent"]]) for r in bank_rows() if r["intent"] in BANK_KINDS]
    random.Random(7).shuffle(rows)
    results = []
    for c in (1.0, 4.0, 16.0):
        for cue_weight in (0.0, 1.0, 2.0, 4.0):
            right = 0
            for fold in range(folds):
                test = rows[fold::folds]
                train = [row for n, row in enumerate(rows) if n % folds != fold]
                model = KindModel(train, c=c, cue_weight=cue_weight)
                right += sum(model.read(text, cue).kind == kind for text, cue, kind in test)
            results.append({"C": c, "cue_weight": cue_weight, "accuracy": round(right / len(rows), 3)})
    return results


def on_gold(path: Path) -> dict:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    model = default_model()
    learned, cues = [], []
    for line in lines:
        features = reading_features(line["question"])
        learned.append({"kind": model.read(*features).kind})
        cues.append({"kind": features[1]})
    return {"learned": kind_confusion(lines, learned), "cue_words": kind_confusion(lines, cues)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true")
    parser.add_argument("gold", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.cv:
        print(json.dumps(cross_validate(), indent=1))
        return 0
    for path in args.gold or [ROOT / "evals" / "gold" / "dev.jsonl", ROOT / "evals" / "gold" / "test.jsonl"]:
        result = on_gold(path)
        print(f"{path.name}: learned {result['learned']['accuracy']}, cue words {result['cue_words']['accuracy']} "
              f"({result['learned']['questions']} questions)")
        print(json.dumps(result["learned"]["rows"], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
