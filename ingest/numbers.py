"""Document numbers (số ký hiệu): normalise them as CONTRACT §2 says, tell the type from the symbol, find them
in document text, and read the loose ways people mention a document in a question ("cv 3400", "KL 62").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ingest.vietnamese import fold_diacritics, has_diacritics, nfc

# The symbol part names the document type: 62-KL/TW, 141/KH-UBND, 1378/QĐ-BNV, 120/2020/NĐ-CP.
DOC_TYPES_BY_SYMBOL = {
    "CV": "Công văn",
    "KL": "Kết luận",
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "KH": "Kế hoạch",
    "ĐA": "Đề án",
    "CT": "Chỉ thị",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "BC": "Báo cáo",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "QC": "Quy chế",
    "QY": "Quy định",
    "TTr": "Tờ trình",
    "CTr": "Chương trình",
}

# The Party numbers its regulations with the decisions' symbol: "Quy định số 178-QĐ/TW".
_SYMBOL_ALSO_MEANS = {"QĐ": ("Quy định",)}

# Words that name a document's type in running text ("Kết luận 62-KL/TW", "Luật ... số 72/2025/QH15").
DOC_TYPE_WORDS = tuple(
    "Công văn|Kết luận|Nghị quyết|Quyết định|Quy định|Kế hoạch|Đề án|Chỉ thị|Thông báo|Thông tri|Hướng dẫn"
    "|Báo cáo|Nghị định|Thông tư|Quy chế|Tờ trình|Chương trình|Luật|Pháp lệnh|Công điện".split("|")
)
_TYPE_BY_FOLDED = {fold_diacritics(word).lower(): word for word in DOC_TYPE_WORDS}
_UNTYPED_WORDS = {"van ban"}  # "Văn bản số 71/SNV-VP" names a document without saying its type


def _alternatives(words) -> str:
    """A regex alternation that tries longer words first ("quy dinh" must not stop "quy che")."""
    return "|".join(sorted(words, key=len, reverse=True))


TYPE_WORD = re.compile(r"(?<!\w)(" + _alternatives({*_TYPE_BY_FOLDED, *_UNTYPED_WORDS}) + r")(?!\w)")

_AROUND_SEPARATORS = re.compile(r"\s*([/-])\s*")

# One symbol part: starts with two capitals or a capital and a digit (KL, TW, QĐ, TTg, QH15, BTCTW) and is
# a whole word, so "Các" after a dash is never taken for one.
_SYMBOL_PART = r"[A-ZĐ][A-ZĐ0-9][A-Za-zĐđ0-9]*(?!\w)"
# Party numbers put the type first (62-KL/TW), State numbers after a slash and maybe a year (24/KH-UBND,
# 120/2020/NĐ-CP, 72/2025/QH15). A single space around a separator is tolerated: "27/NQ- TW".
DOCUMENT_NUMBER = re.compile(
    r"(?<![\w/.,-])\d{1,5}"
    rf"(?: ?- ?{_SYMBOL_PART} ?/ ?{_SYMBOL_PART}|(?: ?/ ?(?:19|20)\d\d)? ?/ ?{_SYMBOL_PART})"
    rf"(?: ?- ?{_SYMBOL_PART})*"
)


@dataclass(frozen=True)
class NumberMention:
    """A document number printed in a text; text[start:end] == raw."""

    start: int
    end: int
    raw: str  # as printed: "27/NQ- TW"
    number: str  # normalised: "27/NQ-TW"


@dataclass(frozen=True)
class DocMention:
    """A user's loose reference to a document: 'công văn 3400', 'KL 62', 'NQ19', '3400-CV/TU'."""

    start: int
    end: int
    raw: str
    numeral: str  # the numeric part as typed: "3400", "02"
    doc_type: str | None = None  # when the user said it, in words or as an abbreviation
    symbol: str | None = None  # what follows the numeral when typed in full: "CV/TU", "KH-UBND"
    place: str | None = None  # who issued it, as the user put it: "Bắc Ninh", "Tỉnh ủy Tiền Giang"
    number: str | None = None  # the whole number when typed in full, normalised


