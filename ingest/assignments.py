"""Ingest step: responsibility assignments — who must do what, in which role, by when, reporting to whom.

Directive clauses often omit their subject: bullets under "X lãnh đạo Y:" are Y's tasks led by X; a second
paragraph of an item continues its first; an item that names nobody binds the addressees (Kính gửi); a
regulation's tasks bind the body it regulates. So each clause is read with the subject it inherits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest import roles
from ingest.types import Assignment, Section
from ingest.units import canonical_unit, find_units

# What may stand before a clause's subject: nothing, an assigning word, or an introductory phrase + comma.
_SUBJECT_PREFIX = re.compile(
    r"^(?:(?:giao|yêu cầu|đề nghị|phân công|các đồng chí|đồng chí|đặc biệt là)\s+)*$|,\s*$", re.IGNORECASE
)
# What may join the units of one list.
_LIST_GAP = re.compile(r"^(?:\s*(?:,|;|và|cùng|với|đặc biệt là|các đồng chí)\s*)+$|^\s+$", re.IGNORECASE)
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
    """Every assignment in the document, in document order."""
    found: list[Assignment] = []
    body = [section for section in sections if section.kind not in _FRAME_KINDS]
    for section in body:
        if section.kind == "annex":
            owner = regulated_body(text, section)
            start_context = Context((Party(owner, "thực hiện"),)) if owner else Context()
            _read_children(text, section, start_context, found)
            continue
        fallback = Context(tuple(Party(name, "thực hiện") for name in addressees))
        _read_section(text, section, fallback if section.kind != "preamble" else Context(), found)
    return _dedupe(found)


def regulated_body(text: str, annex: Section) -> str | None:
    """The body a regulation annex is about: the first unit its first article names ("Sở Nội vụ là ...")."""
    for section in annex.walk():
        if section.kind == "article":
            mentions = find_units(text, section.start, section.end)
            return mentions[0].name if mentions else None
    return None


def _read_section(text: str, section: Section, context: Context, found: list[Assignment]) -> None:
    start = _clause_start(text, section)
    end = section.own_end if section.kind != "paragraph" else section.end
    reading = read_clause(text, start, end)
    parties = _parties_for(reading, context, text, start, end)
    if parties:
        deadline = roles.find_deadline(text, start, end)
        task_start = max(reading.task_start, start)
        task_end = _trim_end(text, task_start, end)
        for party in parties:
            found.append(
                Assignment(
                    units=(party.name,),
                    role=party.role,
                    task=text[task_start:task_end],
                    task_start=task_start,
                    task_end=task_end,
                    locator=section.locator,
                    start=section.start,
                    end=section.end,
                    deadline=text[deadline[0] : deadline[1]] if deadline else None,
                    report_to=reading.report_to if party.role != "phối hợp" else (),
                    inherited=not reading.subject,
                )
            )
    child_context = _context_for_children(reading, parties, context, text, end)
    _read_children(text, section, child_context, found)


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
        own_block = [grand for grand in child.children if _is_role_line(text, grand)]
        if own_block:
            _apply_block(text, pending + [child], own_block, found)
            pending = []
        else:
            pending.append(child)
        _read_section(text, child, context, found)
    if block:
        _apply_block(text, pending or [section], block, found)


def _is_role_line(text: str, section: Section) -> bool:
    line = text[section.start : section.own_end]
    return bool(roles.unit_line(line) or roles.time_line(line))


def _apply_block(text: str, tasks: list[Section], block: list[Section], found: list[Assignment]) -> None:
    parties: list[Party] = []
    deadline = None
    for line_section in block:
        line = text[line_section.start : line_section.own_end]
        unit_line = roles.unit_line(line)
        if unit_line:
            role, offset = unit_line
            parties += [Party(name, role) for name in _units_in(text, line_section.start + offset, line_section.own_end)]
        span = roles.time_line(line)
        if span:
            deadline = line[span[0] : span[1]]
    for task in tasks:
        task_start = _clause_start(text, task)
        task_end = _trim_end(text, task_start, task.own_end if task.kind != "paragraph" else task.end)
        for party in parties:
            found.append(
                Assignment(
                    units=(party.name,),
                    role=party.role,
                    task=text[task_start:task_end],
                    task_start=task_start,
                    task_end=task_end,
                    locator=task.locator,
                    start=task.start,
                    end=task.end,
                    deadline=deadline,
                )
            )


def _units_in(text: str, start: int, end: int) -> list[str]:
    """Units of a "Đơn vị ...: A; B, C." list; a piece no unit pattern knows is kept as written."""
    names: list[str] = []
    for piece in re.finditer(r"[^;.]+", text[start:end]):
        piece_start, piece_end = start + piece.start(), start + piece.end()
        mentions = find_units(text, piece_start, piece_end)
        if mentions:
            names += [mention.name for mention in mentions]
        elif piece.group().strip():
            names.append(canonical_unit(piece.group().strip()))
    return names


def read_clause(text: str, start: int, end: int) -> ClauseReading:
    """Find the clause's subject, its role, co-operators, led units and reporting line."""
    sentence_end = _sentence_end(text, start, end)
    mentions = [m for m in find_units(text, start, end)]
    groups = _group_mentions(text, [m for m in mentions if m.start < sentence_end])
    for group in groups:
        prefix = text[start : group[0].start]
        if not _SUBJECT_PREFIX.search(prefix):
            continue
        after = _skip_space(text, group[-1].end)
        role_match = roles.match_role(text, after)
        if role_match is None and not roles.starts_with_action(text, after):
            continue
        role = _role_near(text, after, end) if role_match is None else role_match.role
        role_end = role_match.end if role_match else after
        subject = tuple(Party(m.name, role) for m in group)
        others, led, task_start = _after_role(text, role, role_end, end, mentions)
        return ClauseReading(subject, others, led, role, task_start, _report_to(text, start, end, mentions))
    role_match = roles.match_role(text, start)
    role = role_match.role if role_match else None
    task_start = start
    others: tuple[Party, ...] = ()
    if role_match:
        others, _, task_start = _after_role(text, role, role_match.end, end, mentions)
    return ClauseReading((), others, (), role, task_start, _report_to(text, start, end, mentions))


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
        return reading.subject + led + reading.others
    if not context.parties:
        return ()
    if not (context.completes_parent or reading.role or roles.starts_with_action(text, start)):
        return ()
    parties = []
    for party in context.parties:
        own_role = reading.role if reading.role and party.role not in _LEADS else party.role
        parties.append(Party(party.name, own_role))
    return tuple(parties) + reading.others


def _context_for_children(reading, parties, context, text, end) -> Context:
    ends_with_colon = text[:end].rstrip().endswith(":")
    if reading.subject:
        inherited = tuple(p for p in parties if p.role != "phối hợp" or reading.subject[0].role == "chủ trì")
        if reading.led:
            inherited = tuple(Party(p.name, p.role) for p in parties if p.name not in reading.led) + tuple(
                Party(name, "thực hiện") for name in reading.led
            )
        return Context(inherited, completes_parent=ends_with_colon)
    if parties:
        return Context(tuple(p for p in parties if p.role != "phối hợp") or context.parties, ends_with_colon)
    return Context(context.parties, completes_parent=ends_with_colon and bool(context.parties))


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
    """An action verb may precede the role ("tăng cường giám sát"): take a role word within three words."""
    window = text[pos:end].split()[:4]
    offset = pos
    for word in window:
        offset = text.find(word, offset)
        match = roles.match_role(text, offset)
        if match and match.role != "báo cáo":
            return match.role
        offset += len(word)
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
