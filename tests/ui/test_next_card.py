"""The next card is shown in place (the question card and a same-kind answer widget are reused):
it must look and behave exactly as a freshly built one, with the keyboard on the answer at once."""

from __future__ import annotations

import copy
import re
from typing import Any

from ui_support import CARDS, SIZE, screen_text, settle

from kdquiz.core.grading import right_response
from kdquiz.core.plan import Activity, Plan
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.quiz import QuizScreen
from kdquiz.ui.screens.study import StudyScreen
from kdquiz.ui.widgets.choice_list import ChoiceList
from kdquiz.ui.widgets.feedback import QuizFeedback, StudyFeedback
from kdquiz.ui.widgets.order_list import OrderRow
from kdquiz.ui.widgets.question import QuestionCard
from kdquiz.ui.widgets.true_false import KnewItPad


def twice(kind: str) -> list[dict[str, Any]]:
    """Two cards of one kind with different ids and prompts."""
    first, second = copy.deepcopy(CARDS[kind]), copy.deepcopy(CARDS[kind])
    second["id"] += "-2"
    for field in ("prompt", "statement", "front"):
        if field in second:
            second[field] = f"Second: {second[field]}"
    return [first, second]


def study(app: KdquizApp) -> StudyScreen:
    assert isinstance(app.screen, StudyScreen)
    return app.screen


def focus_is_on_the_answer(screen: Any) -> bool:
    return screen.app.focused is screen.answer.focus_target()


def review_twice(services_for: Any, kind: str) -> tuple[Any, KdquizApp]:
    services = services_for(twice(kind))
    return services, KdquizApp(services, plan=Plan(Activity.REVIEW))


async def test_mcq_after_mcq_starts_fresh_and_takes_the_first_key(services_for: Any) -> None:
    services, app = review_twice(services_for, "mcq")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = study(app)
        card, choices, first = screen.query_one(QuestionCard), screen.answer, screen.item
        assert isinstance(choices, ChoiceList)
        wrong = choices.order.index(1) + 1
        await pilot.press(str(wrong))
        await pilot.pause()
        assert "✗" in screen_text(app) and "✗" in choices.verdicts.values()
        await pilot.press("enter")
        await settle(app, pilot)
        # The same widgets, showing the second card with no trace of the first answer.
        assert screen.item is not None and screen.item != first
        assert screen.query_one(QuestionCard) is card and screen.answer is choices
        assert not screen.query(StudyFeedback)
        assert not choices.locked and not choices.selected
        assert not choices.verdicts
        text = screen_text(app)
        assert "✓" not in text and "✗" not in text
        assert text.count("What comes first?") == 1
        assert choices.shown.highlighted == 0
        assert choice_texts(choices) == [
            ["The script", "The casting", "The editing"][i] for i in choices.order
        ]
        assert focus_is_on_the_answer(screen)
        await pilot.press(str(choices.order.index(0) + 1))  # no pause: the first key counts
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
    assert [e.correct for e in services.store.log_entries()] == [False, True]


def choice_texts(choices: ChoiceList) -> list[str]:
    """The choices the list offers, without their pointer, number, box and marks."""
    shown = choices.shown
    texts = []
    for n in range(shown.option_count):
        prompt = str(shown.get_option_at_index(n).prompt)
        found = re.fullmatch(r".\s\d+  (?:\[[x ]\] )?(.*)", prompt, re.DOTALL)
        assert found, prompt
        texts.append(found[1])
    return texts


def shown_rows(widget: Any, row_type: type) -> list[Any]:
    rows = [row for row in widget.query_children(row_type) if row.display]
    assert rows == widget.rows  # every other row waits hidden
    return rows


async def test_choice_and_order_lists_of_other_sizes_are_asked_in_place(services_for: Any) -> None:
    """mcq of 3, multi of 4, mcq of 2; order of 3, then 5: one list each, as many rows as asked."""
    mcq3, mcq2 = copy.deepcopy(CARDS["mcq"]), copy.deepcopy(CARDS["mcq"])
    mcq2.update(
        id="two",
        prompt="Which comes last?",
        choices=["The editing", "The script"],
        answer="The editing",
    )
    multi4 = copy.deepcopy(CARDS["multi"])
    multi4["choices"] = [*multi4["choices"], "Gaffer"]
    multi4["answers"] = ["Director", "Camera operator", "Gaffer"]
    order3, order5 = copy.deepcopy(CARDS["order"]), copy.deepcopy(CARDS["order"])
    order5.update(id="steps5", items=["Pitch", "Script", "Casting", "Shooting", "Editing"])
    services = services_for([mcq3, multi4, mcq2, order3, order5])
    app = KdquizApp(services, plan=Plan(Activity.REVIEW))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = study(app)
        lists, rows_seen = set(), []
        for _ in range(5):
            answer, card = screen.answer, screen.item.card
            assert focus_is_on_the_answer(screen)
            lists.add(id(answer))
            if isinstance(answer, ChoiceList):
                rows = choice_texts(answer)
                assert rows == [card.choices[i].text for i in answer.order]
                assert bool(answer.query_one("#check-choices").display) is answer.multi
                right = right_response(screen.item)
                right = right if answer.multi else {right}
                picks = [str(p + 1) for p, i in enumerate(answer.order) if i in right]
                keys = (*picks, "enter") if answer.multi else tuple(picks)
            else:
                rows = shown_rows(answer, OrderRow)
                keys = ("enter",)
            rows_seen.append(len(rows))
            await pilot.press(*keys)
            await pilot.pause()
            assert screen.query_one(StudyFeedback)
            await pilot.press("4", "enter")
            await settle(app, pilot)
        assert rows_seen == [3, 4, 2, 3, 5]
        assert len(lists) == 2  # one ChoiceList, one OrderList, each renewed
    entries = services.store.log_entries()  # the orders are sent as shuffled: wrong
    assert [e.correct for e in entries] == [True, True, True, False, False]


