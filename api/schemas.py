"""Request and response shapes of the web API (pydantic, at the edge only); they follow CONTRACT §3 and the
`chidao show --json` document shape, so the OpenAPI schema states exactly what comes back."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from assistant.question import MAX_QUESTION_CHARS as QUESTION_LIMIT

# A question must hold at least one letter (any script); the assistant refuses digits and signs alone.
HAS_LETTER = r"[^\W\d_]"


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")
    question: str = Field(..., min_length=1, max_length=QUESTION_LIMIT, pattern=HAS_LETTER, examples=["Ai theo dõi việc thực hiện công văn 3400?"])
    conversation_id: str | None = Field(None, max_length=100, pattern=r"^[A-Za-z0-9_.:-]+$")


class UnitOut(BaseModel):
    name: str
    role: str
    citations: list[int]


class CitationOut(BaseModel):
    id: int
    doc_number: str
    doc_title: str | None
    issuer: str | None
    issued: str | None
    locator: list[str]
    label: str
    text: str = Field(..., description="== the stored document text[start:end]")
    start: int
    end: int
    paragraph: int


class AnswerOut(BaseModel):
    answer: str
    answerable: bool
    units: list[UnitOut]
    citations: list[CitationOut]
    conversation_id: str | None
    kind: str
    debug: dict = Field(default_factory=dict, description="how the question was read: kind and the model's "
                        "scores, cue words, units and documents named, roles asked, follow-up; and why the answer "
                        "is what it is (notes)")


class Problem(BaseModel):
    detail: str = Field(..., description="Vietnamese: what went wrong and what to do")


class DocumentSummary(BaseModel):
    number: str
    type: str
    issuer: str | None
    issued: str | None
    title: str | None
    signer: str | None
    sections: int
    assignments: int
    references: int
    has_text: bool = Field(True, description="false for documents the corpus only cites")


class SectionOut(BaseModel):
    locator: list[str]
    paragraph: int
    label: str
    kind: str
    text: str
    start: int
    end: int
    children: list[SectionOut]


class AssignmentOut(BaseModel):
    units: list[str]
    role: str
    task: str
    task_start: int
    task_end: int
    deadline: str | None
    report_to: list[str]
    inherited: bool
    locator: list[str]
    start: int
    end: int


class ReferenceOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    number: str
    relation: str
    type: str | None
    issued: str | None
    locator: list[str]
    start: int
    end: int


class DocumentDetail(BaseModel):
    number: str
    type: str
    issuer: str | None
    issued: str | None
    place: str | None
    title: str | None
    recipients: list[str]
    signer: str | None
    source: str | None
    warnings: list[str]
    sections: list[SectionOut]
    assignments: list[AssignmentOut]
    references: list[ReferenceOut]


class DocumentText(BaseModel):
    number: str
    text: str = Field(..., description="the stored text; citations' start/end index into it")


class UnitSummary(BaseModel):
    name: str
    assignments: int
    documents: list[str]


class UnitTask(BaseModel):
    doc_number: str
    role: str
    task: str
    deadline: str | None
    report_to: list[str]
    locator: list[str]
    label: str
    start: int
    end: int


class UnitDetail(BaseModel):
    name: str
    tasks: list[UnitTask]


class IngestOut(BaseModel):
    number: str
    status: str = Field(..., description="added, replaced or unchanged")
    passages: int
    sections: int
    assignments: int
    warnings: list[str]


class Health(BaseModel):
    status: str
    documents: int
    embedder: str
    qdrant: str = Field(..., description="embedded or server")


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")
    role: str = Field(..., max_length=20)
    content: str | list[dict] | None = None


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")
    model: str = Field("chidao", max_length=100)
    messages: list[ChatMessage] = Field(..., min_length=1, max_length=200)
    stream: bool = False
