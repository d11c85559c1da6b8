"""Ingest step: responsibility assignments — who must do what, in which role, by when, reporting to whom.

Directive clauses often omit their subject: bullets under "X lãnh đạo Y:" are Y's tasks led by X; a second
paragraph of an item continues its first; an item that names nobody binds the addressees (Kính gửi); a
regulation's tasks bind the body it regulates. So each clause is read with the subject it inherits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import islice

from ingest import roles, short_forms, table_tasks
from ingest.types import Assignment, Section
from ingest.units import UnitMention, canonical_unit, find_units, opens_with_staff
from ingest.vietnamese import UPPER

# What may stand before a clause's subject: nothing, an assigning word, or an introductory phrase + comma.
_SUBJECT_PREFIX = re.compile(
    r"^(?:(?:giao|yêu cầu|đề nghị|phân công|các đồng chí|đồng chí|đặc biệt là)\s+)*(?:cơ quan\s+)?$|,\s*$"
    r"|^[^.;:]{1,60}:\s*$",  # a short label before a colon: "Bước 1: Cơ quan ... gửi hồ sơ"
    re.IGNORECASE,
)
# A unit after one of these is the object or the agent of something else: "do X ban hành", "của X", "với X".
_PREPOSITION = re.compile(r"(?:^|\s)(?:do|bởi|của|cho|với|đối với|về|tại|từ)\s+(?:các\s+)?", re.I)


def _governed(text: str, start: int, end: int, mentions) -> bool:
    """Whether units starting at `end` are governed by a preposition before them: right before ("do X"), or
    before a list they continue ("do Ủy ban nhân dân tỉnh, Ủy ban bầu cử tỉnh (...), Ủy ban nhân dân cấp xã")."""
    last = None
    for last in _PREPOSITION.finditer(text, start, end):
        pass
    if last is None:
        return False
    between = text[last.end() : end]
    if not between.strip():
        return True
    listed = sorted((m for m in mentions if last.end() <= m.start < end), key=lambda m: m.start)
    if not listed or re.search(r"[.;:]", between):
        return False
    pos = last.end()
    for mention in listed + [None]:
        gap = text[pos : mention.start if mention else end]
        if pos == last.end() and gap.strip():
            return False  # "của Quyết định ... của X, trong 05 ngày, Sở Y": the preposition governs a noun
        if pos > last.end() and not (_LIST_GAP.match(gap) or _BRACKETED_GAP.match(gap)):
            return False  # "... của Ủy ban nhân dân xã, trong 05 ngày làm việc, Sở Khoa học ...": a new clause
        pos = mention.end if mention else end
    return True


# A bracket between two units of a list: "Ủy ban bầu cử tỉnh (Ủy ban bầu cử ở cấp tỉnh), Ủy ban nhân dân ...".
_BRACKETED_GAP = re.compile(r"^\s*\([^()]*\)\s*(?:,|;|và|,\s*và)?\s*$")


# What may join the units of one list.
_ASSIGNED_PREFIX = re.compile(r"^[\s,;]*(?:(?:cho|các|đồng chí)\s+)*$", re.IGNORECASE)
# What may join the units of one list: separators, and a qualifier of the unit before ("thuộc vùng đồng bào
# dân tộc thiểu số", "trên địa bàn tỉnh") when a separator follows it.
_LIST_GAP = re.compile(
    r"^(?:\s*(?:thuộc|trực thuộc|trên địa bàn|tại|ở)\s[^,;.:()]{1,80}?(?=\s*(?:,|;|\svà\s)))?"
    r"(?:\s*(?:,|;|/|và|cùng|với|đặc biệt là|nhất là|trong đó|các đồng chí|nêu trên|(?:,|và) lãnh đạo)\s*)+$|^\s+$",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(r"\b(?:thuộc|trực thuộc|trên địa bàn|tại|ở)\s[^,;.:()]{1,80}", re.IGNORECASE)
# Said between a subject and its verb: "Các sở, ngành theo chức năng, nhiệm vụ được giao, khẩn trương ..."
_DUTY = r"(?:chức năng|nhiệm vụ|thẩm quyền|quyền hạn|lĩnh vực|phạm vi|địa bàn)(?: quản lý)?"
_INSERTED = re.compile(
    rf"(?:,\s*)?(?:theo|căn cứ(?: vào)?|trong phạm vi)(?:\s*,)?\s+{_DUTY}(?:\s*(?:,|và)?\s*{_DUTY})*"
    r"(?:\s+(?:được giao|của mình|theo quy định))?\s*,?\s*"
    # where the units are: "chi bộ thôn, tổ dân phố trên địa bàn cử cán bộ ..."
    r"|(?:trên|tại) địa bàn(?: (?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|đặc khu))?\s*,?\s*(?=[^\W\d_])",
    re.IGNORECASE,
)
_LEADS = ("lãnh đạo", "chỉ đạo", "lãnh đạo, chỉ đạo", "lãnh đạo và chỉ đạo")
_FRAME_KINDS = {"header", "recipients", "signature", "note"}


@dataclass(frozen=True)
class Party:
    """A unit with the role it plays in a clause."""

    name: str
    role: str


@dataclass(frozen=True)
class Context:
    """What a clause inherits from the clauses above it."""

    parties: tuple[Party, ...] = ()
    completes_parent: bool = False  # the parent ended with ":" so this clause finishes its sentence
    reports: bool = False  # under a heading of results or situation: only what is assigned ("giao X ...") counts


@dataclass(frozen=True)
class ClauseReading:
    subject: tuple[Party, ...]  # explicit subject units with their role
    others: tuple[Party, ...]  # co-operating units named in the clause
    led: tuple[str, ...]  # units led/directed by the subject ("lãnh đạo Ủy ban nhân dân tỉnh:")
    role: str | None  # the clause's leading role word when it has no subject of its own
    task_start: int
    report_to: tuple[str, ...]


def extract_assignments(
    text: str, sections: tuple[Section, ...], addressees: tuple[str, ...] = (), regulated: str | None = None
) -> list[Assignment]:
    """Every assignment in the document, in document order; a unit the document names by a short form of its
    own ("Trung tâm", "Bộ CHQS") is that unit (ingest.short_forms)."""
    with short_forms.reading(text):
        return _extract(text, sections, addressees, regulated)


def _extract(text: str, sections: tuple[Section, ...], addressees: tuple[str, ...], regulated: str | None):
    found: list[Assignment] = []
    body = [section for section in sections if section.kind not in _FRAME_KINDS]
    addressees = addressees or informed_units(text, body)
    for section in body:
        if section.kind == "annex":
            owner = regulated_body(text, section)
            start_context = Context((Party(owner, "thực hiện"),)) if owner else Context()
            for child in section.children:
                context = replace(start_context, reports=_reports(text, child))
                if child.kind == "row" or _is_role_line(text, child):
                    _read_children(text, section, start_context, found)  # a table or a task card: read whole
                    break
                _read_section(text, child, context, found)
            continue
        if section.kind == "preamble":
            # the issuer speaks in the preamble: only units it assigns ("yêu cầu X ...") get tasks there
            _read_section(text, section, Context(), found, assigned_only=True)
            continue
        fallback = Context(tuple(Party(name, "thực hiện") for name in addressees), reports=_reports(text, section))
        _read_section(text, section, fallback, found)
    return _dedupe(found)


# Headings of a part that reports or explains rather than assigns: results so far, the situation, forecasts. Its clauses name units as actors of the past ("Năm 2025, Hội đồng nhân dân tỉnh quyết nghị ...");
# only what it assigns outright ("giao", "đề nghị", "yêu cầu") is a task.
_REPORT_HEADING = re.compile(
    r"(?:đánh giá (?:tình hình|kết quả|thực trạng|việc thực hiện)|kết quả (?:thực hiện|đạt được|triển khai)"
    r"|tình hình|thực trạng|bối cảnh|dự báo|sự cần thiết|căn cứ (?:pháp lý|xây dựng))",
    re.IGNORECASE,
)


def _reports(text: str, section: Section) -> bool:
    if section.kind not in ("part", "item", "article", "chapter") or not section.children:
        return False
    heading = text[section.start : section.own_end].split("\n", 1)[0]
    label = re.match(r"^\S+\s+(?:\S+\.\s+)?", heading)
    words = heading[label.end() :] if label else heading
    return bool(_REPORT_HEADING.match(words.strip(" .:")))


# A regulation of a body's functions opens by saying what the body is: "Sở Nội vụ là cơ quan chuyên môn ...".
_DEFINES_BODY = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:là|có chức năng)\b", re.IGNORECASE)


# A Thông báo closes by naming whom it informs, who are its addressees: "Văn phòng Chính phủ thông báo để Ủy ban
# nhân dân tỉnh Phú Thọ và các cơ quan liên quan biết, thực hiện."
_INFORMS = re.compile(r"thông báo (?:để|cho|tới|đến)\s+", re.IGNORECASE)


def informed_units(text: str, body: list[Section]) -> tuple[str, ...]:
    """The units a closing "thông báo để X biết, thực hiện" names (a text without "Kính gửi")."""
    tail_start = body[-1].start if body else 0
    for match in _INFORMS.finditer(text, tail_start):
        stop = re.search(r"\bbiết\b|[.;]", text[match.end() : match.end() + 300])
        end = match.end() + (stop.start() if stop else 0)
        # the named addressee, not the catch-all beside it ("và các cơ quan liên quan")
        return tuple(m.name for m in find_units(text, match.end(), end) if not m.name.lower().startswith("các "))
    return ()


def _closing_formula(text: str, start: int, end: int) -> bool:
    """ "Văn phòng Chính phủ thông báo để ... biết, thực hiện": the issuer closing, no one's task."""
    return bool(_INFORMS.search(text, start, end)) and bool(re.search(r"\bbiết\b", text[start:end]))


