"""Which of a note type's fields Anki asks and which it answers, read from its card templates.

kdquiz makes a note's front from its first field, as Anki's stock note types have it. Shared and
home-made note types often put another field on the question (fields `Korean, English, Audio`,
and a card that shows `{{English}}`): their fields are then taken in the order the first card
shows them, the question's first, so the learner is asked what Anki asked. A second card whose
question is the first card's answer (a "Recognition"/"Production" pair) makes the card reversed.
A cloze note type is read from the field its `{{cloze:...}}` shows, wherever that field is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kdquiz.core.interchange.anki_notetypes import NoteType

_REFERENCE = re.compile(r"\{\{([^{}]+?)\}\}")
#: What a template may show that is not one of the note's fields.
_SPECIAL = {"frontside", "tags", "deck", "subdeck", "card", "cardflag", "type", "cardid"}


@dataclass(frozen=True)
class Layout:
    """How a note's fields make a card: the question's fields (joined into the front), then the
    answer's and the others in order; None for a note type laid out as Anki's stock ones."""

    front: tuple[int, ...]
    rest: tuple[int, ...]

    def fields(self, values: Sequence[str]) -> list[str]:
        """`values` (a note's fields) as the card reads them: the front first, then the rest."""

        def at(i: int) -> str:
            return values[i] if i < len(values) else ""

        front = "<br>".join(v for v in map(at, self.front) if v.strip())
        return [front, *map(at, self.rest)]


@dataclass(frozen=True)
class _Shown:
    plain: list[int]  # fields shown as they are, in order
    typed: list[int]  # the field of a `{{type:...}}` box: the answer to type
    hinted: list[int]  # `{{hint:...}}` fields, shown on a click
    conditions: list[int]  # fields whose being filled shows a part (`{{#Field}}...{{/Field}}`)


def _shown(template: str, names: Sequence[str]) -> _Shown:
    index = {name: i for i, name in enumerate(names)}
    found = _Shown([], [], [], [])
    seen: set[int] = set()
    for match in _REFERENCE.finditer(template):
        ref = match.group(1).strip()
        if ref[:1] in "#^/":
            if ref[:1] in "#^" and ref[1:].strip() in index:
                found.conditions.append(index[ref[1:].strip()])
            continue
        filters, _, name = ref.rpartition(":")
        name = name.strip()
        if name.lower() in _SPECIAL or name not in index or index[name] in seen:
            continue
        seen.add(index[name])
        kinds = set(filters.lower().split(":"))
        target = (
            found.typed if "type" in kinds else found.hinted if "hint" in kinds else found.plain
        )
        target.append(index[name])
    return found


#: What a note type's second card is: none or another kind (""), the first card's reverse
#: ("reversed"), or its reverse when the note fills a field (`{{#Add Reverse}}`: "optional").
Reverse = str


def layout(
    names: Sequence[str], templates: Sequence[Sequence[str]]
) -> tuple[Layout | None, Reverse]:
    """How to read a note type's fields (`templates` are (name, question, answer); a cloze's
    `{{cloze:Text}}` is shown like any field), and what its second card is. For an optional
    reverse, the field that asks for it comes third, where the stock note type has it."""
    if not templates or not names:
        return None, ""
    question, answer = _shown(templates[0][1], names), _shown(templates[0][2], names)
    asked = question.plain
    answered = list(
        dict.fromkeys(
            i
            for i in (*question.typed, *answer.typed, *answer.plain)
            if i not in asked and i not in question.hinted
        )
    )
    reverse = ""
    if len(templates) > 1 and answered:
        second = _shown(templates[1][1], names)
        asks = set(second.plain + second.typed)
        if answered[0] in asks and asks <= set(answered):  # it asks what card 1 answers
            switches = [i for i in second.conditions if i not in asked + answered]
            if not second.conditions:
                reverse = "reversed"
            elif len(set(switches)) == 1 and len(set(second.conditions)) == 1:
                reverse = "optional"
                answered = [answered[0], switches[0], *answered[1:]]
    if not asked:
        return None, reverse
    rest = [i for i in range(len(names)) if i not in asked and i not in answered]
    order = (*asked[:1], *answered, *rest) if len(asked) == 1 else None
    if order == tuple(range(len(names))):
        return None, reverse  # read as they are, as Anki's own note types
    return Layout(tuple(asked), (*answered, *rest)), reverse


def layouts_of(notetypes: Mapping[str, NoteType]) -> dict[str, Layout]:
    """The layouts of the kept note types (by the cards' `anki:` names) that have one, so an
    export tells an unchanged card from an edited one as the import read it."""
    found = {label: layout(nt.fields, nt.templates)[0] for label, nt in notetypes.items()}
    return {label: found_layout for label, found_layout in found.items() if found_layout}
