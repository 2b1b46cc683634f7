"""`kdquiz join` in the terminal: a player's screen, driven with Pilot against a live server on
the loopback, plays a question to the podium (the lines are the plain player's, tested for safe
text in tests/classroom/test_class_client.py)."""

from __future__ import annotations

import random
from typing import Any

from textual.widgets import Log
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


async def test_a_terminal_player_answers_and_reaches_the_podium(services_for: Any) -> None:
    services = services_for(deck_dict([CARDS["mcq"]], "drama", "Drama"))
    game = ClassGame(services.catalog.decks, QuizConfig(), code="777777", rng=random.Random(3),
                     new_token=lambda: "tok")  # fmt: skip
    server = ClassServer(game, services.store, ["drama"], clock=services.clock)
    (url,) = await server.start("127.0.0.1", 0)
    app = JoinApp(url, "777777", "Min-ji")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, JoinScreen)
            log = app.screen.query_one(Log)
            await until(lambda: bool(game.players), pilot)
            await server.advance()
            await until(lambda: any(line.startswith("Question 1") for line in log.lines), pilot)
            assert "What comes first?" in log.lines
            position = next(
                line.split(".")[0].strip() for line in log.lines if line.endswith("The script")
            )
            await pilot.press("9", "enter")  # not a choice: said, and asked again
            await until(lambda: "That does not fit this question; try again." in log.lines, pilot)
            await pilot.press(*position, "enter")
            await until(lambda: game.phase is Phase.REVEAL, pilot)
            await server.advance()
            await server.advance()
            await until(lambda: "The game is over: Ctrl+Q leaves." in log.lines, pilot)
            assert "Podium: the game is over" in log.lines
            assert any(line.startswith("  1. Min-ji · ") for line in log.lines)
            await pilot.press("ctrl+q")
        assert app.result == 0
    finally:
        await server.stop()
    (answer,) = services.store.class_answers()
    assert answer.player == "Min-ji" and answer.correct
