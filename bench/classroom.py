"""Budget 10: a class game with 200 players on loopback.

The host runs in a child process (`bench.class_host_probe`), with its store on disk committing
every answer durably before acknowledging it. 200 simulated players join over websockets from
this process and answer each question; each answer is timed from its send to its `ack`. Budgets:
the 95th percentile under 100 ms, and the host's peak resident memory under 300 MB.

Players answer at random moments spread over two seconds (a class reading a question); a second
row has every player answer at the same instant, the worst case, shown for context. A third row
plays survival (3 lives; one answer in ten wrong, so players drop out and the board ranks by who
lasted longest), answers spread as in the first. The baseline
is a bare aiohttp websocket echo server in the same kind of child process, the same players, the
same message: what loopback and the library cost on their own.
"""

from __future__ import annotations

import asyncio
import json
import random
import subprocess
import sys
import time

import aiohttp

from bench.common import REPO, BenchConfig
from bench.report import Table, absolute_row

P95_MS = 100.0
PEAK_MB = 300.0


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)] * 1000


class Child:
    """The host (or echo server) process: its address, and its peak memory when told to quit."""

    def __init__(self, args: list[str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.class_host_probe", *args], cwd=REPO,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert self.process.stdout is not None
        self.url = self.process.stdout.readline().strip()

    def quit(self) -> float:
        out, _ = self.process.communicate("quit\n", timeout=120)
        return float(out.split("peak_mb")[-1])


async def _players(
    url: str, players: int, questions: int, spread: float, echo: bool, survival: bool = False
) -> list[float]:
    """Seconds from each answer sent to its acknowledgement."""
    timings: list[float] = []
    rng = random.Random(10)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        sockets = [await session.ws_connect(url + "/ws") for _ in range(players)]

        async def player(n: int, ws: aiohttp.ClientWebSocketResponse) -> None:
            if echo:
                for _ in range(questions):
                    await asyncio.sleep(rng.uniform(0, spread))
                    sent = time.perf_counter()
                    await ws.send_str(json.dumps({"v": 1, "type": "answer", "question": 1,
                                                  "response": 0}))  # fmt: skip
                    await ws.receive()
                    timings.append(time.perf_counter() - sent)
                return
            await ws.send_str(json.dumps({"v": 1, "type": "join", "code": "123456",
                                          "name": f"Player {n}"}))  # fmt: skip
            asked = 0
            while asked < questions:
                message = json.loads((await ws.receive()).data)
                if message["type"] == "podium":
                    return  # a survival round ends when one player is left
                if message["type"] != "question" or message["number"] <= asked:
                    continue
                asked = message["number"]
                if message.get("out"):
                    continue  # out of lives: watches, never answers
                wrong = survival and rng.random() < 0.1
                text = "wrong" if wrong else "right"
                pick = next(c["id"] for c in message["choices"] if c["text"] == text)
                await asyncio.sleep(rng.uniform(0, spread))
                sent = time.perf_counter()
                await ws.send_str(json.dumps({"v": 1, "type": "answer", "question": asked,
                                              "response": pick}))  # fmt: skip
                while json.loads((await ws.receive()).data)["type"] != "ack":
                    pass
                timings.append(time.perf_counter() - sent)

        await asyncio.gather(*(player(n, ws) for n, ws in enumerate(sockets)))
        for ws in sockets:
            await ws.close()
    return timings


def measure(
    config: BenchConfig, players: int, questions: int, spread: float, mode: str = "classic"
) -> tuple[float, float]:
    """(p95 ms, host peak MB) for one game."""
    data = config.folder(f"class-{mode}-{spread}")
    for old in data.glob("progress.sqlite3*"):
        old.unlink()
    host = Child(["host", str(data), str(players), str(questions), mode])
    try:
        timings = asyncio.run(
            _players(host.url, players, questions, spread, echo=False, survival=mode == "survival")
        )
    finally:
        peak = host.quit()
    return p95(timings), peak


def baseline(players: int, questions: int, spread: float) -> tuple[float, float]:
    echo = Child(["echo"])
    try:
        timings = asyncio.run(_players(echo.url, players, questions, spread, echo=True))
    finally:
        peak = echo.quit()
    return p95(timings), peak


def run(config: BenchConfig) -> Table:
    players = config.pick(20, 200, 200)
    questions = config.pick(2, 5, 10)
    table = Table(10, f"a class game: {players} players on loopback, {questions} questions")
    spread = config.pick(0.2, 2.0, 2.0)
    base_ms, base_mb = baseline(players, questions, spread)
    spread_ms, peak = measure(config, players, questions, spread)
    burst_base_ms, _ = baseline(players, questions, 0.0)
    burst_ms, burst_peak = measure(config, players, questions, 0.0)
    survival_ms, survival_peak = measure(config, players, questions, spread, "survival")
    table.rows.append(absolute_row(
        f"answer to ack, p95 (answers spread over {spread:g} s)", spread_ms, "ms", P95_MS, base_ms,
        "websocket echo"))  # fmt: skip
    table.rows.append(absolute_row(
        "answer to ack, p95 (everyone at once)", burst_ms, "ms", P95_MS * 10, burst_base_ms,
        "websocket echo"))  # fmt: skip
    table.rows.append(absolute_row(
        f"answer to ack, p95 (survival, spread over {spread:g} s)", survival_ms, "ms", P95_MS,
        base_ms, "websocket echo"))  # fmt: skip
    table.rows.append(absolute_row(
        "host peak memory", max(peak, burst_peak, survival_peak), "MB", PEAK_MB, base_mb,
        "echo server"))  # fmt: skip
    table.notes.append(
        "every answer is committed to the store (WAL, synchronous=FULL) before its ack; the "
        "everyone-at-once row is the worst case, budgeted at 1 s"
    )
    return table
