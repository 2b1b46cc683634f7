"""The browser page in a real headless Chromium, driven over the Chrome DevTools protocol: it
joins with the code, answers by tapping a choice, and sees the reveal and the leaderboard.

Skipped only where Chromium is not installed (the Debian package `chromium`; .ci/run installs it).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import random
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from class_support import Player, mcq, one_question_deck
from ui_support import FakeClock

from kdquiz.classroom.game import ClassGame, Phase
from kdquiz.classroom.server import ClassServer
from kdquiz.core.game import QuizConfig
from kdquiz.core.model import Deck
from kdquiz.core.store import ProgressStore, store_path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--remote-debugging-port=0", "--window-size=400,800",
]  # fmt: skip


class Page:
    """One page of the browser, over its DevTools websocket: run JavaScript, read what it shows."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.ids = itertools.count(1)

    async def evaluate(self, script: str) -> Any:
        call = next(self.ids)
        await self.ws.send_json(
            {"id": call, "method": "Runtime.evaluate",
             "params": {"expression": script, "returnByValue": True}}
        )  # fmt: skip
        while True:
            reply = await self.ws.receive_json(timeout=20)
            if reply.get("id") == call:
                assert "exceptionDetails" not in reply["result"], reply
                return reply["result"]["result"].get("value")

    async def wait_for(self, script: str) -> Any:
        """The value of `script` once it is truthy (the page reacts to the server in its time)."""
        deadline = asyncio.get_running_loop().time() + 30  # a generous bound, never a measure
        while asyncio.get_running_loop().time() < deadline:
            value = await self.evaluate(script)
            if value:
                return value
            await asyncio.sleep(0.05)
        raise AssertionError(f"the page never showed: {script}")

    async def text(self, element: str) -> str:
        return str(await self.evaluate(f"document.getElementById({element!r}).textContent"))


async def open_page(
    profile: Path, url: str
) -> tuple[subprocess.Popen[bytes], aiohttp.ClientSession, Page]:
    assert CHROMIUM is not None
    browser = subprocess.Popen(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", url],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    port_file = profile / "DevToolsActivePort"
    for _ in range(400):
        if port_file.exists() and port_file.read_text().strip():
            break
        await asyncio.sleep(0.05)
    port = port_file.read_text().split()[0]
    session = aiohttp.ClientSession()
    for _ in range(200):
        async with session.get(f"http://127.0.0.1:{port}/json/list") as reply:
            pages = [
                t for t in await reply.json() if t["type"] == "page" and t["url"].startswith(url)
            ]
        if pages:
            break
        await asyncio.sleep(0.05)
    ws = await session.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0)
    return browser, session, Page(ws)


@contextlib.asynccontextmanager
async def phone(
    tmp_path: Path, server: ClassServer, name: str
) -> AsyncIterator[tuple[str, aiohttp.ClientSession, Page]]:
    """The server started and a browser page joined to it as `name`: (its address, a session for
    protocol players, the page); everything is stopped afterwards."""
    (url,) = await server.start("127.0.0.1", 0)
    browser, session, page = await open_page(tmp_path / "profile", url)
    try:
        await page.wait_for(  # the page, not the blank one before it, and app.js has run
            "document.readyState === 'complete' && document.getElementById('code') !== null"
        )
        await page.evaluate(
            f"document.getElementById('code').value = {server.game.code!r};"
            f"document.getElementById('name').value = {name!r};"
            "document.getElementById('join-button').click(); true"
        )
        await page.wait_for("document.getElementById('status').textContent.startsWith('Joined')")
        yield url, session, page
    finally:
        await session.close()
        browser.terminate()
        browser.wait(timeout=20)
        await server.stop()


def test_a_phone_joins_answers_and_sees_the_leaderboard(tmp_path: Path) -> None:
    clock = FakeClock()
    store = ProgressStore(store_path(tmp_path), clock=clock, backup=False)
    game = ClassGame([one_question_deck()], QuizConfig(), code="314159", rng=random.Random(4),
                     new_token=iter(["t1", "t2"]).__next__)  # fmt: skip
    server = ClassServer(game, store, ["korea"], clock=clock)

    async def run() -> None:
        async with phone(tmp_path, server, "<b>Mina</b>") as (url, session, page):
            other = await Player.connect(session, url)
            await other.send(type="join", code="314159", name="Jun")
            await other.receive("welcome")
            await server.advance()
            await page.wait_for("document.querySelectorAll('#answer button').length === 3")
            assert await page.text("question") == "Capital of Korea?"
            clock.advance(2)
            tapped = await page.evaluate(
                "(() => { for (const b of document.querySelectorAll('#answer button'))"
                " if (b.textContent === 'Seoul') { b.click(); return true; } return false; })()"
            )
            assert tapped
            await page.wait_for(
                "document.getElementById('status').textContent.startsWith('Answer in')"
            )
            question = await other.receive("question")
            busan = next(c["id"] for c in question["choices"] if c["text"] == "Busan")
            await other.send(type="answer", question=1, response=busan)
            await page.wait_for("document.querySelectorAll('#answer .bar').length === 3")
            assert "Seoul · 1" in await page.text("answer")
            assert (await page.text("lines")).startswith("✓")
            await server.advance()
            await page.wait_for("document.getElementById('question').textContent === 'Leaderboard'")
            board = await page.evaluate(
                "[...document.querySelectorAll('#board li')].map(li => li.textContent)"
            )
            mina = game.players[1]
            assert board == [f"<b>Mina</b> · {mina.score}", "Jun · 0"] and mina.score > 0
            assert await page.evaluate("document.querySelector('#board b') === null")
            assert game.phase is Phase.LEADERBOARD
            # Reloaded, the page comes back as the same player (the old page is marked, so the
            # wait below sees only the new one).
            await page.evaluate("window.oldPage = true; location.reload(); true")
            await page.wait_for(
                "!window.oldPage && document.readyState === 'complete' && "
                "document.getElementById('question')?.textContent === 'Leaderboard'"
            )
            assert (await page.text("status")).startswith(f"You: <b>Mina</b> · {mina.score} points")
            assert len(game.players) == 2 and mina.connected

    asyncio.run(run())
    assert [a.player for a in store.class_answers()] == ["<b>Mina</b>", "Jun"]
    store.close()


