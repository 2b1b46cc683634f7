"""Plausible wrong numbers: the same kind of value, written the same way, clearly different.

"$20 million to $25 million" becomes "$40 million to $50 million", "30%" becomes "45%", 2023
becomes 2021. Wrong values never equal the right one or each other once written out.
"""

from __future__ import annotations

import math
import random
import re

from kdquiz.core.generate import dates
from kdquiz.core.generate import lexicon as lx
from kdquiz.core.generate.entities import Entity, EntityKind

_LITERAL = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[A-Za-z]+")
_WORD_OF = {v: k for k, v in lx.NUMBER_WORDS.items()}


def _nice(value: float) -> float:
    """Two significant figures, so 37.5 becomes 38 and 1234 becomes 1200."""
    if value == 0:
        return 0.0
    digits = 1 - math.floor(math.log10(abs(value)))
    return round(value, digits)


def _format_like(original: str, value: float) -> str:
    if original.casefold() in lx.NUMBER_WORDS:
        word = _WORD_OF.get(int(value)) if value == int(value) else None
        if word:
            return word.capitalize() if original[0].isupper() else word
        return f"{int(value)}" if value == int(value) else f"{value:g}"
    decimals = len(original.split(".")[1]) if "." in original else 0
    if decimals == 0 and value != int(value):
        decimals = 1
    text = f"{value:,.{decimals}f}" if "," in original else f"{value:.{decimals}f}"
    return text


def rewrite(entity: Entity, values: list[float]) -> str:
    """The entity's text with its numbers replaced, in order, by `values` (one or two)."""
    out = []
    position = 0
    numbers = iter(values)
    for match in _LITERAL.finditer(entity.text):
        literal = match.group()
        if not (literal[0].isdigit() or literal.casefold() in lx.NUMBER_WORDS):
            continue
        value = next(numbers, None)
        if value is None:
            break
        out.append(entity.text[position : match.start()])
        out.append(_format_like(literal, value))
        position = match.end()
    out.append(entity.text[position:])
    return "".join(out)


def wrong_values(entity: Entity, rng: random.Random, count: int) -> list[str]:
    """Up to `count` wrong versions of a numeric entity, as text, distinct from it and each other."""
    options: list[list[float]] = []
    low, high = entity.low, entity.high
    if entity.kind is EntityKind.YEAR and entity.unit == dates.DECADE_UNIT:
        return dates.wrong_decades(entity.text, int(low), rng, count)
    if entity.kind is EntityKind.YEAR and entity.unit == dates.RANGE_UNIT:
        return dates.wrong_ranges(entity.text, int(low), int(high), rng, count)
    if entity.kind is EntityKind.YEAR:
        offsets = [d for d in range(-6, 7) if d]
        rng.shuffle(offsets)
        options = [[low + d] for d in offsets if low + d <= 2099]
    elif entity.kind is EntityKind.PERCENT:
        step = 5 if low % 5 == 0 and high % 5 == 0 else 1
        deltas = [d * step for d in (-4, -3, -2, 2, 3, 4, 6, 8)]
        if high < 20:
            deltas = [d for d in (-2, -1, 1, 2, 3, 5, 8, 10) if d * step]
        rng.shuffle(deltas)
        options = [[low + d, high + d] for d in deltas if 0 < low + d and high + d <= 100]
    elif entity.text.casefold() in lx.NUMBER_WORDS:
        # Written as a word: offer words too ("three", "eight"), never a mix of words and digits.
        worded = [v for v in _WORD_OF if v != low and abs(v - low) <= max(6, low)]
        rng.shuffle(worded)
        options = [[float(v)] for v in worded]
    elif entity.unit == "x":
        # A factor ("1.7x"): near values with as many decimals, never below 1.
        steps = [-0.5, -0.3, 0.3, 0.5, 0.8, 1.2]
        rng.shuffle(steps)
        options = [[round(low + d, 2)] for d in steps if low + d > 1]
    else:
        factors = [0.25, 0.5, 1.5, 2, 3, 4]
        rng.shuffle(factors)
        options = [[_nice(low * f), _nice(high * f)] for f in factors]
        if entity.kind is EntityKind.COUNT:
            options = [[max(2, round(a)), max(2, round(b))] for a, b in options]
    seen = {entity.text.casefold()}
    out: list[str] = []
    for values in options:
        text = rewrite(entity, values if entity.is_range else values[:1])
        if text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text)
        if len(out) == count:
            break
    return out
