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
        names = [e["name"] for e in data["names"]]
        self.names = self._index(names + list(self.aliases))
        self.heads = self._index(data["heads"])
        self.titles = self._index(data["titles"])
        self.collectives = self._index(data["collective_nouns"])
        self.qualifiers = self._index(data["collective_qualifiers"])
        self.extensions = self._index(data["collective_extensions"])
        self.scopes = self._index(data["scopes"])
        self.places = {canonical_tones(p) for p in data["place_scopes"]}
        self.breaks = self._index(data["name_breaks"])
        self.compounds = self._index(data["name_compounds"])
        self.not_names = self._index(data["not_name_starts"])
        self.spellings = self._index(names + data["heads"] + data["titles"] + data["collective_nouns"] + data["scopes"])

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
        if i >= len(words) or words[i].kind != "word":
            return None
        for phrase in index.get(folded(words[i].key), ()):
            if _matches(phrase.words, words, i):
                return phrase
        return None


def _matches(phrase: tuple[str, ...], words: list[_Word], i: int) -> bool:
    if i + len(phrase) > len(words):
        return False
    for syllable, word in zip(phrase, words[i : i + len(phrase)]):
        if word.kind == "stop":
            return False
        # in text typed without diacritics "tinh" stands for "tỉnh"; where the text has them, "phong" is "phong"
        if word.key != syllable and (word.marked or folded(word.key) != folded(syllable)):
            return False
    return True


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon(json.loads(_DATA.read_text(encoding="utf-8")))


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


def _plain(token: str) -> bool:
    """A word, as opposed to punctuation or a code such as "62-KL/TW", "b/c", "30/6/2025"."""
    return token[0].isalpha() and not any(ch.isdigit() or ch == "/" for ch in token)


def _tokens(text: str, start: int, end: int, lex: _Lexicon) -> list[tuple[re.Match, str | None]]:
    """The tokens of text[start:end], each with what it stands for when it is an abbreviation."""
    tokens = list(_TOKEN.finditer(text, start, end))
    following = [t.group(0) for t in tokens[1:]] + [""]
    return [(m, _expansion(m.group(0), f, lex) if _plain(m.group(0)) else None) for m, f in zip(tokens, following)]


def _words(text: str, start: int, end: int, lex: _Lexicon) -> list[_Word]:
    """The syllables of text[start:end], each abbreviation expanded into the syllables it stands for."""
    tokens = _tokens(text, start, end, lex)
    marked = has_diacritics(text[start:end])  # else typed without diacritics: match syllables folded
    caseless = not any(ch.isupper() for ch in text[start:end])  # typed in lower case: as in a heading, no clue
    # all caps next to all caps is a heading ("BỘ NỘI VỤ"); alone it is an abbreviation ("Cục KSTTHC")
    caps = {n: m.group(0).isupper() for n, (m, _) in enumerate(tokens) if _plain(m.group(0))}
    order = list(caps)
    heading = {n: caps[n] and any(caps[p] for p in order[max(k - 1, 0) : k] + order[k + 1 : k + 2])
               for k, n in enumerate(order)}
    words: list[_Word] = []
    for n, (m, expansion) in enumerate(tokens):
        raw, s, e = m.group(0), m.start(), m.end()
        if n not in caps:
            kind = "punct" if raw != "\n" and not raw[0].isalnum() and raw != "/" else "stop"
            words.append(_Word(raw, s, e, raw, True, False, False, kind))
        elif expansion:
            for syl in _syllables(expansion):
                words.append(_Word(syl, s, e, comparable(syl), True, syl[0].isupper(), False, "word"))
        else:
            form = canonical_tones(nfc(raw))
            words.append(_Word(form, s, e, comparable(form), marked, raw[0].isupper(), caseless or heading[n], "word"))
    return words


def expand_abbreviations(text: str) -> str:
    """Write unit abbreviations out in full (UBND -> Ủy ban nhân dân); codes such as 62-KL/TW stay."""
    out: list[str] = []
    last = 0
    for m, expansion in _tokens(text, 0, len(text), _lexicon()):
        if expansion:
            out += [text[last : m.start()], expansion]
            last = m.end()
    return "".join(out) + text[last:]


