"""Assistant step: facts about documents themselves — who issued one, when, who signed, what it implements or
attaches — read from its header, its references, or, for a document the corpus only cites, from the texts
that cite it (and the answer says where it read that)."""

from __future__ import annotations

import dataclasses
import re

from assistant.citations import CitationList
from assistant.compose import Context, answer_general, refuse
from assistant.merge import merge_answers
from assistant.question import Question
from assistant.types import Answer, Passage, UnitRole
from ingest.graph import DocumentGraph
from ingest.types import Document
from ingest.units import split_units
from ingest.vietnamese import folded

_SIGNER = re.compile(r"\b(ai ky|nguoi ky|ky ban hanh|ky van ban)\b")
_ATTACHED = re.compile(r"\b(gui kem|kem theo)\b")
# "... thực hiện kết luận nào?", "căn cứ vào văn bản gì?": which document; not "kinh phí thực hiện ... bao nhiêu"
_IMPLEMENTS = re.compile(r"\b(thuc hien|trien khai|nham|can cu)\b.*\b(nao|gi)\b")
_ISSUER = re.compile(r"\b(co quan nao|ai ban hanh|do ai|cua ai|cua co quan nao|don vi nao ban hanh|ai ra)\b")
_DATE = re.compile(r"\b(ngay nao|khi nao|bao gio|ngay thang|nam nao)\b")
_IN_FORCE = re.compile(r"\bhieu luc\b")
_ISSUED_ASKED = re.compile(r"\b(ban hanh|ky|ra)( \w+){0,2} (ngay nao|khi nao|bao gio|nam nao)\b|\bngay ban hanh\b")


def answer_doc_fact(
    question: Question, numbers: tuple[str, ...], cited: tuple[str, ...], passages: list[Passage],
    ctx: Context, graph: DocumentGraph,
) -> Answer:
    """Answer from metadata and references; fall back to quoting the best passage."""
    documents = ctx.documents
    if cited and not numbers:
        return _cited_only(question, cited[0], documents, graph)
    if numbers:
        parts = [part for part in _facts_asked(question, documents[numbers[0]], documents, passages, ctx) if part]
        if parts:
            return merge_answers(parts)
    return answer_general(question, passages, ctx)


def _facts_asked(question: Question, document: Document, documents: dict[str, Document], passages: list[Passage],
                 ctx: Context) -> list[Answer | None]:
    """One answer per fact the question asks, in the order they are answered: "do ai ký và ban hành ngày nào?"
    is the signature and the header; "có hiệu lực từ khi nào, ai ký?" the article on effect and the signature."""
    key = question.key
    signer = bool(_SIGNER.search(key))
    rest = _SIGNER.sub(" ", key)  # "do ai ký": the signer, not the issuer
    parts: list[Answer | None] = []
    if _PROPOSER.search(rest):
        parts.append(_proposer(question, document, documents))
        rest = _PROPOSER.sub(" ", rest)
    if signer:
        parts.append(_signer(question, document, documents))
    if _ATTACHED.search(rest):
        parts.append(_related(question, document, documents, ("gửi kèm", "kèm theo"), "gửi kèm"))
    if _IMPLEMENTS.search(rest) and not (_DATE.search(rest) or _ISSUER.search(rest)):
        parts.append(_related(question, document, documents, ("thực hiện", "căn cứ"), "thực hiện"))
    in_force = bool(_IN_FORCE.search(rest))
    if (_ISSUER.search(rest) or _DATE.search(rest)) and (not in_force or _ISSUED_ASKED.search(rest)):
        identity = _identity(question, document, documents)
        if identity and in_force and "hieu luc" not in folded(document.text):
            # "ban hành ngày nào và có hiệu lực từ khi nào?" in a text that says nothing of its effect
            return [dataclasses.replace(identity, answer=identity.answer + f" {document.doc_type} "
                                        f"{document.number} không có câu nào nói về thời điểm có hiệu lực.")]
        parts.append(identity)
    if in_force or (parts and not any(parts)):
        parts.append(answer_general(question, passages, ctx))  # the effect is stated in a clause
    return parts


# "ban hành theo đề nghị của ai?": the proposal the decision names before its articles
_PROPOSER = re.compile(r"\btheo de nghi cua (ai|co quan nao|don vi nao)\b(?:,? (?:tai|o|theo) van ban (?:nao|so may))?")
_PROPOSAL = re.compile(r"Theo đề nghị của [^.;\n]+", re.IGNORECASE)


def _proposer(question: Question, document: Document, documents: dict[str, Document]) -> Answer | None:
    """The "Theo đề nghị của Giám đốc Sở Nội vụ tại Văn bản số 71/SNV-VP ..." line of a decision, quoted."""
    first_article = next((s.start for s in document.walk() if s.kind == "article"), len(document.text))
    found = _PROPOSAL.search(document.text, 0, first_article)
    if found is None:
        return None
    cites = CitationList(documents)
    marker = cites.cite_offset(document.number, found.start())
    proposal = found.group()[len("Theo đề nghị của "):].strip()
    text = f"{document.doc_type} {document.number} được ban hành theo đề nghị của {proposal} [{marker}]."
    return Answer(text, True, (), tuple(cites.items), kind=question.kind)


