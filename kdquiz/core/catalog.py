"""Every deck kdquiz can see: the shipped ones, the user's decks folder, and paths given.

Validated decks are cached in the data directory, keyed by path, size, modification time and a
hash of the content, so starting the game does not re-parse big unchanged decks. The cache holds
only plain values (tuples of strings, numbers, booleans and None), read back by an unpickler that
refuses every global: a tampered cache file cannot name a class or function, so at worst it is
refused and rebuilt, never run. kdquiz's objects are rebuilt from those values here.
"""

from __future__ import annotations

import gc
import hashlib
import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from sys import intern
from typing import IO, Any

from kdquiz import __version__
from kdquiz.core.decks import (
    DECK_ENDINGS,
    MAX_FILE_BYTES,
    deck_file_errors,
    deck_files,
    deck_text,
    load_deck_text,
)
from kdquiz.core.files import read_capped, regular_stat, replacing
from kdquiz.core.kinds import KINDS
from kdquiz.core.model import Card, Choice, Deck, Gap, Kind, Source, SourceRef, field_names
from kdquiz.errors import DeckError, Problem
from kdquiz.locations import bundled_decks_dir, user_decks_dir

#: The leading number is the layout below: bump it when that changes, so old entries are rebuilt.
CACHE_VERSION = f"2-{__version__}"


@dataclass
class Catalog:
    decks: list[Deck] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Where each deck came from: "shipped", "yours" or "given".
    origins: dict[str, str] = field(default_factory=dict)

    def deck(self, deck_id: str) -> Deck | None:
        return next((d for d in self.decks if d.id == deck_id), None)


# -- the cache layout ---------------------------------------------------------------------------
#
# One file, several pickles read in turn: the stamp (checked before anything else is read), the
# deck's own fields as a dict (with "cards" holding the number of cards), then the cards in
# chunks of up to _CHUNK rows, so only one chunk of plain rows is alive while cards are rebuilt.
# A card row is the card's fields in dataclass order without `kind` (nested objects as tuples),
# then the kind's value, then the class's index in _CARD_CLASSES.

_CARD_CLASSES: tuple[type[Card], ...] = tuple(spec.card_class for spec in KINDS.values())
_CHUNK = 4096
_ROW_NAMES = {cls: tuple(n for n in field_names(cls) if n != "kind") for cls in _CARD_CLASSES}
_KINDS = {kind.value: kind for kind in Kind}


