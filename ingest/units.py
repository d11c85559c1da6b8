"""Ingest step: recognise the units (bodies and offices) a directive names and give each a canonical name.
The vocabulary is in ingest/data/units.json; the grammar of a name (head, name, nested body, scope) is here.
"""

import json
import re
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.vietnamese import LOWER, canonical_tones, comparable, fold_diacritics, folded, has_diacritics, nfc

_DATA = Path(__file__).parent / "data" / "units.json"

# A chunk holding a digit or a slash is a document number, date or code ("62-KL/TW", "b/c", "30/6/2025"):
# one opaque token, so nothing inside it is a unit and "TW" there stays "TW". Two words joined by a slash
# ("xã/phường", "Kinh tế xã/Phòng Kinh tế phường") are two words and the slash between them.
_TOKEN = re.compile(
    r"(?P<stop>\S*\d\S*|(?!(?<=[^\W\d_]{2})/[^\W\d_]{2,}(?:[\s,.;:)/]|$))(?![^\W\d_]{2,}/[^\W\d_]{2,}(?:[\s,.;:)/]|$))\S*/\S*|\n)|(?P<word>[A-ZĐ]+(?:[&-][A-ZĐ]+)+|[^\W\d_]+(?:&[^\W\d_]+)*)|(?P<punct>\S)"
)
# Words after which a list of generic nouns without "các" names parties: "phối hợp với sở, ban, ngành".
_BEFORE_BARE_LIST = {"với", "giao", "cùng", "cầu", "nghị", ":", ";", "-"}
# Words after which staff named by function are a party: "phối hợp với giảng viên".
_BEFORE_PARTY = {"với", "cùng", "giao"}
_NEXT = re.compile(r"\s*(\S?)")  # the first character of the next token


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
    marked: bool  # the text has diacritics: match exactly, never through folding
    upper: bool  # first letter upper case: in Vietnamese the sign of a proper name
    shout: bool  # in an all-caps heading or an all-lower-case query, where case says nothing
    kind: str  # "word", "punct", or "stop" (a code or a line break: no unit runs across it)


@dataclass(frozen=True)
class _Phrase:
    words: tuple[str, ...]  # comparable syllables
    text: str  # canonical spelling


def _syllables(text: str) -> list[str]:
    return [m[0] for m in _TOKEN.finditer(text) if m[0] != "\n"]


# phrase lists of units.json, each indexed under an attribute of the same name (lexicon.heads, ...)
_PHRASE_LISTS = (
    "heads titles scopes collectives separate_collectives qualifiers attached extensions breaks compounds not_names"
    " functions"
)


class _Lexicon:
    """The vocabulary of units.json, each phrase list indexed by folded first syllable."""

    def __init__(self, data: dict):
        folded_abbreviations = {fold_diacritics(k): v for k, v in data["abbreviations"].items()}  # HDND
        self.abbreviations = {**folded_abbreviations, **data["abbreviations"]}
        self.exact_abbreviations = dict(data["abbreviations"])
        self.before_units = dict(data["abbreviations_before_units"])
        self.aliases = {comparable(a): e["name"] for e in data["names"] for a in e.get("aliases", ())}
        self.places = {canonical_tones(p) for p in data["place_scopes"]}
        names = [e["name"] for e in data["names"]]
        self.names = self._index(names + list(self.aliases))
        for key in _PHRASE_LISTS.split():
            setattr(self, key, self._index(data[key]))
        self.descriptive = self._index(data["descriptive_heads"])
        self.distributing = {comparable(head) for head in data["distributing_heads"]}
        self.cities = {comparable(city) for city in data["cities"]}
        spelled = ("heads", "titles", "collectives", "scopes")
        self.spellings = self._index(names + [phrase for key in spelled for phrase in data[key]])

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
        # typed without diacritics "tinh" stands for "tỉnh"; where the text has them, "phong" is "phong"
        return next((p for p in index.get(folded(words[i].key), ()) if len(p.words) <= len(words) - i and all(
            w.kind != "stop" and (w.key == syl or (not w.marked and folded(w.key) == folded(syl)))
            for syl, w in zip(p.words, words[i : i + len(p.words)]))), None)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon(json.loads(_DATA.read_text(encoding="utf-8")))


