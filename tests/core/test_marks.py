"""Suspend, bury and flag: kept in the store, recorded, undone by batch, and honoured by the queue,
the home screen's counts and a study session."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating, State
from store_support import FakeClock, cloze, deck, flash_deck, make_session, open_store

from kdquiz.core.queue import build_queue, deck_counts, study_date
from kdquiz.core.scheduling import ItemState
from kdquiz.core.session import Mode
from kdquiz.core.settings import DeckSettings, Settings
from kdquiz.core.store import ProgressStore, create_empty_store, store_path
from kdquiz.core.store.marks import Mark
from kdquiz.core.store.schema import MIGRATIONS
from kdquiz.errors import StoreError

NOON = datetime(2026, 5, 10, 12, 0, tzinfo=UTC)


def today(when: datetime = NOON) -> int:
    return study_date(when, UTC, 4).toordinal()


def test_marks_are_set_recorded_and_undone_as_one_batch(tmp_path):
    clock = FakeClock(NOON)
    with open_store(tmp_path, clock) as store:
        batch = store.set_marks([("d", "a"), ("d", "b")], "suspended", 1)
        assert batch and store.last_mark_batch() == batch
        assert store.marks("d") == {("d", "a"): Mark(suspended=True), ("d", "b"): Mark(True)}
        flagged = store.set_marks([("d", "a")], "flag", 3)
        assert store.marks_of([("d", "a"), ("d", "zz")]) == {("d", "a"): Mark(True, 0, 3)}
        changes = store.mark_changes()
        assert [(c[3], c[4], c[5], c[6]) for c in changes] == [
            ("a", "flag", 0, 3),
            ("b", "suspended", 0, 1),
            ("a", "suspended", 0, 1),
        ]
        assert store.set_marks([("d", "a")], "flag", 3) == 0  # no change, nothing recorded
        assert store.undo_marks(flagged) == 1
        assert store.undo_marks(batch) == 2
        assert store.marks() == {} and store.mark_changes() == []


def test_a_batch_larger_than_one_read_is_undone_whole(tmp_path):
    with open_store(tmp_path, FakeClock(NOON)) as store:
        cards = [("d", f"c{n:05d}") for n in range(2_345)]  # more than the 1,000 read at a time
        kept = store.set_marks([("d", "keep")], "flag", 2)
        batch = store.set_marks(cards, "suspended", 1)
        assert store.batch_size(batch) == 2_345
        assert store.undo_marks(batch) == 2_345
        assert store.marks() == {("d", "keep"): Mark(flag=2)} and store.last_mark_batch() == kept


def test_an_undo_never_throws_away_a_later_change(tmp_path):
    with open_store(tmp_path, FakeClock(NOON)) as store:
        first = store.set_marks([("d", "a")], "flag", 1)
        store.set_marks([("d", "a")], "flag", 2)
        with pytest.raises(StoreError, match="marked again since"):
            store.undo_marks(first)
        assert store.marks("d")[("d", "a")].flag == 2


@pytest.mark.parametrize(
    ("field", "value"), [("flag", 8), ("flag", -1), ("suspended", 2), ("x", 1)]
)
def test_marks_no_kdquiz_makes_are_refused(tmp_path, field, value):
    with open_store(tmp_path, FakeClock(NOON)) as store, pytest.raises(ValueError):
        store.set_marks([("d", "a")], field, value)


def test_the_previous_version_upgrades_to_one_with_empty_marks(tmp_path):
    path = store_path(tmp_path)
    previous = max(MIGRATIONS) - 1
    create_empty_store(path, NOON, previous)
    with ProgressStore(path, clock=FakeClock(NOON), backup=False) as store:
        assert store.marks() == {}
        assert store.set_marks([("d", "a")], "buried", today())
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT deck, card, buried FROM marks").fetchall() == [("d", "a", today())]
    conn.close()


def review_state(due: datetime) -> ItemState:
    return ItemState(State.Review, None, 10.0, 5.0, due, due - timedelta(days=10), reps=3)


def put(store, key, state):
    store.record_review(key, lambda _: state, rating=3, when=state.last_review, response_ms=900)


def test_suspended_and_buried_cards_leave_the_queue_and_the_counts(tmp_path):
    clock = FakeClock(NOON)
    store = open_store(tmp_path, clock)
    d = flash_deck(n=6)
    for n in (0, 1):  # two reviews due
        put(store, ("d", f"c{n:05d}", ""), review_state(NOON - timedelta(days=1)))
    settings = Settings(DeckSettings(new_per_day=3))
    before = deck_counts(store, d, NOON, settings, UTC)
    assert (before.new, before.due) == (3, 2)
    store.set_marks([("d", "c00000"), ("d", "c00002")], "suspended", 1)
    store.set_marks([("d", "c00003")], "buried", today())
    queue = build_queue(store, [d], settings, NOON, UTC)
    assert [i.card.id for i in queue.reviews] == ["c00001"]
    assert [i.card.id for i in queue.new] == ["c00004", "c00005"]
    counts = deck_counts(store, d, NOON, settings, UTC)
    assert (counts.new, counts.due) == (2, 1)
    # the bury ends with the study day; the suspension stays
    tomorrow = NOON + timedelta(days=1)
    later = build_queue(store, [d], settings, tomorrow, UTC)
    assert "c00003" in [i.card.id for i in later.new]
    assert "c00000" not in [i.card.id for i in later.reviews]
    store.close()


def test_a_suspended_learning_card_is_not_shown_again_today(tmp_path):
    clock = FakeClock(NOON)
    store = open_store(tmp_path, clock)
    d = deck("d", [cloze("k", "one", "two")])
    learning = ItemState(State.Learning, 0, 1.0, 5.0, NOON, NOON - timedelta(minutes=5))
    put(store, ("d", "k", "c1"), learning)
    assert build_queue(store, [d], Settings(), NOON, UTC).learning
    store.set_marks([("d", "k")], "suspended", 1)
    queue = build_queue(store, [d], Settings(), NOON, UTC)
    assert queue.learning == [] and queue.new == []
    store.close()


def session_over(tmp_path, decks, mode=Mode.REVIEW):
    session, store, _ = make_session(tmp_path, decks, mode, clock=FakeClock(NOON))
    return session, store


@pytest.mark.parametrize("mode", [Mode.REVIEW, Mode.PRACTICE])
def test_suspending_in_a_session_moves_on_and_undo_brings_the_card_back(tmp_path, mode):
    session, store = session_over(
        tmp_path, [deck("d", [cloze("k", "a", "b"), *flash_deck(n=2).cards])], mode
    )
    first = session.next_item()
    total = session.counts.total
    assert session.mark(first, "suspended", 1)
    assert session.next_item().card.id != first.card.id
    left = session.counts.total
    assert left < total
    assert store.marks()[(first.deck_id, first.card.id)].suspended
    assert session.undo() == first
    assert session.next_item() == first and session.counts.total == total
    assert store.marks() == {}
    store.close()


def test_bury_and_flag_in_a_session_and_undo_in_order_with_answers(tmp_path):
    session, store = session_over(tmp_path, [flash_deck(n=3)])
    first = session.next_item()
    session.commit(first, Rating.Good, outcome=None, response_ms=800)
    second = session.next_item()
    assert session.mark(second, "flag", 2)
    assert session.next_item() == second  # a flag leaves the card where it is
    assert not session.mark(second, "flag", 2)  # nothing changed: nothing to undo
    assert session.mark(second, "buried", session.today("d"))
    assert session.next_item() not in (first, second)
    assert session.undo() == second and store.marks()[("d", second.card.id)].buried == 0
    assert session.undo() == second and store.marks() == {}
    assert session.undo() == first and store.get_state(first.key) is None
    store.close()
