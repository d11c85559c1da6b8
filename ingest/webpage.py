"""Ingest step 1 for pages saved from the web (.md, .html): keep the document, drop the site around it.

A legal-document site wraps the directive in its own furniture: copyright banners, its metadata table
("Số hiệu:", "Loại văn bản:" ...), "Đang tải văn bản...", a caption line and "Văn bản liên quan" after the
signature, account and contact notices. None of it is the document, so none of it is stored or indexed.
The document starts at its issuer block, the line or two in capitals above the national (or Party) motto,
and ends before the first block of site furniture after it.
"""

from __future__ import annotations

import re

from ingest.numbers import search_key
from ingest.vietnamese import folded

_MOTTO = re.compile(r"cong hoa xa hoi chu nghia viet nam|dang cong san viet nam|doc lap\s*[-–]\s*tu do")
# Furniture of Vietnamese legal-document sites, as the folded start of a block. The first kind never opens
# a paragraph of a directive; the second may ("Lĩnh vực: ..."), so it ends the document only in a run.
_FURNITURE = re.compile(
    r"^(?:#+\s*)?(?:"
    r"ban dich nay thuoc quyen so huu|.{0,40}has the copyright on this translation"
    r"|dang tai van ban|van ban lien quan|van ban nay chua cap nhat|noi dung sua doi, huong dan"
    r"|cac noi dung (?:cua vb nay )?duoc sua doi|file (?:duoc )?dinh kem|file attached|tai van ban"
    r"|cam on da dung|ban vua bi dang xuat|thua quy khach|copyright|all rights reserved"
    r"|thu vien phap luat|co so du lieu quoc gia ve van ban|van ban nay (?:dang|da) (?:duoc )?cap nhat"
    r")"
)
_WEAK_FURNITURE = re.compile(
    r"^(?:#+\s*)?(?:"
    r"(?:so hieu|loai van ban|noi ban hanh|nguoi ky|ngay ban hanh|ngay hieu luc|ngay cong bao"
    r"|so cong bao|tinh trang|hieu luc|linh vuc|co quan ban hanh)\s*:"
    r"|tai ve\b|luoc do\b|dang nhap\b|dang ky\b|quy khach|ho tro\s*:|ban quyen|chia se\b|in van ban"
    r"|theo doi van ban|theo doi hieu luc|van ban goc|van ban tieng anh|thuoc tinh\b|click (?:vao|trai|phai)"
    r"|ra chuot|chu thich\s*:"
    r")"
)
# A site's caption of the page, printed right before its furniture: "Quyết định 1628/QĐ-UBND năm 2025 ...",
# "Nghị quyết 75/2025/NQ-HĐND quy định ...".
_CAPTION = re.compile(
    r"^(?:quyet dinh|ke hoach|cong van|cong dien|chi thi|nghi quyet|thong bao|thong tu|nghi dinh|ket luan"
    r"|huong dan|luat|phap lenh|to trinh|bao cao|chuong trinh|de an|quy dinh|quy che)\s+(?:so\s+)?\d+[\w.-]*/[\w/.-]+\s"
)
_RULE = re.compile(r"[-–—_=*~.•·\s]+")
# Site sentences never printed in a directive, wherever they stand in a line.
_IN_LINE = re.compile(r"van ban nay chua cap nhat noi dung|ban dich nay thuoc quyen so huu")
_ISSUER_LINES = 6  # an issuer block is a few short lines
_ISSUER_CHARS = 200


def keep_document(text: str) -> str:
    """The document inside a saved page: from its issuer block to the last block before the site's furniture.

    Text that shows no motto (a page that holds only the document, or no directive at all) loses only the
    furniture blocks at its start and end.
    """
    blocks = [piece for block in text.split("\n\n") for piece in _split_at_furniture(block)]
    keys = [folded(" ".join(block.split())) for block in blocks]
    start = _document_start(blocks, keys)
    end = _document_end(keys, start)
    kept = blocks[start:end]
    return "\n\n".join(kept) if kept else text


def _split_at_furniture(block: str) -> list[str]:
    """A block cut before each of its lines that is a sure sign of the site (a file without blank lines runs the
    document's last lines, the site's caption and its furniture into one block), and before a site's sentence
    run into a line."""
    lines = []
    for line in block.split("\n"):
        found = _IN_LINE.search(search_key(line), 1)
        lines += [line[: found.start()].rstrip(), line[found.start() :]] if found else [line]
    cuts = [n for n, line in enumerate(lines) if n and _FURNITURE.match(folded(line))]
    cuts = sorted({cut - 1 if _CAPTION.match(folded(lines[cut - 1])) and cut > 1 else cut for cut in cuts})
    pieces, start = [], 0
    for cut in cuts + [len(lines)]:
        if cut > start:
            pieces.append("\n".join(lines[start:cut]))
        start = cut
    return pieces


def _furniture(keys: list[str], n: int) -> bool:
    """Whether block n belongs to the site: a sure sign, or a weak one followed by another sign."""
    if _FURNITURE.match(keys[n]):
        return True
    following = keys[n + 1] if n + 1 < len(keys) else ""
    return bool(_WEAK_FURNITURE.match(keys[n])) and bool(
        _FURNITURE.match(following) or _WEAK_FURNITURE.match(following)
    )


def _document_start(blocks: list[str], keys: list[str]) -> int:
    motto = next((n for n in range(len(blocks)) if _MOTTO.search(keys[n])), None)
    if motto is None:
        start = 0
        while start < len(blocks) - 1 and _furniture(keys, start):
            start += 1
        return start
    start, n = motto, motto - 1
    # the issuer's name stands above the motto when the page flattened the two-column header (a rule,
    # "-------", may stand between them)
    while n >= 0 and motto - n <= 4:
        if _is_issuer_block(blocks[n], keys[n]):
            start = n
        elif not _RULE.fullmatch(blocks[n].strip()):
            break
        n -= 1
    return start


def _is_issuer_block(block: str, key: str) -> bool:
    lines = [line for line in block.split("\n") if line.strip()]
    if not lines or len(lines) > _ISSUER_LINES or len(block) > _ISSUER_CHARS or ":" in block:
        return False
    if _FURNITURE.match(key) or _WEAK_FURNITURE.match(key):
        return False
    letters = [ch for ch in block if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _document_end(keys: list[str], start: int) -> int:
    for n in range(start + 1, len(keys)):
        if _furniture(keys, n):
            end = n
            while end > start + 1 and _CAPTION.match(keys[end - 1]):
                end -= 1
            return end
    return len(keys)
