"""The one factory that wires clock, random source, paths, decks and store together.

The CLI and the tests both build the app through `make_services`, so tests can pass a temporary
data directory, a fixed clock and a seeded random source.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kdquiz.core.catalog import Catalog
    from kdquiz.core.settings import Settings
    from kdquiz.core.store import ProgressStore

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    data_dir: Path
    catalog: Catalog
    store: ProgressStore
    settings: Settings
    clock: Clock = utc_now
    rng: random.Random = field(default_factory=random.Random)
    #: Fuzz FSRS intervals (on in the app, off in tests for exact golden values).
    fuzz: bool = True


def open_store(
    data_dir: Path, *, clock: Clock | None = None, backup: bool = False
) -> ProgressStore:
    """The progress store of `data_dir`: what commands that need no decks or settings open.

    `backup=False` by default: only the game takes the daily copy, so that a quick `kdquiz stats`
    or an import never waits for one.
    """
    from kdquiz.core.store import ProgressStore, store_path

    return ProgressStore(
        store_path(data_dir), clock=clock or utc_now, backup=backup, on_upgrade=_tell
    )


def _tell(message: str) -> None:
    """A line on stderr before a long wait (the game's screen is not up yet)."""
    import sys

    from kdquiz.core.safe_text import safe_text

    print(f"kdquiz: {safe_text(message)}", file=sys.stderr, flush=True)


def make_services(
    data_dir: Path,
    extra_paths: Sequence[str | Path] = (),
    *,
    clock: Clock | None = None,
    rng: random.Random | None = None,
    fuzz: bool = True,
    include_shipped: bool = True,
) -> Services:
    """Open the store, read settings and load every deck: the one place these are wired together."""
    from kdquiz.core.catalog import load_catalog
    from kdquiz.core.settings import load_settings

    clock = clock or utc_now
    # The store first: it explains an unusable data directory better than anything else can.
    store = open_store(data_dir, clock=clock, backup=True)
    try:
        settings = load_settings(data_dir)
        catalog = load_catalog(data_dir, extra_paths, include_shipped=include_shipped)
    except BaseException:
        store.close()
        raise
    return Services(
        data_dir=data_dir,
        catalog=catalog,
        store=store,
        settings=settings,
        clock=clock,
        rng=rng or random.Random(),
        fuzz=fuzz,
    )
