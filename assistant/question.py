"""Assistant step: read a question — what kind it is, which documents and units it names, what it is about.

Questions arrive with or without diacritics and with abbreviations, so every keyword test runs on the folded
text ("ai chu tri" and "Ai chủ trì" read alike).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from assistant.errors import BadQuestion
from assistant.kinds import KindReading, default_model, masked
from ingest.numbers import parse_mentions
from ingest.units import expand_abbreviations, find_units
from ingest.vietnamese import folded, has_diacritics, nfc

MAX_QUESTION_CHARS = 2000

# Question-kind cues, folded. Order of the checks in `_kind` decides ties.
_WHO = re.compile(
    r"\b(ai|don vi nao|co quan nao|to chuc nao|nhung ai|nhung don vi|nhung co quan|cac co quan nao|bo phan nao"
    r"|ben nao|cap nao|do dau|dau mo[iy]? nao|nhung to chuc|chiu trach nhiem\b.*\bnao|giao cho ai|ai lo)\b"
)
_WHAT = re.compile(
    r"\b(lam gi|lam nhung (viec )?gi|viec gi|nhiem vu gi|nhiem vu nao|nhung nhiem vu|co nhiem vu|vai tro gi"
    r"|trach nhiem gi|duoc giao (nhung )?gi|phai lam|con phai lam|nhiem vu\b.*\bla gi)\b"
)
_WHEN = re.compile(
    r"\b(bao nhieu ngay|may ngay|bao lau|khi nao|bao gio|luc nao|thoi han|han chot|han ban hanh|han bao cao|han nop|truoc ngay|ngay nao|nam nao"
    r"|thang nao|thoi diem nao|thoi gian nao|moc nao|den nam|tu khi nao|tu moc|bao lau|ngay may|han\b"
    r"|(?:truoc|luc|den|vao) may gio|gio nao|(?:vao|trong) thang may|quy may|quy nao|tuan nao)"
)
_REPORT = re.compile(r"\b(bao cao|gui bao cao|nop bao cao)\b.*\b(ai|dau|co quan nao|cap nao|nao)\b|\bbao cao (cho|len|ve) (ai|dau)")
# facts about a document itself; the weak cues count only when the question does not ask "who does what"
_DOC_FACT = re.compile(
    r"\b(ban hanh (ngay|nam|thang|khi)|ai ban hanh|ky ban hanh|ai ky|nguoi ky|ky ngay|ra ngay|ra doi|hieu luc"
    r"|gui kem|(?<!ban hanh )kem theo|trich yeu|nham thuc hien|trien khai (nq|nghi quyet|ket luan|kl)\b.*\bnao"
    r"|thuc hien (nghi quyet|ket luan|chi thi) nao|la (ket luan|van ban|cong van|ke hoach|quyet dinh) cua"
    r"|cua co quan nao|do co quan nao ban hanh|phien hop)\b"
)
_DOC_FACT_WEAK = re.compile(r"\b(ban hanh|can cu|thuc hien (van ban|ke hoach) nao)\b")
# "ai đang là Giám đốc ...", "... hiện nay là ai": a person holding an office now; directives name offices
_PERSON = re.compile(r"\b(dang la|hien nay la|hien la|la ai|ten la gi|ho ten)\b")
# "bao lâu một lần", "mấy lần": how often, answered by a frequency (hằng năm, định kỳ ...), not a date
# ("trợ cấp một lần", "hỗ trợ một lần" name a one-off payment, not a frequency)
_FREQUENCY = re.compile(
    r"\b(bao lau mot lan|may lan|bao nhieu lan|(?<!tro cap )(?<!ho tro )(?<!chi tra )(?<!phu cap )(?<!thuong )"
    r"(?<!boi thuong )mot lan|tan suat)\b"
)
_YESNO = re.compile(r"\bco\b.+\b(khong|chua)\s*\??\s*$|\bco phai\b|\bphai khong\b|\bdung khong\b")
# "bao lâu" (not "bao lâu một lần", a frequency): a length of time, answered by a figure of days, months ...
HOW_LONG = re.compile(r"\bbao lau\b(?!\s+(?:mot|1) lan)")
# What stands before a unit the question names says its part. Right after a document's number and "của", it
# issued the document ("Kế hoạch 0129 của UBND tỉnh Đắk Lắk"); after "trình", "báo cáo", "của", it receives or
# owns the task ("Sở Tài chính phải trình UBND tỉnh ..."): neither is the doer a time limit is asked for.
_ISSUED_BY = re.compile(r"\d[\w/.-]*(?:\s+(?:năm|nam)\s+\d{4})?\s+(?:của|cua)\s+(?:(?:các|cac)\s+)?$", re.IGNORECASE)
_TO_UNIT = re.compile(r"(?:trình|báo cáo|gửi|về|cho|lên|tới|đến|với|của)\s+(?:các\s+)?$", re.IGNORECASE)
# "mấy" folds to "may", which is also "máy" (bộ máy): folded, only "may" before a counted noun counts
_AMOUNT = re.compile(r"\bbao nhieu\b|\bmay (ngay|lan|phong|nguoi|thang|nam|don vi|co quan|bo phan|ty|trieu|%)\b")
_FOLLOWUP = re.compile(
    r"^(con|the con|vay|the|thi|con viec|con han|con don vi|don vi do|co quan do|viec do|viec nay|ho)\b"
    r"|\b(thi sao|the nao|viec nay|viec do|don vi do|co quan do|no)\s*\??$"
)
# a second question after a comma, "và", "còn" or a question mark, at the end: at most ten words
_SECOND_PART = re.compile(r"(?:,\s*(?:va\s+|con\s+)?|\s(?:va|con|dong thoi)\s+|[;?]\s*)(?P<part>(?:[^\s,;?]+\s*){2,10})\??\s*$")
_PART_KINDS = ("who", "what", "when", "report")
# questions about the documents as a set
_WHICH_DOCUMENTS = re.compile(r"\b(?:nhung|cac) van ban\b|\bvan ban nao\b|\b(?:bao nhieu|may) van ban\b")
_ORDER = re.compile(r"\bvan ban nao\b.*\b(?:moi hon|moi nhat|gan day nhat|cu hon|som hon|som nhat|truoc hon)\b"
                    r"|\b(?:moi hon|cu hon|ban hanh truoc|ban hanh sau|ban hanh som hon)\b.*\bhay\b"
                    r"|\b(?:moi nhat|gan day nhat|som nhat)\b.*\bvan ban\b")
_ROLES_ASKED = {
    "chủ trì": r"\bchu tri\b",
    "phối hợp": r"\bphoi hop\b|\bcung voi (co quan|don vi|ai)\b",  # "chủ trì ..., cùng với cơ quan nào?"
    "tham mưu": r"\btham muu\b",
    "giám sát": r"\bgiam sat\b",
    "theo dõi": r"\btheo doi\b",
    "lãnh đạo": r"\blanh dao\b|\bchi dao\b",
    "báo cáo": r"\bbao cao\b",
    "hướng dẫn": r"\bhuong dan\b",
    "chịu trách nhiệm": r"\bchiu trach nhiem\b|\bthi hanh\b",  # "giao ai thi hành?": the closing article
}


@dataclass(frozen=True)
class Question:
    text: str  # as asked, NFC, single spaces
    key: str  # folded, abbreviations expanded: what keyword tests read
    typed_without_diacritics: bool
    kind: str  # who, what, when, report, doc_fact, yesno, general, person, frequency (assistant.kinds)
    asks_amount: bool  # "bao nhiêu": a number must answer it
    mentions: tuple  # ingest.numbers.DocMention
    units: tuple[str, ...]  # canonical names of units the question names
    roles: tuple[str, ...]  # roles the question asks about ("ai chủ trì ...")
    looks_like_followup: bool
    kind_reading: KindReading | None = None  # how the kind was decided: cue words, model scores
    then: str | None = None  # the kind a second part asks ("..., và hạn khi nào?"): answered after the first
    across: str | None = None  # about the documents as a set: "which" (văn bản nào giao ...), "order" (mới hơn)
    issuers: tuple[str, ...] = ()  # units named as a document's author ("QĐ 125/2025 của UBND TP Huế"), not asked
    # units named as doers, not as receivers or owners ("Sở Tài chính phải trình UBND tỉnh": Sở Tài chính);
    # read on the question as typed, where each name has its place: typed without diacritics, it may name fewer
    doers: tuple[str, ...] = ()


def read_question(raw: str, restore: Callable[[str], str] | None = None) -> Question:
    """Check and read a question; raises BadQuestion with a Vietnamese message for unusable input.

    `restore` puts diacritics back into a question typed without them (ingest.restore), so unit names are
    read with their scope words ("UBND tinh" -> "Ủy ban nhân dân tỉnh", not just "Ủy ban nhân dân").
    """
    text = _clean(raw)
    expanded = expand_abbreviations(text)
    key = folded(expanded)
    restored = restore is not None and not has_diacritics(text)
    readable = expand_abbreviations(restore(text)) if restored else expanded
    named = find_units(expanded)
    found = [(m, readable) for m in find_units(readable)] if restored else [(m, expanded) for m in named]
    issuers = tuple(dict.fromkeys(m.name for m, where in found if _ISSUED_BY.search(where[: m.start])))
    units = tuple(dict.fromkeys(m.name for m, _ in found if m.name not in issuers))
    doers = tuple(dict.fromkeys(
        m.name for m in named if not _TO_UNIT.search(expanded[max(0, m.start - 20) : m.start])))
    roles = tuple(role for role, pattern in _ROLES_ASKED.items() if re.search(pattern, key))
    reading = default_model().read(*_model_input(expanded, named))
    return Question(
        text=text,
        key=key,
        typed_without_diacritics=not has_diacritics(text),
        kind=reading.kind,
        asks_amount=bool(_AMOUNT.search(key) or HOW_LONG.search(key)) or "mấy" in text.lower(),
        mentions=tuple(parse_mentions(text)),
        units=units,
        roles=roles,
        looks_like_followup=len(key.split()) <= 12 and bool(_FOLLOWUP.search(key)),
        kind_reading=reading,
        then=_second_part(key, reading.kind),
        across=_across(key),
        issuers=issuers,
        doers=doers,
    )


def reading_features(text: str) -> tuple[str, str]:
    """What the kind model reads (assistant.kinds): the masked, folded question and its cue-word kind."""
    expanded = expand_abbreviations(nfc(" ".join(text.split())))
    return _model_input(expanded, find_units(expanded))


def _model_input(expanded: str, named) -> tuple[str, str]:
    return masked(expanded, named, parse_mentions(expanded)), _kind(folded(expanded))


def _clean(raw: str) -> str:
    if not isinstance(raw, str):
        raise BadQuestion("Câu hỏi phải là văn bản.")
    text = nfc(raw)
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t\r" for ch in text):
        text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    text = " ".join(text.split())
    if not text:
        raise BadQuestion("Câu hỏi đang trống. Hãy nhập câu hỏi, ví dụ: “Đơn vị nào chủ trì theo dõi việc thực hiện Công văn 3400?”")
    if len(text) > MAX_QUESTION_CHARS:
        raise BadQuestion(
            f"Câu hỏi dài {len(text)} ký tự, vượt giới hạn {MAX_QUESTION_CHARS}. Hãy rút gọn câu hỏi vào một ý chính."
        )
    if not re.search(r"[^\W\d_]", text):
        raise BadQuestion("Câu hỏi không có chữ nào. Hãy đặt câu hỏi bằng tiếng Việt.")
    return text


def _across(key: str) -> str | None:
    """"order" for which document is newer or older, "which" for which documents (or how many) say something;
    None for a question about what documents say. "Kế hoạch 141 thực hiện văn bản nào?" asks what one document
    implements: a document fact, not this."""
    if _ORDER.search(key):
        return "order"
    if _WHICH_DOCUMENTS.search(key) and not _DOC_FACT_WEAK.search(key) and not re.search(r"\bthuc hien\b", key):
        return "which"
    return None


def _second_part(key: str, kind: str) -> str | None:
    """The kind of the other part of a two-part question ("Ai chủ trì X, và phải xong trong thời gian nào?",
    "Sở Y làm gì; báo cáo cho ai?", "Khi nào xong, ai chủ trì?"): the two parts ask different things (units,
    duties, a time, a reporting line), which stand in different clauses, so each gets its own answer. None when
    the question asks one thing."""
    match = _SECOND_PART.search(key)
    if not match or kind not in _PART_KINDS:
        return None
    kinds = {_part_kind(key[: match.start()]), _part_kind(match.group("part"))}
    if len(kinds) != 2 or not kinds <= set(_PART_KINDS) or kind not in kinds or kinds == {"who", "report"}:
        return None  # one thing asked; or "ai theo dõi ... và báo cáo cho ai": the reporting line names both
    return (kinds - {kind}).pop()


def _part_kind(part: str) -> str:
    """The cue words' kind of one part; a part asking for a time is a when-part even when it says "phải làm"."""
    if _WHEN.search(part) and not _WHO.search(part):
        return "when"
    return _kind(part)


def _kind(key: str) -> str:
    if _PERSON.search(key) and not re.search(r"\b(ky|ban hanh)\b", key):
        return "person"
    # "báo cáo cho ai, bao lâu một lần?": the reporting line carries its frequency, so report comes first
    if _REPORT.search(key) and not _YESNO.search(key):
        return "report"
    if _FREQUENCY.search(key):
        return "frequency"
    if _YESNO.search(key) and not _WHO.search(key):
        return "yesno"
    if _REPORT.search(key):
        return "report"
    if _DOC_FACT.search(key) and not re.search(r"\b(giao|chu tri|phoi hop)\b", key):
        return "doc_fact"
    if _WHO.search(key):
        return "who"
    if _WHEN.search(key) and not _WHAT.search(key):
        return "when"
    # "phải làm gì theo Kế hoạch ... ban hành kèm Quyết định 254?", "... chưa đủ căn cứ thì phải làm gì?": the
    # duty asked outweighs a document's wording in the question
    if _WHAT.search(key):
        return "what"
    if _DOC_FACT_WEAK.search(key):
        return "doc_fact"
    return "general"
