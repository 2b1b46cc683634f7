"""`e` on a shipped deck: its file belongs to the installed package, which a reinstall replaces,
so kdquiz offers to copy the deck into the learner's decks folder and edits the copy."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from ui_support import CARDS, SIZE, deck_dict, screen_text, settle

from kdquiz.core.catalog import load_catalog
from kdquiz.core.deck_writer import write_deck
from kdquiz.core.decks import load_deck
from kdquiz.core.plan import Activity, Plan
from kdquiz.locations import bundled_decks_dir
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.confirm import ConfirmModal
from kdquiz.ui.screens.study import StudyScreen


def shipped_services(services_for: Any, tmp_path: Path) -> tuple[Any, Path]:
    """Services whose one deck is marked as shipped, its file outside the data directory."""
    services = services_for(deck_dict([CARDS["truefalse"]], "other", "Other deck"))
    shipped = tmp_path / "package" / "drama.yaml"
    write_deck(deck_dict([CARDS["truefalse"], CARDS["mcq"]], "drama", "Drama"), shipped)
    services.catalog.decks.insert(0, load_deck(shipped))
    services.catalog.origins["drama"] = "shipped"
    return services, shipped


async def test_e_on_a_shipped_deck_offers_a_copy_and_edits_it(
    services_for: Any, tmp_path: Path, data_dir: Path
) -> None:
    services, shipped = shipped_services(services_for, tmp_path)
    before = shipped.read_bytes()
    opened: list[Path] = []

    def editor(path: Path, line: int) -> None:
        opened.append(path)
        path.write_text(path.read_text(encoding="utf-8").replace("filmed", "shot"), "utf-8")

    app = KdquizApp(services, plan=Plan(Activity.REVIEW, ("drama",)), edit_file=editor)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal) and not opened
        assert "came with kdquiz" in screen_text(app)
        await pilot.press("y")
        await settle(app, pilot)
        copy = data_dir / "decks" / "drama.yaml"
        assert opened == [copy]
        assert isinstance(app.screen, StudyScreen)
        assert "shot while early" in screen_text(app)  # the edited copy is what shows now
        assert services.catalog.origins["drama"] == "yours"
        await pilot.press("e")  # from now on, straight to the copy
        await settle(app, pilot)
        assert opened == [copy, copy]
    assert shipped.read_bytes() == before


async def test_declining_the_copy_edits_nothing(services_for: Any, tmp_path: Path) -> None:
    services, shipped = shipped_services(services_for, tmp_path)
    opened: list[Path] = []
    app = KdquizApp(
        services, plan=Plan(Activity.REVIEW, ("drama",)), edit_file=lambda p, n: opened.append(p)
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, StudyScreen) and not opened
    assert not (tmp_path / "data" / "decks" / "drama.yaml").exists()


def test_a_copy_in_your_decks_stands_in_for_the_shipped_deck(data_dir: Path) -> None:
    original = next(iter(sorted(bundled_decks_dir().glob("*.yaml"))))
    shipped = load_catalog(data_dir)
    deck = next(d for d in shipped.decks if d.path and Path(d.path).name == original.name)
    (data_dir / "decks").mkdir()
    shutil.copy(original, data_dir / "decks" / original.name)
    catalog = load_catalog(data_dir, use_cache=False)
    assert not catalog.problems
    assert [d.id for d in catalog.decks] == [d.id for d in shipped.decks]
    mine = catalog.deck(deck.id)
    assert mine is not None and Path(mine.path).parent == data_dir / "decks"
    assert catalog.origins[deck.id] == "yours"
