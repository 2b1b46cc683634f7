"""`kdquiz import FILE -o deck.yaml`: turn an Anki text export, CSV, GIFT or Aiken file into a deck."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from kdquiz.commands.common import add_data_dir, given_title, resolve_data_dir
from kdquiz.errors import DeckError, KdquizError, UsageError

if TYPE_CHECKING:
    from kdquiz.core.interchange.apkg_history import PackageHistory
    from kdquiz.core.interchange.common import ImportResult
    from kdquiz.core.model import Deck

#: `--from` choices: the keys of kdquiz.core.interchange.IMPORTERS, in order (a test checks).
IMPORT_FORMATS = ("anki", "csv", "gift", "aiken")

#: Files with fewer lines than this finish before a progress bar would be worth drawing.
PROGRESS_MIN_LINES = 2000
#: A file with more lines than this cannot become one deck (100,000 cards at most); refused before
#: it is parsed, so a huge file fails at once rather than after minutes and gigabytes.
MAX_IMPORT_LINES = 1_000_000


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "import",
        help="convert an Anki, CSV, GIFT or Aiken file into a deck",
        description="Convert an Anki 'Notes in Plain Text' export, a CSV/TSV of front,back, a Moodle "
        "GIFT file or an Aiken file into a kdquiz deck. Card ids are stable (Anki's guid, "
        "else a hash of the question), so importing an updated file again over the same "
        "deck keeps everyone's progress.",
    )
    parser.add_argument(
        "file", metavar="FILE", help="the file to import (an .apkg/.colpkg is read as a package)"
    )
    parser.add_argument(
        "-o", "--output", metavar="DECK.yaml", required=True, help="the deck file to write"
    )
    parser.add_argument(
        "--from",
        dest="fmt",
        choices=["auto", *IMPORT_FORMATS],
        default="auto",
        help="the file's format (default: guess from its headers, name and content)",
    )
    parser.add_argument("--id", dest="deck_id", metavar="ID", help="the deck id (a slug)")
    parser.add_argument("--title", metavar="TITLE", help="the deck title")
    parser.add_argument(
        "-f",
        "--force",
        action="store_true",
        help="replace DECK.yaml if it exists (its deck id is kept)",
    )
    parser.add_argument(
        "--with-history",
        action="store_true",
        help="from an .apkg/.colpkg, also bring in its review log, so each card is due when "
        "Anki had it due (importing again adds nothing twice)",
    )
    add_data_dir(parser)
    parser.set_defaults(func=run)


def text_progress(stream: TextIO, label: str, width: int = 30) -> Callable[[int, int], None]:
    """A plain-text bar redrawn in place with \\r; only redraws when the percentage changes.

    The label may name an outside file: it is shown as safe text."""
    from kdquiz.core.safe_text import safe_text

    label = safe_text(label)
    last = -1

    def update(done: int, total: int) -> None:
        nonlocal last
        percent = 100 if total <= 0 else min(100, done * 100 // total)
        if percent == last:
            return
        last = percent
        filled = width * percent // 100
        stream.write(f"\r{label} [{'#' * filled}{'-' * (width - filled)}] {percent:3d}%")
        if percent == 100:
            stream.write("\n")
        stream.flush()

    return update


def run(args: argparse.Namespace) -> int:
    from kdquiz.core.deck_checks import SLUG_RULE
    from kdquiz.core.files import open_regular
    from kdquiz.core.interchange.ids import is_slug
    from kdquiz.core.plural import plural
    from kdquiz.core.safe_text import safe_text, shell_word

    source, output = Path(args.file), Path(args.output)
    # Missing, unreadable or a folder is said first, whatever the name says of the format (the
    # size limits, which depend on the format, are checked when the file is read).
    open_regular(source, "a file to import", limit=sys.maxsize).close()
    if args.deck_id is not None and not is_slug(args.deck_id):
        raise UsageError(f"--id {args.deck_id!r} is not a slug: use {SLUG_RULE}")
    args.title = given_title(args.title)
    _check_output(source, output)
    if output.exists() and not args.force:
        raise UsageError(
            f"{output} already exists: add --force to replace it (card ids are stable, "
            "so progress on unchanged cards is kept)"
        )
    is_package = source.suffix.lower() in (".apkg", ".colpkg")
    if args.with_history and not is_package:
        raise UsageError(
            "--with-history reads an Anki package's review log: give an .apkg or .colpkg "
            "(for a review log file, use kdquiz import-history)"
        )
    from kdquiz.core.interchange.common import media_folder

    media = media_folder(output)
    staging = _staging_folder(output, media) if is_package else None
    try:
        loaded, result, history = _import_into(args, source, output, media, staging)
    finally:
        if staging is not None and staging.exists():
            # What a refused or broken package wrote; the media folder is as it was.
            import shutil

            shutil.rmtree(staging, ignore_errors=True)
    counts = ", ".join(f"{n} {kind}" for kind, n in loaded.kind_counts().items())
    print(
        f"Imported {plural(len(loaded.cards), 'card')} ({counts}) from {safe_text(source)} into "
        f"{safe_text(output)} (deck id '{loaded.id}')."
    )
    for note in result.notes:
        print(f"note: {safe_text(note)}", file=sys.stderr)
    if history is not None:
        _import_history(history, loaded, args)
    word = shell_word(str(output))
    print(f"Next: kdquiz check {word}   kdquiz preview {word}")
    return 0


def _check_output(source: Path, output: Path) -> None:
    """The deck is written to a .yaml file that is not the file read: `-o notes.txt --force`
    or `-o cards.apkg` would replace a teacher's own file with YAML. It is a name the decks
    folder finds: a deck ending as written, and no dot first (a hidden file is left out)."""
    import os

    from kdquiz.core.deck_files import DECK_ENDINGS
    from kdquiz.core.safe_text import shell_word

    example = f"for example -o {shell_word(str(_deck_name_like(output)))}"
    if output.name.startswith("."):
        raise UsageError(
            f"{output} starts with a dot, so the decks folder would leave it out (as a hidden "
            f"file): give the deck a name ({example})"
        )
    if output.suffix not in DECK_ENDINGS:  # as the decks folder finds them
        hint = (
            "; to write an Anki package, import into a .yaml deck and run kdquiz export DECK "
            "--to apkg"
            if output.suffix.lower() in (".apkg", ".colpkg")
            else ""
        )
        raise UsageError(
            f"{output} should end in .yaml: the import writes a deck, which kdquiz finds by "
            f"that ending ({example}){hint}"
        )
    try:
        same = os.path.samefile(source, output)
    except OSError:  # no such output yet
        same = False
    if same:
        raise UsageError(
            f"{output} is the file being imported: write the deck to another file, so the "
            "original stays as it is"
        )


def _deck_name_like(output: Path) -> Path:
    """A deck file the decks folder finds, in `output`'s folder, named like it: `out/red.YAML`
    -> `out/red.yaml`, `.hidden.yaml` -> `hidden.yaml`, `.yaml` -> `deck.yaml`."""
    from kdquiz.core.deck_files import DECK_ENDINGS

    if not output.name:  # -o .
        return output / "deck.yaml"
    name = output.name.lstrip(".")
    stem = "" if f".{name.lower()}" in DECK_ENDINGS else Path(name).stem
    return output.with_name(f"{stem or 'deck'}.yaml")


def _import_history(history: PackageHistory, deck: Deck, args: argparse.Namespace) -> None:
    """The package's reviews replayed into the learner's progress, and a line saying what came."""
    import random

    from kdquiz.core.history_import import import_replayed
    from kdquiz.core.plural import plural
    from kdquiz.core.safe_text import safe_text
    from kdquiz.core.scheduling import Schedulers
    from kdquiz.core.settings import load_settings
    from kdquiz.core.store.values import text_hash
    from kdquiz.services import open_store

    for problem in history.problems:
        print(safe_text(problem), file=sys.stderr)
    if history.bad > len(history.problems):
        print(f"... and {history.bad - len(history.problems)} more bad rows", file=sys.stderr)
    data_dir = resolve_data_dir(args)
    scheduler = Schedulers(load_settings(data_dir), fuzz=True, rng=random.Random())[deck.id]
    fingerprints = {card.id: text_hash(card) for card in deck.cards}
    with open_store(data_dir) as store:
        merged = import_replayed(
            store,
            (((deck.id, card, sub), review) for card, sub, review in history.reviews),
            scheduler,
            fingerprints,
            now=store.clock(),
        )
        marks = [(deck.id, card, "suspended", 1) for card in history.suspended]
        marks += [(deck.id, card, "flag", flag) for card, flag in history.flags.items()]
        marked = store.write_marks(marks, batch=0)[1] if marks else 0
    left = [
        f"{plural(history.skipped, 'manual reschedule')} skipped" if history.skipped else "",
        f"{plural(history.elsewhere, 'review')} of cards not imported skipped"
        if history.elsewhere
        else "",
        f"{plural(history.bad, 'bad row')} left out" if history.bad else "",
    ]
    again = len(history.reviews) - merged.added
    print(
        f"History: {plural(merged.added, 'review')} imported for "
        f"{plural(history.cards, 'card')}"
        + (f" ({again} already there)" if again else "")
        + "".join(f"; {part}" for part in left if part)
        + (
            f"; {plural(merged.future, 'review')} dated after today left out"
            if merged.future
            else ""
        )
        + "."
    )
    _say_marks(history, marked)


def _say_marks(history: PackageHistory, marked: int) -> None:
    """What Anki's suspensions and flags became (nothing is said of cards already so marked)."""
    from kdquiz.core.plural import plural

    if marked:
        done = [
            f"{plural(len(history.suspended), 'card')} suspended" if history.suspended else "",
            f"{plural(len(history.flags), 'card')} flagged" if history.flags else "",
        ]
        print(
            f"Marks: {' and '.join(d for d in done if d)} as in Anki "
            "(kdquiz cards --undo takes them back)."
        )
    if history.partly_suspended:
        partly = history.partly_suspended
        print(
            f"note: {plural(len(partly), 'card')} had only some of "
            f"{'its' if len(partly) == 1 else 'their'} Anki cards suspended (one side of a "
            "reversed note, one gap of a cloze); a kdquiz card is suspended whole, so they were "
            f"left as they were: kdquiz cards card:{partly[0]} --suspend suspends one",
            file=sys.stderr,
        )


