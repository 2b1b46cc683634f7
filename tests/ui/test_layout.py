"""Layout at 80x24: every footer key fits, the results scroll to every miss, the stats fit."""

from __future__ import annotations

from typing import Any

import pytest
from ui_support import CARDS, SIZE, deck_dict, screen_text, settle, true_false_cards

from kdquiz.core.plan import Activity, Plan
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.results import ResultsScreen


async def footer_fits(app: KdquizApp, pilot: Any) -> None:
    """Every key the footer shows is there whole on the bottom line (once the footer has been
    drawn: on a busy machine its keys may come a frame after the screen)."""
    for _ in range(100):
        bottom = screen_text(app).rstrip("\n").splitlines()[-1]
        shown = [
            binding.description
            for (_, binding, enabled, _) in app.screen.active_bindings.values()
            if binding.show and enabled
        ]
        if shown and all(label in bottom for label in shown):
            return
        await pilot.pause(0.02)
    assert shown
    for label in shown:
        assert label in bottom, (label, bottom)


@pytest.mark.parametrize(
    ("cards", "plan", "keys"),
    [
        ([CARDS["typed"]], None, ()),  # home
        ([CARDS["typed"]], Plan(Activity.REVIEW), ()),  # typing an answer
        ([CARDS["typed"]], Plan(Activity.REVIEW), ("x", "enter")),  # wrong: "I was right" too
        ([CARDS["matching"]], Plan(Activity.REVIEW), ()),
        ([CARDS["order"]], Plan(Activity.QUIZ), ()),
        ([CARDS["mcq"]], Plan(Activity.QUIZ, questions=1), ("1",)),
        ([CARDS["mcq"]], Plan(Activity.QUIZ, questions=1), ("1", "enter")),  # results
        ([CARDS["mcq"]], Plan(Activity.REVIEW), ("1", "enter", "escape")),  # summary
        ([CARDS["mcq"]], None, ("s",)),  # stats
    ],
)
async def test_no_footer_is_cut_at_80_columns(
    services_for: Any, cards: list[dict[str, Any]], plan: Plan | None, keys: tuple[str, ...]
) -> None:
    app = KdquizApp(services_for(cards), plan=plan)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(app, pilot)
        await footer_fits(app, pilot)


async def answer_every_question(app: KdquizApp, pilot: Any, key: str, count: int) -> None:
    """A true/false quiz round of `count` questions, each answered with `key`, then Next."""
    await settle(app, pilot)
    for _ in range(count):
        await pilot.press(key)
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)


async def test_results_scroll_to_every_miss_with_page_down_and_end(services_for: Any) -> None:
    services = services_for(true_false_cards(12))
    app = KdquizApp(services, plan=Plan(Activity.QUIZ, questions=12))
    async with app.run_test(size=SIZE) as pilot:
        await answer_every_question(app, pilot, "f", 12)
        assert isinstance(app.screen, ResultsScreen)
        missed = {f"Statement {n} is true." for n in range(1, 13)}
        seen = {m for m in missed if m in screen_text(app)}
        assert "Missed (12)" in screen_text(app) and "Done" in screen_text(app)
        for _ in range(6):
            await pilot.press("pagedown")
            await pilot.pause()
            seen |= {m for m in missed if m in screen_text(app)}
        assert seen == missed
        await pilot.press("home")
        await pilot.pause()
        first = screen_text(app)
        await pilot.press("end")
        await pilot.pause()
        last_miss = app.screen.result.missed[-1].question
        assert last_miss in screen_text(app) and last_miss not in first


async def test_stats_tables_fit_80_columns_and_the_forecast_reads_true(
    services_for: Any,
) -> None:
    title = "A deck with a very very long title indeed, about dramas and their making"
    services = services_for(deck_dict(true_false_cards(3), "long", title))
    player = "P" * 40
    app = KdquizApp(services, plan=Plan(Activity.QUIZ, questions=3, player=player))
    async with app.run_test(size=SIZE) as pilot:
        await answer_every_question(app, pilot, "t", 3)
        app.action_stats()
        await settle(app, pilot)
        seen = screen_text(app)
        for _ in range(4):
            await pilot.press("pagedown")
            await pilot.pause()
            seen += screen_text(app)
        headers = ["Relearning", "Due", "Rounds", "When", "Score", "Right"]
        for header in headers:
            assert header in seen
        assert "0 cards due in the next 30 days (each counted once" in seen  # quizzes schedule none
        assert "reviews a day, repeats included" in seen
        assert "3/3" in seen and "classic 3" in seen  # the best's round length shows


LONG_MCQ = {
    **CARDS["mcq"],
    "prompt": "Which of these comes first when a drama is made? " * 3 + "(the first step)",
    "explain": "It all begins with the script, long before the casting. " * 12,
}


@pytest.mark.parametrize(
    ("card", "plan", "keys"),
    [
        (LONG_MCQ, Plan(Activity.REVIEW), ("1",)),
        (LONG_MCQ, Plan(Activity.QUIZ, questions=1), ("1",)),
        (CARDS["matching"], Plan(Activity.REVIEW), ("1", "a", "2", "b", "3", "c", "enter")),
    ],
)
async def test_the_question_stays_in_sight_above_the_feedback(
    services_for: Any, card: dict[str, Any], plan: Plan, keys: tuple[str, ...]
) -> None:
    app = KdquizApp(services_for([card]), plan=plan)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for key in keys:
            await pilot.press(key)
        await settle(app, pilot)
        await pilot.pause()
        text = screen_text(app)
        prompt = str(card["prompt"])
        assert prompt[:40] in text  # the question's first line
        assert "Right" in text or "Wrong" in text  # and the verdict below it


@pytest.mark.parametrize("size", [(80, 24), (160, 40)])
async def test_a_confirmation_shows_its_whole_message(services_for: Any, size: Any) -> None:
    from kdquiz.ui.screens.confirm import ConfirmModal

    text = (
        "“K-drama production and direction” came with kdquiz: install a copy in your own decks "
        "folder to edit it? Your progress on its cards stays with the copy."
    )
    app = KdquizApp(services_for([CARDS["typed"]]))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.push_screen(ConfirmModal("Edit a shipped deck", text, "Copy", "Cancel"))
        await pilot.pause()
        shown = " ".join(" ".join(screen_text(app).replace("┃", " ").split()).split())
        for word in text.split():
            assert word in shown, word
        assert "stays with the copy." in shown
