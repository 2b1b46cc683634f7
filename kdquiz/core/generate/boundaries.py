"""Is a blank a whole thing? Not a part of a longer name, a unit, or a word that only modifies.

A blank cut out of "ISO-9660", "UTF-8", "Lempel–Ziv" or "XZ Utils" asks for half a name: the
reader cannot know where the answer ends, and the half left in the prompt gives the rest away.
A unit after a number ("700 MiB") and a word that only qualifies the noun after it
("user-selectable languages", "decoder-only tool") teach nothing on their own. These checks go by the
characters and word shapes around the answer in its sentence, never by particular words.
"""

from __future__ import annotations

import re

from kdquiz.core.generate import lexicon as lx
from kdquiz.core.generate import rolenames
from kdquiz.core.generate.shapes import TOOL_NOUNS

#: A name joined to the blank by a hyphen, dash, slash or dot: "ISO-", "UTF-", "–Ziv".
_GLUED_BEFORE = re.compile(r"[A-Za-z][\w]*[-–/.]$")
_GLUED_AFTER = re.compile(r"^[-–/][\w]")
#: The particles that join the parts of a name: "Aristarchus of Samos", "Qutb al-Din".
_PARTICLES = "(?:of|al|el|ibn|bin|van|von|de|da|di|du|le|la)"
#: Another capitalised word of the same name right after the blank: "XZ Utils", "GNU Autotools".
_NAME_AFTER = re.compile(
    rf"^ (?:{_PARTICLES}[ -])?(?:[A-Z][a-z]\w*|[A-Z]{{2,}}\w*)\b"
    r"(?!['’]s\b)"
)
#: A particle before the blank that joins it to the name before.
_PARTICLE_BEFORE = re.compile(rf"\b[A-Z][\w'’-]*[ -]{_PARTICLES}[ -]$")
_NUMBER_BEFORE = re.compile(r"(?:\d|\b(?:" + "|".join(lx.NUMBER_WORDS) + r"|thousand|million))\s$")
_NEXT_WORD = re.compile(r"^\s([a-z][a-z]+)\b(?![-'’(])")
_ADJECTIVE_END = re.compile(
    r"(?:able|ible|ive|ous|ful|less|ic|ical|al|only|like|based|specific|wide|aware|free)$"
)
_TYPE_NOUNS = frozenset(
    TOOL_NOUNS.split("|") + "format standard language protocol encoding file files".split()
)
_PREVIOUS_WORD = re.compile(r"([A-Za-z][\w'’]*)\s$")
#: "this HOWTO", "this Guide": a blank right after "this".
_THIS_BEFORE = re.compile(r"\b[Tt]his\s$")
#: A title that opens with "The" and goes on after a possessive: "The Cynic's Word Book".
_TITLE_START = re.compile(r"The [A-Z]")
_POSSESSIVE_TITLE = re.compile(r"^['’]s [A-Z]")


def whole_answer(text: str, start: int, end: int, *, numeric: bool) -> bool:
    """Does text[start:end] stand as a whole answer, not a part of a name, a unit or a modifier?"""
    if start >= end:
        return True  # asked by what it stands for: not a blank in the sentence
    before, answer, after = text[:start], text[start:end], text[end:]
    if _GLUED_BEFORE.search(before) or before.endswith("/") and before[-2:-1].isalnum():
        return False  # "ISO-9660", "UTF-8", "Lempel–Ziv", "X9.62/SECG"
    if _THIS_BEFORE.search(before):
        return False  # "this HOWTO will show ...": what the sentence points at, not a name
    if numeric:
        return True  # "1993–1996" and "12-episode" are the number's own business
    if _GLUED_AFTER.match(after):
        return False
    if _TITLE_START.match(answer) and _POSSESSIVE_TITLE.match(after):
        return False  # "{{The Cynic}}'s Word Book": half a title
    if answer[:1].isupper() and (
        _NAME_AFTER.match(after)
        or _capitalised_before(before)
        and not rolenames.after_a_role(before, answer)
        or _PARTICLE_BEFORE.search(before)
    ):
        return False  # "XZ Utils", "GNU Autotools", "Bloomberg LP"
    if _NUMBER_BEFORE.search(before) and _unit_shaped(answer, before):
        return False  # "700 MiB", "a few hundred KiB": a unit
    return not _modifier(answer, after)


def _unit_shaped(answer: str, before: str) -> bool:
    """A short symbol after a number that is no year: "700 MiB" (but "In 1999 Debian ...")."""
    if re.search(r"\b(?:1[5-9]\d\d|20\d\d)\s$", before):
        return False
    return len(answer) <= 4 and answer.isalpha()


def _capitalised_before(before: str) -> bool:
    """The word before the blank is a capitalised name word, not the sentence's first word."""
    match = _PREVIOUS_WORD.search(before)
    if not match or not match.group(1)[:1].isupper():
        return False
    head = before[: match.start()].rstrip()
    if not head or head.endswith((".", "!", "?", ":", ";", ",", "(", '"', "“")):
        return False  # the sentence's (or clause's) first word: capitalised anyway
    return match.group(1).casefold() not in lx.STOP_WORDS


def _modifier(answer: str, after: str) -> bool:
    """ "{{user-selectable}} languages": an adjective-shaped blank only qualifies a noun (an
    acronym before a noun, "ASCII text", is often the very thing meant, so it stays)."""
    match = _NEXT_WORD.match(after)
    if not match:
        return False
    word = match.group(1)
    if word in lx.STOP_WORDS or word in _TYPE_NOUNS or word.endswith("ly"):
        return False
    last = re.split(r"[-\s]", answer)[-1]
    if last.islower():
        return bool(_ADJECTIVE_END.search(last))
    return " " not in answer and bool(re.search(r"[a-z](?:ic|ical)$", answer))  # "Ptolemaic view"
