"""Reading a number the way people write it, and checking it against a card's answer and unit.

"$20 million", "22.5M", "twenty-two and a half million", "22,500,000 dollars" and "2250만 달러" are
one amount. A card's unit may carry a magnitude ("million dollars"): its answer is then counted in
millions, so a bare "22.5" and a written-out "22,500,000" both match, and "22.5 thousand" does not.
The rules are written out for teachers and players in docs/grading.md.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

#: Longer input is not an answer to a quiz question, and bounding it keeps parsing cheap.
MAX_LENGTH = 200

_SCALES = {
    "hundred": 1e2, "hundreds": 1e2,
    "k": 1e3, "thousand": 1e3, "thousands": 1e3,
    "m": 1e6, "mn": 1e6, "mil": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9,
    "t": 1e12, "tn": 1e12, "trillion": 1e12, "trillions": 1e12,
}  # fmt: skip
_KOREAN_SCALES = {"십": 1e1, "백": 1e2, "천": 1e3, "만": 1e4, "억": 1e8, "조": 1e12}
_KOREAN_DIGITS = {"영": 0, "공": 0, "일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7,
                  "팔": 8, "구": 9}  # fmt: skip

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_FRACTIONS = {"half": 0.5, "quarter": 0.25}


_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}  # fmt: skip


def ordinal_below_hundred(first: str, second: str = "") -> tuple[str, int] | None:
    """The ordinal that English words start with, if below a hundredth, as digits and how many
    words it took: ("twenty", "first") -> ("21st", 2), ("third", "") -> ("3rd", 1)."""
    tens = _TENS.get(first)
    if tens is not None and 0 < _ORDINALS.get(second, 0) < 10:
        value, taken = tens + _ORDINALS[second], 2
    elif first in _ORDINALS:
        value, taken = _ORDINALS[first], 1
    else:
        return None
    ending = (
        "th" if value % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    )
    return f"{value}{ending}", taken


def word_below_hundred(first: str, second: str = "") -> tuple[int, int] | None:
    """The number that English words start with, if below a hundred, and how many words it took:
    ("twenty", "one") -> (21, 2), ("sixteen", "") -> (16, 1), ("episodes", "") -> None."""
    tens = _TENS.get(first)
    if tens is not None and 0 < _ONES.get(second, 0) < 10:
        return tens + _ONES[second], 2
    value = _ONES.get(first, tens)
    return None if value is None else (value, 1)


_BIG_SCALES = frozenset({"hundred", "thousand", "million", "billion", "trillion"})


#: The most words one number spelled out may take ("nine hundred ninety nine thousand ...").
SPELLED_WORDS = 12


def spelled_number(words: list[str]) -> tuple[int, int] | None:
    """A whole number of a hundred or more that English words start with, and how many words it
    took: ["one", "thousand", "cats"] -> (1000, 2), ["a", "hundred"] -> (100, 2). Smaller numbers
    are `word_below_hundred`'s."""
    if not words or not (words[0] in _ONES or words[0] in _TENS or words[0] == "a"):
        return None
    for size in range(
        min(len(words), SPELLED_WORDS), 1, -1
    ):  # the longest run that is all one number
        phrase = words[:size]
        if phrase[-1] == "and" or _BIG_SCALES.isdisjoint(phrase):
            continue
        read = _read_words(" ".join(phrase))
        if read is not None and not read[2] and read[0].is_integer():
            return int(read[0]), size
    return None