def regulated_body(text: str, annex: Section) -> str | None:
    """The body a regulation annex is about, when its first article defines one ("Sở Nội vụ là cơ quan ...");
    its unassigned tasks are that body's. Any other attached text binds nobody by default."""
    for section in annex.walk():
        if section.kind == "article":
            mentions = find_units(text, section.start, section.end)
            first = mentions[0] if mentions else None
            return first.name if first and _DEFINES_BODY.match(text, first.end) else None
    return None


def _read_section(
    text: str, section: Section, context: Context, found: list[Assignment], assigned_only: bool = False
) -> Context:
    """Read a section and its children into found; the context it lends the clauses under it."""
    if section.kind == "row":
        _read_row(text, section, table_tasks.header_before(text, section.start) or [], context, found)
        return Context()
    if "\t" in text[section.start : section.own_end]:
        return Context()  # a table's cells, column names or a row of a table that names no units: not a clause
    start = _clause_start(text, section)
    end = section.own_end if section.kind != "paragraph" else section.end
    assigned_only = assigned_only or context.reports
    inherited = context
    last_reading: ClauseReading | None = None
    last_parties: tuple[Party, ...] = ()
    for seg_start, seg_end in _segments(text, start, end, assigned_only):
        if _closing_formula(text, seg_start, seg_end):
            continue
        reading = read_clause(text, seg_start, seg_end, assigned_only)
        parties = _parties_for(reading, inherited, text, seg_start, seg_end)
        task_start = max(reading.task_start, seg_start)
        task_end = _trim_end(text, task_start, seg_end)
        lead_in = task_end <= task_start and bool(section.children)  # "Giao X chủ trì:" — the tasks follow
        # "8. Về chính quyền địa phương 02 cấp:" over its points names their topic, not a task
        lead_in = lead_in or (bool(section.children) and _TOPIC.match(text, seg_start) is not None
                              and text[seg_start:seg_end].rstrip().endswith(":"))
        if parties and not lead_in and task_end > task_start:
            _emit(text, section, parties, reading, task_start, task_end, seg_start, seg_end, found)
        if reading.subject or parties:
            last_reading, last_parties = reading, parties
            inherited = _context_for_children(reading, parties, context, text, seg_end)
    if last_reading is None:
        last_reading = read_clause(text, start, start)
    child_context = _context_for_children(last_reading, last_parties, context, text, end, start)
    if child_context.parties and not child_context.completes_parent and _task_heading(text, section, start, end):
        # "II. MỘT SỐ NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI" over items for the addressee: every item is one of
        # its tasks, whatever verb opens it ("Nhận diện ...", "Đẩy nhanh ...", "Giữ vững ...")
        child_context = replace(child_context, completes_parent=True)
    if section.kind in ("item", "point") and last_reading.subject and last_reading.role is None:
        # an item that only names units ("3. Sở Tài chính", no colon) lends them to every point under it; an
        # article that does ("Điều 9. Hội đồng tư vấn") describes the body rather than tasking it
        child_context = replace(child_context, completes_parent=True)
    if context.reports:  # a report's figures under a line that named a body are not that body's tasks
        child_context = Context(reports=True)
    _read_children(text, section, child_context, found)
    return child_context


