"""The deck cache's file: only plain values, every field of every kind back exactly, and any
entry that is stale, truncated or from an older layout is rebuilt from the deck file."""

from __future__ import annotations

import os
import pickletools
import textwrap
from pathlib import Path

import pytest
from test_deck_loader import EVERY_KIND

from kdquiz.core import catalog as catalog_module
from kdquiz.core import decks as decks_module
from kdquiz.core.catalog import DeckCache
from kdquiz.core.decks import load_deck
from kdquiz.core.model import Deck, Kind

DECK = """\
format: 1
id: every-kind
title: Every kind
description: All eight
author: A teacher
language: ko
tags: [drama, basics]
sources:
  - id: art
    title: An article
    author: Someone
    url: https://example.org/a
cards:
  - id: tagged
    type: flashcard
    front: PD
    back: producer-director
    tags: [roles, drama]
    time_limit: 30
    points: 5
    explain: Both at once.
""" + textwrap.indent(EVERY_KIND, "  ")


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "every.yaml"
    path.write_text(DECK, encoding="utf-8")
    return path


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    parses: list[int] = []
    real = decks_module.load_deck_text  # the catalog imports it on its first cold parse
    monkeypatch.setattr(decks_module, "load_deck_text", lambda *a: parses.append(1) or real(*a))
    return parses


def parsed_and_lazy(
    deck_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Deck, Deck, list[int]]:
    """The deck parsed (its entry written), then read lazily; each full read of its cards is
    counted in the list."""
    cache = DeckCache(tmp_path / "cache")
    parsed = cache.load(deck_file)
    reads: list[int] = []
    real = catalog_module._read_cards
    monkeypatch.setattr(catalog_module, "_read_cards", lambda *a: reads.append(1) or real(*a))
    return parsed, cache.load(deck_file, lazy=True), reads


