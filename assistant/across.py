"""Assistant step: questions about the documents as a set, not about one clause — which documents give a unit
work or speak of a topic (and how many), and which of them is newer or older. Each document in the answer is
cited at the clause that puts it there (its header, for a date).

In: the question's reading (`Question.across`: "which" or "order"), the documents it names, the retrieved
passages. Out: an Answer with one line per document.
"""

from __future__ import annotations

from assistant.citations import CitationList
from assistant.compose import Context, clip, named_duties, reference, refuse, relevant
from assistant.facts import vietnamese_date
from assistant.question import Question
from assistant.types import Answer, Passage, UnitRole
from ingest.types import Document

# How many documents an answer lists before "và N văn bản khác".
LISTED = 10
_TASK_CHARS = 160
# a document is listed for a topic when one of its clauses holds this share of the question's content words
_MIN_TOPIC_SHARE = 0.6


def answer_across(question: Question, numbers: tuple[str, ...], passages: list[Passage], ctx: Context) -> Answer:
    if question.across == "order":
        return _order(question, numbers, ctx.documents)
    if question.units:
        return _assigning(question, numbers, passages, ctx)
    return _speaking_of(question, passages, ctx)


def _order(question: Question, numbers: tuple[str, ...], documents: dict[str, Document]) -> Answer:
    """Documents by issue date, newest first: the two named compared, or all of them when fewer are named."""
    scope = [documents[n] for n in numbers if n in documents] if len(numbers) >= 2 else list(documents.values())
    dated = sorted((d for d in scope if d.issued), key=lambda d: d.issued, reverse=True)
    if len(dated) < 2:
        return refuse(question, "fewer than two dated documents to compare")
    cites = CitationList(documents)
    lines = []
    for document in dated[:LISTED]:
        head = document.find(("header",)) or document.find(("preamble",))
        marker = f" [{cites.cite_section(document.number, head)}]" if head else ""
        lines.append(f"- {reference(document)}: ngày {vietnamese_date(document.issued)}{marker}")
    newest, oldest = dated[0], dated[-1]
    if len(dated) == 2:
        lead = f"{reference(newest)} mới hơn {reference(oldest)}."
    else:
        lead = (f"Trong {len(dated)} văn bản có ngày ban hành, mới nhất là {reference(newest)}, sớm nhất là "
                f"{reference(oldest)}.")
    undated = [d for d in scope if not d.issued]
    tail = [f"Không rõ ngày ban hành: {', '.join(reference(d) for d in undated)}."] if undated else []
    return Answer("\n".join([lead, *lines, *tail]), True, (), tuple(cites.items), kind=question.kind,
                  notes=("documents ordered by issue date",))


def _assigning(question: Question, numbers: tuple[str, ...], passages: list[Passage], ctx: Context) -> Answer:
    """The documents that give the named units work, each cited at the clause most relevant to the question."""
    found: dict[str, list] = {}
    for rank, duty in named_duties(question.units, passages, ctx.documents, numbers):
        found.setdefault(duty.passage.doc_number, []).append((rank, duty))
    if not found:
        return refuse(question, "no document assigns work to the units asked about")
    order = sorted(found, key=lambda n: min(r for r, _ in found[n]))
    cites = CitationList(ctx.documents)
    lines, units = [], {}
    for number in order[:LISTED]:
        duties = sorted(found[number], key=lambda item: item[0])
        best = duties[0][1]
        marker = cites.cite_passage(best.passage)
        lines.append(f"- {reference(ctx.documents[number])}: {len(duties)} nhiệm vụ, ví dụ {best.unit} "
                     f"{best.role}: {clip(best.task, _TASK_CHARS)} [{marker}]")
        held = units.get((best.unit, best.role), ())
        units[(best.unit, best.role)] = held + (marker,)
    who = " và ".join(question.units)
    more = f" (liệt kê {LISTED} văn bản đầu)" if len(order) > LISTED else ""
    text = "\n".join([f"Có {len(order)} văn bản giao nhiệm vụ cho {who}{more}:", *lines])
    return Answer(text, True, tuple(UnitRole(u, r, ids) for (u, r), ids in units.items()), tuple(cites.items),
                  kind=question.kind, notes=("documents that assign work to the units asked about",))


def _speaking_of(question: Question, passages: list[Passage], ctx: Context) -> Answer:
    """The documents whose clauses the relevance gate admits for the question's topic, best first."""
    admitted = [p for p in relevant(question, passages, ctx) if p.doc_number in ctx.documents]
    best: dict[str, Passage] = {}
    for passage in admitted:
        if ctx.relevance.coverage(question, passage) >= _MIN_TOPIC_SHARE:
            best.setdefault(passage.doc_number, passage)
    if not best:
        return refuse(question, "no document speaks to the topic asked")
    cites = CitationList(ctx.documents)
    lines = [f"- {reference(ctx.documents[n])}, {p.label}: {clip(p.text, _TASK_CHARS)} [{cites.cite_passage(p)}]"
             for n, p in best.items()]
    lead = "Văn bản nêu nội dung này:" if len(best) == 1 else f"Có {len(best)} văn bản nêu nội dung này:"
    return Answer("\n".join([lead, *lines]), True, (), tuple(cites.items), kind=question.kind,
                  notes=("documents that speak to the topic",))
