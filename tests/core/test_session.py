"""StudySession: review and practice, grading with suggested ratings, undo and the summary."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating, State
from store_support import cloze, deck, flash, flash_deck, make_session, mcq

from kdquiz.core.model import Item
from kdquiz.core.session import Mode, StudySession
from kdquiz.core.settings import DeckSettings, Settings


def make(tmp_path, decks, mode=Mode.REVIEW, settings=None, clock=None):
    return make_session(tmp_path, decks, mode, settings, clock)


def test_flashcards_are_self_rated_and_come_back_in_learning(tmp_path):
    steps = (timedelta(minutes=30), timedelta(hours=2))
    settings = Settings(DeckSettings(learning_steps=steps))
    session, store, clock = make(tmp_path, [flash_deck(n=2)], settings=settings)
    first = session.next_item()
    assert session.next_item() == first  # stable until committed
    assert session.counts.new == 2
    previews = session.previews(first)
    done = session.commit(first, Rating.Again, outcome=None, response_ms=2000)
    assert done.interval == previews[Rating.Again] == timedelta(minutes=30)
    assert store.get_state(first.key).state == State.Learning
    assert (session.counts.new, session.counts.learning) == (1, 1)
    second = session.next_item()
    session.commit(second, Rating.Easy, outcome=None, response_ms=1500)
    assert session.next_item() is None  # the learning item is 30 minutes away
    assert session.next_learning_due == clock() + timedelta(minutes=30)
    clock.advance(minutes=9)
    assert session.next_item() is None
    clock.advance(minutes=1)  # now within the 20-minute learn-ahead limit
    assert session.next_item() == first


def test_grade_suggests_a_rating_and_previews_match_the_commit(tmp_path):
    session, store, _clock = make(tmp_path, [deck("d", [mcq("m")])])
    item = session.next_item()
    graded = session.grade(item, 0, elapsed_ms=4000)
    assert graded.outcome.correct and graded.suggested == Rating.Good
    assert session.grade(item, 1, elapsed_ms=4000).suggested == Rating.Again
    done = session.commit(item, Rating.Easy, outcome=graded.outcome, response_ms=4000)  # overridden
    assert done.interval == graded.previews[Rating.Easy]
    entry = store.log_entries()[0]
    assert (entry.rating, entry.correct, entry.answer, entry.mode) == (4, True, "Seoul", "review")
    with pytest.raises(ValueError):
        session.grade(Item("d", flash("f")), True, 100)  # flashcards are self-rated


def test_undo_at_least_ten_answers_restores_each_state_exactly(tmp_path):
    settings = Settings(DeckSettings(new_per_day=12))
    session, store, clock = make(tmp_path, [flash_deck(n=12)], settings=settings)
    history = []
    for n in range(12):
        item = session.next_item()
        before = store.get_state(item.key)
        session.commit(
            item,
            [Rating.Good, Rating.Again, Rating.Easy][n % 3],
            outcome=None,
            response_ms=1000 + n,
        )
        history.append((item, before, store.get_state(item.key)))
        clock.advance(seconds=30)
    assert len(store.log_entries()) == 12
    for n, (item, before, _after) in enumerate(reversed(history), start=1):
        assert session.undo() == item
        assert store.get_state(item.key) == before
        assert len(store.log_entries()) == 12 - n
        assert session.next_item() == item  # asked again
    assert session.summary().cards == 0
    assert session.counts.new == 12


def test_undo_restores_a_reviewed_card_not_just_new_ones(tmp_path):
    session, store, clock = make(tmp_path, [flash_deck(n=1)])
    item = session.next_item()
    session.commit(item, Rating.Easy, outcome=None, response_ms=900)
    reviewed = store.get_state(item.key)
    clock.now = reviewed.due
    later = StudySession(
        store=store,
        settings=Settings(),
        decks=[flash_deck(n=1)],
        mode=Mode.REVIEW,
        clock=clock,
        rng=random.Random(2),
        fuzz=True,
        tz=UTC,
    )
    again = later.next_item()
    assert again == item and later.counts.review == 1
    later.commit(again, Rating.Again, outcome=None, response_ms=5000)
    assert store.get_state(item.key).lapses == 1
    later.undo()
    assert store.get_state(item.key) == reviewed


def test_practice_never_changes_the_schedule(tmp_path):
    d = flash_deck(n=3)
    session, store, _clock = make(tmp_path, [d], mode=Mode.PRACTICE)
    seen = []
    while (item := session.next_item()) is not None:
        seen.append(item.key)
        rating = Rating.Again if len(seen) == 1 else Rating.Good
        assert session.commit(item, rating, outcome=None, response_ms=700).due is None
    assert sorted(set(seen)) == sorted(i.key for i in d.items())
    assert len(seen) == 4  # the missed one came back once
    assert store.states() == []
    assert {e.mode for e in store.log_entries()} == {"practice"}
    assert session.previews(next(d.items())) == {}
    session.undo()
    assert len(store.log_entries()) == 3


def test_summary_counts_accuracy_time_and_due_tomorrow(tmp_path):
    session, store, _clock = make(tmp_path, [flash_deck(n=3)])
    for rating in (Rating.Easy, Rating.Easy, Rating.Again):
        session.commit(session.next_item(), rating, outcome=None, response_ms=2000)
    summary = session.summary()
    assert (summary.cards, summary.correct, summary.seconds) == (3, 2, 6.0)
    assert summary.accuracy == pytest.approx(2 / 3)
    # Easy on a new card gives a multi-day interval; check against the stored states.
    today_end = datetime(2026, 5, 11, 4, 0, tzinfo=UTC)
    tomorrow_end = today_end + timedelta(days=1)
    expected = sum(1 for _, s, _ in store.states() if today_end <= s.due < tomorrow_end)
    assert summary.due_tomorrow == expected


def test_the_queue_is_rebuilt_when_the_day_rolls_over(tmp_path):
    settings = Settings(DeckSettings(new_per_day=1))
    session, _store, clock = make(tmp_path, [flash_deck(n=3)], settings=settings)
    session.commit(session.next_item(), Rating.Easy, outcome=None, response_ms=1000)
    assert session.next_item() is None
    clock.now = datetime(2026, 5, 11, 4, 0, tzinfo=UTC)
    assert session.next_item().card.id == "c00001"


def test_quiz_mode_is_not_a_study_session(tmp_path):
    with pytest.raises(ValueError):
        make(tmp_path, [flash_deck(n=1)], mode=Mode.QUIZ)


def test_an_edited_deck_is_used_for_every_later_card_and_removed_cards_are_dropped(tmp_path):
    old = deck("d", [flash("a", back="old a"), flash("b", back="old b"), cloze("z", "x", "y")])
    session, store, _clock = make(tmp_path, [old])
    first = session.next_item()
    assert first.card.id == "a"
    session.commit(first, Rating.Good, outcome=None, response_ms=2000)
    assert session.next_item().card.id == "b"
    edited = deck(
        "d", [flash("new"), flash("a", back="new a"), flash("b", back="new b"), cloze("z", "x")]
    )
    session.replace_deck(edited)
    assert [c.id for c in session.decks[0].cards] == [
        "a",
        "b",
        "z",
    ]  # "new" waits (even a rollover)
    shown = session.next_item()
    assert (shown.card.id, shown.card.back) == ("b", "new b")  # the card on screen, as edited
    session.commit(shown, Rating.Good, outcome=None, response_ms=2000)
    rest = []
    while (item := session.next_item()) is not None and item.card.id == "z":
        rest.append(item.sub)
        session.commit(item, Rating.Easy, outcome=None, response_ms=2000)
    assert rest == ["c1"]  # the second gap was removed from the text
    assert session.undo().key == ("d", "z", "c1")
    assert session.undo().card.back == "new b"
    assert session.undo().card.back == "new a"  # answered before the edit, asked again as edited
    assert store.log_entries() == []  # every answer was taken back, before and after the edit


def test_replace_deck_refuses_a_deck_outside_the_session(tmp_path):
    session, _store, _clock = make(tmp_path, [flash_deck("d")])
    with pytest.raises(ValueError, match="not part of this session"):
        session.replace_deck(flash_deck("other"))


def test_a_lucky_guess_is_rated_by_the_cards_own_state(tmp_path):
    """The session hands the item's stored state to the rating rule: a fast right two-choice
    answer is Good on a new card (never Easy), and Hard unless fast once the card is in review."""
    from kdquiz.core.rating import expected_ms

    session, store, clock = make(tmp_path, [deck("d", [mcq("m")])])
    item = session.next_item()
    fast, usual = int(expected_ms(item) * 0.3), int(expected_ms(item))
    assert session.grade(item, 0, elapsed_ms=fast).suggested == Rating.Good
    session.commit(item, Rating.Easy, outcome=None, response_ms=fast)  # the learner said Easy
    state = store.get_state(item.key)
    assert state.state == State.Review
    clock.now = state.due
    again = session.next_item()
    assert again == item
    assert session.grade(again, 0, elapsed_ms=fast).suggested == Rating.Good
    assert session.grade(again, 0, elapsed_ms=usual).suggested == Rating.Hard