class _Parser:
    """Reads unit names off a word list: [các] [title] head [proper name] [nested body | scope]."""

    def __init__(self, words: list[_Word], lex: _Lexicon):
        self.w = words
        self.lex = lex

    def at(self, i: int, *keys: str) -> bool:
        return i < len(self.w) and self.w[i].key in keys

    def ends(self, index: dict[str, list[_Phrase]], i: int) -> int:
        """Where the longest phrase of `index` starting at word i ends; i when none starts there."""
        phrase = self.lex.match(index, self.w, i)
        return i + len(phrase.words) if phrase else i

    def capital(self, i: int) -> bool:
        return i < len(self.w) and self.w[i].kind == "word" and (self.w[i].upper or self.w[i].shout)

    def lower(self, i: int) -> bool:
        return i < len(self.w) and self.w[i].kind == "word" and not self.capital(i)

    def cased(self, index: dict[str, list[_Phrase]], i: int, min_lower: int) -> int:
        """End of a phrase of `index` at i; in lower case only phrases of `min_lower` syllables and more
        count, since "bộ", "ban", "chính phủ" in lower case are ordinary words (nội bộ, ban hành, phi chính phủ)."""
        phrase = self.lex.match(index, self.w, i)
        if phrase is None or (len(phrase.words) < min_lower and not self.capital(i)):
            return i
        return i + len(phrase.words)

    def starts_unit(self, i: int) -> bool:
        lex = self.lex
        return max(self.cased(lex.names, i, 3), self.cased(lex.heads, i, 2), self.cased(lex.titles, i, 2)) > i

    def continues_name(self, i: int) -> bool:
        lex = self.lex
        return (
            self.capital(i)
            and not self.w[i].shout
            and not self.starts_unit(i)
            and self.ends(lex.not_names, i) == i
            and self.scope_at(i) == i
        )

    def scope_at(self, i: int) -> int:
        """End of one scope phrase at i. "xã", "tỉnh" count in lower case only: "Văn hóa - Xã hội" is a name."""
        phrase = self.lex.match(self.lex.scopes, self.w, i)
        if phrase is None or not (phrase.text[0].isupper() or self.lower(i) or self.w[i].shout):
            return i
        return i + len(phrase.words)

    def name(self, i: int) -> int:
        """End of the proper name after a head. It opens with a capital and runs on through lower-case
        syllables, since Vietnamese capitalises only a name's first syllable ("Sở Tư pháp"), until a
        verb, a preposition or a scope word; "và", "," and "-" join it only to another capitalised word."""
        lex = self.lex
        if not self.continues_name(i) and not (self.capital(i) and self.w[i].shout and not self.w[i - 1].shout):
            return i
        if self.w[i].shout:  # "Cục KSTTHC": an unknown abbreviation as the name
            return i + 1
        k = i + 1
        while k < len(self.w):
            word = self.w[k]
            if word.key in ("và", ",") or word.text in _DASHES:
                if not self.continues_name(k + 1):
                    break
                k += 1
            elif word.kind == "word" and not word.shout and word.upper:
                if self.starts_unit(k) or self.scope_at(k) > k or self.ends(lex.not_names, k) > k:
                    break
                k += 1
            elif self.lower(k) and word.key != "các":
                compound = self.ends(lex.compounds, k)
                if compound > k:
                    k = compound
                    continue
                if self.ends(lex.breaks, k) > k or self.scope_at(k) > k:
                    break
                k += 1
            else:
                break
        return k

    def scope(self, i: int) -> int:
        """End of scope words after a name: "tỉnh", "tỉnh Bắc Ninh", "cấp xã", "các xã, phường", "Trung ương"."""
        lex = self.lex
        k = i
        while True:
            scoped = self.scope_at(k)
            if scoped > k:
                place = lex.match(lex.scopes, self.w, k).text in lex.places
                k = scoped
                for _ in range(4 if place else 0):  # "tỉnh Bắc Ninh"
                    if not self.capital(k) or self.starts_unit(k) or self.ends(lex.breaks, k) > k:
                        break
                    k += 1
            elif self.at(k, "các") and k > 0 and self.w[k - 1].kind == "word" and self.collective(k + 1) > k + 1:
                k = self.collective(k + 1)  # "Ủy ban nhân dân các xã, phường", "đảng ủy các bộ, cơ quan ngang bộ"
            elif self.at(k, ",") and k > i and self.lower(k + 1) and self.ends(lex.scopes, k + 1) > k + 1:
                k += 1  # "tỉnh, cấp xã"
            else:
                return k

    def org(self, i: int, bare: bool = False) -> tuple[int, int | None, bool] | None:
        """One body at i: its end, where a nested body starts ("Đảng ủy | Bộ Tài chính"), whether it is named."""
        known, head = self.cased(self.lex.names, i, 3), self.cased(self.lex.heads, i, 2)
        if known == i and head == i:
            return None
        k, named = known, known > i
        if head > i:
            proper = self.name(head)
            if proper > head and proper >= known:
                k, named = proper, True
            elif not named:
                k = head
        nested = self.org(k)
        nested_at = k if nested else None
        k = nested[0] if nested else k
        scoped = self.scope(k)
        if not (named or nested or scoped > k or bare):
            return None
        return scoped, nested_at, named

    def collective(self, i: int) -> int:
        """End of a list of generic nouns at i ("sở, ban, ngành", "cơ quan, đơn vị, địa phương liên quan");
        i when the list runs into words it cannot account for ("các đơn vị sự nghiệp ngoài công lập")."""
        lex = self.lex
        items: list[tuple[int, bool]] = []  # (end, one syllable)
        k = i
        while not items or (self.at(k, ",", "và") and not self.org(k + 1)):
            start = k + 1 if items else k
            noun = self.ends(lex.collectives, start)
            if noun == start:
                break
            k = self.scope(noun)
            items.append((k, noun - start == 1))
        while items and not self.clean_end(*items[-1]):
            items.pop()  # the last noun began a longer phrase: "tổ chức | hành chính khác", "bộ | phận"
        if not items:
            return i
        k = items[-1][0]
        qualifier = self.ends(lex.qualifiers, k)
        if qualifier > k and not self.at(qualifier, "đến", "tới"):
            k = qualifier
        if self.at(k, "thuộc", "trực"):  # "các đơn vị thuộc, trực thuộc Bộ Nội vụ"
            j = k + (1 if self.at(k, "thuộc") else 2)
            j += 3 if self.at(j, ",") and self.at(j + 1, "trực") else 0
            body = self.org(j)
            k = body[0] if body else k
        return k

    def clean_end(self, k: int, one_syllable: bool) -> bool:
        """Whether a generic noun really ends before word k. After "sở", "ban", "bộ" only a verb, a
        preposition or punctuation will do (ban hành, bộ phận); after "cơ quan", "đơn vị" anything but a
        known modifier ("đơn vị sự nghiệp")."""
        lex = self.lex
        if k >= len(self.w) or self.w[k].kind != "word" or self.w[k].upper or self.w[k].key in ("và", "thuộc", "trực"):
            return True
        if max(self.ends(lex.breaks, k), self.ends(lex.qualifiers, k), self.ends(lex.scopes, k)) > k:
            return True
        return not one_syllable and self.ends(lex.extensions, k) == k

    def title(self, i: int) -> int:
        return self.cased(self.lex.titles, i, 2)

    def unit(self, i: int) -> list[tuple[int, int, str]]:
        """The unit(s) starting at word i, as (first word, end word, canonical name); [] when none does."""
        plural = self.at(i, "các")
        j = i + 1 if plural else i
        if self.title(j) > j:
            return self.offices(i)
        body = self.org(j)
        if body is not None:
            end, nested_at, named = body
            if plural and nested_at is not None:
                members = self.distributed(end, j, nested_at)
                if members:
                    return [(i, end, _name_of(self.w[j:end]))] + members
            return [(i, end, _name_of(self.w[i if plural and not named else j : end]))]
        end = self.collective(j) if plural else j
        return [(i, end, _name_of(self.w[i:end]))] if end > j else []

    def offices(self, i: int) -> list[tuple[int, int, str]]:
        """Office holders: "Giám đốc Sở Nội vụ", "Thủ trưởng các cơ quan, đơn vị", and lists of titles that
        share one body: "Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân tỉnh"."""
        titles: list[tuple[int, int]] = []
        k = i
        while True:
            j = k + 1 if self.at(k, "các") else k
            t = self.title(j)
            if t == j:
                return []
            titles.append((k, t))
            body = self.org(t, bare=True)
            end = body[0] if body else self.collective(t + 1 if self.at(t, "các") else t)
            if end > t + self.at(t, "các"):
                break
            if not (self.at(t, ",", "và") and self.title(t + 1 + self.at(t + 1, "các")) > t + 1):
                return []
            k = t + 1
        body_words = self.w[t:end]
        return [(a, b if n < len(titles) - 1 else end, _name_of(self.w[a:b] + body_words))
                for n, (a, b) in enumerate(titles)]

    def distributed(self, k: int, outer: int, nested_at: int) -> list[tuple[int, int, str]]:
        """ "Các Đảng ủy Bộ Tài chính, Bộ Nội vụ": each body listed after the first takes the shared head."""
        members = []
        while self.at(k, ",", "và") and k + 1 < len(self.w) and self.w[k + 1].key == self.w[nested_at].key:
            body = self.org(k + 1)
            if body is None:
                break
            members.append((k + 1, body[0], _name_of(self.w[outer:nested_at] + self.w[k + 1 : body[0]])))
            k = body[0]
        return members