async def test_typed_after_typed_has_an_empty_enabled_field(services_for: Any) -> None:
    services, app = review_twice(services_for, "typed")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = study(app)
        field = screen.answer.focus_target()
        await pilot.press(*"Disney", "enter")
        await pilot.pause()
        assert field.disabled
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.answer.focus_target() is field
        assert field.value == "" and not field.disabled and focus_is_on_the_answer(screen)
        assert "You answered" not in screen_text(app)
        await pilot.press(*"Netflix", "enter")
        await pilot.pause()
        assert "You answered  Netflix" in screen_text(app)
        await pilot.press("enter")
        await settle(app, pilot)
    assert [(e.answer, e.correct) for e in services.store.log_entries()] == [
        ("Disney", False),
        ("Netflix", True),
    ]


async def test_every_kind_in_a_row_gets_the_keyboard(services_for: Any) -> None:
    """A mixed deck (the answer widget changes or is renewed each time): each card takes its keys."""
    kinds = [
        "flashcard",
        "truefalse",
        "truefalse",
        "order",
        "order",
        "flashcard",
        "numeric",
        "typed",
        "cloze",
        "multi",
        "multi",
        "mcq",
    ]
    cards = []
    for n, kind in enumerate(kinds):
        card = copy.deepcopy(CARDS[kind])
        card["id"] = f"{card['id']}-{n}"
        cards.append(card)
    right = {
        "flashcard": ("space",),
        "truefalse": ("t",),
        "order": ("enter",),
        "numeric": (*"16", "enter"),
        "typed": (*"Netflix", "enter"),
        "cloze": (*"OST", "enter"),
        "multi": ("space", "down", "space", "enter"),
    }
    services = services_for(cards)
    app = KdquizApp(services, plan=Plan(Activity.REVIEW))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = study(app)
        seen, renewed, last = 0, 0, None
        while isinstance(app.screen, StudyScreen) and screen.item is not None:
            kind = str(screen.item.card.kind)
            renewed += screen.answer is last
            last = screen.answer
            assert focus_is_on_the_answer(screen), kind
            assert not screen.answer.locked and not screen.query(StudyFeedback)
            # Other kinds' widgets wait hidden; only this card's answer shows.
            shown = [w for w in screen.query_one(QuestionCard).children[3:] if w.display]
            assert shown == [screen.answer], kind
            if kind == "mcq":
                keys: tuple[str, ...] = (str(screen.answer.order.index(0) + 1),)
            elif kind == "multi":  # Director and Camera operator are choices 0 and 1
                order = screen.answer.order
                keys = (str(order.index(0) + 1), str(order.index(1) + 1), "enter")
            else:
                keys = right[kind]
            await pilot.press(*keys)
            await pilot.pause()
            feedback = screen.query_one(StudyFeedback)
            # Easy, so no card comes back today (1-4 continues at once on a self-rated card).
            await pilot.press("4", *(() if feedback.turn.self_graded else ("enter",)))
            await settle(app, pilot)
            seen += 1
            assert seen < 3 * len(cards), "the session should end"
        assert seen >= len(cards) and renewed >= 3  # flashcards are asked both ways round
    assert len(services.store.log_entries()) == seen


async def test_quiz_flashcard_reveal_leaves_nothing_on_the_next_question(
    services_for: Any, clock: Any
) -> None:
    services = services_for(twice("flashcard"))
    app = KdquizApp(
        services,
        plan=Plan(Activity.QUIZ, ("test-deck",), questions=2, quiz_mode="classic", player="Min"),
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        await pilot.press("space")
        await pilot.pause()
        assert screen.query(KnewItPad) and screen.query(".answer-side")
        clock.advance(2)
        await pilot.press("y")
        await pilot.pause()
        assert screen.query(QuizFeedback)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "Question 2" in screen_text(app)
        assert not screen.query(KnewItPad) and not screen.query(".answer-side")
        assert not screen.query(QuizFeedback) and focus_is_on_the_answer(screen)
        await pilot.press("space")
        await pilot.pause()
        assert screen.query(KnewItPad)
        clock.advance(2)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
    game = services.store.games()[0]
    assert game.correct == 1
