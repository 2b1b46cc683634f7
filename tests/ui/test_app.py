"""Home, help, theme, size, editing a card, and the plain mode through standard input."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

from textual.widgets import Input
from ui_support import CARDS, SIZE, deck_dict, screen_text, settle

from kdquiz.core.plan import Activity, Plan
from kdquiz.plain import run_plain
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.help import HelpScreen
from kdquiz.ui.screens.home import HomeScreen
from kdquiz.ui.screens.quiz import QuizScreen
from kdquiz.ui.screens.quiz_setup import QuizSetupModal
from kdquiz.ui.screens.study import StudyScreen
from kdquiz.ui.screens.too_small import TooSmallScreen


def two_decks() -> tuple[dict[str, Any], dict[str, Any]]:
    drama = deck_dict(
        [CARDS["mcq"], CARDS["cloze"], {**CARDS["typed"], "tags": ["streaming"]}],
        "drama",
        "Drama basics",
        ["kdrama"],
    )
    music = deck_dict([CARDS["truefalse"]], "music", "OST music", ["music"])
    return drama, music


async def test_home_lists_decks_with_counts_and_filters_by_tag(services_for: Any) -> None:
    services = services_for(*two_decks())
    app = KdquizApp(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        text = screen_text(app)
        assert "Drama basics" in text and "OST music" in text
        assert home.counts["drama"].new == 3 and home.counts["music"].new == 1
        home.query_one("#tag-filter").value = "streaming"
        await pilot.pause()
        assert [d.id for d in home.visible_decks()] == ["drama"]
        assert [len(d.cards) for d in home.chosen_decks(all_if_none=True)] == [1]
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert app.screen.item is not None and app.screen.item.card.id == "net"


async def test_home_selecting_decks_and_quiz_setup(services_for: Any) -> None:
    services = services_for(*two_decks())
    app = KdquizApp(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("space", "down", "space")
        assert home.selected == {"drama", "music"}
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, QuizSetupModal)
        await pilot.click("#quiz-start")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.deck_ids == ("drama", "music")


async def test_help_lists_every_key(services_for: Any) -> None:
    services = services_for([CARDS["mcq"]])
    app = KdquizApp(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "this help" in text and "^p" in text  # the top shows; the rest scrolls
        rows = " ".join(
            f"{k.content} {w.content}"
            for k, w in zip(app.screen.query(".help-key"), app.screen.query(".help-what"))
        )
        for key in ("Space", "I was right", "undo", "$EDITOR", "^z", "matching"):
            assert key in rows
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_theme_choice_is_remembered(services_for: Any) -> None:
    services = services_for([CARDS["mcq"]])
    app = KdquizApp(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.theme = "nord"
        await pilot.pause()
    assert services.store.get_pref("ui.theme") == "nord"
    again = KdquizApp(services)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_command_palette_offers_the_game_commands(services_for: Any) -> None:
    services = services_for([CARDS["mcq"]])
    app = KdquizApp(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Start review", "Start quiz", "Open stats", "Switch theme"):
            assert title in titles
        start_review = next(
            c for c in app.get_system_commands(app.screen) if c.title == "Start review"
        )
        start_review.callback()
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert len(app.screen.session.decks) == len(services.catalog.decks)  # every deck


async def test_too_small_terminal_says_so(services_for: Any) -> None:
    services = services_for([CARDS["mcq"]])
    app = KdquizApp(services)
    async with app.run_test(size=(50, 15)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, TooSmallScreen)
        assert "Terminal too small" in screen_text(app)
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_edit_opens_the_card_line_and_reloads(services_for: Any, data_dir: Path) -> None:
    services = services_for([CARDS["typed"], CARDS["truefalse"]])
    opened: list[tuple[Path, int]] = []

    def fake_editor(path: Path, line: int) -> None:
        opened.append((path, line))
        text = path.read_text(encoding="utf-8")
        text = text.replace("Which streaming service?", "Which streaming service made it?")
        text = text.replace("filmed while early", "shot while the first")  # a later card
        path.write_text(text, encoding="utf-8")

    app = KdquizApp(services, plan=Plan(Activity.REVIEW), edit_file=fake_editor)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        await pilot.press("f2")  # in the answer box too, where `e` would be a letter
        await pilot.pause()
        assert opened and opened[-1][0] == data_dir / "decks" / "deck0.yaml"
        assert opened[-1][1] == screen.item.card.line > 0
        assert "Which streaming service made it?" in screen_text(app)
        screen.query_one(Input).focus()
        await pilot.press(*"Netflix", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.item.card.id == "live"
        assert "Some K-dramas are shot while the first episodes air." in screen_text(app)


# --- plain mode ----------------------------------------------------------------------------------


def test_plain_review_through_stdin(services_for: Any) -> None:
    services = services_for([CARDS["truefalse"], CARDS["typed"]])
    out = io.StringIO()
    # first item, then second; rating prompts take Enter
    code = run_plain(services, Plan(Activity.REVIEW), io.StringIO("t\n\nNetflix\n\n"), out)
    text = out.getvalue()
    assert code == 0
    assert "✓ Right" in text
    assert "Cards answered   2" in text
    assert {e.correct for e in services.store.log_entries()} == {True}


def test_plain_stops_cleanly_at_end_of_input_and_saves(services_for: Any) -> None:
    services = services_for([CARDS["truefalse"], CARDS["typed"]])
    out = io.StringIO()
    code = run_plain(services, Plan(Activity.REVIEW), io.StringIO("f\n"), out)
    assert code == 0
    assert "✗ Wrong" in out.getvalue()
    assert [e.correct for e in services.store.log_entries()] == [False]


def test_plain_edge_input_is_asked_again(services_for: Any) -> None:
    services = services_for([CARDS["numeric"]])
    out = io.StringIO()
    run_plain(services, Plan(Activity.PRACTICE, ("test-deck",)), io.StringIO("lots\n16\n\n"), out)
    assert "is not a number" in out.getvalue()
    assert [e.correct for e in services.store.log_entries()] == [True]


def test_plain_undo(services_for: Any) -> None:
    services = services_for([CARDS["truefalse"], {**CARDS["truefalse"], "id": "live2"}])
    out = io.StringIO()
    run_plain(services, Plan(Activity.REVIEW), io.StringIO("f\n4\n\n:u\nt\n4\n\n"), out)
    assert "Undone." in out.getvalue()
    entries = services.store.log_entries()
    assert [e.correct for e in entries] == [True]


def test_plain_quiz_records_the_round(services_for: Any) -> None:
    services = services_for([CARDS["truefalse"]])
    out = io.StringIO()
    plan = Plan(Activity.QUIZ, ("test-deck",), questions=1, player="Min")
    assert run_plain(services, plan, io.StringIO("t\n"), out) == 0
    assert "Score        1000" in out.getvalue()
    (game,) = services.store.games()
    assert (game.score, game.player) == (1000, "Min")


def test_plain_mode_in_a_pipe_without_textual(services_for: Any, data_dir: Path) -> None:
    services = services_for([CARDS["truefalse"]])
    services.store.close()
    code = (
        "import sys, kdquiz.cli as c; rc = c.main(['--data-dir', sys.argv[1], 'review', "
        "'--plain']); print('textual' in sys.modules); sys.exit(rc)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(data_dir)],
        input="t\n\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "✓ Right" in run.stdout
    assert run.stdout.strip().endswith("False")  # textual was never imported


async def test_quiz_setup_picks_mode_questions_and_player(services_for: Any) -> None:
    services = services_for([CARDS["truefalse"], CARDS["typed"]])
    app = KdquizApp(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, QuizSetupModal)
        modal.query_one("#quiz-mode").value = "survival"
        modal.query_one("#quiz-questions").value = "5"
        modal.query_one("#quiz-player").value = "Jin"
        await pilot.click("#quiz-start")
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        assert (str(quiz.quiz.mode), quiz.quiz.config.questions, quiz.player) == (
            "survival",
            5,
            "Jin",
        )


def deck_row(app: KdquizApp, deck_id: str) -> list[str]:
    """The home table's cells for one deck, as shown."""
    from textual.widgets import DataTable

    return [str(cell) for cell in app.screen.query_one("#decks", DataTable).get_row(deck_id)]


