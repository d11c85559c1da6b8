"""Evaluation: the directives suite's gold files (`gold/<stem>.json`, `gold/<stem>.questions.jsonl`), read and checked.

The format is written down in `GOLD.md`; these models are its schema, strict on the files we write.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from evals.directives.split import EXTRA_DIR, HERE, is_extra, load_split

GOLD_DIR = HERE / "gold"
SHARED_DIRECTIVES = HERE.parents[2] / "shared" / "directives"  # ../shared beside the checkout

Role = Literal[
    "chủ trì", "phối hợp", "lãnh đạo, chỉ đạo", "tham mưu", "giám sát", "theo dõi", "kiểm tra", "hướng dẫn",
    "thực hiện", "chịu trách nhiệm", "báo cáo", "trình", "thẩm định", "đôn đốc", "thi hành",
]


class Facts(BaseModel):
    """What the document says about itself; None where it does not print it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    number: str
    type: str
    issuer: list[str] = Field(min_length=1)
    place: str | None
    issued: str | None
    title: str | None
    signer: str | None
    signer_title: str | None
    authority: str | None
    implements: list[str]
    attachments: list[str]
    effective: str | None = None  # recorded by some gold writers; not scored
    replaces: list[str] | str | None = None


class Record(BaseModel):
    """One (clause, unit) assignment."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    locator: list[str] = Field(min_length=1)
    paragraph: int | None = None
    first_words: str
    unit: list[str] = Field(min_length=1)
    role: Role
    also_roles: list[Role] = []
    task: str
    deadline: str | None
    report_to: list[list[str]]
    optional: bool = False
    note: str | None = None


class Key(BaseModel):
    """The gold of one document."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    file: str
    doc: str
    complete: bool
    note: str | None = None
    facts: Facts
    records: list[Record]


@dataclass(frozen=True)
class GoldDocument:
    """A document of the suite with its gold: which part it is in, where its file is."""

    stem: str
    part: str  # "dev" or "heldout"
    path: Path
    key: Key
    questions: Path


class GoldError(Exception):
    """A gold file is malformed; `message` says which and why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def load_key(path: Path) -> Key:
    try:
        return Key.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, ValidationError) as error:
        raise GoldError(f"{path.name}: {error}") from error


def suite_documents(parts: tuple[str, ...] = ("dev", "heldout"), source: Path = SHARED_DIRECTIVES) -> list[GoldDocument]:
    """Every document of the split that has gold, in file-name order, for the asked parts."""
    found = []
    for name, part in sorted(load_split().items()):
        stem = name.rsplit(".", 1)[0]
        key_path = GOLD_DIR / f"{stem}.json"
        if part in parts and key_path.exists():
            folder = EXTRA_DIR if is_extra(name) else source
            found.append(GoldDocument(stem, part, folder / name, load_key(key_path),
                                      GOLD_DIR / f"{stem}.questions.jsonl"))
    return found
