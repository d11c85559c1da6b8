"""Assistant step: compose the answer from the documents themselves — units with roles, the task, the
deadline, the reporting line — each claim with an [n] marker pointing at the exact clause.

Who-questions are answered from the assignments extracted at ingest (with inherited subjects), never from
whichever unit name happens to stand in the passage.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from assistant.citations import CitationList
from assistant.question import Question
from assistant.relevance import Relevance
from assistant.types import Answer, Passage, UnitRole
from ingest.types import Document
from ingest.units import is_bare_head, opens_with_staff, place_scopes, unit_key
from ingest.vietnamese import comparable, folded

NOT_IN_DOCUMENTS = (
    "Các văn bản hiện có không nêu thông tin này, nên chidao không trả lời để tránh suy đoán. "
    "Bạn có thể hỏi lại cụ thể hơn (nêu số văn bản, đơn vị hoặc nhiệm vụ) hoặc tra cứu văn bản gốc."
)
_LEADS = ("chủ trì", "lãnh đạo", "chỉ đạo", "lãnh đạo, chỉ đạo", "lãnh đạo và chỉ đạo")
_TASK_CHARS = 260
# The date in a document's header or signature block is when it was issued, not a time limit it sets.
_NOT_DEADLINES = ("header", "signature", "recipients")
# A clause up to this long is cited whole (its unit and deadline lines included).
_CLAUSE_CHARS = 1500


@dataclass(frozen=True)
class Context:
    """What composing reads: the stored documents and the relevance gate built over their passages."""

    documents: dict[str, Document]
    relevance: Relevance


@dataclass(frozen=True)
class Duty:
    """One assignment as the index stores it, with the passage it was read from."""

    unit: str
    role: str
    task: str
    deadline: str | None
    report_to: tuple[str, ...]
    passage: Passage


def duties_of(passage: Passage, documents: dict[str, Document]) -> list[Duty]:
    """The passage's assignments; a unit line or continuation without its own falls back to its clause's."""
    items = list(passage.assignments)
    if not items and passage.doc_number in documents:
        document = documents[passage.doc_number]
        items = [
            {"units": a.units, "role": a.role, "task": a.task, "deadline": a.deadline, "report_to": a.report_to}
            for a in document.assignments if a.locator == passage.locator
        ]
    return [
        Duty(unit, item["role"], item["task"], item.get("deadline"), tuple(item.get("report_to") or ()), passage)
        for item in items for unit in item["units"]
    ]


def refuse(question: Question, note: str) -> Answer:
    return Answer(NOT_IN_DOCUMENTS, False, kind=question.kind, notes=(note,))


def relevant(question: Question, passages: list[Passage], ctx: Context) -> list[Passage]:
    """Passages the relevance gate admits, best first (empty: the documents do not settle the question)."""
    return ctx.relevance.admitted(question, passages)


def answer_who(question: Question, passages: list[Passage], ctx: Context) -> Answer:
    """Which units are responsible: the assignments of the best clause that has any."""
    candidates = relevant(question, passages, ctx)[:3]
    # of the best clauses, the one whose own words cover the question best ("ai hướng dẫn ... giám sát")
    # (a decision's closing article, put first for "giao ai thi hành?", stays first)
    ranked = sorted(
        enumerate(candidates),
        key=lambda item: (item[1].id != "executors", -(
            ctx.relevance.coverage(question, item[1]) + ctx.relevance.coverage(question, item[1], headings=False)
            - 0.1 * item[0]
        )),
    )
    for _, passage in ranked:
        duties = [d for d in duties_of(passage, ctx.documents) if d.role != "báo cáo" or "báo cáo" in question.roles]
        if not duties:
            continue
        if question.roles and "phối hợp" not in question.roles:
            # "ai chủ trì ...": those in that role; "ai theo dõi ...": the doers, not the co-operators
            asked = [d for d in duties if d.role in question.roles]
            duties = asked or [d for d in duties if d.role != "phối hợp"] or duties
        return _duties_answer(question, duties, ctx)
    return answer_general(question, passages, ctx)


def answer_what(
    question: Question, subjects: tuple[str, ...], passages: list[Passage], ctx: Context,
    in_documents: tuple[str, ...],
) -> Answer:
    """Everything the named units must do, in the documents asked about, most relevant first."""
    found = named_duties(subjects, passages, ctx.documents, in_documents)
    if not found:
        return _no_duties(question, subjects, ctx, in_documents)
    found.sort(key=lambda item: item[0])
    seen: set[tuple[str, int]] = set()
    duties = []
    for _, duty in found:
        if (duty.passage.doc_number, duty.passage.start) not in seen:
            seen.add((duty.passage.doc_number, duty.passage.start))
            duties.append(duty)
    return _duties_answer(question, duties[:8], ctx, listing=True)


def named_duties(
    subjects, passages: list[Passage], documents: dict[str, Document], in_documents: tuple[str, ...] = (),
) -> list[tuple[int, Duty]]:
    """Every duty (reporting aside) of the named units in the documents asked about (all when none), each with
    its clause's rank among the retrieved passages (clauses not retrieved after them, in document order)."""
    rank = {(p.doc_number, p.start): i for i, p in enumerate(passages)}
    found: list[tuple[int, Duty]] = []
    # the units by their own names first; their heads or a list of kinds holding them only when that finds none
    for named in (names_unit(subjects), names_unit(subjects, loose=True)):
        for number, document in documents.items():
            if in_documents and number not in in_documents:
                continue
            for section in document.walk():
                passage = section_passage(document, section)
                for duty in duties_of(passage, {}):
                    if named(duty.unit) and duty.role != "báo cáo":
                        found.append((rank.get((number, passage.start), len(rank) + passage.start), duty))
        if found:
            break
    return found


