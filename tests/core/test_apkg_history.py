"""`kdquiz import deck.apkg --with-history`: the package's review log becomes the learner's
schedule. Packages are built by hand (tests/anki_packages.py) with a `revlog` table."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from anki_packages import CLOZE, NOTES, REVERSED, legacy_package
from fsrs import State

from kdquiz.cli import main
from kdquiz.core.store import ProgressStore, store_path

DAY_MS = 86_400_000
T0 = 1_700_000_000_000  # 2023-11-14, in epoch milliseconds, as Anki's revlog ids are
#: NOTES (4 notes, cards 1-4) and a reversed note and a cloze note whose c1 hides two gaps.
HISTORY_NOTES = [
    *NOTES,
    ("both-1", REVERSED, "PD\x1fProducer-director", ""),
    ("cloze-2", CLOZE, "{{c1::Seoul}} and {{c1::Busan}} are {{c2::cities}}\x1f", ""),
]
CARDS = [(1, 1, 0), (2, 2, 0), (3, 3, 0), (4, 4, 0), (5, 5, 0), (6, 5, 1), (7, 6, 0), (8, 6, 1)]
REVLOG = [
    (T0, 1, 3, 8000, 0),  # the Basic note (guid "Fq(k]/9w!B"): learnt, then reviewed twice
    (T0 + DAY_MS, 1, 3, 5000, 1),
    (T0 + 4 * DAY_MS, 1, 3, 4000, 1),
    (T0 + 5 * DAY_MS, 1, 0, 0, 4),  # "Set due date" in Anki: not a review
    (T0 + 60_000, 6, 1, 9000, 0),  # the reversed note's card 2
    (T0 + 120_000, 7, 4, 3000, 0),  # the cloze's c1 card: both of its gaps
    (T0 + 180_000, 999, 3, 3000, 0),  # a card the package does not hold
]


def _package(tmp_path: Path, revlog: list[tuple[object, ...]] = REVLOG) -> Path:
    return legacy_package(
        tmp_path / "kdrama.apkg", HISTORY_NOTES, media={}, cards=CARDS, revlog=revlog
    )


def _import(tmp_path: Path, package: Path, *more: str) -> int:
    out = tmp_path / "kdrama.yaml"
    return main(
        ["import", str(package), "-o", str(out), "--data-dir", str(tmp_path / "data"), *more]
    )


def _store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(
        store_path(tmp_path / "data"), clock=lambda: datetime.now(UTC), backup=False
    )


def test_the_review_log_becomes_the_learners_schedule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(tmp_path, _package(tmp_path), "--with-history") == 0
    out = capsys.readouterr().out
    assert (
        "History: 6 reviews imported for 3 cards; 1 manual reschedule skipped; 1 review of "
        "cards not imported skipped." in out
    )
    with _store(tmp_path) as store:
        deck = "korean-k-drama"
        basic = store.log_entries((deck, "anki-izysq225f44xoikc", ""))
        assert [e.rating for e in basic] == [3, 3, 3]
        assert [e.mode for e in basic] == ["review"] * 3
        assert basic[0].time == datetime.fromtimestamp(T0 / 1000, UTC)
        state = store.get_state((deck, "anki-izysq225f44xoikc", ""))
        assert state is not None and state.state == State.Review and state.reps == 3
        assert state.last_review == basic[-1].time and state.due > state.last_review + timedelta(
            days=3
        )
        assert store.get_state((deck, "both-1", "")) is None  # only its reversed card was seen
        assert [e.rating for e in store.log_entries((deck, "both-1", "reverse"))] == [1]
        for gap in ("c1", "c2"):  # Anki's one c1 card hid both Seoul and Busan
            assert [e.rating for e in store.log_entries((deck, "cloze-2", gap))] == [4]
        assert store.log_entries((deck, "cloze-2", "c3")) == []


def test_importing_twice_adds_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = _package(tmp_path)
    assert _import(tmp_path, package, "--with-history") == 0
    with _store(tmp_path) as store:
        before = (store.log_entries(), store.states())
    capsys.readouterr()
    assert _import(tmp_path, package, "--with-history", "--force") == 0
    assert "History: 0 reviews imported for 3 cards (6 already there)" in capsys.readouterr().out
    with _store(tmp_path) as store:
        assert (store.log_entries(), store.states()) == before


def test_without_the_flag_history_is_left_alone(tmp_path: Path) -> None:
    assert _import(tmp_path, _package(tmp_path)) == 0
    with _store(tmp_path) as store:
        assert store.log_entries() == [] and store.states() == []


def test_bad_and_hostile_rows_are_named_and_the_rest_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    revlog = [
        (1_000, 1, 3, 8000, 1),  # 1970 (rows are read in the order of their ids)
        (T0, 1, 3, 8000, 0),
        (T0 + 1, 1, 9, 8000, 1),  # no such button
        (T0 + 2, "1; DROP TABLE notes", 3, 10, 1),  # text where Anki keeps a number
        (T0 + 3, 1, 3, -5, 1),  # a negative time
        (T0 + 4, 1, 3, 10**12, 1),  # answered over eleven days
        (T0 + 5, 1, 2.5, 10, 1),
        (T0 + 6, 1, 3, "\x1b[31mred", 1),
    ]
    assert _import(tmp_path, _package(tmp_path, revlog), "--with-history") == 0
    printed = capsys.readouterr()
    lines = printed.err.splitlines()
    where = str(tmp_path / "kdrama.apkg")
    assert (
        f"{where}: review log row 1: id: 1000 is not a time in milliseconds since 1970" in lines[0]
    )
    assert f"{where}: review log row 3: ease: 9 is not a rating from 1 to 4" in lines[1]
    assert "row 4: cid: str is not a whole number" in lines[2]
    assert "row 5: time: -5 is negative" in lines[3]
    assert "row 6: time: 1000000000000 ms is more than a day" in lines[4]
    assert "row 7: ease: 2.5 is not a whole number" in lines[5]
    assert "row 8: time: str is not a whole number" in lines[6]
    assert "\x1b" not in printed.err + printed.out
    assert "History: 1 review imported for 1 card; 7 bad rows left out." in printed.out
    with _store(tmp_path) as store:
        assert len(store.log_entries()) == 1


def test_a_review_log_too_long_is_refused_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import kdquiz.core.interchange.apkg_history as apkg_history

    monkeypatch.setattr(apkg_history, "MAX_REVIEWS", 3)
    assert _import(tmp_path, _package(tmp_path), "--with-history") == 1
    assert "its review log has 7 rows; at most 3 are read" in capsys.readouterr().err
    assert not (tmp_path / "kdrama.yaml").exists()
    assert not (tmp_path / "data").exists() or not list((tmp_path / "data").iterdir())


def test_with_history_needs_a_package(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.csv"
    notes.write_text("front,back\nPD,Producer-director\n", encoding="utf-8")
    assert main(["import", str(notes), "-o", str(tmp_path / "x.yaml"), "--with-history"]) == 2
    assert "--with-history reads an Anki package's review log" in capsys.readouterr().err


def _replay(store: ProgressStore, reviews: list[tuple[str, int, datetime]], now: datetime):  # type: ignore[no-untyped-def]
    from kdquiz.core.history_import import PastReview, import_replayed
    from kdquiz.core.scheduling import DeckScheduler
    from kdquiz.core.settings import DeckSettings

    return import_replayed(
        store,
        [
            (("d", card, ""), PastReview(card, rating, when, 5000, 0))
            for card, rating, when in reviews
        ],
        DeckScheduler(DeckSettings(), fuzz=False),
        {},
        now=now,
    )


def test_reviews_made_in_kdquiz_stay_in_the_schedule_when_anki_history_comes(
    tmp_path: Path,
) -> None:
    """A card studied in kdquiz and later in Anki: the import replays both apps' reviews, so
    the learner's own answers are not replaced by Anki's alone."""
    from kdquiz.core.scheduling import DeckScheduler
    from kdquiz.core.settings import DeckSettings

    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    store = ProgressStore(store_path(tmp_path), clock=lambda: start, backup=False)
    scheduler = DeckScheduler(DeckSettings(), fuzz=False)
    for day in (0, 1, 4):  # three reviews in kdquiz
        when = start + timedelta(days=day)
        store.record_review(
            ("d", "a", ""),
            lambda state, when=when: scheduler.review(state, 3, when, ("d", "a", ""), 5000),
            rating=3,
            when=when,
            response_ms=5000,
        )
    merged = _replay(store, [("a", 3, start + timedelta(days=10))], start + timedelta(days=11))
    state = store.get_state(("d", "a", ""))
    assert state is not None and state.reps == 4  # three of kdquiz's and Anki's one
    assert state.last_review == start + timedelta(days=10)
    assert merged.added == 1 and len(store.log_entries(("d", "a", ""))) == 4
    store.close()


def test_reviews_dated_in_the_future_are_left_out_and_counted(tmp_path: Path) -> None:
    now = datetime(2026, 1, 1, 9, tzinfo=UTC)
    store = ProgressStore(store_path(tmp_path), clock=lambda: now, backup=False)
    merged = _replay(
        store,
        [("a", 3, now - timedelta(days=3)), ("a", 3, datetime(2099, 12, 31, tzinfo=UTC))],
        now,
    )
    assert merged.future == 1 and merged.added == 1
    state = store.get_state(("d", "a", ""))
    assert state is not None and state.last_review == now - timedelta(days=3)
    store.close()


def test_gaps_that_multiply_the_reviews_past_the_limit_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cloze's c1 review counts for every gap it hides: a hostile note of a thousand c1 gaps
    would turn a short log into millions of reviews."""
    import kdquiz.core.interchange.apkg_history as apkg_history

    monkeypatch.setattr(apkg_history, "MAX_REVIEWS", 4)
    revlog = [REVLOG[0], REVLOG[1], REVLOG[4], REVLOG[5]]  # 4 rows; the c1 one is 2 reviews
    assert _import(tmp_path, _package(tmp_path, revlog), "--with-history") == 1
    assert "more than 4 reviews of single questions" in capsys.readouterr().err
    assert not (tmp_path / "kdrama.yaml").exists()


