"""Plain data passed between the ingest stage and the stages that read its output.

Every span (`start`, `end`) is a character offset into `Document.text`, the stored, normalised text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Locator = tuple[str, ...]


@dataclass(frozen=True)
class Section:
    """One node of a document's section tree, named by the labels the document prints."""

    locator: Locator
    label: str  # Vietnamese, for people: "Mục 4, gạch đầu dòng 2", "Điều 3, khoản 2, điểm a"
    kind: str  # header, preamble, recipients, signature, part, item, point, bullet, article, clause, chapter, annex, paragraph
    start: int
    end: int  # the whole section, children included
    marker: str = ""  # the label as printed ("4.", "a)", "-", "Điều 3."), empty for named parts
    paragraph: int = 0  # 1-based position of a continuation paragraph inside its parent; 0 otherwise
    children: tuple[Section, ...] = ()

    @property
    def own_end(self) -> int:
        """End of the section's own text: where its first child starts, or its end."""
        return self.children[0].start if self.children else self.end

    def walk(self):
        """This section and every descendant, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Assignment:
    """Who must do what, as one clause of a directive words it."""

    units: tuple[str, ...]  # canonical unit names
    role: str  # as worded: "chủ trì", "phối hợp", "lãnh đạo, chỉ đạo", "tham mưu", "giám sát", ...
    task: str  # == document text[task_start:task_end]
    task_start: int
    task_end: int
    locator: Locator
    start: int  # the clause (section) that says it
    end: int
    deadline: str | None = None  # as worded: "trong tháng 12/2025", "trước ngày 15 tháng 11"
    report_to: tuple[str, ...] = ()  # canonical unit names results are reported to
    inherited: bool = False  # the subject comes from a parent clause or the addressees, not this clause


@dataclass(frozen=True)
class Reference:
    """A mention of another document by its number."""

    number: str  # normalised per CONTRACT §2: "62-KL/TW", "1085/QĐ-TTg"
    # thực hiện, căn cứ, gửi kèm, kèm theo (attached here), ban hành kèm theo (this text is attached to it),
    # rà soát, sửa đổi, thay thế, bãi bỏ, theo, nhắc đến (no relation stated)
    relation: str
    doc_type: str | None  # "Kết luận", "Nghị quyết", ... when the text names it
    issued: str | None  # ISO date when the text gives one
    locator: Locator
    start: int  # the mention of the number in the text
    end: int
    issuer: str | None = None  # "Bộ Chính trị", when the text says "của ..." after the number
    # The cited document the sentence states the relation of ("Kết luận 62-KL/TW ... về thực hiện Nghị quyết
    # 19-NQ/TW": 62-KL/TW implements 19-NQ/TW); None when the citing document itself stands in the relation.
    target_of: str | None = None
    statement_start: int | None = None  # the words that state number, date, issuer and relation
    statement_end: int | None = None


@dataclass(frozen=True)
class Document:
    """A directive read from one file: metadata, stored text, section tree, assignments, references."""

    number: str
    doc_type: str
    text: str
    issuer: str | None = None
    issued: str | None = None  # ISO date
    place: str | None = None
    title: str | None = None
    recipients: tuple[str, ...] = ()
    signer: str | None = None
    signer_title: str | None = None  # the line above the name: "Phó Chủ tịch"
    signed_for: str | None = None  # the delegation above that, when printed: "KT. Chủ tịch", "TM. Ban Thường vụ"
    sections: tuple[Section, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    references: tuple[Reference, ...] = ()
    source: str | None = None  # file path it was read from
    warnings: tuple[str, ...] = field(default=())  # e.g. header and manifest disagree

    def walk(self):
        """Every section, in document order."""
        for section in self.sections:
            yield from section.walk()

    def find(self, locator: Locator, paragraph: int = 0) -> Section | None:
        """The section at `locator` (and continuation `paragraph`), if any."""
        for section in self.walk():
            if section.locator == tuple(locator) and section.paragraph == paragraph:
                return section
        return None
