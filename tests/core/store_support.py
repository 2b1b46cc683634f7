"""Shared helpers for the store, queue and session tests: a hand-driven clock and small decks."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kdquiz.core.model import Choice, Cloze, Deck, Flashcard, Gap, Kind, MultipleChoice
from kdquiz.core.store import ProgressStore, Reviewed


class FakeClock:
    """A clock the test moves by hand; always timezone-aware."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 3, 2, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> datetime:
        self.now += timedelta(**kwargs)
        return self.now


def flash(
    card_id: str, front: str = "front", back: str = "back", reverse: bool = False
) -> Flashcard:
    return Flashcard(id=card_id, kind=Kind.FLASHCARD, front=front, back=back, reverse=reverse)


def cloze(card_id: str, *answers: str) -> Cloze:
    text = " and ".join("{{" + a + "}}" for a in answers)
    return Cloze(id=card_id, kind=Kind.CLOZE, text=text, gaps=tuple(Gap(a) for a in answers))


def mcq(card_id: str, prompt: str = "Capital of Korea?") -> MultipleChoice:
    return MultipleChoice(
        id=card_id,
        kind=Kind.MCQ,
        prompt=prompt,
        choices=(Choice("Seoul"), Choice("Busan")),
        answer=0,
    )


def deck(deck_id: str, cards) -> Deck:
    return Deck(id=deck_id, title=deck_id.title(), cards=tuple(cards))


def flash_deck(deck_id: str = "d", n: int = 5) -> Deck:
    return deck(deck_id, [flash(f"c{i:05d}") for i in range(n)])


def open_store(tmp_path: Path, clock: FakeClock, name: str = "progress.sqlite3") -> ProgressStore:
    return ProgressStore(tmp_path / name, clock=clock, backup=False)


def review(store: ProgressStore, key, when: datetime, rating: int = 3, **fields: Any) -> Reviewed:
    """One scheduled answer with py-fsrs's exact intervals (no fuzz), as a session commits it."""
    from kdquiz.core.scheduling import DeckScheduler
    from kdquiz.core.settings import DeckSettings

    scheduler = DeckScheduler(DeckSettings(), fuzz=False)
    return store.record_review(
        key,
        lambda before: scheduler.review(before, rating, when, key),
        rating=int(rating),
        when=when,
        response_ms=1500,
        **{"correct": rating > 1, **fields},
    )


def make_session(tmp_path: Path, decks, mode=None, settings=None, clock=None):
    """(a StudySession over `decks` at 10 May 2026 noon UTC, its store, its clock); no fuzz."""
    from kdquiz.core.session import Mode, StudySession
    from kdquiz.core.settings import Settings

    clock = clock or FakeClock(datetime(2026, 5, 10, 12, 0, tzinfo=UTC))
    store = open_store(tmp_path, clock)
    session = StudySession(
        store=store,
        settings=settings or Settings(),
        decks=decks,
        mode=mode or Mode.REVIEW,
        clock=clock,
        rng=random.Random(1),
        fuzz=False,
        tz=UTC,
    )
    return session, store, clock


def import_or_refusal(folder: Path, fmt: str, write: Any) -> tuple[ProgressStore, Any] | None:
    """For property tests of progress files: write the file (`write()` returns its path; None when
    the format cannot hold the value at all) and import it into a fresh store. Returns the store
    and the ProgressFileError that refused the file, or None when it was imported."""
    from kdquiz.core.progress_io import ProgressFileError, import_progress

    try:
        path = write()
    except (ValueError, UnicodeEncodeError):
        return None  # not writable as that format at all (e.g. a lone surrogate)
    store = open_store(folder, FakeClock())
    try:
        import_progress(store, path, fmt)
    except ProgressFileError as error:
        assert str(path) in error.message
        return store, error
    return store, None
