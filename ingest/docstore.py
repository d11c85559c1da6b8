"""Ingest output: parsed documents kept on disk, one JSON file each, written atomically.

The index holds passages; this store holds whole documents (text, tree, assignments, references) so that
`chidao show`, the document graph and citation checks read exactly what was ingested.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from pathlib import Path

from ingest.types import Assignment, Document, Reference, Section


class DocumentStore:
    """A folder of `<slug>.json` files, one per document number."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def path_for(self, number: str) -> Path:
        digest = hashlib.sha1(number.encode("utf-8")).hexdigest()[:8]
        slug = "".join(ch if ch.isalnum() else "_" for ch in number)
        return self.folder / f"{slug}-{digest}.json"

    def save(self, document: Document) -> None:
        """Write the document; readers see the old file or the new one, never half of one."""
        self.folder.mkdir(parents=True, exist_ok=True)
        data = json.dumps(dataclasses.asdict(document), ensure_ascii=False)
        handle, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path_for(document.number))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def load(self, number: str) -> Document | None:
        path = self.path_for(number)
        if not path.exists():
            return None
        return document_from_dict(json.loads(path.read_text(encoding="utf-8")))

    def remove(self, number: str) -> bool:
        path = self.path_for(number)
        existed = path.exists()
        path.unlink(missing_ok=True)
        return existed

    def all(self) -> list[Document]:
        if not self.folder.exists():
            return []
        return [
            document_from_dict(json.loads(path.read_text(encoding="utf-8")))
            for path in sorted(self.folder.glob("*.json"))
        ]


def document_from_dict(data: dict) -> Document:
    """Rebuild a Document from `dataclasses.asdict` output (lists back to tuples)."""
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
