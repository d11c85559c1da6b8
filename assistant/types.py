"""Plain data of the assistant stage: a question's reading, retrieved passages, and the answer (CONTRACT §3)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.types import Locator


@dataclass(frozen=True)
class Citation:
    """A quoted passage: text == the stored document text[start:end]."""

    id: int
    doc_number: str
    doc_title: str | None
    issuer: str | None
    issued: str | None
    locator: Locator
    label: str
    text: str
    start: int
    end: int
    paragraph: int = 0


@dataclass(frozen=True)
class UnitRole:
    """A unit the documents make responsible, its role as worded, and the citations that say so."""

    name: str
    role: str
    citations: tuple[int, ...]


@dataclass(frozen=True)
class Answer:
    answer: str
    answerable: bool
    units: tuple[UnitRole, ...] = ()
    citations: tuple[Citation, ...] = ()
    conversation_id: str | None = None
    kind: str = "general"  # how the question was read: who, what, when, report, doc_fact, yesno, general
    notes: tuple[str, ...] = field(default=())  # for evaluators: why the answer is what it is
    debug: dict = field(default_factory=dict)  # how the question was read (kind and its scores, units, documents)


@dataclass(frozen=True)
class Passage:
    """A retrieved passage (from the index payload), with its retrieval score."""

    id: str
    score: float
    doc_number: str
    locator: Locator
    paragraph: int
    label: str
    kind: str
    start: int
    end: int
    text: str
    context: str
    assignments: tuple[dict, ...]
    payload: dict
    cosine: float = 0.0  # the dense leg's similarity, on the embedder's own scale (0 when not searched)
