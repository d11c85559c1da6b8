"""Briefing stage entry: `build_briefing(index, doc=..., unit=..., topic=...)` reads the stored, already
extracted documents (no parsing at briefing time) and returns a Briefing for the writers."""

from __future__ import annotations

from assistant.briefing.document_brief import briefing_for_document
from assistant.briefing.errors import BadBriefingRequest, UnknownDocument
from assistant.briefing.topic_brief import briefing_for_topic
from assistant.briefing.types import Briefing
from assistant.briefing.unit_brief import briefing_for_unit
from assistant.errors import IndexNotReady
from ingest import lookup
from ingest.types import Document


def build_briefing(index, *, doc: str | None = None, unit: str | None = None, topic: str | None = None) -> Briefing:
    """The briefing of one document, one unit or one topic over the documents stored in `index` (a CorpusIndex)."""
    return briefing_from(stored_documents(index), doc=doc, unit=unit, topic=topic)


def stored_documents(index) -> list[Document]:
    """The documents of the index; an empty index is an error that says to ingest first."""
    documents = [record.document for record in index.records()]
    if not documents:
        raise IndexNotReady("Chưa có văn bản nào được nạp. Hãy chạy `chidao ingest` (hoặc `make run`) trước.")
    return documents


def briefing_from(
    documents: list[Document], *, doc: str | None = None, unit: str | None = None, topic: str | None = None
) -> Briefing:
    """The briefing asked for, built from `documents`; exactly one of doc, unit, topic is given."""
    if sum(value is not None for value in (doc, unit, topic)) != 1:
        raise BadBriefingRequest("Hãy chọn đúng một kiểu đề cương: theo văn bản (--doc), theo đơn vị (--unit) "
                                 "hoặc theo chủ đề (--topic).")
    if doc is not None:
        return briefing_for_document(find_document(documents, doc), documents)
    if unit is not None:
        return briefing_for_unit(documents, unit)
    return briefing_for_topic(documents, topic)


def find_document(documents: list[Document], name: str) -> Document:
    """The document `name` designates: its number ("3400-CV/TU") or a loose mention ("cong van 3400")."""
    numbers = {document.number: document for document in documents}
    found = lookup.find_document(numbers, name)
    if found is not None:
        return found
    candidates = lookup.document_candidates(numbers, name)
    if candidates:
        raise UnknownDocument(f"“{name}” có thể là nhiều văn bản: {', '.join(candidates)}. Hãy ghi đủ số, ký hiệu.")
    raise UnknownDocument(f"Không tìm thấy văn bản “{name}”. Các văn bản hiện có: {', '.join(sorted(numbers))}.")
