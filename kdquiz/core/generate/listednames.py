"""Names met only as one item of a list: "A (alpha), B (beta), and C (gamma) mark the kite."

A name the text gives once, as one of three names or more of a list, or as one of a pair that
the sentence says something of together ("X and Y point north"), is not worth a blank: the card
cannot teach it, since nothing is said of it alone. A bracketed gloss after each item ("Keoe
(Vega)") does not break the list. A name the text says something of elsewhere, outside a list,
is asked as before.
"""

from __future__ import annotations

import re

from kdquiz.core.generate.entities import NUMERIC_KINDS, Entity
from kdquiz.core.generate.facts import Fact

#: What stands between two items once glosses are dropped: ", ", ", and ", " and ", " or ".
_SEPARATOR = re.compile(r"(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|&)\s+)[‘'“\"]?")
_GLOSS = re.compile(r"\s?\([^()]*\)")
#: Items from which a run of names is a list.
LIST_ITEMS = 3


def _inside_brackets(text: str, position: int) -> bool:
    return text.rfind("(", 0, position) > text.rfind(")", 0, position)


def only_listed(entity: Entity, mentions: list[Fact]) -> bool:
    """Whether every sentence that names `entity` gives it only as an item of a list of names
    (three or more, glosses in brackets skipped) or of a pair of glossed names."""
    if entity.kind in NUMERIC_KINDS or not entity.text[:1].isupper() or not mentions:
        return False
    for fact in mentions:
        found = [e for e in fact.entities if e.key == entity.key]
        if not found or not all(_listed(fact, e) for e in found):
            return False
    return True


def _listed(fact: Fact, entity: Entity) -> bool:
    text = fact.text
    if _inside_brackets(text, entity.start):
        return False
    names = [
        e
        for e in sorted(fact.entities, key=lambda e: e.start)
        if e.kind not in NUMERIC_KINDS and not _inside_brackets(text, e.start)
    ]
    at = next((k for k, e in enumerate(names) if e.start == entity.start), -1)
    if at < 0:
        return False

    def joined(a: Entity, b: Entity) -> bool:
        return bool(_SEPARATOR.fullmatch(_GLOSS.sub("", text[a.end : b.start])))

    low = high = at
    while low > 0 and joined(names[low - 1], names[low]):
        low -= 1
    while high + 1 < len(names) and joined(names[high], names[high + 1]):
        high += 1
    if high - low + 1 >= LIST_ITEMS:
        return True
    # A pair counts when both are glossed: "Keawe (Markab) and Kukaniloko (Fomalhaut)", not
    # "Reston, Virginia" or "written by Ann Lee and Bo Chan".
    return high > low and all(_GLOSS.match(text, names[k].end) for k in range(low, high + 1))
