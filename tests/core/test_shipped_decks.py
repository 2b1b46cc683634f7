"""The decks we ship: clean under `kdquiz check`, and as complete as we promise."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from kdquiz.cli import main
from kdquiz.core.decks import deck_files, load_deck
from kdquiz.core.grading import grade
from kdquiz.core.model import (
    Card,
    Choice,
    Cloze,
    Deck,
    Item,
    Kind,
    MultipleChoice,
    MultiSelect,
    Numeric,
    Typed,
)
from kdquiz.core.textnorm import fold
from kdquiz.locations import bundled_decks_dir

SHIPPED = deck_files([bundled_decks_dir()])


def test_shipped_decks_pass_check_with_zero_problems(capsys: pytest.CaptureFixture[str]) -> None:
    assert len(SHIPPED) == 3
    assert main(["check", str(bundled_decks_dir())]) == 0
    assert "3 decks checked: no problems." in capsys.readouterr().out


def test_shipped_decks_cover_every_kind_with_sources() -> None:
    decks = [load_deck(p) for p in SHIPPED]
    cards = [c for d in decks for c in d.cards]
    assert len(cards) >= 100
    kinds = Counter(c.kind for c in cards)
    assert all(kinds[k] >= 3 for k in Kind), kinds
    for deck in decks:
        assert deck.sources, deck.id
        for card in deck.cards:
            assert card.explain, f"{deck.id}/{card.id} has no explain"
            assert card.source is not None, f"{deck.id}/{card.id} has no source"


# --- fair questions ---------------------------------------------------------------------------

DECKS = [load_deck(p) for p in SHIPPED]
NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()


def _unique_longest(choices: Sequence[Choice]) -> int | None:
    lengths = [len(choice.text) for choice in choices]
    longest = max(lengths)
    return lengths.index(longest) if lengths.count(longest) == 1 else None


@pytest.mark.parametrize("deck", DECKS, ids=lambda deck: deck.id)
def test_the_right_choice_is_not_mostly_the_longest(deck: Deck) -> None:
    """A learner who always picks the longest choice must not do well."""
    mcqs = [c for c in deck.cards if isinstance(c, MultipleChoice)]
    longest_right = [c.id for c in mcqs if _unique_longest(c.choices) == c.answer]
    assert len(longest_right) <= len(mcqs) / 3, longest_right
    multis = [c for c in deck.cards if isinstance(c, MultiSelect)]
    longest_picked = [c.id for c in multis if _unique_longest(c.choices) in c.answers]
    assert len(longest_picked) <= max(1, len(multis) / 3), longest_picked


def _answers(card: Card) -> list[str]:
    """Every text that answers a card (the right choices, the accepted words, the number)."""
    if isinstance(card, Typed):
        return [card.answer, *card.accept]
    if isinstance(card, Cloze):
        return [gap.answer for gap in card.gaps]
    if isinstance(card, MultipleChoice):
        return [card.choices[card.answer].text]
    if isinstance(card, MultiSelect):
        return [card.choices[i].text for i in card.answers]
    if isinstance(card, Numeric):
        whole = int(card.answer) == card.answer and 0 <= card.answer < len(NUMBER_WORDS)
        return [card.answer_text] + ([NUMBER_WORDS[int(card.answer)]] if whole else [])
    return []


@pytest.mark.parametrize("deck", DECKS, ids=lambda deck: deck.id)
def test_no_answer_is_given_away_by_the_deck_title_or_description(deck: Deck) -> None:
    shown = f" {fold(deck.title)} {fold(deck.description)} "
    for card in deck.cards:
        for answer in _answers(card):
            assert f" {fold(answer)} " not in shown, (
                f"{card.id}: '{answer}' is in the deck's title or description"
            )


def _shown_texts(card: Card) -> list[str]:
    """Every text a learner reads on a card, its explanation and choice feedback included."""
    feedback = [choice.feedback for choice in getattr(card, "choices", ())]
    return [*card.searchable_text().split("\n"), card.explain, *feedback]


def test_the_netflix_budget_figures_are_given_as_rumours() -> None:
    """The article only reports rumoured budgets; the cards must not state them as facts."""
    deck = next(d for d in DECKS if d.id == "netflix-kdrama-secrets")
    budget_cards = [c for c in deck.cards if c.source is not None and c.source.paragraph == 3]
    assert len(budget_cards) >= 2
    for card in budget_cards:
        text = " ".join(_shown_texts(card)).casefold()
        if "million" in text or "hollywood" in text or "cost" in text:
            assert any(word in text for word in ("rumour", "rumor", "claim", "said to")), card.id


@pytest.mark.parametrize(
    ("deck_id", "card_id", "sub", "given"),
    [
        ("netflix-kdrama-secrets", "netflix-budget-per-season", "", "$20 million"),
        ("netflix-kdrama-secrets", "netflix-budget-per-season", "", "22.5M"),
        ("netflix-kdrama-secrets", "netflix-budget-per-season", "", "twenty million"),
        ("netflix-kdrama-secrets", "netflix-budget-per-season", "", "$25,000,000"),
        ("netflix-kdrama-secrets", "netflix-cross-border-casting", "", "global"),
        ("netflix-kdrama-secrets", "netflix-cross-border-casting", "", "cross border casting"),
        ("netflix-kdrama-secrets", "netflix-product-placement-share", "", "30 per cent"),
        ("netflix-kdrama-secrets", "netflix-countries-watching", "", "over 190"),
        ("kdrama-production", "warm-and-cool-lighting", "c2", "cooler"),
        ("song-jinsun-interview", "adaptation-seed-soil", "c1", "seeds"),
        ("song-jinsun-interview", "finding-seeds-duty", "c1", "responsibilities"),
    ],
)
def test_shipped_cards_accept_what_the_article_says_as_people_write_it(
    deck_id: str, card_id: str, sub: str, given: str
) -> None:
    deck = next(d for d in DECKS if d.id == deck_id)
    card = next(c for c in deck.cards if c.id == card_id)
    assert grade(Item(deck_id, card, sub), given).correct


ARTICLES = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
ARTICLE_FILES = {
    "kdrama-production": "kdrama-production-and-direction.txt",
    "netflix-kdrama-secrets": "netflix-kdrama-secrets.txt",
    "song-jinsun-interview": "song-jinsun-interview.txt",
}


@pytest.mark.skipif(not ARTICLES.is_dir(), reason="the source articles are not beside the project")
@pytest.mark.parametrize("deck", DECKS, ids=lambda deck: deck.id)
def test_typed_and_cloze_answers_come_from_the_cited_paragraph(deck: Deck) -> None:
    text = (ARTICLES / ARTICLE_FILES[deck.id]).read_text(encoding="utf-8")
    paragraphs = [line for line in text.splitlines() if line.strip()]
    for card in deck.cards:
        assert card.source is not None and 1 <= card.source.paragraph <= len(paragraphs), card.id
        if isinstance(card, (Typed, Cloze)):
            near = fold(
                " ".join(paragraphs[max(0, card.source.paragraph - 2) : card.source.paragraph + 1])
            )
            assert any(fold(answer) in near for answer in _answers(card)), card.id


@pytest.mark.skipif(not ARTICLES.is_dir(), reason="the source articles are not beside the project")
@pytest.mark.parametrize("deck", DECKS, ids=lambda deck: deck.id)
def test_questions_are_in_our_own_words(deck: Deck) -> None:
    """Facts carry over from the article, sentences do not: no run of 8 words is copied."""
    words = fold((ARTICLES / ARTICLE_FILES[deck.id]).read_text(encoding="utf-8")).split()
    runs = {tuple(words[i : i + 8]) for i in range(len(words) - 7)}
    for card in deck.cards:
        for text in _shown_texts(card):
            ours = fold(text).split()
            copied = [
                " ".join(ours[i : i + 8])
                for i in range(len(ours) - 7)
                if tuple(ours[i : i + 8]) in runs
            ]
            assert not copied, f"{card.id} copies the article: '{copied[0]}'"