def test_a_phone_shows_survival_lives_and_that_its_player_is_out(tmp_path: Path) -> None:
    clock = FakeClock()
    deck = Deck(id="korea", title="Korea", cards=(mcq("a"), mcq("b")))
    config = QuizConfig(mode="survival", lives=1, questions=2)  # type: ignore[arg-type]
    game = ClassGame([deck], config, code="314159", rng=random.Random(4),
                     new_token=iter(["t1", "t2", "t3"]).__next__)  # fmt: skip
    server = ClassServer(game, None, ["korea"], clock=clock)

    async def run() -> None:
        async with phone(tmp_path, server, "Mina") as (url, session, page):
            other, stay = await Player.connect(session, url), await Player.connect(session, url)
            for player, name in ((other, "Jun"), (stay, "Bo")):
                await player.send(type="join", code="314159", name=name)
                await player.receive("welcome")
            await server.advance()
            await page.wait_for("document.querySelectorAll('#answer button').length === 3")
            assert (await page.text("status")).endswith(" · Lives ♥")
            await page.evaluate(
                "(() => { for (const b of document.querySelectorAll('#answer button'))"
                " if (b.textContent === 'Busan') b.click(); return true; })()"
            )
            for player in (other, stay):
                question = await player.receive("question")
                seoul = next(c["id"] for c in question["choices"] if c["text"] == "Seoul")
                await player.send(type="answer", question=1, response=seoul)
            await page.wait_for("document.querySelectorAll('#answer .bar').length === 3")
            assert (await page.text("status")).endswith(" · out")
            await server.advance()
            await page.wait_for("document.getElementById('question').textContent === 'Leaderboard'")
            board = await page.evaluate(
                "[...document.querySelectorAll('#board li')].map(li => li.textContent)"
            )
            assert board[-1] == "Mina · 0 · out" and board[0].endswith(" · Lives ♥")
            await server.advance()  # question 2: Mina watches, with nothing to tap
            await page.wait_for(
                "document.getElementById('status').textContent.startsWith('You are out of lives')"
            )
            assert await page.text("question") == "Capital of Korea?"
            assert await page.evaluate("document.querySelectorAll('#answer button').length") == 0

    asyncio.run(run())


def test_a_page_of_another_site_cannot_join_through_the_students_browser(tmp_path: Path) -> None:
    """Cross-site websocket hijacking: a page elsewhere that a student opens tries to join the
    game (and could answer) from their browser; the game refuses it before the handshake."""
    game = ClassGame([one_question_deck()], QuizConfig(), code="314159", rng=random.Random(4),
                     new_token=iter(["t1"]).__next__)  # fmt: skip
    server = ClassServer(game, None, ["korea"], clock=FakeClock())

    async def run() -> None:
        (url,) = await server.start("127.0.0.1", 0)
        target = url.replace("http", "ws", 1) + "/ws"
        script = (
            f"const ws = new WebSocket({target!r});"
            'ws.onopen = () => ws.send(JSON.stringify({v: 1, type: "join", code: "314159",'
            ' name: "Hijack"}));'
            'ws.onmessage = () => { document.title = "joined"; };'
            'ws.onclose = () => { if (document.title !== "joined") document.title = "refused"; };'
        )

        async def page_elsewhere(_: web.Request) -> web.Response:
            return web.Response(text=f"<script>{script}</script>", content_type="text/html")

        evil = web.Application()
        evil.router.add_get("/", page_elsewhere)
        runner = web.AppRunner(evil)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        evil_url = f"http://127.0.0.1:{runner.addresses[0][1]}/"
        browser, session, page = await open_page(tmp_path / "profile", evil_url)
        try:
            assert await page.wait_for("document.title") == "refused"
            assert not game.players
        finally:
            await session.close()
            browser.terminate()
            browser.wait(timeout=20)
            await runner.cleanup()
            await server.stop()

    asyncio.run(run())
