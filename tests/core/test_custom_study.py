"""Custom study: ahead, extra new cards, forgotten cards and a search, none harming the schedule."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating, State
from store_support import FakeClock, flash_deck, open_store

from kdquiz.core.card_query import QueryError
from kdquiz.core.custom_study import CustomKind, CustomStudy, open_session
from kdquiz.core.queue import build_queue
from kdquiz.core.scheduling import ItemState
from kdquiz.core.session import Mode
from kdquiz.core.settings import DeckSettings, Settings
from kdquiz.errors import UsageError

NOON = datetime(2026, 5, 10, 12, 0, tzinfo=UTC)


def reviewed(store, card_id: str, due: datetime, rating: int = 3) -> ItemState:
    state = ItemState(State.Review, None, 10.0, 5.0, due, NOON - timedelta(days=8), reps=3)
    store.record_review(
        ("d", card_id, ""), lambda _: state, rating=rating, when=NOON, response_ms=900
    )
    return state


def start(store, clock, study, settings=None, decks=None):
    return open_session(
        study.checked(),
        practice=False,
        store=store,
        settings=settings or Settings(),
        decks=decks or [flash_deck(n=6)],
        clock=clock,
        rng=random.Random(3),
        fuzz=False,
        tz=UTC,
    )


def drain(session) -> list[str]:
    shown = []
    while (item := session.next_item()) is not None:
        shown.append(item.card.id)
        session.commit(item, Rating.Easy, outcome=None, response_ms=700)
    return shown


def test_study_ahead_reviews_cards_due_in_the_next_days_only(tmp_path):
    clock = FakeClock(NOON)
    store = open_store(tmp_path, clock)
    reviewed(store, "c00000", NOON + timedelta(days=2))
    reviewed(store, "c00001", NOON + timedelta(days=5))
    reviewed(store, "c00002", NOON + timedelta(days=1))
    store.set_marks([("d", "c00002")], "suspended", 1)
    decks = [flash_deck(n=6)]
    assert build_queue(store, decks, Settings(), NOON, UTC).reviews == []  # the day is done
    session = start(store, clock, CustomStudy(CustomKind.AHEAD, 3), decks=decks)
    assert session.mode is Mode.REVIEW and session.counts.new == 0
    assert drain(session) == ["c00000"]
    after = store.get_state(("d", "c00000", ""))
    assert after.reps == 4 and after.last_review == NOON  # a real review, from the time that passed
    store.close()


def test_extra_new_cards_raise_only_todays_limit(tmp_path):
    clock = FakeClock(NOON)
    store = open_store(tmp_path, clock)
    settings = Settings(DeckSettings(new_per_day=2))
    decks = [flash_deck(n=6)]
    assert drain(start(store, clock, CustomStudy(CustomKind.NEW, 2), settings, decks)) == [
        "c00000",
        "c00001",
        "c00002",
        "c00003",
    ]
    assert build_queue(store, decks, settings, NOON, UTC).new == []  # today's limit is spent
    tomorrow = NOON + timedelta(days=1)
    assert len(build_queue(store, decks, settings, tomorrow, UTC).new) == 2  # the usual limit
    store.close()


def test_forgotten_and_search_are_practice_and_leave_states_alone(tmp_path):
    clock = FakeClock(NOON)
    store = open_store(tmp_path, clock)
    forgotten = reviewed(store, "c00001", NOON + timedelta(days=1), rating=Rating.Again)
    reviewed(store, "c00003", NOON + timedelta(days=1), rating=Rating.Good)
    store.set_marks([("d", "c00004")], "flag", 2)
    session = start(store, clock, CustomStudy(CustomKind.FORGOTTEN, 1))
    assert session.mode is Mode.PRACTICE and drain(session) == ["c00001"]
    assert store.get_state(("d", "c00001", "")) == forgotten
    later = FakeClock(NOON + timedelta(days=3))
    assert drain(start(store, later, CustomStudy(CustomKind.FORGOTTEN, 2))) == []
    assert drain(start(store, later, CustomStudy(CustomKind.FORGOTTEN, 4))) == ["c00001"]
    assert drain(start(store, clock, CustomStudy(CustomKind.SEARCH, search="flag:orange"))) == [
        "c00004"
    ]
    assert store.get_state(("d", "c00004", "")) is None
    assert [e.mode for e in store.log_entries() if e.key[1] == "c00004"] == ["practice"]
    store.close()


@pytest.mark.parametrize(
    ("study", "error", "told"),
    [
        (CustomStudy(CustomKind.AHEAD, 0), UsageError, "number of days must be 1 to 365"),
        (CustomStudy(CustomKind.NEW, 10_000), UsageError, "new cards must be 1 to 9999"),
        (CustomStudy(CustomKind.SEARCH, search=" "), UsageError, "give a search"),
        (CustomStudy(CustomKind.SEARCH, search="is:sleepy"), QueryError, "unknown state"),
    ],
)
def test_choices_out_of_range_are_refused(study, error, told):
    with pytest.raises(error) as caught:
        study.checked()
    assert told in caught.value.message
