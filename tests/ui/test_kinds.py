"""Every question kind answered in a review, right, wrong and with edge input; asserts on the store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from ui_support import CARDS, SIZE, keys_together, screen_text, settle

from kdquiz.core.plan import Activity, Plan
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.study import StudyScreen
from kdquiz.ui.widgets.choice_list import ChoiceList
from kdquiz.ui.widgets.feedback import StudyFeedback
from kdquiz.ui.widgets.order_list import OrderList

REVIEW = Plan(Activity.REVIEW)


def positions(app: KdquizApp) -> list[int]:
    """Original choice indices in the order the screen shows them."""
    return list(app.screen.query_one(ChoiceList).order)


@asynccontextmanager
async def multi_question(services_for: Any) -> AsyncIterator[tuple[KdquizApp, Any, ChoiceList]]:
    """A review showing one select-all question: the app, its pilot and the choice list."""
    app = KdquizApp(services_for([CARDS["multi"]]), plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        yield app, pilot, app.screen.query_one(ChoiceList)


async def click_choice(pilot: Any, app: KdquizApp, original: int) -> None:
    """Click the choice with this original index where the list shows it (one line each)."""
    shown = app.screen.query_one(ChoiceList).shown
    await pilot.click(shown, offset=(6, positions(app).index(original)))


def only_log(services: Any) -> Any:
    entries = services.store.log_entries()
    assert len(entries) == 1, entries
    return entries[0]


async def answer_and_continue(app: KdquizApp, pilot: Any, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()
    assert app.screen.query(StudyFeedback), "feedback should show after an answer"
    await pilot.press("enter")
    await settle(app, pilot)


@pytest.mark.parametrize("right", [True, False])
async def test_mcq_by_number_key(services_for: Any, clock: Any, right: bool) -> None:
    services = services_for([CARDS["mcq"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        order = positions(app)
        wanted = 0 if right else 1  # "The script" is choice 0
        clock.advance(4)
        await answer_and_continue(app, pilot, str(order.index(wanted) + 1))
    entry = only_log(services)
    assert entry.correct is right
    assert entry.answer == ("The script" if right else "The casting")
    assert entry.response_ms == 4000
    assert (entry.rating == 1) is (not right)


async def test_mcq_arrows_and_enter_and_feedback_text(services_for: Any) -> None:
    services = services_for([CARDS["mcq"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        order = positions(app)
        for _ in range(order.index(1)):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(app, pilot)
        text = screen_text(app)
        assert "✗ Wrong" in text
        assert "Casting comes later." in text  # the chosen choice's own feedback
        assert "It all begins with the script." in text
        assert "Netflix K-dramas, paragraph 5" in text
        assert "Rated Again (inferred)" in text
        assert "1 Again" in text and "4 Easy" in text
    assert services.store.log_entries() == []  # nothing is written before Enter


async def test_mcq_click(services_for: Any) -> None:
    services = services_for([CARDS["mcq"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await click_choice(pilot, app, 0)
        await settle(app, pilot)
        await click_choice(pilot, app, 1)  # graded: a click changes nothing, keys stay
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
    assert only_log(services).correct is True


async def test_mcq_ignores_numbers_beyond_the_choices(services_for: Any) -> None:
    services = services_for([CARDS["mcq"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("9")
        await settle(app, pilot)
        assert not app.screen.query(StudyFeedback)


@pytest.mark.parametrize("right", [True, False])
async def test_multi_toggle_and_confirm(services_for: Any, right: bool) -> None:
    services = services_for([CARDS["multi"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        order = positions(app)
        picks = [0, 1] if right else [0, 2]
        for original in picks:
            await pilot.press(str(order.index(original) + 1))
        # toggling twice un-selects: the last pick is pressed again, then again
        await pilot.press(str(order.index(picks[-1]) + 1), str(order.index(picks[-1]) + 1))
        await settle(app, pilot)
        assert not app.screen.query(StudyFeedback)  # toggling never submits
        await answer_and_continue(app, pilot, "enter")
    entry = only_log(services)
    assert entry.correct is right


async def test_multi_space_toggles_the_highlighted_choice(services_for: Any) -> None:
    async with multi_question(services_for) as (app, pilot, choices):
        await pilot.press("space")
        assert choices.selected == {0}
        await pilot.press("down", "space", "space")
        assert choices.selected == {0}


@pytest.mark.parametrize(("key", "right"), [("t", True), ("y", True), ("f", False), ("n", False)])
async def test_truefalse_keys(services_for: Any, key: str, right: bool) -> None:
    services = services_for([CARDS["truefalse"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await answer_and_continue(app, pilot, key)
    assert only_log(services).correct is right


@pytest.mark.parametrize(
    ("typed", "right", "words"),
    [
        ("Netflix", True, "✓ Right"),
        ("netflix korea", True, "✓ Right"),  # an alias, case folded
        ("Netflx", True, "small typo accepted"),
        ("Disney", False, "✗ Wrong"),
    ],
)
async def test_typed_answers(services_for: Any, typed: str, right: bool, words: str) -> None:
    services = services_for([CARDS["typed"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press(*typed, "enter")
        await settle(app, pilot)
        text = screen_text(app)
        assert words in text
        assert f"You answered  {typed}" in text
        await pilot.press("enter")
        await settle(app, pilot)
    entry = only_log(services)
    assert entry.correct is right
    assert entry.answer == typed


async def test_typed_i_was_right_changes_the_rating_only(services_for: Any, data_dir: Any) -> None:
    services = services_for([CARDS["typed"]])
    deck_file = data_dir / "decks" / "deck0.yaml"
    before = deck_file.read_text(encoding="utf-8")
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press(*"Amazon", "enter")
        await settle(app, pilot)
        feedback = app.screen.query_one(StudyFeedback)
        assert feedback.rating == 1
        await pilot.press("r")
        await settle(app, pilot)
        assert feedback.rating == 3
        assert "Counted as right" in screen_text(app)
        await pilot.press("enter")
        await settle(app, pilot)
    entry = only_log(services)
    assert entry.rating == 3 and entry.correct is True
    assert deck_file.read_text(encoding="utf-8") == before


async def test_i_was_right_is_not_offered_for_choices(services_for: Any) -> None:
    services = services_for([CARDS["mcq"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press(str(positions(app).index(2) + 1))
        await settle(app, pilot)
        await pilot.press("r")
        assert app.screen.query_one(StudyFeedback).rating == 1


@pytest.mark.parametrize(("typed", "right"), [("16", True), ("16 episodes", True), ("15", False)])
async def test_numeric(services_for: Any, typed: str, right: bool) -> None:
    services = services_for([CARDS["numeric"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await answer_and_continue(app, pilot, *typed, "enter")
    assert only_log(services).correct is right


async def test_numeric_refuses_text_that_is_not_a_number(services_for: Any) -> None:
    services = services_for([CARDS["numeric"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press(*"lots", "enter")
        await settle(app, pilot)
        assert not app.screen.query(StudyFeedback)
        assert "is not a number" in screen_text(app)


@pytest.mark.parametrize(("typed", "right"), [("OST", True), ("ost", True), ("music", False)])
async def test_cloze_typed(services_for: Any, typed: str, right: bool) -> None:
    services = services_for([CARDS["cloze"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "An [...] is a drama's soundtrack." in screen_text(app)
        await answer_and_continue(app, pilot, *typed, "enter")
    assert only_log(services).correct is right


async def test_cloze_reveal_and_self_grade(services_for: Any) -> None:
    services = services_for([CARDS["cloze"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")  # empty: show the answer
        await settle(app, pilot)
        assert "OST" in screen_text(app)
        await pilot.press("2")  # self-rated: Hard, and on to the next card
        await settle(app, pilot)
    entry = only_log(services)
    assert entry.rating == 2


async def test_flashcard_reveal_shows_interval_previews_then_rates(services_for: Any) -> None:
    services = services_for([CARDS["flashcard"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
        assert "PD" in text and "Producer-director" not in text
        await pilot.press("space")
        await settle(app, pilot)
        text = screen_text(app)
        assert "Producer-director" in text
        assert "1 Again 1m" in text and "3 Good 10m" in text and "4 Easy" in text
        await pilot.press("4")
        await settle(app, pilot)
    entry = only_log(services)
    assert entry.rating == 4
    assert entry.after is not None and entry.after.due > entry.time


async def test_flashcard_rating_bar_click(services_for: Any) -> None:
    services = services_for([CARDS["flashcard"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.click("#rate-2")
        await settle(app, pilot)
    assert only_log(services).rating == 2


@pytest.mark.parametrize("right", [True, False])
async def test_order_moves_with_shift_arrows(services_for: Any, right: bool) -> None:
    services = services_for([CARDS["order"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        order_list = app.screen.query_one(OrderList)
        if right:
            # bubble-sort the shown order with the keyboard
            for _ in range(3):
                for row in range(2):
                    while order_list.cursor != row:
                        await pilot.press("down")
                    if order_list.current[row] > order_list.current[row + 1]:
                        await pilot.press("shift+down")
            assert order_list.current == [0, 1, 2]
        else:
            assert order_list.current != [0, 1, 2]  # shown scrambled
        await answer_and_continue(app, pilot, "enter")
    assert only_log(services).correct is right


async def test_order_buttons_move_items_with_the_mouse(services_for: Any) -> None:
    services = services_for([CARDS["order"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        order_list = app.screen.query_one(OrderList)
        start = list(order_list.current)
        await settle(app, pilot)  # laid out before the click lands on the first row's ▼
        await pilot.click(".order-down")
        for _ in range(20):  # a busy machine may take a few frames to act on the click
            if order_list.current != start:
                break
            await pilot.pause(0.05)
        assert order_list.current == [start[1], start[0], start[2]]


async def test_rating_override_with_number_keys(services_for: Any) -> None:
    services = services_for([CARDS["truefalse"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("t")
        await settle(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        assert "Rated Hard (your rating)" in screen_text(app)
        await pilot.press("enter")
        await settle(app, pilot)
    entry = only_log(services)
    assert entry.rating == 2 and entry.correct is True


async def test_deck_text_is_never_markup(services_for: Any) -> None:
    hostile = "Press [bold]this[/] or [@click=app.quit]that[/] [/]"
    card = {
        "id": "evil",
        "type": "mcq",
        "prompt": hostile,
        "choices": ["[red]A[/red]", "[@click=app.quit]B"],
        "answer": "[red]A[/red]",
        "explain": "[b]not bold[/b]",
    }
    services = services_for([card])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
        assert hostile in text
        assert "[red]A[/red]" in text and "[@click=app.quit]B" in text
        await click_choice(pilot, app, 1)
        await settle(app, pilot)
        assert app.is_running
        assert "[b]not bold[/b]" in screen_text(app)
        assert isinstance(app.screen, StudyScreen)


async def test_space_rates_a_shown_flashcard_good_and_its_hint_goes(services_for: Any) -> None:
    """Anki's habit: Space shows the answer, and Space again rates Good."""
    services = services_for([CARDS["flashcard"]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "Show answer  (Space)" in screen_text(app)
        await pilot.press("space")
        await settle(app, pilot)
        text = screen_text(app)
        assert "Producer-director" in text
        assert "Show answer" not in text and "shows the answer" not in text
        assert "Space or Enter means Good" in text
        assert not services.store.log_entries()  # showing the answer saves nothing yet
        await pilot.press("u")  # undo the reveal: the card and its hints are back
        await settle(app, pilot)
        text = screen_text(app)
        assert "Producer-director" not in text
        assert "Space or Enter shows the answer" in text and "Show answer  (Space)" in text
        await pilot.press("space", "space")
        await settle(app, pilot)
    assert only_log(services).rating == 3


@pytest.mark.parametrize("card", ["mcq", "typed"])
async def test_space_does_not_rate_a_checked_answer(services_for: Any, card: str) -> None:
    """After a checked answer the inferred rating stands until Enter; Space changes nothing."""
    services = services_for([CARDS[card]])
    app = KdquizApp(services, plan=REVIEW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press(*(["2"] if card == "mcq" else ["x", "enter"]))
        await settle(app, pilot)
        feedback = app.screen.query_one(StudyFeedback)
        await pilot.press("space")
        await settle(app, pilot)
        assert app.screen.query(StudyFeedback) and not services.store.log_entries()
        assert feedback.rating == 1
        await pilot.press("enter")
        await settle(app, pilot)
    assert only_log(services).rating == 1


async def test_choices_show_their_state_in_symbols_not_colour_alone(services_for: Any) -> None:
    """With NO_COLOR a highlight or a tick drawn in colour is gone: the text must carry it."""
    async with multi_question(services_for) as (app, pilot, choices):
        lines = [line for line in screen_text(app).splitlines() if "[ ]" in line or "[x]" in line]
        assert len(lines) == len(choices.order) and "▸" in lines[0]
        keys_together(app, "1", "2", "enter")  # as fast as a typist: nothing runs between
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert text.count("[x]") == 2 and choices.selected == {0, 1}
        boxes = [line for line in text.splitlines() if "[ ]" in line or "[x]" in line]
        assert not any("▸" in line for line in boxes)  # answered: no pointer
        assert any("✓" in line for line in boxes)


async def test_remapped_choice_keys_move_toggle_and_check(services_for: Any, data_dir: Any) -> None:
    (data_dir / "settings.toml").write_text(
        '[keys]\n"answer.down" = "j"\n"answer.toggle" = "x"\n"answer.check" = "l"\n'
    )
    async with multi_question(services_for) as (app, pilot, choices):
        await pilot.press("j", "x")
        await pilot.pause()
        assert choices.selected == {1}
        await pilot.press("space")  # remapped away: nothing
        assert choices.selected == {1}
        await pilot.press("l")
        await settle(app, pilot)
        assert choices.locked


async def test_a_click_on_an_answered_quiz_question_keeps_enter_for_the_next(
    services_for: Any,
) -> None:
    import copy

    from kdquiz.core.plan import Activity, Plan

    second = {**copy.deepcopy(CARDS["mcq"]), "id": "mcq-two"}
    services = services_for([CARDS["mcq"], second])
    app = KdquizApp(services, plan=Plan(Activity.QUIZ, questions=2, timed=False))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        first = app.screen.item
        await click_choice(pilot, app, 0)
        await settle(app, pilot)
        await click_choice(pilot, app, 1)  # answered: the click changes nothing
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.item is not first  # the next question
