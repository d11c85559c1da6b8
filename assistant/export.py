"""The answer object as JSON (CONTRACT §3): what `chidao ask --json` prints and `POST /api/ask` returns."""

from __future__ import annotations

from assistant.types import Answer, Citation


def answer_json(answer: Answer) -> dict:
    return {
        "answer": answer.answer,
        "answerable": answer.answerable,
        "units": [{"name": u.name, "role": u.role, "citations": list(u.citations)} for u in answer.units],
        "citations": [citation_json(c) for c in answer.citations],
        "conversation_id": answer.conversation_id,
        "kind": answer.kind,
        "debug": {**answer.debug, "notes": list(answer.notes)},
    }


def citation_json(citation: Citation) -> dict:
    return {
        "id": citation.id,
        "doc_number": citation.doc_number,
        "doc_title": citation.doc_title,
        "issuer": citation.issuer,
        "issued": citation.issued,
        "locator": list(citation.locator),
        "label": citation.label,
        "text": citation.text,
        "start": citation.start,
        "end": citation.end,
        "paragraph": citation.paragraph,
    }
