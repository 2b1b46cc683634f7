"""Reading what a learner typed: folding text for comparison, typo distance, and reading numbers.

Kept apart from grading so the rules for "the same answer" can be read (and tested) on their own.
The rules are written out for teachers and players in docs/grading.md.
"""

from __future__ import annotations

import math
import re
import unicodedata

#: Letters that Unicode does not decompose into a base letter plus an accent.
_EXTRA_FOLDS = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ł": "l", "Ł": "L",
     "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i"}
)

#: Apostrophes vanish ("don't" = "dont"); every other punctuation mark becomes a space.
_APOSTROPHES = frozenset("'’‘`´ʼ")

#: A comma between digits followed by exactly three digits is a thousands separator: 1,000 = 1000.
_THOUSANDS_COMMA = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")

ARTICLES = frozenset({"a", "an", "the"})


def _is_hangul(char: str) -> bool:
    """Hangul syllables and jamo must pass through untouched: NFKD would split them into jamo."""
    code = ord(char)
    return (
        0xAC00 <= code <= 0xD7A3  # syllables
        or 0x1100 <= code <= 0x11FF  # jamo
        or 0x3130 <= code <= 0x318F  # compatibility jamo
        or 0xA960 <= code <= 0xA97F  # jamo extended-A
        or 0xD7B0 <= code <= 0xD7FF  # jamo extended-B
    )


def strip_accents(text: str) -> str:
    """Drop combining marks from non-Hangul characters ("Café" -> "Cafe", "서울" unchanged)."""
    out = []
    for char in text:
        if _is_hangul(char) or char.isascii():
            out.append(char)
            continue
        decomposed = unicodedata.normalize("NFKD", char)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out).translate(_EXTRA_FOLDS)


def _drop_punctuation(text: str) -> str:
    text = _THOUSANDS_COMMA.sub("", text)
    out = []
    for i, char in enumerate(text):
        category = unicodedata.category(char)
        if char in _APOSTROPHES:
            continue
        if category.startswith("P"):
            # Keep a decimal point or decimal comma inside a number: "1.5" is not "15" or "1 5".
            between_digits = 0 < i < len(text) - 1 and (text[i - 1] + text[i + 1]).isdigit()
            out.append(char if char in ".," and between_digits else " ")
        elif category.startswith("C") or category.startswith("Z"):
            out.append(" ")  # control and separator characters, including odd spaces
        else:
            out.append(char)
    return "".join(out)


def fold(text: str, *, case_sensitive: bool = False, accent_sensitive: bool = False) -> str:
    """The comparable form of an answer: NFC, folded case/accents, no punctuation, single spaces."""
    text = unicodedata.normalize("NFC", text)
    if not accent_sensitive:
        text = strip_accents(text)
    # Full-width letters and digits (Ａ, １) and ligatures become plain ones; NFKC keeps Hangul.
    text = unicodedata.normalize("NFKC", text)
    if not case_sensitive:
        text = text.casefold()
    return " ".join(_drop_punctuation(text).split())


def words(folded: str) -> list[str]:
    """Words of a folded answer, less a leading article ("the Host" -> ["host"]) unless alone."""
    parts = folded.split()
    if len(parts) > 1 and parts[0].casefold() in ARTICLES:
        parts = parts[1:]
    return parts


def typo_allowance(word: str) -> int:
    """Edits tolerated in a word: none under 5 letters, 1 from 5, 2 from 9, none with a digit."""
    if any(c.isdigit() for c in word):
        return 0
    if len(word) >= 9:
        return 2
    if len(word) >= 5:
        return 1
    return 0


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (optimal string alignment), or `limit + 1` beyond `limit`."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (
                before is not None
                and i > 1
                and j > 1
                and a[i - 1] == b[j - 2]
                and a[i - 2] == b[j - 1]
            ):
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)


def digit_runs(text: str) -> list[str]:
    return re.findall(r"\d+", text)


# --- Numbers: "20", "20,000,000", "$20 million", "1.5k", "twenty", "2천만" ---



_SCALES = {
    "hundred": 1e2, "hundreds": 1e2,
    "k": 1e3, "thousand": 1e3, "thousands": 1e3,
    "m": 1e6, "mn": 1e6, "mil": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9,
    "t": 1e12, "tn": 1e12, "trillion": 1e12, "trillions": 1e12,
}  # fmt: skip
_KOREAN_SCALES = {"십": 1e1, "백": 1e2, "천": 1e3, "만": 1e4, "억": 1e8, "조": 1e12}

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip

