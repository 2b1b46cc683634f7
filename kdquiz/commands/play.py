"""`kdquiz` (home), `kdquiz review`, `kdquiz practice` and `kdquiz quiz`, in the TUI or with --plain.

Textual is imported only inside `run_tui`, so `kdquiz --plain` and every other command start
without it; the plan and the services are imported only when a game starts, because every
`kdquiz` invocation imports this module to build its parser.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from kdquiz.commands.common import add_data_dir, print_warnings, resolve_data_dir
from kdquiz.errors import UsageError

if TYPE_CHECKING:
    from kdquiz.core.plan import Plan
    from kdquiz.services import Services

QUIZ_MODES = ("classic", "survival", "time-attack")


def register(sub: argparse._SubParsersAction) -> None:
    review = sub.add_parser(
        "review",
        help="review the cards due today",
        description="Review every card due today (FSRS), in all decks or the ones named.",
    )
    review.add_argument("decks", nargs="*", metavar="DECK", help="deck ids (default: every deck)")
    custom = review.add_argument_group(
        "custom study", "when the day's work is done (docs/scheduling.md: how each one counts)"
    ).add_mutually_exclusive_group()
    custom.add_argument(
        "--ahead", type=int, metavar="DAYS", help="review the cards due in the next DAYS days"
    )
    custom.add_argument(
        "--extra-new", type=int, metavar="N", help="N more new cards than today's limit"
    )
    custom.add_argument(
        "--forgotten",
        type=int,
        metavar="DAYS",
        help="practise the cards you answered Again in the last DAYS days",
    )
    custom.add_argument(
        "--search",
        metavar="QUERY",
        help="practise the cards a search finds (as in `kdquiz cards`: tag:x flag:1 ...)",
    )
    _common(review)
    review.set_defaults(func=run_review)

    practice = sub.add_parser(
        "practice",
        help="go through a deck without changing the schedule",
        description="Every card of the named decks (or of a tag), shuffled and self-paced. "
        "The schedule is never changed.",
    )
    practice.add_argument("decks", nargs="*", metavar="DECK", help="deck ids")
    _common(practice)
    practice.set_defaults(func=run_practice)

    quiz = sub.add_parser(
        "quiz",
        help="play a quiz round",
        description="A timed quiz round with points and streaks. Logged in your history, "
        "never changes the schedule.",
    )
    quiz.add_argument("decks", nargs="*", metavar="DECK", help="deck ids (default: every deck)")
    quiz.add_argument(
        "--questions",
        "-n",
        type=int,
        default=10,
        metavar="N",
        help="questions in a classic round (default 10)",
    )
    quiz.add_argument(
        "--mode",
        choices=QUIZ_MODES,
        default="classic",
        help="classic (N questions), survival (3 lives) or time-attack (60 s)",
    )
    quiz.add_argument(
        "--player", default="", metavar="NAME", help="who is playing (for the results)"
    )
    quiz.add_argument(
        "--no-timer",
        action="store_true",
        help="no countdown and no points lost to time (also `quiz_timer = false` in settings.toml)",
    )
    _common(quiz)
    quiz.set_defaults(func=run_quiz)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tag", default="", help="only cards with this tag")
    parser.add_argument(
        "--plain",
        action="store_true",
        help="plain line-by-line text for screen readers, dumb terminals and pipes",
    )
    add_data_dir(parser)


#: As the quiz setup screen allows: a name, not a document.
MAX_PLAYER_CHARS = 40


def open_services(args: argparse.Namespace) -> Services:
    from kdquiz.services import make_services

    return make_services(resolve_data_dir(args))


def run_home(args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "the game needs a terminal. In a pipe or a screen reader use the plain "
            "mode, e.g. `kdquiz review --plain` or `kdquiz quiz DECK --plain`."
        )
    return _run(args, None)


def run_review(args: argparse.Namespace) -> int:
    from kdquiz.core.custom_study import CustomKind, CustomStudy
    from kdquiz.core.plan import Activity, Plan

    custom = None
    for kind, value in (
        (CustomKind.AHEAD, args.ahead),
        (CustomKind.NEW, args.extra_new),
        (CustomKind.FORGOTTEN, args.forgotten),
    ):
        if value is not None:
            custom = CustomStudy(kind, value).checked()
    if args.search is not None:
        custom = CustomStudy(CustomKind.SEARCH, search=args.search).checked()
    return _run(args, Plan(Activity.REVIEW, tuple(args.decks), args.tag, custom=custom))


def run_practice(args: argparse.Namespace) -> int:
    if not args.decks and not args.tag:
        raise UsageError(
            "name a deck to practise (`kdquiz practice DECK`) or a tag (--tag TAG). "
            "`kdquiz decks` lists them."
        )
    from kdquiz.core.plan import Activity, Plan

    return _run(args, Plan(Activity.PRACTICE, tuple(args.decks), args.tag))


def run_quiz(args: argparse.Namespace) -> int:
    if args.questions < 1:
        raise UsageError(f"--questions must be at least 1, not {args.questions}")
    if len(args.player) > MAX_PLAYER_CHARS or any(
        ord(c) < 32 or 127 <= ord(c) < 160 for c in args.player
    ):
        raise UsageError(
            f"--player: a name of at most {MAX_PLAYER_CHARS} characters, without control characters"
        )
    from kdquiz.core.plan import Activity, Plan

    return _run(
        args,
        Plan(
            Activity.QUIZ,
            tuple(args.decks),
            args.tag,
            questions=args.questions,
            quiz_mode=args.mode,
            player=args.player,
            timed=not args.no_timer,
        ),
    )


def _run(args: argparse.Namespace, plan: Plan | None) -> int:
    services = open_services(args)
    try:
        if plan is not None and plan.activity == "quiz":
            plan = _with_timer_setting(plan, services.settings.quiz_timer)
        if plan is not None:
            from kdquiz.core.plan import select_decks

            select_decks(
                services.catalog.decks, plan.deck_ids, plan.tag
            )  # a typo fails here, early
        if plan is not None and getattr(args, "plain", False):
            from kdquiz.plain import run_plain

            return run_plain(services, plan, sys.stdin, sys.stdout)
        if plan is not None and not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise UsageError("not a terminal: add --plain to play line by line through a pipe.")
        return run_tui(services, plan)
    finally:
        services.store.close()  # waits for today's backup, made meanwhile
        if getattr(args, "plain", False):  # the TUI shows them as notifications
            print_warnings(services.store.warnings)


def _with_timer_setting(plan: Plan, setting: bool) -> Plan:
    """The timer is off when `--no-timer` or settings.toml's `quiz_timer = false` says so."""
    timed = plan.timed and setting
    if not timed and plan.quiz_mode == "time-attack":
        raise UsageError(
            "time attack races the clock, so it needs the timer. With --no-timer (or "
            "quiz_timer = false in settings.toml) play --mode classic or --mode survival."
        )
    return plan._replace(timed=timed)


def run_tui(services: Services, plan: Plan | None) -> int:
    from kdquiz.ui.app import KdquizApp

    app = KdquizApp(services, plan=plan)
    app.run()
    return app.return_code or 0
