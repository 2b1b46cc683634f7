"""English word forms that keep a word's meaning: "seeds" for seed, "cooler" for cool.

A few written rules rather than a lemmatiser (whose word lists are megabytes, and which does not
relate "cooler" to "cool"): plurals (and the verb's -s) for every word, the comparative and
superlative for common adjectives only, and never -ed or -ing, which in quiz answers often make
another word ("united" is not "unit", "casting" is not "cast"). Words that a rule would mistake
are listed. Only plain ASCII words are inflected; other scripts and words
with digits must match as they are. The rules are written out in docs/grading.md.
"""

from __future__ import annotations

import re

#: Plurals that mean something else than their singular: "news" is not many "new"s. "Mrs" is
#: not many "Mr"s, nor "his" many "hi"s: words of their own that merely end in "s".
_OWN_MEANING = frozenset("news goods means customs glasses manners remains savings mrs his".split())

_IRREGULAR_PLURALS = {
    "man": "men", "woman": "women", "child": "children", "person": "people", "foot": "feet",
    "tooth": "teeth", "mouse": "mice", "goose": "geese", "crisis": "crises",
    "analysis": "analyses", "thesis": "theses", "criterion": "criteria",
    "phenomenon": "phenomena", "medium": "media", "datum": "data", "index": "indices",
}  # fmt: skip

#: Adjectives whose -er and -est forms are accepted: one a comparison of the other, same idea.
_GRADABLE = frozenset(
    """
    big bold brave bright broad busy calm cheap clean clear close cold cool crisp cruel dark deep
    dim dry dull early easy fair false fast fat few fine firm flat fresh full funny gentle glad
    grand great green happy hard harsh healthy heavy high hot huge kind large late lazy light long
    loose loud lovely low lucky mild narrow near neat new nice noisy odd old pale plain polite poor
    pretty proud pure quick quiet rare raw rich ripe rough rude sad safe scary shallow sharp short
    shy silly simple slim slow small smart soft sour steep strange strict strong sweet tall thick
    thin tight tiny tough true ugly vast warm weak wealthy wet white wide wild wise young
    """.split()
)

_ASCII_WORD = re.compile(r"[a-z]{2,}")
_VOWELS = frozenset("aeiou")


def same_word(typed: str, expected: str) -> bool:
    """The same word, or one a plural or comparison of the other ("seeds"/"seed", "cool"/"cooler").

    Both words come folded (lower case); anything but plain lower-case ASCII must be equal.
    """
    if typed == expected:
        return True
    if not (_ASCII_WORD.fullmatch(typed) and _ASCII_WORD.fullmatch(expected)):
        return False
    return typed in forms(expected) or expected in forms(typed)


def forms(word: str) -> frozenset[str]:
    """The inflections of `word` accepted in its place (its plural; -er/-est if an adjective)."""
    # word + "s" is also the possessive once the apostrophe is folded away: "Netflix's".
    found = _plurals(word) | {word + "s"} if word not in _OWN_MEANING else set()
    if word in _IRREGULAR_PLURALS:
        found.add(_IRREGULAR_PLURALS[word])
    if word in _GRADABLE:
        stem = _comparative_stem(word)
        found |= {stem + "er", stem + "est"}
    return frozenset(found - _OWN_MEANING)


def _plurals(word: str) -> set[str]:
    """Regular plurals; both where English has both ("heroes", "photos"; "roofs", "leaves")."""
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return {word + "es"}
    if word.endswith("y") and word[-2] not in _VOWELS:
        return {word[:-1] + "ies"}
    if word.endswith("o"):
        return {word + "s", word + "es"}
    if word.endswith("fe"):
        return {word + "s", word[:-2] + "ves"}
    if word.endswith("f"):
        return {word + "s", word[:-1] + "ves"}
    return {word + "s"}


def _comparative_stem(word: str) -> str:
    """The stem before -er/-est: "nice" -> "nic", "happy" -> "happi", "big" -> "bigg"."""
    if word.endswith("e"):
        return word[:-1]
    if word.endswith("y") and word[-2] not in _VOWELS:
        return word[:-1] + "i"
    # One short vowel before one final consonant doubles it: big, hot, sad, thin, wet, fat.
    if (
        len(word) <= 4
        and word[-1] not in _VOWELS | {"w", "x", "y"}
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    ):
        return word + word[-1]
    return word


#: Prefixes that turn a word into its opposite: never forgiven as a typo ("unhappy", "atypical").
_NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "non", "dis", "a")


def never_a_typo(typed: str, expected: str) -> bool:
    """Whether two words that look alike mean different things, so a typo must not join them:
    one negates the other ("unhappy", "atypical") or is a plural of its own ("customs").
    """
    for word, other in ((typed, expected), (expected, typed)):
        if word in _OWN_MEANING and word.startswith(other):
            return True
        for prefix in _NEGATING_PREFIXES:
            if word == prefix + other and len(other) >= 4:
                return True
    return False
