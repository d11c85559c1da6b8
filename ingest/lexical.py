"""Ingest step: the lexical terms of a passage or a question, as a sparse vector for BM25-style search.

Vietnamese users type with and without diacritics, and directives write units both spelled out and
abbreviated, so every syllable is indexed twice (as printed, and folded) and abbreviations are written out
on both sides. The collection scores the vectors with an IDF modifier, which makes the sum BM25.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from ingest.numbers import DOC_TYPES_BY_SYMBOL, find_numbers, number_key
from ingest.units import expand_abbreviations
from ingest.vietnamese import canonical_tones, fold_diacritics, has_diacritics, nfc

# BM25 term-frequency saturation and length normalisation. AVERAGE_LENGTH stands in for the corpus mean
# (in syllables) because a passage's vector is computed once, before the rest of the corpus is known.
K1 = 1.2
B = 0.75
AVERAGE_LENGTH = 150.0

_WORD = re.compile(r"[^\W_]+")
# Bigrams do not cross punctuation: "tỉnh; ủy" is not "tỉnh ủy".
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]\"“”…\n]+|\s[-–]\s")
_VOWELS = set("aeiouy")


def _fold(word: str) -> str:
    return fold_diacritics(word).lower()


_SYMBOLS_BY_FOLDED = {_fold(symbol): symbol for symbol in DOC_TYPES_BY_SYMBOL}


def _doc_type_words(word: str) -> list[str]:
    """The type a document-type symbol stands for ("KL" -> kết luận), as lower-case syllables.

    A symbol typed in lower case counts only when it has no vowel ("kl", "qd"): "da" is a syllable, "ĐA" an
    Đề án.
    """
    symbol = _SYMBOLS_BY_FOLDED.get(_fold(word))
    if symbol is None or (word != symbol and _VOWELS & set(_fold(word))):
        return []
    return DOC_TYPES_BY_SYMBOL[symbol].lower().split()


def _clauses(text: str) -> list[list[str]]:
    """Words of each clause, NFC, canonical tone placement, lower case; symbols followed by their type."""
    out = []
    for clause in _CLAUSE_BREAK.split(canonical_tones(nfc(text))):
        words = []
        for word in _WORD.findall(clause):
            words.append(word.lower())
            words.extend(_doc_type_words(word))
        out.append(words)
    return out


def terms(text: str, *, query: bool) -> Counter[str]:
    """The lexical terms of a text with their counts.

    Syllables as printed ("ủy") and folded ("~uy"), folded bigrams ("~uy ban"), document numbers whole
    ("#3400-cv/tu"). Unit abbreviations are written out first (ingest.units), on both sides, so "UBND" and
    "Ủy ban nhân dân" share their terms; a document-type symbol adds its type ("KL" -> kết luận). A question
    typed without any diacritic gets folded terms only: its bare "uy" is not the printed "uy" of "uy tín".
    """
    fold_only = query and not has_diacritics(text)
    counts: Counter[str] = Counter()
    for words in _clauses(expand_abbreviations(nfc(text))):
        folded_words = [_fold(word) for word in words]
        if not fold_only:
            counts.update(words)
        counts.update("~" + word for word in folded_words)
        counts.update(f"~{first} {second}" for first, second in zip(folded_words, folded_words[1:]))
    counts.update("#" + number_key(mention.number) for mention in find_numbers(nfc(text)))
    return counts


def term_id(term: str) -> int:
    """A stable unsigned 32-bit id for a term (the same in every process and on every machine)."""
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=4).digest(), "little")


def sparse_vector(text: str, *, query: bool) -> tuple[list[int], list[float]]:
    """Sparse (indices, values) for a collection whose sparse vectors use the IDF modifier.

    A passage's values are BM25 term weights without IDF; a question's are 1 per distinct term, so the
    score the collection computes, sum of value x IDF x passage weight, is the question's BM25 score.
    """
    counts = terms(text, query=query)
    if query:
        weights = {term: 1.0 for term in counts}
    else:
        length = sum(count for term, count in counts.items() if term.startswith("~") and " " not in term)
        norm = K1 * (1 - B + B * length / AVERAGE_LENGTH)
        weights = {term: count * (K1 + 1) / (count + norm) for term, count in counts.items()}
    merged: dict[int, float] = {}
    for term, weight in weights.items():
        index = term_id(term)
        merged[index] = merged.get(index, 0.0) + weight  # a hash collision adds up rather than overwrites
    indices = sorted(merged)
    return indices, [merged[index] for index in indices]
