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
import os
import pickle
import time
import weakref
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from io import BytesIO
from pathlib import Path
from sys import intern
from threading import RLock
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
CACHE_VERSION = f"5-{__version__}"


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
# of cards, "items" its items and "tag_items" the items of each card tag), the card ids in deck
# order (one string, joined by _ID_SEP), the item index, where each card's row lies (`_Rows`),
# each card's position by its id (`_id_table`), each card's kind (one byte, its place in `Kind`:
# statistics group answers by kind without building a card), then the cards in chunks of up to
# _CHUNK rows, so only one chunk of plain rows is alive while cards are rebuilt. A card row is
# the card's fields in dataclass order without `kind` (nested objects as tuples), then the kind's
# value, then the class's index in the kinds registry (`_Layout.classes`).
#
# Each row is pickled without the pickler's memo and the chunk is framed by hand (`_chunk`), so a
# row's bytes are a pickle of their own between a PROTO and a STOP: the first queue of a big deck
# reads just the cards it holds, one small read each, not the other 99,990.

_CHUNK = 4096
_KINDS = {kind.value: kind for kind in Kind}
_KIND_ORDER = tuple(Kind)
#: Card ids are slugs: this never occurs in one.
_ID_SEP = "\x1e"
#: A chunk's bytes before its first row (PROTO 5, FRAME and its length, MARK) and after its last
#: (TUPLE, STOP).
_CHUNK_HEAD, _CHUNK_TAIL = 12, 2
_PROTO = b"\x80\x05"
#: A deck file changed less than this before it was read may change again without its stat
#: showing it (file systems with coarse times): its digest is not remembered by stat then.
_SETTLED_NS = 2_000_000_000


def _signature(info: os.stat_result) -> tuple[int, ...]:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


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

        self.source_ref = SourceRef
        self.classes: tuple[type[Card], ...] = tuple(spec.card_class for spec in KINDS.values())
        self.row_names = {
            cls: tuple(n for n in field_names(cls) if n != "kind") for cls in self.classes
        }
        self.readers = _row_readers(self.classes, self.row_names)
        # Card's own fields come first in every class, so they sit at the same place in every row.
        self.source_at = self.row_names[self.classes[0]].index("source")
        self.tags_at = self.row_names[self.classes[0]].index("tags")
        self.set_kind, self.set_source, self.set_tags = (
            _slot_setter(Card, n) for n in ("kind", "source", "tags")
        )


@cache
def _layout() -> _Layout:
    return _Layout()


def _read_rows(rows: tuple, out: list[Card]) -> None:
    new = object.__new__
    layout = _layout()
    readers, kinds = layout.readers, _KINDS
    set_kind, set_source, set_tags = layout.set_kind, layout.set_source, layout.set_tags
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


def _row_ops(pickler: pickle.Pickler, buffer: BytesIO, row: tuple) -> bytes:
    """The opcodes that build `row`, readable on their own: no memo (the pickler is in fast mode)
    and no frame."""
    buffer.seek(0)
    buffer.truncate()
    pickler.dump(row)
    data = buffer.getvalue()
    if (
        len(data) > 11
        and data[2] == 0x95
        and int.from_bytes(data[3:11], "little") == len(data) - 11
    ):
        return data[11:-1]
    # A row over the pickler's frame size comes in several frames: keep only the opcodes.
    import pickletools

    ops = list(pickletools.genops(data))
    ends = [at for _, _, at in ops[1:]] + [len(data)]
    return b"".join(
        data[at:end]
        for (op, _, at), end in zip(ops, ends)
        if op.name not in ("PROTO", "FRAME", "STOP")
    )


def _chunk(ops: list[bytes]) -> bytes:
    """One pickle of the tuple of the rows whose opcodes are `ops`, in one frame."""
    body = b"(" + b"".join(ops) + b"t."
    return _PROTO + b"\x95" + len(body).to_bytes(8, "little") + body