def _name_of(words: list[_Word]) -> str:
    """A canonical name from its words: lexicon spelling where the text lost it, single spaces, capital first."""
    text = _join(_respelled(words, _lexicon())).strip(" ,;:.-–")
    return text[:1].upper() + text[1:]


def _respelled(words: list[_Word], lex: _Lexicon) -> list[str]:
    """Word spellings, from the lexicon for names of bodies and offices and where the text lost them
    (all caps, no diacritics); other words as written, tones in canonical place."""
    out: list[str] = []
    i = 0
    while i < len(words):
        proper = lex.match(lex.names, words, i)
        proper = proper if proper and len(proper.words) >= 3 else None  # "uỷ ban nhân dân" -> "Ủy ban nhân dân"
        phrase = proper or lex.match(lex.spellings, words, i)
        span = words[i : i + len(phrase.words)] if phrase else []
        if phrase and (proper or any(w.shout or not w.marked for w in span)):
            spelled = _syllables(phrase.text)
            after_plural = bool(out) and out[-1].lower() in ("các", ",")  # "các sở, ban" are generic nouns
            if not proper and ((not span[0].shout and not span[0].upper) or (span[0].shout and after_plural)):
                spelled[0] = spelled[0].lower()
            out += spelled
            i += len(span)
            continue
        word = words[i]
        out.append(word.text if not word.shout else word.key if word.key in ("các", "và") else word.text.capitalize())
        i += 1
    return out


