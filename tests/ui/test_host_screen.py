"""The host's screen of a class game, driven with Pilot while players join over the loopback
websocket: the lobby lists names as safe text, space walks the game, the podium ends it."""

from __future__ import annotations

import copy
import json
import random
from typing import Any

import aiohttp
from textual.widgets import Button
from ui_support import CARDS, SIZE, deck_dict, screen_text, settle

from kdquiz.classroom.game import ClassGame, Phase
from kdquiz.classroom.server import ClassServer
from kdquiz.core.game import QuizConfig
from kdquiz.ui.host_app import HostApp
from kdquiz.ui.screens.host import HostScreen


async def receive(ws: aiohttp.ClientWebSocketResponse, kind: str) -> dict[str, Any]:
    while True:
        data = json.loads((await ws.receive(timeout=10)).data)
        if data["type"] == kind:
            return data


async def join(
    session: aiohttp.ClientSession, server: ClassServer, name: str
) -> aiohttp.ClientWebSocketResponse:
    """A player who joins game 424242 over the loopback websocket."""
    ws = await session.ws_connect(server.addresses[0].replace("http", "ws") + "/ws")
    await ws.send_str(json.dumps({"v": 1, "type": "join", "code": "424242", "name": name}))
    await receive(ws, "welcome")
    return ws


async def test_the_host_walks_a_class_through_a_round(services_for: Any) -> None:
    services = services_for(deck_dict([CARDS["mcq"], CARDS["typed"]], "drama", "Drama"))
    game = ClassGame(
        services.catalog.decks, QuizConfig(questions=1), code="424242", rng=random.Random(1),
        new_token=iter(["t1", "t2"]).__next__,
    )  # fmt: skip
    server = ClassServer(game, services.store, ["drama"], clock=services.clock)
    app = HostApp(server, "127.0.0.1", 0)
    async with app.run_test(size=SIZE) as pilot, aiohttp.ClientSession() as session:
        await settle(app, pilot)
        assert isinstance(app.screen, HostScreen)
        text = screen_text(app)
        assert "424242" in text and server.addresses[0] in text
        await pilot.press("space")  # nobody yet: refused with a note, still in the lobby
        await settle(app, pilot)
        assert game.phase is Phase.LOBBY
        players = [await join(session, server, name) for name in ("[bold]Min[/bold]", "Eve")]
        await settle(app, pilot)
        text = screen_text(app)
        assert "[bold]Min[/bold]" in text and "2 players joined" in text  # never read as markup
        await pilot.press("space")
        question = await receive(players[0], "question")
        await settle(app, pilot)
        assert "Question 1 of 1" in screen_text(app) and question["text"] in screen_text(app)
        script = next(c["id"] for c in question["choices"] if c["text"] == "The script")
        await players[0].send_str(
            json.dumps({"v": 1, "type": "answer", "question": 1, "response": script})
        )
        await receive(players[0], "ack")
        await settle(app, pilot)
        assert "1 of 2 answered" in screen_text(app)
        await pilot.press("space")  # reveal now
        await receive(players[1], "reveal")
        await settle(app, pilot)
        text = screen_text(app)
        assert "Right answer: The script" in text and "It all begins with the script." in text
        await pilot.press("space")  # leaderboard
        await settle(app, pilot)
        assert " 1. [bold]Min[/bold] · " in screen_text(app)
        await pilot.press("space")  # podium
        await receive(players[1], "podium")
        await settle(app, pilot)
        assert "Podium" in screen_text(app)
        await pilot.press("e")  # leave
        await settle(app, pilot)
    assert [a.player for a in services.store.class_answers()] == ["[bold]Min[/bold]"]


async def test_the_host_sees_lives_who_is_out_and_survival_end_early(services_for: Any) -> None:
    second = {**copy.deepcopy(CARDS["mcq"]), "id": "second"}
    services = services_for(deck_dict([CARDS["mcq"], second], "drama", "Drama"))
    game = ClassGame(
        services.catalog.decks, QuizConfig(mode="survival", lives=1, questions=2),  # type: ignore[arg-type]
        code="424242", rng=random.Random(1), new_token=iter(["t1", "t2"]).__next__,
    )  # fmt: skip
    server = ClassServer(game, services.store, ["drama"], clock=services.clock)
    app = HostApp(server, "127.0.0.1", 0)
    async with app.run_test(size=SIZE) as pilot, aiohttp.ClientSession() as session:
        await settle(app, pilot)
        players = [await join(session, server, name) for name in ("Min", "Eve")]
        await settle(app, pilot)
        assert "survival" in screen_text(app)
        await pilot.press("space")
        question = await receive(players[0], "question")
        picks = {c["text"]: c["id"] for c in question["choices"]}
        for ws, pick in zip(players, ("The script", "The editing"), strict=True):
            await ws.send_str(
                json.dumps({"v": 1, "type": "answer", "question": 1, "response": picks[pick]})
            )
            await receive(ws, "ack")
        await receive(players[1], "reveal")
        await pilot.press("space")  # leaderboard: Eve is out, Min alone is left
        await receive(players[1], "leaderboard")
        await settle(app, pilot)
        text = screen_text(app)
        assert "Leaderboard after 1 of 2 · 1 still in" in text
        assert " 1. Min · " in text and " · ♥" in text and " 2. Eve · 0 · out" in text
        assert str(app.screen.query_one("#host-next", Button).label) == "Podium"
        await pilot.press("space")
        await receive(players[1], "podium")
        await settle(app, pilot)
        assert game.phase is Phase.PODIUM and game.asked == 1
        await pilot.press("e")
        await settle(app, pilot)
