"""End screens say what happened: a review stopped with cards left is not "done", a quiz round
ended early is neither perfect nor a personal best, and Esc asks before ending a round."""

from __future__ import annotations

from typing import Any

from ui_support import SIZE, screen_text, settle, true_false_cards

from kdquiz.core.plan import Activity, Plan
from kdquiz.core.stats import personal_bests
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.confirm import ConfirmModal
from kdquiz.ui.screens.quiz import QuizScreen
from kdquiz.ui.screens.results import ResultsScreen
from kdquiz.ui.screens.summary import SummaryScreen
from kdquiz.ui.widgets.feedback import QuizFeedback

TF_CARDS = true_false_cards(6)


async def test_quitting_a_review_with_cards_left_says_stopped_and_how_many(
    services_for: Any,
) -> None:
    app = KdquizApp(services_for(TF_CARDS), plan=Plan(Activity.REVIEW))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("t", "enter")  # one answered and committed
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, SummaryScreen)
        text = screen_text(app)
        assert "Session done" not in text
        assert "Stopped — 5 cards still due" in text and "Cards answered   1" in text


async def test_a_review_gone_through_says_done(services_for: Any) -> None:
    app = KdquizApp(services_for(TF_CARDS[:1]), plan=Plan(Activity.REVIEW))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("t", "4", "enter")  # Easy: not back today
        await settle(app, pilot)
        assert isinstance(app.screen, SummaryScreen)
        text = screen_text(app)
        assert "Session done" in text and "Stopped" not in text


def quiz_plan(questions: int) -> Plan:
    return Plan(Activity.QUIZ, questions=questions, player="Min")


async def answer(app: KdquizApp, pilot: Any) -> None:
    await pilot.press("t")
    await pilot.pause()
    assert app.screen.query(QuizFeedback)
    await pilot.press("enter")
    await settle(app, pilot)


async def test_esc_asks_and_n_or_esc_keeps_playing(services_for: Any) -> None:
    services = services_for(TF_CARDS)
    app = KdquizApp(services, plan=quiz_plan(3))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await answer(app, pilot)
        for no in ("n", "escape"):
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            assert "End this round now?" in screen_text(app)
            await pilot.press(no)
            await pilot.pause()
            assert isinstance(app.screen, QuizScreen) and not app.screen.ended
        await answer(app, pilot)
        assert services.store.games() == []


async def test_a_round_ended_early_is_not_perfect_nor_a_personal_best(services_for: Any) -> None:
    services = services_for(TF_CARDS)
    app = KdquizApp(services, plan=quiz_plan(5))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await answer(app, pilot)  # one right answer, then Esc and y
        await pilot.press("escape", "y")
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
        text = screen_text(app)
        assert "Perfect" not in text and "personal best!" not in text
        assert "Ended early after 1 question of 5" in text
        assert "No misses in the 1 question answered" in text
    (game,) = services.store.games()
    assert not game.complete and game.length == 5
    assert personal_bests(services.store.games()) == []
    assert services.store.personal_best(("test-deck",), "classic", 5) is None


async def test_personal_bests_compare_rounds_of_the_same_length(services_for: Any) -> None:
    services = services_for(TF_CARDS)
    for questions, expected in ((2, "★ First 2-question classic round"), (1, "★ First 1-question")):
        app = KdquizApp(services, plan=quiz_plan(questions))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            for _ in range(questions):
                await answer(app, pilot)
            assert isinstance(app.screen, ResultsScreen)
            # The 1-question round scores less than the 2-question one, yet is a first best.
            assert expected in screen_text(app)
    bests = personal_bests(services.store.games())
    assert sorted((b.length, b.total) for b in bests) == [(1, 1), (2, 2)]


def test_plain_mode_says_stopped_too(services_for: Any) -> None:
    import io

    from kdquiz.plain import run_plain

    services = services_for(TF_CARDS[:3])
    out = io.StringIO()
    run_plain(services, Plan(Activity.REVIEW), io.StringIO("t\n\n"), out)  # one, then the end
    assert "Stopped — 2 cards still due" in out.getvalue()
    out = io.StringIO()
    run_plain(services, Plan(Activity.PRACTICE, ("test-deck",)), io.StringIO(":q\n"), out)
    assert "Stopped — 3 cards left to practise" in out.getvalue()


async def test_the_clock_ending_a_round_while_esc_asks_closes_the_question(
    services_for: Any, clock: Any
) -> None:
    services = services_for(TF_CARDS)
    app = KdquizApp(services, plan=Plan(Activity.QUIZ, quiz_mode="time-attack"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await answer(app, pilot)
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        clock.advance(61)
        quiz.tick()
        await settle(app, pilot)
        assert [type(s) for s in app.screen_stack][1:] == [ResultsScreen]
        assert "Round over" in screen_text(app)  # the clock ended it: not "ended early"
    (game,) = services.store.games()
    assert game.complete


def test_plain_quiz_asks_before_q_ends_the_round(services_for: Any) -> None:
    """`:q` in a quiz asks first, as Esc does in the TUI: n keeps playing the same question."""
    import io

    from kdquiz.plain import run_plain

    services = services_for(TF_CARDS)
    out = io.StringIO()
    # One right answer; :q then n (the question is asked again); :q then y ends the round.
    run_plain(services, quiz_plan(5), io.StringIO("t\n:q\nn\n:q\ny\n"), out)
    text = out.getvalue()
    assert text.count("End this round now? (y/n):") == 2
    assert "1 answered; the round is recorded as ended early, so it is not a personal best." in text
    assert text.count("Question 2 of 5") == 2  # asked again after "n"
    assert "Round ended early" in text
    (game,) = services.store.games()
    assert not game.complete and game.total == 1


def test_plain_quiz_q_before_any_answer_records_nothing(services_for: Any) -> None:
    import io

    from kdquiz.plain import run_plain

    services = services_for(TF_CARDS)
    out = io.StringIO()
    run_plain(services, quiz_plan(5), io.StringIO(":q\ny\n"), out)
    text = out.getvalue()
    assert "Nothing is answered yet, so nothing is recorded." in text
    assert "No questions answered; nothing recorded." in text
    assert services.store.games() == []