@pytest.mark.parametrize(("conf", "ratings"), [({}, [3, 4, 3]), ({"schedVer": 2}, [2, 3, 3])])
def test_anki_2_0_learning_steps_had_three_buttons(
    tmp_path: Path, conf: dict[str, object], ratings: list[int]
) -> None:
    """Anki's first scheduler (no schedVer in a legacy collection) showed Again, Good and Easy
    while learning: there ease 2 is Good and 3 is Easy; in reviews, four buttons as since."""
    revlog = [
        (T0, 1, 2, 8000, 0),  # learning: Good
        (T0 + 600_000, 1, 3, 5000, 0),  # learning: Easy
        (T0 + 3 * DAY_MS, 1, 3, 4000, 1),  # review: Good
    ]
    package = legacy_package(
        tmp_path / "old.apkg", HISTORY_NOTES, media={}, cards=CARDS, revlog=revlog, conf=conf
    )
    assert _import(tmp_path, package, "--with-history") == 0
    with _store(tmp_path) as store:
        entries = store.log_entries(("korean-k-drama", "anki-izysq225f44xoikc", ""))
        assert [e.rating for e in entries] == ratings


def test_a_refused_import_leaves_no_media_behind_and_keeps_media_it_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import kdquiz.core.decks as decks

    package = legacy_package(tmp_path / "kdrama.apkg", NOTES)
    monkeypatch.setattr(decks, "MAX_CARDS", 1)  # refused after the package was read
    assert _import(tmp_path, package) == 2  # a usage error
    assert "a deck holds at most 1" in capsys.readouterr().err
    assert not (tmp_path / "kdrama.media").exists() and not (tmp_path / "kdrama.yaml").exists()
    kept = tmp_path / "kdrama.media" / "mine.png"  # a folder that was there before stays
    kept.parent.mkdir()
    kept.write_bytes(b"png")
    assert _import(tmp_path, package) == 2  # a usage error
    assert kept.read_bytes() == b"png"


