"""Keys that arrive together as a screen (or the app) is leaving: the second is ignored safely.

`pilot.press` lets the app settle between keys; `keys_together` queues them at once, as a fast
typist or a slow machine delivers them, so the second arrives while the first is being acted on.
"""

from __future__ import annotations

from typing import Any

import pytest
from ui_support import CARDS, SIZE, keys_together, settle

from kdquiz.core.plan import Activity, Plan
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.home import HomeScreen
from kdquiz.ui.screens.results import ResultsScreen
from kdquiz.ui.screens.summary import SummaryScreen


def cards() -> list[dict[str, Any]]:
    return [CARDS["mcq"], CARDS["truefalse"], CARDS["flashcard"]]


async def both_ways(app: KdquizApp, pilot: Any, keys: tuple[str, ...]) -> None:
    await pilot.press(*keys)
    keys_together(app, *keys)
    await settle(app, pilot)


@pytest.mark.parametrize(
    "keys",
    [("q", "p"), ("q", "r"), ("q", "R"), ("q", "g"), ("q", "s"), ("q", "question_mark"),
     ("q", "enter"), ("escape", "space")],
)  # fmt: skip
async def test_quitting_home_then_another_key_starts_nothing(
    services_for: Any, keys: tuple[str, ...]
) -> None:
    app = KdquizApp(services_for(cards()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        keys_together(app, *keys)
        await settle(app, pilot)
        assert app.exiting
        assert [type(s) for s in app.screen_stack] == [HomeScreen]
    assert app.return_code == 0


@pytest.mark.parametrize("direct", [False, True])
@pytest.mark.parametrize(
    "keys", [("q", "p"), ("q", "u"), ("q", "i"), ("escape", "enter"), ("q", "q"), ("q", "r")]
)
async def test_leaving_a_review_then_another_key(
    services_for: Any, keys: tuple[str, ...], direct: bool
) -> None:
    app = KdquizApp(
        services_for(cards()),
        plan=Plan(Activity.REVIEW) if direct else None,
        edit_file=lambda path, line: None,
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        if not direct:
            await pilot.press("r")
            await settle(app, pilot)
        await pilot.press("1", "enter")  # answer the first card, so leaving shows the summary
        await settle(app, pilot)
        keys_together(app, *keys)
        await settle(app, pilot)
        if not app.exiting:
            assert isinstance(app.screen, SummaryScreen | HomeScreen)
            await both_ways(app, pilot, ("enter", "p"))
    assert app.return_code in (0, None)


@pytest.mark.parametrize("direct", [False, True])
@pytest.mark.parametrize("keys", [("enter", "n"), ("n", "enter"), ("q", "n"), ("n", "n")])
async def test_results_then_another_key(
    services_for: Any, clock: Any, keys: tuple[str, ...], direct: bool
) -> None:
    plan = Plan(Activity.QUIZ, questions=1)
    app = KdquizApp(services_for([CARDS["mcq"]]), plan=plan if direct else None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        if not direct:
            app.start_plan(plan)
            await settle(app, pilot)
        await pilot.press("1")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
        keys_together(app, *keys)
        await settle(app, pilot)
        stack = [type(s).__name__ for s in app.screen_stack]
        # At most one new round started, on top of home, never a round over an old results.
        assert "ResultsScreen" not in stack[:-1] and stack.count("QuizScreen") <= 1
    assert app.return_code in (0, None)


@pytest.mark.parametrize(
    "keys",
    [("escape", "enter"), ("escape", "y", "n"), ("q", "q"), ("escape", "escape"), ("t", "escape"),
     ("escape", "y", "enter", "n"), ("q", "p")],
)  # fmt: skip
async def test_ending_a_round_then_another_key(services_for: Any, keys: tuple[str, ...]) -> None:
    services = services_for([CARDS["truefalse"], {**CARDS["truefalse"], "id": "again"}])
    app = KdquizApp(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.start_plan(Plan(Activity.QUIZ, questions=2))
        await settle(app, pilot)
        await pilot.press("t", "enter")  # one answered
        await settle(app, pilot)
        keys_together(app, *keys)
        await settle(app, pilot)
        stack = [type(s).__name__ for s in app.screen_stack]
        assert stack[0] == "HomeScreen" and stack.count("QuizScreen") <= 1
        assert len(services.store.games()) <= 1  # a round is never recorded twice
    assert app.return_code in (0, None)