# The Front is named by its committee or by itself, with or without "Việt Nam": "Ủy ban Mặt trận Tổ quốc Việt
# Nam tỉnh", "Mặt trận Tổ quốc tỉnh", "Ủy ban MTTQ tỉnh" are one body (keys are folded).
_FRONT = re.compile(r"^(?:uy ban )?mat tran to quoc(?: viet nam)?\b")


@lru_cache(maxsize=1)
def _place_patterns() -> tuple[re.Pattern, re.Pattern]:
    """A place that narrows a name ("tỉnh Hà Tĩnh", "thành phố Cần Thơ"), and a name ending with a place word
    (after which the place's name alone narrows it); folded, from the place words of ingest.units."""
    places = "|".join(re.escape(folded(p)) for p in place_scopes())
    return re.compile(rf"^(?:{places})(?: \w+){{0,3}}$"), re.compile(rf"\b(?:{places})$")


def _match_key(name: str) -> str:
    return _FRONT.sub("mat tran to quoc", unit_key(name))


def _narrows(general: str, specific: str) -> bool:
    """Whether `specific` is `general` with a place after it: "mat tran to quoc thanh pho" + "can tho"; never
    a bare kind of body ("Ủy ban nhân dân" does not ask about "Ủy ban nhân dân tỉnh")."""
    if not specific.startswith(general + " ") or len(general.split()) < 2 or is_bare_head(general):
        return False
    tail = specific[len(general) + 1 :]
    place_tail, ends_with_place = _place_patterns()
    return bool(place_tail.match(tail)) or (bool(ends_with_place.search(general)) and len(tail.split()) <= 3)


def _heads_or_lists(unit: str, key: str, asked: str) -> bool:
    """Whether an assigned unit is the asked one's head ("Bộ trưởng Bộ Y tế" for "Bộ Y tế") or a list of kinds
    of body that holds it ("Ủy ban nhân dân xã, phường" for "Ủy ban nhân dân xã"); keys are folded."""
    if len(asked.split()) < 2 or is_bare_head(asked):
        return False
    return (opens_with_staff(unit) and key.endswith(" " + asked)) or key.startswith(asked + ", ")


