"""Ingest step: recognise the units (bodies and offices) a directive names, and give each one canonical name.

Vocabulary lives in ingest/data/units.json; the grammar of a name (head, proper name, nested body, scope) is here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.vietnamese import canonical_tones, comparable, fold_diacritics, folded, has_diacritics, nfc

_DATA = Path(__file__).parent / "data" / "units.json"

# A chunk holding a digit or a slash is a document number, date or code ("62-KL/TW", "b/c", "30/6/2025"):
# it is one opaque token, so nothing inside it is a unit and "TW" there stays "TW".
_TOKEN = re.compile(r"\S*[\d/]\S*|[A-ZĐ]+(?:[&-][A-ZĐ]+)+|[^\W\d_]+(?:&[^\W\d_]+)*|\n|[^\w\s]")
_DASHES = {"-", "–", "—"}


@dataclass(frozen=True)
class UnitMention:
    """A unit named in a text: text[start:end] == surface; name is its canonical name."""

    start: int
    end: int
    surface: str
    name: str


@dataclass(frozen=True)
class _Word:
    """One syllable or punctuation mark; an abbreviation gives several syllables sharing its span."""

    text: str  # spelling for a canonical name
    start: int
    end: int
    key: str  # comparable(text)
    marked: bool  # written with diacritics: then it matches exactly, never through folding
    upper: bool  # first letter upper case: in Vietnamese the sign of a proper name
    shout: bool  # an all-caps word of a heading, where case says nothing
    kind: str  # "word", "punct", or "stop" (a code or a line break: no unit runs across it)


@dataclass(frozen=True)
class _Phrase:
    words: tuple[str, ...]  # comparable syllables
    text: str  # canonical spelling


def _syllables(text: str) -> list[str]:
    return [m.group(0) for m in _TOKEN.finditer(text) if m.group(0) != "\n"]


class _Lexicon:
    """The vocabulary of units.json, indexed by folded first syllable."""

    def __init__(self, data: dict):
        self.abbreviations = {fold_diacritics(k): v for k, v in data["abbreviations"].items()}
        self.abbreviations.update(data["abbreviations"])
        self.before_units = dict(data["abbreviations_before_units"])
        self.aliases = {comparable(a): e["name"] for e in data["names"] for a in e.get("aliases", ())}
        self.names = self._index([e["name"] for e in data["names"]] + list(self.aliases))
        self.heads = self._index(data["heads"])
        self.titles = self._index(data["titles"])
        self.collectives = self._index(data["collective_nouns"])
        self.scopes = self._index(data["scopes"])
        self.places = {comparable(p) for p in data["place_scopes"]}
        self.breaks = self._index(data["name_breaks"])
        self.not_names = self._index(data["not_name_starts"])
        self.spellings = self._index(
            [e["name"] for e in data["names"]]
            + data["heads"] + data["titles"] + data["collective_nouns"] + data["scopes"]
        )

    @staticmethod
    def _index(phrases: list[str]) -> dict[str, list[_Phrase]]:
        index: dict[str, list[_Phrase]] = {}
        for text in phrases:
            text = canonical_tones(nfc(text))
            words = tuple(comparable(s) for s in _syllables(text))
            index.setdefault(folded(words[0]), []).append(_Phrase(words, text))
        for entries in index.values():
            entries.sort(key=lambda p: -len(p.words))  # longest first
        return index

    def match(self, index: dict[str, list[_Phrase]], words: list[_Word], i: int) -> _Phrase | None:
        """The longest phrase of `index` that starts at words[i]."""
        if i >= len(words) or words[i].kind == "stop":
            return None
        for phrase in index.get(folded(words[i].key), ()):
            if _matches(phrase.words, words, i):
                return phrase
        return None

    def end(self, index: dict[str, list[_Phrase]], words: list[_Word], i: int) -> int:
        """Where the longest phrase of `index` starting at words[i] ends; i when none starts there."""
        phrase = self.match(index, words, i)
        return i + len(phrase.words) if phrase else i


def _matches(phrase: tuple[str, ...], words: list[_Word], i: int) -> bool:
    if i + len(phrase) > len(words):
        return False
    for syllable, word in zip(phrase, words[i : i + len(phrase)]):
        if word.kind == "stop":
            return False
        # "tinh" typed without diacritics may mean "tỉnh"; "tình" written with them never does
        if word.key != syllable and (word.marked or folded(word.key) != folded(syllable)):
            return False
    return True


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon(json.loads(_DATA.read_text(encoding="utf-8")))


# ------------------------------------------------------------------------------------------ tokens


def _expansion(token: str, following: str, lex: _Lexicon) -> str | None:
    """What `token` stands for when it is an abbreviation: all caps, or any case from four letters up."""
    if not token.isupper() and len(token) < 4:
        return None
    key = token.upper()
    found = lex.abbreviations.get(key) or lex.abbreviations.get(fold_diacritics(key))
    if found:
        return found
    if key in lex.before_units and following[:1].isupper():
        # "TT HĐND tỉnh", "TT Tỉnh ủy": Thường trực only in front of a body; elsewhere TT is a code
        return lex.before_units[key]
    return None


def _is_code(token: str) -> bool:
    return token == "\n" or (any(ch.isdigit() or ch == "/" for ch in token) and len(token) > 1)


def _words(text: str, start: int, end: int, lex: _Lexicon) -> list[_Word]:
    """The syllables of text[start:end], each abbreviation expanded into the syllables it stands for."""
    tokens = list(_TOKEN.finditer(text, start, end))
    words: list[_Word] = []
    for n, m in enumerate(tokens):
        raw, s, e = m.group(0), m.start(), m.end()
        if _is_code(raw) or raw == "/":
            words.append(_Word(raw, s, e, raw, True, False, False, "stop"))
        elif not raw[0].isalpha():
            words.append(_Word(raw, s, e, raw, True, False, False, "punct"))
        elif expansion := _expansion(raw, tokens[n + 1].group(0) if n + 1 < len(tokens) else "", lex):
            for syllable in _syllables(expansion):
                words.append(_Word(syllable, s, e, comparable(syllable), True, syllable[0].isupper(), False, "word"))
        else:
            form = canonical_tones(nfc(raw))
            shout = len(raw) > 1 and raw.isupper()
            words.append(_Word(form, s, e, comparable(form), has_diacritics(raw), raw[0].isupper(), shout, "word"))
    return words


def expand_abbreviations(text: str) -> str:
    """Write unit abbreviations out in full (UBND -> Ủy ban nhân dân); codes such as 62-KL/TW stay."""
    lex = _lexicon()
    tokens = list(_TOKEN.finditer(text))
    out: list[str] = []
    last = 0
    for n, m in enumerate(tokens):
        raw = m.group(0)
        if _is_code(raw) or not raw[0].isalpha():
            continue
        expansion = _expansion(raw, tokens[n + 1].group(0) if n + 1 < len(tokens) else "", lex)
        if expansion:
            out += [text[last : m.start()], expansion]
            last = m.end()
    return "".join(out) + text[last:]


# ------------------------------------------------------------------------------------------ grammar


class _Parser:
    """Reads unit names off a word list: [các] [title] head [proper name] [nested body | scope]."""

    def __init__(self, words: list[_Word], lex: _Lexicon):
        self.w = words
        self.lex = lex

    def word(self, i: int) -> _Word | None:
        return self.w[i] if i < len(self.w) else None

    def is_(self, i: int, *texts: str) -> bool:
        word = self.word(i)
        return word is not None and word.key in texts

    def capital(self, i: int) -> bool:
        word = self.word(i)
        return word is not None and word.kind == "word" and (word.upper or word.shout)

    def head(self, i: int) -> int:
        """End of a head word ("Sở", "Ban cán sự đảng") at i; one syllable heads only when capitalised."""
        phrase = self.lex.match(self.lex.heads, self.w, i)
        if phrase is None or (len(phrase.words) == 1 and not self.capital(i)):
            return i
        return i + len(phrase.words)

    def known(self, i: int) -> int:
        """End of a name from the shipped list at i."""
        phrase = self.lex.match(self.lex.names, self.w, i)
        if phrase is None or (len(phrase.words) == 1 and not self.capital(i)):
            return i
        return i + len(phrase.words)

    def starts_unit(self, i: int) -> bool:
        return self.known(i) > i or self.head(i) > i or self.lex.end(self.lex.titles, self.w, i) > i

    def name(self, i: int) -> int:
        """End of the proper name after a head: it opens with a capital; lower-case syllables go on
        until a verb, a preposition or a scope word, since only a name's first syllable is capitalised."""
        lex = self.lex
        if not self.capital(i) or self.starts_unit(i) or lex.end(lex.not_names, self.w, i) > i:
            return i
        if self.w[i].shout:  # a heading in capitals: the end of the name cannot be seen
            return i
        k = i + 1
        while (word := self.word(k)) is not None:
            if word.kind == "word":
                if word.shout or lex.end(lex.breaks, self.w, k) > k or word.key == "các":
                    break
                if lex.end(lex.scopes, self.w, k) > k and not word.upper:
                    break
                if word.upper and (self.starts_unit(k) or lex.end(lex.scopes, self.w, k) > k):
                    break
                if word.key == "và":
                    if not self.continues_name(k + 1):
                        break
                k += 1
            elif word.text in _DASHES or word.text == ",":
                # "Tổ chức - Biên chế", "Văn hóa, Thể thao và Du lịch"; but ", Sở Tư pháp" starts another unit
                if not self.continues_name(k + 1):
                    break
                k += 1
            else:
                break
        return k

    def continues_name(self, i: int) -> bool:
        lex = self.lex
        return (
            self.capital(i)
            and not self.w[i].shout
            and not self.starts_unit(i)
            and lex.end(lex.not_names, self.w, i) == i
            and lex.end(lex.scopes, self.w, i) == i
        )

    def scope(self, i: int) -> int:
        """End of scope words after a name: "tỉnh", "tỉnh Bắc Ninh", "cấp xã", "các xã, phường", "Trung ương"."""
        lex = self.lex
        k = i
        while True:
            phrase = lex.match(lex.scopes, self.w, k)
            if phrase is not None and (phrase.text[0].isupper() or not self.capital(k) or self.w[k].shout):
                k += len(phrase.words)
                if phrase.words[-1] in lex.places:
                    while self.capital(k) and not self.starts_unit(k):  # tỉnh Bắc Ninh
                        k += 1
                continue
            if self.is_(k, "các") and self.lex.match(lex.scopes, self.w, k + 1):
                k = self.collective(k + 1)  # "Ủy ban nhân dân các xã, phường"
                continue
            if self.is_(k, ",") and k > i and self.lex.match(lex.scopes, self.w, k + 1):
                phrase = lex.match(lex.scopes, self.w, k + 1)
                if phrase.words[0] in lex.places or phrase.words[0] == "cấp":
                    k += 1
                    continue
            return k

    def org(self, i: int, bare: bool = False) -> tuple[int, int | None] | None:
        """End of one body at i and where a nested body starts in it ("Đảng ủy | Bộ Tài chính")."""
        known, head = self.known(i), self.head(i)
        if known == i and head == i:
            return None
        complete = known > i
        k = known
        if head > i:
            named = self.name(head)
            if named > head or self.org(head) or not complete:
                if max(named, head) >= known:
                    k, complete = named, named > head
        nested_at = None
        nested = self.org(k)
        if nested is not None:
            nested_at, k = k, nested[0]
        scoped = self.scope(k)
        if not (complete or nested_at is not None or scoped > k or bare):
            return None
        return scoped, nested_at

    def collective(self, i: int) -> int:
        """End of a list of generic nouns at i: "sở, ban, ngành", "cơ quan, đơn vị, địa phương liên quan"."""
        lex = self.lex
        k = lex.end(lex.collectives, self.w, i)
        if k == i:
            return i
        while self.is_(k, ",", "và") and lex.end(lex.collectives, self.w, k + 1) > k + 1:
            k = lex.end(lex.collectives, self.w, k + 1)
        k = self.scope(k)
        if self.is_(k, "thuộc", "trực"):  # "các đơn vị thuộc, trực thuộc Bộ Nội vụ"
            j = k + 1 if self.is_(k, "thuộc") else k + 2
            if self.is_(j, ",") and self.is_(j + 1, "trực"):
                j += 3
            body = self.org(j)
            if body is not None:
                k = body[0]
        return k

    def unit(self, i: int) -> list[tuple[int, int, str]]:
        """The unit(s) starting at word i, as (first word, end word, canonical name); [] when none does."""
        plural = self.is_(i, "các")
        j = i + 1 if plural else i
        title = self.lex.end(self.lex.titles, self.w, j)
        if title > j and (title - j > 1 or self.capital(j)):
            body = self.org(title, bare=True)
            end = body[0] if body else self.collective(title + 1 if self.is_(title, "các") else title)
            if end > title + (1 if self.is_(title, "các") else 0):
                return [(i, end, _name_of(self.w[i:end], plural and not body))]
            return []
        body = self.org(j)
        if body is not None:
            end, nested_at = body
            members = [(i, end, _name_of(self.w[j:end], False))]
            if plural and nested_at is not None:
                return members + self.distributed(end, j, nested_at)
            generic = self.collective(j) >= end
            return [(i, end, _name_of(self.w[i if generic else j : end], generic))]
        if plural or self.scope(self.lex.end(self.lex.collectives, self.w, j)) > self.lex.end(
            self.lex.collectives, self.w, j
        ):
            end = self.collective(j)
            if end > j:
                return [(i, end, _name_of(self.w[i:end], True))]
        return []

    def distributed(self, k: int, outer: int, nested_at: int) -> list[tuple[int, int, str]]:
        """ "Các Đảng ủy Bộ Tài chính, Bộ Nội vụ": each listed body takes the shared head."""
        members = []
        head_key = self.w[nested_at].key
        while self.is_(k, ",", "và") and self.word(k + 1) is not None and self.w[k + 1].key == head_key:
            body = self.org(k + 1)
            if body is None:
                break
            members.append((k + 1, body[0], _name_of(self.w[outer:nested_at] + self.w[k + 1 : body[0]], False)))
            k = body[0]
        return members


