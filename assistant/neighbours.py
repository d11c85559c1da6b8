"""Assistant step: the clauses around a retrieved one, for a question whose answer is a short labelled line.

A procedure in a decision that publishes administrative procedures prints its time limit on a line of its own
("d) Thời hạn giải quyết: Trong 10 (mười) ngày làm việc"), next to the steps and the file list that share the
question's words. Retrieval finds the steps; the line with the figure shares almost none of them. When a
"bao nhiêu ngày / mấy ngày" question finds no retrieved clause with the figure it asks for, the clauses under
the same item as the best retrieved clause are read for one that has it, with that item's headings as context.
"""

from __future__ import annotations

import dataclasses
import re

from assistant.compose import section_passage
from assistant.question import Question
from assistant.relevance import Relevance
from assistant.types import Passage
from ingest.types import Document

# How far up from the retrieved clause the search may go (clause -> point -> item of one procedure).
LEVELS = 3
_HEADING_CHARS = 200


def with_neighbours(question: Question, passages: list[Passage], documents: dict[str, Document],
                    relevance: Relevance, top: int = 5) -> list[Passage]:
    """`passages`, led by the clauses near the best one that hold the asked figure, when none of the top ones
    does; unchanged otherwise."""
    if not question.asks_amount or not passages or passages[0].doc_number not in documents:
        return passages
    if any(relevance.amount_ok(question, p) for p in passages[:top]):
        return passages
    best = passages[0]
    document = documents[best.doc_number]
    chain = [s for s in document.walk() if s.start <= best.start < s.end and s.kind != "paragraph"]
    for depth, ancestor in enumerate(reversed(chain[:-1] if len(chain) > 1 else chain)):
        if depth >= LEVELS:
            break
        headings = " ".join(document.text[s.start : s.own_end][:_HEADING_CHARS]
                            for s in chain if s.start <= ancestor.start)
        found = []
        for section, heading in _leaves(document, ancestor, ""):
            passage = section_passage(document, section)
            if relevance.amount_ok(question, passage):
                timed = bool(_TIME_LABEL.search(f"{heading} {passage.text[:80]}"))
                found.append((not timed, passage.start, dataclasses.replace(
                    passage, id="neighbour", score=best.score, context=f"{headings} {heading}")))
        if found:
            return [min(found, key=lambda f: f[:2])[2]] + passages
    return passages


# The label of a time limit: "Thời hạn giải quyết:", "Thời gian thực hiện:".
_TIME_LABEL = re.compile(r"(?i)thời (?:hạn|gian)")


def _leaves(document: Document, section, heading: str):
    """The sections under `section` that have none under them, each with its parent's own text."""
    for child in section.children:
        if child.children:
            yield from _leaves(document, child, document.text[child.start : child.own_end][:_HEADING_CHARS])
        else:
            yield child, heading


def with_executors(question: Question, passages: list[Passage], documents: dict[str, Document],
                   numbers: tuple[str, ...]) -> list[Passage]:
    """For "QĐ 2920 giao những ai thi hành?": the named decision's closing article ("Chánh Văn phòng ..., Giám
    đốc các sở ... chịu trách nhiệm thi hành Quyết định này") leads, wherever retrieval ranked it."""
    if question.kind != "who" or not _EXECUTION.search(question.key):
        return passages
    found = []
    for number in numbers:
        document = documents.get(number)
        executing = next((a for a in document.assignments if a.role == "chịu trách nhiệm" and "thi hành" in a.task),
                         None) if document else None
        section = executing and next((s for s in document.walk() if s.locator == executing.locator
                                      and not s.children and s.start <= executing.task_start < s.end), None)
        if section:
            found.append(dataclasses.replace(section_passage(document, section), id="executors",
                                             score=passages[0].score if passages else 1.0))
    leading = {(f.doc_number, f.start) for f in found}
    return found + [p for p in passages if (p.doc_number, p.start) not in leading]


# "thi hành" asked about a decision: who carries it out ("giao ai thi hành", "ai chịu trách nhiệm thi hành")
_EXECUTION = re.compile(r"\bthi hanh\b")
