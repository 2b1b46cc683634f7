"""Flashcards: the learner thinks of the answer, turns the card and rates themselves (1-4).

A card with `reverse: true` is two items: front -> back ("") and back -> front ("reverse").
"""

from __future__ import annotations

from kdquiz.core.kinds.base import TYPE_CHECKING, KindSpec, cast
from kdquiz.core.model import Card, Flashcard, Item, Kind

if TYPE_CHECKING:
    import random

    from kdquiz.core.deck_checks import Checker
    from kdquiz.core.kinds.answer_checks import Outcome
    from kdquiz.core.kinds.base import Console
    from kdquiz.core.yamlsafe import Mapping


def _sides(item: Item) -> tuple[str, str]:
    """(question side, answer side) of the item."""
    card = cast(Flashcard, item.card)
    return (card.back, card.front) if item.sub == "reverse" else (card.front, card.back)


class FlashcardSpec(KindSpec):
    name = Kind.FLASHCARD
    card_class = Flashcard
    label = "Flashcard"
    also_called = (
        "basic optional reversed card",
        "basic and reversed",
        "basic",
        "card",
        "flash card",
        "flash",
        "front back",
        "note",
        "essay",
        "self rated",
        "basic and reversed card",
    )
    keys = ("front", "back", "reverse")
    prompt_required = False
    self_rated = True
    round_trips = frozenset({"gift", "csv", "anki-text"})
    example = """\
  # flashcard: the learner thinks of the answer, turns the card and rates how well they knew it.
  - id: pd-role
    type: flashcard
    front: PD
    back: Producer-director, who both produces and directs a drama
    reverse: true                 # also ask back -> front, scheduled on its own
    tags: [roles]
"""

    def parse(self, check: Checker, node: Mapping, card_id: str, common: dict) -> Card | None:
        front = check.text(node.get("front"), "front", required=True, parent=node)
        back = check.text(node.get("back"), "back", required=True, parent=node)
        reverse = check.boolean(node.get("reverse"), "reverse")
        if front is None or back is None:
            return None
        return Flashcard(
            id=card_id, kind=Kind.FLASHCARD, front=front, back=back, reverse=bool(reverse), **common
        )

    def grade(self, item: Item, response: object) -> Outcome:
        raise ValueError(f"flashcard '{item.card.id}' is rated by the learner, not graded")

    def expected_text(self, item: Item) -> str:
        return _sides(item)[1]

    def question_line(self, item: Item) -> str:
        return _sides(item)[0]

    def question_text(self, item: Item) -> str:
        front = _sides(item)[0]
        return f"{item.card.prompt}\n\n{front}" if item.card.prompt else front

    def ask_plain(
        self, console: Console, item: Item, order: tuple[int, ...], *, quiz: bool
    ) -> tuple[str, object]:
        console.ask("Press Enter to show the answer:")
        return "reveal", None

    def plain_question(self, card: Card) -> str:
        return cast(Flashcard, card).front

    def plain_answer(self, card: Card) -> str:
        return cast(Flashcard, card).back

    def anki_note(self, card: Card) -> tuple[str, list[str]] | None:
        from kdquiz.core.syntax.anki import BASIC, REVERSED

        card = cast(Flashcard, card)
        return (REVERSED if card.reverse else BASIC), [card.front, card.back]

    def gift(self, card: Card, general: str) -> str:
        from kdquiz.core.syntax.gift import escape

        card = cast(Flashcard, card)
        # An essay whose general feedback is the answer: Moodle shows it after the attempt.
        return f"{escape(card.front)}{{####{escape(card.back)}}}"

    def sheet(self, card: Card, rng: random.Random | None) -> tuple[str, str]:
        from kdquiz.core.syntax.markdown import BLANK, escape

        card = cast(Flashcard, card)
        front = "\n\n".join(t for t in (escape(card.prompt), escape(card.front)) if t)
        return f"{front}\n\nAnswer: {BLANK}", escape(card.back)


SPEC = FlashcardSpec()
