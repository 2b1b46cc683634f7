"""A host and many players on 127.0.0.1: joining, answering, the reveal, the leaderboard, the
podium, answers in the store as they arrive, and clients that break the protocol closed alone."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import random
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp
import pytest
from class_support import Player, every_kind_deck, mcq, one_question_deck
from ui_support import FakeClock

from kdquiz.classroom.game import ClassGame, Phase
from kdquiz.classroom.server import ClassServer, cross_site
from kdquiz.cli import main
from kdquiz.core.game import QuizConfig
from kdquiz.core.model import Deck
from kdquiz.core.store import ProgressStore, store_path

CODE = "123456"
Scenario = Callable[[ClassServer, aiohttp.ClientSession, str], Awaitable[None]]


def hosting(
    tmp_path: Path, scenario: Scenario, deck: Deck | None = None, clock: FakeClock | None = None,
    monotonic: Callable[[], float] | None = None, hello_seconds: float | None = None,
    **config: object,
) -> ProgressStore:  # fmt: skip
    """Run `scenario` against a server on an ephemeral loopback port; the store it wrote to."""
    clock = clock or FakeClock()
    store = ProgressStore(store_path(tmp_path), clock=clock, backup=False)
    tokens = iter(f"token-{n}" for n in range(1000))
    game = ClassGame(
        [deck or one_question_deck()], QuizConfig(**config), code=CODE,  # type: ignore[arg-type]
        rng=random.Random(3), new_token=lambda: next(tokens),
    )  # fmt: skip
    extra: dict[str, object] = {"monotonic": monotonic} if monotonic else {}
    if hello_seconds is not None:
        extra["hello_seconds"] = hello_seconds
    server = ClassServer(game, store, ["korea"], clock=clock, **extra)  # type: ignore[arg-type]

    async def run() -> None:
        (url,) = await server.start("127.0.0.1", 0)
        try:
            async with aiohttp.ClientSession() as session:
                await scenario(server, session, url)
        finally:
            await server.stop()

    asyncio.run(run())
    return store


async def join(session: aiohttp.ClientSession, url: str, name: str) -> tuple[Player, dict]:
    player = await Player.connect(session, url)
    await player.send(type="join", code=CODE, name=name)
    return player, await player.receive("welcome")


def stored(tmp_path: Path) -> list[tuple]:
    """What another process sees in the store file now (no help from the server's connection)."""
    with sqlite3.connect(store_path(tmp_path)) as conn:
        return conn.execute(
            "SELECT player, question, correct, points, answer FROM class_answers ORDER BY id"
        ).fetchall()


def test_thirty_players_play_a_round_to_the_podium(tmp_path: Path) -> None:
    async def scenario(server: ClassServer, session: aiohttp.ClientSession, url: str) -> None:
        players = []
        for n in range(30):
            player, welcome = await join(session, url, "Ana" if n < 2 else f"P{n}")
            players.append((player, welcome))
        assert [w["name"] for _, w in players[:3]] == ["Ana", "Ana 2", "P2"]
        assert len({w["token"] for _, w in players}) == 30
        await server.advance()  # start: the first question
        question = await players[0][0].receive("question")
        assert question["text"] == "Capital of Korea?" and question["total"] == 1
        seoul = next(c["id"] for c in question["choices"] if c["text"] == "Seoul")
        busan = next(c["id"] for c in question["choices"] if c["text"] == "Busan")
        for n, (player, _) in enumerate(players):
            server.clock.advance(0.5)  # type: ignore[attr-defined]
            await player.send(type="answer", question=1, response=seoul if n % 3 else busan)
            assert (await player.receive("ack"))["question"] == 1
            # Committed as it arrives: another reader sees it before anyone else answers.
            assert len(stored(tmp_path)) == n + 1
        # Everyone answered: the question closes and each player gets their own reveal.
        reveals = [await p.receive("reveal") for p, _ in players]
        bars = {b["label"]: (b["count"], b["right"]) for b in reveals[0]["distribution"]}
        assert bars == {"Seoul": (20, True), "Busan": (10, False), "Incheon": (0, False)}
        assert (
            reveals[0]["lines"][0]["tone"] == "wrong" and reveals[1]["lines"][0]["tone"] == "right"
        )
        assert reveals[1]["explain"] == "Seoul since 1394."
        await server.advance()
        board = await players[0][0].receive("leaderboard")
        # The first right answer was the fastest: it leads, as the quiz's speed points say.
        assert board["top"][0]["name"] == "Ana 2"
        assert board["you"]["score"] == 0 and board["you"]["rank"] > 20
        await server.advance()
        podium = await players[5][0].receive("podium")
        assert [row["name"] for row in podium["top"]] == ["Ana 2", "P2", "P4"]
        assert server.game.phase is Phase.PODIUM

    hosting(tmp_path, scenario)
    rows = stored(tmp_path)
    assert len(rows) == 30
    assert rows[0][:3] == ("Ana", 1, 0) and rows[0][4] == "Busan"
    assert rows[1][:3] == ("Ana 2", 1, 1) and rows[1][3] > rows[2][3] > 0


def test_clients_that_break_the_protocol_are_closed_and_nobody_else_notices(
    tmp_path: Path,
) -> None:
    async def scenario(server: ClassServer, session: aiohttp.ClientSession, url: str) -> None:
        good, _ = await join(session, url, "Good")
        bad = [await Player.connect(session, url) for _ in range(6)]
        await bad[0].ws.send_str("{not json")
        await bad[1].ws.send_str(
            '{"v": 1, "type": "join", "code": "123456", "name": "' + "x" * 5000 + '"}'
        )
        await bad[2].ws.send_bytes(b"\x00\x01")
        await bad[3].send(type="join", code="654321", name="Wrong code")
        await bad[4].send(type="answer", question=1, response=0)  # before joining
        await bad[5].send(type="join", code=CODE, name="Flood")
        await bad[5].receive("welcome")
        for _ in range(40):  # the rate limit's clock never moves: the bucket runs dry
            await bad[5].send(type="answer", question=1, response=0)
        for client in bad:
            error, code = await client.closed()
            assert code in (1008, 1009), code
        reasons = [((await asyncio.sleep(0)) or "")]  # keep the loop turning for the server
        assert reasons == [""]
        await server.advance()
        question = await good.receive("question")
        await good.send(type="answer", question=1, response=question["choices"][0]["id"])
        assert (await good.receive("ack"))["question"] == 1
        assert [p.name for p in server.game.players.values()] == ["Good", "Flood"]

    hosting(tmp_path, scenario, monotonic=lambda: 0.0)
    assert [row[0] for row in stored(tmp_path)] == ["Good"]


def test_the_server_says_why_a_client_is_closed(tmp_path: Path) -> None:
    async def scenario(server: ClassServer, session: aiohttp.ClientSession, url: str) -> None:
        wrong = await Player.connect(session, url)
        await wrong.send(type="join", code="654321", name="Min")
        error, code = await wrong.closed()
        assert code == 1008 and error is not None and "code" in error["reason"]
        control = await Player.connect(session, url)
        await control.send(type="join", code=CODE, name="\x1b]52;c;aGk=\x07Eve")
        error, _ = await control.closed()
        assert error is not None and "control" in error["reason"]

    hosting(tmp_path, scenario)


def test_late_and_second_answers_are_refused_by_the_servers_clock(tmp_path: Path) -> None:
    clock = FakeClock()

    async def scenario(server: ClassServer, session: aiohttp.ClientSession, url: str) -> None:
        early, _ = await join(session, url, "Early")
        late, _ = await join(session, url, "Late")
        await server.advance()
        question = await late.receive("question")
        pick = question["choices"][0]["id"]
        clock.advance(5)
        await early.send(type="answer", question=1, response=pick)
        await early.receive("ack")
        await early.send(type="answer", question=1, response=pick)
        assert "already answered" in (await early.receive("refused"))["reason"]
        clock.advance(16)  # 21 s: past the 20 s limit, though the ticker may not have run yet
        await late.send(type="answer", question=1, response=pick)
        # The ticker may close the question before or after the answer comes in: either way the
        # answer is refused, and the reveal follows or went before.
        got = {}
        while len(got) < 2:
            message = await late.receive()
            got[message["type"]] = message
        refused, reveal = got["refused"], got["reveal"]
        assert refused["question"] == 1
        assert "late" in refused["reason"] or "not open" in refused["reason"]
        assert reveal["lines"] == [
            {"role": "verdict", "text": "No answer in time", "tone": "wrong"}
        ]

    hosting(tmp_path, scenario, clock=clock)
    assert [row[0] for row in stored(tmp_path)] == ["Early"]


def test_a_dropped_player_rejoins_with_their_token_and_keeps_their_score(tmp_path: Path) -> None:
    async def scenario(server: ClassServer, session: aiohttp.ClientSession, url: str) -> None:
        stay, _ = await join(session, url, "Stay")
        drop, welcome = await join(session, url, "Min-ji")
        await server.advance()
        question = await drop.receive("question")
        seoul = next(c["id"] for c in question["choices"] if c["text"] == "Seoul")
        server.clock.advance(1)  # type: ignore[attr-defined]
        await drop.send(type="answer", question=1, response=seoul)
        await drop.receive("ack")
        score = server.game.players[2].score
        assert score > 0
        await drop.ws.close()
        back = await Player.connect(session, url)
        await back.send(type="rejoin", code=CODE, token=welcome["token"])
        again = await back.receive("welcome")
        assert again["name"] == "Min-ji" and again["token"] == welcome["token"]
        state = await back.receive("question")
        assert state["answered"] is True  # it shows where the game is, their answer kept
        await stay.send(type="answer", question=1, response=seoul)
        reveal = await back.receive("reveal")
        assert reveal["you"]["score"] == score and reveal["you"]["name"] == "Min-ji"
        stranger = await Player.connect(session, url)
        await stranger.send(type="rejoin", code=CODE, token="not-a-token")
        error, code = await stranger.closed()
        assert code == 1008 and error is not None and "token" in error["reason"]

    hosting(tmp_path, scenario)


def test_every_playable_kind_is_asked_and_graded_and_the_flashcard_skipped(tmp_path: Path) -> None:
    """A cloze gap is typed as a typed card's answer is; one gap of a card is asked (the card's
    other gaps are shown filled in)."""
    right_answers = {
        "truefalse": lambda q: True,
        "multi": lambda q: [c["id"] for c in q["choices"] if c["text"] != "Friends"],
        "text": lambda q: {"King [...]": "sejong", "[an alphabet]": "Hangul"}.get(
            next((k for k in ("King [...]", "[an alphabet]") if k in q["text"]), ""), "Gamsahamnida"
        ),
        "number": lambda q: "24",
        "order": lambda q: [i["id"] for i in sorted(q["items"], key=lambda i: i["text"][0] != "G")],
        "matching": lambda q: [
            next(r["id"] for r in q["right"] if r["text"] == want)
            for want in ("Producer", "Soundtrack")
        ],  # fmt: skip
        "choice": lambda q: next(c["id"] for c in q["choices"] if c["text"] == "Seoul"),
    }

    async def scenario(server: ClassServer, session: aiohttp.ClientSession, url: str) -> None:
        player, _ = await join(session, url, "Ji-ho")
        assert server.game.skipped == 1 and len(server.game.questions) == 8
        seen, texts = set(), []
        for number in range(1, 9):
            await server.advance()
            question = await player.receive("question")
            assert question["number"] == number
            seen.add(question["answer"])
            texts.append(question["text"])
            response = right_answers[question["answer"]](question)
            await player.send(type="answer", question=number, response=response)
            await player.receive("ack")
            reveal = await player.receive("reveal")
            assert reveal["lines"][0]["tone"] == "right", (question, reveal)
            await server.advance()
            await player.receive("leaderboard")
        assert seen == set(right_answers)
        assert len([t for t in texts if "1443" in t]) == 1
        assert {t for t in texts if "1443" in t} <= {
            "King [...] had Hangul made in 1443.",
            "King Sejong had [an alphabet] made in 1443.",
        }
        await server.advance()
        await player.receive("podium")

    hosting(tmp_path, scenario, deck=every_kind_deck(), questions=10)
    assert [row[2] for row in stored(tmp_path)] == [1] * 8


def test_a_rejoin_from_a_second_device_closes_the_first(tmp_path: Path) -> None:
    async def scenario(server: ClassServer, session: aiohttp.ClientSession, url: str) -> None:
        phone, welcome = await join(session, url, "Min-ji")
        laptop = await Player.connect(session, url)
        await laptop.send(type="rejoin", code=CODE, token=welcome["token"])
        assert (await laptop.receive("welcome"))["name"] == "Min-ji"
        _, code = await phone.closed()
        assert code is not None and server.connected() == 1
        await server.advance()
        assert (await laptop.receive("question"))["number"] == 1
        assert [p.name for p in server.game.players.values()] == ["Min-ji"]

    hosting(tmp_path, scenario)


def test_survival_over_the_wire_lives_out_players_watching_and_the_podium(
    tmp_path: Path,
) -> None:
    deck = Deck(id="korea", title="Korea", cards=(mcq("a"), mcq("b"), mcq("c")))

    async def scenario(server: ClassServer, session: aiohttp.ClientSession, url: str) -> None:
        ana, _ = await join(session, url, "Ana")
        bo, _ = await join(session, url, "Bo")
        cy, _ = await join(session, url, "Cy")
        lobby = await cy.receive("lobby")
        assert lobby["mode"] == "survival" and lobby["lives_total"] == 2

        async def ask(right: list[Player], wrong: list[Player]) -> dict[Player, dict]:
            """One question: each player's own question message and reveal."""
            await server.advance()
            questions = {p: await p.receive("question") for p in (ana, bo, cy)}
            choices = questions[ana]["choices"]
            seoul = next(c["id"] for c in choices if c["text"] == "Seoul")
            busan = next(c["id"] for c in choices if c["text"] == "Busan")
            server.clock.advance(1)  # type: ignore[attr-defined]
            for player, pick in [(p, seoul) for p in right] + [(p, busan) for p in wrong]:
                await player.send(type="answer", question=questions[ana]["number"], response=pick)
                await player.receive("ack")
            if server.game.phase is Phase.QUESTION:
                await server.advance()
            return {p: q | {"reveal": await p.receive("reveal")} for p, q in questions.items()}

        first = await ask(right=[ana, cy], wrong=[bo])
        assert [first[p]["lives"] for p in (ana, bo, cy)] == [2, 2, 2]
        assert first[bo]["reveal"]["you"]["lives"] == 1 and not first[bo]["reveal"]["you"]["out"]
        assert any("Lives ♥♡" in line["text"] for line in first[bo]["reveal"]["lines"])
        await server.advance()
        board = await bo.receive("leaderboard")
        assert board["mode"] == "survival" and board["top"][-1] == {
            "name": "Bo", "score": 0, "lives": 1, "out": False,
        }  # fmt: skip
        second = await ask(right=[ana], wrong=[bo, cy])
        assert second[bo]["reveal"]["you"]["out"] is True
        await server.advance()
        await bo.receive("leaderboard")
        await server.advance()  # question 3: Bo is out and is told so, but still sees it
        third = {p: await p.receive("question") for p in (ana, bo, cy)}
        assert third[bo]["out"] is True and third[bo]["lives"] == 0 and not third[cy]["out"]
        seoul, busan = (
            next(c["id"] for c in third[bo]["choices"] if c["text"] == text)
            for text in ("Seoul", "Busan")
        )
        await bo.send(type="answer", question=3, response=seoul)
        refused = await bo.receive("refused")
        assert refused["question"] == 3 and "out of lives" in refused["reason"]
        await cy.send(type="answer", question=3, response=busan)
        await cy.receive("ack")
        await ana.send(type="answer", question=3, response=seoul)
        await ana.receive("ack")
        assert (await bo.receive("reveal"))["number"] == 3  # Bo watches the answer
        await server.advance()
        await server.advance()  # only Ana is left: the podium
        podium = await bo.receive("podium")
        assert [(r["name"], r["out"]) for r in podium["top"]] == [
            ("Ana", False), ("Cy", True), ("Bo", True),
        ]  # fmt: skip
        assert podium["you"]["rank"] == 3 and server.game.phase is Phase.PODIUM

    hosting(tmp_path, scenario, deck=deck, mode="survival", lives=2, questions=3)
    assert [row[0] for row in stored(tmp_path) if row[1] == 3] == ["Cy", "Ana"]  # Bo's refused


def test_a_classic_game_says_its_mode_and_carries_no_lives(tmp_path: Path) -> None:
    async def scenario(server: ClassServer, session: aiohttp.ClientSession, url: str) -> None:
        player, _ = await join(session, url, "Ana")
        lobby = await player.receive("lobby")
        await server.advance()
        question = await player.receive("question")
        assert lobby["mode"] == question["mode"] == "classic"
        assert "lives_total" not in lobby and "lives" not in question and "out" not in question

    hosting(tmp_path, scenario)


def test_a_page_of_another_site_cannot_open_the_game_websocket(tmp_path: Path) -> None:
    """Cross-site websocket hijacking: a page elsewhere (its Origin) or a site whose name was
    pointed at this computer (DNS rebinding: its name as Host) is refused before the handshake;
    the class page itself (same Origin as Host) and terminal players (no Origin) join."""

    async def scenario(server: ClassServer, session: aiohttp.ClientSession, url: str) -> None:
        ws_url = url.replace("http", "ws", 1) + "/ws"
        port = url.rsplit(":", 1)[1]
        hostile = [
            {"Origin": "http://evil.example"},
            {"Origin": f"http://evil.example:{port}"},
            {"Origin": "null"},
            {"Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"},
            {"Host": f"evil.example:{port}"},
        ]
        for headers in hostile:
            try:
                await session.ws_connect(ws_url, headers=headers)
            except aiohttp.WSServerHandshakeError as exc:
                assert exc.status == 403, headers
            else:
                raise AssertionError(f"{headers} opened the websocket")
            async with session.get(url, headers=headers) as page:
                assert page.status == 403, headers
        page_origin = {"Origin": url, "Host": url.split("//", 1)[1]}
        browser = Player(await session.ws_connect(ws_url, headers=page_origin))
        await browser.send(type="join", code=CODE, name="Phone")
        assert (await browser.receive("welcome"))["name"] == "Phone"
        terminal, welcome = await join(session, url, "Terminal")
        assert welcome["name"] == "Terminal"
        local = {"Host": f"localhost:{port}", "Origin": f"http://localhost:{port}"}
        async with session.get(url, headers=local) as page:
            assert page.status == 200
        assert [p.name for p in server.game.players.values()] == ["Phone", "Terminal"]

    hosting(tmp_path, scenario)


@pytest.mark.parametrize(
    ("host", "origin", "allowed"),
    [
        ("192.168.1.20:8470", None, True),  # kdquiz join: no Origin
        ("192.168.1.20:8470", "http://192.168.1.20:8470", True),  # the page itself
        ("[::1]:8470", "http://[::1]:8470", True),
        ("10.0.0.5", "http://10.0.0.5:80", True),  # the default port, left out or not
        ("10.0.0.5:80", "http://10.0.0.5", True),
        ("10.0.0.5:8470", "http://10.0.0.5:8471", False),  # another server on this computer
        ("10.0.0.5:8470", "http://10.0.0.5:99999", False),  # no such port
        ("rebound.example:8470", None, False),
        (None, None, False),
    ],
)
def test_which_host_and_origin_reach_the_game(
    host: str | None, origin: str | None, allowed: bool
) -> None:
    assert (cross_site(host, origin) is None) is allowed


def test_a_connection_that_never_finishes_asking_is_closed(tmp_path: Path) -> None:
    """Slowloris: a client sending a request's headers a byte at a time, never the end, would
    hold a connection (and a file descriptor) for an hour; it gets as long as a join does."""

    async def scenario(server: ClassServer, session: aiohttp.ClientSession, url: str) -> None:
        early, _ = await join(session, url, "Early")  # quiet all along: a websocket stays open
        host, port = url.removeprefix("http://").rsplit(":", 1)
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(f"GET / HTTP/1.1\r\nHost: {host}\r\nX-Drip: ".encode())
        for _ in range(1000):  # drips one header's value for as long as the server listens
            with contextlib.suppress(ConnectionError):
                writer.write(b"1")
                await writer.drain()
            if reader.at_eof() or writer.is_closing():
                break
            await asyncio.sleep(0.05)
            with contextlib.suppress(TimeoutError, ConnectionError):
                await asyncio.wait_for(reader.read(1), 0.01)
        assert reader.at_eof() or writer.is_closing(), "the server never closed it"
        writer.close()
        _, welcome = await join(session, url, "Patient")  # the game goes on
        assert welcome["name"] == "Patient"
        await server.advance()
        assert (await early.receive("question"))["number"] == 1

    hosting(tmp_path, scenario, hello_seconds=0.5)


def test_a_player_who_joins_is_shown_the_lobby_once(tmp_path: Path) -> None:
    async def scenario(server: ClassServer, session: aiohttp.ClientSession, url: str) -> None:
        first, _ = await join(session, url, "Ana")
        await join(session, url, "Bo")
        seen = [await first.receive() for _ in range(2)]
        assert [(m["type"], m["players"]) for m in seen] == [
            ("lobby", ["Ana"]), ("lobby", ["Ana", "Bo"]),
        ]  # fmt: skip

    hosting(tmp_path, scenario)


def test_a_rejoin_in_the_lobby_is_not_told_to_everyone(tmp_path: Path) -> None:
    """The list of players is the same after a rejoin: sending it to every player again would
    let one client rejoining in a loop flood the whole class (and the host) with copies."""

    async def scenario(server: ClassServer, session: aiohttp.ClientSession, url: str) -> None:
        ana, _ = await join(session, url, "Ana")
        _, bo = await join(session, url, "Bo")
        assert (await ana.receive("lobby"))["players"] == ["Ana"]
        assert (await ana.receive("lobby"))["players"] == ["Ana", "Bo"]
        for _ in range(3):
            again = await Player.connect(session, url)
            await again.send(type="rejoin", code=CODE, token=bo["token"])
            assert (await again.receive("lobby"))["players"] == ["Ana", "Bo"]
        await join(session, url, "Cy")
        assert (await ana.receive())["players"] == ["Ana", "Bo", "Cy"]  # the next one

    hosting(tmp_path, scenario)


def test_names_and_answers_never_become_formulas_in_the_class_results(tmp_path: Path) -> None:
    """CSV injection: what players type reaches the teacher's spreadsheet as text."""
    typed = next(c for c in every_kind_deck().cards if c.id == "typed")
    names = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)"]

    async def scenario(server: ClassServer, session: aiohttp.ClientSession, url: str) -> None:
        players = [(await join(session, url, name))[0] for name in names]
        await server.advance()
        for player in players:
            await player.receive("question")
            await player.send(type="answer", question=1, response='=HYPERLINK("http://x","y")')
            await player.receive("ack")

    hosting(tmp_path, scenario, deck=Deck(id="korea", title="Korea", cards=(typed,)))
    for by in ("player", "question"):
        out = tmp_path / f"by-{by}.csv"
        assert (
            main(["results", "--class", "--by", by, "-o", str(out), "--data-dir", str(tmp_path)])
            == 0
        )
        rows = list(csv.reader(out.open(newline="", encoding="utf-8")))
        cells = [cell for row in rows[1:] for cell in row]
        assert {f"'{name}" for name in names} <= set(cells)
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    answers = list(csv.DictReader((tmp_path / "by-question.csv").open(newline="")))
    assert {a["answer"] for a in answers} == {"""'=HYPERLINK("http://x","y")"""}