def names_unit(subjects, loose: bool = False) -> Callable[[str], bool]:
    """A test: does an assigned unit's name name one of the subjects asked about? `loose`: also its head or a
    list of kinds of body that holds it (`_heads_or_lists`)."""
    keys = {_match_key(s) for s in subjects}

    def named(unit: str) -> bool:
        # "Sở Nội vụ Bắc Ninh" asks about "Sở Nội vụ": a place after the name narrows, it does not rename; and
        # "Mặt trận Tổ quốc thành phố" asks about the Front of the city the document names
        key = _match_key(unit)
        return key in keys or any(
            (k.startswith(key + " ") and len(k.split()) - len(key.split()) <= 3 and len(key.split()) >= 2)
            or _narrows(k, key) or (loose and _heads_or_lists(unit, key, k)) for k in keys)

    return named


def _no_duties(question: Question, subjects, ctx: Context, in_documents) -> Answer:
    """The unit has no task in the documents asked about: say so, and where it does have tasks."""
    keys = {unit_key(s) for s in subjects}
    elsewhere = sorted(
        number for number, document in ctx.documents.items()
        if number not in in_documents and any(unit_key(u) in keys for a in document.assignments for u in a.units)
    )
    scope = ", ".join(in_documents) if in_documents else "các văn bản hiện có"
    text = f"Trong {scope} không có nhiệm vụ nào giao cho {_join(list(subjects))}."
    if elsewhere:
        text += f" Đơn vị này có nhiệm vụ trong: {', '.join(elsewhere)} — hãy hỏi theo văn bản đó."
    return Answer(text, False, kind=question.kind, notes=("no duties for the unit in scope",))


def answer_report(question: Question, passages: list[Passage], ctx: Context) -> Answer:
    """Who reports, to whom, how often: the reporting lines of the best clause that states one."""
    candidates = relevant(question, passages, ctx)
    named = {unit_key(u) for u in question.units}

    def names_asked(duty: Duty) -> bool:
        return _is_asked(duty.unit, named)

    for wanted in ((lambda d: d.report_to and names_asked(d)) if named else None, lambda d: d.report_to):
        if wanted is None:
            continue
        for passage in candidates:
            duties = [d for d in duties_of(passage, ctx.documents) if wanted(d) and d.role != "phối hợp"]
            if duties:
                return _duties_answer(question, duties, ctx, report=True)
    return answer_who(question, passages, ctx)


def answer_when(question: Question, passages: list[Passage], ctx: Context) -> Answer:
    """The time limit the best clause states, quoted with its clause."""
    scored = []
    acting = {unit_key(u) for u in question.doers}
    for rank, passage in enumerate(relevant(question, passages, ctx)):
        if passage.kind in _NOT_DEADLINES or (acting and not _concerns(passage, acting, ctx)):
            continue
        found = _best_time_span(question, passage.text)
        if found and _ASKS_HOUR.search(question.key) and not _HOUR.search(passage.text, *found[0]):
            found = None  # "trước mấy giờ?" is not answered by a day
        if found:
            (start, end), score = found
            scored.append((-score, rank, passage, passage.text[start:end]))
    for _, _, passage, deadline in sorted(scored, key=lambda item: item[:2])[:1]:
        if _ASKS_DAY.search(question.key) and _YEAR_ONLY.fullmatch(deadline.strip()):
            # "trước ngày nào?" answered by "năm 2025": the clause gives a year, the question asks for a day
            text = (f"{_doc_ref(ctx.documents, passage.doc_number)} không nêu ngày cụ thể cho việc được hỏi: "
                    f"{passage.label} chỉ ghi mốc «{deadline.strip()}». chidao không suy ra một ngày mà văn bản "
                    "không ghi; bạn có thể tra cứu văn bản gốc hoặc văn bản hướng dẫn thực hiện.")
            return Answer(text, False, kind=question.kind, notes=("the best clause gives a year, not the day asked",))
        cites = CitationList(ctx.documents)
        marker = cites.cite_passage(passage)
        text = f"Theo {_doc_ref(ctx.documents, passage.doc_number)}, thời hạn là: {deadline} [{marker}]. " \
               f"{passage.label}: “{clip(passage.text)}” [{marker}]"
        return Answer(text, True, _asked_units(question, passage, ctx, marker), tuple(cites.items),
                      kind=question.kind)
    # no clause dates it: quote the best admitted clause, never the header's date (gated on all passages first,
    # so that dropping the header does not move the retrieval margin the gate reads)
    candidates = [p for p in relevant(question, passages, ctx) if p.kind not in _NOT_DEADLINES]
    if not candidates:
        return refuse(question, "no passage passes the coverage gate")
    if _ASKS_DAY.search(question.key) or _ASKS_HOUR.search(question.key):
        # "trước ngày nào?", "trước mấy giờ?": only a date or an hour answers it; a clause without one does not
        return refuse(question, "no admitted clause states the date or hour asked")
    quoted = _quote(question, candidates[0], ctx, "Theo {doc}, {label}")
    return dataclasses.replace(quoted, units=_asked_units(question, candidates[0], ctx, 1))


