"""Anki's cloze deletions read as kdquiz gaps: `{{c1::Seoul::city}}` -> `{{Seoul::city}}`.

Anki lets deletions nest (`{{c1::the {{c2::Han}} river}}`: card 1 hides the whole phrase, card 2
only "Han"); a kdquiz gap holds plain text, so an inner deletion is folded into the gap around it
(its text kept, its hint dropped) and counted, for the import to say so. A deletion never closed
is an error rather than a gap that swallows the rest of the note. Image Occlusion notes are cloze
notes whose deletions are shapes on a picture (`{{c1::image-occlusion:rect:left=.1:...}}`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: An Anki deletion's opening; group 1 is its card number.
OPEN = re.compile(r"\{\{c(\d+)::")
CLOSE = "}}"
_OCCLUSION = re.compile(r"\{\{c\d+::image-occlusion:", re.IGNORECASE)


@dataclass(frozen=True)
class AnkiCloze:
    text: str  # as kdquiz writes it: `{{answer}}` or `{{answer::hint}}` for each deletion
    numbers: tuple[int, ...]  # each gap's Anki card number (c1 -> 1), in order
    folded: int  # deletions inside another one, folded into its gap


def is_image_occlusion(text: str) -> bool:
    return bool(_OCCLUSION.search(text))


def has_deletion(text: str) -> bool:
    return bool(OPEN.search(text))


#: Digits a deletion's card number may have (Anki numbers them from c1 up, a few dozen a note).
MAX_NUMBER_DIGITS = 9


def _card_number(digits: str) -> int:
    """A deletion's card number; ValueError for one too long to be a card's (Python's own
    message for a number of thousands of digits would speak of its integer limit)."""
    if len(digits) > MAX_NUMBER_DIGITS:
        raise ValueError(
            f"the cloze deletion {{{{c{digits[:MAX_NUMBER_DIGITS]}...:: has a card number of "
            f"{len(digits)} digits: number the deletions c1, c2, c3 ... in Anki"
        )
    return int(digits)


def read_anki_cloze(text: str) -> AnkiCloze:
    """`text` with each outermost deletion as one gap; ValueError when one is never closed."""
    out: list[str] = []
    stack: list[list[str]] = []  # the text of each deletion open at this point, outermost first
    numbers: list[int] = []
    folded, at = 0, 0
    while at < len(text):
        opening = OPEN.match(text, at)
        if opening:
            if stack:
                folded += 1
            else:
                numbers.append(_card_number(opening.group(1)))
            stack.append([])
            at = opening.end()
        elif stack and text.startswith(CLOSE, at):
            inner = "".join(stack.pop())
            if stack:  # an inner deletion: its answer stays inside the outer one, its hint goes
                stack[-1].append(inner.partition("::")[0])
            else:
                out.append("{{" + inner + "}}")
            at += len(CLOSE)
        else:
            (stack[-1] if stack else out).append(text[at])
            at += 1
    if stack:
        shown = "".join(stack[0])[:30]
        raise ValueError(
            f"the cloze deletion {{{{c{numbers[-1]}::{shown}... is never closed with }}}}: "
            "close it in Anki"
        )
    return AnkiCloze("".join(out), tuple(numbers), folded)
