"""New items are found by walking the deck in order with indexed lookups, remembering how far the
deck is known. These tests pin that the walk (in small batches, after its switch to reading every
state, and when it starts from where the last walk stopped) finds exactly the items a plain scan of
the whole deck finds, also after undo, relink, deck edits and other processes' writes."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import State
from store_support import FakeClock, cloze, deck, flash, mcq, open_store

from kdquiz.core import queue as queue_module
from kdquiz.core.model import Deck, Item
from kdquiz.core.queue import build_queue, deck_counts, study_day
from kdquiz.core.scheduling import ItemState
from kdquiz.core.settings import DeckSettings, Settings

NOW = datetime(2026, 5, 10, 12, 0, tzinfo=UTC)
YESTERDAY = NOW - timedelta(days=1)
#: Far in the future, so these states are never due and only decide what is new.
LATER = ItemState(State.Review, None, 50.0, 5.0, NOW + timedelta(days=300), YESTERDAY, reps=2)

#: (first batch, largest batch, cards walked before reading every state, known cards in a row
#: from the start before reading every state, cards looked up at once after reading every state)
WALKS = {
    "default": (64, 4096, 8192, 256, 2048),
    "tiny batches": (1, 2, 10_000, 10_000, 2048),
    "growing batches": (2, 8, 10_000, 10_000, 2048),
    "switch early": (2, 4, 6, 10_000, 2048),
    "switch after a known run": (2, 4, 10_000, 3, 2048),
    "read all states": (4, 4, 0, 0, 2048),
    "read all states, small runs": (4, 4, 0, 0, 1),
    "switch early, small runs": (2, 4, 6, 10_000, 3),
}


@pytest.fixture(params=sorted(WALKS))
def walk(request, monkeypatch):
    first, largest, limit, run, lookups = WALKS[request.param]
    monkeypatch.setattr(queue_module, "_RUN", lookups)
    monkeypatch.setattr(queue_module, "_FIRST_BATCH", first)
    monkeypatch.setattr(queue_module, "_MAX_BATCH", largest)
    monkeypatch.setattr(queue_module, "_WALK_LIMIT", limit)
    monkeypatch.setattr(queue_module, "_KNOWN_RUN", run)
    return request.param


def learn(store, deck_id: str, keys) -> None:
    """Give items a state in one transaction (no log rows, so no daily limit is used)."""
    store.import_rows([((deck_id, card, sub), LATER, "") for card, sub in keys], [])


def answer(store, key, when=YESTERDAY):
    return store.record_review(key, lambda _before: LATER, rating=3, when=when, response_ms=1000)


def expected_new(store, d: Deck, wanted: int, bury: bool, buried=()) -> list[tuple[str, str, str]]:
    """The definition: the first items of the deck, in order, without a state; one per card if bury."""
    known = {key for key, _, _ in store.states()}
    taken, out = set(buried), []
    for item in d.items():
        if item.key in known or item.card.id in taken:
            continue
        out.append(item.key)
        if bury:
            taken.add(item.card.id)
        if len(out) == wanted:
            break
    return out


def new_keys(store, d: Deck, settings: Settings, now: datetime = NOW) -> list[tuple[str, str, str]]:
    return [item.key for item in build_queue(store, [d], settings, now, UTC).new]


def mixed_deck(n: int, deck_id: str = "d") -> Deck:
    cards = []
    for i in range(n):
        if i % 5 == 1:
            cards.append(cloze(f"z{i:03d}", *[f"g{g}" for g in range(1 + i % 3)]))
        else:
            cards.append(flash(f"f{i:03d}", reverse=i % 4 == 0))
    return deck(deck_id, cards)


def test_new_items_far_down_a_mostly_learned_deck(tmp_path, walk):
    store = open_store(tmp_path, FakeClock(NOW))
    d = mixed_deck(120)
    items = [(i.card.id, i.sub) for i in d.items()]
    learn(
        store, "d", items[:-7]
    )  # all but the last seven items, as when a deck is learned in order
    for bury in (True, False):
        settings = Settings(DeckSettings(new_per_day=5, bury_siblings=bury))
        assert new_keys(store, d, settings) == expected_new(store, d, 5, bury)
        assert new_keys(store, d, settings) == expected_new(
            store, d, 5, bury
        )  # from the remembered spot
    learn(store, "d", items[-7:])
    assert new_keys(store, d, Settings()) == []
    assert deck_counts(store, d, NOW, Settings(), UTC).learned == len(items)


@pytest.mark.parametrize("seed", range(12))
def test_walk_matches_a_scan_of_the_whole_deck(tmp_path, walk, seed):
    rng = random.Random(seed)
    store = open_store(tmp_path, FakeClock(NOW))
    d = mixed_deck(rng.randint(1, 90))
    items = [(i.card.id, i.sub) for i in d.items()]
    share = rng.choice((0.0, 0.3, 0.9, 1.0))
    learn(store, "d", [k for k in items if rng.random() < share])
    # orphans: a card no longer in the deck, a gap it lost, a reverse side it no longer has
    learn(
        store,
        "d",
        [("gone", ""), ("z001", "c9"), ("z001", ""), ("f002", "reverse")][: rng.randint(0, 4)],
    )
    bury = rng.random() < 0.5
    wanted = rng.randint(1, 30)
    settings = Settings(DeckSettings(new_per_day=wanted, bury_siblings=bury))
    for _ in range(3):  # a fresh walk, one from the remembered spot, then after answering some
        assert new_keys(store, d, settings) == expected_new(store, d, wanted, bury)
        for key in expected_new(store, d, rng.randint(0, 3), bury):
            answer(store, key)
    known = {key for key, _, _ in store.states()}
    assert deck_counts(store, d, NOW, settings, UTC).learned == sum(
        i.key in known for i in d.items()
    )


def test_unstudied_sides_and_gaps_inside_a_learned_run(tmp_path, walk):
    """Reading every state skips plain cards with a state in C: a reverse side or a gap left
    unstudied among them, a stray plain state of a cloze card, and cards of plain kinds only."""
    store = open_store(tmp_path, FakeClock(NOW))
    cards = [
        mcq(f"m{i:03d}") if i % 3 else flash(f"f{i:03d}", reverse=i % 2 == 0) for i in range(60)
    ]
    cards[40] = cloze("gaps", "a", "b", "c")
    d = deck("d", cards)
    items = [(i.card.id, i.sub) for i in d.items()]
    skipped = [("f006", "reverse"), ("gaps", "c2"), ("m050", "")]
    learn(store, "d", [k for k in items if k not in skipped] + [("gaps", ""), ("gone", "")])
    settings = Settings(DeckSettings(new_per_day=10, bury_siblings=False))
    assert new_keys(store, d, settings) == [("d", *k) for k in skipped]
    plain = deck("p", [mcq(f"m{i:03d}") for i in range(50)])
    learn(store, "p", [(f"m{i:03d}", "") for i in range(50) if i != 45])
    assert new_keys(store, plain, settings) == [("p", "m045", "")]


def test_a_deck_whose_card_ids_repeat(tmp_path, walk):
    """Its id index is shorter than its cards, so the walk reads the ids off the cards."""
    store = open_store(tmp_path, FakeClock(NOW))
    d = deck("d", [flash(f"c{i % 20}") for i in range(40)] + [flash("last")])
    learn(store, "d", [(f"c{i}", "") for i in range(20)])
    settings = Settings(DeckSettings(new_per_day=3))
    assert new_keys(store, d, settings) == expected_new(store, d, 3, True) == [("d", "last", "")]


def test_buried_cards_are_skipped_but_still_stop_the_remembered_spot(tmp_path, walk):
    """A card buried today has unstudied items: tomorrow's walk must not start past them."""
    store = open_store(tmp_path, FakeClock(NOW))
    d = deck("d", [cloze("gaps", "a", "b", "c"), *[flash(f"f{i}") for i in range(20)]])
    learn(store, "d", [("f0", "")])
    answer(store, ("d", "gaps", "c1"), when=NOW)  # today: its siblings are buried
    settings = Settings(DeckSettings(new_per_day=3))
    assert new_keys(store, d, settings) == [("d", "f1", ""), ("d", "f2", "")]  # one new used today
    tomorrow = NOW + timedelta(days=1)
    assert new_keys(store, d, settings, tomorrow) == [
        ("d", "gaps", "c2"),
        ("d", "f1", ""),
        ("d", "f2", ""),
    ]


