"""Ingest step: turn the text a reader extracted into the stored text that every offset refers to.

Only white space and Unicode composition change; the characters the document printed stay as printed.
"""

from __future__ import annotations

import re

from ingest.vietnamese import LOWER, UPPER, nfc

_SPACES = re.compile(r"[ \u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# A tab separates the cells of a table row (readers write one row a line); runs of them are one separator.
_CELL_GAP = re.compile(r" *\t[ \t]*")
_ENDS_SENTENCE = re.compile(r"[.;:!?,…]$")
_DASH_WRAP = re.compile(r"^[-–] \S")  # "- 2030 ..." under a line cut mid-phrase
_HEADING_LINE = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|[IVXLC]+\.|[a-zđ]\))\s")
_LOWER_LABEL = re.compile(rf"^[a-zđ](?:\)\s|\.\s+[{UPPER}][{LOWER}])")  # "a) ...", "b. Có trách nhiệm ..."
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalize_text(raw: str) -> str:
    """NFC, one space between words, lines joined where a word processor hard-wrapped them.

    Paragraphs are separated by one blank line, lines inside a block (headers, signature) by one newline.
    """
    text = nfc(raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub(" ", _INVISIBLE.sub("", text))
    lines = [_CELL_GAP.sub("\t", _SPACES.sub(" ", line)).strip() for line in text.split("\n")]
    # blocks: runs of non-empty lines; the blank lines between them are remembered as gaps
    out: list[str] = []
    gap_before = False
    for line in lines:
        if not line:
            gap_before = bool(out)
            continue
        if out and _continues(out[-1], line, gap_before):
            out[-1] = out[-1] + " " + line
        else:
            if out and gap_before:
                out.append("")
            out.append(line)
        gap_before = False
    return "\n".join(out) + ("\n" if out else "")


def _continues(previous: str, line: str, gap_before: bool) -> bool:
    """Whether `line` is the rest of `previous`, cut by a hard wrap rather than a new paragraph."""
    if not previous or _ENDS_SENTENCE.search(previous) or previous.endswith("-"):
        return False
    if "\t" in previous or "\t" in line:
        return False  # rows of a table
    if _LOWER_LABEL.match(line):
        return False  # "a) ...", "đ. ...": a point label in lower case starts its own paragraph
    if line[0].islower():
        # a sentence never starts in lower case; even across a blank line it is the same sentence
        return True
    # a dash bullet follows a colon, a full stop or a blank line; straight after a cut phrase
    # ("giai đoạn 2026" / "- 2030 ...", "Vụ Tổ chức" / "- Biên chế") it is a wrapped hyphen
    # (a line that is itself a bullet is followed by its sibling bullet, not by a wrapped hyphen; a short
    # heading "2. Yêu cầu" is followed by its first bullet "- Bảo đảm ...")
    return (
        not gap_before
        and bool(_DASH_WRAP.match(line))
        and not _DASH_WRAP.match(previous)
        and not previous.isupper()
        and not (_HEADING_LINE.match(previous) and len(previous) < 40 and ":" not in previous and line[2:3].isupper())
    )
