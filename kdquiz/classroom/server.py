"""The class game's server (aiohttp): the players' websocket and the page a browser joins with.

One event loop runs everything: the host's screen calls `advance` and `end`, players' messages
arrive on `/ws`, and a ticker closes a question when the server's clock says its time is up.
Each accepted answer is committed to the host's store before the player's acknowledgement goes
out. A client that breaks the protocol (malformed, oversized or too many messages) is told why
and closed; the others never notice.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import secrets
import socket
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web

from kdquiz.classroom.game import MAX_PLAYERS, ClassGame, Phase, Player, PlayerAnswer, Refused
from kdquiz.classroom.protocol import (
    CODE_DIGITS,
    MAX_MESSAGE_BYTES,
    TOKEN_CHARS,
    Answer,
    Join,
    ProtocolError,
    RateLimit,
    Rejoin,
    Request,
    encode,
    parse_client,
)
from kdquiz.core.kinds import spec_of
from kdquiz.core.model import Item
from kdquiz.core.store import ClassAnswer, ProgressStore
from kdquiz.errors import KdquizError

Clock = Callable[[], datetime]
DEFAULT_PORT = 8470
#: Seconds a new connection has to say what it wants (its request) and who it is (its join).
HELLO_SECONDS = 10.0
#: How many players the leaderboard shows.
TOP = 5
#: What the browser page may load: its own files and its own websocket, nothing else.
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
STATIC = {"/": "index.html", "/app.js": "app.js", "/app.css": "app.css"}
#: The port a URL without one means: a browser leaves it out of Host and Origin.
DEFAULT_PORTS = {"http": 80, "https": 443}
TYPES = {".html": "text/html", ".js": "text/javascript", ".css": "text/css"}


#: Wrong join codes one address may send: a few at once (typos), then one every six seconds. A
#: six-digit code then takes an address months to guess; a class behind one router that mistypes
#: now and then never notices.
WRONG_CODE_BURST = 10
WRONG_CODES_PER_SECOND = 1 / 6
#: A lobby's list of players goes out at most this often (seconds): a class joining at once then
#: gets a few lists, not one per player each (500 joins would send each player 500 lists).
LOBBY_EVERY = 0.25
#: Websockets open at once: every place in the game with a second device and a spare, and no more,
#: so a flood of players is turned away before it takes all of the host's open files. (A page
#: request is answered at once, and one that never finishes is closed after the join time.)
MAX_CONNECTIONS = 2 * MAX_PLAYERS + 100
#: Open files kept for the host itself (its store, its terminal, the listening sockets).
RESERVED_FILES = 64


def connection_limit() -> int:
    """MAX_CONNECTIONS, or fewer where the system lets this process open fewer files (256 is
    common on a laptop): a refusal is better than a host that can no longer save answers."""
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    except (ImportError, OSError, ValueError):  # no such limit here (Windows)
        return MAX_CONNECTIONS
    if soft == resource.RLIM_INFINITY:
        return MAX_CONNECTIONS
    return max(1, min(MAX_CONNECTIONS, soft - RESERVED_FILES))


#: Addresses whose wrong codes are remembered; the oldest is forgotten beyond this.
WRONG_CODE_ADDRESSES = 4096


def _network_of(address: str) -> str:
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:  # an IPv4 address on a dual-stack socket
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def new_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_CHARS)[:TOKEN_CHARS]


@dataclass
class Connection:
    ws: web.WebSocketResponse
    player: Player | None = None
    address: str = ""
    #: The version of the lobby's list of players this connection was last sent.
    lobby_seen: int = -1


class ClassServer:
    def __init__(
        self,
        game: ClassGame,
        store: ProgressStore | None,
        deck_ids: Sequence[str],
        *,
        clock: Clock,
        monotonic: Callable[[], float] = time.monotonic,
        on_change: Callable[[], None] | None = None,
        hello_seconds: float = HELLO_SECONDS,
    ) -> None:
        self.game = game
        self.store = store
        self.deck_ids = tuple(deck_ids)
        self.clock = clock
        self.monotonic = monotonic
        self.on_change = on_change or (lambda: None)
        self.hello_seconds = hello_seconds
        self.round_id: int | None = None
        self.warnings: list[str] = []
        self.addresses: list[str] = []
        self._connections: dict[int, Connection] = {}  # player id -> their live connection
        self._open = 0  # websockets open now, joined or not
        self.max_connections = connection_limit()
        self._wrong_codes: dict[str, RateLimit] = {}  # address -> its allowance of wrong codes
        self._runner: web.AppRunner | None = None
        self._pending: list[tuple[ClassAnswer, asyncio.Future[None]]] = []
        self._ticker: asyncio.Task[None] | None = None
        self._closing: set[asyncio.Task[bool]] = set()
        self._lobby_version = 0  # one more with every change to the lobby's list of players
        self._lobby_sending: asyncio.Task[None] | None = None

    # --- starting and stopping ----------------------------------------------------------------

    def app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_MESSAGE_BYTES, middlewares=[_same_site])
        app.router.add_get("/ws", self._websocket)
        for path in STATIC:
            app.router.add_get(path, self._static)
        return app

    async def start(self, host: str = "127.0.0.1", port: int = DEFAULT_PORT) -> list[str]:
        """Listen on `host` (every interface for 0.0.0.0); the addresses players can join at."""
        # A connection has as long to finish asking as a player has to join: aiohttp's own
        # allowance (an hour) lets a client that sends headers a byte at a time hold it open.
        self._runner = web.AppRunner(
            self.app(), access_log=None, shutdown_timeout=1.0, keepalive_timeout=self.hello_seconds
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound = [tuple(a)[:2] for a in self._runner.addresses]
        self.addresses = sorted({f"http://{a}:{p}" for a, p in _shown(bound)})
        self._ticker = asyncio.create_task(self._tick_forever())
        return self.addresses

    async def stop(self) -> None:
        """Close every connection and stop listening; the round is marked finished. Idempotent."""
        ticker, runner, self._ticker, self._runner = self._ticker, self._runner, None, None
        if self._lobby_sending is not None:
            self._lobby_sending.cancel()
            self._lobby_sending = None
        if ticker:
            ticker.cancel()
        for connection in list(self._connections.values()):
            await connection.ws.close()
        if runner:
            await runner.cleanup()
        self._finish_round()

    async def _static(self, request: web.Request) -> web.Response:
        """The browser page, from the package's own files (no build step, no CDN)."""
        name = STATIC[request.path]
        body = resources.files("kdquiz.classroom").joinpath("static", name).read_bytes()
        return web.Response(body=body, headers=page_headers(name))

    # --- the host's pace ----------------------------------------------------------------------

    async def advance(self) -> None:
        """Start, reveal, leaderboard, next question, podium: whatever comes next."""
        before = self.game.phase
        phase = self.game.advance(self.clock())
        if before is Phase.LOBBY and self.store is not None:
            self.round_id = self._saved(
                lambda s: s.start_class_round(self.game.code, self.deck_ids, self.clock())
            )
        await self._announce(phase)

    async def end(self) -> None:
        self.game.end()
        await self._announce(Phase.PODIUM)

    # --- players ------------------------------------------------------------------------------

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        if self._open >= self.max_connections:
            return web.Response(status=503, text="The game has all the players it can take.\n")
        self._open += 1
        try:
            return await self._play(request)
        finally:
            self._open -= 1

    async def _play(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=MAX_MESSAGE_BYTES, heartbeat=20.0)
        await ws.prepare(request)
        limit = RateLimit(self.monotonic)
        connection = Connection(ws, address=request.remote or "")
        try:
            connection.player = await self._hello(connection)
            if connection.player is not None:
                async for message in ws:
                    if not await self._handle(connection, message, limit):
                        break
        finally:
            player = connection.player
            if player is not None and self._connections.get(player.id) is connection:
                del self._connections[player.id]
                if self.game.leave(player):
                    await self._announce(Phase.REVEAL)
                self.on_change()
            if not ws.closed:
                await ws.close()
        return ws

    async def _hello(self, connection: Connection) -> Player | None:
        """The first message must be a join or a rejoin with the game's code."""
        ws = connection.ws
        try:
            message = await ws.receive(timeout=self.hello_seconds)
        except TimeoutError:
            await self._refuse(ws, f"say who you are (join) within {self.hello_seconds:g} seconds")
            return None
        try:
            request = self._request(message)
            if not isinstance(request, Join | Rejoin):
                raise ProtocolError("join the game first")
            guesses = self._guesses(connection.address)
            if not guesses.ready():  # refused whatever the code: a right guess must not show
                raise ProtocolError("too many wrong codes from this address; wait a minute")
            if request.code != self.game.code:
                guesses.allow()
                raise ProtocolError("that is not this game's code")
            if isinstance(request, Join):
                player = self.game.join(request.name)
                self._lobby_version += 1  # the list of players changed: everyone is behind
            else:
                player = self.game.rejoin(request.token)
        except (ProtocolError, Refused) as exc:
            await self._refuse(ws, str(exc))
            return None
        previous = self._connections.get(player.id)
        connection.player = player  # live from here on: every broadcast reaches it
        self._connections[player.id] = connection
        if previous is not None:  # the same player from a new connection: the old one goes,
            # without waiting for its closing handshake (a dead network never answers it)
            closing = asyncio.create_task(previous.ws.close())
            self._closing.add(closing)
            closing.add_done_callback(self._closing.discard)
        await ws.send_str(
            encode("welcome", name=player.name, token=player.token, code=self.game.code)
        )
        state, connection.lobby_seen = self._state_for(player), self._lobby_version
        await ws.send_str(state)
        if isinstance(request, Join):  # a rejoin leaves the list of players as it was
            self._broadcast_lobby()
        self.on_change()
        return player

    async def _handle(self, connection: Connection, message: object, limit: RateLimit) -> bool:
        """Answer one message; False when the connection was closed for breaking the protocol."""
        ws, player = connection.ws, connection.player
        assert player is not None
        try:
            if not limit.allow():
                raise ProtocolError("too many messages; slow down")
            request = self._request(message)
            if not isinstance(request, Answer):
                raise ProtocolError("already joined; send answers")
            number = request.question
            answer = self.game.answer(player, number, request.response, self.clock())
        except ProtocolError as exc:
            await self._refuse(ws, str(exc))
            return False
        except Refused as exc:
            await ws.send_str(encode("refused", question=number, reason=str(exc)))
            return True
        closed = self.game.phase is Phase.REVEAL  # this was the last answer awaited
        await self._save(player, answer)
        await ws.send_str(encode("ack", question=answer.question))
        if closed:
            await self._announce(Phase.REVEAL)
        else:
            self.on_change()
        return True

    def _guesses(self, address: str) -> RateLimit:
        """The address's allowance of wrong codes (one for all its connections). An IPv6 address
        counts by its /64 network: one computer may take as many addresses there as it likes."""
        address = _network_of(address)
        limit = self._wrong_codes.pop(address, None)
        if limit is None:
            limit = RateLimit(self.monotonic, WRONG_CODE_BURST, WRONG_CODES_PER_SECOND)
            if len(self._wrong_codes) >= WRONG_CODE_ADDRESSES:
                del self._wrong_codes[next(iter(self._wrong_codes))]
        self._wrong_codes[address] = limit  # most recently seen last
        return limit

    def _request(self, message: object) -> Request:
        kind = getattr(message, "type", None)
        if kind is WSMsgType.TEXT:
            return parse_client(message.data)  # type: ignore[attr-defined]
        if kind is WSMsgType.ERROR or kind is WSMsgType.BINARY:
            raise ProtocolError(f"messages are JSON text of at most {MAX_MESSAGE_BYTES} bytes")
        raise ProtocolError("the connection closed")

    async def _refuse(self, ws: web.WebSocketResponse, reason: str) -> None:
        """Tell a client why, then close it (policy violation)."""
        if not ws.closed:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await ws.send_str(encode("error", reason=reason))
            await ws.close(code=1008, message=reason[:120].encode("utf-8", "ignore"))

    # --- saving -------------------------------------------------------------------------------

    async def _save(self, player: Player, answer: PlayerAnswer) -> None:
        """Commit the answer before it is acknowledged. Answers that arrive while the loop is
        busy are written together, one durable commit for the lot (group commit): a whole class
        answering at once waits for a few writes, not for one each."""
        if self.store is None or self.round_id is None:
            return
        result = answer.result
        question = self.game.questions[answer.question - 1]
        row = ClassAnswer(
            self.round_id, self.game.code, self.clock(), player.name, answer.question,
            question.item.key, _one_line(answer.turn.item), result.when, result.outcome.correct,
            result.outcome.score, result.total, round(result.elapsed_s * 1000),
            result.outcome.given,
        )  # fmt: skip
        done = asyncio.get_running_loop().create_future()
        self._pending.append((row, done))
        if len(self._pending) == 1:
            asyncio.get_running_loop().call_soon(self._write_pending)
        await done

    def _write_pending(self) -> None:
        pending, self._pending = self._pending, []
        self._saved(lambda s: s.save_class_answers([row for row, _ in pending]))
        for _, done in pending:
            done.set_result(None)

    def _saved(self, write: Callable[[ProgressStore], int | None]) -> int | None:
        """Run a store write; a failure becomes a warning for the host, never a crash."""
        assert self.store is not None
        try:
            return write(self.store)
        except KdquizError as exc:
            self.warnings.append(exc.message)
            self.on_change()
            return None

    def _finish_round(self) -> None:
        if self.store is not None and self.round_id is not None:
            round_id, self.round_id = self.round_id, None
            self._saved(lambda s: s.finish_class_round(round_id, self.clock()))

    # --- telling everyone ---------------------------------------------------------------------

    async def _tick_forever(self) -> None:
        while True:
            await asyncio.sleep(0.1)
            if self.game.tick(self.clock()):
                await self._announce(Phase.REVEAL)
            elif self.game.phase is Phase.QUESTION:
                self.on_change()  # the host's countdown

    async def _announce(self, phase: Phase) -> None:
        if phase is Phase.PODIUM:
            self._finish_round()
        await asyncio.gather(*(self._send(c, self._state_for(p)) for p, c in self._live()))
        self.on_change()

    def _broadcast_lobby(self) -> None:
        """The lobby's new list of players, soon, to everyone who has not seen it yet: joins
        close together share one sending."""
        if self._lobby_sending is None and self.game.phase is Phase.LOBBY:
            self._lobby_sending = asyncio.create_task(self._send_lobby_later())

    async def _send_lobby_later(self) -> None:
        await asyncio.sleep(LOBBY_EVERY)
        self._lobby_sending = None
        if self.game.phase is not Phase.LOBBY:
            return
        text, version = self._state_for(None), self._lobby_version
        behind = [c for _, c in self._live() if c.lobby_seen < version]
        for connection in behind:
            connection.lobby_seen = version
        await asyncio.gather(*(self._send(c, text) for c in behind))

    def _live(self) -> list[tuple[Player, Connection]]:
        return [(c.player, c) for c in self._connections.values() if c.player is not None]

    async def _send(self, connection: Connection, text: str) -> None:
        with contextlib.suppress(ConnectionError, RuntimeError):
            await connection.ws.send_str(text)

    def _state_for(self, player: Player | None) -> str:
        """The message that shows `player` where the game is now."""
        game, phase = self.game, self.game.phase
        mode = _mode_fields(game)
        if phase is Phase.LOBBY:
            return encode("lobby", players=[p.name for p in game.players.values()], **mode)
        if phase is Phase.QUESTION:
            view = game.question_view()
            left = game.seconds_left(self.clock())
            if left is not None:
                view["seconds_left"] = round(left, 1)
            answered = player is not None and game.asked in player.answers
            if player is not None and player.lives is not None:
                view.update(lives=player.lives, out=player.out)
            return encode("question", answered=answered, **view, **mode)
        board = [_row(p) for p in game.leaderboard()]
        you = _you(game, player)
        if phase is Phase.REVEAL:
            question = game.question
            assert question is not None
            answer = player.answers.get(question.number) if player else None
            lines = (
                [{"role": str(line.role), "text": line.plain(), "tone": str(line.tone)}
                 for line in answer.turn.lines()]
                if answer else [{"role": "verdict", "text": "No answer in time", "tone": "wrong"}]
            )  # fmt: skip
            return encode(
                "reveal",
                number=question.number,
                expected=game.expected(),
                explain=question.item.card.explain,
                distribution=game.distribution(),
                lines=lines,
                you=you,
                **mode,
            )
        if phase is Phase.LEADERBOARD:
            return encode("leaderboard", top=board[:TOP], you=you, asked=game.asked,
                          total=len(game.questions), **mode)  # fmt: skip
        return encode("podium", top=board[:3], you=you, **mode)

    def connected(self) -> int:
        """How many players are connected now."""
        return len(self._connections)


