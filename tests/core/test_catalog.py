"""The catalog finds every deck, leaves broken ones out with their problems, and caches decks."""

from __future__ import annotations

import os
from pathlib import Path

from kdquiz.core import decks as decks_module
from kdquiz.core.catalog import DeckCache, load_catalog

FIXTURE = Path(__file__).parents[1] / "fixtures" / "minimal.yaml"


def test_broken_and_duplicate_decks_are_listed_not_fatal(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "a.yaml").write_text(FIXTURE.read_text(), encoding="utf-8")
    (decks / "b.yaml").write_text(FIXTURE.read_text(), encoding="utf-8")
    (decks / "c.yaml").write_text("format: 1\nid: c\n", encoding="utf-8")
    found = load_catalog(tmp_path, include_shipped=False)
    assert [d.id for d in found.decks] == ["minimal"]
    messages = [str(p) for p in found.problems]
    assert any("b.yaml:1:1: deck id 'minimal' is already used by" in m for m in messages)
    assert any("c.yaml" in m and "'title' is missing" in m for m in messages)


def test_unchanged_deck_comes_from_the_cache_and_a_change_is_seen(
    tmp_path: Path, monkeypatch
) -> None:
    deck_file = tmp_path / "d.yaml"
    deck_file.write_text(FIXTURE.read_text(), encoding="utf-8")
    cache = DeckCache(tmp_path / "cache")
    first = cache.load(deck_file)
    assert list((tmp_path / "cache").iterdir())
    parses = []
    real = decks_module.load_deck_text  # the catalog imports it on its first cold parse
    monkeypatch.setattr(decks_module, "load_deck_text", lambda *a: parses.append(1) or real(*a))
    assert cache.load(deck_file) == first and parses == []
    # Same size and mtime, different content: the content hash catches it.
    stat = deck_file.stat()
    deck_file.write_text(FIXTURE.read_text().replace("Seoul", "Busan"), encoding="utf-8")
    os.utime(deck_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cache.load(deck_file).cards[0].answer == "Busan"  # type: ignore[attr-defined]
    assert parses == [1]


def test_a_tampered_cache_entry_is_ignored_never_executed(tmp_path: Path) -> None:
    import pickle

    deck_file = tmp_path / "d.yaml"
    deck_file.write_text(FIXTURE.read_text(), encoding="utf-8")
    cache = DeckCache(tmp_path / "cache")
    cache.load(deck_file)
    (entry,) = (tmp_path / "cache").iterdir()

    class Evil:
        def __reduce__(self):
            return (os.system, ("touch " + str(tmp_path / "pwned"),))

    entry.write_bytes(pickle.dumps(Evil()))
    assert cache.load(deck_file).id == "minimal"
    assert not (tmp_path / "pwned").exists()
