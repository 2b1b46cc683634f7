"""A question and its feedback taller than an 80x24 terminal can be read with the keyboard:
PgUp and PgDn reach the body's own scrolling (Textual's VerticalScroll), whatever has the focus."""

from __future__ import annotations

from typing import Any

from textual.containers import VerticalScroll
from ui_support import SIZE

from kdquiz.core.plan import Activity, Plan
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.quiz import QuizScreen
from kdquiz.ui.screens.study import StudyScreen
from kdquiz.ui.widgets.feedback import QuizFeedback, StudyFeedback

LONG = {
    "id": "long",
    "type": "typed",
    "prompt": " ".join(["Which streaming service paid for the drama that ran long?"] * 8),
    "answer": "Netflix",
    "explain": "\n".join(f"Line {n} of a long explanation." for n in range(30)),
}


async def test_page_keys_scroll_a_long_card_in_review_and_in_a_quiz(services_for: Any) -> None:
    services = services_for([LONG])
    for plan, screen_type, body_id, panel in (
        (Plan(Activity.REVIEW), StudyScreen, "#study-body", StudyFeedback),
        (Plan(Activity.QUIZ, questions=1), QuizScreen, "#quiz-body", QuizFeedback),
    ):
        app = KdquizApp(services, plan=plan)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, screen_type)
            await pilot.press(*"Disney", "enter")
            await pilot.pause()
            assert app.screen.query(panel)
            body = app.screen.query_one(body_id, VerticalScroll)
            assert body.max_scroll_y > 0, "the card should be taller than the screen"
            await pilot.press("pageup", "pageup", "pageup", "pageup")
            await pilot.pause()
            top = body.scroll_y
            await pilot.press("pagedown")
            await pilot.pause()
            assert body.scroll_y > top
            await pilot.press("pageup")
            await pilot.pause()
            assert body.scroll_y < body.max_scroll_y
