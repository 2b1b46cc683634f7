"""YAML slips a teacher makes, each reported with its line and a fix they can act on."""

from __future__ import annotations

import pytest

from kdquiz.core.decks import load_deck_text
from kdquiz.errors import DeckError

HEAD = "format: 1\nid: week-3\ntitle: Week 3\ncards:\n  - id: q1\n    type: typed\n"


def problems(text: str) -> list[tuple[int, str]]:
    with pytest.raises(DeckError) as info:
        load_deck_text(text, "week-3.yaml")
    return [(p.line, p.message) for p in info.value.problems]


def test_a_tab_used_for_indenting() -> None:
    [(line, message)] = problems(HEAD + "\tprompt: Who?\n    answer: PD\n")
    assert line == 7
    assert "line 7 is indented with a tab" in message and "replace the tab with spaces" in message


def test_a_key_indented_out_of_line() -> None:
    [(line, message)] = problems(HEAD + "    prompt: Who?\n  answer: PD\n")
    assert line == 8
    assert "line 8 is indented 2 spaces but line 7 above it 4" in message
    assert "must line up" in message


def test_an_unquoted_colon_in_a_text() -> None:
    [(line, message)] = problems(HEAD + "    prompt: Episode 1: who directs?\n    answer: PD\n")
    assert line == 7
    assert "contains ': '" in message
    assert 'prompt: "Episode 1: who directs?"' in message  # the line as it should be written


def test_a_text_starting_with_a_star() -> None:
    [(line, message)] = problems(HEAD + "    prompt: *Who* directs?\n    answer: PD\n")
    assert line == 7
    assert "starts with '*'" in message and 'prompt: "*Who* directs?"' in message


def test_a_single_quote_inside_single_quotes() -> None:
    [(line, message)] = problems(HEAD + "    prompt: 'Who's the PD?'\n    answer: PD\n")
    assert line == 7
    assert 'prompt: "Who\'s the PD?"' in message


def test_a_hash_that_silently_cut_the_text_short() -> None:
    text = (
        HEAD + "    prompt: Which drama was the #1 hit of 2016?\n    answer: Goblin  # the title\n"
    )
    [(line, message)] = problems(text)
    assert line == 7
    assert "the text stops before '#1 hit of 2016?'" in message
    assert "double quotes" in message


def test_real_comments_and_quoted_hashes_are_fine() -> None:
    deck = load_deck_text(
        HEAD + '    prompt: "Which drama was the #1 hit?"  # a comment\n'
        "    answer: Goblin   # another\n"
        "    explain: |\n      Text #1 in a block stays text.\n",
        "week-3.yaml",
    )
    card = deck.cards[0]
    assert card.prompt == "Which drama was the #1 hit?"  # type: ignore[attr-defined]
    assert card.explain == "Text #1 in a block stays text."


def test_a_bad_card_id_does_not_hide_the_cards_other_problems() -> None:
    found = problems(
        "format: 1\nid: d\ntitle: D\ncards:\n  - id: Bad Id\n    type: mcq\n"
        "    prompt: Which?\n    choices: [a, b]\n    answer: c\n"
    )
    assert [line for line, _ in found] == [5, 9]
    assert "must be a slug" in found[0][1]
    assert "the answer 'c' is not one of the choices" in found[1][1]


def test_the_suggested_line_is_shortened_for_a_long_text() -> None:
    long_text = "Episode 1: " + "a very long prompt " * 50
    [(line, message)] = problems(HEAD + f"    prompt: {long_text}\n    answer: PD\n")
    assert line == 7 and 'prompt: "Episode 1: a very long prompt' in message
    assert len(message) < 400 and '..."' not in message and "...   (" in message