#: Currency signs, codes and words, each with the currency it names.
_CURRENCY_SIGNS = {"$": "USD", "₩": "KRW", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_WORDS = {
    "usd": "USD", "us dollars": "USD", "us dollar": "USD", "dollars": "USD", "dollar": "USD",
    "bucks": "USD", "달러": "USD", "불": "USD",
    "krw": "KRW", "won": "KRW", "korean won": "KRW", "원": "KRW",
    "eur": "EUR", "euros": "EUR", "euro": "EUR", "유로": "EUR",
    "gbp": "GBP", "pounds sterling": "GBP", "jpy": "JPY", "yen": "JPY", "엔": "JPY",
}  # fmt: skip
_CURRENCY_WORD = "|".join(sorted(map(re.escape, _CURRENCY_WORDS), key=len, reverse=True))
_LEADING_CURRENCY = re.compile(rf"^(?:{_CURRENCY_WORD})(?=[\s\d.,+-]|$)")
# Korean currency words follow the number directly ("2천만원"); others stand apart ("20 won").
_TRAILING_CURRENCY = re.compile(rf"(?:(?<=[\s\d.,])|(?=[원달불유엔]))(?:{_CURRENCY_WORD})$")

#: Hedges before the number, and the "in" of "in 2022" that echoes "In which year ...?" or the
#: "early" of "early 2022": the number itself is what is graded.
_APPROX = re.compile(
    r"^(?:mid-(?=\d)|(?:about|around|approximately|roughly|circa|some|nearly|almost|over|more than|up to"
    r"|at least|at most|no more than|maximum|max|in the year|in|the year|year|early|late|mid"
    r"|약)(?![^\W\d_])|approx\.?|ca\.|~|≈|>=?|≥|<=|≤)\s*"
)
#: Dashes a word processor or phone may put for a minus sign: "–5" is -5.
_MINUS_SIGNS = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2212", "-"))
#: Fractions typed as one character: "3½" is 3.5 ("3 ½" too, and "½" alone is 0.5).
_VULGAR_FRACTION = re.compile(r"(\d?)\s*([½¼¾])")
_VULGAR_VALUES = {"½": ".5", "¼": ".25", "¾": ".75"}
_NUMBER = re.compile(r"(?:\d[\d,.' \u00a0\u202f]*\d|\d|[.,]\d+)(?:e[+-]?\d+(?![\d.,]))?")
_SCALE_WORD = re.compile(r"(" + "|".join(sorted(_SCALES, key=len, reverse=True)) + r")(?![^\W\d_])")
#: Two amounts joined as a range: "20-25", "20 to 25 million", "between 20 and 25", "20~25".
_RANGE_START = re.compile(r"^(?:between|from)\s+")
_RANGE_SEPARATOR = re.compile(r"\s*(?:-|–|—|~|\bto\b|\band\b)\s*")
_AND_A_FRACTION = re.compile(r"^and an? (half|quarter)(?![^\W\d_])")
_PERCENT = re.compile(r"^(?:%|(?:percent|per cent|pct|퍼센트|프로)(?![^\W\d_]))")
_KOREAN_NUMERAL_CHARS = "".join(_KOREAN_SCALES) + "".join(_KOREAN_DIGITS)
_KOREAN_RUN = re.compile(
    rf"(?:[\d.,]+|[{_KOREAN_NUMERAL_CHARS}])(?:\s*(?:[\d.,]+|[{_KOREAN_NUMERAL_CHARS}]))*"
)


@dataclass(frozen=True, slots=True)
class Reading:
    """One number as the learner wrote it."""

    value: float  # with any magnitude the learner wrote applied: "20 million" is 20,000,000
    scaled: bool  # the learner wrote a magnitude (thousand, M, 만 ...), so `value` is absolute
    currency: str  # "USD", "KRW" ... when the learner named one, else ""


@dataclass(frozen=True, slots=True)
class Unit:
    """A card's unit split into its magnitude and the rest: "million dollars" is 1e6 and dollars."""

    scale: float
    name: str  # the unit less its magnitude, as written: "dollars"
    currency: str  # the currency it names, else ""


def card_unit(unit: str) -> Unit:
    """Split a card's unit into magnitude ("million", "억") and name ("dollars", "원")."""
    text = unicodedata.normalize("NFKC", unit).casefold().strip()
    currency = next((code for sign, code in _CURRENCY_SIGNS.items() if sign in text), "")
    scale = 1.0
    rest: list[str] = []
    for token in text.split():
        korean = re.match(f"[{''.join(_KOREAN_SCALES)}]+", token)
        if len(token) > 2 and token in _SCALES and _SCALES[token] >= 1e3:
            scale *= _SCALES[token]
        elif korean:
            for char in korean.group(0):
                scale *= _KOREAN_SCALES[char]
            if token[korean.end() :]:
                rest.append(token[korean.end() :])
        else:
            rest.append(token)
    name = " ".join(rest)
    if not currency:
        currency = _CURRENCY_WORDS.get(_without_currency(name).strip(), "")
    return Unit(scale, name, currency)


def amount_within(text: str, unit: str, low: float, high: float) -> bool | None:
    """Whether the amount typed lies in [low, high], counted in the card's unit; None: no number.

    A number written with a magnitude is compared as written ("22.5 thousand" is 22,500). One
    written without is in the card's unit or spelled out in full, whichever is nearer the answer:
    for a card in "million dollars", "22.5" and "22,500,000" are both 22.5 million. A currency
    other than the card's is wrong. A range is right when both its ends are.
    """
    reading = read_number(text, unit)
    readings = [reading] if reading is not None else read_range(text, unit)
    if not readings:
        return None
    measure = card_unit(unit)
    return all(_reading_within(r, measure, low, high) for r in readings)


def is_amount(text: str, unit: str = "") -> bool:
    """Whether `text` reads as one amount or a range of two, so it is worth grading."""
    return read_number(text, unit) is not None or bool(read_range(text, unit))


def read_range(text: str, unit: str = "") -> list[Reading]:
    """Both ends of a range ("20-25 million", "between $20m and $25m", "2천만~2천5백만"), or [].

    A magnitude written only after the second number applies to both: "20-25 million" is
    20 million to 25 million.
    """
    if not isinstance(text, str) or len(text) > MAX_LENGTH:
        return []
    text = _RANGE_START.sub("", unicodedata.normalize("NFKC", text).casefold().strip())
    for separator in _RANGE_SEPARATOR.finditer(text):
        first, second = text[: separator.start()].strip(), text[separator.end() :].strip()
        if not first or not second:
            continue
        end = read_number(second, unit)
        start = read_number(first, unit)
        if start is None or end is None:
            continue
        if end.scaled and not start.scaled:
            start = read_number(f"{first} {_magnitude_words(second)}", unit) or start
        return [start, end]
    return []


def _magnitude_words(text: str) -> str:
    """The magnitude written in `text` ("25 million dollars" -> "million", "25m" -> "m")."""
    bare = _without_currency(text).strip()
    number = _NUMBER.match(bare)
    after = bare[number.end() :].strip() if number else bare
    scale = _SCALE_WORD.search(after)
    korean = re.search(f"[{''.join(_KOREAN_SCALES)}]+", bare)
    return scale.group(1) if scale else korean.group(0) if korean else ""


def _reading_within(reading: Reading, measure: Unit, low: float, high: float) -> bool:
    if reading.currency and measure.currency and reading.currency != measure.currency:
        return False
    value = reading.value
    if reading.scaled or _nearer_in_full(value, measure.scale, (low + high) / 2):
        value /= measure.scale
    # A hair of slack so that 0.1 + 0.2 style rounding never turns a right answer wrong.
    epsilon = 1e-9 * max(1.0, abs(low), abs(high))
    return low - epsilon <= value <= high + epsilon


def _nearer_in_full(value: float, scale: float, answer: float) -> bool:
    """Whether a number typed without a magnitude is the amount in full ("22,500,000" for 22.5
    million) rather than counted in the card's unit ("22.5"): the reading nearer the answer in
    size wins, so the two never both count.
    """
    if scale == 1 or value == 0 or answer == 0:
        return False
    as_typed = abs(math.log10(abs(value) / abs(answer)))
    in_full = abs(math.log10(abs(value) / scale / abs(answer)))
    return in_full < as_typed


def parse_number(text: str, unit: str = "") -> float | None:
    """The number a learner typed, or None if it cannot be read as exactly one number.

    `unit` is the card's unit: it may be typed or left out, and a unit such as "m" is then never
    mistaken for "million".
    """
    reading = read_number(text, unit)
    return None if reading is None else reading.value


def read_number(text: str, unit: str = "") -> Reading | None:
    """The number a learner typed, with how it was written, or None if not exactly one number."""
    if not isinstance(text, str) or not isinstance(unit, str) or len(text) > MAX_LENGTH:
        return None
    text = _VULGAR_FRACTION.sub(lambda m: (m[1] or "0") + _VULGAR_VALUES[m[2]], text)
    text = unicodedata.normalize("NFKC", text).casefold().translate(_MINUS_SIGNS).strip()
    text = re.sub(r"\b(?:us|u\.s\.)\s*\$", "$", text)
    signs = {code for sign, code in _CURRENCY_SIGNS.items() if sign in text}
    text = _APPROX.sub("", _without_currency(text).strip())
    text = _strip_unit(text, card_unit(unit).name)
    text, words = _take_currency_words(text)
    named = signs | words
    if len(named) > 1:
        return None  # "$20 million won"
    text = _APPROX.sub("", text)
    sign = 1.0
    if text.startswith(("-", "minus ", "negative ")):
        sign = -1.0
        text = text.removeprefix("-").removeprefix("minus ").removeprefix("negative ").strip()
    elif text.startswith("+"):
        text = text[1:].strip()
    read = _read_korean(text) or _read_digits(text) or _read_words(text)
    if read is None:
        return None
    value, scaled, rest = read
    if _has_number(rest):
        return None  # "20 or 30", "twenty or thirty", "1/2", "20-30": more than one number
    value *= sign
    if not math.isfinite(value):
        return None
    return Reading(value, scaled, next(iter(named), ""))


def _read_digits(text: str) -> tuple[float, bool, str] | None:
    """Digits with separators ("22,500,000", "22.5"), then an optional percent or magnitude."""
    match = _NUMBER.match(text)
    if match is None:
        return None
    value = _digits_value(match.group(0))
    if value is None:
        return None
    rest = _PERCENT.sub("", text[match.end() :].strip(), count=1).strip()
    fraction = _AND_A_FRACTION.match(rest)
    if fraction:  # "2 and a half million"
        value += _FRACTIONS[fraction.group(1)]
        rest = rest[fraction.end() :].strip()
    scale = _SCALE_WORD.match(rest)
    if scale is None:
        return value, False, rest
    factor = _SCALES[scale.group(1)]
    return value * factor, factor >= 1e3, rest[scale.end() :]


def _read_korean(text: str) -> tuple[float, bool, str] | None:
    """Sino-Korean numerals, alone or after digits: "2천만", "1억 2천만", "이천오백만", "2.5억"."""
    match = _KOREAN_RUN.match(text)
    if match is None:
        return None
    run = match.group(0).rstrip()
    if not any(char in _KOREAN_SCALES for char in run):
        return None  # digits alone, or "20일" (20 days), are read as digits
    rest = text[len(run) :]
    if run[-1] in _KOREAN_DIGITS and rest[:1].isalpha():
        return None  # a word that merely starts like a numeral: "오늘", "이름"
    total = section = 0.0
    number: float | None = None
    scaled = False
    for token in re.findall(rf"[\d.,]+|[{_KOREAN_NUMERAL_CHARS}]", run):
        if token in _KOREAN_SCALES and _KOREAN_SCALES[token] < 1e4:  # 십 백 천 within a group
            section += (1 if number is None else number) * _KOREAN_SCALES[token]
            scaled = scaled or _KOREAN_SCALES[token] >= 1e3
            number = None
        elif token in _KOREAN_SCALES:  # 만 억 조 close a group of four digits
            group = section + (number or 0)
            total += (group or 1) * _KOREAN_SCALES[token]
            section, number, scaled = 0.0, None, True
        elif number is not None:
            return None  # two numbers in a row: "1 2"
        else:
            number = _KOREAN_DIGITS.get(token)
            if number is None:
                number = _digits_value(token)
            if number is None:
                return None
    value = total + section + (number or 0)
    rest = _PERCENT.sub("", rest.strip(), count=1)
    return value, scaled, rest


def _read_words(text: str) -> tuple[float, bool, str] | None:
    """English number words at the start ("twenty-two and a half million ..."), and the rest."""
    if any(c.isdigit() for c in text):
        return None
    tokens = re.split(r"[\s-]+", text.strip())
    total = current = 0.0
    used = 0
    scaled = False
    decimals = 0  # digits read after "point"
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1 : index + 3]
        if decimals and token in _ONES and _ONES[token] < 10:
            current += _ONES[token] / 10**decimals
            decimals += 1
        elif token in _ONES and not decimals:
            current += _ONES[token]
        elif token in _TENS and not decimals:
            current += _TENS[token]
        elif token == "point" and used and not decimals:
            decimals = 1
        elif token == "a" and index == 0 and _is_scale_word(following[:1]):
            current = 1  # "a million"
        elif (
            token == "and"
            and used
            and following[:1] == ["a"]
            and following[1:] in (["half"], ["quarter"])
        ):
            current += _FRACTIONS[following[1]]  # "two and a half million"
            index += 2
        elif token in _FRACTIONS and index == 0:
            current = _FRACTIONS[token]  # "half a million"
            if following[:1] == ["a"] and _is_scale_word(following[1:]):
                index += 1
        elif token == "and" and used:
            pass
        elif used and _is_scale_word([token]) and decimals != 1:
            decimals = 0
            if _SCALES[token] == 100:
                current *= 100
            else:
                total += current * _SCALES[token]
                current = 0
                scaled = True
        else:
            break
        index += 1
        used = index
    if not used or decimals == 1:
        return None  # nothing, or "twenty point" with no digit after the point
    rest = " ".join(tokens[used:])
    return total + current, scaled, _PERCENT.sub("", rest, count=1).strip()


