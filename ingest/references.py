"""Ingest step: the documents a text cites by number, with the type, date and issuer it gives them and
the relation it states ("Thực hiện Kết luận 62-KL/TW ngày 02/10/2023 của Bộ Chính trị về thực hiện ...").
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest.numbers import (
    TYPE_WORD,
    NumberMention,
    find_numbers,
    number_key,
    search_key,
    type_of_cited,
    type_word_before,
)
from ingest.types import Locator, Reference

# Relation words, matched without diacritics, longest first where one contains another.
_RELATIONS = (
    (r"gui kem(?: theo)?", "gửi kèm"),
    (r"(?:ban hanh )?kem theo", "ban hành kèm theo"),  # "Ban hành kèm theo Quyết định số ...": an annex
    (r"can cu", "căn cứ"),
    (r"ra soat", "rà soát"),
    (r"sua doi(?:, bo sung)?|bo sung", "sửa đổi"),
    (r"thay the", "thay thế"),
    (r"bai bo", "bãi bỏ"),
    (r"(?:trien khai )?thuc hien|trien khai", "thực hiện"),
    (r"(?<!tiep )theo(?! doi)", "theo"),  # not "theo dõi" (monitor), not "tiếp theo" (next)
)
_RELATION = re.compile(
    "|".join(rf"(?<!\w)(?P<r{i}>{pattern})(?!\w)" for i, (pattern, _) in enumerate(_RELATIONS))
)
MENTIONED = "nhắc đến"
ATTACHED_HERE = "kèm theo"  # "(có Báo cáo số 386-BC/BTCTW kèm theo)": the word comes after the number
_ATTACHED_AFTER = re.compile(r" ?kem theo(?!\w)")
# A relation word governs a number at most this many words ahead ("Triển khai thực hiện kịp thời, đồng bộ,
# hiệu quả Kế hoạch số 14-KH/TU"; "Theo đề nghị của Giám đốc Sở Nội vụ tại Văn bản số 71/SNV-VP").
_MAX_WORDS_TO_NUMBER = 10
# What may stand between two cited documents listed together, so the second shares the first's relation.
_LISTED_WITH = {"", ",", "va", ", va", ";"}
# What may stand between a cited document's description and a relation word that describes that document:
# "Kết luận 62-KL/TW ... của Bộ Chính trị về thực hiện Nghị quyết 19-NQ/TW".
_DESCRIBES = {"", "ve", "ve viec", "nham", "de"}

_NUMERIC_DATE = re.compile(r" ?,? ?ngay (\d{1,2}) ?[/.-] ?(\d{1,2}) ?[/.-] ?(\d{4})(?!\d)")
_WORDED_DATE = re.compile(r" ?,? ?ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})(?!\d)")
_ISSUER_INTRO = re.compile(r" ?,? ?cua (?=\w)")
# Words after which an issuer's name ("của Ban Chấp hành Trung ương Đảng khóa XII") has ended: what the
# document does or is about. Matched with diacritics: folded, "về" would also stop "Bảo vệ".
_ISSUER_ENDS = re.compile(
    r"(?<!\w)(?:về|thực hiện|triển khai|căn cứ|quy định|hướng dẫn|ban hành|công bố|phê duyệt|sửa đổi|bổ sung"
    r"|thay thế|bãi bỏ|rà soát|kèm theo|gửi kèm|theo|tại|trên|để|nhằm|trong|ngày|số|đã|đối với|nhất là"
    r"|yêu cầu|giao|có)(?!\w)"
)
_MAX_ISSUER_WORDS = 16


@dataclass
class _Cited:
    """A number mention while the references of one text are worked out."""

    mention: NumberMention
    doc_type: str | None
    issued: str | None
    issuer: str | None
    phrase_start: int  # the type word, or the number when none is printed
    phrase_end: int  # after the date and the issuer
    relation: str = MENTIONED
    statement_start: int = 0
    statement_end: int = 0
    target_of: tuple[str, ...] = ()
    listed_with: _Cited | None = None  # the document before it in a list ("... và Kế hoạch số 24/KH-UBND")


def extract_references(
    text: str, locate: Callable[[int], Locator], self_number: str | None = None
) -> list[Reference]:
    """Every mention of another document's number in `text`, with the relation the text states."""
    key = search_key(text)
    cited: list[_Cited] = []
    for mention in find_numbers(text):
        if _is_own_number(key, mention, self_number):
            continue
        item = _describe(text, key, mention)
        _relate(key, item, cited[-1] if cited else None)
        cited.append(item)
    for item in cited:
        if item.relation == MENTIONED:
            item.relation = _opening_relation(key, item.mention.start) or MENTIONED
    references = []
    for item in cited:
        for target_of in item.target_of or (None,):
            references.append(
                Reference(
                    number=item.mention.number,
                    relation=item.relation,
                    doc_type=item.doc_type,
                    issued=item.issued,
                    locator=tuple(locate(item.mention.start)),
                    start=item.mention.start,
                    end=item.mention.end,
                    issuer=item.issuer,
                    target_of=target_of,
                    statement_start=item.statement_start,
                    statement_end=item.statement_end,
                )
            )
    return references


# A paragraph that opens "Căn cứ ..." or "Thực hiện ..." states that relation for every document it lists:
# "Căn cứ Nghị định số 63/2010/NĐ-CP ...; Nghị định số 48/2013/NĐ-CP ...; Thông tư số 02/2017/TT-VPCP ...".
_OPENERS = (("can cu", "căn cứ"), ("thuc hien", "thực hiện"), ("tiep theo", "theo"), ("theo", "theo"))


