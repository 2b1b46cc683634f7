"""Keys are defined once (kdquiz.ui.keys): ids, the generated help, remapping, and keys that work
while an answer box has the focus."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.widgets import Input
from ui_support import CARDS, SIZE, screen_text

from kdquiz.core.plan import Activity, Plan
from kdquiz.core.settings import SettingsError, load_settings, save_settings
from kdquiz.ui import keys
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.help import HelpScreen
from kdquiz.ui.screens.history import CardHistoryModal
from kdquiz.ui.screens.study import StudyScreen


def _bound_classes() -> list[type]:
    """Every screen, widget and the app: whatever has BINDINGS of its own."""
    import importlib
    import pkgutil

    import kdquiz.ui.screens
    import kdquiz.ui.widgets

    found: list[type] = [KdquizApp]
    for package in (kdquiz.ui.screens, kdquiz.ui.widgets):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if cls.__module__ == module.__name__ and "BINDINGS" in vars(cls):
                    found.append(cls)
    return found


def test_every_binding_has_an_id_from_the_one_list() -> None:
    seen = []
    for cls in _bound_classes():
        for binding in vars(cls)["BINDINGS"]:
            assert isinstance(binding, Binding), cls
            assert binding.id in keys.KEYS, (cls, binding)
            assert keys.KEYS[binding.id].keys == binding.key
            seen.append(binding.id)
    assert len(seen) >= 40
    assert set(keys.KEYS) <= set(seen), set(keys.KEYS) - set(seen)  # no key defined but unused


def test_help_rows_come_from_the_bindings_and_show_remapped_keys() -> None:
    rows = {what: shown for _, section in keys.help_rows({}) for shown, what in section}
    assert rows["undo the last answer"] == "^z"
    remapped = {
        what: shown
        for _, section in keys.help_rows({"study.undo": "ctrl+b,x"})
        for shown, what in section
    }
    assert remapped["undo the last answer"] == "^b x"
    described = {k.help for k in keys.KEYS.values() if k.help}
    assert described == set(rows)


async def test_the_help_screen_lists_every_described_key(services_for: Any) -> None:
    app = KdquizApp(services_for([CARDS["mcq"]]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        labels = [str(label.content) for label in app.screen.query(".help-what")]
        assert labels == [what for _, s in keys.help_rows({}) for _, what in s]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_typed_cards_reach_undo_history_help_and_edit_without_answering(
    services_for: Any,
) -> None:
    """Letters go into the answer box; the screen's keys that are not letters still work."""
    services = services_for([CARDS["truefalse"], CARDS["typed"]])
    opened: list[tuple[Path, int]] = []
    app = KdquizApp(
        services,
        plan=Plan(Activity.REVIEW),
        edit_file=lambda path, line: opened.append((path, line)),
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        assert screen.item.card.id == "live"  # new cards come in deck order
        await pilot.press("t")  # answer the true/false card
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert screen.item.card.id == "net" and isinstance(screen.focused, Input)
        box = screen.query_one(Input)
        await pilot.press(*"ui")  # typed, not run: letters are the answer's
        assert box.value == "ui"
        footer = screen_text(app).splitlines()[-1]
        assert "^z Undo" in footer and "F3 History" in footer and "F2 Edit" in footer
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, CardHistoryModal)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert opened and opened[-1][1] == screen.item.card.line
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+z")  # undo the true/false answer, from inside the box
        await pilot.pause()
        assert screen.item.card.id == "live"
        assert len(services.store.log_entries()) == 0


async def test_a_remapped_key_runs_its_binding(services_for: Any, data_dir: Path) -> None:
    (data_dir / "settings.toml").write_text('[keys]\n"home.stats" = "x"\n"no.such" = "y"\n')
    app = KdquizApp(services_for([CARDS["mcq"]]))
    told: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: (told.append(message), notify(message, **kw))[1]  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("no.such" in message for message in told)
        await pilot.press("s")  # no longer Stats
        await pilot.pause()
        assert "Stats" not in type(app.screen).__name__
        await pilot.press("x")
        await pilot.pause()
        assert type(app.screen).__name__ == "StatsScreen"


def test_settings_keys_are_checked_and_saved(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text('[keys]\n"study.undo" = "Ctrl+Z, u"\n')
    settings = load_settings(tmp_path)
    assert settings.keys == {"study.undo": "ctrl+z,u"}
    save_settings(tmp_path, settings)
    assert load_settings(tmp_path).keys == settings.keys
    for bad in (
        "keys = 3",
        '[keys]\n"study.undo" = 5',
        '[keys]\n"study.undo" = "ctrl+ z!"',
        '[keys]\n"study.undo" = ""',
    ):
        (tmp_path / "settings.toml").write_text(bad + "\n")
        with pytest.raises(SettingsError, match="keys"):
            load_settings(tmp_path)


def test_help_names_every_key_as_a_keyboard_does() -> None:
    shown = [key for _, section in keys.help_rows({}) for key, _ in section]
    assert "PgDn" in shown
    for key in shown:
        for word in key.split():
            assert word not in ("pagedown", "pageup", "escape", "enter", "backspace"), key
    remapped = {
        what: key
        for _, s in keys.help_rows({"study.edit": "f9,ctrl+pagedown,alt+x,at"})
        for key, what in s
    }
    assert remapped["edit card in $EDITOR"] == "F9 ^PgDn alt+x @"
