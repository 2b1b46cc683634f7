"""What a question kind is: everything about it except drawing, behind one interface.

Each kind module (`kdquiz.core.kinds.flashcard`, `.mcq`, ...) exports `SPEC`, an instance of a
`KindSpec` subclass; `kdquiz.core.kinds.KINDS` maps kind names to them. The loader, grading,
rating, the game, plain mode, the `new` template and the interchange formats ask the spec instead
of testing card classes, so a new kind is one module plus its registration line.
"""

from __future__ import annotations

import re

# typing and random are not imported at run time: `kdquiz check` reads every kind and needs neither.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import random
    from typing import Any, ClassVar, Protocol, cast

    from kdquiz.core.deck_checks import Checker
    from kdquiz.core.kinds.answer_checks import Outcome
    from kdquiz.core.model import Card, Item
    from kdquiz.core.yamlsafe import Mapping

    class Console(Protocol):
        """The line-by-line terminal plain mode asks through (see kdquiz.plain.Console)."""

        def say(self, text: str = "") -> None: ...

        def ask(self, prompt: str) -> str: ...
else:

    def cast(kind: object, value: object) -> object:
        """typing.cast, which does nothing at run time."""
        return value


class Skip(Exception):
    """An export format cannot hold this card; the message says why, for the teacher."""


class KindSpec:
    """One question kind. Subclasses set the class attributes and override what differs."""

    name: ClassVar[str]
    card_class: ClassVar[type[Card]]
    #: Shown above the question ("Multiple choice").
    label: ClassVar[str]
    #: The YAML keys this kind reads besides the common ones.
    keys: ClassVar[tuple[str, ...]]
    prompt_required: ClassVar[bool] = True
    #: Rated by the learner (1-4) rather than checked by the app.
    self_rated: ClassVar[bool] = False
    #: A wrong answer can still earn part of the credit (it is then Hard, not Again, from 50%).
    partial_credit: ClassVar[bool] = False
    #: A typed answer: it is always shown back, and the learner may overrule the checker ("I was
    #: right"), as free text can be right in ways the deck did not list.
    free_text: ClassVar[bool] = False
    #: What other tools and teachers call this kind ("multiple choice", Moodle's "shortanswer"):
    #: a deck that writes one of them as its type is told the name kdquiz uses.
    also_called: ClassVar[tuple[str, ...]] = ()
    #: How a player answers it in a class game ("choice", "text", "number", ...: the protocol's
    #: answer shapes, see `kdquiz.classroom.questions`); None: not played there, as a learner
    #: rates it themselves and a class game has no rating.
    class_answer: ClassVar[str | None] = None
    #: Export formats that read this kind back as the same card (the round-trip tests use it).
    round_trips: ClassVar[frozenset[str]] = frozenset()
    #: The commented example in the deck `kdquiz new` writes (YAML, indented as a list item).
    example: ClassVar[str]

    # --- reading a deck --------------------------------------------------------------------

    def parse(self, check: Checker, node: Mapping, card_id: str, common: dict) -> Card | None:
        """The card from its YAML mapping, or None after recording every problem with `check`."""
        raise NotImplementedError

    # --- answering -------------------------------------------------------------------------

    def grade(self, item: Item, response: object) -> Outcome:
        """The outcome of `response` (its `expected` and `hinted` are filled in by grading)."""
        raise ValueError(
            f"card '{item.card.id}' has a kind that cannot be graded: {item.card.kind}"
        )

    def right_response(self, item: Item) -> object:
        """The response `grade` takes as fully right (None for self-rated kinds)."""
        return None

    def expected_text(self, item: Item) -> str:
        """The right answer as readable plain text, for feedback and the results screen."""
        raise NotImplementedError

    def question_line(self, item: Item) -> str:
        """The question as one line of plain text (results screen, history)."""
        return item.card.prompt

    def question_text(self, item: Item) -> str:
        """The question side as plain text, as the TUI and plain mode show it."""
        return item.card.prompt

    def answer_text(self, item: Item) -> str:
        """The answer side shown when the learner reveals it."""
        return self.expected_text(item)

    def respond_ms(self, item: Item) -> float:
        """How long giving the answer takes, beyond reading (feeds rating inference)."""
        return 1000

    def guess_rate(self, item: Item) -> float:
        """The chance that a blind guess is fully right (feeds rating inference: a right answer
        that may be luck earns less). Typed answers cannot be guessed: 0."""
        return 0.0

    def presentation_order(self, card: Card, rng: random.Random) -> tuple[int, ...]:
        """How the parts of the card are shuffled when shown; () when nothing is."""
        return ()

    def ask_plain(
        self, console: Console, item: Item, order: tuple[int, ...], *, quiz: bool
    ) -> tuple[str, object]:
        """Ask in plain mode: ("answer", response) or ("reveal", None). The question is shown."""
        return "answer", console.ask("Your answer:")

    # --- other formats ---------------------------------------------------------------------

    def plain_question(self, card: Card) -> str:
        """The question side as plain text, for formats with only a front and a back."""
        return card.prompt

    def plain_answer(self, card: Card) -> str:
        """The answer side as plain text (without the explanation)."""
        raise NotImplementedError

    def gift(self, card: Card, general: str) -> str:
        """The card as a Moodle GIFT question (after its ::title::); `general` is its
        `\\t####feedback\\n` line or ''. Raises Skip when GIFT has no such question."""
        raise Skip(f"GIFT cannot hold a {card.kind} card")

    def gift_read(self, prompt: str, answers: str, line: int) -> dict[str, Any] | None:
        """The card mapping for a GIFT question (`answers` is between its braces) when it is a form
        only this kind reads, else None; raises ValueError(message, line) when it is broken. The
        forms of the first kinds are read by kdquiz.core.interchange.gift itself."""
        return None

    def csv_front(self, card: Card) -> str:
        """The front column of a CSV export."""
        return self.plain_question(card)

    def anki_note(self, card: Card) -> tuple[str, list[str]] | None:
        """(Anki note type, fields) for a kind Anki has a note type for; None makes a Basic note
        of the plain question and answer."""
        return None

    def aiken(self, card: Card) -> tuple[str, list[str], int] | None:
        """(question, options, index of the right one) when the card fits Aiken, else None."""
        return None

    def sheet(self, card: Card, rng: random.Random | None) -> tuple[str, str]:
        """The question as Markdown for the printable sheet and its line in the answer key."""
        raise NotImplementedError


def numbers_in(text: str, most: int) -> list[int] | None:
    """The numbers 1..most typed in plain mode, or None if any is not one: "1 3", "1,3", "1;3",
    "1 and 3", and with at most nine choices run together too ("231", as Kahoot players type)."""
    parts = re.sub(r"[,;/&+]|\band\b", " ", text.casefold()).split()
    if most <= 9 and len(parts) == 1 and len(parts[0]) > 1 and parts[0].isdigit():
        parts = list(parts[0])
    if not all(p.isdigit() and 1 <= int(p) <= most for p in parts):
        return None
    return [int(p) for p in parts]