#: An empty slot of the id table.
_NO_CARD = 0xFFFFFFFF


def _id_slot(card_id: str, mask: int) -> int:
    return zlib.crc32(card_id.encode("utf-8", "surrogateescape")) & mask


def _id_table(cards: Sequence[Card]) -> bytes:
    """Each card's position by its id, as an open-addressing hash table of packed numbers (at
    most half full): read from the entry as it is, it finds a card with no dict of 100,000 ids
    built first."""
    from array import array

    size = 2
    while size < 2 * len(cards):
        size *= 2
    table = array("I", [_NO_CARD]) * size
    for n, card in enumerate(cards):
        slot = _id_slot(card.id, size - 1)
        while table[slot] != _NO_CARD:
            slot = (slot + 1) & (size - 1)
        table[slot] = n
    return table.tobytes()


def _write_deck(fh: IO[bytes], deck: Deck) -> None:
    from array import array

    head = {n: getattr(deck, n) for n in field_names(Deck) if n not in ("cards", "_by_id", "path")}
    head["sources"] = tuple((s.id, s.title, s.author, s.url) for s in deck.sources)
    head["cards"] = len(deck.cards)
    head["items"] = deck.item_count()
    head["tag_items"] = deck.card_tags()
    layout = _layout()
    buffer = BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: each row's opcodes stand alone
    chunks: list[bytes] = []
    starts = array("Q")
    at = 0
    for first in range(0, len(deck.cards), _CHUNK):
        ops = [
            _row_ops(pickler, buffer, _card_row(card, layout))
            for card in deck.cards[first : first + _CHUNK]
        ]
        at += _CHUNK_HEAD
        for row in ops:
            starts.append(at)
            at += len(row)
        at += _CHUNK_TAIL
        chunks.append(_chunk(ops))
    # Where the next row would start (see _Rows.span).
    starts.append(at + _CHUNK_HEAD if len(deck.cards) % _CHUNK == 0 else at - _CHUNK_TAIL)
    body = BytesIO()
    index = deck.item_index()
    for part in (
        _ID_SEP.join(card.id for card in deck.cards),
        (index.plain, index.packed_plain_at, index.keys, index.packed_owners),
        starts.tobytes(),
        _id_table(deck.cards),
        bytes(_KIND_ORDER.index(card.kind) for card in deck.cards),
    ):
        pickle.dump(part, body, protocol=pickle.HIGHEST_PROTOCOL)
    for chunk in chunks:
        body.write(chunk)
    # The length of what follows the head: a lazy read checks it before it trusts the entry.
    head["body_bytes"] = body.tell()
    pickle.dump(head, fh, protocol=pickle.HIGHEST_PROTOCOL)
    fh.write(body.getbuffer())


def _read_cards(
    fh: IO[bytes], count: int, built: dict[int, Card] | None = None
) -> tuple[tuple[Card, ...], ItemIndex]:
    """The cards of an entry read past its head, and its item index; a card already `built` (by
    its position) is kept rather than made again, so each card has one object."""
    _checked_ids(_PlainUnpickler(fh).load(), count)
    index = _checked_index(_PlainUnpickler(fh).load(), count)
    for _ in range(3):  # where each row lies, each id, each kind: not needed to read them all
        _PlainUnpickler(fh).load()
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
    if len(cards) != count:
        raise ValueError("the cache entry has more cards than its head says")
    for n, card in (built or {}).items():
        cards[n] = card
    return tuple(cards), index


def _checked_ids(joined: Any, count: int) -> list[str]:
    if not isinstance(joined, str):
        raise ValueError("the cache entry's card ids are not what kdquiz writes")
    ids = joined.split(_ID_SEP) if count else []
    if len(ids) != count:
        raise ValueError("the cache entry's card ids do not fit its cards")
    return ids


