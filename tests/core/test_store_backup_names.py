"""Backups never overwrite one another: copies of one label made in the same second each get a
name of their own, with or without hard links, and the daily rotation still works around them."""

from __future__ import annotations

import os
import sqlite3

import pytest
from fsrs import Rating
from store_support import FakeClock, open_store

from kdquiz.core.scheduling import DeckScheduler
from kdquiz.core.settings import DeckSettings
from kdquiz.core.store import ProgressStore, backups, store_path
from kdquiz.core.store.restore import restore

SCHED = DeckScheduler(DeckSettings(), fuzz=False)
LABELS = ["manual", "before-import", "before-restore", "before-v9"]


def _review(store: ProgressStore, clock: FakeClock, card: str) -> None:
    key = ("deck", card, "")
    store.record_review(
        key,
        lambda before: SCHED.review(before, Rating.Good, clock(), key),
        rating=3,
        when=clock(),
        response_ms=500,
    )


def _cards(copy) -> list[str]:
    conn = sqlite3.connect(copy)
    try:
        return sorted(row[0] for row in conn.execute("SELECT card FROM states"))
    finally:
        conn.close()


@pytest.mark.parametrize("hard_links", [True, False])
@pytest.mark.parametrize("label", LABELS)
def test_copies_made_in_the_same_second_each_keep_their_own(
    tmp_path, monkeypatch, label: str, hard_links: bool
) -> None:
    if not hard_links:  # a file system without them: the copy is renamed into a free name

        def no_links(*args: object) -> None:
            raise OSError(1, "Operation not permitted")

        monkeypatch.setattr(os, "link", no_links)
    clock = FakeClock()  # never moves: every copy is made in the same second
    copies = []
    for card in ("one", "two", "three"):
        store = open_store(tmp_path, clock)  # as separate kdquiz runs do
        _review(store, clock, card)
        copies.append(store.backup_now(label))
        store.close()
    stamp = clock().strftime("%Y%m%d-%H%M%S")
    assert [c.name for c in copies] == [
        f"progress-{label}-{stamp}.sqlite3",
        f"progress-{label}-{stamp}-2.sqlite3",
        f"progress-{label}-{stamp}-3.sqlite3",
    ]
    assert [_cards(c) for c in copies] == [
        ["one"],
        ["one", "two"],
        ["one", "three", "two"],
    ]
    assert set(backups.list_backups(store_path(tmp_path))) >= set(copies)
    assert not [p for p in copies[0].parent.iterdir() if ".tmp" in p.name]


def test_rotation_keeps_numbered_copies_and_prunes_daily_ones(tmp_path) -> None:
    clock = FakeClock()
    path = store_path(tmp_path)
    ProgressStore(path, clock=clock).close()
    store = open_store(tmp_path, clock)
    named = [store.backup_now("manual") for _ in range(3)]
    store.close()
    for _ in range(30):
        clock.advance(days=1)
        ProgressStore(path, clock=clock).close()
    daily = list(backups.backup_dir(path).glob("progress-daily-*"))
    assert 7 <= len(daily) <= 7 + backups.KEEP_WEEKLY
    assert all(copy.exists() for copy in named)


def test_a_daily_copy_another_kdquiz_made_meanwhile_is_never_replaced(
    tmp_path, monkeypatch
) -> None:
    clock = FakeClock()
    path = store_path(tmp_path)
    ProgressStore(path, clock=clock, backup=False).close()
    daily = backups.daily_copy(path, clock().date())
    daily.parent.mkdir()
    real_connect = sqlite3.connect

    def another_kdquiz_first(*args, **kwargs):  # it finishes its copy while this one is made
        if not daily.exists():
            daily.write_bytes(b"another kdquiz's copy")
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", another_kdquiz_first)
    assert backups.daily_backup(path, clock().date()) is None
    assert daily.read_bytes() == b"another kdquiz's copy"
    assert [p.name for p in daily.parent.iterdir()] == [daily.name]


def test_damaged_stores_set_aside_in_the_same_second_are_all_kept(tmp_path) -> None:
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    _review(store, clock, "one")
    snapshot = store.backup_now()
    store.close()
    aside = []
    for garbage in (b"garbage 1", b"garbage 2"):
        store_path(tmp_path).write_bytes(garbage)
        aside.append(restore(store_path(tmp_path), snapshot, clock=clock).moved_aside)
    assert aside[0] != aside[1]
    assert [p.read_bytes() for p in aside] == [b"garbage 1", b"garbage 2"]