def normalize_number(raw: str) -> str:
    """'Số: 141 / KH-UBND' -> '141/KH-UBND': NFC, no spaces around '/' and '-', no 'Số' prefix."""
    text = nfc(raw).strip()
    text = re.sub(r"^(số|so)\s*:?\s*", "", text, flags=re.IGNORECASE)
    return _AROUND_SEPARATORS.sub(r"\1", text).rstrip(".,;:")


def number_key(number: str) -> str:
    """A key under which printings of one number compare equal ('1085/QĐ-TTg' == '1085/qđ-ttg')."""
    return normalize_number(number).casefold()


def doc_type_of(number: str) -> str | None:
    """The document type its symbol implies ('3400-CV/TU' -> 'Công văn'), if the symbol is known."""
    for part in re.split(r"[/-]", normalize_number(number))[1:]:
        if part in DOC_TYPES_BY_SYMBOL:
            return DOC_TYPES_BY_SYMBOL[part]
    return None


def search_key(text: str) -> str:
    """Lower case without diacritics, one character per character of `text`, so match offsets index `text`."""
    out = []
    for ch in text:
        key = fold_diacritics(ch.lower())
        out.append(key if len(key) == 1 else ch)
    return "".join(out)


def find_numbers(text: str) -> list[NumberMention]:
    """Every document number printed in `text`, in order; dates and fractions are never numbers."""
    return [
        NumberMention(m.start(), m.end(), m.group(), normalize_number(m.group()))
        for m in DOCUMENT_NUMBER.finditer(text)
    ]


def type_word_before(key: str, position: int) -> tuple[str | None, int] | None:
    """The type word that names the document numbered at `position` in search_key text, and where it starts.

    "Kết luận 62-KL/TW", "Nghị quyết số 19", "Quyết định số: 2920" name it right before the number; a law
    puts its title in between ("Luật Tổ chức chính quyền địa phương số 72/2025/QH15"). "Văn bản" gives None.
    """
    head = key[:position]
    said_number = re.search(r"(?<!\w)so ?:? ?$", head)
    if said_number:
        head = head[: said_number.start()]
    last = None
    window_start = max(head.rfind(stop) for stop in (".", ";", "(", ")", "\n")) + 1
    for match in TYPE_WORD.finditer(head, window_start):
        last = match
    if last is None:
        return None
    between = head[last.end() :]
    if between.strip() and not (said_number and len(between.split()) <= 10 and not re.search(r"\d", between)):
        return None
    word = _TYPE_BY_FOLDED.get(last.group(1))  # None for the generic "văn bản"
    return word, last.start()


def type_of_cited(number: str, said: str | None) -> str | None:
    """The type of a numbered document: as the words before it say, unless its symbol says otherwise
    ("Thông báo kết luận số 12-TB/TU" is a Thông báo; "Quy định số 178-QĐ/TW" stays a Quy định)."""
    if said and types_agree(said, number):
        return said
    return doc_type_of(number)


def types_agree(doc_type: str, number: str) -> bool:
    """Whether a document of `doc_type` can bear `number`; a symbol that names no type agrees with any."""
    symbol_type = doc_type_of(number)
    if symbol_type is None or symbol_type == doc_type:
        return True
    return any(doc_type in _SYMBOL_ALSO_MEANS.get(part, ()) for part in re.split(r"[/-]", number)[1:])


