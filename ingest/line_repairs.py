"""Ingest step 1b: lines that a crawler or a converter ran together or broke apart, put back as printed.

Text saved from legal-document sites and text layers of converted files carry the same few accidents,
whatever the document: the site's caption printed before every part ("Quyết định 435/QĐ-UBND năm 2020.
II. NỘI DUNG"), a header or a signature run into one line, a label left alone on its line ("2.2." and the
text on the next), the first sub-item's label run onto its parent's heading ("... đình công 3.1. Rà soát"),
two task-card lines run together ("... địa phương -Thời gian thực hiện: ..."). Each repair below is for one
of those shapes and leaves text without it unchanged.
"""

from __future__ import annotations

import re

from ingest.vietnamese import LOWER, UPPER

_CAPTION_PREFIX = re.compile(
    r"(?:Quyết định|Kế hoạch|Công văn|Công điện|Chỉ thị|Nghị quyết|Thông báo|Thông tư|Nghị định|Kết luận|Hướng dẫn)"
    r"\s+\d+[\w.-]*/[\w/.-]+\s+năm\s+\d{4}\.\s+"
)
_TYPE_WORDS = "QUYẾT ĐỊNH|KẾ HOẠCH|CÔNG ĐIỆN|CHỈ THỊ|NGHỊ QUYẾT|THÔNG BÁO|THÔNG TƯ|HƯỚNG DẪN|KẾT LUẬN|V/v|V/V"


def drop_repeated_caption(text: str) -> str:
    """A crawler that saved the page may print the site's caption before every part of it ("Quyết định 435/QĐ-UBND
    năm 2020. Điều 1."): a caption opening three lines or more is not the document's, and goes. Behind it the
    crawler may print the attachment's title too ("... năm 2020. CHƯƠNG TRÌNH HÀNH ĐỘNG. II. NỘI DUNG"): where
    that title comes back before a label, it goes as well; where it opens the attachment, it keeps a line of
    its own, as does the "(Ban hành kèm theo ...)" line run on after it."""
    heads: dict[str, int] = {}
    for line in text.split("\n"):
        found = _CAPTION_PREFIX.match(line)
        if found:
            heads[found.group()] = heads.get(found.group(), 0) + 1
    repeated = [head for head, count in heads.items() if count >= 3]
    if not repeated:
        return text
    pattern = re.compile("^(?:" + "|".join(re.escape(head) for head in repeated) + ")")
    lines = text.split("\n")
    captioned = [i for i, line in enumerate(lines) if pattern.match(line)]
    for i in captioned:
        lines[i] = pattern.sub("", lines[i])
    titles: dict[str, int] = {}
    for i in captioned:
        found = _ATTACHMENT_CAPTION.match(lines[i])
        if found:
            titles[found.group(1)] = titles.get(found.group(1), 0) + 1
    for i in captioned:
        found = _ATTACHMENT_CAPTION.match(lines[i])
        if not found or titles[found.group(1)] < 2:
            continue
        rest = lines[i][found.end():]
        if _LABEL_AHEAD.match(rest):
            lines[i] = rest
        else:
            rest = re.sub(r"\s+(?=\((?:Ban hành )?[Kk]èm theo\b)", "\n", rest, count=1)
            lines[i] = found.group(1) + "\n" + rest
    return "\n".join(lines)


# The attachment's title in capitals the crawler prints after the caption: "CHƯƠNG TRÌNH HÀNH ĐỘNG. "
_ATTACHMENT_CAPTION = re.compile(rf"^([{UPPER}][{UPPER} ,-]{{3,80}}?)\.\s+")
_LABEL_AHEAD = re.compile(r"^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.|(?:Điều|ĐIỀU|Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)\s)")


def split_run_together_header(text: str) -> str:
    """A header a crawler ran into a few lines ("ỦY BAN NHÂN DÂN TỈNH KON TUM -------", "Số: 435/QĐ-UBND Kon Tum,
    ngày 04 tháng 5 năm 2020 QUYẾT ĐỊNH V/V ...") cut back where its printed lines were: around a rule run on
    after words, before the type word in capitals after the date."""
    lines = text.split("\n")
    head = "\n".join(lines[:8])
    head = re.sub(r"(?<=\S)[ \t]+(-{3,}|_{3,})[ \t]*", r"\n\1\n", head)
    head = re.sub(r"(?<=\d{4})[ \t]+(?=(?:" + _TYPE_WORDS + r")\b)", "\n", head)
    head = "\n".join(_AUTHORITY_AFTER_TITLE.sub(r"\n\1", line) if re.match(_TYPE_WORDS, line) else line
                     for line in head.split("\n"))
    return "\n".join([head] + lines[8:])


