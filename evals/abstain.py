"""Evaluation: fit and calibrate the answered-or-not model of assistant.abstain.

    python -m evals.abstain fit --data DIR --out model.json
        the question bank (development documents only) through the assistant over the index in DIR; a logistic
        regression on the features of every answer the answerers composed; prints the constants for
        assistant/abstain.py and writes them to model.json.
    python -m evals.abstain sweep --data DIR --model model.json GOLD.jsonl...
        the gold questions through the same assistant, model switched off; for each threshold, how many
        unanswerable questions would be caught and how many answerable ones withheld. Run it on development
        splits to choose the threshold, on held-out splits only to report.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant import abstain


def _rows_of_bank() -> list[tuple[str, bool]]:
    from assistant.kinds import bank_rows

    skip = {"followup", "cross_document", "doc_fact"}
    return [(row["text"], bool(row["answerable"])) for row in bank_rows() if row["intent"] not in skip]


def _rows_of_gold(paths: list[Path]) -> list[tuple[str, bool]]:
    rows = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                if "follows" not in item and not item.get("conversation"):
                    rows.append((item["question"], bool(item["answerable"])))
    return rows


def collect(assistant, rows: list[tuple[str, bool]]) -> list[tuple[dict, bool]]:
    """(features, truly answerable) of every question the answerers answered and the model would judge."""
    saved = abstain.MODEL
    abstain.MODEL = {}
    try:
        found = []
        for text, answerable in rows:
            answer = assistant.ask(text)
            values = answer.debug.get("answered_features")
            if answer.answerable and values:
                found.append((values, answerable))
        return found
    finally:
        abstain.MODEL = saved


def fit(found: list[tuple[dict, bool]], c: float = 1.0) -> tuple[dict, float]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([[values[name] for name in abstain.FEATURES] for values, _ in found])
    y = np.array([1 if answerable else 0 for _, answerable in found])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit((x - mean) / scale, y)
    weights = {name: (round(float(m), 4), round(float(s), 4), round(float(w), 4))
               for name, m, s, w in zip(abstain.FEATURES, mean, scale, model.coef_[0])}
    return weights, round(float(model.intercept_[0]), 4)


def sweep(found: list[tuple[dict, bool]], model: dict, intercept: float) -> list[dict]:
    answerable = sum(1 for _, a in found if a)
    unanswerable = len(found) - answerable
    table = []
    for threshold in [round(0.05 * n, 2) for n in range(1, 20)]:
        withheld = [(v, a) for v, a in found if abstain.probability(v, model, intercept) < threshold]
        table.append({"threshold": threshold,
                      "caught": sum(1 for _, a in withheld if not a), "unanswerable_answered": unanswerable,
                      "withheld_answerable": sum(1 for _, a in withheld if a), "answerable_answered": answerable})
    return table


def _open(data: Path):
    from assistant.engine import Assistant
    from assistant.settings import Settings

    return Assistant.open(Settings(data_dir=data))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.abstain")
    parser.add_argument("step", choices=("fit", "sweep"))
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--model", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--c", type=float, default=1.0)
    parser.add_argument("gold", nargs="*", type=Path)
    args = parser.parse_intermixed_args(argv)
    assistant = _open(args.data)
    try:
        if args.step == "fit":
            found = collect(assistant, _rows_of_bank())
            model, intercept = fit(found, args.c)
            print(f"{len(found)} answered bank questions, {sum(1 for _, a in found if not a)} of them unanswerable")
            print("MODEL = {\n" + "".join(f'    "{name}": {values},\n' for name, values in model.items()) + "}")
            print(f"INTERCEPT = {intercept}")
            if args.out:
                args.out.write_text(json.dumps({"model": model, "intercept": intercept, "found": found}))
            return 0
        saved = json.loads(args.model.read_text()) if args.model else {"model": abstain.MODEL,
                                                                         "intercept": abstain.INTERCEPT}
        found = collect(assistant, _rows_of_gold(args.gold))
        for row in sweep(found, {k: tuple(v) for k, v in saved["model"].items()}, saved["intercept"]):
            print(json.dumps(row))
        if args.out:
            args.out.write_text(json.dumps({"found": found}))
        return 0
    finally:
        assistant.close()


if __name__ == "__main__":
    raise SystemExit(main())
