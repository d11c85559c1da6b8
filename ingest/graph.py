"""Ingest output: the graph of documents and the relations their texts state between them.

Every edge and fact keeps the document that states it, the locator and the span, so an answer can say where
it read that 3400-CV/TU implements 62-KL/TW, or that 62-KL/TW is dated 02/10/2023.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ingest.manifest import ReferencedDocument
from ingest.numbers import DocMention, number_key, resolve_mention
from ingest.types import Document, Locator, Reference

IMPLEMENTS = "thực hiện"


@dataclass(frozen=True)
class Node:
    """A document known by its number; `has_text` tells whether the corpus holds its text."""

    number: str
    has_text: bool
    doc_type: str | None = None
    title: str | None = None
    issued: str | None = None
    issuer: str | None = None


@dataclass(frozen=True)
class Edge:
    """`source` stands in `relation` to `target`, as `stated_in` says at `locator`, text[start:end]."""

    source: str
    relation: str  # as in Reference.relation: thực hiện, căn cứ, gửi kèm, theo, nhắc đến, ...
    target: str
    stated_in: str
    locator: Locator
    start: int
    end: int


@dataclass(frozen=True)
class Fact:
    """What the text of `stated_in` says about document `number`: a date, an issuer, a type or a relation."""

    number: str
    kind: str  # "issued", "issuer", "doc_type", or a relation such as "thực hiện"
    value: str  # ISO date, issuer, type, or the number it stands in that relation to
    stated_in: str
    locator: Locator
    start: int
    end: int


class DocumentGraph:
    """Documents as nodes, the relations their texts state as edges; queries by document number."""

    def __init__(self, nodes: Iterable[Node], edges: Iterable[Edge], facts: Iterable[Fact]):
        self._nodes = {number_key(node.number): node for node in nodes}
        self.edges = tuple(edges)
        self.facts = tuple(facts)

    @classmethod
    def build(cls, documents: Iterable[Document], cited: Iterable[ReferencedDocument] = ()) -> DocumentGraph:
        """The graph of parsed documents and the documents they cite (manifest entries give metadata)."""
        documents = list(documents)
        nodes = {
            number_key(d.number): Node(d.number, True, d.doc_type, d.title, d.issued, d.issuer)
            for d in documents
        }
        for entry in cited:
            nodes.setdefault(
                number_key(entry.number),
                Node(entry.number, False, entry.type, entry.title, entry.issued.isoformat(), entry.issuer),
            )
        # one edge, and one fact, per citing document: the first place it says so
        edges: dict[tuple, Edge] = {}
        facts: dict[tuple, Fact] = {}
        for document in documents:
            for reference in document.references:
                edge = _edge(document.number, reference)
                if number_key(edge.source) != number_key(edge.target):
                    edges.setdefault(_same(edge.source, edge.relation, edge.target, edge.stated_in), edge)
                for fact in _facts(document.number, reference):
                    facts.setdefault(_same(fact.number, fact.kind, fact.value, fact.stated_in), fact)
        graph_facts = list(facts.values())
        for edge in edges.values():
            for number in (edge.source, edge.target):
                if number_key(number) not in nodes:
                    nodes[number_key(number)] = _node_from_facts(number, graph_facts)
        return cls(nodes.values(), edges.values(), graph_facts)

    @property
    def nodes(self) -> tuple[Node, ...]:
        """Every known document, with text or only cited."""
        return tuple(self._nodes.values())

    def node(self, number: str) -> Node | None:
        """The document with this number, if the graph knows it."""
        return self._nodes.get(number_key(number))

    def implements(self, number: str) -> list[Edge]:
        """What the document implements ("thực hiện"), as its own text or another's says."""
        return [edge for edge in self.cites(number) if edge.relation == IMPLEMENTS]

    def cites(self, number: str) -> list[Edge]:
        """The documents this one stands in a relation to (mentions included), wherever that is stated."""
        return [edge for edge in self.edges if number_key(edge.source) == number_key(number)]

    def cited_by(self, number: str) -> list[Edge]:
        """What stands in a relation to this document: citing texts, and cited documents they describe."""
        return [edge for edge in self.edges if number_key(edge.target) == number_key(number)]

    def about(self, number: str) -> list[Fact]:
        """What the corpus says about a document (date, issuer, type, relations), and where it says it."""
        return [fact for fact in self.facts if number_key(fact.number) == number_key(number)]

    def resolve(self, mention: DocMention) -> list[str]:
        """The known numbers a user's mention ("kế hoạch 141 của Bắc Ninh") can mean."""
        issuers = {node.number: node.issuer for node in self.nodes if node.issuer}
        return resolve_mention(mention, [node.number for node in self.nodes], issuers)


def _same(subject: str, kind: str, value: str, stated_in: str) -> tuple[str, str, str, str]:
    """A key under which the same statement from the same document is kept once."""
    return number_key(subject), kind, number_key(value), number_key(stated_in)


def _edge(citing: str, reference: Reference) -> Edge:
    return Edge(
        reference.target_of or citing, reference.relation, reference.number, *_where(citing, reference)
    )


def _facts(citing: str, reference: Reference) -> list[Fact]:
    """The facts one reference states: about the cited document, and about the one it describes."""
    where = _where(citing, reference)
    said = {"issued": reference.issued, "issuer": reference.issuer, "doc_type": reference.doc_type}
    facts = [Fact(reference.number, kind, value, *where) for kind, value in said.items() if value]
    if reference.target_of:
        facts.append(Fact(reference.target_of, reference.relation, reference.number, *where))
    return facts


def _where(citing: str, reference: Reference) -> tuple[str, Locator, int, int]:
    """The document that states a reference, the locator, and the span: its statement, else the number."""
    if reference.statement_start is None or reference.statement_end is None:
        return citing, reference.locator, reference.start, reference.end
    return citing, reference.locator, reference.statement_start, reference.statement_end


def _node_from_facts(number: str, facts: list[Fact]) -> Node:
    """A document known only by citations: type, date and issuer as the first citing text gives them."""
    first: dict[str, str] = {}
    for fact in facts:
        if number_key(fact.number) == number_key(number):
            first.setdefault(fact.kind, fact.value)
    return Node(number, False, first.get("doc_type"), None, first.get("issued"), first.get("issuer"))
