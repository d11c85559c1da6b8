"""Ingest step: the words directives use for responsibility (roles), deadlines and reporting lines.

Roles are kept as the document words them ("lãnh đạo, chỉ đạo", "chủ trì"); text with diacritics matches them
exactly (tone placement aside), so "căn cứ" is never "cần"; text typed without diacritics matches on folded
keys, so "chu tri" and "Chủ trì" meet. The longest wording wins ("chủ trì tham mưu" before "chủ trì").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.vietnamese import comparable, folded, has_diacritics

# The role a clause gives its subject, as worded. Order matters only through length (longest first).
ROLE_WORDS = (
    "lãnh đạo, chỉ đạo",
    "lãnh đạo và chỉ đạo",
    "lãnh đạo",
    "chỉ đạo",
    "chủ trì",
    "phối hợp",
    "tham mưu",
    "giám sát",
    "theo dõi",
    "kiểm tra",
    "hướng dẫn",
    "chịu trách nhiệm",
    "báo cáo",
    "trình",
    "thẩm định",
    "đôn đốc",
    "thực hiện",
)

# Verbs that open a task without being a role of their own: the subject simply carries the task out.
ACTION_WORDS = (
    "tổ chức", "triển khai", "xây dựng", "rà soát", "tăng cường", "khẩn trương", "tập trung", "bố trí",
    "kiện toàn", "tiếp tục", "nghiên cứu", "quản lý", "ban hành", "hoàn thiện", "hoàn thành", "thành lập",
    "nâng cao", "đẩy mạnh", "thường xuyên", "quán triệt", "tuyên truyền", "bảo đảm", "đảm bảo", "phân bổ",
    "ưu tiên", "quan tâm", "cập nhật", "tổng hợp", "đề xuất", "giải quyết", "chấp hành", "thống nhất",
    "sớm", "kịp thời", "chủ động", "tích cực", "cần", "phải", "có trách nhiệm", "được giao", "trực tiếp",
    "định kỳ", "hằng năm", "hàng năm", "khẩn", "nghiêm túc", "thi hành", "giúp", "cấp", "công bố", "số hóa",
    "làm",
)

# Words that hand a task to the units named after them.
ASSIGNING_WORDS = ("giao", "yêu cầu", "đề nghị", "phân công")

_ROLE_KEYS = {
    marked: sorted(((key(word), word) for word in ROLE_WORDS), key=lambda pair: -len(pair[0]))
    for marked, key in ((True, comparable), (False, folded))
}
_ACTION_KEYS = {
    marked: sorted((key(word) for word in ACTION_WORDS), key=len, reverse=True)
    for marked, key in ((True, comparable), (False, folded))
}


def _head(text: str, pos: int, size: int) -> tuple[str, bool]:
    """The text at pos as a matching key, and whether it carries diacritics (then it must match exactly)."""
    piece = text[pos : pos + size]
    marked = has_diacritics(piece)
    return (comparable(piece) if marked else folded(piece)), marked

_DEADLINE_PATTERNS = [
    r"(?:xong |hoàn thành )?trước ngày \d{1,2}(?:/\d{1,2}(?:/\d{4})?| tháng \d{1,2}(?: năm \d{4})?)",
    r"(?:xong )?(?:ngay )?trong (?:tháng|quý|năm) [\d/IV]+(?:/\d{4})?",
    r"từ nay đến (?:hết )?(?:ngày |tháng |năm )?[\d/]+",
    r"đến (?:hết )?(?:ngày |tháng |năm )\d[\d/]*",
    r"chậm nhất (?:là )?(?:ngày |trước ngày )?[\d/]+",
    # "trong thời hạn 07 ngày làm việc, kể từ ngày nhận được ...", "trong vòng 02 (hai) ngày làm việc"
    r"trong (?:thời hạn |thời gian |vòng )?\d+ (?:\([^)]*\) )?ngày(?: làm việc)?(?:,? kể từ [^.;,]+)?",
    r"(?:định kỳ )?(?:hằng|hàng) (?:năm|quý|tháng)",
    r"\b(?:quý|tháng) (?:[IV]+|\d{1,2})/\d{4}",  # "Quý I/2026" standing alone on a card or in a clause
]
_DEADLINE = re.compile("|".join(f"(?:{p})" for p in _DEADLINE_PATTERNS), re.IGNORECASE)
# Without a date, how often: "thường xuyên", "định kỳ hoặc đột xuất", "hằng ngày"; read only when no dated
# limit is worded in the clause (a clause that says both is bound by its date).
_CADENCE = re.compile(
    r"\b(?:thường xuyên|định kỳ(?:,? (?:hoặc|và) đột xuất)?|(?:hằng|hàng) (?:ngày|tuần))\b", re.IGNORECASE
)

# The lines of a task card: "- Thời gian hoàn thành: Quý IV/2025", "Tiến độ: Thường xuyên".
_TIME_LINE = re.compile(
    r"^(?:[-–+]\s*)?(?:Thời (?:gian|hạn)(?: (?:thực hiện|hoàn thành|triển khai|báo cáo))?|Tiến độ(?: thực hiện)?)"
    r"\s*:\s*(.+?)\s*[.;]?$",
    re.I,
)
# "- Cơ quan chủ trì: Sở Nội vụ.", "Đơn vị phối hợp: ...", "Chủ trì: ...", "Trách nhiệm thực hiện: ..."
_UNIT_LINE = re.compile(
    r"^(?:[-–+]\s*)?(?:(?:Đơn vị|Cơ quan|Đối tượng|Bộ phận)\s+)?(chủ trì(?: tham mưu)?(?: thực hiện)?"
    r"|phối hợp(?: thực hiện)?|tham mưu(?: thực hiện)?|thực hiện|trách nhiệm thực hiện|phụ trách)"
    r"(?:\s[^:.;]{1,60})?\s*:\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RoleMatch:
    role: str  # as canonical wording from ROLE_WORDS
    start: int
    end: int


def match_role(text: str, pos: int) -> RoleMatch | None:
    """The role word that starts at text[pos:], if any."""
    head, marked = _head(text, pos, 40)
    for key, word in _ROLE_KEYS[marked]:
        if head.startswith(key) and (len(head) == len(key) or not head[len(key)].isalnum()):
            return RoleMatch(word, pos, pos + len(word))
    return None


def action_end(text: str, pos: int) -> int | None:
    """End of the verb of doing that text[pos:] opens with ("tập trung", "khẩn trương"), if any."""
    head, marked = _head(text, pos, 30)
    for key in _ACTION_KEYS[marked]:
        if head.startswith(key) and (len(head) == len(key) or not head[len(key)].isalnum()):
            return pos + len(key)
    return None


# Words that may follow a unit named at the start of a clause without being its predicate: "Sở Y tế của
# tỉnh", "Bộ Công an đã ban hành" (a report of the past, not a task), "Ủy ban nhân dân tỉnh là cơ quan".
_NOT_PREDICATE = {
    comparable(word)
    for word in ("của", "và", "với", "về", "theo", "tại", "ở", "trong", "ngoài", "là", "được", "bị", "đã", "đang",
                 "vừa", "thuộc", "trực", "nêu", "nói", "này", "đó", "cho", "cũng", "năm", "gồm", "như", "do", "từ",
                 "đến", "trên", "dưới", "khi", "nếu", "mà", "thì", "hoặc", "hay", "các", "những", "có", "nhận",
                 "ghi", "đánh", "trân", "xin", "vẫn", "còn", "chưa", "lại", "để", "sau", "trước", "qua", "nhằm")
}
_WORD = re.compile(r"[^\W\d_]+")


def opens_predicate(text: str, pos: int) -> bool:
    """Whether text[pos:] reads as the predicate of a subject named just before it: a verb of doing or a role
    word, or any word in lower case that is not a preposition, a conjunction or a marker of the past."""
    if starts_with_action(text, pos) or match_role(text, pos):
        return True
    word = _WORD.match(text, pos)
    if word and comparable(word.group()) == "không":  # a rule ("không kiêm nhiệm"), unless "không để xảy ra"
        return comparable(text[word.end() : word.end() + 4].strip()) == "để"
    return bool(word) and word.group()[0].islower() and comparable(word.group()) not in _NOT_PREDICATE


# A role word is the subject's own verb after a separator or a verb of doing ("..., chỉ đạo ...", "; định kỳ
# báo cáo ...", "tăng cường kiểm tra ..."), not when a noun phrase holds it ("cơ quan chủ trì", "theo hướng dẫn
# của", "chế độ báo cáo", "công tác kiểm tra").
_NOUN_BEFORE = re.compile(
    r"(?:của|sự|công tác|theo|cơ quan|đơn vị|chế độ|kết quả|việc|được|bị|các|những|nội dung|hoạt động|vai trò"
    r"|trách nhiệm|quy chế|mẫu|biểu|số|đoàn|tổ|hội đồng|ban|sau khi|trước khi|để|cho|với|từ|và các)\s*$",
    re.IGNORECASE,
)


def later_roles(text: str, start: int, end: int) -> list[str]:
    """The role words a clause gives its subject after its first verb ("Bộ Quốc phòng phát huy ..., chỉ đạo các
    quân khu ...; định kỳ báo cáo ..."), in order, each once."""
    found: list[str] = []
    for word in re.finditer(r"(?<![\w])\w", text[start:end]):
        pos = start + word.start()
        match = match_role(text, pos)
        if match is None or match.role in found:
            continue
        before = text[max(start, pos - 25) : pos]
        after_separator = re.search(r"[,;:]\s*$|\svà\s*$|^\s*$", before)
        after_verb = re.search(r"(?:thường xuyên|định kỳ|tăng cường|kịp thời|khẩn trương|chủ động|trực tiếp"
                               r"|quyết liệt|tập trung|tiếp tục|đồng thời|tổng hợp,?|có trách nhiệm)\s*$", before, re.I)
        if (after_separator or after_verb) and not _NOUN_BEFORE.search(before):
            found.append(match.role)
    return found


def starts_with_action(text: str, pos: int) -> bool:
    """True when text[pos:] opens with a verb of doing (the predicate of a directive clause)."""
    return action_end(text, pos) is not None


def find_deadline(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the first time limit worded in text[start:end]."""
    match = _DEADLINE.search(text, start, end) or _CADENCE.search(text, start, end)
    return (match.start(), match.end()) if match else None


def unit_line(line: str) -> tuple[str, int] | None:
    """For "Đơn vị chủ trì thực hiện: Sở Tư pháp." -> ("chủ trì", offset of the unit list)."""
    match = _UNIT_LINE.match(line)
    if not match:
        return None
    wording = folded(match.group(1))
    role = next((word for key, word in (("phoi hop", "phối hợp"), ("chu tri", "chủ trì"), ("tham muu", "tham mưu"))
                 if wording.startswith(key)), "thực hiện")
    return role, match.end()


def time_line(line: str) -> tuple[int, int] | None:
    """For "Thời gian thực hiện: Thường xuyên." -> the span of "Thường xuyên" inside the line."""
    match = _TIME_LINE.match(line)
    return match.span(1) if match else None
