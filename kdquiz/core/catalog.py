"""Every deck kdquiz can see: the shipped ones, the user's decks folder, and paths given.

Validated decks are cached in the data directory, keyed by a hash of the file's content (see
DeckCache), so starting the game does not re-parse big unchanged decks, and a warm start reads
only each deck's title, tags and counts before the first paint (LazyDeck). The cache holds
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
from functools import cache
from io import BytesIO
from pathlib import Path
from sys import intern
from typing import IO, TYPE_CHECKING, Any

from kdquiz import __version__
from kdquiz.core.deck_files import DECK_ENDINGS, MAX_FILE_BYTES, deck_file_errors, deck_files
from kdquiz.core.files import read_capped, regular_stat, replacing
from kdquiz.core.model import (
    Deck,
    ItemIndex,
    Kind,
    LazyDeck,
    Source,
    field_names,
)
from kdquiz.errors import DeckError, Problem
from kdquiz.locations import bundled_decks_dir, user_decks_dir

if TYPE_CHECKING:
    from kdquiz.core import cards
    from kdquiz.core.cards import Card

#: The leading number is the layout below: bump it when that changes, so old entries are rebuilt.
CACHE_VERSION = f"4-{__version__}"


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
# One file, several pickles read in turn: the stamp (layout version and content hash, checked
# before anything else is read), the deck's own fields as a dict (with "cards" holding the number
# of cards, "items" its items and "tag_items" the items of each card tag), then the cards in
# chunks of up to _CHUNK rows, so only one chunk of plain rows is alive while cards are rebuilt.
# A card row is the card's fields in dataclass order without `kind` (nested objects as tuples),
# then the kind's value, then the class's index in the kinds registry (`_Layout.classes`).

_CHUNK = 4096
_KINDS = {kind.value: kind for kind in Kind}


class _PlainUnpickler(pickle.Unpickler):
    """Builds only tuples, dicts, strings, numbers, booleans, None and frozensets."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the deck cache")


def _card_row(card: Card, layout: _Layout) -> tuple:
    row: list[Any] = []
    for name in layout.row_names[type(card)]:
        value = getattr(card, name)
        if name == "source" and value is not None:
            value = (value.doc, value.paragraph, value.hint)
        elif name == "choices":
            value = tuple((c.text, c.feedback) for c in value)
        elif name == "gaps":
            value = tuple((g.answer, g.hint) for g in value)
        row.append(value)
    row += [card.kind.value, layout.classes.index(type(card))]
    return tuple(row)


_Setter = Callable[[Any, Any], None]
if TYPE_CHECKING:  # only annotations name the card classes, which a warm start does not import
    _RowReader = tuple[type[Card], list[_Setter], int, Callable[[Any], Any]]


def _slot_setter(cls: type, name: str) -> _Setter:
    return getattr(cls, name).__set__


def _pair_reader(cls: type[cards.Choice | cards.Gap]) -> Callable[[tuple[str, str]], Any]:
    """Choice or Gap from its two fields (faster than calling the class, as for cards below)."""
    new = object.__new__
    set_first, set_second = (_slot_setter(cls, name) for name in field_names(cls))

    def read(pair: tuple[str, str]) -> Any:
        obj = new(cls)
        set_first(obj, pair[0])
        set_second(obj, pair[1])
        return obj

    return read


def _row_readers(
    classes: tuple[type[Card], ...], row_names: dict[type[Card], tuple[str, ...]]
) -> list[_RowReader]:
    """Per class index: the class, a slot setter per row value, and where its nested objects are.

    The frozen classes refuse attribute writes, and calling __init__ with keywords is slow; the
    slots' own descriptors fill a bare instance several times faster (cards are the bulk of a
    warm start).
    """
    from kdquiz.core import cards

    readers: list[_RowReader] = []
    for cls in classes:
        names = row_names[cls]
        nested = next((n for n in names if n in ("choices", "gaps")), None)
        readers.append(
            (
                cls,
                [_slot_setter(cls, n) for n in names],
                names.index(nested) if nested else -1,
                _pair_reader(cards.Choice if nested == "choices" else cards.Gap),
            )
        )
    return readers


class _Layout:
    """The card classes (from the kinds registry) and how their rows are written and read: made
    when cards are first read or written, so that a warm start, which reads no cards before its
    first paint, never imports the kinds (their parsing and grading code)."""

    def __init__(self) -> None:
        from kdquiz.core.cards import Card, SourceRef
        from kdquiz.core.kinds import KINDS

        self.card, self.source_ref = Card, SourceRef
        self.classes: tuple[type[Card], ...] = tuple(spec.card_class for spec in KINDS.values())
        self.row_names = {
            cls: tuple(n for n in field_names(cls) if n != "kind") for cls in self.classes
        }
        self.readers = _row_readers(self.classes, self.row_names)
        # Card's own fields come first in every class, so they sit at the same place in every row.
        self.source_at = self.row_names[self.classes[0]].index("source")
        self.tags_at = self.row_names[self.classes[0]].index("tags")