def _emit(text, section, parties, reading, task_start, task_end, seg_start, seg_end, found) -> None:
    span = roles.find_deadline(text, seg_start, seg_end)
    deadline = text[span[0] : span[1]] if span else None
    inherited = not reading.subject
    for party in parties:
        found.append(_assignment(text, section, party, task_start, task_end, deadline, inherited=inherited))
    doers = [p for p in parties if p.role not in ("phối hợp",) + _LEADS] or list(parties[:1])
    # the other verbs of the doers' own: "..., chỉ đạo ...", "; định kỳ báo cáo ..."
    for role in roles.later_roles(text, task_start, seg_end):
        for party in doers:
            if role != party.role and role not in ("phối hợp", "báo cáo"):
                found.append(_assignment(text, section, Party(party.name, role), task_start, task_end, deadline,
                                         inherited=inherited))
    if "báo cáo" in roles.later_roles(text, task_start, seg_end) and doers and not reading.report_to:
        found.append(_assignment(text, section, Party(doers[0].name, "báo cáo"), task_start, task_end, deadline,
                                 inherited=inherited))
    if reading.report_to and doers:
        reporter = Party(doers[0].name, "báo cáo")
        found.append(_assignment(text, section, reporter, task_start, task_end, deadline,
                                 report_to=reading.report_to, inherited=inherited))


def _assignment(text, section, party, task_start, task_end, deadline, report_to=(), inherited=False) -> Assignment:
    """One unit's assignment in `section`, its task the span text[task_start:task_end]."""
    return Assignment(
        units=(party.name,),
        role=party.role,
        task=text[task_start:task_end],
        task_start=task_start,
        task_end=task_end,
        locator=section.locator,
        start=section.start,
        end=section.end,
        deadline=deadline,
        report_to=report_to,
        inherited=inherited,
    )


