"""`kdquiz host DECK... [--questions N] [--mode MODE] [--lan | --bind ADDR] [--port PORT]`: host
a class game.

`kdquiz join ADDRESS CODE --name NAME [--plain]`: play in one from a terminal (a browser opens
the address the host shows instead).
"""

from __future__ import annotations

import argparse
import sys

from kdquiz.commands.common import add_data_dir, print_warnings, resolve_data_dir
from kdquiz.commands.play import QUIZ_MODES
from kdquiz.errors import UsageError

DEFAULT_PORT = 8470  # kept in step with kdquiz.classroom.server.DEFAULT_PORT by a test


def register(sub: argparse._SubParsersAction) -> None:
    host = sub.add_parser(
        "host",
        help="host a live class game: players join from a terminal or a phone",
        description="Open a class game on the named decks: a join code and the address to join, "
        "then the questions at the host's pace. Listens on this computer only (127.0.0.1) unless "
        "--lan or --bind says otherwise. Every answer is saved as it arrives: "
        "`kdquiz results --class` exports them.",
    )
    host.add_argument("decks", nargs="+", metavar="DECK", help="deck ids")
    host.add_argument(
        "--questions", "-n", type=int, default=10, metavar="N", help="questions (default 10)"
    )
    host.add_argument(
        "--mode",
        choices=QUIZ_MODES,
        default="classic",
        help="classic (N questions, the most points wins) or survival (3 lives each: who lasts "
        "longest wins); time-attack races each player's own clock, so it cannot be hosted",
    )
    host.add_argument(
        "--time-limit",
        type=float,
        default=20.0,
        metavar="SECONDS",
        help="seconds per question unless a card sets its own (default 20)",
    )
    host.add_argument("--tag", default="", help="only cards with this tag")
    where = host.add_mutually_exclusive_group()
    where.add_argument(
        "--lan", action="store_true", help="listen on the local network (every interface)"
    )
    where.add_argument("--bind", metavar="ADDR", help="listen on this address only")
    host.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    add_data_dir(host)
    host.set_defaults(func=run_host)

    join = sub.add_parser(
        "join",
        help="join a class game from this terminal",
        description="Join the class game at ADDRESS (as the host shows it, e.g. "
        "192.168.1.20:8470) with its join CODE.",
    )
    join.add_argument("address", metavar="ADDRESS", help="the host's address, e.g. 127.0.0.1:8470")
    join.add_argument("code", metavar="CODE", help="the 6-digit join code")
    join.add_argument("--name", required=True, help="your name in the game (at most 24 characters)")
    join.add_argument(
        "--plain",
        action="store_true",
        help="plain line-by-line text for screen readers, dumb terminals and pipes",
    )
    join.set_defaults(func=run_join)


def run_host(args: argparse.Namespace) -> int:
    if args.questions < 1:
        raise UsageError(f"--questions must be at least 1, not {args.questions}")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be from 0 to 65535, not {args.port}")
    from kdquiz.classroom.game import ClassGame, class_mode

    try:
        mode = class_mode(args.mode)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        raise UsageError("hosting shows the game on this terminal: run `kdquiz host` in one.")
    from kdquiz.classroom.server import ClassServer, new_code, new_token
    from kdquiz.core.game import QuizConfig
    from kdquiz.core.plan import select_decks
    from kdquiz.services import make_services

    services = make_services(resolve_data_dir(args))
    try:
        decks = select_decks(services.catalog.decks, args.decks, args.tag)
        try:
            config = QuizConfig(mode=mode, questions=args.questions, time_limit=args.time_limit)
            game = ClassGame(decks, config, code=new_code(), rng=services.rng, new_token=new_token)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        server = ClassServer(game, services.store, [d.id for d in decks], clock=services.clock)
        from kdquiz.ui.host_app import HostApp

        address = args.bind or ("0.0.0.0" if args.lan else "127.0.0.1")
        app = HostApp(server, address, args.port)
        app.run()
        if server.round_id is not None or game.asked:
            print("Every answer is saved: `kdquiz results --class` exports them.")
        return app.return_code or 0
    finally:
        services.store.close()
        print_warnings(services.store.warnings)


def run_join(args: argparse.Namespace) -> int:
    from kdquiz.classroom.protocol import CODE_DIGITS, ProtocolError, clean_name

    try:
        name = clean_name(args.name)
    except ProtocolError as exc:
        raise UsageError(f"--name: {exc}") from None
    code = args.code.strip()
    if len(code) != CODE_DIGITS or not (code.isascii() and code.isdigit()):
        raise UsageError(f"CODE is the {CODE_DIGITS}-digit join code the host shows")
    if args.plain:
        from kdquiz.classroom.client import run_plain

        return run_plain(args.address, code, name, sys.stdin, sys.stdout)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("not a terminal: add --plain to play line by line through a pipe.")
    from kdquiz.ui.join_app import JoinApp

    app = JoinApp(args.address, code, name)
    app.run()
    return app.result
