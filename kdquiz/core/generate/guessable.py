"""Blanks the prompt gives away by a word of the same stem or by the other half of a pair.

"{{anarchism}}" beside "anarchy", a "{{promoted rook}}" in a sentence saying a rook promotes:
every word of the answer stands in the prompt with the same stem, and the blank is copied, not
recalled. "Black" and "{{White}}", "north" and "{{south}}", "input" and "{{output}}": when a
sentence names the two of a pair of opposites, asking one while the other is shown is a guess.
Both go by shape (a shared stem; a pair of everyday opposites), in any genre."""

from __future__ import annotations

import re

from kdquiz.core.generate import lexicon as lx

#: Letters two words must share from their start, at least, to be of one stem (unless they are
#: the same word: "rook"); and at most how many letters of the shorter may differ after that
#: ("anarchy" / "anarchism": 6 and 1; "Meta" / "metafying" are not one stem).
MIN_STEM = 5
MAX_ENDING = 2

_WORD = re.compile(r"[A-Za-z][a-z]+|[A-Z]+")


def _stem_of_one(word: str, other: str) -> bool:
    shorter = min(len(word), len(other))
    common = 0
    while common < shorter and word[common] == other[common]:
        common += 1
    return word == other or common >= MIN_STEM and shorter - common <= MAX_ENDING


def same_stem_in(prompt: str, answer: str) -> bool:
    """Does every content word of the answer stand in the prompt with the same stem?"""
    words = [w.casefold() for w in _WORD.findall(answer)]
    words = [w for w in words if w not in lx.STOP_WORDS]
    if not words:
        return False
    shown = {w.casefold() for w in _WORD.findall(prompt)}
    return all(any(_stem_of_one(w, s) for s in shown) for w in words)


#: Everyday opposites: one named beside the other gives it away.
OPPOSITES = {
    frozenset(pair)
    for pair in (
        ("black", "white"),
        ("north", "south"),
        ("east", "west"),
        ("left", "right"),
        ("up", "down"),
        ("upper", "lower"),
        ("top", "bottom"),
        ("front", "back"),
        ("inner", "outer"),
        ("input", "output"),
        ("import", "export"),
        ("read", "write"),
        ("send", "receive"),
        ("sender", "receiver"),
        ("client", "server"),
        ("buyer", "seller"),
        ("male", "female"),
        ("day", "night"),
        ("sun", "moon"),
        ("king", "queen"),
        ("major", "minor"),
        ("positive", "negative"),
        ("plus", "minus"),
        ("odd", "even"),
        ("hot", "cold"),
        ("light", "dark"),
        ("open", "close"),
        ("start", "end"),
        ("first", "last"),
        ("old", "new"),
        ("red", "blue"),
        ("home", "away"),
        ("attack", "defence"),
        ("attacker", "defender"),
        ("winner", "loser"),
        ("true", "false"),
        ("yes", "no"),
        ("on", "off"),
    )
}


def opposite_shown(text: str, start: int, end: int) -> bool:
    """Is the blank one word of a pair of opposites whose other word the sentence shows?"""
    answer = text[start:end].strip("\"'“”‘’").casefold()
    if " " in answer:
        return False
    rest = {w.casefold() for w in _WORD.findall(text[:start] + " " + text[end:])}
    return any(answer in pair and (pair - {answer}) <= rest for pair in OPPOSITES)
