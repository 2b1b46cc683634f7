"""`kdquiz export DECK --to FORMAT`: a deck as Anki text, an Anki package, CSV, GIFT, Aiken or a
printable Markdown quiz sheet."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kdquiz.commands.common import add_data_dir, resolve_data_dir
from kdquiz.errors import UsageError

if TYPE_CHECKING:
    from kdquiz.core.interchange.common import ExportResult
    from kdquiz.core.model import Deck

#: Formats written as text by one function of the deck (see `text_exporters`).
TEXT_FORMATS = ("anki-tsv", "csv", "gift", "aiken")
FORMATS = [*TEXT_FORMATS, "apkg", "markdown"]
SUFFIX = {
    "anki-tsv": ".txt",
    "csv": ".csv",
    "gift": ".gift",
    "aiken": ".txt",
    "apkg": ".apkg",
    "markdown": ".md",
}


def text_exporters() -> dict[str, Callable[[Deck], ExportResult]]:
    """The exporter of each text format, imported only when a deck is exported."""
    from kdquiz.core.interchange.aiken import export_aiken
    from kdquiz.core.interchange.anki_text import export_anki_text
    from kdquiz.core.interchange.csv_plain import export_csv
    from kdquiz.core.interchange.gift import export_gift

    return {
        "anki-tsv": export_anki_text,
        "csv": export_csv,
        "gift": export_gift,
        "aiken": export_aiken,
    }


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "export",
        help="write a deck as Anki text/.apkg, CSV, GIFT, Aiken or a printable quiz sheet",
        description="Export a deck (a file path, or the id of a deck kdquiz knows). Anki exports "
        "use card ids as note guids, so importing a newer export into Anki updates the "
        "notes instead of duplicating them.",
    )
    parser.add_argument(
        "deck", metavar="DECK", help="a deck file, or a deck id from `kdquiz decks`"
    )
    parser.add_argument(
        "--to", dest="fmt", choices=FORMATS, required=True, help="the format to write"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write (default: standard output; for apkg, DECK-ID.apkg)",
    )
    parser.add_argument(
        "--shuffle",
        action="store_true",
        help="markdown: shuffle questions and choices (a different version of the test)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        metavar="S",
        help="markdown: the shuffle's seed, printed on the sheet (implies --shuffle)",
    )
    add_data_dir(parser)
    parser.set_defaults(func=run)


def find_deck(spec: str, args: argparse.Namespace) -> Deck:
    """A path always works (validated by the loader); otherwise look the id up in the catalog."""
    path = Path(spec)
    if path.is_file():
        from kdquiz.core.decks import load_deck

        return load_deck(path)
    from kdquiz.core.catalog import load_catalog

    catalog = load_catalog(resolve_data_dir(args))
    deck = catalog.deck(spec)
    if deck is None:
        import difflib

        close = difflib.get_close_matches(spec, [d.id for d in catalog.decks], n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else "; `kdquiz decks` lists them"
        raise UsageError(f"no deck file or deck id {spec!r}{hint}")
    return deck


def run(args: argparse.Namespace) -> int:
    from kdquiz.core.plural import plural
    from kdquiz.core.safe_text import data_output, safe_text

    shuffle = args.shuffle or args.seed is not None
    if shuffle and args.fmt != "markdown":
        raise UsageError("--shuffle and --seed only apply to --to markdown")
    deck = find_deck(args.deck, args)
    output = Path(args.output) if args.output else None
    if args.fmt == "apkg":
        import time

        from kdquiz.core.interchange.apkg import export_apkg

        output = output or Path(f"{deck.id}.apkg")
        result = export_apkg(deck, output, timestamp=time.time())
    else:
        if args.fmt == "markdown":
            import random

            from kdquiz.core.interchange.markdown_sheet import quiz_sheet

            seed = (
                args.seed if args.seed is not None else random.SystemRandom().randrange(1, 10_000)
            )
            result = quiz_sheet(
                deck,
                rng=random.Random(seed) if shuffle else None,
                version=str(seed) if shuffle else "",
            )
        else:
            result = text_exporters()[args.fmt](deck)
        if output is None:
            with data_output(sys.stdout) as out:
                out.write(result.text)
        else:
            from kdquiz.core.files import write_text

            write_text(output, result.text)
    for note in result.notes:
        print(f"note: {safe_text(note)}", file=sys.stderr)
    if output is not None:
        written = len(deck.cards) - len(result.skipped)
        left_out = (
            f" {plural(len(result.skipped), 'card')} left out: "
            f"{safe_text(', '.join(result.skipped[:10]))}{' ...' if len(result.skipped) > 10 else ''}."
            if result.skipped
            else ""
        )
        print(
            f"Wrote {plural(written, 'card')} of '{deck.id}' to {safe_text(output)}.{left_out}",
            file=sys.stderr,
        )
    return 0
