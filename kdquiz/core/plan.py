"""What to play and on which decks: pure, shared by the command line, the TUI and --plain."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from kdquiz.core.model import Deck
from kdquiz.errors import UsageError

if TYPE_CHECKING:
    from kdquiz.core.custom_study import CustomStudy


class Activity(StrEnum):
    REVIEW = "review"
    PRACTICE = "practice"
    QUIZ = "quiz"


class Plan(NamedTuple):
    """A session to start: the activity, the decks (empty = every deck), an optional tag filter.

    `questions`, `quiz_mode`, `player` and `timed` matter only for a quiz; `timed=False` turns
    the quiz timer off (`--no-timer`, or `quiz_timer = false` in settings.toml). A named tuple,
    like `Key`, because every start builds the class: it costs a tenth of a dataclass.
    """

    activity: Activity
    deck_ids: tuple[str, ...] = ()
    tag: str = ""
    questions: int = 10
    quiz_mode: str = "classic"
    player: str = ""
    timed: bool = True
    #: A custom study instead of today's review (kdquiz.core.custom_study.CustomStudy).
    custom: CustomStudy | None = None
    #: `kdquiz preview`: a scratch store, thrown away at the end, so nothing is kept or marked.
    preview: bool = False


def all_tags(decks: Sequence[Deck]) -> list[str]:
    """Every deck and card tag, sorted, for the tag filter."""
    tags: set[str] = set()
    for deck in decks:
        tags.update(deck.tags)
        tags.update(deck.card_tags())
    return sorted(tags, key=str.casefold)


def deck_has_tag(deck: Deck, tag: str) -> bool:
    return not tag or tag in deck.tags or tag in deck.card_tags()


def tagged_items(deck: Deck, tag: str) -> int:
    """How many items `with_tag(deck, tag)` has, without reading a lazily loaded deck's cards."""
    return deck.item_count("" if tag in deck.tags else tag)


def with_tag(deck: Deck, tag: str) -> Deck | None:
    """The deck limited to cards with `tag` (all of it if the deck itself has the tag), or None if empty.

    The deck keeps its id, so progress keys are unchanged.
    """
    if not tag or tag in deck.tags:
        return deck
    cards = tuple(card for card in deck.cards if tag in card.tags)
    if not cards:
        return None
    return dataclasses.replace(deck, cards=cards, _by_id={})


def find_decks(decks: Sequence[Deck], names: Sequence[str]) -> list[Deck]:
    """Decks named on the command line, by id (or title, ignoring case); all decks when none are named.

    Raises UsageError naming the unknown deck and the closest ids, so a typo is easy to fix.
    """
    if not names:
        return list(decks)
    by_id = {d.id.casefold(): d for d in decks}
    by_title = {d.title.casefold(): d for d in decks}
    found: list[Deck] = []
    for name in names:
        deck = by_id.get(name.casefold()) or by_title.get(name.casefold())
        if deck is None:
            close = difflib.get_close_matches(name, [d.id for d in decks], n=3)
            hint = f" Did you mean {', '.join(close)}?" if close else ""
            raise UsageError(
                f"no deck called '{name}'.{hint} Run `kdquiz decks` to list the decks you have."
            )
        if deck not in found:
            found.append(deck)
    return found


def select_decks(decks: Sequence[Deck], deck_ids: Sequence[str], tag: str = "") -> list[Deck]:
    """The decks a plan plays: named (or all), then narrowed to the tag."""
    chosen = find_decks(decks, deck_ids)
    narrowed = [d for d in (with_tag(deck, tag) for deck in chosen) if d is not None]
    if not narrowed:
        raise UsageError(f"no cards tagged '{tag}' in the chosen decks. Pick another tag.")
    return narrowed
