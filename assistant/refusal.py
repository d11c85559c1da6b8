"""Assistant step: a refusal that helps. When the documents do not settle a question, the answer says which
documents were searched and which clause came nearest, so a cadre can open it or ask again more precisely.

The nearest clause is named in the text, not cited: a citation would claim that the clause answers.
"""

from __future__ import annotations

import dataclasses

from assistant.compose import NOT_IN_DOCUMENTS, clip, reference
from assistant.types import Answer, Passage
from ingest.types import Document

# How many searched documents are named before "và N văn bản khác".
NAMED_DOCUMENTS = 5
_SNIPPET_CHARS = 160


def explain_refusal(
    answer: Answer, searched: tuple[str, ...], passages: list[Passage], documents: dict[str, Document]
) -> Answer:
    """The refusal `answer` with the documents searched and the nearest clause; any other answer unchanged.

    `searched` are the documents the question was confined to (empty: all of them)."""
    if answer.answerable or answer.answer != NOT_IN_DOCUMENTS:
        return answer  # an answer, or a refusal that already says why in its own words
    scope = [n for n in searched if n in documents] or sorted(documents)
    named = [reference(documents[n]) for n in scope[:NAMED_DOCUMENTS]]
    more = len(scope) - len(named)
    where = ", ".join(named) + (f" và {more} văn bản khác" if more > 0 else "")
    these = "văn bản này" if len(scope) == 1 else "các văn bản này"
    lines = [f"Đã tìm trong {where}: {these} không nêu thông tin được hỏi, nên chidao không trả lời "
             "để tránh suy đoán."]
    nearest = next((p for p in passages if p.doc_number in documents and p.id != "anchor"), None)
    if nearest is not None:
        snippet = clip(nearest.text, _SNIPPET_CHARS)
        lines.append(f"Đoạn gần nhất là {nearest.label} của {reference(documents[nearest.doc_number])} "
                     f"(«{snippet}»), nhưng đoạn này không trả lời câu hỏi.")
    lines.append("Bạn có thể hỏi lại cụ thể hơn (nêu số văn bản, đơn vị hoặc nhiệm vụ) hoặc tra cứu văn bản gốc.")
    debug = {**answer.debug, "searched": scope, "nearest": (
        {"doc_number": nearest.doc_number, "label": nearest.label, "start": nearest.start} if nearest else None)}
    return dataclasses.replace(answer, answer=" ".join(lines), debug=debug)
