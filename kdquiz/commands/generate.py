"""`kdquiz generate ARTICLE... -o deck.yaml`: a draft deck from plain text or Markdown files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from kdquiz.errors import UsageError

if TYPE_CHECKING:
    from kdquiz.core.generate.text import Document
    from kdquiz.core.model import Kind

# The generator and the model are imported only when the command runs: every kdquiz invocation
# builds the parser, and loading them there would slow all of them down. Kind values as plain
# strings, kept in step with kdquiz.core.generate.DEFAULT_KINDS / DEFAULT_MAX (a test checks).
DEFAULT_KINDS: tuple[str, ...] = ("cloze", "mcq", "truefalse", "numeric", "typed")
DEFAULT_MAX = 30
#: Inputs shorter than this finish in a blink; a progress bar would only flicker.
PROGRESS_MIN_WORDS = 3000
BAR_WIDTH = 30


def register(sub: argparse._SubParsersAction) -> None:
    kinds = ",".join(DEFAULT_KINDS)
    parser = sub.add_parser(
        "generate",
        help="write a draft deck from text or Markdown articles",
        description="Read plain-text or Markdown documents and write a draft deck of cloze, "
        "multiple-choice, true/false, numeric and typed cards, each with an "
        "explanation and the paragraph it came from. Read and edit the draft before "
        "using it: see docs/generator.md for what it can and cannot do.",
    )
    parser.add_argument(
        "documents",
        nargs="+",
        metavar="ARTICLE",
        help="text or Markdown files (- reads one from standard input)",
    )
    parser.add_argument(
        "-o", "--output", metavar="DECK.yaml", help="where to write the deck (default: print it)"
    )
    parser.add_argument(
        "--max",
        dest="max_cards",
        type=int,
        default=DEFAULT_MAX,
        metavar="N",
        help=f"at most N cards (default {DEFAULT_MAX})",
    )
    parser.add_argument(
        "--kinds",
        default=kinds,
        metavar="KINDS",
        help=f"comma-separated card kinds to make (default {kinds})",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        metavar="S",
        help="random seed: the same files and seed give the same deck (default 0)",
    )
    parser.add_argument(
        "--title",
        default="",
        metavar="TITLE",
        help="deck title (default: the first document's first line)",
    )
    parser.add_argument(
        "--report",
        action="store_true",
        help="print, per kind, how many cards were made, rejected by each quality "
        "gate, and written",
    )
    parser.add_argument("-f", "--force", action="store_true", help="replace the output file")
    parser.set_defaults(func=run)


def parse_kinds(text: str) -> list[Kind]:
    from kdquiz.core.model import Kind

    names = [n.strip().casefold() for n in text.split(",") if n.strip()]
    wrong = [n for n in names if n not in DEFAULT_KINDS]
    if wrong or not names:
        raise UsageError(
            f"--kinds: {', '.join(wrong) or 'nothing given'} is not a kind the generator "
            f"makes; choose from {', '.join(DEFAULT_KINDS)}"
        )
    return [Kind(n) for n in dict.fromkeys(names)]


class ProgressBar:
    """A plain `[#####     ] 50%` line, redrawn in place on a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // max(1, total)
        if percent == self.last:
            return
        self.last = percent
        filled = BAR_WIDTH * percent // 100
        self.stream.write(f"\r[{'#' * filled}{' ' * (BAR_WIDTH - filled)}] {percent:3d}%")
        self.stream.flush()

    def close(self) -> None:
        if self.last >= 0:
            self.stream.write("\r" + " " * (BAR_WIDTH + 7) + "\r")
            self.stream.flush()


def _named_safely(document: Document) -> Document:
    """The document with the file name and title the deck will show stripped of control, bidi
    and invisible characters, which a deck may not hold (a file name may have any of them)."""
    from dataclasses import replace

    from kdquiz.core.interchange.common import outside_name

    return replace(
        document,
        name=outside_name(document.name) or "a file",
        title=outside_name(document.title) or "Draft deck",
    )


def _read_stdin() -> Document:
    """The article piped in (`... | kdquiz generate -`), read up to the size limit and no further."""
    from kdquiz.core.generate.text import MAX_DOCUMENT_BYTES, document_from_bytes

    if sys.stdin.isatty():
        print(
            "Reading the article from the keyboard: paste it, then press Ctrl+D.", file=sys.stderr
        )
    data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
    return document_from_bytes(data, "stdin")


def run(args: argparse.Namespace) -> int:
    from kdquiz.commands.common import given_title
    from kdquiz.core.deck_writer import dump_deck, write_deck
    from kdquiz.core.generate import generate_deck, read_document
    from kdquiz.core.generate.text import latin_share
    from kdquiz.core.interchange.ids import is_slug
    from kdquiz.core.safe_text import data_output, safe_text, shell_word

    if args.max_cards < 1:
        raise UsageError(f"--max must be at least 1, not {args.max_cards}")
    kinds = parse_kinds(args.kinds)
    title = given_title(args.title) or ""
    output = Path(args.output) if args.output else None
    if output is not None:
        if output.suffix not in (".yaml", ".yml"):
            raise UsageError(f"{output} should end in .yaml so kdquiz finds it as a deck")
        if output.exists() and not args.force:
            raise UsageError(
                f"{output} already exists: choose another name or add --force to replace it"
            )
    if args.documents.count("-") > 1:
        raise UsageError("- (standard input) can be read once: give it at most once")
    missing = [p for p in args.documents if p != "-" and not Path(p).exists()]
    if missing:  # the rest are checked by read_document
        raise UsageError(f"no such file: {', '.join(safe_text(p) for p in missing)}")
    documents = [
        _named_safely(_read_stdin() if p == "-" else read_document(Path(p))) for p in args.documents
    ]
    for document in documents:
        if latin_share(document) < 0.5:
            print(
                f"kdquiz: {safe_text(document.name)} is mostly not in English, and the generator "
                "reads English only: expect few cards, and check each one.",
                file=sys.stderr,
            )
    bar = None
    if sys.stderr.isatty() and sum(d.word_count for d in documents) >= PROGRESS_MIN_WORDS:
        bar = ProgressBar(sys.stderr)
    try:
        deck, report = generate_deck(
            documents,
            max_cards=args.max_cards,
            kinds=kinds,
            seed=args.seed,
            title=title,
            progress=bar,
        )
    finally:
        if bar is not None:
            bar.close()
    if output is not None and is_slug(output.stem.lower()):
        deck["id"] = output.stem.lower()
    if args.report:
        print("\n".join(report.lines()), file=sys.stderr if output is None else sys.stdout)
    if output is None:
        with data_output(sys.stdout) as out:
            out.write(dump_deck(deck))
        return 0
    write_deck(deck, output)
    print(
        f"Wrote {safe_text(output)}: {len(deck['cards'])} draft cards. Read and edit them, then run:"
    )
    print(f"  kdquiz check {shell_word(str(output))}")
    return 0
