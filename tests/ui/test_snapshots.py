"""Snapshots of the key screens at 80x24 (update with --snapshot-update on this file only)."""

from __future__ import annotations

from typing import Any

from ui_support import CARDS, SIZE, deck_dict

from kdquiz.core.plan import Activity, Plan
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.widgets.choice_list import ChoiceList


async def settle(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_home(services_for: Any, snap_compare: Any) -> None:
    services = services_for(
        deck_dict([CARDS["mcq"], CARDS["cloze"], CARDS["typed"]], "drama", "Drama basics"),
        deck_dict([CARDS["truefalse"], CARDS["order"]], "music", "OST music", ["music"]),
    )
    assert snap_compare(KdquizApp(services), terminal_size=SIZE, run_before=settle)


def test_help(services_for: Any, snap_compare: Any) -> None:
    services = services_for([CARDS["mcq"]])

    async def open_help(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("question_mark")

    assert snap_compare(KdquizApp(services), terminal_size=SIZE, run_before=open_help)


def test_flashcard_answer_side(services_for: Any, snap_compare: Any) -> None:
    services = services_for([CARDS["flashcard"]])
    app = KdquizApp(services, plan=Plan(Activity.REVIEW))
    assert snap_compare(app, terminal_size=SIZE, press=["space"], run_before=settle)


def test_mcq_feedback(services_for: Any, snap_compare: Any) -> None:
    services = services_for([CARDS["mcq"]])
    app = KdquizApp(services, plan=Plan(Activity.REVIEW))

    async def answer_wrong(pilot: Any) -> None:
        await settle(pilot)
        order = pilot.app.screen.query_one(ChoiceList).order
        await pilot.press(str(order.index(1) + 1))

    assert snap_compare(app, terminal_size=SIZE, run_before=answer_wrong)


def test_quiz_results(services_for: Any, clock: Any, snap_compare: Any) -> None:
    services = services_for([CARDS["truefalse"], CARDS["typed"]])
    app = KdquizApp(services, plan=Plan(Activity.QUIZ, ("test-deck",), questions=2, player="Min"))

    async def play(pilot: Any) -> None:
        await settle(pilot)
        for _ in range(200):  # until the first question is on screen
            if getattr(pilot.app.screen, "item", None) is not None:
                break
            await pilot.pause()
        pilot.app.screen.timer.pause()
        # the seeded round asks the typed card first, then the true/false one
        clock.advance(4)
        await pilot.press("t", "enter")  # typed "t": wrong
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        clock.advance(2)
        await pilot.press("t")  # true: right, 950 points
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=play)


def test_matching_feedback(services_for: Any, snap_compare: Any) -> None:
    """A matching card after an answer with two pairs swapped: ticks, crosses and right letters."""
    from kdquiz.core.kinds.matching import LETTERS
    from kdquiz.ui.widgets.matching_list import MatchingList

    services = services_for([CARDS["matching"]])
    app = KdquizApp(services, plan=Plan(Activity.REVIEW))

    async def answer(pilot: Any) -> None:
        await settle(pilot)
        widget = pilot.app.screen.query_one(MatchingList)
        wanted = {left: widget.right_order.index(left) for left in range(3)}
        wanted[0], wanted[1] = wanted[1], wanted[0]
        for position, original in enumerate(widget.left_order):
            await pilot.press(str(position + 1), LETTERS[wanted[original]].lower())
        await pilot.press("enter")

    assert snap_compare(app, terminal_size=SIZE, run_before=answer)


def test_matching_question(services_for: Any, snap_compare: Any) -> None:
    """A matching card being answered: one pair made, the pointer on the next item."""
    services = services_for([CARDS["matching"]])
    app = KdquizApp(services, plan=Plan(Activity.REVIEW))
    assert snap_compare(app, terminal_size=SIZE, press=["1", "b"], run_before=settle)


def test_card_browser(services_for: Any, snap_compare: Any) -> None:
    services = services_for(
        deck_dict([CARDS["mcq"], CARDS["cloze"], CARDS["typed"], CARDS["flashcard"]])
    )
    services.store.set_marks([("test-deck", "net")], "suspended", 1)
    services.store.set_marks([("test-deck", "ost")], "flag", 1)

    async def browse(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)

    assert snap_compare(KdquizApp(services), terminal_size=SIZE, run_before=browse)
