"""Copy a shipped deck into the learner's decks folder, so edits survive a reinstall.

The copy keeps the deck's id, so progress (keyed by deck id) stays with it, and the catalog lets a
deck in the learner's folder stand in for the shipped deck of the same id.
"""

from __future__ import annotations

from pathlib import Path

from kdquiz.core.files import read_capped, replacing


def copy_deck(source: Path, decks_dir: Path) -> Path:
    """Copy the deck file `source` byte for byte into `decks_dir` under its own name (or
    name-2.yaml ... when that is taken, never overwriting a file). Returns the copy's path."""
    from kdquiz.core.decks import MAX_FILE_BYTES

    data = read_capped(source, "a deck file", limit=MAX_FILE_BYTES)
    target = decks_dir / source.name
    number = 1
    while target.exists():
        number += 1
        target = decks_dir / f"{source.stem}-{number}{source.suffix}"
    with replacing(target, binary=True) as handle:
        handle.write(data)
    return target