async def test_home_counts_arrive_and_follow_a_session(services_for: Any) -> None:
    """The table shows the store's counts; back from a review they are counted again (the screen
    loads the decks each time it shows, the first time only once)."""
    services = services_for(*two_decks())
    app = KdquizApp(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert deck_row(app, "drama")[2:] == ["3", "3", "0", "0"]  # cards, new, due, learned
        assert deck_row(app, "music")[2:] == ["1", "1", "0", "0"]
        await pilot.press("down", "enter")  # review the music deck: one true/false card
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("4", "enter")
        await settle(app, pilot)
        await pilot.press("enter")  # the summary's Done
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert deck_row(app, "music")[2:] == ["1", "0", "0", "1"]
        assert deck_row(app, "drama")[2:] == ["3", "3", "0", "0"]


def test_plain_quiz_cloze_says_an_empty_line_gives_up_and_counts_it_wrong(
    services_for: Any,
) -> None:
    services = services_for([CARDS["cloze"]])
    out = io.StringIO()
    plan = Plan(Activity.QUIZ, ("test-deck",), questions=1, player="Min")
    assert run_plain(services, plan, io.StringIO("\n"), out) == 0
    text = out.getvalue()
    assert "(Enter on an empty line gives up)" in text and "show the answer" not in text
    assert "✗ Wrong" in text and "OST" in text
    (game,) = services.store.games()
    assert (game.correct, game.total) == (0, 1)


def test_plain_review_cloze_empty_line_shows_the_answer(services_for: Any) -> None:
    services = services_for([CARDS["cloze"]])
    out = io.StringIO()
    assert run_plain(services, Plan(Activity.REVIEW), io.StringIO("\n2\n"), out) == 0
    text = out.getvalue()
    assert "(Enter to show the answer)" in text and "OST" in text
    assert [e.rating for e in services.store.log_entries()] == [2]