# The issuing authority's line run onto the end of the title in capitals: "... (ĐỢT 1) BỘ TRƯỞNG BỘ Y TẾ",
# "... TRONG TÌNH HÌNH MỚI” ỦY BAN NHÂN DÂN TỈNH KON TUM" (not "... CỦA ỦY BAN NHÂN DÂN TỈNH").
_AUTHORITY_AFTER_TITLE = re.compile(
    rf"(?<!CỦA)(?<!VỚI)(?<!CHO)(?<! VÀ)\s+((?:BỘ TRƯỞNG|THỦ TƯỚNG|CHỦ TỊCH|[ỦU][YỶ] BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN"
    rf"|BAN THƯỜNG VỤ|BAN CHẤP HÀNH|TỔNG GIÁM ĐỐC|GIÁM ĐỐC|TRƯỞNG BAN)(?:[ ,-]+[{UPPER}]+)*)\s*$"
)


_SIGNATURE_LINE = re.compile(rf"^(?:T\.?/?M\.?|K\.?/?T\.?|TL\.|TUQ\.)\s+[^{LOWER}]+?\s(?:[{UPPER}][{LOWER}]+\s?){{2,5}}$")


def split_run_together_signature(text: str) -> str:
    """ "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Hữu Tháp" on one line: the signature's printed lines."""
    out = []
    for line in text.split("\n"):
        if _SIGNATURE_LINE.match(line.strip()):
            line = re.sub(r"\s+(?=(?:T\.?/?M\.?|K\.?/?T\.?|TL\.|TUQ\.)\s)", "\n", line.strip())
            line = re.sub(rf"(?<=[{UPPER}]{{2}})(?<!PHÓ)\s+(?=(?:PHÓ |CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|THỨ TRƯỞNG|THỦ TƯỚNG"
                          rf"|TRƯỞNG BAN|CHÁNH VĂN PHÒNG|CỤC TRƯỞNG|VỤ TRƯỞNG))", "\n", line)
            line = re.sub(rf"(?<=[{UPPER}]{{2}})\s+((?:[{UPPER}][{LOWER}]+\s?){{2,5}})$", r"\n\1", line)
        out.append(line)
    return "\n".join(out)


def repair_lines(text: str) -> str:
    """Every repair of this module, in the order the accidents happen."""
    text = drop_repeated_caption(text)
    text = split_run_together_header(text)
    text = split_run_together_signature(text)
    text = split_run_together_items(text)
    text = join_lone_labels(text)
    return text


# A label alone on its line: "2.2.", "3.", "IV.", "b)".
_LONE_LABEL = re.compile(r"^[ \t]*(?:\d+(?:\.\d+)*\.|[IVXLC]+\.|[a-zđ]\))[ \t]*$")
_STARTS_WITH_LABEL = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]|[IVXLC]+\.\s|[a-zđ]\)|[-–+•*])")


def join_lone_labels(text: str) -> str:
    """ "2.2." on a line and its text on the next: one line, as printed."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if _LONE_LABEL.match(line) and following.strip() and not _STARTS_WITH_LABEL.match(following):
            out.append(line.strip() + " " + following.lstrip())
            i += 2
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


_NUMBERED = re.compile(r"^(\s*)(\d+(?:\.\d+)*)\.\s")
# A task card's field run on after the one before it, behind a dash: "... địa phương -Thời gian thực hiện: ...".
_RUN_ON_FIELD = re.compile(
    r"\s+[-–]\s*(?=(?:Thời (?:gian|hạn)|Tiến độ|(?:Cơ quan|Đơn vị) (?:chủ trì|phối hợp|thực hiện)|Sản phẩm)[^:\n]{0,30}:)"
)


def split_run_together_items(text: str) -> str:
    """A heading with its first sub-item's label run onto it ("3. Giải quyết tốt tranh chấp 3.1. Rà soát ..."),
    and a card line with the next card line run onto it: each back on its own line."""
    out = []
    for line in text.split("\n"):
        numbered = _NUMBERED.match(line)
        if numbered:
            child = re.escape(numbered.group(2) + ".1.")
            line = re.sub(rf"(?<=\S)\s+(?={child}(?:\s*[{UPPER}]|\s*$))", "\n", line, count=1)
        if line.lstrip().startswith(("-", "–")):
            line = _RUN_ON_FIELD.sub("\n- ", line)
        out.append(line)
    return "\n".join(out)