def test_every_field_of_every_kind_comes_back_from_the_cache(
    deck_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = DeckCache(tmp_path / "cache")
    parsed = cache.load(deck_file)
    parses = count_parses(monkeypatch)
    cached = cache.load(deck_file)
    assert parses == []
    assert cached == parsed == load_deck(deck_file)
    assert [type(c) for c in cached.cards] == [type(c) for c in parsed.cards]
    assert [c.kind for c in cached.cards] == [c.kind for c in parsed.cards]
    assert cached.card("tagged") is cached.cards[0] and cached.source("art") == parsed.source("art")
    assert (cached.tags, cached.path, cached.format) == (("drama", "basics"), str(deck_file), 1)
    # Repeated short strings are shared, not copied per card.
    assert cached.cards[0].tags[1] is cached.tags[0]


def test_the_entry_holds_only_plain_values(deck_file: Path, tmp_path: Path) -> None:
    DeckCache(tmp_path / "cache").load(deck_file)
    (entry,) = (tmp_path / "cache").iterdir()
    data = entry.read_bytes()
    opcodes: set[str] = set()
    position = 0
    while position < len(data):  # several pickles, one after another
        for op, _, at in pickletools.genops(data[position:]):
            opcodes.add(op.name)
            if op.name == "STOP":
                position += at + 1
                break
    assert not opcodes & {
        "GLOBAL",
        "STACK_GLOBAL",
        "INST",
        "OBJ",
        "REDUCE",
        "NEWOBJ",
        "NEWOBJ_EX",
        "BUILD",
        "EXT1",
        "EXT2",
        "EXT4",
        "PERSID",
        "BINPERSID",
    }


@pytest.mark.parametrize("lazy", [False, True])
@pytest.mark.parametrize("damage", ["truncate", "old-layout", "garbage", "garbled cards"])
def test_a_damaged_or_old_entry_is_rebuilt(
    damage: str, lazy: bool, deck_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also for a lazy deck, whose cards are read after the entry was opened: a garbled entry of
    the right length is found only then, and the deck file is read instead."""
    import pickle

    cache = DeckCache(tmp_path / "cache")
    first = cache.load(deck_file)
    (entry,) = (tmp_path / "cache").iterdir()
    data = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(data[: len(data) - 40])
    elif damage == "old-layout":
        stamp = pickle.loads(data)
        entry.write_bytes(pickle.dumps(("1-old", *stamp[1:])) + data[len(pickle.dumps(stamp)) :])
    elif damage == "garbage":
        entry.write_bytes(b"\x80\x05not a pickle at all")
    else:
        entry.write_bytes(data[:-60] + b"\x00" * 60)
    parses = count_parses(monkeypatch)
    assert cache.load(deck_file, lazy=lazy) == first and parses == [1]
    again = cache.load(deck_file, lazy=lazy)  # the rebuilt entry is used
    assert again == first and again.item_index() == first.item_index() and parses == [1]


def test_changed_content_is_reparsed_and_replaces_the_old_entry(
    deck_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = DeckCache(tmp_path / "cache")
    cache.load(deck_file)
    deck_file.write_text(DECK.replace("title: Every kind", "title: Every kind, edited"), "utf-8")
    parses = count_parses(monkeypatch)
    assert cache.load(deck_file).title == "Every kind, edited" and parses == [1]
    assert cache.load(deck_file, lazy=True).title == "Every kind, edited" and parses == [1]
    assert len(list((tmp_path / "cache").iterdir())) == 1  # one entry per deck file


def test_a_touched_but_unchanged_file_is_not_reparsed(
    deck_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = DeckCache(tmp_path / "cache")
    first = cache.load(deck_file)
    stat = deck_file.stat()
    os.utime(deck_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    parses = count_parses(monkeypatch)
    assert cache.load(deck_file) == first and parses == []


def test_an_identical_copy_is_read_from_the_cache(
    deck_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = DeckCache(tmp_path / "cache")
    cache.load(deck_file)
    copy = tmp_path / "elsewhere" / "copy.yaml"
    copy.parent.mkdir()
    copy.write_bytes(deck_file.read_bytes())
    parses = count_parses(monkeypatch)
    deck = cache.load(copy, lazy=True)
    assert parses == [] and deck == load_deck(copy)
    assert deck.path == str(copy)  # errors and the editor point at the file asked for


@pytest.mark.parametrize("spelling", ["symlink", "dotdot", "relative"])
def test_another_spelling_of_the_data_directory_is_a_cache_hit(
    spelling: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kdquiz.core.catalog import load_catalog

    data = tmp_path / "data"
    (data / "decks").mkdir(parents=True)
    (data / "decks" / "every.yaml").write_text(DECK, encoding="utf-8")
    first = load_catalog(data, include_shipped=False)
    if spelling == "symlink":
        other = tmp_path / "link"
        other.symlink_to(data, target_is_directory=True)
    elif spelling == "dotdot":
        (tmp_path / "sub").mkdir()
        other = tmp_path / "sub" / ".." / "data"
    else:
        monkeypatch.chdir(tmp_path)
        other = Path("data")
    parses = count_parses(monkeypatch)
    again = load_catalog(other, include_shipped=False)
    assert parses == [] and not again.problems
    (deck,) = again.decks
    assert deck.cards == first.decks[0].cards and deck.path == str(other / "decks" / "every.yaml")


def test_a_lazy_deck_reads_its_cards_only_when_used_and_they_are_the_same(
    deck_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kdquiz.core.model import LazyDeck

    parsed, lazy, reads = parsed_and_lazy(deck_file, tmp_path, monkeypatch)
    assert isinstance(lazy, LazyDeck) and reads == []
    # What the home screen shows comes without the cards ...
    assert (lazy.id, lazy.title, lazy.tags, lazy.description) == (
        parsed.id,
        parsed.title,
        parsed.tags,
        parsed.description,
    )
    assert lazy.item_count() == parsed.item_count() == sum(1 for _ in parsed.items())
    assert lazy.card_tags() == parsed.card_tags() and lazy.card_tags()["drama"] == 1
    assert lazy.item_count("drama") == parsed.item_count("drama") == 1
    assert reads == []
    # ... and the cards, once asked for, are read once and are exactly the parsed ones.
    assert lazy.cards == parsed.cards and lazy.card("tagged") == parsed.card("tagged")
    assert list(lazy.items()) == list(parsed.items()) and lazy == parsed
    assert lazy.item_index() == parsed.item_index()  # read with the cards, not rebuilt
    assert reads == [1]


def test_a_read_only_cache_folder_costs_only_speed(deck_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert DeckCache(folder).load(deck_file).id == "every-kind"
        assert os.geteuid() == 0 or not list(folder.iterdir())
    finally:
        folder.chmod(0o700)


def test_a_warm_start_does_not_import_yaml(deck_file: Path, tmp_path: Path) -> None:
    """Start-up with every deck cached never needs the YAML reader (or its import time), and a
    lazy deck, until its cards are used, not even the kinds' parsing and grading code."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom pathlib import Path\nfrom kdquiz.core.catalog import DeckCache\n"
        f"deck = DeckCache(Path({str(tmp_path / 'cache')!r})).load(Path({str(deck_file)!r}), "
        "lazy=True)\n"
        "print(deck.id, 'yaml' in sys.modules, 'kdquiz.core.kinds' in sys.modules)\n"
        "print(len(deck.cards), 'yaml' in sys.modules)\n"
    )
    run = [sys.executable, "-c", code]
    cold = subprocess.run(run, capture_output=True, text=True, check=True).stdout.split()
    warm = subprocess.run(run, capture_output=True, text=True, check=True).stdout.split()
    cards = str(len(load_deck(deck_file).cards))
    assert cold == ["every-kind", "True", "True", cards, "True"]
    assert warm == ["every-kind", "False", "False", cards, "False"]


@pytest.mark.parametrize("lazy", [False, True])
def test_an_item_index_that_does_not_fit_its_cards_is_refused(
    lazy: bool, deck_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The queue looks cards up by the index's numbers: numbers past the last card (a tampered
    entry, written with the lengths made to fit) make the entry be rebuilt, never an IndexError."""
    import io
    import pickle
    from array import array

    cache = DeckCache(tmp_path / "cache")
    first = cache.load(deck_file)
    (entry,) = (tmp_path / "cache").iterdir()
    reader = io.BytesIO(entry.read_bytes())
    stamp, head = pickle.load(reader), pickle.load(reader)
    ids, index, starts = pickle.load(reader), pickle.load(reader), pickle.load(reader)
    plain, plain_at, keys, owners = index
    far = array("I", [len(first.cards) + 5] * len(keys)).tobytes()
    rows = reader.read()  # the cards, as written
    body = b"".join(pickle.dumps(part) for part in (ids, (plain, plain_at, keys, far), starts))
    body += rows
    head["body_bytes"] = len(body)
    entry.write_bytes(pickle.dumps(stamp) + pickle.dumps(head) + body)
    parses = count_parses(monkeypatch)
    deck = cache.load(deck_file, lazy=lazy)
    assert deck.cards == first.cards and deck.item_index() == first.item_index()
    assert parses == [1]


def test_a_lazy_deck_builds_only_the_cards_asked_for(
    deck_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first queue of a big deck asks for a few cards by id or position, the ids in order and
    the item index: none of these reads the deck's other cards, and each card is made once (the
    same object when all the cards are read later)."""
    parsed, lazy, reads = parsed_and_lazy(deck_file, tmp_path, monkeypatch)
    last = len(parsed.cards) - 1
    assert list(lazy.card_ids()) == [card.id for card in parsed.cards]
    assert lazy.item_index() == parsed.item_index()
    tagged, at_end = lazy.card("tagged"), lazy.card_at(last)
    assert tagged == parsed.card("tagged") and at_end == parsed.cards[last]
    assert lazy.card("no-such-card") is None
    assert lazy.card("tagged") is tagged and lazy.card_at(0) is tagged
    assert reads == [] and not lazy.loaded
    assert lazy.cards == parsed.cards and reads == [1]
    assert lazy.cards[0] is tagged and lazy.cards[last] is at_end


def test_a_row_that_is_not_its_card_is_refused(deck_file: Path, tmp_path: Path) -> None:
    """An entry whose row positions were swapped (the right length, every pickle valid) would
    give one card's fields to another: a single card's row is checked against its id, and the
    deck is read whole instead (from the entry read in order, or else from its file)."""
    import io
    import pickle
    from array import array

    cache = DeckCache(tmp_path / "cache")
    parsed = cache.load(deck_file)
    (entry,) = (tmp_path / "cache").iterdir()
    reader = io.BytesIO(entry.read_bytes())
    stamp, head, ids, index = (pickle.load(reader) for _ in range(4))
    starts = array("Q", pickle.load(reader))
    starts[0], starts[1] = starts[1], starts[2]  # card 0 now "spans" card 1's row
    rest = reader.read()
    body = b"".join(pickle.dumps(part) for part in (ids, index, starts.tobytes())) + rest
    head["body_bytes"] = len(body)
    entry.write_bytes(pickle.dumps(stamp) + pickle.dumps(head) + body)
    lazy = cache.load(deck_file, lazy=True)
    assert lazy.card(parsed.cards[0].id) == parsed.cards[0]
    assert lazy.card_at(1) == parsed.cards[1] and lazy.cards == parsed.cards


def test_a_row_bigger_than_a_pickle_frame_is_read_on_its_own_and_in_its_chunk() -> None:
    """A row over 64 KiB is pickled in several frames; its opcodes alone still rebuild it, by
    themselves (one card) and among others (a chunk). Decks' fields are capped well below that,
    but a card has many fields."""
    import io
    import pickle

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    rows = [
        ("small", "", ("a", "b"), None, frozenset({"x"}), 1.5),
        ("huge", "y" * 70_000, ("c",) * 3, "z" * 30_000, frozenset(), None),
        ("after", "", (), None, frozenset({"x", "y"}), True),
    ]
    whole = pickle.dumps(rows[1], protocol=5)
    assert int.from_bytes(whole[3:11], "little") != len(whole) - 11  # not one frame
    ops = [catalog_module._row_ops(pickler, buffer, row) for row in rows]
    for row, alone in zip(rows, ops):
        assert pickle.loads(catalog_module._PROTO + alone + b".") == row
    assert pickle.loads(catalog_module._chunk(ops)) == tuple(rows)


def test_an_unchanged_file_is_known_by_its_stat_and_any_write_is_seen(
    deck_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm start need not read a big deck file to hash it: the digest is remembered with the
    file's size, times and inode. A write of the same size with the same modification time still
    changes the file's change time, so it is hashed, and parsed, again."""
    import hashlib

    monkeypatch.setattr(catalog_module, "_SETTLED_NS", 0)  # the file is only just written
    hashed: list[int] = []
    real = hashlib.file_digest
    monkeypatch.setattr(hashlib, "file_digest", lambda *a: hashed.append(1) or real(*a))
    cache = DeckCache(tmp_path / "cache")
    first = cache.load(deck_file)
    hashed.clear()
    parses = count_parses(monkeypatch)
    assert cache.load(deck_file, lazy=True) == first and hashed == [] and parses == []
    stat = deck_file.stat()
    deck_file.write_text(DECK.replace("title: Every kind", "title: Every kinD"), "utf-8")
    os.utime(deck_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert deck_file.stat().st_size == stat.st_size
    assert cache.load(deck_file).title == "Every kinD" and parses == [1]
    assert cache.load(deck_file, lazy=True).title == "Every kinD" and parses == [1]


def test_a_file_changed_just_before_it_was_read_is_hashed_every_time(
    deck_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a file system with coarse times, a change in the same tick would not show in the stat:
    a file changed less than two seconds before it was read is never known by its stat."""
    import hashlib

    hashed: list[int] = []
    real = hashlib.file_digest
    monkeypatch.setattr(hashlib, "file_digest", lambda *a: hashed.append(1) or real(*a))
    cache = DeckCache(tmp_path / "cache")
    first = cache.load(deck_file)  # (hashed to look for an entry, then parsed)
    assert cache.load(deck_file) == first and cache.load(deck_file) == first
    assert hashed == [1, 1, 1]
    assert not list((tmp_path / "cache").glob("*.stat"))


def test_an_entry_cut_short_while_a_lazy_deck_reads_it(deck_file: Path, tmp_path: Path) -> None:
    """The entry stays open for single cards; cut short in place by someone else meanwhile, the
    next card's read comes up short (it is read, never mapped into memory, which would crash) and
    the deck file is read instead."""
    cache = DeckCache(tmp_path / "cache")
    parsed = cache.load(deck_file)
    (entry,) = (tmp_path / "cache").glob("*.pickle")
    lazy = cache.load(deck_file, lazy=True)
    assert lazy.card_at(0) == parsed.cards[0]
    with entry.open("r+b") as fh:
        fh.truncate(entry.stat().st_size // 2)
    last = len(parsed.cards) - 1
    assert lazy.card_at(last) == parsed.cards[last] and lazy.cards == parsed.cards


@pytest.mark.parametrize("chunk", [1, 2, 3, 4096])
def test_runs_of_cards_across_chunks_come_back(
    chunk: int, deck_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The walk for new items asks for runs of cards: each chunk's part is read at once, runs
    that cross chunks or pass the last card included, and a card built before is kept."""
    monkeypatch.setattr(catalog_module, "_CHUNK", chunk)
    parsed, lazy, reads = parsed_and_lazy(deck_file, tmp_path, monkeypatch)
    count = len(parsed.cards)
    second = lazy.card_at(1)
    assert list(lazy.cards_between(1, count + 5)) == list(parsed.cards[1:])
    assert lazy.cards_between(0, 3)[1] is second and lazy.cards_between(count, count + 2) == []
    assert reads == [] and not lazy.loaded
    assert lazy.cards == parsed.cards and reads == [1] and lazy.cards[1] is second


def test_a_lazy_deck_knows_each_card_s_kind_without_building_one(
    deck_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Statistics group answers by kind: the entry keeps each card's kind beside its id."""
    parsed, lazy, reads = parsed_and_lazy(deck_file, tmp_path, monkeypatch)
    built: list[int] = []
    real = catalog_module._read_rows
    monkeypatch.setattr(catalog_module, "_read_rows", lambda *a: built.append(1) or real(*a))
    kinds = lazy.card_kinds()
    assert list(kinds) == [card.kind for card in parsed.cards] == list(parsed.card_kinds())
    assert len(set(kinds)) == len(Kind)  # every kind, each read back as itself
    assert reads == [] and built == [] and not lazy.loaded


def test_kinds_that_do_not_fit_their_cards_are_refused(
    deck_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kind past the last one (a tampered entry) is never looked up: the cards are read and
    give their own kinds."""
    import io
    import pickle

    cache = DeckCache(tmp_path / "cache")
    first = cache.load(deck_file)
    (entry,) = (tmp_path / "cache").iterdir()
    reader = io.BytesIO(entry.read_bytes())
    stamp, head = pickle.load(reader), pickle.load(reader)
    parts = [pickle.load(reader) for _ in range(5)]  # ids, index, row starts, id table, kinds
    assert len(parts[4]) == len(first.cards)
    parts[4] = bytes([200]) * len(first.cards)
    body = b"".join(pickle.dumps(part) for part in parts) + reader.read()
    head["body_bytes"] = len(body)
    entry.write_bytes(pickle.dumps(stamp) + pickle.dumps(head) + body)
    deck = cache.load(deck_file, lazy=True)
    assert list(deck.card_kinds()) == [card.kind for card in first.cards]
