"""Ingest output: a parsed Document as the JSON shape `chidao show --json` prints (issue #2 contract)."""

from __future__ import annotations

from ingest.types import Assignment, Document, Reference, Section


def document_json(document: Document) -> dict:
    """The document's metadata, section tree, assignments and references as plain JSON types."""
    return {
        "number": document.number,
        "type": document.doc_type,
        "issuer": document.issuer,
        "issued": document.issued,
        "place": document.place,
        "title": document.title,
        "recipients": list(document.recipients),
        "signer": document.signer,
        "signer_title": document.signer_title,
        "signed_for": document.signed_for,
        "source": document.source,
        "warnings": list(document.warnings),
        "sections": [section_json(document.text, section) for section in document.sections],
        "assignments": [assignment_json(item) for item in document.assignments],
        "references": [reference_json(item) for item in document.references],
    }


def section_json(text: str, section: Section) -> dict:
    return {
        "locator": list(section.locator),
        "paragraph": section.paragraph,
        "label": section.label,
        "kind": section.kind,
        "text": text[section.start : section.end],
        "start": section.start,
        "end": section.end,
        "children": [section_json(text, child) for child in section.children],
    }


def assignment_json(item: Assignment) -> dict:
    return {
        "units": list(item.units),
        "role": item.role,
        "task": item.task,
        "task_start": item.task_start,
        "task_end": item.task_end,
        "deadline": item.deadline,
        "report_to": list(item.report_to),
        "inherited": item.inherited,
        "locator": list(item.locator),
        "start": item.start,
        "end": item.end,
    }


def reference_json(item: Reference) -> dict:
    data = {
        "number": item.number,
        "relation": item.relation,
        "type": item.doc_type,
        "issued": item.issued,
        "locator": list(item.locator),
        "start": item.start,
        "end": item.end,
    }
    for extra in ("issuer", "title", "target_of"):
        if getattr(item, extra, None) is not None:
            data[extra] = getattr(item, extra)
    return data
