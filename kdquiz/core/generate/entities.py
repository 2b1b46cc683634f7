"""Finding the facts a question can ask about: numbers (years, money, percentages, counts) and
names (titles, people, roles, companies, places, terms).

Names are typed from evidence in the whole document (a year in brackets after a title, a role word
before a person, "Studio" inside a company name, a list whose other members are known), so a
name found once with a clear cue is recognised everywhere it appears.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from enum import StrEnum
from functools import partial

from kdquiz.core.generate import dates, language, rolenames
from kdquiz.core.generate import lexicon as lx
from kdquiz.core.generate.text import Sentence, last_words


class EntityKind(StrEnum):
    YEAR = "year"
    MONEY = "money"
    PERCENT = "percent"
    COUNT = "count"
    TITLE = "title"
    PERSON = "person"
    ROLE = "role"
    COMPANY = "company"
    PLACE = "place"
    TERM = "term"
    NAME = "name"  # a proper name whose type the text does not reveal


NUMERIC_KINDS = frozenset({EntityKind.YEAR, EntityKind.MONEY, EntityKind.PERCENT, EntityKind.COUNT})
#: Names whose same-typed neighbours make fair multiple-choice distractors.
TYPED_NAMES = frozenset(
    {
        EntityKind.TITLE,
        EntityKind.PERSON,
        EntityKind.ROLE,
        EntityKind.COMPANY,
        EntityKind.PLACE,
        EntityKind.TERM,
    }
)


@dataclass(frozen=True)
class Entity:
    kind: EntityKind
    text: str  # exactly as in the sentence
    start: int
    end: int
    low: float = 0.0  # numbers: the value, or the range's low end, in the scale written
    high: float = 0.0
    unit: str = ""  # "million dollars", "%", "countries"
    expansion: str = ""  # acronyms: what the letters stand for
    defined: bool = False  # the sentence defines it: "pip is the preferred installer program"
    named: bool = False  # the text marks it as a term: defined, in quotes, or "called DebConf"

    @property
    def key(self) -> str:
        """The form used to compare entities: case and a leading "the" ignored, roles singular."""
        text = re.sub(r"^(the|a|an)\s+", "", self.text.casefold())
        if self.kind is EntityKind.ROLE:
            return singular_role(text)
        if self.named:  # "clients" is "client"; a capitalised name's word stays ("Na Hiku")
            words = re.sub(r"^(?:the|a|an)\s+", "", self.text, flags=re.I).split()
            return " ".join(w.casefold() if w[:1].isupper() else language.lemma(w) for w in words)
        return text

    @property
    def is_range(self) -> bool:
        return self.kind in NUMERIC_KINDS and self.high != self.low


# -- numbers ---------------------------------------------------------------------------------

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"\s?(?:thousand|million|billion|trillion|bn|mn|[mkb])\b"
_CUR = r"(?:US\$|\$|€|£|¥|₩|₹)"
_DASH = r"\s?(?:to|-|–|—)\s?"
_CUR_WORDS = "|".join(sorted(lx.CURRENCY_WORDS, key=len, reverse=True))

MONEY_SYMBOL = re.compile(
    rf"(?P<sym>{_CUR})\s?(?P<n1>{_NUM})(?P<s1>{_SCALE})?"
    rf"(?:{_DASH}{_CUR}?\s?(?P<n2>{_NUM})(?P<s2>{_SCALE})?)?"
)
MONEY_WORD = re.compile(
    rf"\b(?P<n1>{_NUM})(?P<s1>{_SCALE})?(?:{_DASH}(?P<n2>{_NUM})(?P<s2>{_SCALE})?)?"
    rf"\s(?P<cw>{_CUR_WORDS})\b",
    re.IGNORECASE,
)
PERCENT = re.compile(
    rf"\b(?:(?P<n1>{_NUM})\s?(?:%|percent|per cent)?{_DASH})?(?P<n2>{_NUM})\s?(?:%|percent\b|per cent\b)"
)
YEAR = re.compile(r"(?<![\d,.$€£¥₩-])\b(1[5-9]\d\d|20\d\d)\b(?![\d%+]|\s?(?:percent|-\w|–\w))")
_NUMBER_WORD = "|".join(sorted(lx.NUMBER_WORDS, key=len, reverse=True))
COUNT = re.compile(
    rf"(?<![\w$€£¥₩.,])(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+|(?i:{_NUMBER_WORD}))(?P<plus>\+)?(?:-|\s)"
    r"(?P<unit>[a-z][a-z]*(?:-[a-z]+)*(?:\s[a-z]{3,})?|[A-Z]{2,}(?:-[A-Z]+)*s\b"
    r"|[A-Z][a-z]+\s[a-z]{3,}s\b)"
)


def _number(text: str) -> float:
    word = text.casefold()
    if word in lx.NUMBER_WORDS:
        return float(lx.NUMBER_WORDS[word])
    return float(text.replace(",", ""))


def _scale_word(raw: str | None) -> str:
    word = (raw or "").strip().casefold()
    full = {
        "k": "thousand",
        "m": "million",
        "mn": "million",
        "b": "billion",
        "bn": "billion",
        "tn": "trillion",
    }
    return full.get(word, word)


def _numbers(sentence: str) -> list[Entity]:
    found: list[Entity] = []
    for match in MONEY_SYMBOL.finditer(sentence):
        scale = _scale_word(match["s2"] or match["s1"])
        low = _number(match["n1"])
        high = _number(match["n2"]) if match["n2"] else low
        currency = lx.CURRENCY_SYMBOLS.get(match["sym"], "dollars")
        found.append(
            Entity(
                EntityKind.MONEY,
                match.group().strip(),
                match.start(),
                match.end(),
                low,
                high,
                f"{scale} {currency}".strip(),
            )
        )
    for match in MONEY_WORD.finditer(sentence):
        scale = _scale_word(match["s2"] or match["s1"])
        low = _number(match["n1"])
        high = _number(match["n2"]) if match["n2"] else low
        found.append(
            Entity(
                EntityKind.MONEY,
                match.group(),
                match.start(),
                match.end(),
                low,
                high,
                f"{scale} {match['cw'].casefold()}".strip(),
            )
        )
    for match in PERCENT.finditer(sentence):
        high = _number(match["n2"])
        low = _number(match["n1"]) if match["n1"] else high
        found.append(
            Entity(EntityKind.PERCENT, match.group(), match.start(), match.end(), low, high, "%")
        )
    for match in YEAR.finditer(sentence):
        if _IDENTIFIER_BEFORE.search(sentence, 0, match.start()) or _NUMBERED_BEFORE.search(
            sentence, 0, match.start()
        ):
            continue  # "RFC 1952", "ISO 8601", "bug #2001": a document's number, not a year
        value = float(match.group())
        found.append(
            Entity(EntityKind.YEAR, match.group(), match.start(), match.end(), value, value)
        )
    found = _spans_of_years(sentence, found)
    for match in _MULTIPLIER.finditer(sentence):
        value = float(match["n"])
        found.append(
            Entity(EntityKind.COUNT, match.group(), match.start(), match.end(), value, value, "x")
        )
    for match in COUNT.finditer(sentence):
        unit = match["unit"]
        words = unit.split()
        if (
            words[0] in lx.STOP_WORDS
            or words[0] in lx.SCALES
            or words[0] in lx.CURRENCY_WORDS
            or words[0] in {"percent", "per", "times", "year-old", "am", "pm"}
        ):
            continue
        if len(words) == 2 and ("-" not in words[0] or words[1] in lx.STOP_WORDS):
            unit = words[0]
        value = _number(match["n"])
        year_like = match["n"].isdigit() and 1500 <= value <= 2099 and len(match["n"]) == 4
        if value < 2 or year_like and not match["plus"]:  # "1500+ packages" is a count
            continue
        if _not_a_quantity(sentence, match.start("n"), match.end(), value):
            continue
        found.append(
            Entity(
                EntityKind.COUNT, match["n"], match.start("n"), match.end("n"), value, value, unit
            )
        )
    return found


def _spans_of_years(sentence: str, found: list[Entity]) -> list[Entity]:
    """A decade ("the 1850's") and a range of years ("between 1858 and 1861") are one answer
    each, in place of the years inside them (dates.py)."""
    spans = [
        Entity(EntityKind.YEAR, sentence[a:b], a, b, year, year, dates.DECADE_UNIT)
        for a, b, year in dates.decades(sentence)
    ] + [
        Entity(EntityKind.YEAR, sentence[a:b], a, b, first, last, dates.RANGE_UNIT)
        for a, b, first, last in dates.year_ranges(sentence)
    ]
    if not spans:
        return found
    inside = [
        e
        for e in found
        if e.kind is EntityKind.YEAR and any(s.start <= e.start < s.end for s in spans)
    ]
    return [e for e in found if e not in inside] + spans


#: "a 1.7x speedup": a factor.
_MULTIPLIER = re.compile(r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)x\b")
_MODEL_BEFORE = re.compile(r"[A-Z][\w.+-]*\s$")
#: An all-capitals name right before a number makes it an identifier ("RFC 1951", "PEP 8").
_IDENTIFIER_BEFORE = re.compile(r"\b[A-Z]{2,}[-\s]$")
#: "Bug#44754", "issue #1999", "No. 12": a number that only identifies.
_NUMBERED_BEFORE = re.compile(r"(?:#|\bNo\.\s?|\bnumber\s)$", re.I)
MODEL_AFTER = re.compile(r"\s[A-Za-z]{0,3}\d")
#: Words that say how many: "Anscombe's quartet demonstrates how four data sets ...".
_GROUP_WORDS = {
    "pair": 2,
    "duo": 2,
    "trio": 3,
    "triple": 3,
    "quartet": 4,
    "quadruple": 4,
    "quintet": 5,
    "sextet": 6,
    "septet": 7,
    "octet": 8,
    "dozen": 12,
}
_LIST_ITEM = re.compile(r",|\band\b|\bor\b")


def _not_a_quantity(sentence: str, start: int, end: int, value: float) -> bool:
    """Counts not worth a card: "two" or "three" (guessable), a model number ("Motorola 68000
    series", "Python 3 users"), or a number the sentence lets the learner count ("three new
    members: A, B and C")."""
    if (
        value <= 3
        and value == int(value)
        or _MODEL_BEFORE.search(sentence[max(0, start - 30) : start])
    ):
        return True
    if _NUMBERED_BEFORE.search(sentence, 0, start):
        return True  # "[Bug#44754 introduced in ...]": an identifier, nothing to learn
    if any(_GROUP_WORDS.get(w.casefold()) == value for w in re.findall(r"[A-Za-z]+", sentence)):
        return True  # "a quartet ... four data sets": the prompt says how many
    if sentence.rfind("(", 0, start) > sentence.rfind(")", 0, start):
        return True  # "(4 digits)": an aside, not the point of the sentence
    rest = sentence[end:]
    colon = rest.find(":")
    return colon >= 0 and len(_LIST_ITEM.findall(rest[colon:])) >= value - 1


# -- names -----------------------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z0-9À-ÖØ-öø-ÿ][\w'’+&-]*(?<![-'’])")
_CONNECTORS = frozenset(
    [
        "of",
        "the",
        "with",
        "a",
        "an",
        "in",
        "on",
        "for",
        "de",
        "da",
        "von",
        "van",
        "der",
        "del",
        "la",
        "le",
        "du",
    ]
)
_TITLED = frozenset({"Mr", "Mrs", "Ms", "Dr", "St", "Prof"})
_DEMONYM = re.compile(r"(?:ese|ish|ian|ean|can|ch)$")
_NAME_TOKEN = re.compile(r"[A-Z][a-zà-ÿ]+(?:-[a-zà-ÿ]+)?\Z")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,6}\Z")
#: A person's years of birth and death after the name: "Ptolemy (90 – 168 A.D.)",
#: "Aristarchus of Samos (310 – 230 B.C.)", "Fourier (1768-1830)".
_LIFESPAN = re.compile(
    r"\s?\((?:c\.\s?|ca\.\s?|born\s)?\d{1,4}\s?(?:–|-|—|to)\s?\d{1,4}"
    r"(?:\s?(?:A\.D\.|B\.C\.|AD|BC|BCE|CE))?\)"
)
_POSSESSIVE = re.compile(r"['’]s\Z")
_LETTER_COMPOUND = re.compile(r"[A-Z]-|[A-Z][a-z]?\Z")  # K-pop, X-ray, T-shirt; stray letters
_COMMON_ACRONYMS = frozenset(
    [
        "TV",
        "OK",
        "AM",
        "PM",
        "DVD",
        "CD",
        "USB",
        "PC",
        "AI",
        "IT",
        "HR",
        "PR",
        "FAQ",
        "PDF",
        "ID",
        "UN",
        "EU",
        "UK",
        "US",
        "USA",
        "IP",
        "IPs",
    ]
)