def _name_of(words: list[_Word], collective: bool) -> str:
    """A canonical name from its words: lexicon spelling restored, single spaces, first letter upper."""
    text = _join(_respelled(words, _lexicon()))
    if text.lower().startswith("các ") and not collective:
        text = text[4:]
    text = text.strip(" ,;:.-–")
    return text[:1].upper() + text[1:]


def _respelled(words: list[_Word], lex: _Lexicon) -> list[str]:
    """Word spellings, taken from the lexicon where the text lost them (no diacritics, all caps)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        phrase = lex.match(lex.spellings, words, i)
        span = words[i : i + len(phrase.words)] if phrase else []
        if phrase and any(w.shout or not w.marked for w in span) and len(phrase.words) == len(span):
            spelled = _syllables(phrase.text)
            if not span[0].shout and not span[0].upper:
                spelled[0] = spelled[0].lower()
            out += spelled
            i += len(span)
            continue
        word = words[i]
        out.append(word.text.capitalize() if word.shout else word.text)
        i += 1
    return out


def _join(parts: list[str]) -> str:
    text = ""
    for part in parts:
        if part in {",", ";", ":", ")", "."} or text.endswith("(") or not text:
            text += part
        else:
            text += " " + part
    return " ".join(text.split())


# ------------------------------------------------------------------------------------------ public API


def find_units(text: str, start: int = 0, end: int | None = None) -> list[UnitMention]:
    """Every unit named in text[start:end], in order, each with its span and canonical name."""
    lex = _lexicon()
    words = _words(text, start, len(text) if end is None else end, lex)
    parser = _Parser(words, lex)
    mentions: list[UnitMention] = []
    i = 0
    while i < len(words):
        found = parser.unit(i) if words[i].kind == "word" else []
        if not found:
            i += 1
            continue
        for first, last, name in found:
            s, e = words[first].start, words[last - 1].end
            mentions.append(UnitMention(s, e, text[s:e], lex.aliases.get(comparable(name), name)))
        i = found[-1][1]
    return mentions


def canonical_unit(name: str) -> str:
    """The canonical spelling of a unit name: abbreviations expanded, NFC, Ủy not Uỷ, single spaces."""
    lex = _lexicon()
    words = _words(name, 0, len(name), lex)
    words = [w for w in words if w.kind != "stop" or w.text != "\n"]
    parser = _Parser(words, lex)
    collective = bool(words) and words[0].key == "các" and parser.org(1) is None
    if collective is False and words and words[0].key == "các":
        body = parser.org(1)
        collective = body is not None and parser.collective(1) >= body[0]
    canonical = _name_of(words, collective)
    return lex.aliases.get(comparable(canonical), canonical)


def split_units(phrase: str) -> list[str]:
    """The canonical names a phrase lists: "Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ" -> two names."""
    found = [m.name for m in find_units(phrase)]
    return found or ([canonical_unit(phrase)] if phrase.strip() else [])


def unit_key(name: str) -> str:
    """A key on which spellings of one unit meet: "UBND tinh" == "Uỷ ban nhân dân tỉnh"."""
    return folded(canonical_unit(name))