class _PlainUnpickler(pickle.Unpickler):
    """Builds only tuples, dicts, strings, numbers, booleans, None and frozensets."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the deck cache")


def _card_row(card: Card) -> tuple:
    row: list[Any] = []
    for name in _ROW_NAMES[type(card)]:
        value = getattr(card, name)
        if name == "source" and value is not None:
            value = (value.doc, value.paragraph, value.hint)
        elif name == "choices":
            value = tuple((c.text, c.feedback) for c in value)
        elif name == "gaps":
            value = tuple((g.answer, g.hint) for g in value)
        row.append(value)
    row += [card.kind.value, _CARD_CLASSES.index(type(card))]
    return tuple(row)


_Setter = Callable[[Any, Any], None]
_RowReader = tuple[type[Card], list[_Setter], int, Callable[[Any], Any]]


def _slot_setter(cls: type, name: str) -> _Setter:
    return getattr(cls, name).__set__


def _pair_reader(cls: type[Choice | Gap]) -> Callable[[tuple[str, str]], Any]:
    """Choice or Gap from its two fields (faster than calling the class, as for cards below)."""
    new = object.__new__
    set_first, set_second = (_slot_setter(cls, name) for name in field_names(cls))

    def read(pair: tuple[str, str]) -> Any:
        obj = new(cls)
        set_first(obj, pair[0])
        set_second(obj, pair[1])
        return obj

    return read


def _row_readers() -> list[_RowReader]:
    """Per class index: the class, a slot setter per row value, and where its nested objects are.

    The frozen classes refuse attribute writes, and calling __init__ with keywords is slow; the
    slots' own descriptors fill a bare instance several times faster (cards are the bulk of a
    warm start).
    """
    readers: list[_RowReader] = []
    for cls in _CARD_CLASSES:
        names = _ROW_NAMES[cls]
        nested = next((n for n in names if n in ("choices", "gaps")), None)
        readers.append(
            (
                cls,
                [_slot_setter(cls, n) for n in names],
                names.index(nested) if nested else -1,
                _pair_reader(Choice if nested == "choices" else Gap),
            )
        )
    return readers


_READERS = _row_readers()
# Card's own fields come first in every class, so they sit at the same place in every row.
_SOURCE_AT = _ROW_NAMES[_CARD_CLASSES[0]].index("source")
_TAGS_AT = _ROW_NAMES[_CARD_CLASSES[0]].index("tags")


def _read_rows(rows: tuple, out: list[Card]) -> None:
    new = object.__new__
    readers, kinds = _READERS, _KINDS
    set_kind, set_source, set_tags = (_slot_setter(Card, n) for n in ("kind", "source", "tags"))
    source_at, tags_at = _SOURCE_AT, _TAGS_AT
    for row in rows:
        cls, setters, nested_at, make = readers[row[-1]]
        card = new(cls)
        for set_value, value in zip(setters, row):
            set_value(card, value)
        set_kind(card, kinds[row[-2]])
        if row[source_at] is not None:
            set_source(card, SourceRef(*row[source_at]))
        if row[tags_at]:
            set_tags(card, tuple(map(intern, row[tags_at])))
        if nested_at >= 0:
            setters[nested_at](card, tuple(map(make, row[nested_at])))
        out.append(card)


def _write_deck(fh: IO[bytes], deck: Deck) -> None:
    head = {n: getattr(deck, n) for n in field_names(Deck) if n not in ("cards", "_by_id")}
    head["sources"] = tuple((s.id, s.title, s.author, s.url) for s in deck.sources)
    head["cards"] = len(deck.cards)
    pickle.dump(head, fh, protocol=pickle.HIGHEST_PROTOCOL)
    for start in range(0, len(deck.cards), _CHUNK):
        rows = tuple(_card_row(card) for card in deck.cards[start : start + _CHUNK])
        pickle.dump(rows, fh, protocol=pickle.HIGHEST_PROTOCOL)


def _read_deck(fh: IO[bytes]) -> Deck:
    head = _PlainUnpickler(fh).load()
    count = head.pop("cards")
    cards: list[Card] = []
    # Rebuilding creates a million objects and no garbage: the collector would only rescan them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        while len(cards) < count:
            rows = _PlainUnpickler(fh).load()
            if not rows:
                raise ValueError("the cache entry ends early")
            _read_rows(rows, cards)
    finally:
        if collecting:
            gc.enable()
    sources = tuple(Source(*s) for s in head.pop("sources"))
    tags = tuple(map(intern, head.pop("tags")))
    return Deck(cards=tuple(cards), sources=sources, tags=tags, **head)


def _content_hash(data: bytes = b"") -> hashlib.blake2b:
    return hashlib.blake2b(data, digest_size=20)


class DeckCache:
    """A folder of validated decks; any unreadable entry is simply ignored and rebuilt."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _entry(self, path: Path) -> Path | None:
        if self.folder is None:
            return None
        key = hashlib.blake2b(
            str(path.resolve()).encode("utf-8", "surrogateescape"), digest_size=16
        ).hexdigest()
        return self.folder / f"{key}.pickle"

    def load(self, path: Path) -> Deck:
        """The deck at `path`, from the cache when the file is unchanged."""
        shown = str(path)
        with deck_file_errors(path):
            stat = regular_stat(path, "a deck", limit=MAX_FILE_BYTES, link_endings=DECK_ENDINGS)
        head = (CACHE_VERSION, shown, stat.st_size, stat.st_mtime_ns)
        entry = self._entry(path)
        if entry is not None:
            cached = self._read(entry, head, path)
            if cached is not None:
                return cached
        with deck_file_errors(path):
            data = read_capped(path, "a deck", limit=MAX_FILE_BYTES, link_endings=DECK_ENDINGS)
        stamp = (*head, _content_hash(data).hexdigest())
        text = deck_text(data, shown)
        del data  # a big deck's bytes, text and cards need not all be held at once
        deck = load_deck_text(text, shown)
        del text
        if entry is not None:
            self._write(entry, stamp, deck)
        return deck

    @staticmethod
    def _read(entry: Path, head: tuple, path: Path) -> Deck | None:
        try:
            with entry.open("rb") as fh:
                # The stamp comes first: a changed size or time is seen before anything is hashed.
                stamp = _PlainUnpickler(fh).load()
                if not isinstance(stamp, tuple) or stamp[:4] != head:
                    return None
                with path.open("rb") as deck_file:  # hashed in blocks, never held whole
                    if stamp[4:] != (hashlib.file_digest(deck_file, _content_hash).hexdigest(),):
                        return None
                return _read_deck(fh)
        except Exception:  # noqa: BLE001 - a bad cache entry is rebuilt, never fatal
            return None

    @staticmethod
    def _write(entry: Path, stamp: tuple, deck: Deck) -> None:
        try:
            with replacing(entry, binary=True, durable=False) as fh:
                pickle.dump(stamp, fh, protocol=pickle.HIGHEST_PROTOCOL)
                _write_deck(fh, deck)
        except OSError:  # a read-only or full data dir only costs speed
            pass


def default_sources(
    data_dir: Path | None, extra: Iterable[str | Path] = (), include_shipped: bool = True
) -> list[tuple[str, Path]]:
    sources: list[tuple[str, Path]] = []
    if include_shipped:
        sources.append(("shipped", bundled_decks_dir()))
    if data_dir is not None:
        sources.append(("yours", user_decks_dir(data_dir)))
    sources.extend(("given", Path(p)) for p in extra)
    return sources


def load_catalog(
    data_dir: Path | None,
    extra_paths: Iterable[str | Path] = (),
    *,
    include_shipped: bool = True,
    use_cache: bool = True,
) -> Catalog:
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
            if (
                deck.id in first_path
                and origin == "yours"
                and catalog.origins[deck.id] == "shipped"
            ):
                # The learner's copy of a shipped deck (made to edit it) stands in for it.
                at = next(i for i, d in enumerate(catalog.decks) if d.id == deck.id)
                catalog.decks[at] = deck
                catalog.origins[deck.id] = origin
                first_path[deck.id] = str(path)
                continue
            if deck.id in first_path:
                catalog.problems.append(
                    Problem(
                        str(path),
                        1,
                        1,
                        f"deck id '{deck.id}' is already used by {first_path[deck.id]}: "
                        "give this deck its own id",
                    )
                )
                continue
            first_path[deck.id] = str(path)
            catalog.decks.append(deck)
            catalog.origins[deck.id] = origin
    return catalog
