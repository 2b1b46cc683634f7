"""Reading what a learner typed: folding text for comparison, typo distance, and reading numbers.

Kept apart from grading so the rules for "the same answer" can be read (and tested) on their own.
The rules are written out for teachers and players in docs/grading.md.
"""

from __future__ import annotations

import re
import unicodedata

from kdquiz.core.hangul import compose_jamo
from kdquiz.core.inflection import same_word

# Numbers are read in their own module; `parse_number` stays importable from here.
from kdquiz.core.numbers import (
    SPELLED_WORDS,
    ordinal_below_hundred,
    parse_number,
    spelled_number,
    word_below_hundred,
)

__all__ = ["ARTICLES", "digit_runs", "edit_distance", "fold", "joined_compounds", "parse_number",
           "same_answer", "same_word", "strip_accents", "typo_allowance", "word_forms", "words"]  # fmt: skip

#: Letters that Unicode does not decompose into a base letter plus an accent.
_EXTRA_FOLDS = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
    }
)

#: Apostrophes vanish ("don't" = "dont"); every other punctuation mark becomes a space.
_APOSTROPHES = frozenset("'’‘`´ʼ")

#: A comma between digits followed by exactly three digits is a thousands separator: 1,000 = 1000.
_THOUSANDS_COMMA = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")

ARTICLES = frozenset({"a", "an", "the"})

#: A space before exactly three digits groups thousands, as "1 000" is written in many countries;
#: "20 19" stays two numbers.
_THOUSANDS_SPACE = re.compile(r"(?<![\w.,])(\d{1,3})((?: \d{3})+)(?![\w.,])")

#: A hyphen between letters joins the parts of one compound word ("Eun-sook", "pre-production");
#: a part of one or two letters stays a short word, to be typed exactly ("B-list" is not
#: "A-list", nor "Min-jo" "Min-ho").
_COMPOUND_HYPHEN = re.compile(r"(?<=[^\W\d_]{3})[-\u2010\u2011](?=[^\W\d_]{3})")

#: An ampersand standing alone between words is the word "and": "rock & roll" = "rock and roll".
#: Inside a name ("AT&T", "R&B") it stays a mark like any other.
_AMPERSAND = re.compile(r"(?<!\S)&(?!\S)")


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
    text = compose_jamo(unicodedata.normalize("NFC", text))
    if not accent_sensitive:
        text = strip_accents(text)
    # Full-width letters and digits (Ａ, １) and ligatures become plain ones; NFKC keeps Hangul.
    text = unicodedata.normalize("NFKC", text)
    if not case_sensitive:
        text = text.casefold()
    text = _AMPERSAND.sub(" and ", text)
    return _THOUSANDS_SPACE.sub(_join_groups, " ".join(_drop_punctuation(text).split()))


def _join_groups(match: re.Match[str]) -> str:
    return match.group(1) + match.group(2).replace(" ", "")


def joined_compounds(text: str) -> str:
    """The text with its hyphenated compounds written as one word ("Kim Eun-sook" -> "Kim
    Eunsook"), so that a typo in one is measured against the whole compound, as a word is."""
    return _COMPOUND_HYPHEN.sub("", text)


def words(folded: str) -> list[str]:
    """Words of a folded answer, less a leading article ("the Host" -> ["host"]) unless alone."""
    parts = folded.split()
    if len(parts) > 1 and parts[0].casefold() in ARTICLES:
        parts = parts[1:]
    return parts


#: Words that say the same as another spelling, in typed answers: a title and its abbreviation,
#: and "percent" beside a number whose "%" the folding dropped ("30%" folds to "30").
_SAME_AS = {"mr": "mister", "dr": "doctor", "prof": "professor", "vs": "versus"}
_DROPPED = frozenset({"percent", "pct"})


