"""Which files are decks, and a deck file that cannot be read safely as a DeckError: all that a
warm start needs of deck files, without the YAML reader and the checks of `kdquiz.core.decks`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kdquiz.core.files import InputFileError
from kdquiz.errors import DeckError

MAX_FILE_BYTES = 32 * 1024 * 1024
#: The endings of a deck file: the decks folder, `check --watch` and `import -o` go by them, and
#: a deck reached through a symbolic link must lead to a file with one of them.
DECK_ENDINGS = (".yaml", ".yml")


def is_deck_name(name: str) -> bool:
    """Whether a file of this name in a folder is one of its decks: a deck ending (as written,
    `.YAML` is not one), and not hidden (a name starting with a dot, as an editor's backup)."""
    return Path(name).suffix in DECK_ENDINGS and not name.startswith(".")


@contextmanager
def deck_file_errors(path: str | Path) -> Iterator[None]:
    """A deck file that cannot be read safely (see `kdquiz.core.files`) as a DeckError."""
    try:
        yield
    except InputFileError as exc:
        if exc.too_big:
            raise DeckError.single(str(path), too_big(exc.size)) from None
        raise DeckError.single(str(path), exc.reason) from None


def too_big(size: int | None) -> str:
    """What is said of a deck file over the limit: its size, when it is known (a file that grew
    while it was read has none)."""
    shown = f"{size / 1e6:.1f} MB" if size else f"over {MAX_FILE_BYTES // 2**20} MiB"
    return (
        f"the file is {shown}; decks are limited to {MAX_FILE_BYTES // 2**20} MiB: "
        "split it into several decks"
    )


def deck_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders into the .yaml/.yml files inside them (recursively, sorted)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if is_deck_name(p.name) and p.is_file()))
        else:
            out.append(path)
    return out
