"""Ingest step: read corpus/manifest.json and merge its metadata with what a document's header says.

The header is what the document says, so it wins; the manifest fills what the header lacks (155-KL/TW
prints no number, date or issuer), and every disagreement between the two is reported, never hidden.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path, PurePath

from pydantic import BaseModel, ConfigDict, ValidationError

from ingest.errors import UnreadableFile
from ingest.header import Header
from ingest.numbers import normalize_number
from ingest.units import expand_abbreviations
from ingest.vietnamese import comparable


class ReferencedDocument(BaseModel):
    """A document the corpus cites whose full text is not available."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    number: str
    type: str
    issued: datetime.date
    issuer: str
    title: str
    notes: str = ""


class ManifestDocument(ReferencedDocument):
    """One file of the corpus and its metadata."""

    file: str
    source: str = ""


class Manifest(BaseModel):
    """corpus/manifest.json: our own file, so unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    about: str = ""
    documents: tuple[ManifestDocument, ...] = ()
    referenced_without_text: tuple[ReferencedDocument, ...] = ()

    def entry_for_file(self, name: str) -> ManifestDocument | None:
        """The entry of a corpus file, by its name; the same document saved in another format
        (3400-CV-TU.docx for 3400-CV-TU.txt) shares the entry."""
        name = PurePath(name).name
        exact = next((entry for entry in self.documents if entry.file == name), None)
        stem = PurePath(name).stem
        return exact or next((entry for entry in self.documents if PurePath(entry.file).stem == stem), None)

    def entry_for_number(self, number: str) -> ReferencedDocument | None:
        """The entry for a document number, whether its text is in the corpus or only cited."""
        key = _number_key(number)
        entries = (*self.documents, *self.referenced_without_text)
        return next((entry for entry in entries if _number_key(entry.number) == key), None)


@dataclass(frozen=True)
class Metadata:
    """A document's metadata after merging its header with its manifest entry."""

    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    issued: str | None = None  # ISO date
    place: str | None = None
    title: str | None = None
    from_manifest: tuple[str, ...] = ()  # the fields the header lacked and the manifest filled


def load_manifest(path: str | Path) -> Manifest:
    """Read and validate a manifest.json; raises UnreadableFile with a Vietnamese message."""
    try:
        return Manifest.model_validate(json.loads(Path(path).read_text(encoding="utf-8")))
    except OSError as error:
        message = f"Không đọc được tệp manifest ({error.strerror}). Hãy kiểm tra đường dẫn."
        raise UnreadableFile(str(path), message)
    except json.JSONDecodeError as error:
        where = f"dòng {error.lineno}, cột {error.colno}"
        raise UnreadableFile(str(path), f"Tệp manifest không phải JSON hợp lệ ({where}). Hãy sửa lại.")
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()[:5])
        raise UnreadableFile(str(path), f"Tệp manifest có trường sai hoặc thiếu ({problems}). Hãy sửa lại.")


def merge_metadata(header: Header, entry: ReferencedDocument | None) -> tuple[Metadata, list[str]]:
    """The header's metadata, completed from the manifest entry; warnings name each field they disagree on."""
    printed = {
        "number": header.number,
        "doc_type": header.doc_type,
        "issuer": header.issuer,
        "issued": header.issued,
        "title": header.title,
    }
    listed = {
        "number": entry.number if entry else None,
        "doc_type": entry.type if entry else None,
        "issuer": entry.issuer if entry else None,
        "issued": entry.issued.isoformat() if entry else None,
        "title": entry.title if entry else None,
    }
    merged: dict[str, str | None] = {}
    filled: list[str] = []
    warnings: list[str] = []
    for field, ours in printed.items():
        theirs = listed[field]
        merged[field] = ours or theirs
        if not ours and theirs:
            filled.append(field)
        elif ours and theirs and not _agree(field, header, ours, theirs):
            warnings.append(f"{field}: the header says {ours!r}, the manifest says {theirs!r}; header kept")
    return Metadata(place=header.place, from_manifest=tuple(filled), **merged), warnings


def _agree(field: str, header: Header, ours: str, theirs: str) -> bool:
    if field == "number":
        return _number_key(ours) == _number_key(theirs)
    if field == "issuer":
        # the manifest may name the issuing organ in brackets: "Tỉnh ủy Tiền Giang (Ban Thường vụ Tỉnh ủy)"
        names = [re.sub(r"\([^)]*\)", " ", theirs), *re.findall(r"\(([^)]*)\)", theirs)]
        ours_keys = {_name_key(ours), _name_key(header.issuer_printed or ours)}
        return any(_name_key(name) in ours_keys for name in names)
    if field == "title":
        return _title_key(ours, header.doc_type) == _title_key(theirs, header.doc_type)
    return comparable(ours) == comparable(theirs)


def _number_key(number: str) -> str:
    return comparable(normalize_number(number))


def _name_key(name: str) -> str:
    """Spelling, case and abbreviations aside: "UBND tỉnh Bắc Ninh" == "UỶ BAN NHÂN DÂN TỈNH BẮC NINH"."""
    return _plain(expand_abbreviations(name))


def _title_key(title: str, doc_type: str | None) -> str:
    """A title without the type word a manifest may put first ("Kế hoạch nâng cao ..." == "NÂNG CAO ...")."""
    key = _plain(title)
    prefix = _plain(doc_type or "")
    if prefix and key.startswith(prefix + " "):
        key = key[len(prefix) + 1 :]
    return key


def _plain(text: str) -> str:
    """comparable() with punctuation spaced alike and trailing full stops dropped."""
    text = re.sub(r"\s*([,;:])\s*", r"\1 ", text)
    text = re.sub(r"\s*[-–—]\s*", " - ", text)
    return comparable(text).strip(" .")
