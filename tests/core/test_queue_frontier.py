"""The store remembers where a deck's first unstudied item was (store version 8), so the first
queue of a new process over a deck studied in order starts there instead of looking at every
studied item. It is used only for the deck content it was found in, written only while no state
was lost since it was found, and forgotten in the same transaction as whatever takes a state away."""

from __future__ import annotations

import sqlite3

from store_support import FakeClock, cloze, deck, flash, open_store
from test_queue_walk import NOW, answer, expected_new, from_cache, learn, mixed_deck, new_keys

from kdquiz.core import queue as queue_module
from kdquiz.core.settings import DeckSettings, Settings
from kdquiz.core.store import ProgressStore, backups, store_path
from kdquiz.core.store.schema import SCHEMA_VERSION, create_empty_store

SETTINGS = Settings(DeckSettings(new_per_day=3, bury_siblings=False))


def new_process() -> None:
    """What a new process starts with: nothing remembered in memory about any deck."""
    queue_module._KEYS_CACHE.clear()


def asked_cards(store, monkeypatch) -> list[str]:
    """Every card id the queue asks the store about, one by one or by reading all states."""
    asked: list[str] = []
    real_known, real_keys = store.known_items, store.state_keys

    def known_items(deck_id, card_ids):
        asked.extend(card_ids)
        return real_known(deck_id, card_ids)

    def state_keys(deck_id):
        asked.append("<every state>")
        return real_keys(deck_id)

    monkeypatch.setattr(store, "known_items", known_items)
    monkeypatch.setattr(store, "state_keys", state_keys)
    return asked


def studied_in_order(tmp_path, cards: int, studied: int):
    """(deck, the same read lazily, its items, a store, the first queue's new items) for a deck
    whose first `studied` items have a state, the queue built by a new process."""
    d = mixed_deck(cards)
    lazy = from_cache(d, tmp_path / "cache")
    items = [(i.card.id, i.sub) for i in d.items()]
    store = open_store(tmp_path, FakeClock(NOW))
    learn(store, "d", items[:studied])
    new_process()
    first = new_keys(store, lazy, SETTINGS)
    assert first == expected_new(store, d, 3, False)
    return d, lazy, items, store, first


def test_a_new_process_starts_where_the_last_walk_stopped(tmp_path, monkeypatch):
    d, lazy, items, store, first = studied_in_order(tmp_path, 80, 70)
    store.close()  # the frontier found is written on closing, with no answer given
    new_process()
    store = open_store(tmp_path, FakeClock(NOW))
    frontier = store.saved_frontier("d", lazy.content_key())
    assert frontier == [c.id for c in d.cards].index(items[70][0])
    asked = asked_cards(store, monkeypatch)
    assert new_keys(store, lazy, SETTINGS) == first
    positions = {c.id: n for n, c in enumerate(d.cards)}
    assert asked and "<every state>" not in asked
    assert min(positions[card] for card in asked) == frontier
    store.close()


def test_answers_write_the_frontier_and_an_undo_forgets_it(tmp_path):
    _, lazy, _, store, first = studied_in_order(tmp_path, 50, 40)
    done = answer(store, first[0])  # the frontier is written in this answer's transaction
    assert store.saved_frontier("d", lazy.content_key()) is not None
    store.undo_review(done.log_id, first[0], done.before, done.after)  # a state is taken away
    assert store.saved_frontier("d", lazy.content_key()) is None
    new_process()
    assert new_keys(store, lazy, SETTINGS) == first
    store.close()


def test_a_frontier_found_before_another_process_took_a_state_away_is_never_written(tmp_path):
    clock = FakeClock(NOW)
    d = deck("d", [flash(f"c{i}") for i in range(30)])
    lazy = from_cache(d, tmp_path / "cache")
    store, other = open_store(tmp_path, clock), open_store(tmp_path, clock)
    learn(store, "d", [(f"c{i}", "") for i in range(20)])
    done = answer(other, ("d", "c20", ""))
    new_process()
    assert new_keys(store, lazy, SETTINGS) == [("d", f"c{i}", "") for i in (21, 22, 23)]
    other.undo_review(done.log_id, ("d", "c20", ""), done.before, done.after)
    answer(store, ("d", "c25", ""))  # a write: the frontier past c20 must not go with it
    assert store.saved_frontier("d", lazy.content_key()) is None
    new_process()
    assert new_keys(store, lazy, SETTINGS)[0] == ("d", "c20", "")
    store.close()
    other.close()


def test_a_relink_forgets_the_frontier_and_other_content_never_uses_it(tmp_path):
    cards = [flash(f"c{i}") for i in range(20)]
    before = from_cache(deck("d", cards), tmp_path / "cache")
    store = open_store(tmp_path, FakeClock(NOW))
    learn(store, "d", [(f"c{i}", "") for i in range(15)])
    new_process()
    assert new_keys(store, before, SETTINGS)[0] == ("d", "c15", "")
    store.close()
    store = open_store(tmp_path, FakeClock(NOW))
    assert store.saved_frontier("d", before.content_key()) == 15
    # The deck edited: a card put first, with other content (the cache's digest) than before.
    edited = deck("d", [cloze("gapped", "x"), *cards])
    folder = tmp_path / "edited"
    folder.mkdir()
    from kdquiz.core.catalog import DeckCache

    DeckCache._write(folder, "deck", "1" * 40, edited)
    (entry,) = folder.glob("*.pickle")
    lazy_edited = DeckCache(folder)._read(entry, "1" * 40, "<deck>", lazy=True)
    assert lazy_edited is not None and lazy_edited.content_key() != before.content_key()
    assert store.saved_frontier("d", lazy_edited.content_key()) is None
    new_process()
    assert new_keys(store, lazy_edited, SETTINGS)[0] == ("d", "gapped", "c1")
    store.relink("d", "c3", "renamed")
    assert store.saved_frontier("d", before.content_key()) is None
    new_process()
    assert new_keys(store, before, SETTINGS)[0] == ("d", "c3", "")
    store.close()


def test_the_previous_version_upgrades_to_one_with_no_frontier_after_a_safety_copy(tmp_path):
    path = store_path(tmp_path)
    previous = SCHEMA_VERSION - 1
    create_empty_store(path, NOW, previous)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO states (deck, card, sub, state, step, stability, difficulty, due, "
            "last_review, reps, lapses) VALUES ('d', 'c0', '', 2, NULL, 5.0, 5.0, 10, 1, 1, 0)"
        )
    conn.close()
    with ProgressStore(path, clock=FakeClock(NOW), backup=False) as store:
        assert store.saved_frontier("d", "any") is None
        assert [key for key, _, _ in store.states()] == [("d", "c0", "")]
        store.keep_frontier("d", "any", 1, store.known_token())
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT deck, content, position FROM frontiers").fetchall() == [
        ("d", "any", 1)
    ]
    conn.close()
    (copy,) = backups.list_backups(path)
    assert f"before-v{SCHEMA_VERSION}" in copy.name
    old = sqlite3.connect(copy)
    assert old.execute("PRAGMA user_version").fetchone()[0] == previous
    assert old.execute("SELECT card FROM states").fetchall() == [("c0",)]
    old.close()
