"""Ingest step: read a directive's header (issuer, number, place and date, type word, title) and its
Kính gửi list, which ends where the preamble or the body begins.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace

from ingest.closing import BULLET, RULE, Line, fold_key, names_office, next_nonblank, read_list, split_lines
from ingest.numbers import DOC_TYPES_BY_SYMBOL, doc_type_of, normalize_number
from ingest.units import canonical_unit, find_units
from ingest.vietnamese import comparable


@dataclass(frozen=True)
class Header:
    """What a directive's header says, with spans into the stored text; absent fields are None."""

    start: int = 0  # the header block: from its first line through the title
    end: int = 0
    issuer: str | None = None  # as a person writes it: "Ủy ban nhân dân tỉnh Bắc Ninh"
    issuer_printed: str | None = None  # as printed, lines joined: "UỶ BAN NHÂN DÂN TỈNH BẮC NINH"
    issuer_parent: str | None = None  # the body printed above the issuer: "UBND TỈNH X" over "SỞ NỘI VỤ"
    number: str | None = None  # CONTRACT §2 form: "1378/QĐ-BNV"
    doc_type: str | None = None  # "Quyết định": from the type word, else from the number's symbol
    doc_type_printed: str | None = None  # "QUYẾT ĐỊNH"
    place: str | None = None
    issued: str | None = None  # ISO date
    title: str | None = None  # the trích yếu as a sentence: "Nâng cao năng lực cho đội ngũ ..."
    title_printed: str | None = None
    title_start: int | None = None
    title_end: int | None = None
    recipients: tuple[str, ...] = ()  # the Kính gửi list, one addressee line each, bullet and comma cut
    recipients_start: int | None = None
    recipients_end: int | None = None

    @property
    def frame_end(self) -> int:
        """Where the header and its Kính gửi block end: the preamble or the body follows."""
        return max(self.end, self.recipients_end or 0)


_MOTTO = re.compile(
    r"cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam|doc\s+lap\s*[-–]\s*tu\s+do\s*[-–]\s*hanh\s+phuc"
    r"|dang\s+cong\s+san\s+viet\s+nam"
)
# "Số: 1378/QĐ-BNV", "SỐ: 28 /2003/NĐ-CP", "Số 3400-CV/TU"; a " - " with spaces on both sides ends it.
_NUMBER = r"so\s*:?\s*(?P<number>\d+(?:(?: ?/ ?| ?-(?! ))[a-z0-9](?:[a-z0-9.&]*[a-z0-9])?)+)"
_NUMBER_LINE = re.compile(_NUMBER)
_DATE = re.compile(
    r"ngay\s*(?P<d>\d{1,2})\s*"
    r"(?:thang\s*(?P<m>\d{1,2})\s*nam\s*|[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*)(?P<y>\d{4})"
)
# "Tiền Giang, ngày 21 tháng 8 năm 2024": a place of at most six words, then the date.
_PLACE_DATE = re.compile(r"(?P<place>[a-z]+(?: [a-z]+){0,5})\s*,\s*" + _DATE.pattern)

# Type words a header prints above the title, longest first so "Thông tư liên tịch" beats "Thông tư".
_TYPE_NAMES = sorted(
    {*DOC_TYPES_BY_SYMBOL.values(), "Thông tư liên tịch", "Nghị quyết liên tịch", "Công điện", "Luật",
     "Pháp lệnh", "Thông tri", "Quy hoạch", "Phương án", "Chiến lược"},
    key=len,
    reverse=True,
)
_TYPE_KEYS = [(fold_key(name), name) for name in _TYPE_NAMES]
_SHORT_TYPE_LINE = 100  # a type word in lower case only counts on a short line ("Nghị định của chính phủ")

# Lines that only open a preamble, a body or an addressee list: the header is over.
_BODY_START = re.compile(
    r"(?:can cu|thuc hien|theo de nghi|xet |tai phien hop|tai cuoc hop|tai hoi nghi|kinh gui|noi nhan)"
    r"|(?:\d+(?:\.\d+)*|[ivxlc]+)[.)-]\s|[a-z]\)\s|\(\d+\)\s|[-+•]\s"
    r"|(?:dieu|chuong|phan|muc)\s+[\divxlc]+\b"
)
_LABELLED = re.compile(r"(?:\d+(?:\.\d+)*|[ivxlc]+)[.)-]\s|[a-z]\)\s|(?:dieu|chuong|phan|muc)\s+[\divxlc]+\b")
# A title line ending in one of these words goes on in the next line, whatever that line looks like.
_DANGLING = re.compile(r"\b(?:cua|ve|va|cho|voi|tai|trong|doi voi|den|tu|thuc hien|nham|de|cac|nhung)\s*$")
_LONG_PARAGRAPH = 300  # characters: a header line is never this long, a body paragraph often is
_SHORT_NAME = 150  # characters: an issuer's name is short; a longer top line is a paragraph of body
_HEADER_LINES = 40  # non-blank lines scanned at most before giving up on a header

