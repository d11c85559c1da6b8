"""Assistant step: does a passage actually speak to the question? The gate behind "the documents do not say".

A passage is admitted when it holds most of the question's content (each syllable weighted by how rare it
is in the corpus, so "thí điểm" counts more than "cấp"), or when the dense model finds it very close (a
paraphrase shares meaning, not words). A question asking "bao nhiêu <thing>" also needs that thing and a
figure in the passage. Thresholds are calibrated on the development gold set (see .notes/answers.md).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from assistant.question import HOW_LONG, Question
from assistant.types import Passage
from ingest.units import expand_abbreviations
from ingest.vietnamese import UPPER, folded

# Calibrated on evals/gold/dev.jsonl (.notes/answers.md).
MIN_COVERAGE = 0.6
# The top passage may pass with less coverage when retrieval is sure of it: its fused score stands this far
# above the next one (paraphrases share meaning, not words).
MIN_COVERAGE_CONFIDENT = 0.35
MIN_MARGIN = 0.3
# Passages the question's reading put first, not retrieval: the conversation's own clause, and the closing
# article of the decision named in "QĐ 1147 giao ai thi hành?" (assistant.neighbours); always admitted.
_CHOSEN = ("anchor", "executors")
# How many of the best passages an answer may draw on.
TOP = 5

# Words that carry the question's form, not its content (folded).
_QUESTION_WORDS = set(
    """ai nao gi gio khi bao nhieu may dau sao the co khong chua phai la cua theo duoc cho va cac nhung mot
    trong ve de voi tai tu den hay hoac viec do nay kia con nua vay lam can phai giao duoc nguoi ra nhu the nao
    lan lau moi hien nay dang se da van ban so cv kl nq qd kh cong van ket luan ke hoach quyet dinh nghi quyet chi
    thi thong bao huong dan de an don vi co quan to chuc nhiem vu trach nhiem chiu chu tri phoi hop""".split()
)
_WORD = re.compile(r"[a-z0-9%]+")
# A date, a year, a period or a document number is not an amount.
_NOT_AMOUNT = re.compile(
    r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{4}|(?:năm|giai đoạn|khóa|khoá) \d{4}(?:\s*-\s*\d{4})?|\d{4}\s*-\s*\d{4}"
    r"|\d+(?:/\d+)*(?:/[A-ZĐ][\w-]*|-[A-ZĐ][\w/-]*)|\b\d{1,2}\s*tháng\s*\d{1,2}",
    re.IGNORECASE,
)
_LABELS = re.compile(r"(?m)^\s*(?:[IVX]+|\d+(?:\.\d+)*)[.)]|\b(?:Điều|khoản|Khoản|mục|Mục)\s+\d+")
# a figure and the (at most three) words after it: what it counts
_COUNTED = re.compile(
    r"(?:\d+(?:[.,]\d+)?\s*%|\d+(?:[.,]\d+)?|\b(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\b)"
    r"(?:\s*\([^)]{0,20}\))?(?:\s+[^\s,.;:()]+){0,3}",
    re.IGNORECASE,
)
_SYNONYMS = {"phan": "%"}  # "bao nhiêu phần trăm" is answered by "10%"


def _words(text: str) -> list[str]:
    return _WORD.findall(folded(expand_abbreviations(text)))


def content_terms(question: Question) -> list[str]:
    """The question's content syllables, folded, without question words and document references."""
    text = question.key
    for mention in question.mentions:
        text = text.replace(folded(mention.raw), " ")
    return [w for w in _WORD.findall(text) if w not in _QUESTION_WORDS and not w.isdigit()]