@web.middleware
async def _same_site(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Only the class page and terminal players reach the game: a page of another site could
    otherwise open the websocket from a student's browser (cross-site websocket hijacking)."""
    why = cross_site(request.headers.get("Host"), request.headers.get("Origin"))
    if why:
        return web.Response(status=403, text=why)
    return await handler(request)


def cross_site(host: str | None, origin: str | None) -> str | None:
    """Why a request is not from the class page or a terminal player; None when it is.

    The page is opened at an address, `localhost` or this computer's name, and a browser sends
    that page's origin with each request it makes. A site whose name was pointed at this computer
    (DNS rebinding) names itself in `Host`, a page elsewhere in `Origin`. Terminal players send no
    `Origin`."""
    try:
        at = urlsplit(f"http://{host}") if host else None
        page = urlsplit(origin) if origin is not None else None
        if at is None or not _ours(at.hostname or ""):
            return "open the game at the address the host shows"
        if page is not None and (
            page.scheme not in ("http", "https")
            or (page.hostname, page.port or DEFAULT_PORTS[page.scheme])
            != (at.hostname, at.port or DEFAULT_PORTS["http"])
        ):
            return "the game only takes connections from its own page"
    except ValueError:  # a port that is not a number
        return "a malformed Host or Origin"
    return None


def _ours(name: str) -> bool:
    """An address, or a name that can only mean this computer."""
    with contextlib.suppress(ValueError):
        ipaddress.ip_address(name)
        return True
    own = socket.gethostname().casefold()
    return name.rstrip(".") in ("localhost", own, f"{own}.local")


def _you(game: ClassGame, player: Player | None) -> dict[str, object] | None:
    if player is None:
        return None
    rank = next(i for i, p in enumerate(game.leaderboard(), 1) if p is player)
    return {**_row(player), "rank": rank, "streak": player.streak}


def _mode_fields(game: ClassGame) -> dict[str, object]:
    """Every state message says the mode; survival adds each player's lives at the start."""
    if game.lives_total is None:
        return {"mode": str(game.mode)}
    return {"mode": str(game.mode), "lives_total": game.lives_total}


def _row(player: Player) -> dict[str, object]:
    """A player on the leaderboard: in survival with their lives left and whether they are out."""
    row: dict[str, object] = {"name": player.name, "score": player.score}
    if player.lives is not None:
        row.update(lives=player.lives, out=player.out)
    return row


def _one_line(item: Item) -> str:
    return spec_of(item.card).question_line(item)


def _shown(bound: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Addresses to show: an address listening on every interface becomes this machine's own."""
    shown: list[tuple[str, int]] = []
    for address, port in bound:
        if address in ("0.0.0.0", "::"):
            shown.extend((a, port) for a in lan_addresses())
        else:
            shown.append((f"[{address}]" if ":" in address else address, port))
    return shown


def lan_addresses() -> list[str]:
    """This machine's address on the local network (the one its default route uses)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # a documentation address: nothing is sent
            return [probe.getsockname()[0]]
        except OSError:
            return ["127.0.0.1"]


def page_headers(name: str) -> dict[str, str]:
    suffix = name[name.rfind(".") :]
    return {
        "Content-Type": f"{TYPES[suffix]}; charset=utf-8",
        "Content-Security-Policy": PAGE_POLICY,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
    }
