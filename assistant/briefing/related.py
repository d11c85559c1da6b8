"""Briefing step: the related documents of a briefing by document — what it implements, rests on, attaches and
mentions, what it says those documents do, which stored documents cite it — from the document graph, each line
cited to the statement that says it, and cited texts the corpus does not hold marked as such."""

from __future__ import annotations

from assistant.briefing.cite import cite
from assistant.briefing.types import Citation, Line
from assistant.facts import vietnamese_date
from ingest.graph import DocumentGraph, Edge
from ingest.numbers import doc_type_of, number_key
from ingest.types import Document, Reference

# Relations a trainer reads first: what the document carries out and rests on.
_FIRST = ("thực hiện", "căn cứ", "ban hành kèm theo", "gửi kèm", "kèm theo")


def graph_lines(document: Document, graph: DocumentGraph, stored: dict[str, Document]) -> tuple[Line, ...]:
    """One line per relation the document states, then one per stored document that cites it."""
    own = [edge for edge in graph.edges if number_key(edge.stated_in) == number_key(document.number)]
    own.sort(key=lambda edge: _FIRST.index(edge.relation) if edge.relation in _FIRST else len(_FIRST))
    cited_by = [edge for edge in graph.cited_by(document.number) if number_key(edge.stated_in) != number_key(document.number)]
    return tuple(_edge_line(edge, document, graph, stored[edge.stated_in]) for edge in own + cited_by)


def _edge_line(edge: Edge, document: Document, graph: DocumentGraph, stating: Document) -> Line:
    """'Thực hiện Kết luận 62-KL/TW ngày 2/10/2023 của Bộ Chính trị (toàn văn chưa có trong kho văn bản)'.

    The statement chosen is the one of `stating` that says most about the cited document (its date, its
    issuer); what that statement leaves out is taken from another statement of the same text, cited too."""
    reference = _fullest(edge, stating)
    citations = [_statement(stating, reference)] if reference else [cite(stating, edge.locator, edge.start, edge.end)]
    said = {"doc_type": reference.doc_type, "issued": reference.issued, "issuer": reference.issuer} if reference else {}
    for fact in graph.about(edge.target):
        if number_key(fact.stated_in) == number_key(stating.number) and fact.kind in ("doc_type", "issued", "issuer") \
                and not said.get(fact.kind):
            said[fact.kind] = fact.value
            citations.append(cite(stating, fact.locator, fact.start, fact.end))
    name = _name(edge.target, said.get("doc_type"), graph)
    if said.get("issued"):
        name += f" ngày {vietnamese_date(said['issued'])}"
    if said.get("issuer"):
        name += f" của {said['issuer']}"
    node = graph.node(edge.target)
    name += " (có trong kho văn bản)" if node and node.has_text else " (toàn văn chưa có trong kho văn bản)"
    if number_key(edge.target) == number_key(document.number):
        name = "văn bản này"
    if number_key(edge.source) == number_key(document.number):
        text = f"{edge.relation[:1].upper()}{edge.relation[1:]} {name}"
    else:
        text = f"{_name(edge.source, None, graph)} {edge.relation} {name}"
    return Line(text, tuple(dict.fromkeys(citations)))


def _fullest(edge: Edge, stating: Document) -> Reference | None:
    """The reference of `stating` behind `edge` that gives the most about the cited document."""
    same = [
        r for r in stating.references
        if number_key(r.number) == number_key(edge.target) and r.relation == edge.relation
        and number_key(r.target_of or stating.number) == number_key(edge.source)
    ]
    return max(same, key=lambda r: (r.issued is not None) + (r.issuer is not None), default=None)


def _statement(document: Document, reference: Reference) -> Citation:
    """The words that state a reference (number, date, issuer, relation), else the number alone."""
    if reference.statement_start is None or reference.statement_end is None:
        return cite(document, reference.locator, reference.start, reference.end)
    return cite(document, reference.locator, reference.statement_start, reference.statement_end)


def _name(number: str, stated_type: str | None, graph: DocumentGraph) -> str:
    """'Kết luận 62-KL/TW': the type as the citing text words it, else as the corpus or the symbol says."""
    node = graph.node(number)
    doc_type = stated_type or (node.doc_type if node else None) or doc_type_of(number)
    return f"{doc_type} {number}" if doc_type else number
