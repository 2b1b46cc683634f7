"""Which names of unknown type are worth a blank, and which names come in pairs.

A capitalised name the index could not type ("Slink", "CWI", "Progeny") still makes a good
cloze when it is specific and stands on its own; common names ("Linux"), pieces of longer names
("Richard M. Stallman"), makers of models ("Motorola 68000"), paths, examples in brackets and
documents pointed to do not.
"""

from __future__ import annotations

import re

from kdquiz.core.generate import language, rolenames
from kdquiz.core.generate import lexicon as lx
from kdquiz.core.generate.entities import MODEL_AFTER, Entity
from kdquiz.core.generate.facts import Fact

#: A one-word name at least this frequent in everyday English is common knowledge.
FAMOUS_ZIPF = 3.5


def worth_a_blank(entity: Entity, fact: Fact) -> bool:
    """An untyped name worth recalling: specific (not "Free Software"), not the sentence's
    opening word, and not one of a run of names ("Alpha and Sparc") that it would give away."""
    text = fact.text
    if entity.start == 0 or not entity.text[:1].isupper() or language.is_generic_name(entity.text):
        return False
    if MODEL_AFTER.match(text, entity.end):
        return False  # "Motorola 68000": the maker of a model, not the fact
    if re.search(r"\b[A-Z][\w.]*\s$", text[: entity.start]) and not rolenames.after_a_role(
        text[: entity.start], entity.text
    ):
        return False  # "Richard M. Stallman": the end of a longer name
    if " " not in entity.text and language.zipf(entity.text) >= FAMOUS_ZIPF:
        return False  # "Linux", "Windows", "HTTP": known before reading, nothing learnt
    if re.match(r"[/.-]\w", text[entity.end : entity.end + 2]) or re.search(r"-[a-z]", entity.text):
        return False  # "Misc/HISTORY", "Amoeba-specific": part of a path or a longer word
    if re.search(
        r"\b(?:described|documented|explained|listed) in (?:the )?$", text[: entity.start]
    ):
        return False  # "as described in the Python Packaging User Guide": a cross-reference
    if entity.text.split()[-1] in lx.MONTHS or " in " in entity.text:
        return False  # "Debian Project Leader in January": a name run into a date
    return not paired(fact, entity)


def in_bracketed_list(text: str, entity: Entity) -> bool:
    """An example in a bracketed list ("(HTTP, SNMP etc)", "(no backref, and no use of -o or
    --color)"): an aside, one of several, never the point of the sentence."""
    opened = text.rfind("(", 0, entity.start)
    if opened <= text.rfind(")", 0, entity.start):
        return False
    closed = text.find(")", opened)
    inside = text[opened : closed if closed > 0 else len(text)]
    return "," in inside or " or " in inside or " and " in inside


#: What stands between two items of a list: "DEL, ESC", "RET, and TAB", "Alpha or Sparc".
_ITEM_SEPARATOR = re.compile(r",\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
#: Items from which a run of names is a list, one of which is no fact to recall.
LIST_ITEMS = 3


def in_list_of_names(fact: Fact, entity: Entity) -> bool:
    """One name of a plain list ("DEL, ESC, LFD, SPC, RET, and TAB all stand for
    themselves"): any other member would fit the blank as well."""
    names = sorted(fact.entities, key=lambda e: e.start)
    at = next((k for k, e in enumerate(names) if e.start == entity.start), -1)
    if at < 0:
        return False
    low = high = at
    while low > 0 and _ITEM_SEPARATOR.fullmatch(fact.text[names[low - 1].end : names[low].start]):
        low -= 1
    while high + 1 < len(names) and _ITEM_SEPARATOR.fullmatch(
        fact.text[names[high].end : names[high + 1].start]
    ):
        high += 1
    return high - low + 1 >= LIST_ITEMS


def paired(fact: Fact, entity: Entity) -> bool:
    """ "Camera operators and DPs collaborate": swapping one partner may still be true."""
    for other in fact.entities:
        if other is entity or other.kind is not entity.kind:
            continue
        between = fact.text[min(entity.end, other.end) : max(entity.start, other.start)]
        if re.fullmatch(r"\s*(?:and|or|&|with)\s*", between):
            return True
    return False


#: Prefixes that make a word's opposite or partner: "non-incremental", "external"/"internal".
_PARTNER_PREFIXES = (
    "non-",
    "non",
    "un",
    "in",
    "im",
    "ir",
    "il",
    "dis",
    "anti-",
    "anti",
    "ex",
    "inter",
    "intra",
    "pre",
    "post",
    "over",
    "under",
    "up",
    "down",
    "out",
)
_LOWER_WORD = re.compile(r"[a-z][a-z-]{3,}")


def _stem(word: str) -> str:
    for prefix in _PARTNER_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            return word[len(prefix) :]
    return word


def guessable_from_partner(text: str, entity: Entity) -> bool:
    """A word whose partner stands beside it: "incremental" and "{{non-incremental}}",
    "{{external}}" APIs beside "internal" ones. The blank is guessed from the other word."""
    answer = entity.text.casefold()
    if not _LOWER_WORD.fullmatch(answer):
        return False
    others = {w for w in _LOWER_WORD.findall(text.casefold())} - {answer}
    stem = _stem(answer)
    return any(w == stem or _stem(w) == answer or _stem(w) == stem for w in others)


#: An upper-case name the text numbers ("RFC 5322", "PEP 659"): a series, not one thing.
_SERIES = re.compile(r"\b([A-Z]{2,6}) \d{2,}")


def series_names(sentences: list[str]) -> set[str]:
    """Upper-case names the text writes with a number after them: alone, "the RFC" says which
    of the series no more than "the document" does."""
    return {m.group(1) for s in sentences for m in _SERIES.finditer(s)}


def bare_series(text: str, entity: Entity, series: set[str]) -> bool:
    """ "the {{RFC}}", "the {{RFCs}}": a series name without its number, generic."""
    name = entity.text[:-1] if entity.text.endswith("s") else entity.text
    return name in series and not re.match(r"\s?\d", text[entity.end :])