def test_an_undone_first_answer_makes_the_item_new_again(tmp_path, walk):
    store = open_store(tmp_path, FakeClock(NOW))
    d = mixed_deck(40)
    items = [(i.card.id, i.sub) for i in d.items()]
    learn(store, "d", items[:30])
    settings = Settings(DeckSettings(new_per_day=2, bury_siblings=False))
    first = new_keys(store, d, settings)
    assert first == [("d", *items[30]), ("d", *items[31])]
    done = answer(store, first[0])
    assert new_keys(store, d, settings) == [("d", *items[31]), ("d", *items[32])]
    store.undo_review(done.log_id, first[0], done.before, done.after)  # deletes the state
    assert new_keys(store, d, settings) == first


def test_relinking_a_card_away_makes_it_new_again(tmp_path, walk):
    store = open_store(tmp_path, FakeClock(NOW))
    d = deck("d", [flash(f"c{i}") for i in range(12)])
    learn(store, "d", [(f"c{i}", "") for i in range(10)])
    settings = Settings(DeckSettings(new_per_day=1))
    assert new_keys(store, d, settings) == [("d", "c10", "")]
    assert store.relink("d", "c3", "renamed") == (1, 0)
    assert new_keys(store, d, settings) == [("d", "c3", "")]


def test_another_process_writing_is_seen(tmp_path, walk):
    clock = FakeClock(NOW)
    store, other = open_store(tmp_path, clock), open_store(tmp_path, clock)
    d = deck("d", [flash(f"c{i}") for i in range(30)])
    learn(store, "d", [(f"c{i}", "") for i in range(20)])
    settings = Settings(DeckSettings(new_per_day=2))
    assert new_keys(store, d, settings) == [("d", "c20", ""), ("d", "c21", "")]
    answer(other, ("d", "c20", ""))  # the other kdquiz studies a new card ...
    assert new_keys(store, d, settings) == [("d", "c21", ""), ("d", "c22", "")]
    done = answer(other, ("d", "c21", ""))
    other.undo_review(done.log_id, ("d", "c21", ""), done.before, done.after)
    assert new_keys(store, d, settings) == [("d", "c21", ""), ("d", "c22", "")]
    other.relink("d", "c5", "elsewhere")  # ... and moves a learned card's progress away
    assert new_keys(store, d, settings) == [("d", "c5", ""), ("d", "c21", "")]
    other.close()