# Abbreviations people type for a type: "CV 3400", "KL 62", "NQ19", "qd 2920".
_TYPE_BY_ABBREVIATION = {
    fold_diacritics(symbol).lower(): name for symbol, name in DOC_TYPES_BY_SYMBOL.items()
}
# Folded, these are ordinary words ("đã" -> "da"): only an abbreviation when typed in capitals.
_WORD_LIKE_ABBREVIATIONS = {"da"}
_SAID_TYPE = (
    r"(?<!\w)(?:(?P<word>" + _alternatives({*_TYPE_BY_FOLDED, *_UNTYPED_WORDS, "so"}) + r")"
    r"|(?P<abbreviation>" + _alternatives(_TYPE_BY_ABBREVIATION) + r"))"
)
_TYPED_MENTION = re.compile(_SAID_TYPE + r" ?(?:so ?:? ?)?(?P<numeral>\d{1,5})(?!\w)")
# "ngày 25/10/2017", "2026-2030", "3.400": the digits belong to a date, a period or a longer figure.
_PART_OF_FIGURE = re.compile(r" ?[/.,-] ?\d")
# After a type and a numeral, "/2025" not followed by more digits is the year inside a number of the form
# 125/2025/QĐ-UBND ("QĐ 125/2025"), not a date
_YEAR_OF_NUMBER = re.compile(r"/(?:19|20)\d\d(?![/.,-]?\d)")
_PLACE_INTRO = re.compile(r" ?(?:cua|do|tai) ")
_WORD = re.compile(r"\w+")
# Words that end a place named after a mention ("kế hoạch 141 của Bắc Ninh về ...", "... giao ai"). With
# diacritics when typed with them: folded, "số" would also end "Sở Nội vụ" and "nói" "Nội vụ".
_PLACE_END_WORDS = (
    "về|ngày|năm|tháng|thì|là|có|giao|yêu cầu|quy định|ban hành|nói|như|ai|gì|nào|để|cho|được|đã|cần|phải"
    "|trong|và|với|thế|sao|khi|bao|những|các|một|nếu|số|đang".split("|")
)
_PLACE_END = re.compile(r"(?:" + _alternatives(_PLACE_END_WORDS) + r")(?!\w)")
_PLACE_END_FOLDED = re.compile(
    r"(?:" + _alternatives({fold_diacritics(word) for word in _PLACE_END_WORDS}) + r")(?!\w)"
)
# Words that do not tell one issuer from another when matching a place against an issuer.
_GENERIC_PLACE_WORDS = set("ubnd uy ban nhan dan tinh thanh pho tp huyen xa cua".split())


def parse_mentions(question: str) -> list[DocMention]:
    """The documents a question refers to by number, typed with or without diacritics and abbreviations.

    Years and dates are never taken for numbers: a numeral counts only after a type ("công văn", "KL"),
    after "số", or inside a full number such as 3400-CV/TU.
    """
    text = nfc(question)
    key = search_key(text)
    mentions = [_full_mention(text, key, m) for m in DOCUMENT_NUMBER.finditer(_aligned_upper(text))]
    mentions = [mention for mention in mentions if mention is not None]
    for match in _TYPED_MENTION.finditer(key):
        numeral_start, numeral_end = match.span("numeral")
        year = _YEAR_OF_NUMBER.match(key, numeral_end)  # "QĐ 125/2025", "Nghị quyết 37/2025": a number's year
        if (_PART_OF_FIGURE.match(key, numeral_end) and not year) or any(
                m.start <= numeral_start < m.end for m in mentions):
            continue
        numeral_end = year.end() if year else numeral_end
        if match.group("abbreviation") and not _is_abbreviation(text, match):
            continue
        doc_type = _TYPE_BY_FOLDED.get(match.group("word") or "") or _TYPE_BY_ABBREVIATION.get(
            match.group("abbreviation") or ""
        )
        end, place = _place_after(text, key, numeral_end)
        mentions.append(
            DocMention(
                match.start(), end, text[match.start() : end], match.group("numeral"), doc_type, place=place
            )
        )
    return sorted(mentions, key=lambda mention: mention.start)