def _concerns(passage: Passage, named: set[str], ctx: Context) -> bool:
    """Whether a clause's time limit can be the one asked for the named units: it assigns its task to one of
    them, or to no one (a procedure's "Thời hạn giải quyết: 10 ngày"). "Sở Tài chính phải trình ... trước ngày
    nào?" is not answered by a date the clause sets for Sở Công Thương."""
    duties = duties_of(passage, ctx.documents)
    return not duties or any(_is_asked(d.unit, named) for d in duties)


def answer_person(question: Question, passages: list[Passage], ctx: Context) -> Answer:
    """Who holds an office now: directives assign offices, they do not say who holds them."""
    return refuse(question, "the documents name offices, not the people who hold them")


def answer_frequency(question: Question, passages: list[Passage], ctx: Context) -> Answer:
    """How often: only a frequency the clause states ("hằng năm", "định kỳ 6 tháng") answers it."""
    for passage in relevant(question, passages, ctx):
        match = _FREQUENT.search(passage.text)
        if match:
            cites = CitationList(ctx.documents)
            marker = cites.cite_passage(passage)
            text = (f"Theo {_doc_ref(ctx.documents, passage.doc_number)}: {match.group()} [{marker}]. "
                    f"{passage.label}: “{clip(passage.text)}” [{marker}]")
            return Answer(text, True, _asked_units(question, passage, ctx, marker), tuple(cites.items),
                          kind=question.kind)
    return refuse(question, "no clause states how often")


def _asked_units(question: Question, passage: Passage, ctx: Context, marker: int) -> tuple[UnitRole, ...]:
    """The units the question names that the quoted clause makes responsible ("Sở Nội vụ ... bao lâu một
    lần?"), with their roles. When the question names none, the clause's own doers ("Trong thời hạn 20 ngày
    ..., Chủ tịch Ủy ban nhân dân tỉnh quyết định ..."), if it has at most a few: a cadre asking "trong bao
    lâu?" also learns who acts; a clause that lists many bodies names none of them first."""
    named = {unit_key(u) for u in question.units}
    found: dict[tuple[str, str], UnitRole] = {}
    duties = duties_of(passage, ctx.documents)
    for duty in duties:
        if _is_asked(duty.unit, named):
            found.setdefault((duty.unit, duty.role), UnitRole(duty.unit, duty.role, (marker,)))
    if named:
        return tuple(found.values())
    doers = [d for d in duties if d.role not in _HELPERS]
    if 0 < len({d.unit for d in doers}) <= _MAX_DOERS:
        return tuple({(d.unit, d.role): UnitRole(d.unit, d.role, (marker,)) for d in doers}.values())
    return ()


# Roles that help another body act; the doers of a clause are the others.
_HELPERS = ("phối hợp", "tham gia")
_MAX_DOERS = 3


def _is_asked(unit: str, named: set[str]) -> bool:
    """Whether a unit is one the question names (unit keys), one name extending the other: "Sở Nội vụ" and
    "Sở Nội vụ tỉnh Hà Tĩnh" are the same unit asked about; so are "Bộ trưởng Bộ Giáo dục và Đào tạo" (the
    head of a body) and "Bộ Giáo dục và Đào tạo"."""
    key = unit_key(unit)
    if any(key.startswith(k) or k.startswith(key) for k in named):
        return True
    return opens_with_staff(unit) and any(f" {k}" in key for k in named)


