"""A printable quiz sheet in Markdown: numbered questions, lettered choices, the answer key at the end.

With a random source the question order and every choice list are shuffled, so two seeds give
versions A and B of the same test (the seed is printed on the sheet, so the key can be
regenerated). Without one, questions keep the deck's order, and choices, order items and matches
are listed alphabetically, so the sheet never gives an answer away by its place (decks often
list the right choice first).
"""

from __future__ import annotations

import random

from kdquiz.core.interchange.common import ExportResult
from kdquiz.core.kinds import spec_of
from kdquiz.core.model import Card, Deck
from kdquiz.core.syntax.markdown import BLANK, escape

PAGE_BREAK = '<div style="page-break-before: always; break-before: page"></div>\n\n\\newpage'


def _indent(text: str, spaces: int = 4) -> str:
    """Continuation lines of a numbered list item (blank lines stay empty)."""
    pad = " " * spaces
    return "\n".join(
        line if i == 0 or not line else pad + line for i, line in enumerate(text.split("\n"))
    )


def quiz_sheet(deck: Deck, *, rng: random.Random | None = None, version: str = "") -> ExportResult:
    cards = list(deck.cards)
    if rng is not None:
        rng.shuffle(cards)
    questions: list[str] = []
    key: list[str] = []
    for number, card in enumerate(cards, start=1):
        question, answer = _question(card, rng)
        questions.append(f"{number}. {_indent(question)}")
        if card.explain:
            answer += f"\n*{escape(card.explain)}*"
        key.append(f"{number}. {_indent(answer)}")
    head = [f"# {escape(deck.title)}"]
    if version:
        head.append(f"**Version {escape(version)}**")
    head.append(f"Name: {BLANK}{BLANK}  Date: {BLANK}")
    key_title = f"## Answer key (version {escape(version)})" if version else "## Answer key"
    text = "\n\n".join(
        [
            *head,
            *questions,
            PAGE_BREAK,
            key_title,
            "\n".join(key),
        ]
    )
    return ExportResult(text + "\n")


def _question(card: Card, rng: random.Random | None) -> tuple[str, str]:
    """The question as Markdown (list item body) and its line in the answer key."""
    return spec_of(card).sheet(card, rng)
