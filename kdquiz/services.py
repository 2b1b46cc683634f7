"""The one factory that wires clock, random source, paths, decks and store together.

The CLI and the tests both build the app through `make_services`, so tests can pass a temporary
data directory, a fixed clock and a seeded random source.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kdquiz.core.catalog import Catalog
    from kdquiz.core.settings import Settings
    from kdquiz.core.store import ProgressStore

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


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