def _opening_relation(key: str, position: int) -> str | None:
    line_start = key.rfind("\n", 0, position) + 1
    opening = key[line_start : line_start + 12].lstrip("-–+• ")
    return next((relation for word, relation in _OPENERS if opening.startswith(word + " ")), None)


def _is_own_number(key: str, mention: NumberMention, self_number: str | None) -> bool:
    """The document's own number: its header ("Số: 141/KH-UBND") or an annex "ban hành kèm theo" it."""
    if self_number is not None:
        return number_key(mention.number) == number_key(self_number)
    line_start = key.rfind("\n", 0, mention.start) + 1
    return bool(re.fullmatch(r"so ?:? ?", key[line_start : mention.start]))


def _describe(text: str, key: str, mention: NumberMention) -> _Cited:
    """Type, date and issuer the text gives right around the number."""
    said = type_word_before(key, mention.start)
    doc_type = type_of_cited(mention.number, said[0] if said else None)
    issued, end = _date_after(key, mention.end)
    issuer, end = _issuer_after(text, key, end)
    phrase_start = said[1] if said else mention.start
    return _Cited(
        mention, doc_type, issued, issuer, phrase_start, end, statement_start=phrase_start, statement_end=end
    )


def _date_after(key: str, position: int) -> tuple[str | None, int]:
    """The issue date written right after a number ("ngày 02/10/2023", ", ngày 30 tháng 4 năm 2025")."""
    for pattern in (_NUMERIC_DATE, _WORDED_DATE):
        match = pattern.match(key, position)
        if match:
            day, month, year = (int(group) for group in match.groups())
            try:
                return datetime.date(year, month, day).isoformat(), match.end()
            except ValueError:
                return None, position
    return None, position


def _issuer_after(text: str, key: str, position: int) -> tuple[str | None, int]:
    """The issuer a "của ..." after the number names, ending where the text says what it does or is about."""
    intro = _ISSUER_INTRO.match(key, position)
    if not intro or not text[intro.end()].isupper():
        return None, position
    end = intro.end()
    for count, word in enumerate(re.finditer(r"\w+", text[intro.end() :])):
        start = intro.end() + word.start()
        gap = text[end:start]
        if (
            count == _MAX_ISSUER_WORDS
            or (count and gap != " ")
            or _ISSUER_ENDS.match(text[start : start + 12].lower())
        ):
            break
        if word.group() == "và" and not _name_continues(text, key, intro.end() + word.end()):
            break
        end = intro.end() + word.end()
    return text[intro.end() : end], end


def _name_continues(text: str, key: str, position: int) -> bool:
    """After "và": "Bộ Dân tộc và Tôn giáo" goes on; "Bộ Chính trị và Hướng dẫn số 31" starts a new item."""
    rest = text[position + 1 : position + 2]
    return text[position : position + 1] == " " and rest.isupper() and not TYPE_WORD.match(key, position + 1)


def _relate(key: str, item: _Cited, previous: _Cited | None) -> None:
    """Set the relation the text states for `item`, and the cited document it states it of, if not itself."""
    attached = _ATTACHED_AFTER.match(key, item.phrase_end)
    if attached:
        item.relation, item.statement_end = ATTACHED_HERE, attached.end()
        return
    if previous and key[previous.phrase_end : item.phrase_start].strip() in _LISTED_WITH:
        item.relation, item.target_of = previous.relation, previous.target_of
        item.statement_start, item.listed_with = previous.statement_start, previous
        return
    word = _relation_word_before(key, item, previous)
    if word:
        relation, word_start = word
        item.relation, item.statement_start = relation, word_start
        if previous and key[previous.phrase_end : word_start].strip() in _DESCRIBES:
            listed = _list_ending_with(previous)
            item.target_of = tuple(other.mention.number for other in listed)
            item.statement_start = listed[0].phrase_start
        return
    heading = _legal_basis_heading(key, item.phrase_start)
    if heading is not None:
        item.relation, item.statement_start = "căn cứ", heading


def _relation_word_before(key: str, item: _Cited, previous: _Cited | None) -> tuple[str, int] | None:
    """The nearest relation word before the item in its sentence, within reach and after the previous item."""
    clause_start = max(key.rfind(stop, 0, item.phrase_start) for stop in (". ", "\n", "(", ")")) + 1
    if previous:
        clause_start = max(clause_start, previous.phrase_end)
    words = list(_RELATION.finditer(key, clause_start, item.phrase_start))
    if not words:
        return None
    last = words[-1]
    if len(key[last.end() : item.phrase_start].split()) > _MAX_WORDS_TO_NUMBER:
        return None
    relation = _RELATIONS[int(last.lastgroup[1:])][1]
    # "Rà soát việc thực hiện Đề án 02-ĐA/TU": the review is what the text asks for
    if len(words) > 1 and relation == "thực hiện" and key[words[-2].end() : last.start()] == " viec ":
        last = words[-2]
        relation = _RELATIONS[int(last.lastgroup[1:])][1]
    return relation, last.start()


def _list_ending_with(item: _Cited) -> list[_Cited]:
    """The documents listed together up to `item`, first to last."""
    listed = [item]
    while listed[0].listed_with is not None:
        listed.insert(0, listed[0].listed_with)
    return listed


def _legal_basis_heading(key: str, position: int) -> int | None:
    """Where a heading such as "l) Căn cứ pháp lý của thủ tục hành chính" starts, when the paragraph at
    `position` is the first item under it."""
    if position and key[position - 1] != "\n":
        return None
    previous_end = len(key[:position].rstrip("\n"))
    previous_start = key.rfind("\n", 0, previous_end) + 1
    line = key[previous_start:previous_end]
    if re.search(r"(?<!\w)can cu(?!\w)", line) and not line.endswith((".", ";")):
        return previous_start
    return None