# First words of a body's name: a header line starting with one names a new body ("SỞ NỘI VỤ" under
# "UBND TỈNH HÀ TĨNH"); any other line continues the name above it ("ỦY BAN NHÂN DÂN" / "TỈNH HÀ TĨNH").
_BODY_HEADS = tuple(
    fold_key(word) + " "
    for word in ("Sở", "Bộ", "Ban", "Cục", "Tổng cục", "Chi cục", "Vụ", "Văn phòng", "Phòng", "Trung tâm",
                 "Viện", "Học viện", "Trường", "Ủy ban", "Uỷ ban", "Hội đồng", "Đảng ủy", "Đảng bộ",
                 "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Công an", "Thanh tra", "Kho bạc", "UBND",
                 "HĐND")
)
# "Kính gửi:", and a công điện's "THỦ TƯỚNG CHÍNH PHỦ điện:" (the issuer telegraphs the units listed under it)
_ADDRESSES = re.compile(r"kinh gui\b|[^:]{0,80}\bdien\s*:\s*$")
_VV = re.compile(r"v/v\b\.?\s*")  # "V/v ..." abbreviates "Về việc ..." on a công văn's trích yếu
# A Vietnamese syllable; a capitalised token that is not one (UBND, HĐND, CB-TH) is an abbreviation
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?"
)
_ROMAN = re.compile(r"[IVXLC]+")
_BEFORE_ROMAN = {"khoa", "phan", "chuong", "muc", "luc", "thu", "lan"}  # "KHÓA XIII", not "PHẠM VI"


def read_header(text: str) -> Header:
    """The header block and the Kính gửi list at the top of `text` (stored text); empty spans if none."""
    lines = split_lines(text)
    pieces = _classify(lines)
    if not any(kind != "other" for kind, _, _, _ in pieces):
        return _with_recipients(Header(), lines, -1)  # no motto, number, date or type word on top
    fields: dict = {}
    spans: list[tuple[int, int]] = []  # motto, number and date pieces
    issuer: list[tuple[int, int]] = []
    title: list[tuple[int, int]] = []
    number_line = None
    previous: tuple[str, int] = ("", -1)  # the kind and line of the piece before
    for kind, i, start, end in pieces:
        if kind == "other" and number_line is None and "issued" not in fields:
            if end - start > _SHORT_NAME:
                break  # a paragraph, not a name: the text has no header above it
            issuer.append((start, end))  # above the number and the date: the issuer's name
        elif kind == "other" and (_VV.match(fold_key(text[start:end])) or
                                  _is_trich_yeu(lines, number_line, previous, bool(title), i)):
            title.append((start, end))
        elif kind == "other":
            break  # after the number and date, a line that is no title: the preamble has begun
        elif kind == "type":
            title, by = _title_after_type(text, lines, i, fields)
            spans.append((start, lines[i].end))
            issuer = issuer or by
        else:
            spans.append((start, end))
            number_line = _read_number_and_date(text[start:end], fields, number_line, i)
        previous = (kind, i)
    if not spans:
        return _with_recipients(Header(), lines, -1)
    if issuer:
        fields.update(_issuer(text, issuer))
    if title:
        fields.update(_title(text, title))
    spans += issuer + title
    start = min(s for s, _ in spans)
    last, end = _through_rules(lines, max(e for _, e in spans))
    if "doc_type" not in fields and fields.get("number"):
        # no type word: the symbol may say it; else a trích yếu under the number is a công văn's layout
        # a trích yếu opening with "V/v" under the number is a công văn's layout, whatever its symbol says
        # ("5317/CT-CS": CT there is the Cục Thuế, not Chỉ thị)
        subject_line = bool(title) and _VV.match(fold_key(text[title[0][0] : title[0][1]]))
        fields["doc_type"] = ("Công văn" if subject_line else None) or doc_type_of(fields["number"]) or (
            "Công văn" if title else None)
    return _with_recipients(Header(start=start, end=end, **fields), lines, last)


