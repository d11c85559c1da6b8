"""Finding stored documents and units the way people name them: loose document numbers ("cv 3400") and unit
names with abbreviations or without diacritics ("BTC TU"). Shared by the CLI, the web API and briefings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ingest.numbers import DocMention, number_key, parse_mentions, resolve_mention
from ingest.types import Assignment, Document
from ingest.units import unit_key


def find_document(documents: Mapping[str, Document], name: str) -> Document | None:
    """The one document `name` designates (its number in any printing, or a loose mention), else None."""
    exact = _by_key(documents, name)
    if exact is not None:
        return exact
    for mention in _mentions(name):
        matches = resolve_mention(mention, documents)
        if len(matches) == 1:
            return documents[matches[0]]
    return None


def document_candidates(documents: Mapping[str, Document], name: str) -> list[str]:
    """Every document number `name` could designate, for saying which ones when it is ambiguous."""
    exact = _by_key(documents, name)
    if exact is not None:
        return [exact.number]
    return list(dict.fromkeys(n for mention in _mentions(name) for n in resolve_mention(mention, documents)))


def _by_key(documents: Mapping[str, Document], name: str) -> Document | None:
    key = number_key(name)
    return next((d for number, d in documents.items() if number_key(number) == key), None)


def _mentions(name: str) -> list[DocMention]:
    mentions = parse_mentions(name)
    if not mentions and name.strip().isdigit():  # a bare numeral is enough where a document is expected: "1378"
        mentions = [DocMention(0, len(name), name, name.strip())]
    return mentions


def responsibility_matrix(
    documents: Iterable[Document], name: str | None = None
) -> dict[str, list[tuple[Document, Assignment]]]:
    """Every unit (or those whose name contains `name`, compared by unit key) and its assignments, in
    document order; units sorted by name."""
    wanted = unit_key(name) if name else None
    rows: dict[str, list[tuple[Document, Assignment]]] = {}
    for document in documents:
        for item in document.assignments:
            for unit in item.units:
                if wanted is None or wanted in unit_key(unit):
                    rows.setdefault(unit, []).append((document, item))
    return dict(sorted(rows.items()))
