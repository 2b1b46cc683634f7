"""`kdquiz decks`: every deck found, with its id, title, card count per kind and path."""

from __future__ import annotations

import argparse
import sys

from kdquiz.commands.common import add_data_dir, resolve_data_dir


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "decks",
        help="list every deck found",
        description="List the shipped decks, your own (in the data directory's "
        "decks folder) and any paths given.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="more deck files or folders")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_data_dir(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kdquiz.core.catalog import load_catalog
    from kdquiz.core.model import Kind
    from kdquiz.core.plural import plural
    from kdquiz.core.safe_text import data_output, safe_text

    catalog = load_catalog(resolve_data_dir(args), args.paths)
    rows: list[dict] = []
    for deck in catalog.decks:
        counts = deck.kind_counts()
        rows.append(
            {
                "id": deck.id,
                "title": deck.title,
                "cards": len(deck.cards),
                "questions": sum(1 for _ in deck.items()),
                "kinds": {str(k): counts[k] for k in Kind if k in counts},
                "origin": catalog.origins.get(deck.id, ""),
                "path": deck.path,
            }
        )
    if args.json:
        import json

        with data_output(sys.stdout) as out:
            print(
                json.dumps(
                    {"decks": rows, "problems": [str(p) for p in catalog.problems]},
                    indent=2,
                    ensure_ascii=False,
                ),
                file=out,
            )
        return 0
    if not rows:
        print("No decks found.")
    for row in rows:
        kinds = ", ".join(f"{n} {k}" for k, n in row["kinds"].items())
        print(f"{safe_text(row['id'])}  {safe_text(row['title'])}")
        # Review counts questions (each gap of a cloze card is one); the home screen says so too.
        questions = (
            f" ({plural(row['questions'], 'question')})" if row["questions"] != row["cards"] else ""
        )
        print(f"    {plural(row['cards'], 'card')}{questions}: {kinds}")
        print(f"    {row['origin']}: {safe_text(row['path'])}")
    if catalog.problems:
        print(
            f"\n{plural(len(catalog.problems), 'problem')} kept some decks out; "
            "run `kdquiz check PATH` for details:",
            file=sys.stderr,
        )
        for problem in catalog.problems[:20]:
            print(f"  {problem}", file=sys.stderr)
    return 0
