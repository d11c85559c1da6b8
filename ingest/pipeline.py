"""Ingest pipeline: a file -> stored text -> Document (metadata, section tree, assignments, references)."""

from __future__ import annotations

from pathlib import Path

from ingest.assignments import extract_assignments
from ingest.closing import read_closing
from ingest.errors import EmptyDocument, MissingNumber
from ingest.header import read_header
from ingest.manifest import Manifest, load_manifest, merge_metadata
from ingest.normalize import normalize_text
from ingest.readers import SUPPORTED_SUFFIXES, read_file
from ingest.references import extract_references
from ingest.sections import build_sections, locate
from ingest.types import Document
from ingest.units import split_units


def collect_files(paths: list[Path]) -> list[Path]:
    """The readable files under the given paths, folders expanded, in a stable order; manifests skipped."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
        else:
            files.append(path)  # an unsupported single file is reported by the reader, not skipped silently
    return [p for p in files if p.name != "manifest.json"]


def load_manifest_for(manifest: Path | None, targets: list[Path]) -> Manifest | None:
    """The given manifest, else a manifest.json inside the first target folder, else none."""
    if manifest is not None:
        return load_manifest(manifest)
    for target in targets:
        candidate = target / "manifest.json" if target.is_dir() else target.parent / "manifest.json"
        if candidate.exists():
            return load_manifest(candidate)
    return None


def parse_file(path: Path, *, manifest: Manifest | None = None, max_bytes: int = 20 * 1024 * 1024) -> Document:
    """Read and parse one file; raises an IngestError subclass with a Vietnamese message."""
    text = normalize_text(read_file(path, max_bytes=max_bytes))
    if not text.strip():
        raise EmptyDocument(str(path), "Tệp không có nội dung văn bản. Hãy kiểm tra lại tệp gốc.")
    entry = manifest.entry_for_file(path.name) if manifest else None
    return parse_text(text, source=str(path), entry=entry)


def parse_text(text: str, *, source: str | None = None, entry=None) -> Document:
    """Parse already-normalised stored text into a Document."""
    header = read_header(text)
    metadata, warnings = merge_metadata(header, entry)
    if not metadata.number:
        raise MissingNumber(
            source or "(văn bản)",
            "Không tìm thấy số ký hiệu văn bản trong phần đầu và trong manifest.json. "
            "Hãy thêm mục cho tệp này vào manifest.json (trường \"number\").",
        )
    closing = read_closing(text, header.end)
    sections = build_sections(text, header, closing)
    addressees = tuple(name for item in header.recipients for name in split_units(item))
    assignments = extract_assignments(text, sections, addressees=addressees)
    references = extract_references(text, lambda offset: locate(sections, offset), self_number=metadata.number)
    signer_title, signed_for = closing.signer_title
    return Document(
        number=metadata.number,
        doc_type=metadata.doc_type or "Văn bản",
        text=text,
        issuer=metadata.issuer,
        issued=metadata.issued,
        place=metadata.place,
        title=metadata.title,
        recipients=tuple(header.recipients),
        signer=closing.signer,
        signer_title=signer_title,
        signed_for=signed_for,
        sections=sections,
        assignments=tuple(assignments),
        references=tuple(references),
        source=source,
        warnings=tuple(warnings),
    )
