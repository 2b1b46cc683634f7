"""Matching pairs in the TUI: keyboard (number, then letter) and mouse, graded per pair."""

from __future__ import annotations

from typing import Any

import pytest
from ui_support import CARDS, SIZE, screen_text, settle

from kdquiz.core.kinds.matching import LETTERS
from kdquiz.core.plan import Activity, Plan
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.widgets.feedback import StudyFeedback
from kdquiz.ui.widgets.matching_list import MatchingList, MatchRow

REVIEW = Plan(Activity.REVIEW)


async def shown(app: KdquizApp, pilot: Any) -> MatchingList:
    """The matching widget, once the card is shown whole (a loaded machine takes a few frames)."""
    for _ in range(50):
        if getattr(app.screen, "item", None) is not None:
            break
        await pilot.pause()
    return app.screen.query_one(MatchingList)


def keys_for(widget: MatchingList, wrong: int = 0) -> list[str]:
    """Number-then-letter keys matching every left item, the first `wrong` swapped in pairs."""
    wanted = {left: widget.right_order.index(left) for left in range(len(widget.lefts))}
    for left in range(0, wrong, 2):
        wanted[left], wanted[left + 1] = wanted[left + 1], wanted[left]
    keys = []
    for position, original in enumerate(widget.left_order):
        keys += [str(position + 1), LETTERS[wanted[original]].lower()]
    return keys


@pytest.mark.parametrize("wrong", [0, 2])
async def test_matching_by_number_then_letter(services_for: Any, wrong: int) -> None:
    services = services_for([CARDS["matching"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        widget = await shown(app, pilot)
        assert widget.left_order != [0, 1, 2] or widget.right_order != [0, 1, 2, 3]  # shuffled
        await pilot.press(*keys_for(widget, wrong))
        await pilot.pause()
        assert not app.screen.query(StudyFeedback)  # matched, not yet checked
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert ("✓ Right" in text) is (wrong == 0)
        if wrong:
            assert "Partly right (33%)" in text and "(right: " in text
        await pilot.press("enter")
        await settle(app, pilot)
    (entry,) = services.store.log_entries()
    assert entry.correct is (wrong == 0)
    if wrong:
        assert entry.rating == 1  # a third of the pairs is below half: Again


async def test_enter_waits_until_every_item_is_matched(services_for: Any) -> None:
    services = services_for([CARDS["matching"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await shown(app, pilot)
        await pilot.press("1", "a", "enter")
        await pilot.pause()
        assert not app.screen.query(StudyFeedback)
        assert "2 items still to match" in screen_text(app)
    assert services.store.log_entries() == []


async def test_matching_with_the_mouse(services_for: Any) -> None:
    services = services_for([CARDS["matching"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        widget = await shown(app, pilot)
        rows = {(row.side, row.position): row for row in widget.query(MatchRow)}
        for position, original in enumerate(widget.left_order):
            await pilot.click(rows["left", position])
            await pilot.click(rows["right", widget.right_order.index(original)])
            await pilot.pause()
        assert widget.response() == (0, 1, 2)
        await pilot.click("#check-matches")
        await pilot.pause()
        assert "✓ Right" in screen_text(app)
        await pilot.press("enter")
        await settle(app, pilot)
    (entry,) = services.store.log_entries()
    assert entry.correct
