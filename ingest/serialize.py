"""Ingest output: a Document to plain JSON types and back, losslessly (for the document registry)."""

from __future__ import annotations

import dataclasses

from ingest.types import Assignment, Document, Reference, Section


def document_to_dict(document: Document) -> dict:
    return dataclasses.asdict(document)


def document_from_dict(data: dict) -> Document:
    """Rebuild a Document from `document_to_dict` output (lists back to tuples)."""
    data = dict(data)
    data["sections"] = tuple(_section(item) for item in data.get("sections", ()))
    data["assignments"] = tuple(_plain(Assignment, item) for item in data.get("assignments", ()))
    data["references"] = tuple(_plain(Reference, item) for item in data.get("references", ()))
    data["recipients"] = tuple(data.get("recipients", ()))
    data["warnings"] = tuple(data.get("warnings", ()))
    return Document(**data)


def _section(data: dict) -> Section:
    data = dict(data)
    data["locator"] = tuple(data["locator"])
    data["children"] = tuple(_section(child) for child in data.get("children", ()))
    return Section(**data)


def _plain(cls, data: dict):
    names = {field.name for field in dataclasses.fields(cls)}
    values = {key: tuple(value) if isinstance(value, list) else value for key, value in data.items() if key in names}
    return cls(**values)
