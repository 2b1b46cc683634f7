"""Every kind in the registry renders in the TUI with its own answer widget."""

from __future__ import annotations

from typing import Any

import pytest
from ui_support import CARDS, SIZE, screen_text

from kdquiz.core.kinds import KINDS
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.plan import Activity, Plan
from kdquiz.ui.widgets.question import QuestionCard
from kdquiz.ui.widgets.registry import ANSWER_WIDGETS

async def settle(app: KdquizApp, pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


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