_APPROX = re.compile(r"^(?:about|around|approximately|approx\.?|roughly|circa|ca\.|~|≈)\s*")
_NUMBER = re.compile(r"(?:\d[\d,.' \u00a0\u202f]*\d|\d|[.,]\d+)(?:e[+-]?\d+(?![\d.,]))?")
_SCALE_WORD = re.compile(r"(" + "|".join(sorted(_SCALES, key=len, reverse=True)) + r")(?![^\W\d_])")
_KOREAN_SCALE = re.compile("[" + "".join(_KOREAN_SCALES) + "]+")
_PERCENT = re.compile(r"(?:%|percent(?![^\W\d_])|per cent(?![^\W\d_]))")

#: Longer input is not an answer to a quiz question, and bounding it keeps parsing cheap.
MAX_LENGTH = 200


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
        thousands = len(fraction) == 3 and 1 <= len(whole) <= 3 and not whole.startswith("0")
        core = whole + fraction if thousands else f"{whole or '0'}.{fraction}"
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


def _words_value(text: str) -> tuple[float, str] | None:
    """English number words at the start of `text` ("twenty-five thousand ..."), and the rest."""
    tokens = re.split(r"[\s-]+", text.strip())
    total = current = 0.0
    used = 0
    for index, token in enumerate(tokens):
        if token in _ONES:
            current += _ONES[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "a" and index == 0 and _is_scale_word(tokens[1:2]):
            current = 1  # "a million"
        elif token == "and" and used:
            continue
        elif used and _is_scale_word([token]):
            if _SCALES[token] == 100:
                current *= 100
            else:
                total += current * _SCALES[token]
                current = 0
        else:
            break
        used = index + 1
    if not used:
        return None
    return total + current, " ".join(tokens[used:])


def _is_scale_word(tokens: list[str]) -> bool:
    """A spelled-out scale ("million"); abbreviations such as "k" and "m" only follow digits."""
    return bool(tokens) and len(tokens[0]) > 2 and tokens[0] in _SCALES


def _has_number(text: str) -> bool:
    return any(c.isdigit() for c in text) or any(
        token in _ONES or token in _TENS for token in re.split(r"[\W_]+", text)
    )


def _without_currency(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) != "Sc")  # $, €, ₩ ...


def _strip_unit(text: str, unit: str) -> str:
    """Remove the card's own unit (and its plural or singular) from either end of the answer."""
    unit = _without_currency(unicodedata.normalize("NFKC", unit).casefold()).strip()
    if not unit:
        return text
    forms = {unit, unit + "s"}
    if unit.endswith("s") and len(unit) > 1:
        forms.add(unit[:-1])  # "1 episode" for the unit "episodes"
    for form in sorted(forms, key=len, reverse=True):
        before = text[: -len(form)]
        # A word unit must stand apart: "20 mm" does not end in the unit "m".
        stands_apart = not before or not before[-1].isalpha() or not form[0].isalpha()
        if text.endswith(form) and stands_apart:
            return before.strip()
        after = text[len(form):]
        # "US$20", "KRW 5000"
        if text.startswith(form) and (after[:1].isdigit() or after[:1].isspace()):
            return after.strip()
    return text


def parse_number(text: str, unit: str = "") -> float | None:
    """The number a learner typed, or None if it cannot be read as exactly one number.

    `unit` is the card's unit: it may be typed or left out, and a unit such as "m" is then never
    mistaken for "million".
    """
    if not isinstance(text, str) or not isinstance(unit, str) or len(text) > MAX_LENGTH:
        return None
    text = unicodedata.normalize("NFKC", text).casefold().replace("\u2212", "-").strip()
    text = _without_currency(text).strip()
    text = _strip_unit(text, unit)
    text = _APPROX.sub("", text)
    sign = 1.0
    if text.startswith(("-", "minus ")):
        sign, text = -1.0, text.removeprefix("-").removeprefix("minus ").strip()
    elif text.startswith("+"):
        text = text[1:].strip()
    match = _NUMBER.match(text)
    if match:
        core = match.group(0)
        value = _digits_value(core)
        rest = text[len(core):].strip()
    elif not any(c.isdigit() for c in text):
        words = _words_value(text)
        if words is None:
            return None
        value, rest = words
    else:
        return None
    if value is None:
        return None
    rest = _PERCENT.sub("", rest, count=1).strip() if rest.startswith(("%", "per")) else rest
    korean = _KOREAN_SCALE.match(rest)
    if korean:
        for char in korean.group(0):
            value *= _KOREAN_SCALES[char]
        rest = rest[korean.end():]
    elif match and (scale := _SCALE_WORD.match(rest)):
        value *= _SCALES[scale.group(1)]
        rest = rest[scale.end():]
    if _has_number(rest):
        return None  # "20 or 30", "twenty or thirty", "1/2", "20-30": more than one number
    value *= sign
    return value if math.isfinite(value) else None
