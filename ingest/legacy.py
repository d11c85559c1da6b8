"""Ingest step 1 (reading): text in pre-Unicode Vietnamese encodings, and the old formats that carry it.

TCVN3 (ABC, the .Vn fonts), VNI and VISCII put Vietnamese letters on 8-bit codes that a reader surfaces
as Latin-1 characters ("ViÖt Nam"); viparse's tables turn them back into Unicode. Also here: decoding the
bytes of plain-text files, .rtf (striprtf) and Word 97 .doc (Debian's antiword).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import viparse
from viparse.normalize.encodings import get_charmap
from viparse.normalize.tables import build_charmap, convert

from ingest.errors import LegacyEncoding, UnreadableFile

ENCODING_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI", "viscii": "VISCII", "vps": "VPS"}
CHARMAPS = {name: get_charmap(name) for name in ENCODING_NAMES}
# viparse's VNI table lacks ẳ: in VNI ă takes its tones as è é ú ü ë after the a, so ẳ is "aú"
CHARMAPS["vni"] = build_charmap("vni", [*CHARMAPS["vni"].pairs, ("aú", "ẳ"), ("AÚ", "Ẳ")])

# A converted text is trusted only when almost every word is a well-formed Vietnamese (or plain
# Latin) word. Measured: the three legacy samples convert to 0 % malformed words, the same texts
# through the wrong table give 10-21 %, unconverted 24-52 %, the Unicode corpus 0.03 %.
_MAX_MALFORMED = 0.02
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_LETTERS = set("abcdefghijklmnopqrstuvwxyzăâđêôơư")
_WORD = re.compile(r"[^\W\d_]+")

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# VISCII stores six capital letters (Ẳ Ẵ Ẫ Ỷ Ỹ Ỵ) on C0 control bytes: they are text, not binary noise.
_BINARY_CONTROLS = bytes(
    b for b in [*range(0x01, 0x09), *range(0x0E, 0x20), 0x7F] if b not in b"\x02\x05\x06\x14\x19\x1e"
)
_PLAUSIBLE_TEXT = 0.9  # share of letters, digits, spaces and punctuation in real text (random bytes: ~0.6)
# Besides Latin-1, legacy text shows Windows-1252 punctuation, and in PDFs U+2212 and U+2219 stand for
# the TCVN3 letters ư and ã (viparse undoes that substitution).
_SURFACE_EXTRAS = frozenset("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\u2212\u2219")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")

_ANTIWORD_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_ANTIWORD_PICTURE = re.compile(r"^\s*\[pic\]\s*$")


def detect_legacy(text: str) -> str | None:
    """The legacy encoding the text is in ("tcvn3", "vni", "viscii"), or None for Unicode or too little text.

    Only lines that could be legacy are judged, so a legacy passage pasted into a Unicode document is found.
    """
    return viparse.detect_text_encoding("".join(_legacy_lines(text)))


def convert_legacy(text: str, path: Path) -> str:
    """The text in Unicode: its legacy-encoded lines converted, everything else unchanged.

    Raises LegacyEncoding when a conversion does not give well-formed Vietnamese words.
    """
    encoding = detect_legacy(text)
    if encoding is None:
        _refuse_unclear_legacy(text, path)
        return text
    charmap = CHARMAPS[encoding]
    lines = text.splitlines(keepends=True)
    converted = [convert(line, charmap) if _may_be_legacy(line) else line for line in lines]
    ensure_trustworthy("".join(new for new, old in zip(converted, lines) if new != old), encoding, path)
    return "".join(converted)


def _refuse_unclear_legacy(text: str, path: Path) -> None:
    """Refuse text that reads as legacy Vietnamese but as no one encoding (often two mixed)."""
    legacy = "".join(_legacy_lines(text))
    words = _WORD.findall(legacy)
    if len(words) < 20 or malformed_share(legacy) < 0.1:
        return
    # other languages in Latin-1 (German, French) have f, j, w, z and long words; Vietnamese has neither
    if sum(len(word) > 7 or bool(set(word) & set("fjwzFJWZ")) for word in words) > 0.05 * len(words):
        return
    likely = [
        name
        for name in ("tcvn3", "vni", "viscii")
        if malformed_share(convert(legacy, CHARMAPS[name])) < malformed_share(legacy) / 2
    ]
    if likely:
        names = " hoặc ".join(ENCODING_NAMES[name] for name in likely)
        raise LegacyEncoding(
            str(path),
            f"Văn bản có vẻ dùng bảng mã cũ {names} nhưng không xác định được chắc chắn "
            "(có thể trộn nhiều bảng "
            "mã). Hãy chuyển mã sang Unicode (ví dụ Unikey: Công cụ chuyển mã, đích Unicode) rồi nạp lại.",
        )


def _legacy_lines(text: str) -> list[str]:
    return [line for line in text.splitlines(keepends=True) if _may_be_legacy(line)]


def _may_be_legacy(line: str) -> bool:
    """Legacy text surfaces as Latin-1 characters; a line with a letter beyond them (ạ, ư, đ) is Unicode."""
    return any(ord(ch) >= 0x80 for ch in line) and all(
        ord(ch) <= 0xFF or ch in _SURFACE_EXTRAS for ch in line
    )


def ensure_trustworthy(converted: str, encoding: str, path: Path) -> None:
    """Refuse a conversion that left malformed words: a wrong table or a mix of encodings."""
    share = malformed_share(converted)
    if share > _MAX_MALFORMED:
        raise LegacyEncoding(
            str(path),
            f"Văn bản dùng bảng mã {ENCODING_NAMES.get(encoding, encoding)} và không chuyển được "
            f"sang Unicode một cách tin cậy ({share:.0%} số từ sau khi chuyển không phải chữ tiếng Việt "
            "hợp lệ; có thể văn bản "
            "trộn nhiều bảng mã). Hãy chuyển mã sang Unicode (ví dụ Unikey: Công cụ chuyển mã, bảng mã nguồn "
            f"{ENCODING_NAMES.get(encoding, encoding)}, bảng mã đích Unicode) rồi nạp lại.",
        )


def malformed_share(text: str) -> float:
    """Share of words that are not Vietnamese-shaped: a letter outside the alphabet, or two tone marks."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    return sum(not _well_formed(word) for word in words) / len(words)