class Relevance:
    """Coverage weights (inverse document frequency over the corpus's passages) and the admission test."""

    def __init__(self, passage_texts: Iterable[str]):
        frequency: Counter[str] = Counter()
        total = 0
        for text in passage_texts:
            total += 1
            frequency.update(set(_words(text)))
        self.idf = {word: math.log((total + 1) / (count + 1)) + 1 for word, count in frequency.items()}
        self.unseen = math.log(total + 1) + 1  # a word the corpus never uses weighs most

    def coverage(self, question: Question, passage: Passage, *, headings: bool = True) -> float:
        """Weighted share of the question's content terms found in the passage (and its headings)."""
        terms = content_terms(question)
        if not terms:
            return 1.0
        present = set(_words(f"{passage.context} {passage.text}" if headings else passage.text))
        weights = [self.idf.get(term, self.unseen) for term in terms]
        return sum(w for term, w in zip(terms, weights) if term in present) / sum(weights)

    def admitted(self, question: Question, passages: list[Passage]) -> list[Passage]:
        """The passages an answer may rest on, best first; empty when none speaks to the question.

        A passage is admitted on coverage (or, the top one, on a clear retrieval margin); the conversation's
        own clause and a decision's closing article asked for always are. Once one is admitted the question is
        answerable, and the rest of the top passages follow it, for a deadline or a reporting line the first one
        does not state.
        """
        top = [p for p in passages[:TOP] if self.amount_ok(question, p)]
        if not top:
            return []
        margin = passages[0].score - passages[1].score if len(passages) > 1 else passages[0].score
        admitted = []
        for rank, passage in enumerate(top):
            covered = self.coverage(question, passage)
            confident = passage is passages[0] and covered >= MIN_COVERAGE_CONFIDENT and margin >= MIN_MARGIN
            if passage.id in _CHOSEN or covered >= MIN_COVERAGE or confident:
                admitted.append(passage)
        if not admitted:
            return []
        return admitted + [p for p in top if p not in admitted]

    def amount_ok(self, question: Question, passage: Passage) -> bool:
        """A "bao nhiêu <thing>" question needs a figure counting that thing ("06 phòng", "10 (mười) ngày"), a
        "bao lâu" question a figure of time, and a "tỉnh nào / xã nào" question a place of that kind by name."""
        place = asked_place(question)
        if place and not re.search(_PLACE_NAMED.format(place=place), f"{passage.context} {passage.text}"):
            return False  # "chọn tỉnh nào làm thí điểm?" is not answered by a clause that names no province
        if not question.asks_amount:
            return True
        text = _LABELS.sub(" ", _NOT_AMOUNT.sub(" ", passage.text))
        figures = [folded(m.group()) for m in _COUNTED.finditer(text)]
        wanted = asked_thing(question)
        if not wanted:
            return bool(figures)
        counted = _TIME_UNITS if wanted == _DURATION else re.escape(_SYNONYMS.get(wanted, wanted))
        return any(re.search(rf"(^|\W)(?:{counted})(\W|$)", figure) for figure in figures)


_DURATION = "bao lau"
_TIME_UNITS = r"ngay|thang|nam|tuan|gio|phut|quy"
# "tỉnh nào", "những xã nào": a place of that kind must be named
# ("cơ quan nào", "địa phương nào" are not places by name)
_PLACE_ASKED = re.compile(r"\b(?<!co )(?<!dia )(tinh|thanh pho|huyen|quan|thi xa|xa|phuong|dac khu) nao\b")
# "tỉnh Quảng Ngãi", "các tỉnh: Lạng Sơn, ...", "các tỉnh, thành phố từ Hà Tĩnh đến Khánh Hòa"
_PLACE_NAMED = (rf"(?i:\b{{place}})(?:(?:,| và)\s+(?i:thành phố))?(?:\s+(?i:trực thuộc trung ương))?[:,]?\s+"
                rf"(?:(?i:từ)\s+)?[{UPPER}]")
_PLACE_WORDS = {"tinh": "tỉnh", "thanh pho": "thành phố", "huyen": "huyện", "quan": "quận", "thi xa": "thị xã",
                "xa": "xã", "phuong": "phường", "dac khu": "đặc khu"}


def asked_thing(question: Question) -> str:
    """What "bao nhiêu" counts: "bao nhiêu kinh phí" -> "kinh" (folded: its first word); "bao lau" for a length
    of time; empty when nothing is counted ("mức hỗ trợ là bao nhiêu?")."""
    if HOW_LONG.search(question.key) and not re.search(r"\bbao nhieu\b", question.key):
        return _DURATION
    match = re.search(r"\b(?:bao nhieu|may)\s+((?:[a-z%]+\s?){1,2})", question.key)
    if not match:
        return ""
    words = [w for w in match.group(1).split() if w not in _QUESTION_WORDS or w == "nguoi"]  # "bao nhiêu người"
    return words[0] if words else ""


def asked_place(question: Question) -> str:
    """The kind of place a "tỉnh nào / xã nào" question asks for, as printed ("tỉnh"); empty otherwise."""
    match = _PLACE_ASKED.search(question.key)
    return _PLACE_WORDS[match.group(1)] if match else ""
