"""Build the real app on small decks written in the test, a tmp data dir, a fake clock and a seeded rng."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from ui_support import FakeClock, deck_dict

from kdquiz.core.deck_writer import write_deck
from kdquiz.services import Services, make_services


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


MakeServices = Callable[..., Services]


@pytest.fixture
def services_for(data_dir: Path, clock: FakeClock) -> Iterator[MakeServices]:
    """`services_for(cards_or_decks)`: write the decks into the data dir's decks folder and open it."""
    opened: list[Services] = []

    def make(*decks: list[dict[str, Any]] | dict[str, Any], seed: int = 7) -> Services:
        for index, deck in enumerate(decks):
            mapping = deck if isinstance(deck, dict) else deck_dict(deck)
            write_deck(mapping, data_dir / "decks" / f"deck{index}.yaml")
        services = make_services(
            data_dir, clock=clock, rng=random.Random(seed), fuzz=False, include_shipped=False
        )
        assert not services.catalog.problems, services.catalog.problems
        opened.append(services)
        return services

    yield make
    for services in opened:
        services.store.close()


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (no async plugin needed for Pilot tests)."""
    import asyncio
    import inspect

    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True
