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
Professor Prof. Prof Captain Capt. Dr. Dr Doctor General Gen. Colonel Col. Major Lieutenant Lt.
Admiral Sergeant Sgt. Commander Senator Sen. Governor Gov. Mayor Judge Justice Bishop Reverend
Rev. Chancellor President Minister Ambassador Chief Coach Detective Inspector Officer Mr. Mr Mrs.
Mrs Ms. Ms Mx. Father Brother Sister Pope Emperor Empress King Queen Prince Princess Duke
Duchess Count Countess Baron Sheikh Rabbi Imam Pastor Elder Navigator
""".split()
)

#: An agent noun: a word that names what someone does ("Astronomer", "Wayfinder", "Chemist").
_AGENT = re.compile(r"[A-Z][a-z]{3,}(?:er|or|ist|ian|ant|ent|man|woman)\Z")

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