def one_form(parts: list[str]) -> list[str]:
    """The words with numbers and ordinals below a hundred as digits, titles written out and
    "percent" after a number dropped (see `word_forms`)."""
    out: list[str] = []
    i = 0
    while i < len(parts):
        word, after = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
        if word == "per" and after == "cent" and out and out[-1][:1].isdigit():
            i += 2
            continue
        if word in _DROPPED and out and out[-1][:1].isdigit():
            i += 1
            continue
        big = spelled_number(parts[i : i + SPELLED_WORDS])  # not the rest of a long answer
        if big is not None:
            out.append(str(big[0]))  # "one thousand" is 1000
            i += big[1]
            continue
        number = word_below_hundred(word, after)
        ordinal = ordinal_below_hundred(word, after)
        if ordinal is not None and (number is None or ordinal[1] > number[1]):
            out.append(ordinal[0])  # "twenty first" is 21st, not 20 and 1st
            i += ordinal[1]
        elif number is not None:
            out.append(str(number[0]))
            i += number[1]
        else:
            out.append(_SAME_AS.get(word, word))
            i += 1
    return out


def word_forms(typed: str, expected: str) -> list[tuple[list[str], list[str]]]:
    """The words of two folded answers as written, then, where either spells a number or an
    ordinal below a hundred in words, a title's abbreviation or "percent" after a number, with
    those in one form: "twelve episodes" = "12 episodes", "twenty-first" = "21st", "Dr" =
    "Doctor", "30 percent" = "30%". Only the second pairing converts, so "sixten" is still a
    near miss of "sixteen" as written."""
    pairs = [(words(typed), words(expected))]
    # Numbers first, so that the "a" of "a thousand" is read as one, not left out as an article.
    converted = (
        words(" ".join(one_form(typed.split()))),
        words(" ".join(one_form(expected.split()))),
    )
    if converted != pairs[0]:
        pairs.append(converted)
    return pairs


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
    """Damerau-Levenshtein distance (optimal string alignment), or `limit + 1` beyond `limit`.

    Only the cells within `limit` of the diagonal are computed (any other is over the limit), so
    a long answer costs its length times the limit, not its length squared.
    """
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    over, width = limit + 1, 2 * limit + 1
    # Row i holds the cells (i, j) for j = i - limit ... i + limit, at index j - i + limit.
    before: list[int] | None = None
    previous = [k - limit if k >= limit else over for k in range(width)]
    for i in range(1, len(a) + 1):
        current = [over] * width
        for k in range(max(0, limit - i), min(width, len(b) - i + limit + 1)):
            j = i + k - limit
            if j == 0:
                current[k] = i
                continue
            best = previous[k] + (a[i - 1] != b[j - 1])
            if k + 1 < width:
                best = min(best, previous[k + 1] + 1)
            if k:
                best = min(best, current[k - 1] + 1)
            if before is not None and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, before[k] + 1)
            current[k] = min(best, over)
        if min(current) > limit:
            return over
        before, previous = previous, current
    return min(previous[len(b) - len(a) + limit], over)


def digit_runs(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def same_answer(typed: str, expected: str, *, inflections: bool = True) -> bool:
    """Whether two folded answers say the same, less any leading article.

    Word by word, each the same word or (with `inflections`) a plural or comparison of it
    ("seeds" = "seed"), numbers below a hundred in words or digits alike; or run together, so that "K drama" = "K-drama" = "Kdrama", as long as
    the numbers stay the same ("20 19" is not "2019").
    """
    alike = same_word if inflections else str.__eq__
    for typed_words, expected_words in word_forms(typed, expected):
        if len(typed_words) == len(expected_words) and all(map(alike, typed_words, expected_words)):
            return True
    typed_words, expected_words = words(typed), words(expected)
    joined_alike = alike("".join(typed_words), "".join(expected_words)) or (
        # a compound that starts like an article: "Alist" = "A-list", "anaa" = "an-aa"
        alike(typed.replace(" ", ""), expected.replace(" ", ""))
    )
    return joined_alike and digit_runs(typed) == digit_runs(expected)
