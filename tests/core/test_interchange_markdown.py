"""The printable quiz sheet: numbering, lettered choices, an answer key that matches, A/B versions."""

from __future__ import annotations

import random
import re
from pathlib import Path

from kdquiz.core.decks import load_deck
from kdquiz.core.interchange.markdown_sheet import escape, quiz_sheet
from kdquiz.core.model import Deck, MultipleChoice

FIXTURES = Path(__file__).parent.parent / "fixtures" / "interchange"


def deck() -> Deck:
    return load_deck(FIXTURES / "all_kinds.yaml")


def split(text: str) -> tuple[str, str]:
    questions, _, key = text.partition("## Answer key")
    return questions, key


def numbered(block: str) -> list[str]:
    return re.findall(r"^(\d+)\. ", block, re.MULTILINE)


def test_numbered_questions_lettered_choices_and_a_key_at_the_end() -> None:
    text = quiz_sheet(deck()).text
    questions, key = split(text)
    n = len(deck().cards)
    assert numbered(questions) == [str(i) for i in range(1, n + 1)]
    assert numbered(key) == [str(i) for i in range(1, n + 1)]
    assert "5. What comes first in making a K-drama? (hint: think #1)" in questions
    assert "    - A. The script\n    - B. The casting\n    - C. The editing = last" in questions
    assert "5. A. The script" in key
    assert "*(choose all that apply)*" in questions
    assert "6. A. Director, B. Camera operator" in key
    assert "(a) __________ (abbreviation)" in questions and "(b) __________." in questions
    assert "3. (a) OST, (b) original soundtrack" in key
    assert "9. 16 (± 2)" in key


def test_order_items_never_give_the_answer_away_unshuffled() -> None:
    questions, key = split(quiz_sheet(deck()).text)
    assert "- A. Casting\n    - B. Editing\n    - C. Script\n    - D. Shooting" in questions
    assert "11. C, A, D, B (Script → Casting → Shooting → Editing)" in key


def answer_letter_matches(text: str, original: Deck) -> None:
    """For every mcq, the key's letter points at the right choice as printed in that version."""
    questions, key = split(text)
    key_lines = dict(re.findall(r"^(\d+)\. (.*)$", key, re.MULTILINE))
    blocks = re.split(r"^(?=\d+\. )", questions, flags=re.MULTILINE)
    for card in original.cards:
        if not isinstance(card, MultipleChoice):
            continue
        block = next(b for b in blocks if escape(card.prompt) in b)
        number = block.split(".", 1)[0]
        letter = key_lines[number].split(".", 1)[0]
        printed = re.search(rf"- {letter}\. (.*)", block)
        assert printed is not None
        assert printed.group(1) == escape(card.choices[card.answer].text)


def test_seeds_make_different_versions_with_consistent_keys() -> None:
    original = deck()
    a = quiz_sheet(original, rng=random.Random(1), version="A").text
    a_again = quiz_sheet(original, rng=random.Random(1), version="A").text
    b = quiz_sheet(original, rng=random.Random(2), version="B").text
    assert a == a_again
    assert a != b
    assert "**Version A**" in a and "## Answer key (version B)" in b
    for text in (a, b):
        answer_letter_matches(text, original)
        assert numbered(split(text)[0]) == [str(i) for i in range(1, len(original.cards) + 1)]


def test_deck_text_is_literal_markdown() -> None:
    assert escape("*bold* [link](x) <b> _u_") == r"\*bold\* \[link\](x) \<b\> \_u\_"
    assert escape("# not a heading\n- not a bullet") == "\\# not a heading\n\\- not a bullet"
