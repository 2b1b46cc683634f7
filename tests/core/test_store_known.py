"""What the daily queue asks the store about studied items: indexed lookups and a change token."""

from __future__ import annotations

from datetime import timedelta

from fsrs import State
from store_support import FakeClock, open_store

from kdquiz.core.scheduling import ItemState
from kdquiz.core.store import queue_reads


def state(clock: FakeClock) -> ItemState:
    return ItemState(State.Review, None, 10.0, 5.0, clock() + timedelta(days=3), clock(), reps=1)


def answer(store, clock, key):
    return store.record_review(
        key, lambda _before: state(clock), rating=3, when=clock(), response_ms=900
    )


def test_known_items_returns_the_states_of_the_cards_asked_for(tmp_path, monkeypatch):
    monkeypatch.setattr(queue_reads, "IN_BATCH", 3)  # several statements for one call
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    keys = [("d", f"c{i}", "") for i in range(8)] + [("d", "c1", "c2"), ("other", "c2", "")]
    store.import_rows([(key, state(clock), "") for key in keys], [])
    asked = ["c1", "c2", "c5", "c7", "missing", "c9"]
    assert store.known_items("d", asked) == {"c1\x1f", "c1\x1fc2", "c2\x1f", "c5\x1f", "c7\x1f"}
    assert store.known_items("d", []) == set()
    assert store.known_items("other", asked) == {"c2\x1f"}


def test_known_token_changes_when_an_item_may_have_lost_its_state(tmp_path):
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    token = store.known_token()
    assert store.known_token() == token
    done = answer(store, clock, ("d", "a", ""))  # our own additions keep what was known true
    assert store.known_token() == token
    store.undo_review(done.log_id, ("d", "a", ""), done.before, done.after)
    assert store.known_token() != token
    token = store.known_token()
    answer(store, clock, ("d", "b", ""))
    store.relink("d", "b", "renamed")
    assert store.known_token() != token
    token = store.known_token()
    other = open_store(tmp_path, clock)
    assert other.known_token() != token  # another store object never shares a token
    answer(other, clock, ("d", "c", ""))  # another connection's commit
    assert store.known_token() != token
    other.close()
