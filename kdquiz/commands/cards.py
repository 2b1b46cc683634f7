"""`kdquiz cards [QUERY]`: find cards across decks with Anki-like searches, and suspend, bury or
flag the ones found (each change recorded, `--undo` takes the last one back)."""

from __future__ import annotations

import argparse
import re
import sys

from kdquiz.commands.common import add_data_dir, print_warnings, resolve_data_dir
from kdquiz.errors import UsageError

TYPE_CHECKING = False  # typing is not imported at run time (see kdquiz.errors)
if TYPE_CHECKING:
    from kdquiz.core.card_search import CardRow
    from kdquiz.core.store import ProgressStore
    from kdquiz.services import Services

#: The columns `--sort` takes (kept equal to kdquiz.core.card_search.SORTS by a test).
SORT_CHOICES = ("deck", "card", "kind", "text", "state", "due", "ivl", "reps", "lapses", "flag")

EXAMPLES = """\
search:
  netflix  "soap opera"      words or a phrase anywhere on the card
  tag:budget  deck:netflix*  card:ep-*  kind:cloze
  is:new is:learn is:review is:due is:suspended is:buried is:flagged
  flag:1 .. flag:7 (or red, orange, green, blue, pink, turquoise, purple; flag:0 no flag)
  lapses>3  prop:reps>=10  prop:ivl<7  due:3 (due within 3 days)
  rated:1 (answered today)  rated:7:1 (Again in the last 7 days)  introduced:7
  -tag:done (not)   tag:a or tag:b   is:due (tag:a or tag:b)   -(tag:a or tag:b)
A query starting with a minus follows `--`: kdquiz cards -- -is:new
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "cards",
        help="find cards; suspend, bury or flag them",
        description="List the cards that match a search across every deck, with their progress "
        "and marks; with an action, change the marks of every card found.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "query",
        nargs="*",
        metavar="QUERY",
        help="search words (all cards if none); one quoted argument keeps its own quotes",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--sort",
        metavar="COLUMN",
        choices=[*SORT_CHOICES, *(f"-{c}" for c in SORT_CHOICES)],
        help=f"sort by one of {', '.join(SORT_CHOICES)}; a leading minus reverses (--sort=-due)",
    )
    parser.add_argument("--limit", type=int, metavar="N", help="show at most N cards")
    act = parser.add_mutually_exclusive_group()
    act.add_argument("--suspend", action="store_true", help="suspend the cards found")
    act.add_argument("--unsuspend", action="store_true", help="unsuspend the cards found")
    act.add_argument("--bury", action="store_true", help="bury the cards found until tomorrow")
    act.add_argument("--unbury", action="store_true", help="unbury the cards found")
    act.add_argument(
        "--flag", metavar="N", help="flag the cards found: 1-7 or a colour name, 0 takes it off"
    )
    act.add_argument(
        "--undo", action="store_true", help="take back the last change of marks (any command)"
    )
    add_data_dir(parser)
    parser.set_defaults(func=run)


def query_text(words: list[str]) -> str:
    """One argument is the query as typed; several are shell words, each kept whole (in double
    quotes when it holds a space, a quote or a bracket; a bracket alone stays a bracket). A
    backslash stays as typed: `5\\*` is a star either way."""
    if len(words) == 1:
        return words[0]
    return " ".join(word if _plain(word) else _quoted(word) for word in words)


def _plain(word: str) -> bool:
    return word in ("(", ")") or (word != "" and not any(c in ' \t\n"()' for c in word))


def _quoted(word: str) -> str:
    """The word in double quotes: a quote mark escaped, and a run of backslashes before one (or
    at the end, before the closing quote) doubled, so neither ends the phrase early."""
    body = re.sub(r'(\\+)(?="|$)', lambda m: m[1] * 2, word)
    return '"' + body.replace('"', '\\"') + '"'


def run(args: argparse.Namespace) -> int:
    from kdquiz.core.card_query import parse
    from kdquiz.core.card_search import search, sort_rows
    from kdquiz.services import make_services

    if args.limit is not None and args.limit < 0:
        raise UsageError("--limit takes 0 or more")
    query = parse(query_text(args.query))
    action = _action(args)
    if (
        action
        and action[0] == "undo"
        and (query.alternatives or args.sort or args.limit is not None)
    ):
        raise UsageError(
            "--undo takes back the latest change, whatever it was, and takes no search: "
            "run kdquiz cards --undo alone (kdquiz cards QUERY lists the cards as they are now)"
        )
    if action and action[0] != "undo" and not query.alternatives:
        raise UsageError(
            "give a search for the cards to change (every card: `deck:*`), e.g. "
            "kdquiz cards tag:done --suspend"
        )
    services = make_services(resolve_data_dir(args))
    try:
        store = services.store
        if action and action[0] == "undo":
            return _undo(store)
        rows = list(
            search(
                store,
                services.catalog.decks,
                query,
                now=services.clock(),
                settings=services.settings,
            )
        )
        if args.sort:
            rows = sort_rows(rows, args.sort)
        if args.limit is not None:
            rows = rows[: args.limit]
        if action:
            _act(store, rows, action, services)
        elif args.json:
            _print_json(rows)
        else:
            _print_table(rows)
        print_warnings(store.wait_for_backup())
    finally:
        services.store.close()
    return 0


def _action(args: argparse.Namespace) -> tuple[str, str] | None:
    for name in ("suspend", "unsuspend", "bury", "unbury", "undo"):
        if getattr(args, name):
            return (name, "")
    if args.flag is not None:
        return ("flag", args.flag)
    return None


def _act(
    store: ProgressStore, rows: list[CardRow], action: tuple[str, str], services: Services
) -> None:
    from kdquiz.core.browse import bury
    from kdquiz.core.card_query import flag_number
    from kdquiz.core.plural import plural

    name, value = action
    if name == "flag":
        field, number = "flag", flag_number(value)
    elif name in ("suspend", "unsuspend"):
        field, number = "suspended", int(name == "suspend")
    else:
        field, number = "buried", int(name == "bury")
    keys = [row.key for row in rows]
    if name == "bury":
        batch = bury(store, keys, services.settings, services.clock())
    else:
        batch = store.set_marks(keys, field, number)
    changed = store.batch_size(batch) if batch else 0
    done = {"flag": "flagged" if number else "unflagged", "suspended": f"{name}ed"}.get(
        field, "buried" if number else "unburied"
    )
    print(f"{plural(len(rows), 'card')} found, {changed} {done}.")
    if batch:
        print("Take it back with: kdquiz cards --undo")


def _undo(store: ProgressStore) -> int:
    from kdquiz.core.plural import plural

    batch = store.last_mark_batch()
    if not batch:
        print("No change of marks to undo.")
        return 0
    undone = store.undo_marks(batch)
    print(f"Undone: {plural(undone, 'change')} of marks taken back.")
    return 0


def _print_json(rows: list[CardRow]) -> None:
    import json

    from kdquiz.core.safe_text import data_output

    with data_output(sys.stdout) as out:
        print(
            json.dumps({"cards": [row.as_json() for row in rows]}, indent=2, ensure_ascii=False),
            file=out,
        )


def _print_table(rows: list[CardRow]) -> None:
    from kdquiz.core.plural import plural
    from kdquiz.core.safe_text import safe_text

    if not rows:
        print("No cards match.")
        return
    for row in rows:
        due = "" if row.due_days is None else f"due {_days(row.due_days)}"
        flag = f" [{row.flag_name}]" if row.flag else ""
        print(
            f"{safe_text(row.deck_id)}/{safe_text(row.card_id)}  {row.kind}  {row.status()}{flag}"
        )
        facts = f"{due}  reps {row.reps}  lapses {row.lapses}" if row.due_days is not None else ""
        text = safe_text(row.text)
        print(f"    {text[:100]}{'…' if len(text) > 100 else ''}")
        if facts:
            print(f"    {facts.strip()}")
    print(plural(len(rows), "card"))


def _days(days: int) -> str:
    if days == 0:
        return "today"
    if days < 0:
        return f"{-days} days ago" if days < -1 else "yesterday"
    return "tomorrow" if days == 1 else f"in {days} days"