def test_a_websocket_that_never_says_who_it_is_is_told_the_time_it_had(tmp_path: Path) -> None:
    async def scenario(server: ClassServer, session: aiohttp.ClientSession, url: str) -> None:
        silent = await Player.connect(session, url)
        error, code = await silent.closed()
        assert code == 1008 and error is not None
        assert error["reason"] == "say who you are (join) within 0.25 seconds"

    hosting(tmp_path, scenario, hello_seconds=0.25)


def test_an_address_that_keeps_guessing_the_code_is_held_off_even_when_it_guesses_right(
    tmp_path: Path,
) -> None:
    now = [1000.0]

    async def scenario(server: ClassServer, session: aiohttp.ClientSession, url: str) -> None:
        async def attempt(code: str) -> str:
            player = await Player.connect(session, url)
            await player.send(type="join", code=code, name="Guesser")
            error, _ = await player.closed()
            return "" if error is None else str(error["reason"])

        for guess in range(10):  # a few typos are nothing
            assert "not this game's code" in await attempt(f"{guess:06d}")
        # Then a right guess is refused like a wrong one: guessing cannot tell them apart.
        assert "too many wrong codes" in await attempt(CODE)
        now[0] += 6.5  # one more guess has been earned
        assert "not this game's code" in await attempt("999999")
        assert "too many wrong codes" in await attempt(CODE)
        now[0] += 6.5
        player, welcome = await join(session, url, "Min")  # the class still gets in
        assert welcome["name"] == "Min"

    hosting(tmp_path, scenario, monotonic=lambda: now[0])


