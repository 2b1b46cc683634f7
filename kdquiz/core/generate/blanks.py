"""Which names of unknown type are worth a blank, and which names come in pairs.

A capitalised name the index could not type ("Slink", "CWI", "Progeny") still makes a good
cloze when it is specific and stands on its own; common names ("Linux"), pieces of longer names
("Richard M. Stallman"), makers of models ("Motorola 68000"), paths, examples in brackets and
documents pointed to do not.
"""

from __future__ import annotations

import re

from kdquiz.core.generate import language
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
    if re.search(r"\b[A-Z][\w.]*\s$", text[: entity.start]):
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


def paired(fact: Fact, entity: Entity) -> bool:
    """ "Camera operators and DPs collaborate": swapping one partner may still be true."""
    for other in fact.entities:
        if other is entity or other.kind is not entity.kind:
            continue
        between = fact.text[min(entity.end, other.end) : max(entity.start, other.start)]
        if re.fullmatch(r"\s*(?:and|or|&|with)\s*", between):
            return True
    return False
