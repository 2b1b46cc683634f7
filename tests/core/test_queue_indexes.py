"""The daily queue's small counts beside its lists must never change what it does: random runs of
pops, answers, holds and undo copies against a plain model that scans every list each time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from fsrs import State
from hypothesis import given, settings
from hypothesis import strategies as st
from store_support import cloze, flash

from kdquiz.core.model import Item
from kdquiz.core.queue import LEARN_AHEAD, DailyQueue

T0 = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
#: Cards with one item (flashcards) and with siblings (cloze gaps), so burying has work to do.
CARDS = [flash(f"f{n}") for n in range(4)] + [cloze(f"c{n}", "a", "b", "c") for n in range(3)]
ITEMS = [Item("d", card, sub) for card in CARDS for sub in card.subkeys()]


@dataclass
class Plain:
    """The queue's rules with nothing kept beside the lists."""

    ends: datetime
    reviews: list[Item]
    learning: list[tuple[datetime, Item]]
    new: list[Item]
    bury: bool
    history: list[tuple[list[Item], list[tuple[datetime, Item]], list[Item]]] = field(
        default_factory=list
    )

    def pop(self, now: datetime) -> tuple[Item, str] | None:
        if self.learning and self.learning[0][0] <= now:
            return self.learning.pop(0)[1], "learning"
        if self.reviews:
            return self.reviews.pop(0), "review"
        if self.new:
            return self.new.pop(0), "new"
        if self.learning and self.learning[0][0] <= now + LEARN_AHEAD:
            return self.learning.pop(0)[1], "learning"
        return None

    def drop(self, card: tuple[str, str], *, learning: bool) -> None:
        self.reviews = [i for i in self.reviews if (i.deck_id, i.card.id) != card]
        self.new = [i for i in self.new if (i.deck_id, i.card.id) != card]
        if learning:
            self.learning = [(d, i) for d, i in self.learning if (i.deck_id, i.card.id) != card]

    def answered(self, item: Item, state: State, due: datetime) -> None:
        self.learning = [(d, i) for d, i in self.learning if i.key != item.key]
        if self.bury:
            self.drop((item.deck_id, item.card.id), learning=False)
        if state in (State.Learning, State.Relearning) and due < self.ends:
            at = next((n for n, (d, _) in enumerate(self.learning) if d > due), len(self.learning))
            self.learning.insert(at, (due, item))


def lists(queue: DailyQueue | Plain) -> tuple[list[tuple[str, ...]], ...]:
    return (
        [i.key for i in queue.reviews],
        [(d.isoformat(), *i.key) for d, i in queue.learning],
        [i.key for i in queue.new],
    )


steps = st.lists(
    st.tuples(
        st.sampled_from(["pop", "answer", "hold", "snapshot", "restore"]),
        st.integers(0, len(ITEMS) - 1),
        st.sampled_from([State.Learning, State.Relearning, State.Review]),
        st.integers(0, 200),
    ),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(
    reviews=st.lists(st.sampled_from(ITEMS), max_size=10),
    learning=st.lists(st.tuples(st.integers(-30, 300), st.sampled_from(ITEMS)), max_size=8),
    new=st.lists(st.sampled_from(ITEMS), max_size=10),
    bury=st.booleans(),
    run=steps,
)
def test_kept_counts_change_nothing_the_queue_does(reviews, learning, new, bury, run):
    ends = T0 + timedelta(hours=12)
    start = sorted(((T0 + timedelta(minutes=m), it) for m, it in learning), key=lambda e: e[0])
    queue = DailyQueue(ends, list(reviews), list(start), list(new), {"d": bury})
    plain = Plain(ends, list(reviews), list(start), list(new), bury)
    saved: list[tuple[DailyQueue, Plain]] = []
    now = T0
    for action, n, state, minutes in run:
        item = ITEMS[n]
        if action == "pop":
            now += timedelta(minutes=minutes)
            got, want = queue.pop(now), plain.pop(now)
            assert (got and (got[0].key, got[1])) == (want and (want[0].key, want[1]))
        elif action == "answer":
            due = now + timedelta(minutes=minutes)
            queue.answered(item, state, due)
            plain.answered(item, state, due)
        elif action == "hold":
            queue.hold(item.deck_id, item.card.id)
            plain.drop((item.deck_id, item.card.id), learning=True)
        elif action == "snapshot":
            saved.append(
                (
                    queue.copy(),
                    Plain(ends, list(plain.reviews), list(plain.learning), list(plain.new), bury),
                )
            )
        elif saved:
            queue, plain = saved.pop()
        assert lists(queue) == lists(plain)
        assert queue.counts().total == len(plain.reviews) + len(plain.learning) + len(plain.new)
        assert queue.waiting_learning(now) == sum(1 for d, _ in plain.learning if d <= now)
