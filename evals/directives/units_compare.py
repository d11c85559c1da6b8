"""Evaluation: how well units are recognised in unseen directives — chidao's own grammar (ingest.units) against
underthesea's named-entity recogniser (ORG and LOC spans) and noun-phrase chunker, on the suite's gold.

For every responsible unit a document's gold names (required records), is it found anywhere in the stored text
(its name or an accepted variant, compared as the record scorer does)? Also: how many distinct names each
method proposes, and how long it takes. Run: python -m evals.directives.units_compare [--part heldout].
underthesea is in the eval extra: pip install 'chidao[eval]'.
"""

from __future__ import annotations

import argparse
import json
import time

from evals.directives.gold import suite_documents
from evals.directives.records import match_keys
from ingest.pipeline import parse_file
from ingest.units import find_units


def _entity_spans(text: str, tagger, wanted: tuple[str, ...]) -> set[str]:
    """Spans underthesea tags as one of `wanted` (B-X then I-X), line by line."""
    spans: set[str] = set()
    for line in text.split("\n"):
        if not line.strip():
            continue
        current: list[str] = []
        for token in tagger(line[:2000]):
            word, tag = token[0], token[-1]
            if tag.startswith("B-") and tag[2:] in wanted:
                if current:
                    spans.add(" ".join(current))
                current = [word]
            elif tag.startswith("I-") and tag[2:] in wanted and current:
                current.append(word)
            else:
                if current:
                    spans.add(" ".join(current))
                current = []
        if current:
            spans.add(" ".join(current))
    return spans


def compare(parts: tuple[str, ...]) -> dict:
    from underthesea import chunk, ner

    methods = {
        "chidao": lambda text: {m.name for m in find_units(text)},
        "underthesea_ner": lambda text: _entity_spans(text, ner, ("ORG", "LOC")),
        "underthesea_np_chunks": lambda text: _entity_spans(text, chunk, ("NP",)),
    }
    totals = {name: {"found": 0, "wanted": 0, "proposed": 0, "seconds": 0.0} for name in methods}
    for doc in suite_documents(parts):
        text = parse_file(doc.path).text
        wanted: dict[str, set[str]] = {}
        for record in doc.key.records:
            if not record.optional:
                wanted.setdefault(record.unit[0], set()).update(*(match_keys(n) for n in record.unit))
        for name, method in methods.items():
            started = time.perf_counter()
            proposed = method(text)
            totals[name]["seconds"] += time.perf_counter() - started
            keys = set().union(*(match_keys(p) for p in proposed)) if proposed else set()
            totals[name]["found"] += sum(1 for alternatives in wanted.values() if alternatives & keys)
            totals[name]["wanted"] += len(wanted)
            totals[name]["proposed"] += len(proposed)
    return {name: {**row, "recall": round(row["found"] / row["wanted"], 4) if row["wanted"] else None,
                   "seconds": round(row["seconds"], 1)} for name, row in totals.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", action="append", choices=["dev", "heldout"], help="default: both")
    args = parser.parse_args(argv)
    try:
        result = compare(tuple(args.part or ("dev", "heldout")))
    except ImportError:
        print("Cần thư viện underthesea cho phép so sánh này. Hãy cài: pip install 'chidao[eval]'")
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
