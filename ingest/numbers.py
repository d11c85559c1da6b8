"""Document numbers (số ký hiệu): normalise them as CONTRACT §2 says and tell the type from the symbol."""

from __future__ import annotations

import re

from ingest.vietnamese import nfc

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

_AROUND_SEPARATORS = re.compile(r"\s*([/-])\s*")


def normalize_number(raw: str) -> str:
    """'Số: 141 / KH-UBND' -> '141/KH-UBND': NFC, no spaces around '/' and '-', no 'Số' prefix."""
    text = nfc(raw).strip()
    text = re.sub(r"^(số|so)\s*:?\s*", "", text, flags=re.IGNORECASE)
    return _AROUND_SEPARATORS.sub(r"\1", text).rstrip(".,;:")


def doc_type_of(number: str) -> str | None:
    """The document type its symbol implies ('3400-CV/TU' -> 'Công văn'), if the symbol is known."""
    for part in re.split(r"[/-]", normalize_number(number))[1:]:
        if part in DOC_TYPES_BY_SYMBOL:
            return DOC_TYPES_BY_SYMBOL[part]
    return None