def test_a_deck_edited_between_builds(tmp_path, walk):
    store = open_store(tmp_path, FakeClock(NOW))
    cards = [flash(f"c{i}") for i in range(15)]
    learn(store, "d", [(f"c{i}", "") for i in range(15)])
    before = deck("d", cards)
    settings = Settings(DeckSettings(new_per_day=2))
    assert new_keys(store, before, settings) == []
    edited = deck("d", [flash("first"), *cards[:7], cloze("gapped", "x", "y"), *cards[7:]])
    assert new_keys(store, edited, settings) == [("d", "first", ""), ("d", "gapped", "c1")]
    gained = deck(
        "d", [*cards[:3], flash("c3", reverse=True), *cards[4:]]
    )  # c3 gains a reverse side
    assert new_keys(store, gained, settings) == [("d", "c3", "reverse")]
    assert new_keys(store, before, settings) == []


def test_the_same_deck_in_two_stores(tmp_path, walk):
    """What one store's walk remembers is never used for another store."""
    a = open_store(tmp_path, FakeClock(NOW), "a.sqlite3")
    b = open_store(tmp_path, FakeClock(NOW), "b.sqlite3")
    d = deck("d", [flash(f"c{i}") for i in range(20)])
    learn(a, "d", [(f"c{i}", "") for i in range(18)])
    settings = Settings(DeckSettings(new_per_day=1))
    assert new_keys(a, d, settings) == [("d", "c18", "")]
    assert new_keys(b, d, settings) == [("d", "c0", "")]
    assert new_keys(a, d, settings) == [("d", "c18", "")]