def _staging_folder(output: Path, media: Path) -> Path:
    """A new empty folder beside the deck for a package's media while the import may still be
    refused (a card too long, too many cards); moved into `media` once the deck is written."""
    import tempfile

    from kdquiz.core.files import make_folder

    make_folder(output.parent)
    return Path(tempfile.mkdtemp(prefix=f".{media.name}.", suffix=".partial", dir=output.parent))


def _import_into(
    args: argparse.Namespace, source: Path, output: Path, media: Path, staging: Path | None
) -> tuple[Deck, ImportResult, PackageHistory | None]:
    """Read `source` and write the deck file `output` (a package's media, read into `staging`,
    into `media` once the deck is written)."""
    from kdquiz.core.deck_checks import MAX_TEXT_CHARS
    from kdquiz.core.deck_writer import dump_deck, write_deck
    from kdquiz.core.decks import MAX_CARDS, load_deck_text

    result: ImportResult
    history = None
    if staging is not None:
        from kdquiz.core.interchange.apkg_read import read_apkg

        package = read_apkg(source, media, with_history=args.with_history, staging=staging)
        result, history = package, package.history
    else:
        result = _read_text_file(source, args.fmt)
    deck = result.deck
    if len(deck["cards"]) > MAX_CARDS:
        raise UsageError(
            f"{source} holds {len(deck['cards']):,} cards; a deck holds at most "
            f"{MAX_CARDS:,}: split the file and import each part"
        )
    overlong = _overlong_text(deck["cards"])
    if overlong:
        card_id, field, length = overlong
        raise KdquizError(
            f"{source}: the card '{card_id}' has a {field} of {length:,} characters, over the "
            f"{MAX_TEXT_CHARS:,} a card's text may hold: shorten it in the file, or split it "
            "into several cards, and import again",
            "Cannot import",
        )
    if args.deck_id:
        deck["id"] = args.deck_id
    elif output.exists():
        deck["id"] = _existing_id(output) or deck["id"]
    if args.title:
        deck["title"] = args.title
    try:
        loaded = load_deck_text(dump_deck(deck), str(output))
    except DeckError as exc:
        # The importer made something the loader refuses: say so plainly rather than write it.
        raise DeckError(
            exc.problems,
            title=f"The deck imported from {source} is not valid "
            "(please report this with the file)",
        ) from None
    write_deck(deck, output)
    if staging is not None:
        from kdquiz.core.interchange.apkg_read import place_media

        place_media(staging, media)
    return loaded, result, history