def _says_something(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is more than a list of units ("Giám đốc Sở Nội vụ;" is one item of a list)."""
    rest = text[start:end]
    for mention in reversed(find_units(text, start, end)):
        rest = rest[: mention.start - start] + rest[mention.end - start :]
    rest = _QUALIFIER.sub(" ", rest)  # "... các xã, phường thuộc vùng đồng bào dân tộc thiểu số;" is still a list
    return len(re.findall(r"\w+", rest.replace(" và ", " "))) >= 2


_AGENT_WINDOW = 400  # how far back an agent's "do" may stand before a ";" of its list


def _segments(text: str, start: int, end: int, assigned_only: bool) -> list[tuple[int, int]]:
    """Cut a clause where a later sentence names a subject of its own ("...; các tỉnh ủy, thành ủy chịu ...")."""
    cuts = [start]
    for match in re.finditer(r"[.;](?:\s+)", text[start:end]):
        pos = start + match.end()
        if match.group().startswith(";"):
            window = max(cuts[-1], pos - _AGENT_WINDOW)
            agent = None
            for agent in re.finditer(r"(?<!\w)(?:do|bởi)\s", text[window:pos]):
                pass
            if agent and not _says_something(text, window + agent.end(), pos):
                continue  # "do Ủy ban nhân dân tỉnh; các sở, ngành; Ủy ban nhân dân cấp xã ban hành": one agent
        if pos < end and _says_something(text, cuts[-1], pos) and read_clause(
            text, pos, end, assigned_only, first_sentence_only=True
        ).subject:
            cuts.append(pos)
    cuts.append(end)
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


_CELL_ROLES = {"lead": "chủ trì", "doer": "thực hiện", "support": "phối hợp"}


def _read_row(text: str, section: Section, kinds: list, context: Context, found: list[Assignment]) -> None:
    """A task table's row: the units of its lead, doer and co-operating columns, its task and time cells; the
    unlabelled lines under it (a row split by merged cells) go on with it."""
    line_end = text.find("\n", section.start, section.own_end)
    task = _read_row_line(text, section, section.start, section.own_end if line_end < 0 else line_end, kinds,
                          found)
    for child in section.children:
        if child.kind == "paragraph":
            # the cells merged down from the row above are its first ones: the line's cells are the last
            width = text[child.start : child.end].count("\t") + 1
            _read_row_line(text, section, child.start, child.end, kinds[max(1, len(kinds) - width):], found, task)
        else:
            _read_section(text, child, context, found)


def _read_row_line(text: str, section: Section, start: int, end: int, kinds: list, found: list[Assignment],
                   row_task: table_tasks.Cell | None = None) -> table_tasks.Cell:
    """One line of a task row; returns its task cell (a line under the row without one keeps the row's)."""
    cells = table_tasks.cells(text, start, end, kinds)
    own_task = next((c for c in cells if c.kind == "task"), None)
    task = own_task or row_task or cells[min(1, len(cells) - 1)]
    timing = next((c for c in cells if c.kind == "deadline" and c.end > c.start), None)
    deadline = text[timing.start : timing.end] if timing else None
    for cell in cells:
        role = _CELL_ROLES.get(cell.kind or "")
        if cell.end <= cell.start or cell is cells[0]:
            continue
        if role is None:  # a cell of text ("Trong thời hạn 10 ngày, Giám đốc Sở Tư pháp trình ..."): its clauses
            for seg_start, seg_end in _segments(text, cell.start, cell.end, False):
                reading = read_clause(text, seg_start, seg_end)
                for party in reading.subject + reading.others if reading.subject else ():
                    end = _trim_end(text, reading.task_start, seg_end)
                    found.append(_assignment(text, section, party, reading.task_start, end, deadline))
            continue
        for name in _units_in(text, cell.start, cell.end, max_unknown=80):
            found.append(_assignment(text, section, Party(name, role), task.start, task.end, deadline))
    return task


def _read_children(text: str, section: Section, context: Context, found: list[Assignment]) -> None:
    """Read the children; "Đơn vị chủ trì: ..." lines give units to the task clauses before them."""
    pending: list[Section] = []
    block: list[Section] = []
    for child in section.children:
        if _is_role_line(text, child):
            block.append(child)
            continue
        if block:
            _apply_block(text, pending or [section], block, found)
            pending, block = [], []
        own_block = [g for g in child.children if g.kind == "paragraph" and _is_role_line(text, g)]
        if own_block:
            _apply_block(text, pending + [child], own_block, found)
            pending = []
        elif any(_is_role_line(text, d) for d in child.walk()):
            pending = []  # its own blocks are read inside it
        else:
            pending.append(child)
        lent = _read_section(text, child, context, found)
        if (child.kind == "paragraph" and lent.parties and lent.completes_parent
                and _leads_into_tasks(text, child.start, child.end)):
            # "Đề nghị Thường trực Tỉnh ủy ... một số nội dung trọng tâm sau:" then "1. ...", "2. ...": the
            # paragraph's units are the subject of the items that follow it under the same heading
            context = lent
    if block:
        _apply_block(text, pending or [section], block, found)


def _is_role_line(text: str, section: Section) -> bool:
    """A "Đơn vị chủ trì: ..." / "Thời gian thực hiện: ..." line that serves the task clauses before it."""
    if section.kind not in ("paragraph", "bullet"):
        return False  # "đ) Cơ quan thực hiện thủ tục: X" is a clause of its own, read by read_clause
    line = text[section.start : section.own_end]
    return bool(roles.unit_line(line) or roles.time_line(line))


# What labels the task line of a task card: "- Nội dung: Tổ chức tập huấn ...".
_CARD_TASK = re.compile(r"(?:nội dung(?: công việc| thực hiện)?|nhiệm vụ|tên nhiệm vụ|công việc)\s*:\s*", re.I)


def _apply_block(text: str, tasks: list[Section], block: list[Section], found: list[Assignment]) -> None:
    """A task card's unit and time lines give their units the tasks before them. A line that is a bullet beside
    the task's own bullet ("- Nội dung: ..." / "- Cơ quan chủ trì: Sở Nội vụ") is the clause that names the
    unit: the record is there; lines under the task they serve ("9. Tổ chức ..." / "- Đơn vị chủ trì: ...")
    give the task's clause its units."""
    deadline = None
    for line_section in block:
        span = roles.time_line(text[line_section.start : line_section.own_end])
        if span and deadline is None:
            deadline = text[line_section.start + span[0] : line_section.start + span[1]]
    spans = []
    for task in tasks:
        task_start = _clause_start(text, task)
        label = _CARD_TASK.match(text, task_start)
        task_start = label.end() if label else task_start
        spans.append((task, task_start, _trim_end(text, task_start, task.own_end if task.kind != "paragraph" else task.end)))
    for line_section in block:
        unit_line = roles.unit_line(text[line_section.start : line_section.own_end])
        if not unit_line:
            continue
        role, offset = unit_line
        parties = _card_parties(text, line_section.start + offset, line_section.own_end, role)
        # after a task line of its own ("- Nội dung: ..." / "- Cơ quan chủ trì: Sở Nội vụ") the unit's bullet is
        # the clause that names it, cited from the task line on; lines under the task they serve ("9. Tổ chức
        # ..." / "- Đơn vị chủ trì: ...") give the task's clause its units
        sibling = spans and line_section.kind == "bullet" and all(
            task.kind == "bullet" and task.end <= line_section.start for task, _, _ in spans)
        for place, task_start, task_end in spans[:1] if sibling else spans:
            for party in parties:
                item = _assignment(text, line_section if sibling else place, party, task_start, task_end, deadline)
                found.append(replace(item, start=min(item.start, place.start)) if sibling else item)


def _card_parties(text: str, start: int, end: int, role: str) -> list[Party]:
    """The units a task card's line names, with the line's role; a line that words roles of its own ("Cơ quan
    thực hiện: Sở Nội vụ chủ trì tham mưu ...; Sở Tư pháp và các sở, ban, ngành phối hợp ...") gives those."""
    parties: list[Party] = []
    for piece in re.finditer(r"[^;]+", text[start:end]):
        a, b = start + piece.start(), start + piece.end()
        reading = read_clause(text, a, b)
        if reading.subject and reading.role:
            parties += list(reading.subject) + list(reading.others)
        else:
            parties += [Party(name, role) for name in _units_in(text, a, b)]
    return parties


def _units_in(text: str, start: int, end: int, max_unknown: int = 10_000) -> list[str]:
    """Units of a "Đơn vị ...: A; B, C." list; a piece no unit pattern knows is kept as written when it is
    short enough to be a name (at most `max_unknown` characters)."""
    names: list[str] = []
    for piece_start, piece_end in _card_pieces(text, start, end):
        mentions = find_units(text, piece_start, piece_end)
        honorific = _HONORIFIC.match(text, piece_start, piece_end)
        whole = text[honorific.end() if honorific else piece_start : piece_end].strip()
        if honorific and honorific.group(1):
            whole = "Các " + whole
        rest = text[mentions[0].end : piece_end].strip() if len(mentions) == 1 else ""
        described = rest and not re.search(r"[,:()]", rest) and not roles.match_role(text, text.index(rest, mentions[0].end))
        before = text[piece_start : mentions[0].start] if len(mentions) == 1 else ""
        position = before.strip() and not re.search(r"[,:()]", before) and len(whole) <= 100 and not (
            re.fullmatch(r"\s*(?:các\s+)?(?:(?:đồng chí|đ/c)\s+)?", before, re.I))
        if (described or position) and len(whole) <= min(max_unknown, 100):
            # one unit and words that describe it ("Cơ quan, tổ chức đề nghị chuyển giao đơn vị sự nghiệp") or
            # a post in it ("Chuyên viên cơ quan MTTQ xã")
            names.append(canonical_unit(whole))
        elif mentions:
            names += [mention.name for mention in mentions]
        elif whole and len(whole) <= max_unknown and not whole[0].isdigit():
            names.append(canonical_unit(whole))  # not "500.000 đồng/người/buổi", "10 ngày": no name opens with a digit
    return names


# An honorific before a person's post: "đồng chí Phó Chủ tịch", "các đ/c Phó Chủ tịch" (a plural stays plural).
_HONORIFIC = re.compile(r"\s*(các\s+)?(?:đồng chí|đ/c)\s+", re.IGNORECASE)


# "Các đ/c Phó Chủ tịch, Trưởng đoàn thể xã, các đồng chí Chuyên viên ...": a comma before a capitalised name
# (behind an honorific or "các") starts another unit of a card's list.
_NEXT_NAME = re.compile(rf",\s*(?=(?i:(?:các\s+)?(?:đồng chí|đ/c)\s+|các\s+)?[{UPPER}])")


def _card_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of a card's unit list: split at ";" and ".", and at a comma that no unit name spans and
    that a capitalised name follows."""
    pieces = []
    for piece in re.finditer(r"[^;.]+", text[start:end]):
        a, b = start + piece.start(), start + piece.end()
        spans = [(m.start, m.end) for m in find_units(text, a, b)]
        cut = a
        for comma in _NEXT_NAME.finditer(text, a, b):
            if not any(s <= comma.start() < e for s, e in spans):
                pieces.append((cut, comma.start()))
                cut = comma.start() + 1
        pieces.append((cut, b))
    return pieces


def read_clause(
    text: str, start: int, end: int, assigned_only: bool = False, first_sentence_only: bool = False
) -> ClauseReading:
    """Find the clause's subject, its role, co-operators, led units and reporting line."""
    mentions = find_units(text, start, end)
    listed = roles.unit_line(text[start:end])
    if listed and not first_sentence_only:  # "Cơ quan thực hiện thủ tục hành chính: Vụ Tổ chức - Biên chế ..."
        role, offset = listed
        names = _units_in(text, start + offset, end)
        return ClauseReading(tuple(Party(n, role) for n in names), (), (), role, start, ())
    heading = None if first_sentence_only else _subject_heading(text, start, end, mentions)
    if heading:  # "2. Bộ Nông nghiệp và Môi trường:": the points under it are its tasks
        return ClauseReading(tuple(Party(m.name, "thực hiện") for m in heading), (), (), None, end, ())
    executing = _executors(text, start, end, mentions)
    if executing:  # "Chánh Văn phòng ..., Giám đốc ..., Thủ trưởng ... chịu trách nhiệm thi hành Quyết định này"
        return ClauseReading(executing, (), (), "chịu trách nhiệm", _skip_space(text, _EXECUTES.search(
            text, start, end).start()), ())
    places, after_places = _localities_at(text, start, end)
    if places and roles.opens_predicate(text, after_places):
        # "Các tỉnh Nghệ An, Quảng Ngãi khẩn trương ...", "Thành phố Hà Nội và các tỉnh Bắc Ninh, Gia Lai ...":
        # a locality named as the actor is its government
        role = _role_near(text, after_places, end)
        return ClauseReading(tuple(Party(name, role) for name in places), (), (), role, after_places,
                             _report_to(text, start, end, mentions))
    sentence_end = _sentence_end(text, start, end) if first_sentence_only else end
    # "Chỉ đạo các đơn vị trực thuộc, lực lượng Kiểm lâm, các đơn vị chủ rừng trong công tác ...": a clause that
    # opens with its verb has its subject above it; the units listed after it are objects unless a verb follows
    verb_first = bool(roles.match_role(text, start) or roles.starts_with_action(text, start))
    anchor = start
    assigned = False
    for group in _group_mentions(text, [m for m in mentions if m.start < sentence_end]):
        prefix = text[anchor : group[0].start]
        if re.search(r"[.;]\s", prefix):  # a new sentence starts: its subject stands at its beginning
            anchor = start + prefix.rfind(". ") + 2 if ". " in prefix else anchor
            prefix = text[anchor : group[0].start]
            assigned = False
        opened = prefix.rfind("(")
        if opened >= 0 and ")" not in prefix[opened:]:  # "... Quy chế (Giao Công an tỉnh chủ trì, ...)"
            anchor += opened + 1
            prefix = text[anchor : group[0].start]
            assigned = False
        after = _skip_space(text, group[-1].end)
        inserted = _INSERTED.match(text, after)
        after = _skip_space(text, inserted.end()) if inserted else after
        next_word = _skip_space(text, after + 1)
        if (text.startswith(",", after) and roles.match_role(text, next_word)) or (
                text.startswith(":", after) and next_word < end and roles.match_role(text, next_word)):
            # "Thủ trưởng các đơn vị liên quan, chịu trách nhiệm ...", "2. Văn phòng UBND tỉnh: Phối hợp với ..."
            after = _skip_space(text, after + 1)
        assigning = _assigning_word(text, after)
        if assigning:  # "Ban Thường vụ Tỉnh ủy yêu cầu ..." — the issuer speaks; the assignees follow
            anchor, assigned = assigning, True
            continue
        if not (_SUBJECT_PREFIX.search(prefix) or (assigned and _ASSIGNED_PREFIX.match(prefix))):
            continue
        if not assigned and _governed(text, anchor, group[0].start, mentions):
            continue  # "các văn bản do Ủy ban nhân dân tỉnh, ... ban hành": the units are an agent, not the subject
        if after >= end and not assigned:
            continue  # nothing follows the units in this clause (a table cell that only names them)
        assigned = assigned or bool(re.match(r"^\s*(?:giao|yêu cầu|đề nghị|phân công)\b", prefix, re.I))
        if assigned_only and not assigned:
            continue
        role_match = roles.match_role(text, after)
        if (verb_first and not assigned and role_match is None and prefix.rstrip().endswith(",")
                and not roles.starts_with_action(text, after)):
            continue
        if role_match is None and not roles.opens_predicate(text, after) and not assigned:
            after = _past_description(text, after, end, mentions)
            role_match = roles.match_role(text, after)
            if role_match is None:
                continue
        role = _role_near(text, after, end) if role_match is None else role_match.role
        role_end = role_match.end if role_match else after
        subject = tuple(Party(m.name, role) for m in group)
        others, led, task_start = _after_role(text, role, role_end, end, mentions)
        others += _cooperators(text, start, end, mentions, others)
        others += _delegated(text, task_start, end, mentions, subject + others)
        return ClauseReading(subject, others, led, role, task_start, _report_to(text, start, end, mentions))
    opening = _after_intro(text, start, end)  # "Căn cứ khả năng cân đối ngân sách, phối hợp với ..."
    role_match = roles.match_role(text, opening)
    if role_match is None and opening > start and roles.starts_with_action(text, opening):
        role_match = roles.RoleMatch("thực hiện", opening, opening)
    role = role_match.role if role_match else None
    task_start = opening if role_match else start
    others: tuple[Party, ...] = ()
    if role_match:
        others, _, task_start = _after_role(text, role, role_match.end, end, mentions)
    return ClauseReading((), others + _cooperators(text, start, end, mentions, others), (), role, task_start,
                         _report_to(text, start, end, mentions))


# Words that end a subject's description before its role word could come: punctuation, a new sentence.
_DESCRIPTION_END = re.compile(r"[,.;:()\n]")
# How such a description opens: "cơ quan chủ quản | các dự án ...", "các địa phương | có dự án ...".
_DESCRIPTION_OPENS = re.compile(r"(?:các|có|những|thuộc|được giao|tham gia)\s", re.IGNORECASE)


def _past_description(text: str, pos: int, end: int, mentions, words: int = 12) -> int:
    """Where a role word follows the description that closes a subject: "Bộ Xây dựng, các địa phương, cơ
    quan chủ quản các dự án đang triển khai thi công | tiếp tục chỉ đạo ...". Up to `words` words, no
    punctuation and no other unit between; `pos` when no role word comes."""
    if not _DESCRIPTION_OPENS.match(text, pos):
        return pos
    for found in islice(re.finditer(r"\S+", text[pos:end]), 1, words):
        at = pos + found.start()
        if _DESCRIPTION_END.search(text, pos, at) or any(pos <= m.start < at for m in mentions):
            return pos
        role = roles.match_role(text, at)
        if role and " " in role.role:  # "chỉ đạo", "phối hợp"; not "trình" in "Chương trình"
            return at
    return pos


# The closing article of a decision: who carries it out. Its list of offices is long and loose ("Các Ông/Bà:
# Chánh Văn phòng Bộ Y tế, Vụ trưởng, Cục trưởng các Vụ, Cục trực thuộc Bộ Y tế, ..."), so every unit named
# before the verb is a subject, save one that only qualifies another ("trực thuộc Bộ Y tế").
_EXECUTES = re.compile(
    r"(?:chịu|có) trách nhiệm (?:tổ chức )?thi hành (?:Quyết định|Nghị quyết|Chỉ thị|Thông tư|Quy chế|Quy định"
    r"|Kế hoạch|văn bản)(?: này)?",
    re.IGNORECASE,
)
_QUALIFIED = re.compile(r"(?:thuộc|trực thuộc|của|tại|ở)\s+(?:các\s+)?$", re.IGNORECASE)


def _executors(text: str, start: int, end: int, mentions) -> tuple[Party, ...]:
    found = _EXECUTES.search(text, start, end)
    if not found:
        return ()
    sentence = max(text.rfind(". ", start, found.start()), start)
    names = []
    for mention in mentions:
        if not sentence <= mention.start < found.start():
            continue
        if _QUALIFIED.search(text[max(start, mention.start - 15) : mention.start]):
            continue
        if mention.name not in names:
            names.append(mention.name)
    return tuple(Party(name, "chịu trách nhiệm") for name in names)


# What may follow the units of a heading that only names them: a scope or a qualifier, not a task.
_HEADING_TAIL = re.compile(r"^[^.;:]{0,80}$")
# A heading that names whose duties follow: "Trách nhiệm của Sở Y tế", "Nhiệm vụ, quyền hạn của Ban Quản lý".
_DUTY_HEADING = re.compile(
    r"^\s*(?:trách nhiệm|nhiệm vụ(?:,? quyền hạn)?|quyền hạn(?:,| và) trách nhiệm|phân công|tổ chức thực hiện)"
    r"\s+(?:của|đối với|cho)\s+(?:các\s+)?$",
    re.I,
)
_DEFINED = re.compile(r"^\s+là\s+\w+(?:\s+\w+)?\s*$", re.I)
_HEADING_PREFIX = re.compile(r"^\s*(?:(?:giao|yêu cầu|đề nghị|phân công|trách nhiệm của|nhiệm vụ của)\s+)?$", re.I)


def _subject_heading(text: str, start: int, end: int, mentions) -> list | None:
    """The units of a clause that names them and nothing else before its colon ("Sở Y tế:", "Các Bộ: Quốc
    phòng, Công an:", "Chủ tịch Ủy ban nhân dân các tỉnh từ Hà Tĩnh đến Khánh Hòa:"), else None."""
    clause = text[start:end].rstrip()
    if not mentions:
        staff = _staff_heading(text, start, start + len(clause))
        return [staff] if staff else None
    group = _group_mentions(text, mentions)[0]
    duty = _DUTY_HEADING.match(text[start : group[0].start])  # "Điều 9. Trách nhiệm của thủ trưởng các đơn vị"
    tail_start = group[-1].end
    # "5. Các chủ rừng là tổ chức (các Ban quản lý rừng ..., các Công ty ...)": examples in brackets and what the
    # units are ("là tổ chức") qualify them; they do not say what the units do. Both stand at the tail's end.
    tail = _DEFINED.sub("", re.sub(r"\([^()]*\)?\s*$", "", text[tail_start : start + len(clause) - clause.endswith(":")]))
    only_units = bool(_HEADING_PREFIX.match(text[start : group[0].start])) and not tail.strip(
        " .;:")  # "2.9. Đề nghị Liên đoàn Lao động tỉnh"
    if not (clause.endswith(":") or duty or only_units):  # "1. Sở Y tế" over its points names their subject
        return None
    if not (duty or _HEADING_PREFIX.match(text[start : group[0].start])):
        return None
    next_word = _skip_space(text, tail_start)
    if not _HEADING_TAIL.match(tail) or (next_word < start + len(clause) and roles.match_role(text, next_word)):
        return None
    if any(roles.match_role(text, tail_start + m.start()) or roles.starts_with_action(text, tail_start + m.start())
           for m in re.finditer(r"(?<!\w)\w", tail)):
        return None
    return group


# A person named by a title or a function and what they are in charge of: "Phó chủ tịch phụ trách lĩnh vực Công
# tác Xã hội", "Cán bộ phụ trách lĩnh vực giám sát và phản biện xã hội".
_STAFF_HEADING = re.compile(r"(?P<name>[^\W\d][^.;:\n]{2,40}?(?:\s+phụ trách\s+[^.;:\n]{3,90})?)\s*:?$", re.I)


def _staff_heading(text: str, start: int, end: int) -> UnitMention | None:
    """A heading on one line that names a person by title or function and nothing they must do, whose points
    follow: "6. Phó chủ tịch phụ trách lĩnh vực Công tác Xã hội" over "- Chủ trì xây dựng kế hoạch ..."."""
    found = _STAFF_HEADING.match(text, start, end)
    if not found or len(found["name"].split()) > 16 or not opens_with_staff(found["name"]):
        return None
    words = list(re.finditer(r"(?<!\w)\w", found["name"]))
    name_end = found["name"].find(" phụ trách ")
    if any(roles.starts_with_action(text, start + w.start()) or roles.match_role(text, start + w.start())
           for w in words[1:] if name_end < 0 or w.start() < name_end):
        return None  # "Cán bộ tiếp nhận hồ sơ": a person and a verb, not a heading
    name = found["name"].strip()
    return UnitMention(start, start + len(name), name, name[0].upper() + name[1:])


# An adverbial that may open a clause before its verb: "Căn cứ chức năng, nhiệm vụ, chủ động phối hợp ...".
_INTRO = re.compile(r"(?:căn cứ|trên cơ sở|trong (?:quá trình|phạm vi|thời gian)|theo|sau khi|khi|để|đối với|về)\b",
                    re.IGNORECASE)


def _after_intro(text: str, start: int, end: int) -> int:
    """Where the verb of a clause without a subject starts: after an opening adverbial and its comma."""
    if not _INTRO.match(text, start):
        return start
    inserted = _INSERTED.match(text, start)
    if inserted and inserted.end() > start:
        return _skip_space(text, inserted.end())
    comma = text.find(", ", start, min(end, start + 160))
    return _skip_space(text, comma + 1) if comma > 0 else start


_PLACE_NAME = rf"[{UPPER}]\w*(?:\s+[{UPPER}]\w*){{0,3}}"
_LOCALITY = re.compile(rf"(?i:các\s+)?((?i:tỉnh|thành phố|huyện|xã|phường))\s+({_PLACE_NAME})")
_PLACE_LIST = re.compile(rf"\s*(?:,\s*(?:và\s+)?|\s+và\s+)({_PLACE_NAME})(?=[\s,])")


def _localities_at(text: str, pos: int, end: int) -> tuple[list[str], int]:
    """Localities named at pos, with the kind each takes ("Các tỉnh Nghệ An, Quảng Ngãi" -> Tỉnh Nghệ An, Tỉnh
    Quảng Ngãi; "Thành phố Hà Nội và các tỉnh Bắc Ninh, Gia Lai"), and where they end."""
    names: list[str] = []
    while True:
        found = _LOCALITY.match(text, pos, end)
        if not found:
            break
        kind = found.group(1).lower()
        names.append(f"{kind.capitalize()} {found.group(2)}")
        pos = found.end()
        while (more := _PLACE_LIST.match(text, pos, end)) and not _LOCALITY.match(text, _skip_separators(text, pos)):
            names.append(f"{kind.capitalize()} {more.group(1)}")
            pos = more.end()
        joined = re.match(r"\s*(?:,|và|,\s*và)\s+", text[pos:end])
        if not joined or not _LOCALITY.match(text, pos + joined.end(), end):
            break
        pos += joined.end()
    return names, _skip_space(text, pos)


def _assigning_word(text: str, pos: int) -> int | None:
    """After "giao", "yêu cầu", "đề nghị" (and "các đồng chí"): where the assignees start."""
    match = re.match(r"(?:giao|yêu cầu|đề nghị|phân công)\s+(?:(?:cho\s+)?(?:các\s+)?đồng chí\s+)?", text[pos : pos + 40], re.I)
    return pos + match.end() if match else None


def _delegated(text: str, start: int, end: int, mentions, known) -> tuple[Party, ...]:
    """Units the subject hands a task to inside its clause: "Ủy ban nhân dân cấp xã tiếp nhận hồ sơ và giao
    Phòng Văn hóa - Xã hội chủ trì, phối hợp với ..."."""
    names = {party.name for party in known}
    found: list[Party] = []
    for match in re.finditer(r"(?<!\w)(?:giao|đề nghị|yêu cầu)\s+(?:cho\s+)?", text[start:end], flags=re.IGNORECASE):
        group = _group_at(text, start + match.end(), mentions)
        if not group:
            continue
        after = _skip_space(text, group[-1].end)
        role = _role_near(text, after, end) if after < end else "thực hiện"
        for mention in group:
            if mention.name not in names:
                names.add(mention.name)
                found.append(Party(mention.name, role))
    return tuple(found)


def _cooperators(text: str, start: int, end: int, mentions, known) -> tuple[Party, ...]:
    """Units named after "phối hợp với" anywhere in the clause."""
    names = {party.name for party in known}
    found: list[Party] = []
    for match in re.finditer(r"phối hợp(?:\s+chặt chẽ)?(?:\s+với|\s+cùng)?\s+", text[start:end], flags=re.IGNORECASE):
        actor = next((m for m in mentions if 0 <= start + match.start() - m.end <= 1), None)
        if actor is not None and "với" not in match.group() and "cùng" not in match.group():
            continue  # "tham mưu Ủy ban nhân dân tỉnh phối hợp Bộ Y tế": the province's partner, not the subject's
        for mention in _group_at(text, start + match.end(), mentions):
            if mention.name not in names:
                names.add(mention.name)
                found.append(Party(mention.name, "phối hợp"))
    return tuple(found)


def _after_role(text, role, role_end, end, mentions):
    """Co-operators ("phối hợp với A, B"), led units ("lãnh đạo A:") and where the task wording starts."""
    pos = _skip_separators(text, role_end)
    others: list[Party] = []
    led: tuple[str, ...] = ()
    cooperation = roles.match_role(text, pos)
    if role == "chủ trì" and cooperation and cooperation.role == "phối hợp":
        pos = _skip_space(text, cooperation.end)
        if text[pos : pos + 4].lower() == "với ":
            pos += 4
        group = _group_at(text, pos, mentions)
        others = [Party(m.name, "phối hợp") for m in group]
        if group:
            pos = _skip_separators(text, group[-1].end)
    elif role in _LEADS:
        group = _group_at(text, pos, mentions)
        if group:
            after = _skip_space(text, group[-1].end)
            if text[after : after + 1] == ":" or roles.starts_with_action(text, after):
                led = tuple(m.name for m in group)
                pos = after
    return tuple(others), led, min(pos, end)


def _report_to(text: str, start: int, end: int, mentions) -> tuple[str, ...]:
    """Units named right after "báo cáo" (to whom results go)."""
    names: list[str] = []
    for match in re.finditer(r"báo cáo\s+", text[start:end], flags=re.IGNORECASE):
        group = _group_at(text, start + match.end(), mentions)
        names += [m.name for m in group if m.name not in names]
    return tuple(names)


def _parties_for(reading: ClauseReading, context: Context, text: str, start: int, end: int) -> tuple[Party, ...]:
    if reading.subject:
        led = tuple(Party(name, "thực hiện") for name in reading.led)
        names = {p.name for p in reading.subject + led + reading.others}
        leaders = tuple(p for p in context.parties if p.role in _LEADS and p.name not in names)
        return reading.subject + led + reading.others + leaders
    if not context.parties:
        return ()
    if not (context.completes_parent or reading.role or roles.starts_with_action(text, start)):
        return ()
    parties = []
    for party in context.parties:
        # a clause's own role word ("- Báo cáo Bộ Chính trị ...") is the doer's; leaders keep leading and
        # co-operators keep co-operating
        own_role = reading.role if reading.role and party.role not in _LEADS + ("phối hợp",) else party.role
        parties.append(Party(party.name, own_role))
    return tuple(parties) + reading.others


# A clause ending in ":" lends its subject to the clauses under it only when it leads into tasks ("yêu cầu
# các sở:", "thực hiện các nhiệm vụ sau:"), not when it introduces a quotation or a list of things
# ("Tại khoản 2 Điều 257 Luật Đất đai quy định:", "Hồ sơ gồm:").
_TASK_NOUNS = re.compile(r"\b(?:nhiệm vụ|giải pháp|nội dung|trách nhiệm|công việc|yêu cầu|đề nghị|giao)\b", re.I)
_NOT_TASKS = re.compile(r"(?:quy định|như sau|gồm|bao gồm|là|sau đây|nơi nhận)\s*:\s*$", re.I)


def _task_heading(text: str, section: Section, start: int, end: int) -> bool:
    """Whether a section over points is a heading that names them as tasks: short, no full sentence, with a
    word for tasks in it ("Nhiệm vụ, giải pháp trong thời gian tới", "Một số nhiệm vụ trọng tâm")."""
    heading = text[start:end].strip()
    return (bool(section.children) and section.kind in ("part", "item") and len(heading.split()) <= 16
            and not re.search(r"[.;:]", heading) and bool(_TASK_NOUNS.search(heading.lower()))
            and not _NOT_TASK_HEADING.search(heading.lower()))


_TOPIC = re.compile(r"(?:về|đối với|trong|lĩnh vực)\s", re.IGNORECASE)
# Headings with a task word that head something else: "Kết quả thực hiện nhiệm vụ", "Đánh giá ..."
_NOT_TASK_HEADING = re.compile(r"\b(?:kết quả|đánh giá|tình hình|mục tiêu|quan điểm)\b")


def _leads_into_tasks(text: str, start: int, end: int) -> bool:
    """Whether a clause ending in ":" introduces tasks (its subject goes to the clauses under it), rather than a
    quotation or a list of things ("... Luật Đất đai quy định:", "Hồ sơ gồm:")."""
    clause = text[start:end].rstrip()
    return not _NOT_TASKS.search(clause) or bool(_TASK_NOUNS.search(clause))


def _context_for_children(reading, parties, context, text, end, start=None) -> Context:
    ends_with_colon = text[:end].rstrip().endswith(":")
    if ends_with_colon and start is not None and not reading.subject and not parties:
        ends_with_colon = _leads_into_tasks(text, start, end)
    if reading.subject:
        inherited = tuple(p for p in parties if p.role != "phối hợp" or reading.subject[0].role == "chủ trì")
        if reading.led:
            inherited = tuple(Party(p.name, p.role) for p in parties if p.name not in reading.led) + tuple(
                Party(name, "thực hiện") for name in reading.led
            )
        return Context(inherited, completes_parent=ends_with_colon, reports=context.reports)
    if parties:
        return Context(tuple(p for p in parties if p.role != "phối hợp") or context.parties, ends_with_colon,
                       context.reports)
    return Context(context.parties, completes_parent=ends_with_colon and bool(context.parties), reports=context.reports)


def _group_mentions(text: str, mentions) -> list[list]:
    """Runs of unit mentions joined only by commas, "và", semicolons: one list of units each."""
    groups: list[list] = []
    for mention in mentions:
        if groups and _LIST_GAP.match(text[groups[-1][-1].end : mention.start] or " "):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


def _group_at(text: str, pos: int, mentions) -> list:
    """The list of units that starts exactly at `pos` (after white space)."""
    pos = _skip_space(text, pos)
    for group in _group_mentions(text, [m for m in mentions if m.start >= pos]):
        return group if group[0].start == pos else []
    return []


def _role_near(text: str, pos: int, end: int) -> str:
    """Verbs of doing may precede the role ("tăng cường giám sát", "tập trung chỉ đạo", "khẩn trương chủ
    trì"): look past up to three of them."""
    offset = _skip_space(text, pos)
    for _ in range(4):
        if offset >= end:
            break
        match = roles.match_role(text, offset)
        if match and match.role not in ("báo cáo", "trình"):
            return match.role
        verb = roles.action_end(text, offset)
        if verb is None:
            break
        offset = _skip_separators(text, verb)
    return "thực hiện"


def _clause_start(text: str, section: Section) -> int:
    """Where the clause's words start: after its printed label ("4.", "a)", "-")."""
    start = section.start
    if section.marker and text.startswith(section.marker, start):
        start += len(section.marker)
    return _skip_space(text, start)


def _sentence_end(text: str, start: int, end: int) -> int:
    match = re.search(r"[.;:](?:\s|$)", text[start:end])
    return start + match.end() if match else end


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\n":
        pos += 1
    return pos


def _skip_separators(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " ,\t\n":
        pos += 1
    return pos


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \n:;,./":
        end -= 1
    return end


def _dedupe(found: list[Assignment]) -> list[Assignment]:
    seen: set[tuple] = set()
    unique = []
    for item in found:
        key = (item.locator, item.start, item.units, item.role)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique
