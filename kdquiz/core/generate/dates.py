"""Dates that are spans of time, not one year: a decade ("since the 1850's", "in the early
1990s") and a range of years ("between 1858 and 1861", "from 1993 to 1996").

Each is one answer. Its wrong choices are of its own form: a decade's are other decades ("the
1840's", "the 1870's"), never the years around it (1849, 1851: the blank read "_____'s"), and a
range's are ranges of the same length moved by a few years ("1852 and 1855"), never a single
year that may fall inside it.
"""

from __future__ import annotations

import random
import re

#: A decade: a year ending in 0 and an "s" ("1850s", "1850's", "1850’s").
DECADE = re.compile(r"(?<![\d,.$€£¥₩-])\b(?P<year>1[5-9]\d0|20\d0)(?P<s>['’]?s)\b")
_YEAR = r"1[5-9]\d\d|20\d\d"
#: A range of years said in words: "between 1858 and 1861", "from 1993 to 1996", "from 1954
#: until 1965". Dashed ranges are left alone: "2004-2022" is a copyright line, "(1768 – 1830)"
#: a lifespan, "2026-12" a date.
YEAR_RANGE = re.compile(
    rf"\b(?:between (?P<a>{_YEAR}) and (?P<b>{_YEAR})"
    rf"|from (?P<c>{_YEAR}) (?:to|until|till|through) (?P<d>{_YEAR}))\b(?![\d%-])"
)
DECADE_UNIT = "decade"
RANGE_UNIT = "years"
SPAN_UNITS = frozenset({DECADE_UNIT, RANGE_UNIT})


def decades(sentence: str) -> list[tuple[int, int, int]]:
    """(start, end, year) of each decade the sentence names, the "s" included."""
    return [(m.start(), m.end(), int(m["year"])) for m in DECADE.finditer(sentence)]


def year_ranges(sentence: str) -> list[tuple[int, int, int, int]]:
    """(start, end, first, last) of each range of years, the span from the first year to the
    last ("between {1858 and 1861}"), only when the last comes after the first."""
    out = []
    for match in YEAR_RANGE.finditer(sentence):
        first_group = "a" if match["a"] else "c"
        last_group = "b" if match["b"] else "d"
        first, last = int(match[first_group]), int(match[last_group])
        if last > first:
            out.append((match.start(first_group), match.end(last_group), first, last))
    return out


def wrong_decades(text: str, decade: int, rng: random.Random, count: int) -> list[str]:
    """Other decades written as `text` is ("1850's" -> "1830's", "1870's"), two either side at
    most, none past 2090."""
    suffix = text[4:]
    offsets = [d for d in (-30, -20, -10, 10, 20, 30) if 1500 <= decade + d <= 2090]
    rng.shuffle(offsets)
    return [f"{decade + d}{suffix}" for d in offsets[:count]]


def wrong_ranges(text: str, first: int, last: int, rng: random.Random, count: int) -> list[str]:
    """The same range moved by three to twelve years, as written ("1858 and 1861" -> "1852 and
    1855"): each differs from the right one at both ends and keeps its length."""
    offsets = [d for d in range(-12, 13) if abs(d) >= 3 and 1500 <= first + d and last + d <= 2099]
    rng.shuffle(offsets)
    out = []
    for d in offsets[:count]:
        # The last year first: "1858 and 1861" moved by 3 must not turn 1858 into 1861 twice.
        moved = text[::-1].replace(str(last)[::-1], str(last + d)[::-1], 1)[::-1]
        head, tail = moved[: moved.rfind(str(last + d))], moved[moved.rfind(str(last + d)) :]
        out.append(head.replace(str(first), str(first + d), 1) + tail)
    return out