def _checked_index(values: Any, count: int) -> ItemIndex:
    """The item index read from an entry, once it is sure to fit `count` cards (the queue indexes
    cards with it: a tampered entry must be refused here, not fail there)."""
    plain, plain_at, keys, owners = values
    if not (
        isinstance(plain, bytes)
        and isinstance(plain_at, bytes)
        and isinstance(owners, bytes)
        and isinstance(keys, tuple)
        and set(map(type, keys)) <= {str}
    ):
        raise ValueError("the cache entry's item index is not what kdquiz writes")
    index = ItemIndex(plain, plain_at, keys, owners)
    # (cast raises on a size that does not fit; lists are what max and sorted are fast on)
    positions = memoryview(plain_at).cast("I").tolist()
    cards = memoryview(owners).cast("I").tolist()
    if not (
        len(plain) == count
        and plain.count(1) == len(positions) == len(plain) - plain.count(0)
        and len(cards) == len(keys)
        and max(positions, default=0) < max(count, 1)
        and max(cards, default=0) < max(count, 1)
        and positions == sorted(positions)
        and cards == sorted(cards)
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


class _Rows:
    """An entry opened for reading single cards: its ids, where each row lies, each card's
    position by id (`_id_table`), and the file kept open to read rows from. (Read, not mapped
    into memory: a mapped file cut short by someone else would crash the process on access;
    a short read is only a damaged entry.) The item index is checked when first asked for
    (the first queue seldom needs it). Its users hold a lock: a row is read in two steps where
    there is no `os.pread`."""

    def __init__(self, fh: IO[bytes], count: int) -> None:
        self.count = count
        self.ids = _checked_ids(_PlainUnpickler(fh).load(), count)
        self._index: Any = _PlainUnpickler(fh).load()
        starts, table = _PlainUnpickler(fh).load(), _PlainUnpickler(fh).load()
        kinds = _PlainUnpickler(fh).load()
        if not (
            isinstance(starts, bytes)
            and len(starts) == 8 * (count + 1)
            and isinstance(table, bytes)
            and len(table) >= 8 * count
            and len(table).bit_count() == 1
        ):
            raise ValueError("the cache entry's row positions do not fit its cards")
        if not (
            isinstance(kinds, bytes) and len(kinds) == count and max(kinds, default=0) < len(Kind)
        ):
            raise ValueError("the cache entry's card kinds do not fit its cards")
        self.kinds = kinds
        self.starts = memoryview(starts).cast("Q")
        self.table = memoryview(table).cast("I")
        self.base = fh.tell()
        self._fd = os.dup(fh.fileno())
        weakref.finalize(self, os.close, self._fd)

    def _read(self, offset: int, size: int) -> bytes:
        if size < 0:
            raise ValueError("the cache entry's row positions are out of order")
        if hasattr(os, "pread"):
            return os.pread(self._fd, size, offset)
        os.lseek(self._fd, offset, os.SEEK_SET)
        return os.read(self._fd, size)

    def index(self) -> ItemIndex:
        if not isinstance(self._index, ItemIndex):
            self._index = _checked_index(self._index, self.count)
        return self._index

    def position(self, card_id: str) -> int | None:
        table, ids = self.table, self.ids
        mask = len(table) - 1
        slot = _id_slot(card_id, mask)
        for _ in range(len(table)):  # (bounded: a damaged table has no empty slot)
            n = table[slot]
            if n == _NO_CARD:
                return None
            if ids[n] == card_id:
                return n
            slot = (slot + 1) & mask
        return None

    def rows(self, first: int, end: int) -> tuple:
        """The rows of cards `first` to `end` (excluded, in one chunk), from their opcodes
        alone (see the layout above): one read, one pickle of their tuple."""
        last = end - 1
        if not (0 <= first <= last < self.count and first // _CHUNK == last // _CHUNK):
            raise ValueError("the rows asked for are not in one chunk")
        stop = self.starts[end] - (_CHUNK_HEAD + _CHUNK_TAIL if end % _CHUNK == 0 else 0)
        ops = self._read(self.base + self.starts[first], stop - self.starts[first])
        rows = _PlainUnpickler(BytesIO(_PROTO + b"(" + ops + b"t.")).load()
        if not (
            isinstance(rows, tuple)
            and len(rows) == end - first
            and all(
                isinstance(row, tuple) and row and row[0] == card_id
                for row, card_id in zip(rows, self.ids[first:end])
            )
        ):
            raise ValueError("the cache entry's rows are not the cards its ids say")
        return rows


class _EntryCards:
    """A LazyDeck's cards from its cache entry (see CardSource): single cards by id or position,
    each made once, or all of them. The entry is opened again, and checked again, when first
    needed; should that or any later read fail (the entry was removed or damaged in between),
    the deck file is read through the cache once more and serves from then on."""

    def __init__(
        self,
        cache: DeckCache,
        entry: Path,
        stamp: tuple[str, str],
        count: int,
        length: int,
        shown: str,
    ) -> None:
        self._cache, self._entry, self._stamp = cache, entry, stamp
        self._count, self._length, self._shown = count, length, shown
        self._rows: _Rows | None = None
        self._built: dict[int, Card] = {}
        self._read: Deck | None = None  # the deck file's cards, once the entry failed
        self._lock = RLock()

    def _checked(self, fh: IO[bytes]) -> None:
        if _PlainUnpickler(fh).load() != self._stamp or _read_head(fh)[1] != self._count:
            raise ValueError("the cache entry changed")
        _body(fh, self._length)

    def _opened(self) -> _Rows | None:
        """The entry's rows, or None once the deck file is read instead."""
        if self._rows is None and self._read is None:
            try:
                with self._entry.open("rb") as fh:
                    self._checked(fh)
                    self._rows = _Rows(fh, self._count)
            except Exception:  # noqa: BLE001 - a damaged or removed entry: read the file again
                self._fail()
        return self._rows

    def _fail(self) -> Deck:
        if self._read is None:
            self._rows = None
            self._read = self._cache.load(Path(self._shown))
        return self._read

    def ids(self) -> Sequence[str]:
        with self._lock:
            rows = self._opened()
            return rows.ids if rows is not None else list(self._fail().card_ids())

    def kinds(self) -> Sequence[Kind]:
        with self._lock:
            rows = self._opened()
            if rows is not None:
                order = _KIND_ORDER
                return [order[n] for n in rows.kinds]
            return self._fail().card_kinds()

    def index(self) -> ItemIndex:
        with self._lock:
            rows = self._opened()
            if rows is not None:
                try:
                    return rows.index()
                except Exception:  # noqa: BLE001 - a damaged entry: read the file again
                    pass
            return self._fail().item_index()

    def card(self, card_id: str) -> Card | None:
        with self._lock:
            rows = self._opened()
            if rows is not None:
                try:
                    n = rows.position(card_id)
                    return None if n is None else self._built.get(n) or self._build(rows, n)
                except Exception:  # noqa: BLE001 - a damaged entry: read the file again
                    pass
            return self._fail().card(card_id)

    def card_at(self, n: int) -> Card:
        with self._lock:
            card = self._built.get(n)
            if card is not None:
                return card
            rows = self._opened()
            if rows is not None:
                try:
                    return self._build(rows, n)
                except Exception:  # noqa: BLE001 - a damaged entry: read the file again
                    pass
            return self._fail().cards[n]

    def cards_between(self, start: int, end: int) -> list[Card]:
        """The cards at positions `start` to `end` (excluded), each chunk's unbuilt rows read at
        once: the walk for new items asks for runs of cards in deck order."""
        with self._lock:
            end = min(end, self._count)
            rows = self._opened()
            if rows is not None:
                try:
                    first = start
                    while first < end:
                        stop = min(end, (first // _CHUNK + 1) * _CHUNK)
                        if any(n not in self._built for n in range(first, stop)):
                            self._build(rows, first, stop)
                        first = stop
                    return [self._built[n] for n in range(start, end)]
                except Exception:  # noqa: BLE001 - a damaged entry: read the file again
                    pass
            return list(self._fail().cards[start:end])

    def _build(self, rows: _Rows, first: int, end: int | None = None) -> Card:
        """Build the cards `first` to `end` (one chunk; just `first` by default), keeping the ones
        already built; return the first."""
        end = first + 1 if end is None else end
        built: list[Card] = []
        _read_rows(rows.rows(first, end), built)
        for n, card in enumerate(built, first):
            self._built.setdefault(n, card)
        return self._built[first]

    def all(self) -> tuple[tuple[Card, ...], ItemIndex | None]:
        with self._lock:
            if self._read is None:
                try:
                    with self._entry.open("rb") as fh:
                        self._checked(fh)
                        return _read_cards(fh, self._count, self._built)
                except Exception:  # noqa: BLE001 - a damaged or removed entry: read the file again
                    pass
            return self._fail().cards, None


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
            info = regular_stat(path, "a deck", limit=MAX_FILE_BYTES, link_endings=DECK_ENDINGS)
        if self.folder is not None:
            cached = self._find(path, shown, lazy, info)
            if cached is not None:
                return cached
        from kdquiz.core.decks import deck_text, load_deck_text

        read_at = time.time_ns()
        with deck_file_errors(path):
            data = read_capped(path, "a deck", limit=MAX_FILE_BYTES, link_endings=DECK_ENDINGS)
        digest = _content_hash(data).hexdigest()
        text = deck_text(data, shown)
        del data  # a big deck's bytes, text and cards need not all be held at once
        deck = load_deck_text(text, shown)
        del text
        if self.folder is not None:
            key = self._file_key(path)
            self._write(self.folder, key, digest, deck)
            self._remember(key, info, digest, read_at)
        return deck

    def _known_digest(self, key: str, info: os.stat_result) -> str | None:
        """The digest remembered for the file, if its stat is still the one it had then."""
        assert self.folder is not None
        try:
            with (self.folder / f"{key}.stat").open("rb") as fh:
                signature, digest = _PlainUnpickler(fh).load()
            if signature == _signature(info) and len(bytes.fromhex(digest)) == 20:
                return str(digest).lower()
        except Exception:  # noqa: BLE001 - a missing or bad record only costs the hashing
            pass
        return None

    def _remember(self, key: str, info: os.stat_result, digest: str, read_at: int) -> None:
        """Remember the digest of the file with stat `info`, read (from then on) at `read_at`:
        unless it changed too shortly before for its stat to show a later change."""
        assert self.folder is not None
        if read_at - max(info.st_mtime_ns, info.st_ctime_ns) < _SETTLED_NS:
            return
        try:
            with replacing(self.folder / f"{key}.stat", binary=True, durable=False) as fh:
                pickle.dump((_signature(info), digest), fh, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError:  # a read-only or full data dir only costs speed
            pass

    def _find(self, path: Path, shown: str, lazy: bool, info: os.stat_result) -> Deck | None:
        """The cached deck for the file's content. Its digest is remembered by the file's stat
        (size, times, inode), as git's index does: a big deck's unchanged file is not read at all,
        and any write to it (which changes its change time, whatever it does to the others) makes
        it hashed again."""
        assert self.folder is not None
        key = self._file_key(path)
        try:
            digest = self._known_digest(key, info)
            if digest is None:
                read_at = time.time_ns()
                with path.open("rb") as deck_file:  # hashed in blocks, never held whole
                    digest = hashlib.file_digest(deck_file, _content_hash).hexdigest()
                self._remember(key, info, digest, read_at)
            own = self.folder / f"{key}-{digest}.pickle"
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

        return LazyDeck.create(
            _EntryCards(self, entry, stamp, count, length, shown),
            items,
            tag_items,
            content=f"{CACHE_VERSION}:{digest}",
            path=shown,
            **head,
        )

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