def _classify(lines: list[Line]) -> list[tuple[str, int, int, int]]:
    """(kind, line index, start, end) for the pieces of the top lines, up to the type word or the body.

    Kinds: motto, number, date, type, other. A two-column header flattened into one line ("ỦY BAN NHÂN
    DÂN CỘNG HÒA XÃ HỘI ...") gives a motto piece and an "other" piece for the issuer's part.
    """
    pieces: list[tuple[str, int, int, int]] = []
    seen = 0
    for i, line in enumerate(lines):
        if line.blank or RULE.fullmatch(line.text):
            continue
        seen += 1
        if seen > _HEADER_LINES or _starts_body(line):
            break
        parts = _outside_mottos(line)
        if parts != [(line.start, line.end)]:
            pieces.append(("motto", i, line.start, line.end))
        elif _type_word(line):
            pieces.append(("type", i, line.start, line.end))
            break
        for start, end in parts:
            key = line.key[start - line.start : end - line.start]
            number = _NUMBER_LINE.match(key)
            if number and re.search(r"[a-z]", number.group("number")):
                subject = re.search(r"\sv/v\b", key[number.end() :])  # "Số: 5317/CT-CS V/v khoản tiền ..."
                cut = start + number.end() + subject.start() if subject else end
                pieces.append(("number", i, start, cut))
                if subject:
                    pieces.append(("other", i, cut + 1, end))
            elif _PLACE_DATE.match(key) or _DATE.match(key):
                pieces.append(("date", i, start, end))
            else:
                pieces.append(("other", i, start, end))
    return pieces


def _starts_body(line: Line) -> bool:
    if _BODY_START.match(line.key):
        return True
    return len(line.text) > _LONG_PARAGRAPH and line.text != line.text.upper()


def _outside_mottos(line: Line) -> list[tuple[int, int]]:
    """Spans of the line outside the national and Party mottos, trimmed, empty ones dropped."""
    mottos = list(_MOTTO.finditer(line.key))
    if not mottos:
        return [(line.start, line.end)]
    parts, at = [], 0
    for m in mottos + [None]:
        stop = m.start() if m else len(line.text)
        piece = line.text[at:stop]
        if piece.strip(" -–—,"):
            lead = len(piece) - len(piece.lstrip(" -–—,"))
            parts.append((line.start + at + lead, line.start + at + len(piece.rstrip(" -–—,"))))
        at = m.end() if m else at
    return parts


def _type_word(line: Line) -> str | None:
    """The document type the line opens with ("KẾ HOẠCH", "Nghị định của chính phủ"), if it is a type line."""
    for key, name in _TYPE_KEYS:
        if not line.key.startswith(key) or line.key[len(key) : len(key) + 1] not in ("", " "):
            continue
        if line.key[len(key) :].lstrip().startswith(":"):
            return None  # "QUYẾT ĐỊNH:" closes the preamble; it is no type line
        if line.text[: len(key)].isupper() or len(line.text) <= _SHORT_TYPE_LINE:
            return name
    return None


def _is_trich_yeu(lines: list[Line], number_line: int | None, previous: tuple[str, int], titled: bool,
                  i: int) -> bool:
    """A công văn's trích yếu: a line opening with "V/v", or a phrase (no ".", ";", ":" at its end) under
    the number or the date, and the lines continuing it; blank lines between them (.docx) change nothing."""
    line = lines[i]
    if _VV.match(line.key):
        return True
    if number_line is None or line.text.endswith((".", ";", ":")):
        return False
    kind, above = previous
    if titled:
        return kind == "other" and _continues_title(lines[above].text, line, adjacent=above >= i - 1)
    return kind in ("number", "date", "motto")


def _continues_title(above: str, line: Line, adjacent: bool) -> bool:
    """Whether `line` goes on with the title line `above`: printed right under it (but no capitals under
    a sentence), or in its shape (capitals under capitals; lower case under a sentence)."""
    if line.text.isupper() and above != above.upper():
        return False  # "ỦY BAN NHÂN DÂN TỈNH" under "Về việc ...": the preamble's authority
    if adjacent:
        return True
    if above == above.upper():
        return line.text == line.text.upper()
    return line.text[:1].islower() or line.text[:1].isdigit()


