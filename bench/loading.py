"""Budget 3: deck loading. Cold (parse + validate) against a bare libyaml parse of the same file,
and warm (the DeckCache, file unchanged) against cold."""

from __future__ import annotations

import time
from pathlib import Path

import yaml

from bench.common import BenchConfig, interleaved
from bench.report import Table, ratio_row
from bench.synth import write_deck
from kdquiz.core.catalog import DeckCache
from kdquiz.core.decks import load_deck

COLD_LIMIT = 1.3
WARM_LIMIT = 0.1
#: A comment on every card's `type:` line makes the loader check for a ' #' that cut a text short.
COMMENT_LIMIT = 1.3


def _timer(fn):  # type: ignore[no-untyped-def]
    def run() -> float:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    return run


def run(config: BenchConfig) -> Table:
    sizes = config.pick((60, 300), (1_000, 10_000), (1_000, 10_000, 50_000))
    folder = config.folder("decks-loading")
    table = Table(3, "deck loading: cold vs bare libyaml parse, warm (cache) vs cold")
    for cards in sizes:
        path = write_deck(folder, cards)
        repeats = config.repeats if cards < 50_000 else max(1, config.repeats // 2)

        def bare(path: Path = path) -> None:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

        cold_s, bare_s = interleaved(
            [_timer(lambda path=path: load_deck(path)), _timer(bare)],
            repeats,
            warmup=1 if cards < 10_000 else 0,
        )
        cache = DeckCache(config.folder(f"cache-{cards}"))
        cache.load(path)  # fills the cache entry
        warm_s = min(
            interleaved(
                [_timer(lambda cache=cache, path=path: cache.load(path))], repeats * 3, warmup=1
            )
        )
        table.rows.append(
            ratio_row(
                f"cold load, {cards:,} cards ({path.stat().st_size / 1e6:.1f} MB)",
                cold_s * 1000,
                bare_s * 1000,
                "ms",
                COLD_LIMIT,
                "CSafeLoader",
            )
        )
        table.rows.append(
            ratio_row(
                f"warm load (cache), {cards:,} cards",
                warm_s * 1000,
                cold_s * 1000,
                "ms",
                WARM_LIMIT,
                "cold",
            )
        )
    table.rows.append(_commented(config, path, repeats))
    table.notes.append(
        "medians; the bare parse is yaml.load(data, Loader=yaml.CSafeLoader) on the same bytes"
    )
    return table


def _commented(config: BenchConfig, path: Path, repeats: int):  # type: ignore[no-untyped-def]
    """The last deck with `  # a comment` on every card's type line, against the deck as it was."""
    commented = config.folder("decks-commented") / path.name
    text = path.read_text(encoding="utf-8")
    commented.write_text(
        "\n".join(
            line + "  # a comment" if line.startswith("    type: ") else line
            for line in text.split("\n")
        ),
        encoding="utf-8",
    )
    with_s, without_s = interleaved(
        [_timer(lambda: load_deck(commented)), _timer(lambda: load_deck(path))], repeats
    )
    return ratio_row(
        f"cold load, a '# comment' on every card ({path.stat().st_size / 1e6:.1f} MB)",
        with_s * 1000,
        without_s * 1000,
        "ms",
        COMMENT_LIMIT,
        "no comments",
    )
