"""Evaluation: does underthesea's word segmentation help the lexical leg on unseen directives? BM25 (bm25s) over
the passages of every suite document, the suite's answerable questions as queries, a passage relevant when it
is a cited clause (or under one). Tokenisers: syllables; syllables plus adjacent-syllable pairs (what chidao's
lexical leg indexes, see ingest.lexical); underthesea word_tokenize. Each also folded (no diacritics), with the
questions typed with and without diacritics. Prints Recall@5 per tokeniser and query form.

Run: python -m evals.directives.lexical_compare  (needs the eval extra: bm25s, underthesea)
"""

from __future__ import annotations

import json
import re

from evals.directives.gold import suite_documents
from ingest.passages import passages_of
from ingest.pipeline import parse_file
from ingest.vietnamese import fold_diacritics, has_diacritics

_SYLLABLE = re.compile(r"[^\W_]+")


def syllables(text: str) -> list[str]:
    return [w.lower() for w in _SYLLABLE.findall(text)]


def with_pairs(text: str) -> list[str]:
    words = syllables(text)
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:])]


def segmented(text: str) -> list[str]:
    from underthesea import word_tokenize

    return [w.lower().replace(" ", "_") for w in word_tokenize(text) if _SYLLABLE.search(w)]


def folded(tokenize):
    return lambda text: tokenize(fold_diacritics(text))


def recall_at(k: int, tokenize, passages, queries) -> float:
    import bm25s

    retriever = bm25s.BM25()
    retriever.index([tokenize(p.context + " " + p.text) for p in passages], show_progress=False)
    hits = 0
    for text, relevant in queries:
        tokens = tokenize(text)
        if not tokens:
            continue
        found, _ = retriever.retrieve([tokens], k=k, show_progress=False)
        hits += any(int(i) in relevant for i in found[0])
    return hits / len(queries) if queries else 0.0


def main() -> int:
    passages, queries = [], []
    by_doc: dict[str, list[int]] = {}
    for doc in suite_documents():
        try:
            document = parse_file(doc.path)
        except Exception:  # noqa: BLE001 - a file the reader refuses has no passages to find
            continue
        for passage in passages_of(document):
            by_doc.setdefault(document.number, []).append(len(passages))
            passages.append(passage)
        for line in doc.questions.read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            if not gold.get("answerable") or not gold.get("citations") or gold.get("conversation"):
                continue
            relevant = {n for c in gold["citations"] for n in by_doc.get(c["doc"], [])
                        if tuple(passages[n].locator[: len(c["locator"])]) == tuple(c["locator"])}
            if relevant:
                queries.append((gold["question"], relevant))
    marked = [q for q in queries if has_diacritics(q[0])]
    plain = [q for q in queries if not has_diacritics(q[0])]
    result = {"passages": len(passages), "questions": {"with_diacritics": len(marked), "without": len(plain)}}
    for name, tokenize in (("syllables", syllables), ("syllables+pairs", with_pairs), ("underthesea_words", segmented)):
        result[name] = {"with_diacritics": round(recall_at(5, tokenize, passages, marked), 3),
                        "without_diacritics": round(recall_at(5, tokenize, passages, plain), 3),
                        "folded_index_without_diacritics": round(recall_at(5, folded(tokenize), passages, plain), 3)}
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
