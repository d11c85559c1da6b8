"""Ingest step: put diacritics back into a question typed without them, from the indexed passages' own words.

A dense model reads "uy ban nhan dan" as noise; "ủy ban nhân dân" it understands. Each folded run of one to
three syllables is restored to its most frequent printed form in the corpus, longest run first, so context
picks the form ("co quan" -> "cơ quan", "co the" -> "có thể").
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ingest.vietnamese import canonical_tones, fold_diacritics, has_diacritics, nfc

LONGEST_RUN = 3
# Words of asking, in the form a question means them. Directives rarely print them ("có nhiệm vụ gì", "mất bao
# nhiêu ngày" are a question's words), so the corpus's own commonest form of the bare syllables is another word
# ("co" -> "cơ" of "cơ quan", "bao nhieu" -> "bảo nhiều"). They stand where no longer run of the corpus covers
# the words.
_ASKING = {
    "co": "có", "gi": "gì", "nao": "nào", "lam gi": "làm gì", "bao nhieu": "bao nhiêu", "bao lau": "bao lâu",
    "may": "mấy", "khong": "không", "dau": "đâu", "mat": "mất", "the nao": "thế nào", "ra sao": "ra sao",
    "khi nao": "khi nào", "o dau": "ở đâu", "nhu the nao": "như thế nào", "bao gio": "bao giờ",
}

_WORD = re.compile(r"[^\W_]+")
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]\"“”…\n]+")


def _clauses(text: str) -> list[list[str]]:
    return [_WORD.findall(clause.lower()) for clause in _CLAUSE_BREAK.split(canonical_tones(nfc(text)))]


def _fold_key(words: Iterable[str]) -> str:
    return fold_diacritics(" ".join(words))


@dataclass(frozen=True)
class DiacriticRestorer:
    """Folded runs of syllables ("uy ban") mapped to their most frequent printed form ("ủy ban")."""

    forms: dict[str, str]

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> DiacriticRestorer:
        """Learn the printed forms of every run of one to LONGEST_RUN syllables in the texts."""
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for text in texts:
            for words in _clauses(text):
                for size in range(1, LONGEST_RUN + 1):
                    for start in range(len(words) - size + 1):
                        run = words[start : start + size]
                        counts[_fold_key(run)][" ".join(run)] += 1
        # ties go to the form seen first: Counter.most_common keeps insertion order among equals
        return cls({key: forms.most_common(1)[0][0] for key, forms in counts.items()})

    def restore(self, text: str) -> str:
        """The text with diacritics put back, if it was typed without any; otherwise the text as typed.

        Whoever typed one diacritic had a Vietnamese keyboard, so the bare words of such a text ("thi" in
        "thi hành án") are meant bare.
        """
        if has_diacritics(text):
            return text
        pieces: list[str] = []
        last = 0
        for clause in _CLAUSE_BREAK.finditer(text + "\n"):
            pieces.append(self._restore_clause(text[last : clause.start()]))
            pieces.append(text[clause.start() : min(clause.end(), len(text))])
            last = clause.end()
        return "".join(pieces)

    def _restore_clause(self, clause: str) -> str:
        matches = list(_WORD.finditer(clause))
        words = [match.group() for match in matches]
        restored = list(words)
        start = 0
        while start < len(words):
            for size in range(min(LONGEST_RUN, len(words) - start), 0, -1):
                run = words[start : start + size]
                key = _fold_key(word.lower() for word in run)
                form = _ASKING.get(key) if size < LONGEST_RUN and key in _ASKING else self.forms.get(key)
                if form is not None:
                    for offset, printed in enumerate(form.split()):
                        restored[start + offset] = _same_case(printed, run[offset])
                    start += size
                    break
            else:
                start += 1
        out = clause
        for match, word in zip(reversed(matches), reversed(restored)):
            out = out[: match.start()] + word + out[match.end() :]
        return out

    def save(self, path: Path) -> None:
        """Write the forms as JSON (UTF-8), to be loaded beside the index they were learnt from."""
        path.write_text(json.dumps(self.forms, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> DiacriticRestorer:
        """Read forms written by `save`."""
        return cls(json.loads(path.read_text(encoding="utf-8")))


def _same_case(printed: str, typed: str) -> str:
    """The printed (lower-case) form in the case the user typed: "Uy" -> "Ủy", "UBND" stays upper."""
    if typed.isupper() and len(typed) > 1:
        return printed.upper()
    if typed[:1].isupper():
        return printed[:1].upper() + printed[1:]
    return printed
