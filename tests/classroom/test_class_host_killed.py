"""A host killed mid-round keeps every answer acknowledged before it died, and `kdquiz results
--class` exports them per player and per question."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import aiohttp
import pytest
from class_support import Player

from kdquiz.cli import main

HOST = textwrap.dedent(
    """
    import asyncio, random, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[2])
    from class_support import mcq
    from kdquiz.classroom.game import ClassGame
    from kdquiz.classroom.server import ClassServer, new_token
    from kdquiz.core.game import QuizConfig
    from kdquiz.core.model import Deck
    from kdquiz.core.store import ProgressStore, store_path
    from kdquiz.services import utc_now

    async def host():
        store = ProgressStore(store_path(Path(sys.argv[1])), clock=utc_now, backup=False)
        deck = Deck(id="korea", title="Korea", cards=(mcq("first"), mcq("second")))
        game = ClassGame([deck], QuizConfig(time_limit=600), code="123456",
                         rng=random.Random(1), new_token=new_token)
        server = ClassServer(game, store, ["korea"], clock=utc_now)
        (url,) = await server.start("127.0.0.1", 0)
        print(url, flush=True)
        while len(game.players) < 3:
            await asyncio.sleep(0.05)
        await server.advance()
        await asyncio.Event().wait()

    asyncio.run(host())
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_answers_survive_the_host_being_killed_mid_round(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    here = Path(__file__).parent
    process = subprocess.Popen(
        [sys.executable, "-c", HOST, str(tmp_path), str(here)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(here.parents[1])},
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), url

        async def play() -> None:
            async with aiohttp.ClientSession() as session:
                players = []
                for name in ("Ana", "Bo", "Cy"):
                    player = await Player.connect(session, url)
                    await player.send(type="join", code="123456", name=name)
                    await player.receive("welcome")
                    players.append(player)
                for n, player in enumerate(players[:2]):  # Cy never answers: the host dies first
                    question = await player.receive("question")
                    pick = next(c["id"] for c in question["choices"]
                                if (c["text"] == "Seoul") == (n == 0))  # fmt: skip
                    await player.send(type="answer", question=1, response=pick)
                    await player.receive("ack")
                process.send_signal(signal.SIGKILL)
                process.wait(timeout=10)

        asyncio.run(play())
    finally:
        process.kill()
        process.wait()
    assert process.returncode == -signal.SIGKILL
    capsys.readouterr()
    assert main(["results", "--class", "--data-dir", str(tmp_path)]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:7] == ["round", "date", "code", "player", "score", "correct", "answered"]
    (question,) = rows[0][7:]
    assert question.startswith("Q1 korea/")
    by_player = {row[3]: row for row in rows[1:]}
    assert sorted(by_player) == ["Ana", "Bo"]
    assert by_player["Ana"][5:] == ["1", "1", "right"] and int(by_player["Ana"][4]) > 0
    assert by_player["Bo"][4:] == ["0", "0", "1", "wrong"]
    assert main(["results", "--class", "--by", "question", "--data-dir", str(tmp_path)]) == 0
    answers = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(a["player"], a["answer"], a["result"]) for a in answers] == [
        ("Ana", "Seoul", "right"), ("Bo", answers[1]["answer"], "wrong"),
    ]  # fmt: skip
    assert (
        answers[1]["answer"] in ("Busan", "Incheon") and answers[0]["prompt"] == "Capital of Korea?"
    )
