"""Review, practice and every quiz mode start to finish, undo, quit and resume; asserts on the store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Label
from ui_support import CARDS, SIZE, deck_dict, screen_text, settle

from kdquiz.core.plan import Activity, Plan
from kdquiz.core.store import store_path
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.home import HomeScreen
from kdquiz.ui.screens.quiz import QuizScreen
from kdquiz.ui.screens.results import ResultsScreen
from kdquiz.ui.screens.study import StudyScreen
from kdquiz.ui.screens.summary import SummaryScreen
from kdquiz.ui.widgets.choice_list import ChoiceList
from kdquiz.ui.widgets.feedback import QuizFeedback, StudyFeedback

TF_CARDS = [
    {"id": f"tf{n}", "type": "truefalse", "statement": f"Statement {n} is true.", "answer": True}
    for n in range(1, 5)
]


async def test_review_start_to_finish_ends_with_a_summary(services_for: Any, clock: Any) -> None:
    services = services_for(TF_CARDS[:3])
    app = KdquizApp(services, plan=Plan(Activity.REVIEW))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for key in ("t", "f", "t"):
            clock.advance(5)
            await pilot.press(key)
            await settle(app, pilot)
            await pilot.press("4", "enter")  # Easy: graduate now, so the queue runs dry
            await settle(app, pilot)
        assert isinstance(app.screen, SummaryScreen)
        text = screen_text(app)
        assert "Cards answered   3" in text
        assert "Right            2  (67%)" in text
        assert "Due tomorrow" in text
    entries = services.store.log_entries()
    assert [e.correct for e in entries] == [True, False, True]
    assert [e.rating for e in entries] == [4, 4, 4]
    assert all(e.mode == "review" and e.after is not None for e in entries)


async def test_practice_never_changes_the_schedule(services_for: Any) -> None:
    services = services_for(TF_CARDS[:2])
    app = KdquizApp(services, plan=Plan(Activity.PRACTICE, ("test-deck",)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for _ in range(2):
            await pilot.press("t")
            await settle(app, pilot)
            assert "schedule unchanged" in screen_text(app)
            await pilot.press("enter")
            await settle(app, pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert "Practice never changes the schedule." in screen_text(app)
    entries = services.store.log_entries()
    assert len(entries) == 2 and all(e.mode == "practice" for e in entries)
    assert services.store.states() == []


async def test_undo_after_commit_restores_the_card(services_for: Any) -> None:
    services = services_for(TF_CARDS[:2])
    app = KdquizApp(services, plan=Plan(Activity.REVIEW))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        first = screen.item
        await pilot.press("t")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert len(services.store.log_entries()) == 1
        await pilot.press("u")
        await settle(app, pilot)
        assert screen.item == first
        assert services.store.log_entries() == []
        assert services.store.get_state(first.key) is None


async def test_undo_before_commit_asks_again_without_writing(services_for: Any) -> None:
    services = services_for(TF_CARDS[:1])
    app = KdquizApp(services, plan=Plan(Activity.REVIEW))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f")
        await settle(app, pilot)
        assert app.screen.query(StudyFeedback)
        await pilot.press("u")
        await settle(app, pilot)
        assert not app.screen.query(StudyFeedback)
        await pilot.press("t")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
    assert [e.correct for e in services.store.log_entries()] == [True]


async def test_quit_mid_session_saves_and_resume_continues(
    services_for: Any, data_dir: Path, clock: Any
) -> None:
    services = services_for(TF_CARDS[:3])
    app = KdquizApp(services, plan=Plan(Activity.REVIEW))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("t")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("t")  # answered, feedback on screen, not committed yet ...
        await settle(app, pilot)
        await pilot.press("q")  # ... leaving saves it
        await settle(app, pilot)
        assert isinstance(app.screen, SummaryScreen)
    answered = {e.key for e in services.store.log_entries()}
    assert len(answered) == 2
    services.store.close()

    from kdquiz.services import make_services

    again = make_services(data_dir, clock=clock, fuzz=False, include_shipped=False)
    try:
        app = KdquizApp(again, plan=Plan(Activity.REVIEW))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, StudyScreen)
            assert screen.item is not None and screen.item.key not in answered
            assert "New 1" in screen_text(app)
    finally:
        again.store.close()
    assert store_path(data_dir).exists()


async def test_ctrl_q_exits_with_the_pending_answer_saved(services_for: Any) -> None:
    services = services_for(TF_CARDS[:2])
    app = KdquizApp(services, plan=Plan(Activity.REVIEW))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("t")
        await settle(app, pilot)
        await pilot.press("ctrl+q")
        await settle(app, pilot)
    assert len(services.store.log_entries()) == 1


async def test_nothing_due_says_so(services_for: Any) -> None:
    services = services_for(TF_CARDS[:1])
    services.settings = type(services.settings)(
        defaults=type(services.settings.defaults)(new_per_day=0)
    )
    app = KdquizApp(services, plan=Plan(Activity.REVIEW))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert "Nothing to study right now." in screen_text(app)
        await pilot.press("enter")
        await settle(app, pilot)
    assert app.return_code == 0  # a direct command leaves the app when the session ends


# --- quiz ----------------------------------------------------------------------------------------


def quiz_plan(mode: str, questions: int = 3) -> Plan:
    return Plan(Activity.QUIZ, ("test-deck",), questions=questions, quiz_mode=mode, player="Min")


async def answer_quiz(app: KdquizApp, pilot: Any, clock: Any, key: str, seconds: float) -> None:
    clock.advance(seconds)
    await pilot.press(key)
    await pilot.pause()
    assert app.screen.query(QuizFeedback)
    await pilot.press("enter")
    await settle(app, pilot)


async def test_classic_quiz_scores_streaks_and_records(services_for: Any, clock: Any) -> None:
    services = services_for(TF_CARDS[:3])
    app = KdquizApp(services, plan=quiz_plan("classic"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, QuizScreen)
        await answer_quiz(app, pilot, clock, "t", 0)  # 1000
        await answer_quiz(app, pilot, clock, "t", 10)  # 750 + 100 streak bonus
        await answer_quiz(app, pilot, clock, "f", 2)  # wrong: 0
        assert isinstance(app.screen, ResultsScreen)
        text = screen_text(app)
        assert "Score        1850" in text
        assert "Right        2 of 3  (67%)" in text
        assert "Best streak  2" in text
        assert "personal best" in text
        assert "Missed (1)" in text and "Answer: True" in text
    games = services.store.games()
    assert len(games) == 1
    assert (games[0].score, games[0].correct, games[0].total, games[0].player) == (
        1850,
        2,
        3,
        "Min",
    )
    assert services.store.personal_best(("test-deck",), "classic", 3) == 1850
    assert all(e.mode == "quiz" and e.after is None for e in services.store.log_entries())
    assert services.store.states() == []  # a quiz never changes the schedule


async def test_the_points_line_says_what_the_score_gained_streak_bonus_included(
    services_for: Any, clock: Any
) -> None:
    services = services_for(TF_CARDS[:3])
    app = KdquizApp(services, plan=quiz_plan("classic"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        lines = []
        for seconds in (0, 10):  # two right answers in a row: the second earns a streak bonus
            before = screen.quiz.score
            clock.advance(seconds)
            await pilot.press("t")
            await settle(app, pilot)
            line = str(screen.query_one(QuizFeedback).query_one(".points", Label).render())
            lines.append(line)
            assert line.startswith(f"+{screen.quiz.score - before} points"), line
            await pilot.press("enter")
            await settle(app, pilot)
        assert lines[1].startswith("+850 points (incl. streak bonus +100)"), lines


async def test_quiz_countdown_times_out_with_the_injected_clock(
    services_for: Any, clock: Any
) -> None:
    services = services_for(TF_CARDS[:1])
    app = KdquizApp(services, plan=quiz_plan("classic", 1))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        screen.timer.pause()  # only the fake clock moves time in this test
        clock.advance(12)
        screen.tick()
        await settle(app, pilot)
        assert "⏱ 8.0s" in screen_text(app)
        clock.advance(9)
        screen.tick()
        await settle(app, pilot)
        assert "Time's up" in screen_text(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
    (game,) = services.store.games()
    assert (game.score, game.correct, game.total) == (0, 0, 1)


async def test_survival_ends_at_the_third_miss(services_for: Any, clock: Any) -> None:
    services = services_for(TF_CARDS)
    app = KdquizApp(services, plan=quiz_plan("survival"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await answer_quiz(app, pilot, clock, "t", 1)
        assert "♥♥♥" in screen_text(app)
        await answer_quiz(app, pilot, clock, "f", 1)
        assert "♥♥♡" in screen_text(app)
        await answer_quiz(app, pilot, clock, "f", 1)
        await answer_quiz(app, pilot, clock, "f", 1)
        assert isinstance(app.screen, ResultsScreen)
    (game,) = services.store.games()
    assert (game.mode, game.correct, game.total) == ("survival", 1, 4)


async def test_time_attack_ends_when_the_round_clock_runs_out(
    services_for: Any, clock: Any
) -> None:
    services = services_for(TF_CARDS)
    app = KdquizApp(services, plan=quiz_plan("time-attack"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        screen.timer.pause()
        await answer_quiz(app, pilot, clock, "t", 20)
        await answer_quiz(app, pilot, clock, "t", 20)
        assert "Round" in screen_text(app)
        clock.advance(25)
        screen.tick()
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
    (game,) = services.store.games()
    assert (game.mode, game.correct, game.total) == ("time-attack", 2, 2)


async def test_quiz_mcq_choices_follow_the_round_order(services_for: Any, clock: Any) -> None:
    services = services_for([CARDS["mcq"]])
    app = KdquizApp(services, plan=quiz_plan("classic", 1))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        shown = screen.query_one(ChoiceList).order
        await pilot.press(str(shown.index(0) + 1))
        await settle(app, pilot)
        assert "✓ Right" in screen_text(app)
        await pilot.press("enter")
        await settle(app, pilot)
    assert services.store.games()[0].correct == 1


async def test_quiz_flashcard_reveal_then_knew_it(services_for: Any, clock: Any) -> None:
    services = services_for([CARDS["flashcard"]])
    app = KdquizApp(services, plan=quiz_plan("classic", 1))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("space")
        await settle(app, pilot)
        assert "Producer-director" in screen_text(app)
        await answer_quiz(app, pilot, clock, "y", 1)
    assert services.store.games()[0].correct == 1


async def test_leaving_a_quiz_early_records_what_was_answered(
    services_for: Any, clock: Any
) -> None:
    services = services_for(TF_CARDS)
    app = KdquizApp(services, plan=quiz_plan("classic", 4))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await answer_quiz(app, pilot, clock, "t", 1)
        await pilot.press("escape", "enter")  # Esc asks; Enter says yes
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
    (game,) = services.store.games()
    assert game.total == 1 and not game.complete and game.length == 4


async def test_play_again_starts_a_new_round(services_for: Any, clock: Any) -> None:
    services = services_for(TF_CARDS[:1])
    app = KdquizApp(services, plan=quiz_plan("classic", 1))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await answer_quiz(app, pilot, clock, "t", 1)
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, QuizScreen)
        await answer_quiz(app, pilot, clock, "t", 1)
        assert "Personal best 975" in screen_text(app)  # same score: no new best
    assert len(services.store.games()) == 2


async def test_from_home_review_then_back_home(services_for: Any) -> None:
    services = services_for(deck_dict(TF_CARDS[:1]), deck_dict([CARDS["mcq"]], "other", "Other"))
    app = KdquizApp(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_i_shows_the_current_cards_history_and_recall(services_for: Any, clock: Any) -> None:
    from kdquiz.ui.screens.history import CardHistoryModal

    services = services_for(TF_CARDS[:1])
    app = KdquizApp(services, plan=Plan(Activity.REVIEW))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        assert isinstance(app.screen, CardHistoryModal)
        assert "Never reviewed yet" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, StudyScreen)
        clock.advance(4)
        await pilot.press("t")
        await settle(app, pilot)
        await pilot.press("1", "enter")  # Again: the card comes back within the session
        await settle(app, pilot)
        assert isinstance(app.screen, StudyScreen) and app.screen.item is not None
        clock.advance(90)
        await pilot.press("i")
        await settle(app, pilot)
        text = screen_text(app)
        assert isinstance(app.screen, CardHistoryModal)
        assert "tf1 · True or false" in text
        assert "Chance of recall now:" in text
        assert "review" in text and "Again" in text and "✓ right" in text
        await pilot.press("i")
        await settle(app, pilot)
        assert isinstance(app.screen, StudyScreen)


async def test_quiz_cloze_hint_says_an_empty_enter_gives_up_and_it_does(
    services_for: Any, clock: Any
) -> None:
    """A quiz never reveals: the hint says what an empty Enter does, and that is what it does."""
    services = services_for([CARDS["cloze"]])
    app = KdquizApp(services, plan=quiz_plan("classic", 1))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
        assert "Enter on an empty line gives up (counted wrong)" in text
        assert "shows the answer" not in text
        clock.advance(2)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.query(QuizFeedback)
        text = screen_text(app)
        assert "✗ Wrong" in text and "OST" in text  # counted wrong, and the answer is shown
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
    (game,) = services.store.games()
    assert (game.correct, game.total) == (0, 1)


async def test_review_cloze_hint_says_an_empty_enter_shows_the_answer(services_for: Any) -> None:
    services = services_for([CARDS["cloze"]])
    app = KdquizApp(services, plan=Plan(Activity.REVIEW))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "Enter on an empty line shows the answer" in screen_text(app)
        await pilot.press("enter")
        await settle(app, pilot)
        feedback = app.screen.query_one(StudyFeedback)
        assert feedback.turn.self_graded and "OST" in screen_text(app)
        assert "gives up" not in screen_text(app)


async def test_history_lists_a_partly_right_answer_with_its_share(
    services_for: Any, clock: Any
) -> None:
    """Two right picks of three, one of them missed: not "Hard ✗ wrong" but partly right, 1/2."""
    from kdquiz.ui.screens.history import CardHistoryModal

    services = services_for([CARDS["multi"]])
    app = KdquizApp(services, plan=Plan(Activity.REVIEW))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        shown = app.screen.query_one(ChoiceList).order
        clock.advance(4)
        await pilot.press(str(shown.index(0) + 1), "enter")  # Director only
        await settle(app, pilot)
        assert "◐ Partly right (50%)" in screen_text(app)
        await pilot.press("1", "enter")  # Again: the card comes back within the session
        await settle(app, pilot)
        assert isinstance(app.screen, StudyScreen) and app.screen.item is not None
        await pilot.press("i")
        await settle(app, pilot)
        assert isinstance(app.screen, CardHistoryModal)
        text = screen_text(app)
        assert "◐ partly right (1/2)" in text and "wrong" not in text
    (entry,) = services.store.log_entries()
    assert (entry.correct, entry.score) == (False, 0.5)


async def test_history_during_the_feedback_names_the_answer_not_saved_yet(
    services_for: Any,
) -> None:
    from kdquiz.ui.screens.history import CardHistoryModal

    services = services_for(TF_CARDS[:1])
    app = KdquizApp(services, plan=Plan(Activity.REVIEW))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("t")
        await settle(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        assert isinstance(app.screen, CardHistoryModal)
        text = screen_text(app)
        assert "Never reviewed before this answer" in text
        assert "This answer: ✓ right, rated Good. It is saved when you go on." in text
        assert services.store.log_entries() == []  # still nothing written
