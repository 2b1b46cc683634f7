"""A role or title written before a person's name: "Astronomer Jane Doe", "Captain John Roe".

The capitalised run takes the role in with the name, so the card's answer would be "Astronomer
Jane Doe": the name is the fact, and the role stays in the sentence as the clue it is.
"""

from __future__ import annotations

import re

from kdquiz.core.generate import lexicon as lx

#: Forms of address and offices written before a name.
HONORIFICS = frozenset(
    """
Professor Prof. Prof Captain Capt. Dr. Dr Doctor General Gen. Colonel Col. Lieutenant Lt.
Admiral Sergeant Sgt. Commander Senator Sen. Governor Gov. Mayor Judge Justice Bishop Reverend
Rev. Chancellor President Minister Ambassador Coach Detective Inspector Officer Mr. Mr Mrs. Mrs
Ms. Ms Mx. Father Sister Pope Emperor Empress King Queen Prince Princess Duke Duchess Baron
Sheikh Rabbi Imam Pastor Navigator
""".split()
)
#: Offices written beside a name in brackets: "Treasurer (Tim Sailer)", "Ann Lee (Chair)".
OFFICES = HONORIFICS | frozenset(
    "Secretary Treasurer Chair Chairman Chairwoman Leader Director Editor Dean Provost Speaker "
    "Deputy Vice Chief".split()
)

#: Directions written with a capital: never places, though "to North" reads like "to Japan".
COMPASS_POINTS = frozenset(
    "North South East West Northeast Northwest Southeast Southwest North-East North-West "
    "South-East South-West".split()
)

#: An agent noun: a word that names what someone does ("Astronomer", "Wayfinder", "Chemist").
_AGENT = re.compile(r"[A-Z][a-z]{3,}(?:er|or|ist|ian|man|woman)\Z")

_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]{2,}")


def lower_words(texts: list[str]) -> set[str]:
    """The words a document writes in lower case: the roles it also uses as common nouns."""
    out: set[str] = set()
    for text in texts:
        out.update(_LOWER_WORD.findall(text))
    return out


def is_role_word(word: str, lowered: set[str]) -> bool:
    """Whether a capitalised word before a name is a role or a title, not the first name:
    a form of address ("Professor"), a role of the lexicon ("Director"), or an agent noun the
    text also writes in lower case ("Wayfinder" beside "a navigator/wayfinder"); "Walter" or
    "Hunter" as a first name is never written so."""
    if word in HONORIFICS or word.casefold() in lx.ROLES:
        return True
    folded = word.casefold()
    return bool(_AGENT.match(word)) and (folded in lowered or folded + "s" in lowered)


_WORD_BEFORE = re.compile(r"\b([A-Z][\w.]*)\s\Z")


def after_a_role(before: str, name: str) -> bool:
    """Whether a name of two words or more follows a capitalised role ("Astronomer Jane Doe"):
    the index left the role out of it, so the name is whole, not the end of a longer one."""
    match = _WORD_BEFORE.search(before)
    if not match or len(name.split()) < 2:
        return False
    word = match.group(1)
    return word in HONORIFICS or word.casefold() in lx.ROLES or bool(_AGENT.match(word))


#: A parenthesis of capitalised names only (a Greek letter of a star's name allowed), after a
#: name: "Hawaiki (Deneb)", "Keoe (α Lyr, Vega)": another name of the same thing, as star,
#: plant and place names are glossed.
_NAME_GLOSS = re.compile(r"\s?\((?:(?:[A-Z][\w’'.-]*|[α-ω]),? )*[A-Z][\w’'.-]*\)")


def _office(text: str) -> bool:
    """ "(Vice President)", "Treasurer (Tim Sailer)": an office beside a person's name."""
    return any(w in OFFICES or w.casefold() in lx.ROLES for w in re.findall(r"[\w.]+", text))


def glossed(sentence: str, start: int, end: int) -> bool:
    """Whether a name gives or is another name of one thing: a parenthesis of names after it,
    or it stands in such a parenthesis. People are named, not glossed so (an office beside a
    name, "Treasurer (Tim Sailer)", is no gloss); these are stars, plants, places or works."""
    after = _NAME_GLOSS.match(sentence, end)
    if after:
        return not _office(after.group())
    opened = sentence.rfind("(", 0, start)
    if opened < 0 or sentence.rfind(")", 0, start) > opened:
        return False
    inside = _NAME_GLOSS.match(sentence, opened - 1 if opened else opened)
    if not inside:
        return False
    before = re.search(r"([\w’'.-]+)\s?\Z", sentence[:opened])
    return not _office(inside.group() + " " + (before.group(1) if before else ""))


#: What may open a sentence before its subject: "Today, ", "However, ", "In 1970 ".
_LEAD_IN = re.compile(r"(?:[A-Z][\w’' ]{0,40},\s)?(?:(?:now|today|many|most|some|all)\s)?\Z", re.I)


def generic_subject(text: str, start: int, end: int, key: str) -> bool:
    """A bare plural role as the sentence's subject: "Scientists are now sure that ...",
    "Researchers have found ...". Asked, it reads "Who ...? Scientists": anyone of the trade
    would do, and the card teaches nothing of them."""
    written = text[start:end].casefold()
    return written != key and written.endswith("s") and bool(_LEAD_IN.fullmatch(text[:start]))
