"""Assistant step: one answer from several documents. A question that names two or more documents ("theo
Công văn 3400 và Kết luận 155 ...") is answered in each of them on its own, and the answers are joined with
their citations renumbered, so each document speaks for itself instead of the best-scoring one for all."""

from __future__ import annotations

import dataclasses
import re

from assistant.types import Answer

_MARKER = re.compile(r"\[(\d+)\]")


def merge_answers(parts: list[Answer]) -> Answer:
    """The answerable parts joined in order (citations renumbered 1..n, one number per clause); the first part
    if none answers."""
    answered = [part for part in parts if part.answerable]
    if not answered:
        return parts[0]
    if len(answered) == 1:
        return answered[0]
    texts, units, citations = [], {}, []
    held: dict[tuple, int] = {}  # a clause two parts both cite keeps its first number
    for part in answered:
        renumber = {}
        for c in part.citations:
            where = (c.doc_number, c.start, c.end)
            if where not in held:
                held[where] = len(citations) + 1
                citations.append(dataclasses.replace(c, id=held[where]))
            renumber[c.id] = held[where]
        texts.append(_MARKER.sub(lambda m: f"[{renumber.get(int(m[1]), int(m[1]))}]", part.answer))
        for unit in part.units:
            key = (unit.name, unit.role)
            ids = tuple(renumber.get(i, i) for i in unit.citations)
            kept = units[key].citations if key in units else ()
            units[key] = dataclasses.replace(unit, citations=tuple(dict.fromkeys(kept + ids)))
    notes = tuple(note for part in answered for note in part.notes)
    return Answer("\n\n".join(texts), True, tuple(units.values()), tuple(citations), None, answered[0].kind,
                  notes + ("answered in each named document",))
