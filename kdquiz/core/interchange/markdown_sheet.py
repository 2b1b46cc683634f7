"""A printable quiz sheet in Markdown: numbered questions, lettered choices, the answer key at the end.

With a random source the question order and every choice list are shuffled, so two seeds give
versions A and B of the same test (the seed is printed on the sheet, so the key can be
regenerated). Without one, questions keep the deck's order and order-cards list their items
alphabetically, so the sheet never gives an order away.
"""

from __future__ import annotations

import random
import re

from kdquiz.core.interchange.common import LETTERS, ExportResult, number_text
from kdquiz.core.model import (
    CLOZE_GAP,
    Card,
    Cloze,
    Deck,
    Flashcard,
    MultipleChoice,
    MultiSelect,
    Numeric,
    Order,
    TrueFalse,
    Typed,
)

BLANK = "__________"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])", re.MULTILINE)


def escape(text: str) -> str:
    """Deck text as literal Markdown: emphasis, links, HTML and line-start markers neutralised."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _indent(text: str, spaces: int = 4) -> str:
    """Continuation lines of a numbered list item (blank lines stay empty)."""
    pad = " " * spaces
    return "\n".join(line if i == 0 or not line else pad + line
                     for i, line in enumerate(text.split("\n")))


def _order(n: int, rng: random.Random | None) -> list[int]:
    order = list(range(n))
    if rng is not None:
        rng.shuffle(order)
    return order


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
    text = "\n\n".join([*head, *questions,
                         # Starts the key on a new page when the Markdown is printed through HTML.
                         '<div style="page-break-before: always"></div>',
                         key_title, "\n".join(key)])
    return ExportResult(text + "\n")


def _choice_lines(texts: list[str]) -> str:
    return "\n".join(f"- {LETTERS[i]}. {escape(t)}" for i, t in enumerate(texts))


def _question(card: Card, rng: random.Random | None) -> tuple[str, str]:
    """The question as Markdown (list item body) and its line in the answer key."""
    prompt = escape(card.prompt)
    match card:
        case MultipleChoice() | MultiSelect():
            order = _order(len(card.choices), rng)
            texts = [card.choices[i].text for i in order]
            right = [order.index(i) for i in (sorted(card.answers) if isinstance(card, MultiSelect)
                                                 else [card.answer])]
            note = " *(choose all that apply)*" if isinstance(card, MultiSelect) else ""
            answer = ", ".join(f"{LETTERS[i]}. {escape(texts[i])}" for i in sorted(right))
            return f"{prompt}{note}\n\n{_choice_lines(texts)}", answer
        case TrueFalse():
            statement = "\n\n".join(t for t in (prompt, escape(card.statement)) if t)
            return f"*(True or false)* {statement}\n\nTrue / False", "True" if card.answer else "False"
        case Typed():
            accept = f" (also accepted: {', '.join(escape(a) for a in card.accept)})" if card.accept else ""
            return f"{prompt}\n\nAnswer: {BLANK}", escape(card.answer) + accept
        case Numeric():
            unit = f" {escape(card.unit)}" if card.unit else ""
            slack = ""
            if card.tolerance:
                slack = f" (± {number_text(card.tolerance)}{'%' if card.tolerance_percent else ''})"
            return f"{prompt}\n\nAnswer: {BLANK}{unit}", f"{escape(card.answer_text)}{unit}{slack}"
        case Cloze():
            return _cloze(card)
        case Order():
            order = _order(len(card.items), rng) if rng is not None else sorted(
                range(len(card.items)), key=lambda i: card.items[i].casefold())
            texts = [card.items[i] for i in order]
            slots = " ".join("____" for _ in texts)
            answer = ", ".join(LETTERS[order.index(i)] for i in range(len(card.items)))
            items = " → ".join(escape(t) for t in card.items)
            question = (f"{prompt} *(write the letters in order)*\n\n{_choice_lines(texts)}\n\n"
                        f"Order: {slots}")
            return question, f"{answer} ({items})"
        case Flashcard():
            front = "\n\n".join(t for t in (prompt, escape(card.front)) if t)
            return f"{front}\n\nAnswer: {BLANK}", escape(card.back)
    return prompt, ""


def _cloze(card: Cloze) -> tuple[str, str]:
    many = len(card.gaps) > 1
    index = -1

    def blank(match: re.Match[str]) -> str:
        nonlocal index
        index += 1
        label = f"({chr(ord('a') + index % 26)}) " if many else ""
        hint = card.gaps[index].hint
        return f"{label}{BLANK}" + (f" ({escape(hint)})" if hint else "")

    # Escape the text around the gaps, not inside the {{...}} markers the regex needs.
    pieces, last = [], 0
    for match in CLOZE_GAP.finditer(card.text):
        pieces.append(escape(card.text[last:match.start()]))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(escape(card.text[last:]))
    text = CLOZE_GAP.sub(blank, "".join(pieces))
    question = "\n\n".join(t for t in (escape(card.prompt), text) if t)
    if many:
        answer = ", ".join(f"({chr(ord('a') + i % 26)}) {escape(g.answer)}" for i, g in enumerate(card.gaps))
    else:
        answer = escape(card.gaps[0].answer)
    return f"*(fill in the blank{'s' if many else ''})* {question}", answer