def _join(parts: list[str]) -> str:
    text = ""
    for part in parts:
        text += part if part in {",", ";", ":", ")", "."} or text.endswith("(") or not text else " " + part
    return text


def find_units(text: str, start: int = 0, end: int | None = None) -> list[UnitMention]:
    """Every unit named in text[start:end], in order, each with its span and canonical name."""
    lex = _lexicon()
    words = _words(text, start, len(text) if end is None else end, lex)
    parser = _Parser(words, lex)
    mentions: list[UnitMention] = []
    i = 0
    while i < len(words):
        found = parser.unit(i) if words[i].kind == "word" else []
        for first, last, name in found:
            s, e = words[first].start, words[last - 1].end
            mentions.append(UnitMention(s, e, text[s:e], lex.aliases.get(comparable(name), name)))
        i = found[-1][1] if found else i + 1
    return mentions


def canonical_unit(name: str) -> str:
    """The canonical spelling of a unit name: abbreviations expanded, NFC, Ủy not Uỷ, single spaces,
    a leading "các" only for collectives ("Các sở, ban, ngành")."""
    lex = _lexicon()
    words = [w for w in _words(name, 0, len(name), lex) if w.text != "\n"]
    found = _Parser(words, lex).unit(0) if words else []
    if len(found) == 1 and found[0][1] == len(words):
        canonical = found[0][2]
    else:
        generic = len(words) > 1 and words[0].key == "các" and not words[1].upper
        canonical = _name_of(words if generic or not words or words[0].key != "các" else words[1:])
    return lex.aliases.get(comparable(canonical), canonical)


def split_units(phrase: str) -> list[str]:
    """The canonical names a phrase lists: "Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ" -> two names."""
    found = [m.name for m in find_units(phrase)]
    return found or ([canonical_unit(phrase)] if phrase.strip() else [])


def unit_key(name: str) -> str:
    """A key on which spellings of one unit meet: "UBND tinh" == "Uỷ ban nhân dân tỉnh"."""
    return folded(canonical_unit(name))