def _is_scale_word(tokens: list[str]) -> bool:
    """A spelled-out scale ("million"); abbreviations such as "k" and "m" only follow digits."""
    return bool(tokens) and len(tokens[0]) > 2 and tokens[0] in _SCALES


def _grouped(digits: str, separator: str) -> bool:
    """True when `separator` splits `digits` into thousands groups: 1,234,567 but not 12,34."""
    return re.fullmatch(rf"\d{{1,3}}(?:{re.escape(separator)}\d{{3}})+", digits) is not None


def _digits_value(core: str) -> float | None:
    """The value of a run of digits with thousands separators and one decimal mark, or None."""
    exponent = ""
    if "e" in core:
        core, _, exponent = core.partition("e")
    for space in " '\u00a0\u202f":
        if space in core:
            whole, mark, fraction = _split_decimal(core)
            if not _grouped(whole, space):
                return None
            core = whole.replace(space, "") + mark + fraction
    commas, dots = core.count(","), core.count(".")
    if commas and dots:
        decimal = "," if core.rfind(",") > core.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _, fraction = core.rpartition(decimal)
        if thousands in fraction or decimal in whole or not _grouped(whole, thousands):
            return None
        core = whole.replace(thousands, "") + "." + fraction
    elif commas > 1 or dots > 1:
        mark = "," if commas else "."
        if not _grouped(core, mark):
            return None
        core = core.replace(mark, "")
    elif commas == 1:
        whole, _, fraction = core.partition(",")
        # 1,500 is fifteen hundred; 1,5 and 0,500 can only be decimal commas.
        grouped = len(fraction) == 3 and 1 <= len(whole) <= 3 and not whole.startswith("0")
        core = whole + fraction if grouped else f"{whole or '0'}.{fraction}"
    try:
        return float(core + ("e" + exponent if exponent else ""))
    except ValueError:
        return None


