"""Every deck kdquiz can see: the shipped ones, the user's decks folder, and paths given.

Validated decks are cached in the data directory, keyed by path, size, modification time and a
hash of the content, so starting the game does not re-parse big unchanged decks. The cache is a
pickle read back by an unpickler that only accepts kdquiz's own model classes: a tampered cache
file can at worst be refused, never run code.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kdquiz import __version__
from kdquiz.core import model
from kdquiz.core.decks import MAX_FILE_BYTES, deck_files, load_deck_bytes
from kdquiz.core.model import Deck
from kdquiz.errors import DeckError, Problem
from kdquiz.locations import bundled_decks_dir, user_decks_dir

CACHE_VERSION = f"1-{__version__}"


@dataclass
class Catalog:
    decks: list[Deck] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Where each deck came from: "shipped", "yours" or "given".
    origins: dict[str, str] = field(default_factory=dict)

    def deck(self, deck_id: str) -> Deck | None:
        return next((d for d in self.decks if d.id == deck_id), None)


class _ModelUnpickler(pickle.Unpickler):
    _ALLOWED_BUILTINS = {"frozenset", "set", "tuple", "list", "dict"}

    def find_class(self, module: str, name: str) -> type:
        if module == "kdquiz.core.model" and hasattr(model, name):
            return getattr(model, name)  # type: ignore[no-any-return]
        if module == "builtins" and name in self._ALLOWED_BUILTINS:
            return __builtins__[name] if isinstance(__builtins__, dict) else getattr(__builtins__, name)
        if module == "copyreg" and name == "_reconstructor":
            import copyreg

            return copyreg._reconstructor  # type: ignore[attr-defined,no-any-return]
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the deck cache")


class DeckCache:
    """A folder of validated decks; any unreadable entry is simply ignored and rebuilt."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _entry(self, path: Path) -> Path | None:
        if self.folder is None:
            return None
        key = hashlib.blake2b(str(path.resolve()).encode("utf-8", "surrogateescape"),
                              digest_size=16).hexdigest()
        return self.folder / f"{key}.pickle"

    def load(self, path: Path) -> Deck:
        """The deck at `path`, from the cache when the file is unchanged."""
        shown = str(path)
        try:
            stat = path.stat()
            if stat.st_size > MAX_FILE_BYTES:
                raise DeckError.single(shown, f"the file is {stat.st_size / 1e6:.1f} MB; decks are "
                                              f"limited to {MAX_FILE_BYTES // 2**20} MiB: split it")
            data = path.read_bytes()
        except OSError as exc:
            raise DeckError.single(shown, f"cannot read the file: {exc.strerror or exc}") from None
        digest = hashlib.blake2b(data, digest_size=20).hexdigest()
        stamp = (CACHE_VERSION, shown, stat.st_size, stat.st_mtime_ns, digest)
        entry = self._entry(path)
        if entry is not None:
            cached = self._read(entry, stamp)
            if cached is not None:
                return cached
        deck = load_deck_bytes(data, shown)
        if entry is not None:
            self._write(entry, stamp, deck)
        return deck

    @staticmethod
    def _read(entry: Path, stamp: tuple) -> Deck | None:
        try:
            with entry.open("rb") as fh:
                # Two pickles in one file: the stamp is checked before the deck is read.
                if _ModelUnpickler(fh).load() != stamp:
                    return None
                deck = _ModelUnpickler(fh).load()
            return deck if isinstance(deck, Deck) else None
        except Exception:  # noqa: BLE001 - a bad cache entry is rebuilt, never fatal
            return None

    @staticmethod
    def _write(entry: Path, stamp: tuple, deck: Deck) -> None:
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            buffer = io.BytesIO()
            pickle.dump(stamp, buffer, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(deck, buffer, protocol=pickle.HIGHEST_PROTOCOL)
            tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
            tmp.write_bytes(buffer.getvalue())
            tmp.replace(entry)
        except OSError:
            pass  # a read-only or full data dir only costs speed


def default_sources(data_dir: Path | None, extra: Iterable[str | Path] = (),
                    include_shipped: bool = True) -> list[tuple[str, Path]]:
    sources: list[tuple[str, Path]] = []
    if include_shipped:
        sources.append(("shipped", bundled_decks_dir()))
    if data_dir is not None:
        sources.append(("yours", user_decks_dir(data_dir)))
    sources.extend(("given", Path(p)) for p in extra)
    return sources


def load_catalog(data_dir: Path | None, extra_paths: Iterable[str | Path] = (), *,
                 include_shipped: bool = True, use_cache: bool = True) -> Catalog:
    """Load every deck; broken decks are left out and their problems listed, never fatal."""
    cache = DeckCache(data_dir / "cache" / "decks" if (use_cache and data_dir) else None)
    catalog = Catalog()
    seen_files: set[Path] = set()
    first_path: dict[str, str] = {}
    for origin, root in default_sources(data_dir, extra_paths, include_shipped):
        if origin != "given" and not root.is_dir():
            continue
        for path in deck_files([root]):
            resolved = path.resolve()
            if resolved in seen_files:
                continue
            seen_files.add(resolved)
            try:
                deck = cache.load(path)
            except DeckError as exc:
                catalog.problems.extend(exc.problems)
                continue
            if deck.id in first_path:
                catalog.problems.append(Problem(
                    str(path), 1, 1, f"deck id '{deck.id}' is already used by {first_path[deck.id]}: "
                                     "give this deck its own id"))
                continue
            first_path[deck.id] = str(path)
            catalog.decks.append(deck)
            catalog.origins[deck.id] = origin
    return catalog