def _overlong_text(cards: list[dict[str, Any]]) -> tuple[str, str, int] | None:
    """(card id, field, length) of the first text longer than a deck may hold: said here, of
    the file, rather than by the loader of the deck the import would write."""
    from kdquiz.core.deck_checks import MAX_TEXT_CHARS

    def texts(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            value = list(value.values())
        return [t for item in value for t in texts(item)] if isinstance(value, list) else []

    for card in cards:
        for field, value in card.items():
            longest = max(map(len, texts(value)), default=0)
            if longest > MAX_TEXT_CHARS:
                return str(card.get("id", "?")), str(field), longest
    return None


def _read_text_file(source: Path, fmt: str) -> ImportResult:
    from dataclasses import replace

    from kdquiz.core.decks import MAX_CARDS, MAX_FILE_BYTES
    from kdquiz.core.files import read_capped
    from kdquiz.core.interchange import import_text
    from kdquiz.core.interchange.text_file import import_text_of

    data = read_capped(source, "a file to import", limit=MAX_FILE_BYTES)
    text, encoding_note = import_text_of(data, str(source))
    if text.count("\n") > MAX_IMPORT_LINES:
        raise UsageError(
            f"{source} has more than {MAX_IMPORT_LINES:,} lines; a deck holds at most "
            f"{MAX_CARDS:,} cards: split the file and import each part"
        )
    progress = None
    if sys.stderr.isatty() and text.count("\n") >= PROGRESS_MIN_LINES:
        progress = text_progress(sys.stderr, f"Reading {source.name}")
    result = import_text(text, str(source), fmt, progress=progress)
    return replace(result, notes=(encoding_note, *result.notes)) if encoding_note else result


def _existing_id(path: Path) -> str | None:
    """Re-importing over a deck keeps its id, so progress keyed by deck id survives."""
    from kdquiz.core.decks import load_deck

    try:
        return load_deck(path).id
    except DeckError:
        return None