@dataclass(frozen=True)
class _Span:
    text: str
    start: int
    end: int


#: A capital initial inside a name: a full stop, then another capitalised word.
_INITIAL = re.compile(r"[A-Z]\. (?=[A-Z])")


def _tokens(sentence: str) -> list[tuple[str, int, int]]:
    out = []
    for match in _TOKEN.finditer(sentence):
        word, start, end = match.group(), match.start(), match.end()
        if word in _TITLED and sentence[end : end + 1] == ".":
            word, end = word + ".", end + 1
        elif _INITIAL.match(sentence, start):
            word, end = word + ".", end + 1  # "Alfred V. Aho", "J. R. R. Tolkien": one name
        out.append((word, start, end))
    return out


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text)


def capitalised_spans(sentence: str, mid_caps: set[str]) -> list[_Span]:
    """Runs of capitalised words (with "of", "with" ... inside), sentence-initial noise removed.

    A capitalised first word counts only if the document also capitalises it mid-sentence.
    """
    tokens = _tokens(sentence)
    shouted = _shouted(tokens)
    spans: list[_Span] = []
    for run in _runs(sentence, tokens):
        for first, last in _split_run(tokens, run):
            if any(k in shouted for k in range(first, last + 1)):
                continue  # "BUT NOT LIMITATION, PSF MAKES NO ...": emphasis, not names
            span = _trim(sentence, tokens, first, last, mid_caps)
            if span is not None:
                spans.append(span)
    return spans


