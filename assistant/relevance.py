"""Assistant step: does a passage actually speak to the question? The gate behind "the documents do not say".

Coverage is the share of the question's content syllables (question words, document names and numbers left
out) found in the passage with its headings, compared folded. A question asking "bao nhiêu" also needs a
figure in the passage. The threshold is calibrated on the development gold set (see .notes/answers.md).
"""

from __future__ import annotations

import re

from assistant.question import Question
from assistant.types import Passage
from ingest.units import expand_abbreviations
from ingest.vietnamese import folded

# Calibrated on evals/gold/dev.jsonl: the lowest coverage among answerable questions' cited passages sits
# above this, most unanswerable questions' best passages below it.
MIN_COVERAGE = 0.6

# Words that carry the question's form, not its content (folded).
_QUESTION_WORDS = set(
    """ai nao gi gio khi bao nhieu may dau sao the thi co khong chua phai la cua theo duoc cho va cac nhung mot
    trong ve de voi tai tu den hay hoac viec do nay kia con nua vay lam can phai giao duoc nguoi ra nhu the nao
    lan lau moi hien nay dang se da van ban so cv kl nq qd kh cong van ket luan ke hoach quyet dinh nghi quyet chi thi
    thong bao huong dan de an don vi co quan to chuc nhiem vu trach nhiem chiu chu tri phoi hop""".split()
)
_FIGURE = re.compile(r"\d|\b(một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|trăm|nghìn|triệu|tỷ)\b", re.IGNORECASE)


def content_terms(question: Question) -> list[str]:
    """The question's content syllables, folded, without question words and document references."""
    text = question.key
    for mention in question.mentions:
        text = text.replace(folded(mention.raw), " ")
    return [w for w in re.findall(r"[a-z0-9]+", text) if w not in _QUESTION_WORDS and not w.isdigit()]


def coverage(question: Question, passage: Passage, extra: str = "") -> float:
    """Share of content terms the passage (with its headings, and `extra` text) contains."""
    terms = content_terms(question)
    if not terms:
        return 1.0
    words = set(re.findall(r"[a-z0-9]+", folded(expand_abbreviations(f"{passage.context} {passage.text} {extra}"))))
    return sum(term in words for term in terms) / len(terms)


def has_figure(text: str) -> bool:
    return bool(_FIGURE.search(text))