def test_items_are_whole_items_of_the_deck(tmp_path):
    store = open_store(tmp_path, FakeClock(NOW))
    d = deck("d", [cloze("gaps", "a", "b")])
    (first, second) = build_queue(
        store, [d], Settings(DeckSettings(bury_siblings=False)), NOW, UTC
    ).new
    assert first == Item("d", d.cards[0], "c1") and second == Item("d", d.cards[0], "c2")
    assert study_day(NOW, UTC, 4).end == build_queue(store, [d], Settings(), NOW, UTC).ends


def from_cache(d: Deck, folder) -> Deck:
    """`d` as a warm start gives it: read from its deck cache entry, its cards not yet read."""
    from kdquiz.core.catalog import DeckCache

    folder.mkdir()
    digest = "0" * 40
    DeckCache._write(folder, "deck", digest, d)
    (entry,) = folder.glob("*.pickle")
    lazy = DeckCache(folder)._read(entry, digest, "<deck>", lazy=True)
    assert lazy is not None and not lazy.loaded
    return lazy


#: Due today: a review and a learning step, so the queue asks for cards by id too.
DUE = ItemState(State.Review, None, 5.0, 5.0, NOW - timedelta(hours=1), NOW - timedelta(days=6))
STEP = ItemState(State.Learning, 0, 1.0, 5.0, NOW + timedelta(minutes=5), NOW, reps=1)


@pytest.mark.parametrize("seed", range(10))
def test_a_deck_read_from_the_cache_gives_the_same_queue_without_reading_every_card(
    tmp_path, walk, seed, monkeypatch
):
    """The first queue of a lazily read deck builds only the cards it holds (by id for reviews
    and learning steps, by position for new items), and counts the learned items from the item
    index: the same queue and counts as the parsed deck's, and the deck's cards still unread."""
    from kdquiz.core import catalog as catalog_module

    monkeypatch.setattr(catalog_module, "_CHUNK", 7)  # runs of cards cross chunks
    rng = random.Random(seed)
    store = open_store(tmp_path, FakeClock(NOW))
    d = mixed_deck(rng.randint(1, 90))
    lazy = from_cache(d, tmp_path / "cache")
    items = [(i.card.id, i.sub) for i in d.items()]
    share = rng.choice((0.0, 0.3, 0.9, 1.0))
    learn(store, "d", [k for k in items if rng.random() < share])
    learn(store, "d", [("gone", ""), ("z001", "c9"), ("f002", "reverse")][: rng.randint(0, 3)])
    for state, picked in ((DUE, rng.sample(items, min(4, len(items)))), (STEP, items[-2:])):
        store.import_rows([(("d", card, sub), state, "") for card, sub in picked], [])
    settings = Settings(DeckSettings(new_per_day=rng.randint(1, 30), bury_siblings=seed % 2 == 0))

    def queued(deck):
        queue = build_queue(store, [deck], settings, NOW, UTC)
        return [
            [(i.key, i.card) for i in part]
            for part in (queue.reviews, [i for _, i in queue.learning], queue.new)
        ]

    for _ in range(2):  # a fresh build, then one from the remembered spot
        assert queued(lazy) == queued(d)
        counts = deck_counts(store, lazy, NOW, settings, UTC)
        assert counts == deck_counts(store, d, NOW, settings, UTC)
    assert not lazy.loaded
    assert lazy.cards == d.cards
