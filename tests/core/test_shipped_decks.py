"""The decks we ship: clean under `kdquiz check`, and as complete as we promise."""

from __future__ import annotations

from collections import Counter

import pytest

from kdquiz.cli import main
from kdquiz.core.decks import deck_files, load_deck
from kdquiz.core.model import Kind
from kdquiz.locations import bundled_decks_dir

SHIPPED = deck_files([bundled_decks_dir()])


def test_shipped_decks_pass_check_with_zero_problems(capsys: pytest.CaptureFixture[str]) -> None:
    assert len(SHIPPED) == 3
    assert main(["check", str(bundled_decks_dir())]) == 0
    assert "3 deck(s) checked: no problems." in capsys.readouterr().out


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