def _expansion(token: re.Match, lex: _Lexicon, strict: bool) -> str | None:
    """What a word token stands for when it is an abbreviation: all caps, or any case from four letters up.
    "HDND" may stand for "HĐND"; in a heading in capitals with diacritics (`strict`) "DU" in "VỀ DU LỊCH" is a
    syllable, not "ĐU"."""
    if not token[0].isupper() and len(token[0]) < 4:
        return None
    key, following = token[0].upper(), _NEXT.match(token.string, token.end())[1]
    # "TT HĐND tỉnh", "TT Tỉnh ủy": TT is Thường trực only in front of a body; elsewhere it is a code
    before_unit = lex.before_units.get(key) if following[:1].isupper() else None
    exact = lex.exact_abbreviations.get(key)
    return exact or (None if strict else lex.abbreviations.get(fold_diacritics(key))) or before_unit


def _tokens(text: str, start: int, end: int, lex: _Lexicon) -> list[tuple[re.Match, str | None]]:
    """The tokens of text[start:end], each with what it stands for when it is an abbreviation."""
    tokens = list(_TOKEN.finditer(text, start, end))
    marked = has_diacritics(text[start:end])
    words = [n for n, m in enumerate(tokens) if m.lastgroup == "word"]
    caps = {n: tokens[n][0].isupper() for n in words}
    in_heading = {n: caps[n] and any(caps[p] for p in words[max(k - 1, 0) : k] + words[k + 1 : k + 2])
                  for k, n in enumerate(words)}
    return [(m, _expansion(m, lex, marked and in_heading[n]) if m.lastgroup == "word" else None)
            for n, m in enumerate(tokens)]


def _words(text: str, start: int, end: int, lex: _Lexicon) -> list[_Word]:
    """The syllables of text[start:end], each abbreviation expanded into the syllables it stands for."""
    tokens = _tokens(text, start, end, lex)
    marked = has_diacritics(text[start:end])  # else typed without diacritics: match syllables folded
    caseless = not any(ch.isupper() for ch in text[start:end])  # a query typed in lower case
    # all caps next to all caps is a heading ("BỘ NỘI VỤ"); alone it is an abbreviation ("Cục KSTTHC")
    caps = {n: m[0].isupper() for n, (m, _) in enumerate(tokens) if m.lastgroup == "word"}
    order = list(caps)
    heading = {n: caps[n] and any(caps[p] for p in order[max(k - 1, 0) : k] + order[k + 1 : k + 2])
               for k, n in enumerate(order)}
    words: list[_Word] = []
    for n, (m, expansion) in enumerate(tokens):
        raw, s, e = m[0], m.start(), m.end()
        if n not in caps:
            words.append(_Word(raw, s, e, raw, True, False, False, m.lastgroup))
        elif expansion:
            for syl in _syllables(expansion):
                words.append(_Word(syl, s, e, comparable(syl), True, syl[0].isupper(), False, "word"))
        else:
            form = canonical_tones(nfc(raw))
            shout = caseless or heading[n]
            words.append(_Word(form, s, e, comparable(form), marked, raw[0].isupper(), shout, "word"))
    return words


def expand_abbreviations(text: str) -> str:
    """Write unit abbreviations out in full (UBND -> Ủy ban nhân dân); codes such as 62-KL/TW stay."""
    lex = _lexicon()
    out, pos = [], 0
    for token, expansion in _tokens(text, 0, len(text), lex):
        out += [text[pos : token.start()], expansion or token[0]]
        pos = token.end()
    return "".join(out) + text[pos:]


