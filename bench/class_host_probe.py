"""Child process for budget 10: a class game's host, or a bare websocket echo server (baseline).

    python -m bench.class_host_probe host DATA_DIR PLAYERS QUESTIONS
    python -m bench.class_host_probe echo

Prints its address on the first line; the host starts the first question once PLAYERS have
joined and each next one once everyone has answered. Reading "quit" on stdin, it prints
"peak_mb <float>" (see bench.memory_probe) and exits.
"""

from __future__ import annotations

import asyncio
import random
import sys
from pathlib import Path

from aiohttp import WSMsgType, web

from bench.memory_probe import peak_mb


async def _wait_for_quit() -> None:
    loop = asyncio.get_running_loop()
    while (await loop.run_in_executor(None, sys.stdin.readline)).strip() != "quit":
        pass


async def host(data: Path, players: int, questions: int, mode: str = "classic") -> None:
    from kdquiz.classroom.game import ClassGame, Phase
    from kdquiz.classroom.server import ClassServer, new_token
    from kdquiz.core.game import QuizConfig
    from kdquiz.core.kinds.mcq import SPEC  # noqa: F401 - the registry, loaded before timing
    from kdquiz.core.model import Choice, Deck, Kind, MultipleChoice
    from kdquiz.core.store import ProgressStore, store_path
    from kdquiz.services import utc_now

    cards = tuple(
        MultipleChoice(id=f"q{n}", kind=Kind.MCQ, prompt=f"Question {n}?",
                       choices=(Choice("right"), Choice("wrong"), Choice("other")), answer=0)
        for n in range(questions)
    )  # fmt: skip
    store = ProgressStore(store_path(data), clock=utc_now, backup=False)
    game = ClassGame([Deck(id="bench", title="Bench", cards=cards)],
                     QuizConfig(mode=mode, questions=questions, time_limit=600),  # type: ignore[arg-type]
                     code="123456",
                     rng=random.Random(1), new_token=new_token)  # fmt: skip
    server = ClassServer(game, store, ["bench"], clock=utc_now)
    (url,) = await server.start("127.0.0.1", 0)
    print(url, flush=True)
    quit_task = asyncio.ensure_future(_wait_for_quit())
    while not quit_task.done():
        if game.phase is Phase.LOBBY and len(game.players) >= players:
            await server.advance()
        elif game.phase is Phase.REVEAL and (
            not game.last_question or game.asked < len(game.questions)
        ):
            await server.advance()  # leaderboard
            await server.advance()  # the next question, or the podium of a survival round won
        await asyncio.sleep(0.01)
    await server.stop()
    store.close()
    print(f"peak_mb {peak_mb():.1f}", flush=True)


async def echo() -> None:
    async def handler(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for message in ws:
            if message.type is WSMsgType.TEXT:
                await ws.send_str(message.data)
        return ws

    app = web.Application()
    app.router.add_get("/ws", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    address = runner.addresses[0]
    print(f"http://{address[0]}:{address[1]}", flush=True)
    await _wait_for_quit()
    await runner.cleanup()
    print(f"peak_mb {peak_mb():.1f}", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "host":
        asyncio.run(host(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), *sys.argv[5:]))
    else:
        asyncio.run(echo())
