"""`kdquiz join` in the terminal: a player's screen, driven with Pilot against a live server on
the loopback, plays a question to the podium (the lines are the plain player's, tested for safe
text in tests/classroom/test_class_client.py)."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from textual.widgets import RichLog
from ui_support import CARDS, SIZE, deck_dict

from kdquiz.classroom.game import ClassGame, Phase
from kdquiz.classroom.server import ClassServer
from kdquiz.core.game import QuizConfig
from kdquiz.ui.join_app import JoinApp
from kdquiz.ui.screens.join import JoinScreen


async def until(condition: Any, pilot: Any) -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the game never got there")


def shown(log: RichLog) -> list[str]:
    """The log's lines as the player sees them."""
    return [strip.text.rstrip() for strip in log.lines]


@asynccontextmanager
async def hosting(services: Any) -> AsyncIterator[tuple[ClassGame, ClassServer, str]]:
    """A class game on the services' decks, served on the loopback: (game, server, its address)."""
    game = ClassGame(services.catalog.decks, QuizConfig(), code="777777", rng=random.Random(3),
                     new_token=lambda: "tok")  # fmt: skip
    server = ClassServer(game, services.store, ["drama"], clock=services.clock)
    (url,) = await server.start("127.0.0.1", 0)
    try:
        yield game, server, url
    finally:
        await server.stop()


async def test_a_terminal_player_answers_and_reaches_the_podium(services_for: Any) -> None:
    services = services_for(deck_dict([CARDS["mcq"]], "drama", "Drama"))
    async with hosting(services) as (game, server, url):
        app = JoinApp(url, "777777", "Min-ji")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, JoinScreen)
            log = app.screen.query_one(RichLog)
            await until(lambda: bool(game.players), pilot)
            await server.advance()
            await until(lambda: any(line.startswith("Question 1") for line in shown(log)), pilot)
            assert "What comes first?" in shown(log)
            position = next(
                line.split(".")[0].strip() for line in shown(log) if line.endswith("The script")
            )
            await pilot.press("9", "enter")  # not a choice: said, and asked again
            await until(lambda: "That does not fit this question; try again." in shown(log), pilot)
            await pilot.press(*position, "enter")
            await until(lambda: game.phase is Phase.REVEAL, pilot)
            await server.advance()
            await server.advance()
            await until(lambda: "The game is over: Ctrl+Q leaves." in shown(log), pilot)
            assert "Podium: the game is over" in shown(log)
            assert any(line.startswith("  1. Min-ji · ") for line in shown(log))
            await pilot.press("ctrl+q")
        assert app.result == 0
    (answer,) = services.store.class_answers()
    assert answer.player == "Min-ji" and answer.correct


async def test_a_long_question_wraps_within_the_players_screen(services_for: Any) -> None:
    """A question longer than the terminal is wide is read whole, never cut at the edge."""
    words = "Which department of a K-drama production decides the colour grading of every scene"
    card = {**CARDS["mcq"], "prompt": words + " [bold]in the end[/bold]?"}
    async with hosting(services_for(deck_dict([card], "drama", "Drama"))) as (game, server, url):
        app = JoinApp(url, "777777", "Min-ji")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            log = app.screen.query_one(RichLog)
            await until(lambda: bool(game.players), pilot)
            await server.advance()
            await until(lambda: any("The script" in line for line in shown(log)), pilot)
            width = log.scrollable_content_region.width
            assert all(strip.cell_length <= width for strip in log.lines)
            text = " ".join(" ".join(shown(log)).split())
            assert text.count(words + " [bold]in the end[/bold]?") == 1  # whole, and as written
            await pilot.press("ctrl+q")


async def test_the_players_screen_fits_a_narrow_terminal(services_for: Any) -> None:
    """A phone's terminal is narrow: the panel and every line it wraps stay on the screen."""
    words = "Which department of a K-drama production decides the colour grading of every scene"
    card = {**CARDS["mcq"], "prompt": words + "?"}
    async with hosting(services_for(deck_dict([card], "drama", "Drama"))) as (game, server, url):
        app = JoinApp(url, "777777", "Min-ji")
        async with app.run_test(size=(44, 24)) as pilot:
            await pilot.pause()
            log = app.screen.query_one(RichLog)
            await until(lambda: bool(game.players), pilot)
            await server.advance()
            await until(lambda: any("The script" in line for line in shown(log)), pilot)
            for widget in (app.screen.query_one("#join"), log):
                assert widget.region.right <= 44, widget
            right = log.scrollable_content_region.right
            assert all(log.scrollable_content_region.x + s.cell_length <= right for s in log.lines)
            await pilot.press("ctrl+q")
