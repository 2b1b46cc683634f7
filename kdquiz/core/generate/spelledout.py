"""A blank the sentence spells out: an acronym asked beside the words it stands for.

"Blue compact dwarf galaxies ({{BCD}}s)" is answered by the initials left in the prompt. Only
the shape is read: the answer's letters against the initials of a run of words elsewhere in the
sentence.
"""

from __future__ import annotations

import re

_ACRONYM = re.compile(r"([A-Z][A-Za-z0-9&]*[A-Z0-9&])(?:['’]?s)?\Z")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
#: Small words an acronym's letters skip: "Department of Energy" is DOE or DE.
_SKIPPED = frozenset("of and the for in on to a an & de du".split())


def _initials_match(letters: str, words: list[str]) -> bool:
    """Whether some run of `words` has exactly `letters` as its initials, small words free."""
    letters = letters.casefold()
    for first in range(len(words)):
        got = ""
        for word in words[first:]:
            folded = word.casefold()
            if folded in _SKIPPED and got and not letters[len(got) :].startswith(folded[0]):
                continue
            got += folded[0]
            if got == letters:
                return True
            if not letters.startswith(got):
                break
    return False


def spelled_out(text: str, start: int, end: int) -> bool:
    """Whether the answer text[start:end], an acronym, has its words in the sentence. (Words
    asked beside their acronym lose it from the prompt when blanked, so only this way round
    gives the answer away.)"""
    answer = text[start:end]
    match = _ACRONYM.match(answer)
    if not match or " " in answer or sum(ch.isupper() for ch in match.group(1)) < 2:
        return False
    letters = re.sub(r"[^A-Z0-9&]", "", match.group(1))
    return _initials_match(letters, _WORD.findall(text[:start] + " " + text[end:]))


def _bare(name: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", name.strip().casefold())


#: Endings that make a place's name an adjective: "Hawaiian", "Japanese", "Kenyan", "Welsh".
_DEMONYM_ENDINGS = ("an", "ian", "n", "ese", "ish", "i", "ic")


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.casefold())


def own_title(answer: str, title: str) -> bool:
    """ "For this reason, the {{Design Primer}} is divided into ...", "their way back to
    {{Hawai'i}}" under the title "Hawaiian Starlines": the document's own title, or a one-word
    name its title names (or makes an adjective of), blanked; the reader has it before the
    first card. (A section's heading is not: "IPC" over its section is still worth asking what
    it stands for.)"""
    bare = _bare(answer)
    if not bare or not title:
        return False
    if bare == _bare(title):
        return True
    name = _letters(answer)
    if " " in name or len(name) < 4 or not answer[:1].isupper():
        return False
    return any(
        word == name or word.startswith(name) and word[len(name) :] in _DEMONYM_ENDINGS
        for word in _letters(title).split()
    )


def half_of_a_term(text: str, start: int, end: int, terms: list[str]) -> bool:
    """ "the matter ... is "{{Dark}}"", where the text's term is "Dark Matter": one word of a
    term the text names again and again, its other words in the same sentence."""
    answer = text[start:end].casefold()
    if " " in answer or not answer.isalpha():
        return False
    rest = set(_WORD.findall((text[:start] + " " + text[end:]).casefold()))
    for term in terms:
        words = term.casefold().split()
        if len(words) >= 2 and answer in words:
            others = [w for w in words if w != answer and w not in _SKIPPED]
            if others and all(w in rest for w in others):
                return True
    return False
