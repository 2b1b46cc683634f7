"""The home screen's "learned": items of a deck that have a state, with no per-item strings kept.

It is counted in SQL less the states that are no item of the deck ("strays": cards removed, gaps
and reverse sides gone, a card that changed kind), found once and then kept current from this
connection's own first states. These tests pin that it always equals the plain definition, through
answers, undo, relink, imports, deck edits and another process's writes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import State
from store_support import FakeClock, cloze, deck, flash, mcq, open_store

from kdquiz.core import queue as queue_module
from kdquiz.core.model import Deck
from kdquiz.core.queue import deck_counts
from kdquiz.core.scheduling import ItemState
from kdquiz.core.settings import Settings
from kdquiz.core.store import connection as store_connection

NOW = datetime(2026, 5, 10, 12, 0, tzinfo=UTC)
LATER = ItemState(
    State.Review, None, 50.0, 5.0, NOW + timedelta(days=300), NOW - timedelta(days=1), reps=2
)


def learned(store, d: Deck) -> int:
    return deck_counts(store, d, NOW, Settings(), UTC).learned


def expected(store, d: Deck) -> int:
    """The definition: items of the deck whose key has a state."""
    known = {key for key, _, _ in store.states()}
    return sum(item.key in known for item in d.items())


def answer(store, key):
    return store.record_review(key, lambda _before: LATER, rating=3, when=NOW, response_ms=900)


def put(store, keys) -> None:
    store.import_rows([(key, LATER, "") for key in keys], [])


def sample_deck() -> Deck:
    return deck(
        "d",
        [flash("plain"), flash("both", reverse=True), cloze("gaps", "a", "b", "c"), mcq("choice")],
    )


def test_strays_of_every_kind_are_left_out(tmp_path):
    store = open_store(tmp_path, FakeClock(NOW))
    d = sample_deck()
    put(
        store,
        [
            ("d", "plain", ""),
            ("d", "both", "reverse"),
            ("d", "gaps", "c2"),
            ("d", "gone", ""),
            ("d", "gone", "c1"),  # a card no longer in the deck
            ("d", "plain", "reverse"),
            ("d", "gaps", "c9"),  # sides and gaps no longer there
            ("d", "gaps", ""),  # a card that became a cloze card
            ("d", "choice", "c1"),
            ("other", "choice", ""),
        ],
    )
    assert learned(store, d) == expected(store, d) == 3


def test_learned_follows_own_answers_undo_relink_and_import(tmp_path):
    store = open_store(tmp_path, FakeClock(NOW))
    d = sample_deck()
    put(store, [("d", "gone", "")])
    assert learned(store, d) == 0
    answer(store, ("d", "gaps", "c1"))
    answer(store, ("d", "gaps", "c1"))  # again: no new state
    assert learned(store, d) == expected(store, d) == 1
    answer(store, ("d", "plain", "reverse"))  # a stray written by this connection
    answer(store, ("other", "plain", ""))
    done = answer(store, ("d", "both", "reverse"))
    assert learned(store, d) == expected(store, d) == 2
    store.undo_review(done.log_id, ("d", "both", "reverse"), done.before, done.after)
    assert learned(store, d) == expected(store, d) == 1
    store.relink("d", "gone", "choice")
    assert learned(store, d) == expected(store, d) == 2
    put(store, [("d", "both", ""), ("d", "nothing", "")])
    assert learned(store, d) == expected(store, d) == 3


def test_each_deck_object_counts_against_its_own_cards(tmp_path):
    store = open_store(tmp_path, FakeClock(NOW))
    old = deck("d", [flash("a"), flash("b")])
    new = deck("d", [flash("a"), cloze("b", "x"), flash("c")])  # the file was edited
    answer(store, ("d", "b", ""))
    assert (learned(store, old), learned(store, new)) == (1, 0)
    answer(store, ("d", "c", ""))  # an item of the new deck only
    answer(store, ("d", "b", "c1"))
    assert (learned(store, old), learned(store, new)) == (1, 2)
    assert (expected(store, old), expected(store, new)) == (1, 2)


def test_another_process_writes_are_seen(tmp_path):
    clock = FakeClock(NOW)
    store = open_store(tmp_path, clock)
    d = sample_deck()
    assert learned(store, d) == 0
    other = open_store(tmp_path, clock)
    answer(other, ("d", "plain", ""))
    answer(other, ("d", "plain", "c3"))
    assert learned(store, d) == 1
    other.undo_review(answer(other, ("d", "choice", "")).log_id, ("d", "choice", ""), None, LATER)
    assert learned(store, d) == expected(store, d) == 1
    other.close()


def test_a_mark_older_than_the_journal_counts_again(tmp_path, monkeypatch):
    monkeypatch.setattr(store_connection, "ADDED_JOURNAL", 2)
    store = open_store(tmp_path, FakeClock(NOW))
    d = deck("d", [flash(f"c{i}") for i in range(4)])
    assert learned(store, d) == 0
    for key in [("d", "c0", ""), ("d", "x", ""), ("d", "c1", ""), ("d", "y", "")]:
        answer(store, key)
    assert learned(store, d) == expected(store, d) == 2


def test_added_since_lists_first_states_of_this_connection_only(tmp_path):
    clock = FakeClock(NOW)
    store = open_store(tmp_path, clock)
    mark, added = store.added_since(None)
    assert added is None
    answer(store, ("d", "a", ""))
    answer(store, ("d", "a", ""))
    answer(store, ("e", "b", "c1"))
    mark, added = store.added_since(mark)
    assert added == [("d", "a", ""), ("e", "b", "c1")]
    assert store.added_since(mark) == (mark, [])
    other = open_store(tmp_path, clock)
    answer(other, ("d", "c", ""))
    assert store.added_since(mark)[1] is None
    other.close()


@pytest.mark.parametrize("limit", [0, 3])
def test_the_walk_reads_every_state_without_keeping_them(tmp_path, monkeypatch, limit):
    """After the walk's switch to reading every state, nothing of it stays cached."""
    monkeypatch.setattr(queue_module, "_WALK_LIMIT", limit)
    store = open_store(tmp_path, FakeClock(NOW))
    d = deck("d", [flash(f"c{i}") for i in range(10)])
    put(store, [("d", f"c{i}", "") for i in range(8)])
    assert [i.card.id for i in deck_counts_new(store, d)] == ["c8", "c9"]
    assert not any(isinstance(v, (set, frozenset)) and len(v) >= 8 for v in vars(store).values())
    answer(store, ("d", "c8", ""))
    assert sorted(store.state_keys("d")) == [f"c{i}" for i in range(9)]


def deck_counts_new(store, d: Deck):
    from kdquiz.core.queue import build_queue

    return build_queue(store, [d], Settings(), NOW, UTC).new
