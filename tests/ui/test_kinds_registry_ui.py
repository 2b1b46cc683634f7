"""Every kind in the registry renders in the TUI with its own answer widget, and matching pairs play
in every quiz mode, in the TUI and in plain mode."""

from __future__ import annotations

import io
from typing import Any

import pytest
from ui_support import CARDS, SIZE, screen_text, settle

from kdquiz.core.kinds import KINDS
from kdquiz.core.kinds.matching import LETTERS
from kdquiz.core.plan import Activity, Plan
from kdquiz.plain import run_plain
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.results import ResultsScreen
from kdquiz.ui.widgets.feedback import QuizFeedback
from kdquiz.ui.widgets.matching_list import MatchingList
from kdquiz.ui.widgets.question import QuestionCard
from kdquiz.ui.widgets.registry import ANSWER_WIDGETS

MODES = ("classic", "survival", "time-attack")


def test_every_kind_has_an_answer_widget_and_a_test_card() -> None:
    assert set(ANSWER_WIDGETS) == set(KINDS) <= set(CARDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
async def test_every_kind_renders_with_its_answer_widget(services_for: Any, kind: str) -> None:
    services = services_for([CARDS[kind]])
    app = KdquizApp(services, plan=Plan(Activity.PRACTICE, ("test-deck",)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for _ in range(50):  # until the card is shown whole
            if getattr(app.screen, "item", None) is not None:
                break
            await pilot.pause()
        card = app.screen.query_one(QuestionCard)
        assert type(card.answer) is ANSWER_WIDGETS[kind].widget and card.answer.display
        text = screen_text(app)
        assert KINDS[kind].label in text and ANSWER_WIDGETS[kind].hint in text


def matching_keys(widget: MatchingList) -> list[str]:
    keys = []
    for position, original in enumerate(widget.left_order):
        keys += [str(position + 1), LETTERS[widget.right_order.index(original)].lower()]
    return [*keys, "enter"]


@pytest.mark.parametrize("mode", MODES)
async def test_matching_in_every_quiz_mode_of_the_tui(
    services_for: Any, clock: Any, mode: str
) -> None:
    services = services_for([CARDS["matching"]])
    plan = Plan(Activity.QUIZ, ("test-deck",), questions=1, quiz_mode=mode, player="Min")
    app = KdquizApp(services, plan=plan)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.timer.pause()  # only the fake clock moves time
        clock.advance(3)
        await pilot.press(*matching_keys(app.screen.query_one(MatchingList)))
        await pilot.pause()
        assert app.screen.query(QuizFeedback) and "✓ Right" in screen_text(app)
        assert app.screen.quiz.correct == 1  # survival and time attack go on until they end
        if mode == "classic":
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, ResultsScreen)
    if mode == "classic":
        (entry,) = services.store.log_entries()
        assert entry.correct and entry.mode == "quiz"


@pytest.mark.parametrize("mode", MODES)
def test_matching_in_every_quiz_mode_of_plain(services_for: Any, mode: str) -> None:
    services = services_for([CARDS["matching"]])
    plan = Plan(Activity.QUIZ, ("test-deck",), questions=1, quiz_mode=mode, player="Min")
    out = io.StringIO()
    # Wrong input is asked again; then the letters in the order shown, whatever they are.
    assert run_plain(services, plan, io.StringIO("1Z\nABC\n"), out) == 0
    text = out.getvalue()
    assert "Match the pairs" in text and "Match each role to its job." in text
    assert "Give each number from 1 to 3 one letter" in text
    assert "  A. " in text and "  D. " in text  # the right column, distractor included
    entries = services.store.log_entries()
    assert entries and entries[0].mode == "quiz"


def test_matching_in_plain_review_grades_per_pair(services_for: Any) -> None:
    services = services_for([CARDS["matching"]])
    out = io.StringIO()
    run_plain(services, Plan(Activity.REVIEW), io.StringIO("1A 2B 3C\n\n"), out)
    (entry,) = services.store.log_entries()
    lines = out.getvalue().splitlines()
    lefts = [line.split(". ", 1)[1] for line in lines if line[:4] in ("  1.", "  2.", "  3.")]
    rights = [line.split(". ", 1)[1] for line in lines if line[:4] in ("  A.", "  B.", "  C.")]
    truth = {"PD": "Directs", "Writer": "Writes the script", "Editor": "Cuts the footage"}
    right_pairs = sum(truth[left] == right for left, right in zip(lefts, rights))
    assert entry.correct is (right_pairs == 3)
    verdict = {3: "✓ Right", 0: "✗ Wrong"}.get(right_pairs, f"◐ Partly right ({right_pairs}/3")
    assert (
        verdict.replace(f"{right_pairs}/3", f"{round(right_pairs / 3 * 100)}%)") in out.getvalue()
    )
