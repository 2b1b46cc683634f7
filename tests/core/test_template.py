"""`kdquiz new`'s template: valid, commented, one example of every kind."""

from __future__ import annotations

from kdquiz.core.decks import load_deck_text
from kdquiz.core.model import Kind
from kdquiz.core.template import TEMPLATE, template_text, title_from_filename


def test_template_loads_and_has_one_card_of_every_kind() -> None:
    deck = load_deck_text(TEMPLATE, "new.yaml")
    assert deck.kind_counts() == {kind: 1 for kind in Kind}
    assert deck.sources and any(card.source for card in deck.cards)
    # Every optional common field appears once, so a teacher sees it in use.
    assert any(card.time_limit for card in deck.cards)
    assert any(card.points for card in deck.cards)
    assert any(card.explain for card in deck.cards)
    assert any(card.tags for card in deck.cards)


def test_template_is_commented_for_every_kind() -> None:
    for kind in Kind:
        assert f"# {kind}:" in TEMPLATE, kind


def test_id_and_title_are_filled_in_safely() -> None:
    text = template_text("Week 3: K-drama!", "K-drama: week #3 'review'")
    deck = load_deck_text(text, "w.yaml")
    assert deck.id == "week-3-k-drama"
    assert deck.title == "K-drama: week #3 'review'"
    assert text.count("#") > 20  # the comments are still there


def test_title_from_filename() -> None:
    assert title_from_filename("kdrama_week-3") == "Kdrama week 3"
    assert title_from_filename("") == "My new deck"


def test_template_docs_and_loader_agree_on_id_characters() -> None:
    from pathlib import Path

    from kdquiz.core.deck_checks import SLUG_RULE
    from kdquiz.core.interchange.ids import is_slug

    docs = (Path(__file__).parents[2] / "docs" / "deck-format.md").read_text(encoding="utf-8")
    id_comment = next(line for line in TEMPLATE.splitlines() if line.startswith("id: "))
    doc_line = next(line for line in docs.splitlines() if line.startswith("id: "))
    for mark in ("'-'", "'_'", "'.'"):
        assert mark in id_comment and mark in doc_line and mark in SLUG_RULE, mark
    assert all(is_slug(s) for s in ("week-3", "week_3", "week.3"))
    deck = load_deck_text(template_text("x").replace("id: x ", "id: k_drama.week-3 ", 1), "n.yaml")
    assert deck.id == "k_drama.week-3"


def test_template_points_to_a_guide_every_install_has() -> None:
    assert "kdquiz help deck-format" in TEMPLATE
    assert "docs/" not in TEMPLATE


def test_the_id_comment_stays_in_the_column_of_the_comments_around_it() -> None:
    for deck_id in ("week", "my-new-deck", "year-10-korean-history"):
        lines = template_text(deck_id).splitlines()
        fmt = next(line for line in lines if line.startswith("format:"))
        id_line = next(line for line in lines if line.startswith("id:"))
        assert id_line.startswith(f"id: {deck_id} ")
        assert id_line.index("#") == fmt.index("#"), id_line
    long_id = "a-deck-id-longer-than-the-column-of-comments"
    id_line = next(line for line in template_text(long_id).splitlines() if line.startswith("id:"))
    assert id_line.startswith(f"id: {long_id}  # ")
