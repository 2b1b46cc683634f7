"""Ordering: items to put in their right order, shown scrambled. A response is the sequence of
item indices in the order the learner put them; neighbours in the right order earn credit."""

from __future__ import annotations

import math
from collections.abc import Sequence

from kdquiz.core.kinds.answer_checks import (
    NO_ANSWER,
    Outcome,
    index_of,
    item_text,
    shuffled,
    wrong_type,
)
from kdquiz.core.kinds.base import TYPE_CHECKING, KindSpec, Skip, cast, numbers_in
from kdquiz.core.model import Card, Item, Kind, Order

if TYPE_CHECKING:
    import random

    from kdquiz.core.deck_checks import Checker
    from kdquiz.core.kinds.base import Console
    from kdquiz.core.yamlsafe import Mapping, Scalar


class OrderSpec(KindSpec):
    name = Kind.ORDER
    card_class = Order
    label = "Put in order"
    class_answer = "order"
    also_called = (
        "ordering",
        "sequence",
        "sort",
        "sorting",
        "rank",
        "ranking",
        "put in order",
    )
    keys = ("items",)
    partial_credit = True
    example = """\
  # order: list the items in the right order; the learner sees them shuffled.
  - id: pipeline
    type: order
    prompt: Put these stages in order.
    items: [Script, Casting, Shooting, Editing]
    points: 2000
"""

    def parse(self, check: Checker, node: Mapping, card_id: str, common: dict) -> Card | None:
        items = check.text_list(node.get("items"), "items", required=True, parent=node)
        if items is None:
            return None
        if len(items) < 2:
            check.problem(
                node.get("items"), "an order card needs at least 2 items, listed in the right order"
            )
            return None
        seen: dict[str, Scalar] = {}
        for text, where in items:  # every repeat is named, not only the first
            if text.casefold() in seen:
                check.problem(
                    where, f"the item {text!r} appears twice: each item must be different"
                )
                continue
            seen[text.casefold()] = where
        if len(seen) < len(items):
            return None
        return Order(id=card_id, kind=Kind.ORDER, items=tuple(t for t, _ in items), **common)

    def grade(self, item: Item, response: object) -> Outcome:
        card = cast(Order, item.card)
        if isinstance(response, (str, bytes)) or not isinstance(response, Sequence):
            raise wrong_type(card, response, "Sequence[int]")
        order = [index_of(value, card) for value in response]
        n = len(card.items)
        exact = order == list(range(n))
        if n < 2:
            score = 1.0 if exact else 0.0
        else:
            # Credit for each correct neighbour pair: B C D A still has B→C and C→D right (2 of 3).
            pairs = {a for a, b in zip(order, order[1:]) if b == a + 1 and 0 <= a < n - 1}
            score = len(pairs) / (n - 1)
        given = " → ".join(item_text(card.items, i) for i in order) or NO_ANSWER
        return Outcome(exact, 1.0 if exact else score, "", given)

    def right_response(self, item: Item) -> object:
        return list(range(len(cast(Order, item.card).items)))

    def expected_text(self, item: Item) -> str:
        return " → ".join(cast(Order, item.card).items)

    def respond_ms(self, item: Item) -> float:
        return 1500 * len(cast(Order, item.card).items)

    def guess_rate(self, item: Item) -> float:
        return 1 / math.factorial(len(cast(Order, item.card).items))

    def presentation_order(self, card: Card, rng: random.Random) -> tuple[int, ...]:
        return tuple(shuffled(len(cast(Order, card).items), rng, scramble=True))

    def ask_plain(
        self, console: Console, item: Item, order: tuple[int, ...], *, quiz: bool
    ) -> tuple[str, object]:
        card = cast(Order, item.card)
        for position, original in enumerate(order, 1):
            console.say(f"  {position}. {card.items[original]}")
        while True:
            picks = numbers_in(console.ask("The right order as numbers, e.g. 2 3 1:"), len(order))
            if picks is not None and sorted(picks) == list(range(1, len(order) + 1)):
                return "answer", tuple(order[p - 1] for p in picks)
            console.say(f"Give each number from 1 to {len(order)} once, in the right order.")

    def plain_question(self, card: Card) -> str:
        from kdquiz.core.syntax.plain import lettered

        card = cast(Order, card)
        # Alphabetical, so the question never gives the order away and stays deterministic.
        return "\n".join([card.prompt, *lettered(sorted(card.items, key=str.casefold))])

    def plain_answer(self, card: Card) -> str:
        return "\n".join(f"{i + 1}. {item}" for i, item in enumerate(cast(Order, card).items))

    def gift(self, card: Card, general: str) -> str:
        raise Skip("GIFT has no ordering question; the order card was left out")

    def sheet(self, card: Card, rng: random.Random | None) -> tuple[str, str]:
        from kdquiz.core.syntax.markdown import choice_lines, escape, sheet_order
        from kdquiz.core.syntax.plain import LETTERS

        card = cast(Order, card)
        order = (
            sheet_order(len(card.items), rng)
            if rng is not None
            else sorted(range(len(card.items)), key=lambda i: card.items[i].casefold())
        )
        texts = [card.items[i] for i in order]
        slots = " ".join("____" for _ in texts)
        answer = ", ".join(LETTERS[order.index(i)] for i in range(len(card.items)))
        items = " → ".join(escape(t) for t in card.items)
        question = (
            f"{escape(card.prompt)} *(write the letters in order)*\n\n{choice_lines(texts)}"
            f"\n\nOrder: {slots}"
        )
        return question, f"{answer} ({items})"


SPEC = OrderSpec()