def _split_decimal(core: str) -> tuple[str, str, str]:
    """Split off a trailing decimal part (".5" or ",5") that is not itself a thousands group."""
    match = re.search(r"([.,])(\d+)$", core)
    if match is None or (match.group(1) == "," and len(match.group(2)) == 3):
        return core, "", ""
    return core[: match.start()], match.group(1), match.group(2)


def _has_number(text: str) -> bool:
    return any(c.isdigit() for c in text) or any(
        token in _ONES or token in _TENS for token in re.split(r"[\W_]+", text)
    )


def _without_currency(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) != "Sc")  # $, €, ₩ ...


def _take_currency_words(text: str) -> tuple[str, set[str]]:
    """Strip currency codes and words from either end ("USD 20", "20 million won", "2천만원")."""
    named: set[str] = set()
    leading = _LEADING_CURRENCY.search(text)
    if leading:
        named.add(_CURRENCY_WORDS[leading.group(0)])
        text = text[leading.end() :].strip()
    trailing = _TRAILING_CURRENCY.search(text)
    if trailing:
        named.add(_CURRENCY_WORDS[trailing.group(0)])
        text = text[: trailing.start()].strip()
    return text, named


def _strip_unit(text: str, unit: str) -> str:
    """Remove the card's own unit (and its plural or singular) from either end of the answer."""
    unit = _without_currency(unit).strip()
    if not unit:
        return text
    forms = {unit, unit + "s"}
    if unit.endswith("s") and len(unit) > 1:
        forms.add(unit[:-1])  # "1 episode" for the unit "episodes"
    for form in sorted(forms, key=len, reverse=True):
        before = text[: -len(form)]
        # A word unit must stand apart: "20 mm" does not end in the unit "m"; Korean ones need not.
        stands_apart = not before or not before[-1].isalpha() or not form[0].isalpha()
        if text.endswith(form) and (stands_apart or "\uac00" <= form[0] <= "\ud7a3"):
            return before.strip()
        after = text[len(form) :]
        # "US$20", "KRW 5000"
        if text.startswith(form) and (after[:1].isdigit() or after[:1].isspace()):
            return after.strip()
    return text