def _read_number_and_date(printed: str, fields: dict, number_line: int | None, i: int) -> int | None:
    """Fill number, place and issued from a header piece; returns the index of the number's line."""
    key = fold_key(printed)
    number = _NUMBER_LINE.match(key)
    if number and re.search(r"[a-z]", number.group("number")):
        fields.setdefault("number", normalize_number(printed[: number.end("number")]))
        number_line = i if number_line is None else number_line
        key = key[number.end() :]
        printed = printed[number.end() :]
    key, printed = key.lstrip(), printed.lstrip()
    dated = _PLACE_DATE.match(key) or _DATE.match(key)
    if dated and not fields.get("issued"):
        fields["issued"] = _iso_date(dated)
        if "place" in dated.groupdict() and dated["place"]:
            fields["place"] = printed[dated.start("place") : dated.end("place")]
    return number_line


def _title_after_type(text: str, lines: list[Line], t: int, fields: dict) -> tuple[list, list]:
    """Title spans after the type line (the rest of it and the lines under it that continue it), and the
    "của <issuer>" span if the title opens with one."""
    line = lines[t]
    name = _type_word(line) or ""
    fields["doc_type"], fields["doc_type_printed"] = name, line.text[: len(name)]
    rest = _trimmed(text, line.start + len(name), line.end)
    by: list[tuple[int, int]] = []
    if rest and fold_key(text[rest[0] : rest[1]]).startswith("cua "):
        by, rest = [_trimmed(text, rest[0] + 3, rest[1]) or rest], None  # "Nghị định của Chính phủ"
    block = _title_block(lines, t, text[rest[0] : rest[1]] if rest else None)
    spans = ([rest] if rest else []) + [(lines[k].start, lines[k].end) for k in block]
    if spans and not by and fold_key(text[spans[0][0] : spans[0][1]]).startswith("cua "):
        by, rest_of_first = _issued_by(text, spans[0])
        spans = ([rest_of_first] if rest_of_first else []) + spans[1:]
    return spans, by


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without its surrounding white space, None when nothing is left."""
    piece = text[start:end]
    if not piece.strip():
        return None
    return start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())


def _title_block(lines: list[Line], t: int, opening: str | None) -> list[int]:
    """Indices of the title lines under the type line lines[t], blank lines or not between them: the first
    opens the title unless `opening` (its start on the type line) did; the others continue it."""
    block: list[int] = []
    above, at = opening, t
    for k in range(t + 1, len(lines)):
        line = lines[k]
        if line.blank:
            continue
        dangling = above is not None and _DANGLING.search(fold_key(above))  # "... CỦA" / "THỦ TƯỚNG CHÍNH PHỦ ..."
        ends = _ends_title(line, first=not block and opening is None)
        if not dangling and (ends or (above is not None and not _continues_title(above, line, at == k - 1))):
            break
        block.append(k)
        above, at = line.text, k
    return block


def _ends_title(line: Line, first: bool = False) -> bool:
    """A line under a title that is none of it: a rule, the body, "QUYẾT ĐỊNH:", or the preamble's
    authority, by office ("BỘ TRƯỞNG BỘ NỘI VỤ") or by name in capitals ("ỦY BAN NHÂN DÂN TỈNH")."""
    # a title in capitals may open with a body's words ("THỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG ..."); a heading may not
    # and the line right under the type word is its title even in sentence case ("Thực hiện công tác bầu cử ..."),
    # when it reads as one: no closing punctuation, not a paragraph's length
    body = _starts_body(line) and not (line.text.isupper() and not _LABELLED.match(line.key))
    if body and first and not _LABELLED.match(line.key) and not line.text.endswith((";", ",", ".", ":")) and len(
            line.text) <= 250:
        body = False
    if RULE.fullmatch(line.text) or body or line.text.endswith(":") or names_office(line):
        return True
    units = find_units(line.text) if line.text.isupper() else []
    return bool(units) and units[0].start == 0 and units[-1].end == len(line.text)


def _issued_by(text: str, span: tuple[int, int]) -> tuple[list, tuple[int, int] | None]:
    """Split "CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ về ..." into the issuer span and the rest of the title: the
    issuer runs from after "của" to the first word in lower case (or to "VỀ" when all is capitals)."""
    words = list(re.finditer(r"\S+", text[span[0] : span[1]]))[1:]
    stop = next(
        (n for n, w in enumerate(words) if w.group() != w.group().upper() or fold_key(w.group()) == "ve"),
        len(words),
    )
    if stop == 0:
        return [], span
    by = (span[0] + words[0].start(), span[0] + words[stop - 1].end())
    rest = (span[0] + words[stop].start(), span[1]) if stop < len(words) else None
    return [by], rest


def _issuer(text: str, spans: list[tuple[int, int]]) -> dict:
    """Issuer fields from the printed issuer pieces, grouped into bodies (a new body opens on a head word)."""
    groups: list[list[str]] = []
    for start, end in spans:
        piece = " ".join(text[start:end].split())
        if not groups or fold_key(piece + " ").startswith(_BODY_HEADS):
            groups.append([piece])
        else:
            groups[-1].append(piece)
    printed = " ".join(groups[-1])
    parent = " ".join(" ".join(group) for group in groups[:-1])
    issuer = canonical_unit(printed) or printed
    parent_name = (canonical_unit(parent) or parent) if parent else None
    return dict(issuer=_of_party_committee(issuer, parent_name), issuer_printed=printed, issuer_parent=parent_name)


def _of_party_committee(issuer: str, parent: str | None) -> str:
    """A Party committee's ban is named with its committee: "BAN CHẤP HÀNH TRUNG ƯƠNG" over "BAN TUYÊN GIÁO VÀ
    DÂN VẬN" is the Ban Tuyên giáo và Dân vận Trung ương; "TỈNH ỦY X" over "BAN TỔ CHỨC" the Ban Tổ chức Tỉnh ủy X."""
    if not parent or not fold_key(issuer).startswith(("ban ", "van phong", "uy ban kiem tra")):
        return issuer
    committee = fold_key(parent)
    if committee.startswith("ban chap hanh trung uong"):
        return issuer if fold_key(issuer).endswith("trung uong") else f"{issuer} Trung ương"
    if committee.startswith(("tinh uy", "thanh uy", "huyen uy", "quan uy", "thi uy", "dang uy")):
        return issuer if committee in fold_key(issuer) else f"{issuer} {parent}"
    return issuer