def answer_yesno(question: Question, passages: list[Passage], ctx: Context) -> Answer:
    """Quote the clause that settles it; "không" when it states an exception or a negation of the point."""
    candidates = relevant(question, passages, ctx)
    if not candidates:
        return refuse(question, "no passage covers the yes/no question")
    verdict = "Không" if _excepts(question, candidates[0].text) else "Có"
    quoted = _quote(question, candidates[0], ctx, f"{verdict}. {{doc}}, {{label}}, nêu")
    return dataclasses.replace(quoted, units=_asked_units(question, candidates[0], ctx, 1))


def answer_general(question: Question, passages: list[Passage], ctx: Context) -> Answer:
    """Quote the clause that best answers; refuse when none speaks to the question."""
    candidates = relevant(question, passages, ctx)
    if not candidates:
        return refuse(question, "no passage passes the coverage gate")
    quoted = _quote(question, candidates[0], ctx, "Theo {doc}, {label}")
    if question.kind == "doc_fact":  # about the document itself (facts.py): its clauses' doers are not asked
        return quoted
    return dataclasses.replace(quoted, units=_asked_units(question, candidates[0], ctx, 1))


def _quote(question: Question, passage: Passage, ctx: Context, lead: str) -> Answer:
    """An answer that quotes one clause after `lead` ("{doc}" and "{label}" filled in)."""
    cites = CitationList(ctx.documents)
    marker = cites.cite_passage(passage)
    intro = lead.format(doc=_doc_ref(ctx.documents, passage.doc_number), label=passage.label.lower())
    text = f"{intro}: “{clip(passage.text)}” [{marker}]"
    return Answer(text, True, (), tuple(cites.items), kind=question.kind)


def _duties_answer(
    question: Question, duties: list[Duty], ctx: Context, *, listing: bool = False,
    report: bool = False,
) -> Answer:
    cites = CitationList(ctx.documents)
    units: dict[tuple[str, str], list[int]] = {}
    lines: list[str] = []
    by_passage: dict[tuple[str, int], list[Duty]] = {}
    for duty in duties:
        by_passage.setdefault((duty.passage.doc_number, duty.passage.start), []).append(duty)
    for group in by_passage.values():
        passage = group[0].passage
        marker = _cite_clause(cites, ctx, passage)
        for duty in group:
            units.setdefault((duty.unit, duty.role), []).append(marker)
        lines.append(_sentence(group, marker, report))
    first = duties[0].passage.doc_number
    numbers = {d.passage.doc_number for d in duties}
    intro = f"Theo {_doc_ref(ctx.documents, first)}" if len(numbers) == 1 else "Theo các văn bản"
    body = ("\n".join(f"- {line}" for line in lines)) if listing or len(lines) > 1 else lines[0]
    text = f"{intro}:\n{body}" if listing or len(lines) > 1 else f"{intro}, {body}"
    ordered = sorted(units.items(), key=lambda item: (item[0][1] not in _LEADS, item[0][1] == "phối hợp"))
    unit_roles = tuple(UnitRole(name, role, tuple(dict.fromkeys(markers))) for (name, role), markers in ordered)
    return Answer(text, True, unit_roles, tuple(cites.items), kind=question.kind)


def _cite_clause(cites: CitationList, ctx: Context, passage: Passage) -> int:
    """Cite the whole clause a duty comes from — a bullet with its "Đơn vị chủ trì / phối hợp / Thời gian"
    lines — when it is short enough to read; otherwise the passage itself."""
    document = ctx.documents.get(passage.doc_number)
    section = document.find(passage.locator) if document else None
    if section is not None and section.end - section.start <= _CLAUSE_CHARS and all(
        child.kind == "paragraph" for child in section.children
    ):
        return cites.cite(passage.doc_number, section.locator, section.start, section.end, section.label)
    return cites.cite_passage(passage)


# A task that opens with its own role in other words: "có trách nhiệm thi hành ..." (folded)
_SAYS_ROLE = {"chịu trách nhiệm": ("co trach nhiem ",)}


