"""Vietnamese spelling variants made comparable: tone placement, diacritics, case.

The stored text keeps what the document printed; these functions build keys for matching only.
"""

from __future__ import annotations

import re
import unicodedata

# Combining tone marks (NFD). The other combining marks (breve, circumflex, horn) belong to the vowel.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

# "hoá" (new style: tone on the main vowel) and "hóa" (old style: tone on the first vowel) are the
# same word; so are "uỷ" and "ủy". The pair only differs when the glide+vowel ends the syllable.
# Canonical form here: the old style, which is how "Ủy ban", "hóa" are most often printed.
# The lookahead also refuses a combining mark: in NFD the dot below sorts before the vowel's own breve or
# circumflex ("hoặc" = o a U+0323 U+0306 c), and a tone on ă/â/ê never moves.
_GLIDE_PAIRS = re.compile(
    r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?![\w\u0300-\u036f])"
)


# Vietnamese letters by case, for regular-expression classes ("[{UPPER}]" is a capital, not "À-Ỹ", which holds
# lower-case letters too).
UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"


def nfc(text: str) -> str:
    """Unicode NFC: one code point per accented letter, so equal words compare equal."""
    return unicodedata.normalize("NFC", text)


def canonical_tones(text: str) -> str:
    """Move tone marks of oa/oe/uy at a syllable's end onto the first vowel (hoá -> hóa, uỷ -> ủy)."""
    decomposed = unicodedata.normalize("NFD", text)
    return nfc(_GLIDE_PAIRS.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed))


def fold_diacritics(text: str) -> str:
    """Strip every diacritic and map đ to d: what a user types without a Vietnamese keyboard."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D")


def comparable(text: str) -> str:
    """A key for exact matching across spelling variants: NFC, canonical tones, lower case, single spaces."""
    return " ".join(canonical_tones(nfc(text)).lower().split())


def folded(text: str) -> str:
    """A key for matching text typed with or without diacritics."""
    return fold_diacritics(comparable(text))


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese diacritic (a folded query has none)."""
    return fold_diacritics(text) != text
