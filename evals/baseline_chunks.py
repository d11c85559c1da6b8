"""Evaluation baselines, shared step: the corpus read by our own ingest pipeline, cut the simple way
(LlamaIndex's `SentenceSplitter`, default size), and the answer a baseline gives: the top chunk, its units,
one citation. Both baselines see the stored text and section trees chidao sees, so citations are scored alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from assistant.types import Answer, Citation, UnitRole
from ingest.pipeline import collect_files, load_manifest_for, parse_file
from ingest.store import point_id
from ingest.types import Document, Section
from ingest.units import find_units

# A baseline reads no roles: it only sees that a unit is named in the chunk.
UNKNOWN_ROLE = "không rõ"


@dataclass(frozen=True)
class Chunk:
    """A piece of one document: text == document.text[start:end]; metadata as LlamaIndex's reader sets it."""

    id: str
    document: Document
    start: int
    end: int
    text: str
    metadata: dict


def load_documents(corpus: Path) -> list[Document]:
    """Every document of a corpus folder, parsed as `chidao ingest` parses it (manifest.json included)."""
    manifest = load_manifest_for(None, [corpus])
    return [parse_file(path, manifest=manifest) for path in collect_files([corpus])]


def split_chunks(documents: list[Document]) -> list[Chunk]:
    """SentenceSplitter chunks (default size and overlap) of every document, with their stored-text spans."""
    from llama_index.core import Document as LlamaDocument
    from llama_index.core.node_parser import SentenceSplitter

    # SimpleDirectoryReader would give file_name; the splitter counts it against the chunk size, so both
    # baselines get exactly the chunks a plain LlamaIndex pipeline gets.
    sources = [
        LlamaDocument(text=d.text, id_=d.number, metadata={"file_name": Path(d.source or d.number).name})
        for d in documents
    ]
    by_number = {d.number: d for d in documents}
    chunks: list[Chunk] = []
    searched_from: dict[str, int] = {}
    for node in SentenceSplitter().get_nodes_from_documents(sources):
        document = by_number[node.ref_doc_id]
        offset = searched_from.get(document.number, 0)
        start, end = _span(document.text, node.text, node.start_char_idx, offset)
        searched_from[document.number] = start + 1  # chunks overlap: the next one starts after this start
        text = document.text[start:end]
        chunk_id = point_id(f"{document.number}:{start}-{end}")  # a UUID, as Qdrant wants, stable across runs
        chunks.append(Chunk(chunk_id, document, start, end, text, dict(node.metadata)))
    return chunks


def _span(stored: str, chunk: str, found: int | None, search_from: int) -> tuple[int, int]:
    """Where the chunk stands in the stored text. LlamaIndex finds it by exact search; should the splitter
    ever rejoin a chunk with other whitespace, match it with any whitespace between its words."""
    if found is not None and stored[found : found + len(chunk)] == chunk:
        return found, found + len(chunk)
    pattern = r"\s+".join(re.escape(word) for word in chunk.split())
    match = re.compile(pattern).search(stored, search_from) or re.search(pattern, stored)
    if match is None:
        raise ValueError(f"chunk not found in its document: {chunk[:80]!r}")
    return match.start(), match.end()


def section_at(document: Document, offset: int) -> Section | None:
    """The innermost section holding `offset`; in a gap between sections, the first section after it."""
    found: Section | None = None
    level = document.sections
    while True:
        inner = next((s for s in level if s.start <= offset < max(s.end, s.start + 1)), None)
        if inner is None:
            break
        found, level = inner, inner.children
    if found is None:
        found = next((s for s in document.walk() if s.start >= offset), None)
    return found


def chunk_answer(chunk: Chunk, note: str) -> Answer:
    """What a retrieve-the-top-chunk pipeline answers: the chunk itself, every unit named in it, and one
    citation of the chunk placed at the section where it starts. It never refuses."""
    document = chunk.document
    section = section_at(document, chunk.start)
    citation = Citation(
        id=1,
        doc_number=document.number,
        doc_title=document.title,
        issuer=document.issuer,
        issued=document.issued,
        locator=section.locator if section else (),
        label=section.label if section else "",
        text=chunk.text,
        start=chunk.start,
        end=chunk.end,
        paragraph=section.paragraph if section else 0,
    )
    names = dict.fromkeys(mention.name for mention in find_units(document.text, chunk.start, chunk.end))
    units = tuple(UnitRole(name, UNKNOWN_ROLE, (1,)) for name in names)
    return Answer(f"{chunk.text} [1]", True, units, (citation,), notes=(note,))
