"""English word frequencies and lemmas, from kept libraries whose data ship inside their wheels.

`wordfreq` (its small English list) tells how common a word is, so the generator can prefer
specific terms ("debian-installer", "Perens") over everyday ones ("full-time", "Public Interest")
as answers. `simplemma` gives dictionary forms ("succeeded" -> "succeed") for questions written in
the generator's own words. Both load their English data on first use, once per process; nothing
is downloaded. Only `kdquiz generate` imports this module.
"""

from __future__ import annotations

import math
import re
from functools import cache

#: Zipf frequency (log10 of uses per billion words) from which a word counts as everyday English:
#: "software" 4.8, "capable" 4.6, "tutorial" 3.8; "specialize" 3.3 and "Shannon" 3.8 are below it
#: for names, where the bar is higher (see `is_generic_name`).
COMMON_ZIPF = 3.5
#: Every word of a multi-word name this common means the name is an everyday phrase.
COMMON_NAME_ZIPF = 4.5

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NAME_STOP = frozenset("the of and for in on at to a an de van von der da".split())


@cache
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", wordlist="small")


def zipf(word: str) -> float:
    """How common a word is in English, 0 (unknown) to about 7 ("the")."""
    frequency = _frequencies().get(word.casefold().replace("’", "'"), 0.0)
    return math.log10(frequency * 1e9) if frequency > 0 else 0.0


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def is_generic_term(text: str) -> bool:
    """A compound of everyday words ("full-time", "third-party", "per-user") names no concept a
    learner would study; "debian-installer" or "de-specialize" does."""
    words = words_of(text)
    return bool(words) and all(zipf(w) >= COMMON_ZIPF for w in words)


def is_generic_name(text: str) -> bool:
    """A capitalised run of everyday words ("Public Interest", "Free Software") is a phrase cut
    from a longer name or a concept, not a name of its own."""
    words = [w for w in words_of(text) if w.casefold() not in _NAME_STOP]
    return bool(words) and all(zipf(w) >= COMMON_NAME_ZIPF for w in words)


def specificity(text: str) -> float:
    """0 for an answer of everyday words, up to 1 for one made of rare or unknown words."""
    words = words_of(text)
    if not words:
        return 0.0
    rarest = min(zipf(w) for w in words)
    return max(0.0, min(1.0, (6.0 - rarest) / 6.0))


@cache
def lemma(word: str) -> str:
    """The dictionary form of an English word ("succeeded" -> "succeed")."""
    from simplemma import lemmatize

    return str(lemmatize(word, lang="en"))