def test_anki_suspensions_and_flags_come_with_the_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Anki's cards: -1 in `queue` is suspended, the low bits of `flags` a colour (3 is green).
    marks = {1: (-1, 0), 5: (-1, 0), 6: (0, 3), 7: (-1, 1 | 0b1000), 8: (-1, 0)}
    package = legacy_package(
        tmp_path / "kdrama.apkg", HISTORY_NOTES, media={}, cards=CARDS, revlog=REVLOG, marks=marks
    )
    assert _import(tmp_path, package) == 0  # without --with-history, no marks either
    with _store(tmp_path) as store:
        assert store.marks() == {}
    capsys.readouterr()
    assert _import(tmp_path, package, "--with-history", "--force") == 0
    printed = capsys.readouterr()
    assert "Marks: 2 cards suspended and 2 cards flagged as in Anki" in printed.out
    # The reversed note had only its front card suspended: kdquiz suspends whole cards.
    assert "1 card had only some of its Anki cards suspended" in printed.err
    assert "kdquiz cards card:both-1 --suspend" in printed.err
    deck = "korean-k-drama"
    with _store(tmp_path) as store:
        got = {card: (mark.suspended, mark.flag) for (_, card), mark in store.marks(deck).items()}
    assert got == {
        "anki-izysq225f44xoikc": (True, 0),
        "both-1": (False, 3),
        "cloze-2": (True, 1),
    }
    assert _import(tmp_path, package, "--with-history", "--force") == 0
    assert "Marks:" not in capsys.readouterr().out  # already marked: nothing changed, nothing said