#: Upper-case words in a row from which a passage is shouted (legal disclaimers, warnings).
SHOUTED_RUN = 3


def _shouted(tokens: list[tuple[str, int, int]]) -> set[int]:
    """Token indexes inside a passage written in capitals: SHOUTED_RUN upper-case words or more
    in a row, two of them everyday words ("BY WAY OF EXAMPLE"), not a row of acronyms ("GNU
    GPL FAQ")."""
    out: set[int] = set()
    run: list[int] = []
    for k, (word, _, _) in enumerate([*tokens, ("x", 0, 0)]):
        if len(word) > 1 and word.isupper() and word.isalpha():
            run.append(k)
            continue
        everyday = [i for i in run if language.zipf(tokens[i][0]) >= language.COMMON_ZIPF]
        if len(run) >= SHOUTED_RUN and len(everyday) >= 2:
            out.update(run)
        run = []
    return out


def _runs(sentence: str, tokens: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """Token index ranges of capitalised words joined by single spaces and inner connectors."""
    runs = []
    i = 0
    while i < len(tokens):
        if not _is_cap(tokens[i][0]) or tokens[i][0].isdigit():
            i += 1
            continue
        j = last = i
        while j + 1 < len(tokens) and sentence[tokens[j][2] : tokens[j + 1][1]] == " ":
            nxt = tokens[j + 1][0]
            if _is_cap(nxt):
                j = last = j + 1
            elif (
                nxt in _CONNECTORS
                and j + 2 < len(tokens)
                and _is_cap(tokens[j + 2][0])
                and not _DEMONYM.search(tokens[j + 2][0])
                and sentence[tokens[j + 1][2] : tokens[j + 2][1]] == " "
            ):
                j += 1
            else:
                break
        runs.append((i, last))
        i = last + 1
    return runs


def _split_run(tokens: list[tuple[str, int, int]], run: tuple[int, int]) -> list[tuple[int, int]]:
    """ "Netflix K-dramas" is two things, "Taiwan Creative Content Agency" is one organisation."""
    first, last = run
    words = [tokens[k][0] for k in range(first, last + 1)]
    if any(w.rstrip(".") in lx.ORG_WORDS for w in words[1:]):
        return [run]
    pieces = []
    start = first
    for k in range(first, last):
        word, nxt = tokens[k][0], tokens[k + 1][0]
        possessive = _POSSESSIVE.search(word) and _possessive(word) not in lx.NOT_NAMES
        if (
            possessive
            or word in lx.KNOWN_COMPANIES
            or word in lx.COUNTRIES
            or nxt in lx.KNOWN_COMPANIES
            or _ACRONYM.match(word)
        ):
            pieces.append((start, k))
            start = k + 1
    pieces.append((start, last))
    return pieces


def _gerund(word: str, mid_caps: set[str]) -> bool:
    """ "Pressing Esc deselects ...", "Using Python ...": a verb opening the sentence, never the
    first word of a name ("Beijing" is no verb; a word the text capitalises mid-sentence stays)."""
    return (
        word not in mid_caps
        and re.fullmatch(r"[A-Z][a-z]{2,}ing", word) is not None
        and language.lemma(word.lower()) != word.lower()
    )


def _trim(
    sentence: str, tokens: list[tuple[str, int, int]], first: int, last: int, mid_caps: set[str]
) -> _Span | None:
    titled = (
        last > first
        and tokens[first][1] > 0
        and (
            tokens[first][0] == "The"
            or any(tokens[k][0] in _CONNECTORS for k in range(first, last))
        )
    )
    # Drop sentence-initial and function words that merely happen to be capitalised;
    # "The Glory" and "All of Us Are Dead" mid-sentence keep theirs.
    if not titled:
        while first <= last and (
            tokens[first][0] in lx.NOT_NAMES
            or tokens[first][0] in _CONNECTORS
            or (
                tokens[first][1] == 0
                and (first == last or tokens[first + 1][0] in _CONNECTORS)
                and _possessive(tokens[first][0]) not in mid_caps
            )
            or first == 0
            and tokens[first][1] == 0
            and _gerund(tokens[first][0], mid_caps)
        ):
            first += 1
        while last >= first and tokens[last][0] in lx.NOT_NAMES and tokens[last][0] not in _TITLED:
            last -= 1
    if first > last:
        return None
    start, end = tokens[first][1], tokens[last][2]
    text = sentence[start:end]
    stripped = _possessive(text)
    end -= len(text) - len(stripped)
    if first == last and (
        (
            _DEMONYM.search(stripped)
            and stripped not in lx.KNOWN_COMPANIES
            and stripped not in lx.COUNTRIES
        )
        or _LETTER_COMPOUND.match(stripped)
        or stripped in _COMMON_ACRONYMS
        or re.match(r"I['’]", stripped)
    ):
        return None
    return _Span(stripped, start, end) if stripped else None


def singular_role(text: str) -> str:
    for singular, plural in lx.ROLE_PLURALS.items():
        if text == plural:
            return singular
    if text.endswith("s") and text[:-1] in _ROLE_SET:
        return text[:-1]
    return text


def plural_role(text: str) -> str:
    return lx.ROLE_PLURALS.get(text, text + ("es" if text.endswith("ss") else "s"))


_ROLE_SET = frozenset(lx.ROLES)
_ROLE_RE = re.compile(
    r"\b(?:"
    + "|".join(
        rf"{re.escape(r)}(?:s|es)?"
        if r not in lx.ROLE_PLURALS
        else rf"{re.escape(lx.ROLE_PLURALS[r])}|{re.escape(r)}"
        for r in lx.ROLES
    )
    + r")\b",
    re.IGNORECASE,
)
_ACR_AFTER = re.compile(r"\(([A-Z][A-Z0-9&]{1,6})s?\)")
_ACR_BEFORE = re.compile(r"\b([A-Z][A-Z0-9&]{1,6})s?\s\(([^()]{3,80})\)")
_HYPHENATED = re.compile(r"\b[a-z]{2,}(?:-[a-z]{2,})+\b")
_DESCRIPTIVE = re.compile(r"(?:ing|ed|en|worthy|like|free|based|style|ready|wide|level|old)$")
_PREFIXES = frozenset(
    [
        "co",
        "re",
        "pre",
        "non",
        "self",
        "ever",
        "well",
        "so",
        "mid",
        "semi",
        "anti",
        "multi",
        "ex",
        "un",
        "mega",
        "super",
        "ultra",
        "hyper",
    ]
)
#: A capitalised term the text introduces: "an annual meeting called DebConf".
_CALLED_NAME = re.compile(
    r"\b(?:called|known as|termed|dubbed|named)\s+([A-Z][\w+-]*[\w+])(?=[\s.,;])"
)
#: Names from code: "__pycache__", "sys.version_info", "--user" (never "e.g." or a web address).
_CODE = re.compile(
    r"(?<![\w.-])(?:--[a-z][\w-]+|[a-z][a-z0-9.]*_[\w.]*[a-z0-9]|__\w+__)(?![\w-]|\.\w)"
)
#: A short term in quotes: 'known as “Trusted Organizations”', 'the suffix is "aN"'.
_QUOTED = re.compile(r"[\"“]([A-Za-z][\w.+ -]{0,30}?[\w+])[\"”]")
_CALLED = re.compile(
    r"\b(?:called|known as|termed|dubbed|named)\s+(?:the\s+)?[\"“‘']?"
    r"([a-z][a-z-]+(?:\s[a-z][a-z-]+){0,2})"
)


#: A quoted phrase opening with one of these is a quotation, not a term ("the best", "I can");
#: "well known" or "hot" are terms.
_NO_TERM_START = lx.STOP_WORDS - frozenset("well first last next new".split())


#: Words after a quoted word that make it the thing named or defined: '"line" consists of'.
_DEFINING_VERBS = frozenset(
    "is are was were means meant refers consists stands denotes indicates describes".split()
)


def _scare_quoted(text: str, match: re.Match[str]) -> bool:
    """An everyday word in quotes used as a word of the sentence, not named: '"point" releases',
    'the "server" socket', '"jumps" to the new code'. A term in quotes ends its clause, is
    explained in brackets, or is what the next verb defines ('"hot" (executed ...)')."""
    term = match.group(1)
    if " " in term or language.zipf(term) < language.COMMON_ZIPF:
        return False
    after = re.match(r"\s+([a-z]+)\b", text[match.end() :])
    return after is not None and after.group(1) not in _DEFINING_VERBS


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _expansion_before(sentence: str, acronym: str, end: int) -> str:
    """The words before "(AD)" that its letters stand for ("assistant director")."""
    words = sentence[:end].split()
    best = ""
    for k in range(1, len(acronym) + 3):
        if k > len(words):
            break
        chosen = [w.strip(',;:"“”') for w in words[-k:]]
        if chosen[0].casefold() in lx.STOP_WORDS:
            continue
        content = [w for w in chosen if w and w.casefold() not in _CONNECTORS | {"and"}]
        initials = "".join(w[0] for w in content).casefold()
        letters = "".join(chosen).casefold()
        if (
            initials[:1] == acronym[0].casefold()
            and _subsequence(initials, acronym.casefold())
            and _subsequence(acronym.casefold(), letters)
        ):
            best = " ".join(chosen)
    return best


def _acronyms(sentence: str) -> list[tuple[str, str, int, int]]:
    """(acronym, expansion, start, end-of-whole-phrase) for "expansion (ACR)" and "ACR (expansion)"."""
    found = []
    for match in _ACR_AFTER.finditer(sentence):
        acronym = match.group(1)
        expansion = _expansion_before(sentence, acronym, match.start())
        if expansion:
            start = sentence.rfind(expansion, 0, match.start())
            found.append((acronym, expansion, start, match.end()))
    for match in _ACR_BEFORE.finditer(sentence):
        acronym, inside = match.group(1), match.group(2).strip()
        words = [w for w in inside.split() if w.casefold() not in _CONNECTORS | {"and"}]
        initials = "".join(w[0] for w in words).casefold()
        if (
            words
            and initials[:1] == acronym[0].casefold()
            and _subsequence(initials, acronym.casefold())
            and _subsequence(acronym.casefold(), "".join(inside.split()).casefold())
        ):  # "EOT (End of Transfer)": a letter may come from a small word
            found.append((acronym, inside, match.start(), match.end()))
    return found


_LIST_SEPARATOR = re.compile(r",\s?|,?\s(?:and|or|&)\s(?:the\s)?(?:[a-z]+\s)?|\sto\s")


TOPIC_FREQUENCY = 5
#: A version number after a name: "Python 3.1", "Debian 2.2".
_VERSION_AFTER = re.compile(r" \d+(?:\.\d+)+\b")


_WORD_BEFORE = re.compile(r"[\w'’+-]+")


#: Votes a glossed name needs to be a person or a place: a lifespan or a country's name, or a
#: cue before it twice; one "stars in the" or "found in" makes neither.
GLOSSED_VOTES = 3


class DocumentIndex:
    """What the whole document says about each name; built once, consulted per sentence."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.mid_caps: set[str] = set()
        for sentence in sentences:
            self.mid_caps.update(
                _possessive(word)
                for word, start, _ in _tokens(sentence.text)
                if start > 0 and _is_cap(word)
            )
        #: Words that open a sentence ("Thiemo was involved ..."): a name used alone there is
        #: no capitalised run of the index, but still a mention.
        self.openers = {
            first.group() for s in sentences if (first := re.match(r"[A-Z][a-z]+\b", s.text))
        }
        self.acronyms: dict[str, str] = {}
        self.types: dict[str, EntityKind] = {}
        self.frequency: Counter[str] = Counter()
        self.with_article: set[str] = set()
        self.lifespans: set[str] = set()
        #: Names the text gives a version number ("Python 3.1", "grep 3.8"): software, never a
        #: place, though "in Python" reads like "in Japan".
        self.versioned: set[str] = set()
        #: Words written in lower case: "Wayfinder" before a name is a role if "wayfinder" is.
        self.lowered = rolenames.lower_words([s.text for s in sentences])
        #: Names given with another name in brackets, or as it ("Hawaiki (Deneb)"): things'
        #: names, never a person's by their shape alone.
        self.glossed: set[str] = set()
        spans_of: dict[int, list[_Span]] = {}
        evidence: dict[str, Counter[EntityKind]] = defaultdict(Counter)
        for sentence in sentences:
            spans = self.names_apart(capitalised_spans(sentence.text, self.mid_caps))
            spans_of[sentence.index] = spans
            for span in spans:
                self.frequency[span.text] += 1
                if rolenames.glossed(sentence.text, span.start, span.end):
                    self.glossed.add(span.text)
                self._collect(sentence.text, span, evidence[span.text])
            for acronym, expansion, _, _ in _acronyms(sentence.text):
                self.acronyms.setdefault(acronym, expansion)
                is_org = any(w in lx.ORG_WORDS for w in expansion.split())
                kind = EntityKind.COMPANY if is_org else EntityKind.TERM
                evidence[acronym][kind] += 5
                if is_org:
                    evidence[expansion][EntityKind.COMPANY] += 5
        #: What the abbreviations stand for ("End of Transfer" for EOT): never titles.
        self.expansions = set(self.acronyms.values())
        #: Names voted places more than once ("in Bordeaux", "to Bordeaux") or as countries.
        self.place_evidence = {t for t, v in evidence.items() if v[EntityKind.PLACE] >= 2}
        for text, votes in evidence.items():
            if text in self.versioned:
                del votes[EntityKind.PLACE]
            if votes and not (_party_word(text) and text not in lx.KNOWN_COMPANIES):
                self.types[text] = votes.most_common(1)[0][0]
            if text in rolenames.COMPASS_POINTS:
                self.types.pop(text, None)  # "from North to South": a direction, no place
            typed = self.types.get(text)
            if (
                typed in {EntityKind.PERSON, EntityKind.PLACE}
                and text in self.glossed
                and votes[typed] < GLOSSED_VOTES
            ):
                del self.types[
                    text
                ]  # "Na Hiku (Big Dipper)": a star, no person or place  # "Na Hiku (Big Dipper)": one cue makes no person
        for name, count in self.frequency.items():
            if (
                name not in self.types
                and name not in self.glossed
                and _person_shaped(name)
                and (count >= 2 or self._called_by_one_name(name))
            ):
                self.types[name] = EntityKind.PERSON
        for sentence in sentences:
            self._propagate(sentence.text, spans_of[sentence.index])
        #: One-word names of people: a name with a lifespan ("Ptolemy (90 – 168 A.D.)"), and
        #: the first or last name of exactly one person named in full ("Lasse" for Lasse Collin).
        self.full_names: dict[str, str] = {}
        for name in self.lifespans:
            if _NAME_TOKEN.match(name) and name not in lx.NOT_NAMES:
                self.types[name] = EntityKind.PERSON
                self.full_names[name] = name
        self._alias_people()

    def _called_by_one_name(self, name: str) -> bool:
        """ "Thiemo Seufer died ... Thiemo was involved in ...": a name given in full once and
        then by its first name alone is a person's, as news and obituaries write (not "Storm
        Linux", whose "Linux" stands alone and in other names)."""
        word = name.split()[0]
        return bool(
            (self.frequency[word] or word in self.openers)
            and word not in self.types
            and word not in self.with_article
            and word not in lx.NOT_NAMES
            and language.zipf(word) < language.COMMON_NAME_ZIPF
            and not any(word in o.split() for o in self.frequency if o not in (name, word))
            and name.split()[-1] not in self.frequency
        )

    def _alias_people(self) -> None:
        owners: dict[str, set[str]] = defaultdict(set)
        for name, kind in self.types.items():
            if kind is EntityKind.PERSON and _person_shaped(name) and name not in self.with_article:
                words = name.split()
                owners[words[0]].add(name)
                owners[words[-1]].add(name)
        for word, names in owners.items():
            if (
                self.types.get(word) is EntityKind.PLACE
                and word not in lx.COUNTRIES
                and word not in self.place_evidence
            ):
                # "passed down to Mau" beside "Mau Piailug": a cue made a place of a person's
                # name; it is not said which, so neither is hinted.
                del self.types[word]
                continue
            if (
                len(names) == 1
                and (self.frequency[word] or word in self.openers)
                and self.types.get(word, EntityKind.PERSON) is EntityKind.PERSON
                and word not in lx.NOT_NAMES
                and language.zipf(word) < language.COMMON_NAME_ZIPF
            ):
                self.types[word] = EntityKind.PERSON
                self.full_names[word] = next(iter(names))

    def names_apart(self, spans: list[_Span]) -> list[_Span]:
        """Each span with a role or title before a person's name left out of it: "Astronomer
        Jane Doe" is "Jane Doe", the role stays in the sentence (rolenames.py)."""
        out = []
        for span in spans:
            words = span.text.split()
            if (
                len(words) >= 3
                and rolenames.is_role_word(words[0], self.lowered)
                and _person_shaped(" ".join(words[1:]))
            ):
                offset = span.text.index(words[1], len(words[0]))
                span = _Span(span.text[offset:], span.start + offset, span.end)
            out.append(span)
        return out

    def full_name(self, name: str) -> str:
        """The name a one-word mention stands for ("Lasse" -> "Lasse Collin"), else the name."""
        return self.full_names.get(name, name)

    def named_in_full(self, text: str) -> str:
        """The sentence with each one-word mention of a person named in full: "Igor and Lasse
        started ..." -> "Igor Pavlov and Lasse Collin started ...", so a card says who is meant."""
        for word, full in self.full_names.items():
            if word == full or word not in text:
                continue
            text = re.sub(
                rf"(?<![\w.’'-])\b{re.escape(word)}\b(?![-’']\w\w)(?! [A-Z])",
                partial(_unless_in, full),
                text,
            )
        return text

    def _collect(self, sentence: str, span: _Span, votes: Counter[EntityKind]) -> None:
        text = span.text
        words = text.split()
        before = last_words(sentence, span.start, 3, word=_WORD_BEFORE, casefold=True)
        if before[-1:] == ["the"] or words[0] == "The":
            self.with_article.add(text.removeprefix("The "))
        elif before[-1:] in (["a"], ["an"]) or sentence[: span.start].endswith("a(n) "):
            self.with_article.add(text)  # "a Spiral Galaxy": nobody is "a Jane Doe" either
        after = sentence[span.end : span.end + 8]
        if _VERSION_AFTER.match(sentence, span.end):
            self.versioned.add(text)
        if _LIFESPAN.match(sentence, span.end) and before[-1:] != ["of"]:
            self.lifespans.add(text)
            votes[EntityKind.PERSON] += 3
        if re.match(r"\s?\((1[5-9]\d\d|20\d\d)\)", after):
            votes[EntityKind.TITLE] += 3
        if before and (
            before[-1] in lx.TITLE_CUES
            or before[-2:-1]
            and before[-2] in lx.TITLE_CUES
            and before[-1] in {"the", "called", "titled"}
        ):
            votes[EntityKind.TITLE] += 2
        if any(w.rstrip(".") in lx.ORG_WORDS for w in words[1:]) or words[0] in {
            "Studio",
            "Studios",
        }:
            votes[EntityKind.COMPANY] += 3
        if text in lx.KNOWN_COMPANIES:
            votes[EntityKind.COMPANY] += 3
        if any(w in lx.COMPANY_CUES for w in before[-2:]):
            votes[EntityKind.COMPANY] += 2
        if text in lx.COUNTRIES:
            votes[EntityKind.PLACE] += 3
        elif (
            len(words) == 1
            and before
            and before[-1] in lx.PLACE_CUES
            and _NAME_TOKEN.match(text)
            and text not in lx.KNOWN_COMPANIES
        ):
            votes[EntityKind.PLACE] += 1
        if _person_shaped(text) and (
            any(w in lx.PERSON_CUES for w in before) or re.match(r",\s(?:a|an|the|who)\s", after)
        ):
            votes[EntityKind.PERSON] += 2
        if (
            len(words) >= 2
            and (words[0] == "The" or any(w in _CONNECTORS for w in words[1:-1]))
            and not any(w in lx.ORG_WORDS for w in words)
            and not _person_shaped(text)
        ):
            votes[EntityKind.TITLE] += 1

    def _propagate(self, sentence: str, spans: list[_Span]) -> None:
        """Members of one list share a type: "Japan, Thailand, or even Hollywood"."""
        group: list[_Span] = []
        groups: list[list[_Span]] = []
        chained = False  # "from X to Y to Z": only a chain of three or more is a list
        for span in spans:
            between = sentence[group[-1].end : span.start] if group else ""
            if group and _LIST_SEPARATOR.fullmatch(between):
                group.append(span)
                chained = chained or " to " in between
            else:
                if len(group) > 2 or len(group) == 2 and not chained:
                    groups.append(group)
                group, chained = [span], False
        if len(group) > 2 or len(group) == 2 and not chained:
            groups.append(group)
        for members in groups:
            kinds = Counter(self.types[m.text] for m in members if m.text in self.types)
            if not kinds:
                continue
            kind = kinds.most_common(1)[0][0]
            for member in members:
                if kind in {EntityKind.PERSON, EntityKind.PLACE} and member.text in self.glossed:
                    continue  # "Keoe (Vega), and Humu (Altair)": stars beside a person's name
                if not _party_word(member.text):
                    self.types.setdefault(member.text, kind)

    def kind_of(self, name: str) -> EntityKind:
        return self.types.get(name, EntityKind.NAME)

    def is_topic(self, name: str) -> bool:
        """Names the article keeps repeating are its subject: blanking them teaches nothing."""
        return self.frequency[name] >= TOPIC_FREQUENCY


#: An agent noun: "Licensee", "Licensor", "Contributor", "Applicant".
_AGENT_NOUN = re.compile(r"[A-Z][a-z]{3,}(?:ee|or|er|ant|ent)\Z")


def _party_word(text: str) -> bool:
    """A capitalised everyday agent noun, as agreements name their parties ("between PSF and
    Licensee"): a role in the text, not an organisation or a person like its list-mates."""
    return bool(_AGENT_NOUN.match(text)) and language.zipf(text) >= 2.5


def _unless_in(full: str, match: re.Match[str]) -> str:
    """The full name for a one-word mention, unless the mention is already part of it."""
    text, start = match.string, match.start()
    around = text[max(0, start - len(full)) : match.end() + len(full)]
    before = text[:start].split()[-1:]
    if full in around or before and before[0][:1].isupper() and before[0][-1:].isalnum():
        return match.group()  # "Lasse Collin", or another name's part ("Ian" of "Sir Ian")
    return full


#: Lower-case particles inside a person's name: "Guido van Rossum", "Ludwig van Beethoven".
_NAME_PARTICLES = frozenset("van von de da der del du la le".split())
#: A definite article of another language opening a name: a title, never a person.
_FOREIGN_ARTICLES = frozenset("Le La Les El Il Lo Los Las Der Die Das Het".split())


def _person_shaped(text: str) -> bool:
    """Two or three capitalised name words, with a particle between them allowed: a particle
    does not make "Guido van Rossum" a title as "The Art of War" is one."""
    words = text.split()
    if words[0] in _FOREIGN_ARTICLES:
        return False  # "Le Libertaire", "La Stampa", "Die Zeit": a paper's or a work's name
    if len(words) > 2 and all(w in _NAME_PARTICLES for w in words[1:-1]):
        words = [words[0], words[-1]]
    return 2 <= len(words) <= 3 and all(
        _NAME_TOKEN.match(w)
        and w not in lx.NOT_NAMES
        and w not in lx.ORG_WORDS
        and w not in lx.COUNTRIES
        and w not in lx.KNOWN_COMPANIES
        for w in words
    )


def find_entities(text: str, index: DocumentIndex) -> list[Entity]:
    """Every fact-bearing span in a sentence, non-overlapping, numbers first."""
    candidates: list[Entity] = _numbers(text)
    for span in index.names_apart(capitalised_spans(text, index.mid_caps)):
        kind = _checked_kind(span.text, index)
        if MODEL_AFTER.match(text, span.end):
            kind = EntityKind.NAME  # "Intel i386", "Python 3.11": a product, not a maker
        if kind is EntityKind.TERM and span.text in index.acronyms:
            candidates.append(
                Entity(kind, span.text, span.start, span.end, expansion=index.acronyms[span.text])
            )
        else:
            candidates.append(Entity(kind, span.text, span.start, span.end))
    for match in _ROLE_RE.finditer(text):
        if _in_compound(text, match.start()):
            continue  # "package manager", "bug reporters": part of another noun
        candidates.append(Entity(EntityKind.ROLE, match.group(), match.start(), match.end()))
    for match in _HYPHENATED.finditer(text):
        parts = match.group().split("-")
        if parts[0] in _PREFIXES or _DESCRIPTIVE.search(parts[-1]):
            continue  # "co-founded", "heart-stopping": wording, not a term worth learning
        if language.is_generic_term(match.group()) or _in_address(text, match):
            continue  # "full-time", "third-party"; "debian-boot@lists..." is an address
        candidates.append(Entity(EntityKind.TERM, match.group(), match.start(), match.end()))
    for match in _CALLED.finditer(text):
        candidates.append(Entity(EntityKind.TERM, match.group(1), match.start(1), match.end(1)))
    for match in _CALLED_NAME.finditer(text):
        term = match.group(1)
        candidates.append(Entity(EntityKind.TERM, term, match.start(1), match.end(1), named=True))
    for match in _CODE.finditer(text):
        term = match.group()
        candidates.append(Entity(EntityKind.TERM, term, match.start(), match.end(), named=True))
    for match in _QUOTED.finditer(text):
        term = match.group(1)
        if (
            len(term) < len(text) / 3
            and language.words_of(term)[0].casefold() not in _NO_TERM_START
            and not _scare_quoted(text, match)
        ):
            candidates.append(
                Entity(EntityKind.TERM, term, match.start(1), match.end(1), named=True)
            )
    defined = _DEFINED.match(text)
    if (
        defined
        and _specific_word(defined.group(1))
        and (defined.group(1).replace(" ", "").isalpha() or _describes(text[defined.end() :]))
    ):
        start, end = defined.span(1)
        candidates.append(
            Entity(EntityKind.TERM, defined.group(1), start, end, defined=True, named=True)
        )
    elif (kind_defined := _KIND_DEFINED.match(text)) and _defines_a_kind(kind_defined):
        start, end = kind_defined.span(1)
        candidates.append(
            Entity(EntityKind.TERM, kind_defined.group(1), start, end, defined=True, named=True)
        )
    order = sorted(candidates, key=lambda e: (not e.named, _PRIORITY[e.kind], e.start - e.end))
    return sorted(first_apart(order), key=lambda e: e.start)


def first_apart(order: list[Entity]) -> list[Entity]:
    """Each entity in `order` that overlaps none taken before it.

    The spans taken never overlap, so in start order their ends rise too: an entity overlaps
    one of them only if it overlaps the last that starts before its end. That is a search, not
    a look at each (a sentence of thousands of names took seconds).
    """
    chosen: list[Entity] = []
    starts: list[int] = []
    ends: list[int] = []
    for entity in order:
        at = bisect.bisect_left(starts, entity.end)
        if at and ends[at - 1] > entity.start:
            continue
        chosen.append(entity)
        starts.insert(at, entity.start)
        ends.insert(at, entity.end)
    return chosen


#: Words that may stand before a role without making a compound noun of it ("star directors").
_ROLE_MODIFIERS = frozenset(
    "star lead head chief senior junior assistant executive famous veteran top former "
    "new first young acclaimed renowned award-winning".split()
)


def _in_compound(text: str, start: int) -> bool:
    before = re.findall(r"[\w'’-]+", text[max(0, start - 30) : start])
    if not before or not before[-1].islower():
        return False
    word = before[-1]
    return word not in lx.STOP_WORDS and word not in _ROLE_MODIFIERS and not word.endswith("ly")


def _in_address(text: str, match: re.Match[str]) -> bool:
    return (
        text[match.end() : match.end() + 1] in {"@", "/", "."}
        and bool(re.match(r"[@/.]\w", text[match.end() : match.end() + 2]))
        or text[max(0, match.start() - 1) : match.start()] in {"@", "/", "."}
    )


def _checked_kind(name: str, index: DocumentIndex) -> EntityKind:
    """The indexed type, unless the name's own shape rules it out: "Vice President" is a role,
    a bare acronym without expansion ("HTTP") or a phrase of everyday words ("Public Interest")
    is no person, title or organisation."""
    kind = index.kind_of(name)
    if name.casefold() in _ROLE_SET:
        return EntityKind.ROLE
    if kind is EntityKind.PERSON and not _person_shaped(name) and name not in index.full_names:
        return EntityKind.NAME
    if kind in {EntityKind.COMPANY, EntityKind.PERSON, EntityKind.TITLE}:
        known = name in lx.KNOWN_COMPANIES
        if _ACRONYM.match(name) and name not in index.acronyms and not known:
            return EntityKind.NAME
        content = [w for w in name.split() if w.casefold() not in _CONNECTORS]
        if kind is EntityKind.TITLE and name in index.expansions:
            return EntityKind.NAME  # "EOT (End of Transfer)": what letters stand for, no title
        if name.split()[-1] in lx.MONTHS:
            return EntityKind.NAME  # "Debian Project Leader in January": a name run into a date
        titled = kind is EntityKind.TITLE  # "True Beauty": a cue or a (year) vouched for it
        if not known and not titled and len(content) <= 2 and language.is_generic_name(name):
            return EntityKind.NAME
        if kind is EntityKind.PERSON and name in index.with_article:
            return EntityKind.NAME  # "the Python Package Index": nobody is "the Jane Doe"
    return kind


#: A sentence that defines its first word: "venv is the standard tool for ...".
_DEFINED = re.compile(
    r"(?:The )?([A-Za-z][\w.+-]*[A-Za-z0-9](?: [A-Z][\w.+-]*[A-Za-z0-9]){0,3}) (?:is|are) (?:the|a|an) "
)


#: A sentence that defines a kind of thing in everyday words: "A virtual environment is a
#: semi-isolated Python environment that ...". The indefinite article makes it a definition.
_KIND_DEFINED = re.compile(
    r"(?:An?) ([a-z][a-z-]{2,}(?: [a-z][a-z-]{2,}){0,2}) (?:is) (?:a|an|the) (?P<what>[^.;:]+)"
)
#: Heads that make "A good example is a ..." a remark, not a definition.
_NOT_KINDS = frozenset(
    "example reason problem question result way idea point issue answer case difference "
    "option alternative step rule solution choice part thing lot bit kind sort type".split()
)


def _defines_a_kind(match: re.Match[str]) -> bool:
    """A definition worth a card: a term of content words and a description of some length."""
    words = match.group(1).split()
    return (
        len(match["what"].split()) >= 4
        and not any(w in lx.STOP_WORDS for w in words)
        and words[-1] not in _NOT_KINDS
    )


def _describes(predicate: str) -> bool:
    """ "the preferred installer program": a description that defines; "U+265E is a code
    point" (two words after a value from code) only files an example under a class."""
    return len(re.split(r"[,.;:(]", predicate, maxsplit=1)[0].split()) >= 3


def _specific_word(name: str) -> bool:
    """A rare word or a name, no sentence opener: worth learning as what is defined."""
    if " " in name:
        return not language.is_generic_name(name)
    return (
        name not in lx.NOT_NAMES
        and name.casefold() not in lx.STOP_WORDS
        and language.zipf(name) < language.COMMON_ZIPF
    )


_PRIORITY = {
    EntityKind.MONEY: 0,
    EntityKind.PERCENT: 1,
    EntityKind.YEAR: 2,
    EntityKind.TITLE: 3,
    EntityKind.COMPANY: 4,
    EntityKind.PERSON: 5,
    EntityKind.PLACE: 6,
    EntityKind.ROLE: 7,
    EntityKind.COUNT: 8,
    EntityKind.NAME: 9,
    EntityKind.TERM: 10,
}