def _sentence(group: list[Duty], marker: int, report: bool) -> str:
    """'Ban Tổ chức Tỉnh ủy chủ trì; các cơ quan có liên quan phối hợp: theo dõi, kiểm tra ... [1]'."""
    by_role: dict[str, list[str]] = {}
    for duty in group:
        by_role.setdefault(duty.role, [])
        if duty.unit not in by_role[duty.role]:
            by_role[duty.role].append(duty.unit)
    parties = "; ".join(f"{_join(names)} {role}" for role, names in by_role.items())
    main = next((d for d in group if d.role != "phối hợp"), group[0])
    sentence = f"{parties}: {clip(main.task)}" if main.task else parties
    opening = folded(main.task or "")
    if len(by_role) == 1 and opening.startswith((folded(main.role) + " ", *_SAYS_ROLE.get(main.role, ()))):
        # "... chịu trách nhiệm thi hành Quyết định này", not "... chịu trách nhiệm: chịu trách nhiệm thi hành ..."
        sentence = f"{_join(by_role[main.role])} {clip(main.task)}"
    deadline = next((d.deadline for d in group if d.deadline), None)
    if deadline:
        sentence += f" (thời hạn: {deadline})"
    report_to = next((d.report_to for d in group if d.report_to), ())
    if report_to:
        sentence += f"; báo cáo {_join(list(report_to))}"
    return f"{sentence} [{marker}]."


def section_passage(document: Document, section) -> Passage:
    end = section.own_end if section.kind != "paragraph" else section.end
    assignments = tuple(
        {"units": a.units, "role": a.role, "task": a.task, "deadline": a.deadline, "report_to": a.report_to}
        for a in document.assignments
        if a.locator == section.locator and section.start <= a.task_start <= end
    )
    return Passage("", 0.0, document.number, section.locator, section.paragraph, section.label, section.kind,
                   section.start, end, document.text[section.start : end], "", assignments, {})


def _excepts(question: Question, text: str) -> bool:
    """Whether the clause excludes what the question asks about ("(trừ bệnh viện và trường học)")."""
    key = folded(text)
    terms = set(question.key.split())
    # the cue is matched with its diacritics: folded, "trừ" (except) would also be "trữ" in "lưu trữ"
    for match in re.finditer(r"(?<!\w)(trừ|không bao gồm|ngoại trừ|không áp dụng|không được)(?!\w)([^.;)]*)",
                             comparable(text)):
        named = set(folded(match.group(2)).split())
        if len(named & terms) >= 2:
            return True
    # "không kiêm nhiệm ..." answers "có được kiêm ... không?": the clause negates the very word asked about
    # (unless the question negates it too: "khi không tổ chức cấp huyện ...")
    for match in re.finditer(r"\bkhong (?:duoc |phai |the )?(\w+)", key):
        word = match.group(1)
        if word in terms and len(word) > 2 and f"khong {word}" not in question.key:
            return True
    return False


_FREQUENT = re.compile(
    r"(?:định kỳ\s+)?(?:hằng|hàng|mỗi)\s+(?:năm|quý|tháng|tuần|ngày)|định kỳ(?:\s+\d+\s+tháng)?(?:\s+và đột xuất)?"
    r"|\d+\s+(?:tháng|năm)\s+(?:một|1)\s+lần",
    re.IGNORECASE,
)
# a date inside a document number ("Nghị quyết 197/2025/QH15", "62-KL/TW") is not a time: bounded on both sides
_TIME = re.compile(
    r"(?:(?:trước|sau|từ|đến|hết|trong|xong trong|chậm nhất|kể từ) )?(?:ngày |tháng |năm )?"
    r"(?<![\w/-])(?:\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{4}|\d{1,2} tháng \d{1,2}(?: năm \d{4})?|\d{4})(?![\w/-])"
    r"|(?:trong|sau)(?: thời hạn)? \d+ (?:\([^)]*\) )?ngày(?: làm việc)?|(?:hằng|hàng) (?:năm|quý|tháng)|thường xuyên"
    # an hour: "trước 19h00’ hằng ngày", "trước 9 giờ sáng hàng ngày", "trước 16h00 thứ Sáu hàng tuần"
    r"|(?:trước|đến|lúc|vào|chậm nhất) \d{1,2}\s*(?:h|giờ)(?:\s*\d{2})?[’']?(?: (?:sáng|trưa|chiều|tối))?"
    r"(?: (?:ngày )?thứ \w+)?(?: (?:hằng|hàng|mỗi) (?:ngày|tuần)| ngày \d{1,2}[/-]\d{1,2}(?:[/-]\d{4})?)?",
    re.IGNORECASE,
)


