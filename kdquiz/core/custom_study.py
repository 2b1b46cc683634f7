"""Custom study, as in Anki, for when the day's work is done: study ahead, extra new cards today,
cards forgotten lately, or the cards a search finds (a tag, a flag ...).

None of them harms the schedule (docs/scheduling.md says how each one touches it):
- *ahead* reviews cards due in the next N days as ordinary reviews: FSRS schedules an early
  answer from the time that really passed, so a card answered early grows less than on its day;
- *new* raises today's new-card limit by N, once: tomorrow's limit is the usual one;
- *forgotten* and *search* are practice: answers are logged as practice, states never change.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from typing import TYPE_CHECKING

from kdquiz.core.card_query import parse
from kdquiz.core.card_search import search
from kdquiz.core.model import Deck, Item
from kdquiz.core.queue import DailyQueue, build_queue, study_date, study_day
from kdquiz.errors import UsageError

if TYPE_CHECKING:
    from kdquiz.core.session import QueueBuilder, StudySession
    from kdquiz.core.settings import Settings
    from kdquiz.core.store import ProgressStore

MAX_DAYS = 365
MAX_EXTRA_NEW = 9999


class CustomKind(StrEnum):
    AHEAD = "ahead"
    NEW = "new"
    FORGOTTEN = "forgotten"
    SEARCH = "search"


#: What each kind is called where the learner chooses it.
LABELS = {
    CustomKind.AHEAD: "Study ahead: cards due in the next N days",
    CustomKind.NEW: "Extra new cards today: N more",
    CustomKind.FORGOTTEN: "Forgotten cards: answered Again in the last N days (practice)",
    CustomKind.SEARCH: "Cards a search finds: tag:x, flag:1 ... (practice)",
}


@dataclass(frozen=True)
class CustomStudy:
    kind: CustomKind
    number: int = 1  # days (ahead, forgotten) or extra new cards
    search: str = ""  # the SEARCH kind's query, in `kdquiz cards` words

    @property
    def reviews(self) -> bool:
        """A review (the schedule moves as it always does) rather than practice."""
        return self.kind in (CustomKind.AHEAD, CustomKind.NEW)

    def checked(self) -> CustomStudy:
        """Itself, or UsageError saying what to change."""
        top = MAX_EXTRA_NEW if self.kind is CustomKind.NEW else MAX_DAYS
        if self.kind is not CustomKind.SEARCH and not 1 <= self.number <= top:
            what = "new cards" if self.kind is CustomKind.NEW else "days"
            raise UsageError(f"custom study: the number of {what} must be 1 to {top}")
        if self.kind is CustomKind.SEARCH:
            if not self.search.strip():
                raise UsageError("custom study: give a search, e.g. tag:budget or flag:1")
            parse(self.search)  # QueryError names the word that is wrong
        return self


def ahead_queue(
    store: ProgressStore,
    decks: Sequence[Deck],
    settings: Settings,
    now: datetime,
    tz: tzinfo,
    days: int,
) -> DailyQueue:
    """Review cards due before the end of the study day `days` days from now, most overdue (by
    recall) first, up to each deck's daily review limit; suspended and buried cards left out."""
    reviews: list[tuple[float, Item]] = []
    ends = study_day(now, tz, settings.defaults.rollover_hour).end
    for deck in decks:
        ds = settings.for_deck(deck.id)
        day = study_day(now, tz, ds.rollover_hour)
        ends = min(ends, day.end)
        today = study_date(now, tz, ds.rollover_hour).toordinal()
        taken: set[str] = set()
        for card_id, sub, overdue in store.due_reviews(
            deck.id, day.end + timedelta(days=days), now, ds.reviews_per_day * 2, held_day=today
        ):
            card = deck.card(card_id)
            if card is None or sub not in card.subkeys():
                continue
            if ds.bury_siblings and card_id in taken:
                continue
            taken.add(card_id)
            reviews.append((overdue, Item(deck.id, card, sub)))
            if len(taken) >= ds.reviews_per_day:
                break
    reviews.sort(key=lambda entry: -entry[0])
    return DailyQueue(
        ends,
        reviews=[item for _, item in reviews],
        bury={d.id: settings.for_deck(d.id).bury_siblings for d in decks},
    )


def queue_builder(
    study: CustomStudy,
    store: ProgressStore,
    decks: Sequence[Deck],
    settings: Settings,
    tz: tzinfo,
) -> QueueBuilder:
    """How a custom review builds its queue (again when the study day rolls over)."""
    if study.kind is CustomKind.AHEAD:
        return lambda now: ahead_queue(store, decks, settings, now, tz, study.number)
    return lambda now: build_queue(store, decks, settings, now, tz, extra_new=study.number)


def practice_items(
    study: CustomStudy,
    store: ProgressStore,
    decks: Sequence[Deck],
    settings: Settings,
    now: datetime,
    tz: tzinfo,
) -> list[Item]:
    """What a custom practice shows: items forgotten lately, or every item of the cards found."""
    by_id = {deck.id: deck for deck in decks}
    if study.kind is CustomKind.FORGOTTEN:
        start = study_day(now, tz, settings.defaults.rollover_hour).start
        found = []
        for deck_id, card_id, sub in store.forgotten_since(
            start - timedelta(days=study.number - 1)
        ):
            deck = by_id.get(deck_id)
            card = deck.card(card_id) if deck else None
            if card is not None and sub in card.subkeys():
                found.append(Item(deck_id, card, sub))
        return found
    rows = search(store, decks, parse(study.search), now=now, settings=settings, tz=tz)
    return [
        Item(row.deck_id, card, sub)
        for row in rows
        if (card := by_id[row.deck_id].card(row.card_id)) is not None
        for sub in card.subkeys()
    ]


def open_session(
    study: CustomStudy | None,
    *,
    practice: bool,
    store: ProgressStore,
    settings: Settings,
    decks: Sequence[Deck],
    clock: Callable[[], datetime],
    rng: random.Random,
    fuzz: bool = True,
    tz: tzinfo | None = None,
) -> StudySession:
    """The session to run: today's review or a practice, or a custom study (which decides for
    itself whether it is a review or a practice)."""
    from kdquiz.core.session import Mode, StudySession

    zone = tz or settings.zone()
    builder = items = None
    if study is not None:
        practice = not study.reviews
        if practice:
            items = practice_items(study, store, decks, settings, clock(), zone)
        else:
            builder = queue_builder(study, store, decks, settings, zone)
    return StudySession(
        store=store,
        settings=settings,
        decks=decks,
        mode=Mode.PRACTICE if practice else Mode.REVIEW,
        clock=clock,
        rng=rng,
        fuzz=fuzz,
        tz=zone,
        queue=builder,
        items=items,
    )