@cache
def _layout() -> _Layout:
    return _Layout()


def _read_rows(rows: tuple, out: list[Card]) -> None:
    new = object.__new__
    layout = _layout()
    readers, kinds = layout.readers, _KINDS
    set_kind, set_source, set_tags = (
        _slot_setter(layout.card, n) for n in ("kind", "source", "tags")
    )
    source_ref = layout.source_ref
    source_at, tags_at = layout.source_at, layout.tags_at
    for row in rows:
        cls, setters, nested_at, make = readers[row[-1]]
        card = new(cls)
        for set_value, value in zip(setters, row):
            set_value(card, value)
        set_kind(card, kinds[row[-2]])
        if row[source_at] is not None:
            set_source(card, source_ref(*row[source_at]))
        if row[tags_at]:
            set_tags(card, tuple(map(intern, row[tags_at])))
        if nested_at >= 0:
            setters[nested_at](card, tuple(map(make, row[nested_at])))
        out.append(card)


def _write_deck(fh: IO[bytes], deck: Deck) -> None:
    head = {n: getattr(deck, n) for n in field_names(Deck) if n not in ("cards", "_by_id", "path")}
    head["sources"] = tuple((s.id, s.title, s.author, s.url) for s in deck.sources)
    head["cards"] = len(deck.cards)
    head["items"] = deck.item_count()
    head["tag_items"] = deck.card_tags()
    body = BytesIO()
    layout = _layout()
    for start in range(0, len(deck.cards), _CHUNK):
        rows = tuple(_card_row(card, layout) for card in deck.cards[start : start + _CHUNK])
        pickle.dump(rows, body, protocol=pickle.HIGHEST_PROTOCOL)
    index = deck.item_index()
    pickle.dump(
        (index.plain, index.packed_plain_at, index.keys, index.packed_owners),
        body,
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    # The length of what follows the head: a lazy read checks it before it trusts the entry.
    head["body_bytes"] = body.tell()
    pickle.dump(head, fh, protocol=pickle.HIGHEST_PROTOCOL)
    fh.write(body.getbuffer())


def _read_cards(fh: IO[bytes], count: int) -> tuple[tuple[Card, ...], ItemIndex]:
    """The cards of an entry, and the item index written after them."""
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
    return tuple(cards), _checked_index(_PlainUnpickler(fh).load(), count)


def _checked_index(values: Any, count: int) -> ItemIndex:
    """The item index read from an entry, once it is sure to fit `count` cards (the queue indexes
    cards with it: a tampered entry must be refused here, not fail there)."""
    plain, plain_at, keys, owners = values
    if not (
        isinstance(plain, bytes)
        and isinstance(plain_at, bytes)
        and isinstance(owners, bytes)
        and isinstance(keys, tuple)
        and all(isinstance(key, str) for key in keys)
    ):
        raise ValueError("the cache entry's item index is not what kdquiz writes")
    index = ItemIndex(plain, plain_at, keys, owners)
    positions, cards = index.plain_at, index.owners  # (these raise on a size that does not fit)
    if not (
        len(plain) == count
        and plain.count(1) == len(positions) == len(plain) - plain.count(0)
        and len(cards) == len(keys)
        and max(positions, default=0) < max(count, 1)
        and max(cards, default=0) < max(count, 1)
        and list(positions) == sorted(positions)
        and list(cards) == sorted(cards)
    ):
        raise ValueError("the cache entry's item index does not fit its cards")
    return index


def _read_head(fh: IO[bytes]) -> tuple[dict[str, Any], int, int, int, dict[str, int]]:
    """(the deck's fields, its card count, the bytes after the head, its items, its tag items)
    from an entry whose stamp has been read."""
    head = _PlainUnpickler(fh).load()
    count, length = head.pop("cards"), head.pop("body_bytes")
    items, tag_items = head.pop("items"), head.pop("tag_items")
    head["sources"] = tuple(Source(*s) for s in head["sources"])
    head["tags"] = tuple(map(intern, head["tags"]))
    return head, count, length, items, tag_items


def _body(fh: IO[bytes], length: int) -> None:
    """Check that the entry's cards and index, `length` bytes from here, are all there."""
    here = fh.tell()
    if fh.seek(0, 2) - here != length:
        raise ValueError("the cache entry is cut short or too long")
    fh.seek(here)


def _content_hash(data: bytes = b"") -> hashlib.blake2b:
    return hashlib.blake2b(data, digest_size=20)


class DeckCache:
    """A folder of validated decks; any unreadable entry is simply ignored and rebuilt.

    An entry is named by the resolved path of the deck file it was written for and a hash of that
    file's content, and is found by the hash alone: an identical copy of a deck, or the same file
    reached by another spelling of its path (a symbolic link, `..`, a relative data directory), is
    read from the cache, and only a change of content makes a new parse. Writing an entry removes
    the older ones of the same file, so the folder holds one entry per deck file.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    @staticmethod
    def _file_key(path: Path) -> str:
        return hashlib.blake2b(
            str(path.resolve()).encode("utf-8", "surrogateescape"), digest_size=16
        ).hexdigest()

    def load(self, path: Path, *, lazy: bool = False) -> Deck:
        """The deck at `path`, from the cache when an entry for its content exists.

        `lazy` returns a LazyDeck when the entry is used: title, tags and counts now, cards later.
        """
        shown = str(path)
        with deck_file_errors(path):
            regular_stat(path, "a deck", limit=MAX_FILE_BYTES, link_endings=DECK_ENDINGS)
        if self.folder is not None:
            cached = self._find(path, shown, lazy)
            if cached is not None:
                return cached
        from kdquiz.core.decks import deck_text, load_deck_text

        with deck_file_errors(path):
            data = read_capped(path, "a deck", limit=MAX_FILE_BYTES, link_endings=DECK_ENDINGS)
        digest = _content_hash(data).hexdigest()
        text = deck_text(data, shown)
        del data  # a big deck's bytes, text and cards need not all be held at once
        deck = load_deck_text(text, shown)
        del text
        if self.folder is not None:
            self._write(self.folder, self._file_key(path), digest, deck)
        return deck

    def _find(self, path: Path, shown: str, lazy: bool) -> Deck | None:
        assert self.folder is not None
        try:
            with path.open("rb") as deck_file:  # hashed in blocks, never held whole
                digest = hashlib.file_digest(deck_file, _content_hash).hexdigest()
            own = self.folder / f"{self._file_key(path)}-{digest}.pickle"
            entries = [own] if own.is_file() else []
            if not entries:
                suffix = f"-{digest}.pickle"
                entries = [e for e in self.folder.iterdir() if e.name.endswith(suffix)]
        except OSError:
            return None
        for entry in entries:
            deck = self._read(entry, digest, shown, lazy)
            if deck is not None:
                return deck
        return None

    def _read(self, entry: Path, digest: str, shown: str, lazy: bool) -> Deck | None:
        """The deck of `entry`, if it is one for content `digest`. With `lazy`, only its head is
        read now and its cards on first use (see LazyDeck), from the entry opened again and
        checked again; should that fail (the entry was removed or damaged in between), the deck
        file is read through the cache once more."""
        stamp = (CACHE_VERSION, digest)
        try:
            with entry.open("rb") as fh:
                if _PlainUnpickler(fh).load() != stamp:
                    return None
                head, count, length, items, tag_items = _read_head(fh)
                _body(fh, length)
                if not lazy:
                    return Deck(cards=_read_cards(fh, count)[0], path=shown, **head)
        except Exception:  # noqa: BLE001 - a bad cache entry is rebuilt, never fatal
            return None

        def load() -> tuple[tuple[Card, ...], ItemIndex | None]:
            try:
                with entry.open("rb") as fh:
                    if _PlainUnpickler(fh).load() != stamp or _read_head(fh)[1] != count:
                        raise ValueError("the cache entry changed")
                    _body(fh, length)
                    return _read_cards(fh, count)
            except Exception:  # noqa: BLE001 - a damaged or removed entry: read the file again
                return self.load(Path(shown)).cards, None

        return LazyDeck.create(load, items, tag_items, path=shown, **head)

    @staticmethod
    def _write(folder: Path, file_key: str, digest: str, deck: Deck) -> None:
        entry = folder / f"{file_key}-{digest}.pickle"
        try:
            with replacing(entry, binary=True, durable=False) as fh:
                pickle.dump((CACHE_VERSION, digest), fh, protocol=pickle.HIGHEST_PROTOCOL)
                _write_deck(fh, deck)
            for old in folder.glob(f"{file_key}-*.pickle"):
                if old != entry:
                    old.unlink(missing_ok=True)
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
                deck = cache.load(path, lazy=True)
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
