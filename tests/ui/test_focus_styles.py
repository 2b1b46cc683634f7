"""Answer widgets restyle only their focus-dependent parts when the focus changes; what shows must
be exactly what Textual's own (whole-subtree) restyle would show."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widget import Widget
from ui_support import CARDS, SIZE

from kdquiz.ui.app import KdquizApp
from kdquiz.ui.plan import Activity, Plan

REVIEW = Plan(Activity.REVIEW)


def looks(root: Widget) -> list[tuple[str, object, object, object]]:
    """Every node's resolved colours and text style, in tree order."""
    return [(repr(node), node.styles.background, node.styles.color, node.styles.text_style)
            for node in root.walk_children(with_self=True) if isinstance(node, Widget)]


@pytest.mark.parametrize(("kind", "part"), [("mcq", ".choice.-highlight"),
                                            ("order", ".order-row.-highlight"),
                                            ("flashcard", ".reveal-button")])
async def test_focus_change_restyles_what_depends_on_it(services_for: Any, kind: str,
                                                        part: str) -> None:
    services = services_for([CARDS[kind]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        answer = app.screen.answer
        assert app.focused is answer
        focused_look = answer.query_one(part).styles.background

        app.screen.set_focus(None)
        await pilot.pause()
        blurred = looks(answer)
        app.update_styles(answer)  # Textual's full restyle of the subtree changes nothing
        assert looks(answer) == blurred
        assert answer.query_one(part).styles.background != focused_look

        app.screen.set_focus(answer)
        await pilot.pause()
        refocused = looks(answer)
        app.update_styles(answer)
        assert looks(answer) == refocused
        assert answer.query_one(part).styles.background == focused_look