class _Parser:
    """Reads unit names off a word list: [các] [title] head [proper name] [nested body | scope]."""

    def __init__(self, words: list[_Word], lex: _Lexicon):
        self.w, self.lex = words, lex

    def at(self, i: int, *keys: str) -> bool:
        return i < len(self.w) and self.w[i].key in keys

    def capital(self, i: int) -> bool:
        return i < len(self.w) and self.w[i].kind == "word" and (self.w[i].upper or self.w[i].shout)

    def lower(self, i: int) -> bool:
        return i < len(self.w) and self.w[i].kind == "word" and not self.capital(i)

    def ends(self, index: dict[str, list[_Phrase]], i: int, min_lower: int = 0) -> int:
        """End of the longest phrase of `index` at word i (i if none); in lower case only from `min_lower`
        syllables up: "bộ", "ban", "chính phủ" are ordinary words in "nội bộ", "ban hành", "phi chính phủ"."""
        phrase = self.lex.match(index, self.w, i)
        if phrase is None or (len(phrase.words) < min_lower and not self.capital(i)):
            return i
        return i + len(phrase.words)

    def starts_unit(self, i: int) -> bool:
        lex = self.lex
        return max(self.ends(lex.names, i, 3), self.ends(lex.heads, i, 2), self.ends(lex.titles, i, 2)) > i

    def scope_at(self, i: int) -> int:
        """End of one scope phrase at i; "xã", "tỉnh" only in lower case: "Văn hóa - Xã hội" is a name."""
        phrase = self.lex.match(self.lex.scopes, self.w, i)
        if phrase is None or not (phrase.text[0].isupper() or self.lower(i) or self.w[i].shout):
            return i
        return i + len(phrase.words)

    def capital_place(self, i: int) -> bool:
        """Whether word i opens a place written with a capital ("Thành phố", "Tỉnh"), as a city's own
        documents write their city."""
        phrase = self.lex.match(self.lex.scopes, self.w, i)
        return self.capital(i) and not self.w[i].shout and phrase is not None and phrase.text in self.lex.places

    def continues_name(self, i: int) -> bool:
        """Whether word i may open a proper name, or go on with one after "và", "," or "-"."""
        return self.capital(i) and not self.w[i].shout and not self.starts_unit(i) and (
            self.ends(self.lex.not_names, i) == i and self.scope_at(i) == i)

    def name(self, i: int) -> int:
        """End of the proper name after a head. Vietnamese capitalises only a name's first syllable ("Sở
        Tư pháp"), so it runs on through lower-case syllables until a verb, a preposition or a scope word."""
        lex = self.lex
        if self.capital(i) and self.w[i].shout and not self.w[i - 1].shout:
            return i + 1  # "Cục KSTTHC": an unknown abbreviation as the name
        if not self.continues_name(i):
            return i
        k = i + 1
        while k < len(self.w):
            word, compound = self.w[k], self.ends(lex.compounds, k)
            if word.key in ("và", ",", "&") or word.text in ("-", "–", "—"):
                ok = self.continues_name(k + 1)
            elif word.kind == "word" and not word.shout and word.upper:
                ok = not self.starts_unit(k) and self.scope_at(k) == k and self.ends(lex.not_names, k) == k
            else:  # a compound goes on ("người có công", "xã hội"): not the verb "có", not the scope "xã"
                plain = compound > k or self.ends(lex.breaks, k) == k == self.scope_at(k)
                ok = self.lower(k) and word.key != "các" and plain
                k = max(k, compound - 1) if ok else k
            if not ok:
                return k
            k += 1
        return k

    def scope(self, i: int) -> int:
        """End of scope words at i: "tỉnh", "tỉnh Bắc Ninh", "cấp xã", "các xã, phường", "Trung ương"."""
        k = i
        while True:
            if self.scope_at(k) > k:
                place = self.lex.match(self.lex.scopes, self.w, k).text in self.lex.places
                k = self.scope_at(k)
                for _ in range(4 if place else 0):  # "tỉnh Bắc Ninh"
                    if not self.capital(k) or self.starts_unit(k) or self.ends(self.lex.breaks, k) > k:
                        break
                    k += 1
            elif self.at(k, "các") and self.w[k - 1].kind == "word" and self.collective(k + 1) > k + 1:
                k = self.collective(k + 1)  # "Ủy ban nhân dân các xã, phường", "đảng ủy các bộ, ..."
            elif self.at(k, ",") and k > i and self.lower(k + 1) and self.scope_at(k + 1) > k + 1:
                k += 1  # "tỉnh, cấp xã"
            elif self.at(k, "/") and k > i and self.lower(k + 1) and self.scope_at(k + 1) > k + 1:
                k += 1  # "xã/phường"
            else:
                return k

    def org(self, i: int, bare: bool = False) -> tuple[int, int | None, bool] | None:
        """One body at i: its end, where a body nested in it starts ("Đảng ủy | Bộ Tài chính"), and
        whether it is named (not a bare head such as "Ban" in "các Ban HĐND tỉnh")."""
        known, head = self.ends(self.lex.names, i, 3), self.ends(self.lex.heads, i, 2)
        if known == i and head == i:
            return None
        k, named = known, known > i
        proper = self.name(head) if head > i else head
        if proper == head > i and self.capital(i) and self.ends(self.lex.descriptive, i) == head:
            proper = self.described(head)  # "Ban Chỉ đạo phòng thủ dân sự quốc gia": a name in lower case
        # after a known name ("Bộ Tài chính") only a capital goes on ("..., Thể thao và Du lịch"), not a verb
        if proper > head and (proper == known or (proper > known and not self.lower(known))):
            k, named = proper, True
        elif not named:
            k = head
        if named and k == known and self.capital_place(k):
            k = self.name(k)  # "Thường trực Hội đồng nhân dân Thành phố": a capitalised place after a known name
        nested = self.org(k)
        if (nested is None and not named and k == head > i and self.capital(k) and not self.w[k].shout
                and self.ends(self.lex.not_names, k) == k):
            # "Cục Thuế", "Ban Giám đốc Trung tâm": a name that is itself a head word ("Thuế tỉnh Ninh Bình")
            k, named = max(k + 1, self.ends(self.lex.heads, k)), True
        nested_at, k = (k, nested[0]) if nested else (None, k)
        scoped = self.scope(k)
        return (scoped, nested_at, named) if named or nested or scoped > k or bare else None

    def described(self, i: int) -> int:
        """End of a name written in lower case after a head such as "Ban Chỉ đạo", "Hội đồng", "Tổ công tác":
        ordinary words up to a verb, a preposition, a scope word, a capital or punctuation other than a comma
        between two such words ("Ban Chỉ đạo phòng, chống thiên tai")."""
        k = i + (self.capital(i) and not self.w[i].shout)  # "Ban Chỉ huy Phòng thủ dân sự tỉnh"
        while k < len(self.w) and k - i < 10:
            word = self.w[k]
            if word.key == "," and k > i and self.lower(k + 1) and self.ends(self.lex.breaks, k + 1) == k + 1:
                k += 1
                continue
            if not self.lower(k) or word.key in ("các", "và", "này", "đó") or self.scope_at(k) > k:
                break
            if self.ends(self.lex.breaks, k) > k or self.ends(self.lex.qualifiers, k) > k:
                break
            k += 1
        return k

    def listed_after_colon(self, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """ "Các Bộ: Quốc phòng, Công an" and "Ủy ban nhân dân các tỉnh: Hà Tĩnh, Quảng Trị": a plural head
        before a colon lends itself to each name listed after it; one unit per name."""
        first, end, _ = found[-1]
        if not self.at(end, ":"):
            return found
        words = self.w[first:end]
        plural = max((n for n, w in enumerate(words) if w.key == "các"), default=None)
        if plural is None or plural + 1 >= len(words):
            return found
        before, head = words[:plural], words[plural + 1 :]
        head_key = " ".join(w.key for w in head)
        places = [w for w in head if w.key != ","]
        is_place, n, scopes = bool(places), 0, []
        while is_place and n < len(head):
            scope = self.lex.match(self.lex.scopes, head, n) if head[n].key != "," else None
            is_place = head[n].key == "," or scope is not None
            scopes += [scope.text] if scope else []
            n += len(scope.words) if scope else 1
        if head_key not in self.lex.distributing and not is_place:
            return found
        members = []
        k = end + 1
        while k < len(self.w):
            stop = self.member_end(k, head if not is_place else [])
            if stop == k:
                break
            members.append((k, stop))
            if not self.at(stop, ",", "và") or not self.capital(stop + 1):
                break
            k = stop + 1
        if not members:
            return found
        named = []
        for n, (a, b) in enumerate(members):
            listed = self.w[a:b]
            if is_place:
                city = comparable(" ".join(w.text for w in listed)) in self.lex.cities
                scope = scopes[0] if len(scopes) == 1 else "thành phố" if city else scopes[0]
                name = _name_of(before) + " " + scope + " " + " ".join(w.text for w in listed)
            else:
                name = _name_of(before + head + listed)
            named.append((first if n == 0 else a, b, name))
        return found[:-1] + named

    def member_end(self, k: int, head: list[_Word]) -> int:
        """End of one name in a list after "Các Bộ:": a known body name with the head ("Bộ Nông nghiệp và Môi
        trường"), else capitalised words and the lower-case syllables of a name, up to a comma or "và"."""
        if head:
            virtual = head + self.w[k : k + 12]
            known = self.lex.match(self.lex.names, virtual, 0)
            if known and len(known.words) > len(head):
                return k + len(known.words) - len(head)
        if not self.capital(k):
            return k
        stop = k + 1
        while stop < len(self.w) and self.w[stop].kind == "word" and self.w[stop].key != "và":
            if self.ends(self.lex.breaks, stop) > stop or (self.lower(stop) and not head):
                break
            stop += 1
        return stop

    def collective(self, i: int) -> int:
        """End of a list of generic nouns at i ("sở, ban, ngành", "cơ quan, đơn vị, địa phương liên quan");
        i when it runs into words it cannot account for ("các đơn vị sự nghiệp ngoài công lập")."""
        items: list[tuple[int, bool]] = []  # (end, one syllable)
        k = i
        while not items or (
            self.at(k, ",", "và") and not self.org(k + 1) and not self.separate(k + 1)
        ):
            start = k + 1 if items else k
            noun = self.ends(self.lex.collectives, start)
            if noun == start:
                break
            k = self.scope(noun)
            items.append((k, noun - start == 1))
        while items and not self.clean_end(*items[-1]):
            items.pop()  # the last noun began a longer phrase: "tổ chức | hành chính khác", "bộ | phận"
        if not items:
            return i
        k = items[-1][0]
        qualifier = self.ends(self.lex.qualifiers, k)
        k = qualifier if not self.at(qualifier, "đến", "tới") else k  # not "liên quan đến"
        attached = self.ends(self.lex.attached, k)  # "các đơn vị thuộc, trực thuộc Bộ Nội vụ"
        body = self.org(attached) if attached > k else None
        return body[0] if body else k

    def separate(self, k: int) -> bool:
        """Whether a kind of body of its own starts at k: "các ban đảng, ban cán sự đảng, đảng đoàn" are three
        units, unlike the stock "sở, ban, ngành"."""
        return self.ends(self.lex.separate_collectives, k) > k

    def clean_end(self, k: int, one_syllable: bool) -> bool:
        """Whether a generic noun ends before word k: after "sở", "ban", "bộ" only a verb, a preposition
        or punctuation ends it (ban hành, bộ phận); after "cơ quan" anything but a modifier (hành chính)."""
        lex, word = self.lex, self.w[k] if k < len(self.w) else None
        if word is None or word.kind != "word" or word.upper or word.key == "và":
            return True
        if any(self.ends(index, k) > k for index in (lex.breaks, lex.qualifiers, lex.scopes, lex.attached)):
            return True
        return not one_syllable and self.ends(lex.extensions, k) == k

    def unit(self, i: int) -> list[tuple[int, int, str]]:
        """The unit(s) starting at word i, as (first word, end word, canonical name); [] when none does."""
        plural = self.at(i, "các")
        j = i + 1 if plural else i
        if self.ends(self.lex.titles, j, 2) > j:
            return self.offices(i)
        body = self.org(j)
        if body is None and plural and self.lower(j) and (head := self.ends(self.lex.descriptive, j)) > j:
            end = self.scope(self.described(head))  # "các trung tâm chính trị xã, phường, đặc khu"
            if end > head and self.lower(head):
                return [(i, end, _name_of(self.w[i:end]))]
        if body is None and (person := self.person(i, j, plural)) is not None:
            return [person]
        if body is None:
            end = self.collective(j)
            # without "các" only a list of kinds named as a party is a unit: "phối hợp với sở, ban, ngành, địa
            # phương" (not "điều kiện của từng cơ quan, đơn vị, địa phương")
            party = i == 0 or self.w[i - 1].key in _BEFORE_BARE_LIST
            if not plural and not (party and any(w.key == "," for w in self.w[j:end])):
                end = j
            if end <= j:
                return []
            name = _name_of(self.w[i:end])
            return [(i, end, name if plural else "Các " + name[:1].lower() + name[1:])] + self.more_kinds(end)
        end, nested_at, named = body
        members = self.distributed(end, j, nested_at) if plural and nested_at is not None else []
        if members:
            return [(i, end, _name_of(self.w[j:end]))] + members
        # "các" stays with a collective ("Các Ban Hội đồng nhân dân tỉnh"), not with a named body
        return [(i, end, _name_of(self.w[i if plural and not named else j : end]))]

    def person(self, i: int, j: int, plural: bool) -> tuple[int, int, str] | None:
        """Staff named by what they do, as the subject of a duty: "Giáo vụ có trách nhiệm ...", "Giảng viên
        chấm bài thu hoạch có trách nhiệm ...", "Cán bộ, công chức, viên chức tiếp nhận hồ sơ phải ...", or
        as a party ("phối hợp với giảng viên"). Opening a clause (a capital), after "các" or after a word
        that names parties; what describes them runs to the duty word ("có trách nhiệm", "phải", ":")."""
        k = self.ends(self.lex.functions, j)
        party = i > 0 and self.w[i - 1].key in _BEFORE_PARTY
        opening = i == 0 or self.w[i - 1].kind != "word"  # a clause or a list item starts here
        if k == j or not ((opening and (plural or self.capital(j))) or party):
            return None
        while self.at(k, ",", "và") and (more := self.ends(self.lex.functions, k + 1)) > k + 1:
            k = more  # "Cán bộ, công chức, viên chức"
        described = next((t for t in range(k, min(k + 12, len(self.w))) if self.duty_at(t)
                          or self.w[t].kind != "word"), None)
        if described is not None and described > k and self.duty_at(described):
            k = described  # "Giảng viên chấm bài thu hoạch | có trách nhiệm"
        elif not (self.duty_at(k) or party):
            return None  # "Giảng viên nữ có con nhỏ ...", "Giảng viên hoàn thành xuất sắc ... được khen thưởng"
        return i, k, _name_of(self.w[i:k])

    def duty_at(self, k: int) -> bool:
        """Whether a duty is put at word k: "có trách nhiệm", "chịu trách nhiệm", "phải", a colon."""
        return self.at(k, ":", "phải") or (self.at(k, "có", "chịu") and self.at(k + 1, "trách")
                                           and self.at(k + 2, "nhiệm"))

    def more_kinds(self, k: int) -> list[tuple[int, int, str]]:
        """After "các ban đảng": the further kinds of body the same "các" covers (", ban cán sự đảng, ...")."""
        found = []
        while self.at(k, ",", "và") and self.separate(k + 1):
            end = self.collective(k + 1)
            if end <= k + 1:
                break
            found.append((k + 1, end, _name_of(self.w[k + 1 : end])))
            k = end
        return found

    def offices(self, i: int) -> list[tuple[int, int, str]]:
        """Office holders: "Giám đốc Sở Nội vụ", "Thủ trưởng các cơ quan, đơn vị", and titles sharing one
        body: "Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân tỉnh"."""
        titles: list[tuple[int, int]] = []
        k = i
        while True:
            j = k + self.at(k, "các")
            t = self.ends(self.lex.titles, j, 2)
            if t == j:
                return []
            titles.append((k, t))
            body = self.org(t, bare=True)
            end = body[0] if body else self.collective(t + self.at(t, "các"))
            if end > t + self.at(t, "các"):
                break
            if not self.at(t, ",", "và"):  # else another title must follow: "Chủ tịch, các Phó Chủ tịch ..."
                return []
            k = t + 1
        if body is None and len(titles) > 1:  # "Các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ": not shared
            return []
        last = len(titles) - 1
        return [(a, b if n < last else end, _name_of(self.w[a:b] + self.w[t:end]))
                for n, (a, b) in enumerate(titles)]

    def distributed(self, k: int, outer: int, nested_at: int) -> list[tuple[int, int, str]]:
        """ "Các Đảng ủy Bộ Tài chính, Bộ Nội vụ": each body listed after the first takes the shared head."""
        members = []
        shared = self.w[nested_at].key
        while self.at(k, ",", "và") and self.at(k + 1, shared) and (body := self.org(k + 1)) is not None:
            members.append((k + 1, body[0], _name_of(self.w[outer:nested_at] + self.w[k + 1 : body[0]])))
            k = body[0]
        return members


def _name_of(words: list[_Word]) -> str:
    """A canonical name from its words: lexicon spelling where lost, single spaces, capital first."""
    lex, text = _lexicon(), ""
    for part in _respelled(words, lex):
        text += part if part in {",", ";", ":", ")", ".", "/"} or text.endswith(("(", "/")) or not text else " " + part
    text = text.strip(" ,;:.-–")[:1].upper() + text.strip(" ,;:.-–")[1:]
    return lex.aliases.get(comparable(text), text)


def _respelled(words: list[_Word], lex: _Lexicon) -> list[str]:
    """Word spellings: from the lexicon for long names ("uỷ ban nhân dân" -> "Ủy ban nhân dân") and where the
    text lost them (all caps, no diacritics); other words as written, with tones in canonical place."""
    out: list[str] = []
    i = 0
    while i < len(words):  # a phrase list match gives the spelling of several words at once
        proper = lex.match(lex.names, words, i)
        proper = proper if proper and len(proper.words) >= 3 else None
        phrase = proper or lex.match(lex.spellings, words, i)
        span = words[i : i + len(phrase.words)] if phrase else []
        if phrase and (proper or any(w.shout or not w.marked for w in span)):
            spelled = _syllables(phrase.text)
            generic = bool(out) and out[-1].lower() in ("các", ",")  # "các sở, ban": generic nouns
            if not proper and ((not span[0].shout and not span[0].upper) or (span[0].shout and generic)):
                spelled[0] = spelled[0].lower()
            out += spelled
        else:
            word, span = words[i], words[i : i + 1]
            plain = word.key if word.key in ("các", "và") else word.text.title()
            out.append("và" if word.text == "&" else plain if word.shout else word.text)
        i += len(span)
    return out


_COMMITTEE_BEFORE = re.compile(r"\s*tỉnh ủy$", re.IGNORECASE)
_LIST_JOIN = re.compile(r"\s*(?:,|và|,\s*và)\s*")


# The short forms one document gives its units ("Trung tâm" -> "Trung tâm chính trị xã, phường, đặc khu"), set
# by ingest.short_forms while that document is read: a short form standing alone names the unit.
SHORT_FORMS: ContextVar[dict[str, str] | None] = ContextVar("short_forms", default=None)


def find_units(text: str, start: int = 0, end: int | None = None) -> list[UnitMention]:
    """Every unit named in text[start:end], in order, each with its span and canonical name; while a document
    is read (SHORT_FORMS), its short forms standing alone too."""
    mentions = _named_units(text, start, end)
    short = SHORT_FORMS.get()
    return _with_short_forms(text, start, len(text) if end is None else end, mentions, short) if short else mentions


def _with_short_forms(text: str, start: int, end: int, mentions: list[UnitMention], short: dict[str, str]):
    """Add "Trung tâm tổ chức ..." (a short form, capitalised, outside every name, before a word in lower case)."""
    pattern = re.compile(r"(?<![\w/])(" + "|".join(sorted(map(re.escape, short), key=len, reverse=True))
                         + rf")(?=\s+([{LOWER}]\w*))")
    added = []
    for found in pattern.finditer(text, start, end):
        inside = any(m.start <= found.start() < m.end for m in mentions)
        plural = text[max(start, found.start() - 4) : found.start()].lower().endswith("các ")
        if not inside and not plural and not _opens_word(found.group(1), found.group(2)):
            added.append(UnitMention(found.start(), found.end(), found.group(), short[found.group()]))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def _opens_word(short: str, following: str) -> bool:
    """Whether a short form and the syllable after it are an ordinary word: "Báo | cáo" (báo cáo), "Ban | hành"."""
    pair = (comparable(short), comparable(following))
    return any(p.words[:2] == pair for p in _lexicon().breaks.get(folded(pair[0]), ()))


def _named_units(text: str, start: int = 0, end: int | None = None) -> list[UnitMention]:
    """Every unit named in text[start:end] in full (or by a known abbreviation)."""
    words = _words(text, start, len(text) if end is None else end, _lexicon())
    parser = _Parser(words, _lexicon())
    mentions: list[UnitMention] = []
    i = 0
    while i < len(words):
        found = parser.unit(i) if words[i].kind == "word" else []
        listed = parser.listed_after_colon(found) if found else found
        places = [name.split(" tỉnh ", 1)[1] for _, _, name in listed[len(found) - 1 :] if " tỉnh " in name]
        found = listed
        spans = [(words[first].start, words[last - 1].end, name) for first, last, name in found]
        new = [UnitMention(s, e, text[s:e], name) for s, e, name in spans]
        if len(places) > 1 and mentions and _COMMITTEE_BEFORE.search(mentions[-1].name) and _LIST_JOIN.fullmatch(
                text[mentions[-1].end : new[0].start]):
            # "Bí thư tỉnh ủy và Chủ tịch Ủy ban nhân dân các tỉnh: A, B": the committee of each province too
            last = mentions.pop()
            head = _COMMITTEE_BEFORE.sub("", last.name).strip()
            mentions += [UnitMention(last.start, last.end, last.surface, f"{head} Tỉnh ủy {place}".strip())
                         for place in places]
        mentions += new
        i = found[-1][1] if found else i + 1
    return mentions


def canonical_unit(name: str) -> str:
    """The canonical spelling of a unit name: abbreviations expanded, NFC, Ủy not Uỷ, single spaces,
    a leading "các" only for collectives ("Các sở, ban, ngành")."""
    words = [w for w in _words(name, 0, len(name), _lexicon()) if w.text != "\n"]
    found = _Parser(words, _lexicon()).unit(0) if words else []
    if len(found) == 1 and found[0][1] == len(words):
        return found[0][2]
    named_plural = len(words) > 1 and words[0].key == "các" and words[1].upper  # "Các Đảng ủy Bộ ..., Bộ ..."
    return _name_of(words[1:] if named_plural else words)


def split_units(phrase: str) -> list[str]:
    """The canonical names a phrase lists: "Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ" -> two names."""
    found = [m.name for m in find_units(phrase)]
    return found or ([canonical_unit(phrase)] if phrase.strip() else [])


def place_scopes() -> tuple[str, ...]:
    """The place words of units.json ("tỉnh", "thành phố", "xã", ...), longest first."""
    return tuple(sorted(_lexicon().places, key=len, reverse=True))


def opens_with_staff(phrase: str) -> bool:
    """Whether a phrase opens with a title or a function that names a person: "Phó chủ tịch phụ trách lĩnh vực
    ...", "Các Phó Chủ tịch ...", "Cán bộ phụ trách ..."."""
    syllables = [comparable(s) for s in _syllables(canonical_tones(nfc(phrase)))]
    if syllables[:1] == ["các"]:
        syllables = syllables[1:]
    lex = _lexicon()
    if not syllables:
        return False
    return any(list(p.words) == syllables[: len(p.words)] for index in (lex.titles, lex.functions)
               for p in index.get(folded(syllables[0]), ()))


def is_bare_head(name: str) -> bool:
    """Whether a name is only a kind of body, with nothing that says which: "Ủy ban nhân dân", "Sở"."""
    key = folded(" ".join(_syllables(canonical_tones(nfc(name)))))
    return bool(key) and any(folded(" ".join(p.words)) == key for p in _lexicon().heads.get(key.split()[0], ()))


def unit_key(name: str) -> str:
    """A key on which spellings of one unit meet: "UBND tinh" == "Uỷ ban nhân dân tỉnh"."""
    return folded(canonical_unit(name))