# A law, a code or a constitution named with its year: "Luật Đất đai năm 2024", "Hiến pháp năm 2013".
_NAMED_BY_YEAR = re.compile(r"\b(?:Luật|Bộ luật|Hiến pháp|Pháp lệnh)(?: [^\W\d]+){1,8} (?:năm )?$")
# A question that asks for a day ("trước ngày nào", "hạn chót", "ngày mấy"), folded.
_ASKS_DAY = re.compile(r"\b(?:ngay nao|ngay may|truoc ngay|han chot|ngay bao nhieu)\b")
_ASKS_HOUR = re.compile(r"\b(?:may gio|gio nao)\b")
_HOUR = re.compile(r"\b\d{1,2}\s*(?:h|giờ)(?:\s*\d{2})?", re.IGNORECASE)
# A time limit that names only a year: "năm 2025", "đến năm 2030", "trong năm 2027".
_YEAR_ONLY = re.compile(r"(?:(?:trước|sau|từ|đến|hết|trong) )?(?:năm )?\d{4}", re.IGNORECASE)


def _best_time_span(question: Question, text: str) -> tuple[tuple[int, int], int] | None:
    """The time expression of the clause that sits closest to the question's own words ("hạn ban hành" picks
    "ban hành trước ngày 25/6/2025" over "hoàn chỉnh trước ngày 01/6/2025")."""
    terms = set(question.key.split())
    best, best_score = None, -1
    for match in _TIME.finditer(text):
        if re.fullmatch(r"\d{4}", match.group()) and not re.search(r"năm \d{4}$", text[: match.end()]):
            continue  # a bare four-digit number is not a time unless "năm" says so
        if re.search(r"\d[\w./-]*[/-][A-ZĐ][\w./-]*,?\s*(?:ngày \d{1,2} tháng (?:\d{1,2} )?)?$", text[: match.start()]):
            # "Đề án 02-ĐA/TU ngày 21/3/2018", "số 838/CCTKV.XII-NVDTPC.HUE ngày ...", even when its month is missing
            # ("số 6721/VPCP-V.I ngày 19 tháng năm 2025"): a cited document's date, not a time limit
            continue
        if _NAMED_BY_YEAR.search(text[max(0, match.start() - 60) : match.start()]):
            continue  # "Luật Đất đai năm 2024": the year names a law, it sets no time
        before = set(folded(text[max(0, match.start() - 60) : match.start()]).split())
        # words the question shares with the time expression itself ("trước ngày", "hằng năm") count double
        score = len(before & terms) + 2 * len(set(folded(match.group()).split()) & terms)
        score += 1 if re.match(r"(trước|đến|hết|trong|xong|chậm nhất|từ)\b", match.group(), re.I) else 0
        if score > best_score:
            best, best_score = match.span(), score
    return (best, best_score) if best else None


def _doc_ref(documents: dict[str, Document], number: str) -> str:
    document = documents.get(number)
    return reference(document) if document else number


def reference(document: Document) -> str:
    """How an answer names a document: "Công văn 3400-CV/TU"."""
    return f"{document.doc_type} {document.number}" if document.doc_type else document.number


def _join(names: list[str]) -> str:
    """"A, b và c": a collective's "Các" is written "các" inside a list ("Sở Tư pháp và các cơ quan liên quan")."""
    names = names[:1] + [("các" + n[3:]) if n.startswith("Các ") else n for n in names[1:]]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]


def clip(text: str, limit: int = _TASK_CHARS) -> str:
    """The text on one line, cut at a word before `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