def resolve_mention(
    mention: DocMention, numbers: Iterable[str], issuers: Mapping[str, str] | None = None
) -> list[str]:
    """The known numbers `mention` can mean: same numeral, the symbol parts typed, a type that agrees.

    `issuers` (number -> issuer) lets a place the user named ("của Bắc Ninh") rule out other issuers.
    Numbers whose symbol states the type the user said come before those whose symbol states none.
    """
    typed_parts = _symbol_parts(mention.number or "")
    place_words = _significant_words(mention.place or "")
    stated, unstated = [], []
    for number in numbers:
        numeral = re.split(r"[/-]", normalize_number(number))[0]
        if not numeral.isdigit() or int(numeral) != int(mention.numeral):
            continue
        if not typed_parts <= _symbol_parts(number):
            continue
        if mention.doc_type and not types_agree(mention.doc_type, number):
            continue
        issuer = (issuers or {}).get(number)
        if place_words and issuer and not place_words <= set(search_key(issuer).split()):
            continue
        (unstated if mention.doc_type and doc_type_of(number) is None else stated).append(number)
    return stated + unstated


def _aligned_upper(text: str) -> str:
    """Upper case with one character per character, so a typed '3400-cv/tu' matches like '3400-CV/TU'."""
    return "".join(ch.upper() if len(ch.upper()) == 1 else ch for ch in text)


def _full_mention(text: str, key: str, match: re.Match) -> DocMention | None:
    """A whole number typed in a question, unless its letters are an ordinary word ('5/thang')."""
    raw = text[match.start() : match.end()]
    parts = [part for part in re.split(r"[\s/-]+", raw)[1:] if not part.isdigit()]
    if not any(part.isupper() or search_key(part) in _TYPE_BY_ABBREVIATION for part in parts):
        return None
    number = normalize_number(match.group())
    said = type_word_before(key, match.start())
    start = said[1] if said else match.start()
    end, place = _place_after(text, key, match.end())
    numeral, symbol = re.match(r"(\d+)[/-]?(.*)", number).groups()
    doc_type = type_of_cited(number, said[0] if said else None)
    return DocMention(start, end, text[start:end], numeral, doc_type, symbol, place, number)


def _is_abbreviation(text: str, match: re.Match) -> bool:
    """Whether the letters before a numeral abbreviate a type, rather than being a word or another symbol."""
    typed = text[match.start("abbreviation") : match.end("abbreviation")]
    if match.group("abbreviation") in _WORD_LIKE_ABBREVIATIONS and not typed.isupper():
        return False
    # "HĐ 5" is a contract or a council, not "HD" (Hướng dẫn): typed diacritics must be the symbol's own
    return not has_diacritics(typed) or typed.upper() in {symbol.upper() for symbol in DOC_TYPES_BY_SYMBOL}


def _place_after(text: str, key: str, position: int) -> tuple[int, str | None]:
    """Where a mention ends and the issuer named right after it ('của Bắc Ninh'), if any."""
    intro = _PLACE_INTRO.match(key, position)
    if not intro:
        return position, None
    end, words = intro.end(), 0
    for word in _WORD.finditer(key, intro.end()):
        joined_by_space = key[end : word.start()] == ("" if words == 0 else " ")
        if not joined_by_space or words == 6 or _ends_place(text, key, word.start()):
            break
        end, words = word.end(), words + 1
    if words == 0:
        return position, None
    return end, text[intro.end() : end]


def _ends_place(text: str, key: str, position: int) -> bool:
    """Whether the word at `position` ends a place rather than continuing it."""
    typed = text[position : position + 12].lower()
    if has_diacritics(typed.split(" ", 1)[0]):
        return bool(_PLACE_END.match(typed))
    return bool(_PLACE_END_FOLDED.match(key, position))


def _symbol_parts(number: str) -> set[str]:
    """The parts after the numeral, compared without case or diacritics: '3400-CV/TU' -> {'cv', 'tu'}."""
    return {search_key(part) for part in re.split(r"[\s/-]+", normalize_number(number))[1:] if part}


def _significant_words(place: str) -> set[str]:
    """The words of a place that tell issuers apart: 'UBND tỉnh Bắc Ninh' -> {'bac', 'ninh'}."""
    return {word for word in search_key(place).split() if word not in _GENERIC_PLACE_WORDS}