def test_connections_beyond_what_the_game_can_seat_are_turned_away(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kdquiz.classroom.server as server_module

    monkeypatch.setattr(server_module, "connection_limit", lambda: 2)

    async def scenario(server: ClassServer, session: aiohttp.ClientSession, url: str) -> None:
        first, _ = await join(session, url, "Min")
        idle = await Player.connect(session, url)  # open, not joined yet
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await Player.connect(session, url)
        assert refused.value.status == 503
        await idle.ws.close()
        for _ in range(100):  # the server counts the closed one out
            if server._open < 2:
                break
            await asyncio.sleep(0.01)
        second, welcome = await join(session, url, "Ji")
        assert welcome["name"] == "Ji"

    hosting(tmp_path, scenario)


@pytest.mark.parametrize(
    ("files", "connections"), [(256, 192), (1024, 960), (1_000_000, 1100), (10, 1)]
)
def test_the_connection_limit_leaves_the_host_files_of_its_own(
    monkeypatch: pytest.MonkeyPatch, files: int, connections: int
) -> None:
    import resource

    from kdquiz.classroom.server import connection_limit

    monkeypatch.setattr(resource, "getrlimit", lambda _which: (files, resource.RLIM_INFINITY))
    assert connection_limit() == connections


def test_a_class_joining_at_once_shares_a_few_lists_of_players(tmp_path: Path) -> None:
    """Each join used to send every player the whole list: 500 joins, 500 lists each."""

    async def scenario(server: ClassServer, session: aiohttp.ClientSession, url: str) -> None:
        first, _ = await join(session, url, "P00")
        await asyncio.gather(*(join(session, url, f"P{n:02d}") for n in range(1, 40)))
        lists = []
        while not lists or len(lists[-1]) < 40:
            lists.append((await first.receive("lobby"))["players"])
        assert sorted(lists[-1]) == [f"P{n:02d}" for n in range(40)]
        assert len(lists) < 10  # not one per join
        with pytest.raises(asyncio.TimeoutError):  # and nothing after the last one
            await asyncio.wait_for(first.receive("lobby"), 0.6)

    hosting(tmp_path, scenario)


@pytest.mark.parametrize(
    ("address", "counted_as"),
    [
        ("192.168.1.20", "192.168.1.20"),
        ("::ffff:192.168.1.20", "192.168.1.20"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:bbbb::99", "2001:db8:1:2::/64"),  # the same computer, another address
        ("fe80::1%eth0", "fe80::/64"),
        ("", ""),
    ],
)
def test_wrong_codes_are_counted_by_address_and_by_ipv6_network(
    address: str, counted_as: str
) -> None:
    from kdquiz.classroom.server import _network_of

    assert _network_of(address) == counted_as