def _title(text: str, spans: list[tuple[int, int]]) -> dict:
    """Title fields: as printed (lines joined by a space) and as a sentence."""
    printed = " ".join(" ".join(text[s:e].split()) for s, e in spans)
    abbreviated = _VV.match(fold_key(printed))
    rest = printed[abbreviated.end() :] if abbreviated else printed
    if rest == rest.upper():
        rest = sentence_case(rest)
    sentence = "Về việc " + rest[:1].lower() + rest[1:] if abbreviated else rest
    return dict(title=sentence[:1].upper() + sentence[1:], title_printed=printed, title_start=spans[0][0],
                title_end=spans[-1][1])


def sentence_case(printed: str) -> str:
    """An all-caps title as a sentence: words lower case except abbreviations, codes, Roman numerals
    after "khóa/phần/chương" and unit names ("CỦA SỞ NỘI VỤ" -> "của Sở Nội vụ")."""
    out: list[str] = []
    previous = ""
    for token in re.split(r"(\s+)", printed):
        if token.isspace() or not token:
            out.append(token)
            continue
        bare = fold_key(token.strip(".,;:()\"'"))
        lowered = token.lower()
        keep = (
            any(ch.isdigit() or ch == "/" for ch in token)
            or (bare and not _SYLLABLE.fullmatch(bare))
            or (_ROMAN.fullmatch(token.strip(".,;:")) and previous in _BEFORE_ROMAN)
            or len(lowered) != len(token)
        )
        out.append(token if keep else lowered)
        previous = bare or previous
    sentence = "".join(out)
    for unit in reversed(find_units(printed)):  # from the end, so a respelt name never shifts the next span
        if comparable(unit.surface) == comparable(unit.name) and not fold_key(unit.name).startswith("cac "):
            sentence = sentence[: unit.start] + unit.name + sentence[unit.end :]
    return sentence


def _iso_date(match: re.Match) -> str | None:
    try:
        day, month, year = int(match["d"]), int(match["m"] or match["m2"]), int(match["y"])
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _through_rules(lines: list[Line], end: int) -> tuple[int, int]:
    """The header's last line index and end, extended over the rule lines printed under its title."""
    last = next((k for k, line in enumerate(lines) if line.start <= end <= line.end and not line.blank), 0)
    for k in range(last + 1, next_nonblank(lines, last + 1)):
        if not lines[k].blank:
            last, end = k, lines[k].end
    return last, end


def _with_recipients(header: Header, lines: list[Line], last: int) -> Header:
    """The header with its Kính gửi list, when one follows it."""
    k = next_nonblank(lines, last + 1)
    if k >= len(lines) or not _ADDRESSES.match(lines[k].key):
        return header
    items, final = read_list(lines, k, stops=lambda line: not BULLET.match(line.text) and _starts_body(line))
    return replace(header, recipients=items, recipients_start=lines[k].start, recipients_end=lines[final].end)