def _identity(question: Question, document: Document, documents: dict[str, Document]) -> Answer | None:
    header = document.find(("header",)) or document.find(("preamble",))
    if header is None or not (document.issuer or document.issued):
        return None
    cites = CitationList(documents)
    marker = cites.cite_section(document.number, header)
    printed = _printed_date(document)
    if printed is not None and not header.start <= printed < header.end:
        marker = cites.cite_offset(document.number, printed)  # 155-KL/TW: "Tại phiên họp ngày 16/5/2025"
    parts = [f"{document.doc_type} {document.number}"]
    if document.issuer:
        parts.append(f"do {document.issuer} ban hành")
    if document.issued:
        parts.append(f"ngày {vietnamese_date(document.issued)}")
    text = " ".join(parts)
    if document.title:
        text += f", về “{document.title}”"
    text += f" [{marker}]."
    if document.find(("header",)) is None:
        text += " (Văn bản không in phần đầu; số và ngày lấy từ danh mục kho văn bản.)"
    units = ()
    if document.issuer and _ISSUER.search(question.key):
        units = tuple(UnitRole(name, "ban hành", (marker,)) for name in split_units(document.issuer))
    return Answer(text, True, units, tuple(cites.items), kind=question.kind)


def _signer(question: Question, document: Document, documents: dict[str, Document]) -> Answer | None:
    signature = next((s for s in document.sections if s.kind == "signature" and document.signer and
                      document.signer in document.text[s.start : s.end]), None)
    if signature is None:
        return refuse(question, f"{document.number} has no signature block")
    cites = CitationList(documents)
    marker = cites.cite_section(document.number, signature)
    lines = [line for line in document.text[signature.start : signature.end].splitlines() if line.strip() != "* *"]
    capacity = ", ".join(line.strip() for line in lines if line.strip() and line.strip() != document.signer)
    text = f"{document.doc_type} {document.number} do ông/bà {document.signer} ký ({capacity}) [{marker}]."
    return Answer(text, True, (), tuple(cites.items), kind=question.kind)


def _related(
    question: Question, document: Document, documents: dict[str, Document], relations: tuple[str, ...], verb: str
) -> Answer | None:
    found = [r for r in document.references if r.relation in relations and not getattr(r, "target_of", None)]
    if not found:
        return None
    cites = CitationList(documents)
    parts = []
    seen = set()
    for reference in found:
        if reference.number in seen:
            continue
        seen.add(reference.number)
        marker = cites.cite_offset(document.number, reference.start)
        name = f"{reference.doc_type} {reference.number}" if reference.doc_type else reference.number
        when = f" ngày {vietnamese_date(reference.issued)}" if reference.issued else ""
        by = f" của {reference.issuer}" if getattr(reference, "issuer", None) else ""
        parts.append(f"{name}{when}{by} [{marker}]")
    text = f"{document.doc_type} {document.number} {verb}: " + "; ".join(parts) + "."
    return Answer(text, True, (), tuple(cites.items), kind=question.kind)


def _cited_only(question: Question, number: str, documents: dict[str, Document], graph: DocumentGraph) -> Answer:
    """A document the corpus only cites: what the citing texts say of it, and that its text is not here."""
    facts = [f for f in graph.about(number) if f.stated_in in documents]
    if not facts:
        return refuse(question, f"nothing in the corpus says anything about {number}")
    key = question.key
    wanted = "issued" if _DATE.search(key) else "issuer" if _ISSUER.search(key) else None
    if wanted is None and not _IMPLEMENTS.search(key):
        # the question is about the content of a document whose text chidao does not have
        node = graph.node(number)
        name = f"{node.doc_type} {number}" if node and node.doc_type else number
        return Answer(f"Toàn văn {name} không có trong kho văn bản của chidao, nên không thể trả lời câu hỏi về "
                      f"nội dung của văn bản này. Hãy bổ sung văn bản vào kho (chidao ingest) rồi hỏi lại.",
                      False, kind=question.kind, notes=(f"{number} is cited only",))
    chosen = [f for f in facts if f.kind == wanted] if wanted else [f for f in facts if f.kind not in ("doc_type",)]
    if not chosen:
        return refuse(question, f"the corpus does not state the {wanted} of {number}")
    cites = CitationList(documents)
    lines = []
    for fact in chosen[:3]:
        marker = cites.cite_offset(fact.stated_in, fact.start)
        value = vietnamese_date(fact.value) if fact.kind == "issued" else fact.value
        what = {"issued": "ngày ban hành", "issuer": "cơ quan ban hành", "doc_type": "loại văn bản"}.get(fact.kind, fact.kind)
        lines.append(f"{what}: {value} (theo {documents[fact.stated_in].doc_type} {fact.stated_in}) [{marker}]")
    node = graph.node(number)
    name = f"{node.doc_type} {number}" if node and node.doc_type else number
    text = f"{name} — " + "; ".join(lines) + f". Toàn văn {name} không có trong kho văn bản của chidao."
    return Answer(text, True, (), tuple(cites.items), kind=question.kind)


def _printed_date(document: Document) -> int | None:
    """Where the document's own text prints its date, if it does (d/m/yyyy or "ngày d tháng m năm yyyy")."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", document.issued or "")
    if not match:
        return None
    year, month, day = (int(x) for x in match.groups())
    pattern = rf"\b0?{day}/0?{month}/{year}\b|ngày 0?{day} tháng 0?{month} năm {year}"
    found = re.search(pattern, document.text)
    return found.start() if found else None


def vietnamese_date(iso: str) -> str:
    """'2024-08-21' -> '21/8/2024', the way Vietnamese documents write dates."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not match:
        return iso
    year, month, day = match.groups()
    return f"{int(day)}/{int(month)}/{year}"
