"""The cards a teacher writes, one class per kind, and what they are made of: frozen dataclasses.

They live apart from `kdquiz.core.model` (which still offers every name here) so that a warm start,
whose decks come from the cache with their cards unread (see LazyDeck), does not create these
classes before its first paint: a dozen slotted dataclasses take about as long as the rest of the
model. What each kind means (reading, grading, formats) lives in its module in `kdquiz.core.kinds`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Offered from here too (hence "X as X"): what every card shares.
from kdquiz.core.card_base import Card as Card
from kdquiz.core.card_base import SourceRef as SourceRef
from kdquiz.core.closed_pattern import ClosedPattern


@dataclass(frozen=True, slots=True)
class Choice:
    text: str
    feedback: str = ""


@dataclass(frozen=True, slots=True)
class Gap:
    """One `{{answer}}` or `{{answer::hint}}` in a cloze text."""

    answer: str
    hint: str = ""


#: A gap, `{{answer}}` or `{{answer::hint}}`; group 1 is what is inside the braces.
CLOZE_GAP = ClosedPattern(r"\{\{(.+?)\}\}", "}}", re.DOTALL)


def parse_gaps(text: str) -> list[Gap]:
    gaps = []
    for match in CLOZE_GAP.finditer(text):
        answer, _, hint = match.group(1).partition("::")
        gaps.append(Gap(answer.strip(), hint.strip()))
    return gaps


def render_cloze(text: str, hide: int | None, blank: str = "[...]") -> str:
    """The cloze text with gap number `hide` (0-based) blanked and every other gap filled in.

    `hide=None` fills every gap (the answer side).
    """
    index = -1

    def replace(match: re.Match[str]) -> str:
        nonlocal index
        index += 1
        answer, _, hint = match.group(1).partition("::")
        if index == hide:
            return f"[{hint.strip()}]" if hint.strip() else blank
        return answer.strip()

    return CLOZE_GAP.sub(replace, text)


@dataclass(frozen=True, slots=True, kw_only=True)
class Flashcard(Card):
    front: str
    back: str
    reverse: bool = False

    def subkeys(self) -> tuple[str, ...]:
        return ("", "reverse") if self.reverse else ("",)

    def searchable_text(self) -> str:
        return f"{self.prompt}\n{self.front}\n{self.back}"


_GAP_SUBKEYS = tuple(f"c{i + 1}" for i in range(64))


@dataclass(frozen=True, slots=True, kw_only=True)
class Cloze(Card):
    text: str
    gaps: tuple[Gap, ...]

    def subkeys(self) -> tuple[str, ...]:
        count = len(self.gaps)
        if count <= len(_GAP_SUBKEYS):  # a slice of ready strings: the queue asks every cloze card
            return _GAP_SUBKEYS[:count]
        return tuple(f"c{i + 1}" for i in range(count))

    def searchable_text(self) -> str:
        return f"{self.prompt}\n{self.text}"


@dataclass(frozen=True, slots=True, kw_only=True)
class MultipleChoice(Card):
    choices: tuple[Choice, ...]
    answer: int  # index into choices

    def searchable_text(self) -> str:
        return "\n".join([self.prompt, *(c.text for c in self.choices)])


@dataclass(frozen=True, slots=True, kw_only=True)
class MultiSelect(Card):
    choices: tuple[Choice, ...]
    answers: frozenset[int]  # indices into choices

    def searchable_text(self) -> str:
        return "\n".join([self.prompt, *(c.text for c in self.choices)])


@dataclass(frozen=True, slots=True, kw_only=True)
class TrueFalse(Card):
    statement: str
    answer: bool

    def searchable_text(self) -> str:
        return f"{self.prompt}\n{self.statement}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Typed(Card):
    answer: str
    accept: tuple[str, ...] = ()
    case_sensitive: bool = False
    accent_sensitive: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Numeric(Card):
    answer: float
    answer_text: str  # as the teacher wrote it, e.g. "1.10"
    tolerance: float = 0.0
    tolerance_percent: bool = False
    unit: str = ""

    def bounds(self) -> tuple[float, float]:
        slack = (
            abs(self.answer) * self.tolerance / 100 if self.tolerance_percent else self.tolerance
        )
        return self.answer - slack, self.answer + slack


@dataclass(frozen=True, slots=True, kw_only=True)
class Order(Card):
    items: tuple[str, ...]  # in their correct order

    def searchable_text(self) -> str:
        return "\n".join([self.prompt, *self.items])