def _well_formed(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(ch in _TONE_MARKS for ch in decomposed)
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    return tones <= 1 and set(base) <= _LETTERS


def font_encoding(font: str | None) -> str | None:
    """The legacy encoding a font name implies (.VnTime -> tcvn3, VNI-Times -> vni), else None."""
    name = (font or "").upper()
    if name.startswith(".VN"):
        return "tcvn3"
    if name.startswith("VNI"):
        return "vni"
    return None


def convert_font_run(text: str, font: str | None) -> str:
    """Text set in a legacy font, in Unicode; text in any other font unchanged."""
    encoding = font_encoding(font)
    if encoding is None or not all(ord(ch) <= 0xFF or ch in _SURFACE_EXTRAS for ch in text):
        # Templates often keep a .Vn font name on runs typed in Unicode: those are left alone.
        return text
    converted = convert(text, CHARMAPS[encoding])
    # TCVN3 has no capital accented letters: the ".VnTimeH" fonts draw the small ones as capitals.
    return converted.upper() if encoding == "tcvn3" and (font or "").endswith("H") else converted


def decode_text(data: bytes, path: Path) -> str:
    """The characters of a plain-text file: UTF-8 or UTF-16 by their mark, UTF-8, else an 8-bit code page.

    8-bit text is returned as the legacy reader needs it (Latin-1 for VISCII, Windows-1252 for TCVN3 and
    VNI); `convert_legacy` then turns it into Unicode. Binary content raises UnreadableFile.
    """
    for mark, codec in _BOMS:
        if data.startswith(mark):
            try:
                return data[len(mark) :].decode(codec)
            except UnicodeDecodeError as error:
                raise _not_text(path) from error
    controls = len(data) - len(data.translate(None, _BINARY_CONTROLS))
    if 0 in data or controls > 0.01 * len(data) + 1:
        raise _not_text(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    surface = data.decode("latin-1")
    encoding = detect_legacy(surface)
    if encoding == "viscii":
        return surface
    if encoding is not None:
        return _decode_8bit(data, "cp1252")
    _refuse_unclear_legacy(surface, path)
    # Not a legacy font encoding: Windows-1258 (Vietnamese, with combining tone marks) or Windows-1252.
    candidates = [_decode_8bit(data, codec) for codec in ("cp1252", "cp1258")]
    text = min(candidates, key=lambda candidate: malformed_share(unicodedata.normalize("NFC", candidate)))
    if _plausible_share(text) < _PLAUSIBLE_TEXT:
        raise _not_text(path)
    return text


def _decode_8bit(data: bytes, codec: str) -> str:
    # the few bytes a code page leaves undefined are kept as their Latin-1 characters, not dropped
    text = data.decode(codec, errors="surrogateescape")
    return _ESCAPED_BYTE.sub(lambda match: chr(ord(match.group()) - 0xDC00), text)


def _plausible_share(text: str) -> float:
    usual = sum(
        ch.isalnum() or ch.isspace() or unicodedata.category(ch)[0] in "PM" or ch in "$+<=>^`|~"
        for ch in text
    )
    return usual / max(1, len(text))


def _not_text(path: Path) -> UnreadableFile:
    return UnreadableFile(
        str(path),
        f"Tệp {path.suffix or ''} không chứa văn bản đọc được "
        "(có vẻ là tệp nhị phân, tệp hỏng hoặc một bảng mã "
        "không nhận ra). Nếu đây là văn bản, hãy mở bằng trình soạn thảo và lưu lại với bảng mã UTF-8.",
    )


def read_rtf(data: bytes, path: Path) -> str:
    """The text of an .rtf file (striprtf resolves code pages, \\u escapes and skips headers and footers)."""
    try:
        from striprtf.striprtf import rtf_to_text
    except ImportError as error:
        raise UnreadableFile(
            str(path),
            "Cần cài gói striprtf để đọc tệp .rtf: pip install striprtf (hoặc pip install 'viparse[rtf]').",
        ) from error
    # RTF is 7-bit: bytes above 127 appear as \'xx escapes, so Latin-1 loses nothing here
    text = rtf_to_text(data.decode("latin-1"), errors="replace")
    # striprtf ends every paragraph (\par) and table row with a newline and every cell with "|"
    return "\n\n".join(text.replace("\r\n", "\n").replace("|", "\t").split("\n"))


def read_doc(path: Path) -> str:
    """The text of a Word 97-2003 .doc, through antiword (keeps Word's list numbers; tables as cells)."""
    if shutil.which("antiword") is None:
        raise UnreadableFile(
            str(path),
            "Cần chương trình antiword để đọc tệp .doc (Word 97-2003): sudo apt-get install antiword. "
            "Hoặc mở tệp bằng Word/LibreOffice, lưu sang .docx rồi nạp lại.",
        )
    try:
        done = subprocess.run(
            ["antiword", "-m", "UTF-8.txt", "-w", "0", str(path)],
            capture_output=True,
            timeout=120,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise UnreadableFile(
            str(path), "Đọc tệp .doc quá lâu (quá 2 phút). Hãy lưu tệp sang .docx rồi nạp lại."
        ) from error
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip()
        raise UnreadableFile(
            str(path),
            f"Không đọc được tệp .doc ({detail or 'antiword báo lỗi'}). Tệp có thể hỏng, có mật khẩu hoặc là "
            "định dạng Word cũ hơn Word 97. Hãy mở bằng Word/LibreOffice, lưu sang .docx rồi nạp lại.",
        )
    return "\n".join(_antiword_line(line) for line in done.stdout.decode("utf-8", "replace").splitlines())


def _antiword_line(line: str) -> str:
    """antiword draws a table row as |cell |cell |; keep the cells, tab-separated; drop picture markers."""
    if _ANTIWORD_PICTURE.match(line):
        return ""
    row = _ANTIWORD_TABLE_ROW.match(line)
    if row is None:
        return line
    return "\t".join(cell.strip() for cell in row.group(1).split("|") if cell.strip())
