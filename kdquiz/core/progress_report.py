"""Which stored progress no longer matches the decks: edited cards, orphaned cards, missing decks.

Progress is keyed by (deck id, card id), so editing a card's text keeps its progress; the store
keeps a fingerprint of the text each item was last reviewed with, and a card whose text differs is
reported as edited (until its next review). History is never deleted: a card id that disappeared
is reported as orphaned, and `kdquiz relink DECK OLD_ID NEW_ID` moves it to a renamed card.
Marks (suspended, buried, flag) left on a card that is gone are reported too: they are kept, but
steer nothing until a card of that id comes back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kdquiz.core.model import Deck
from kdquiz.core.plural import plural
from kdquiz.core.safe_text import shell_word
from kdquiz.core.store import ProgressStore, text_hash
from kdquiz.core.store.marks import FLAGS, Mark


class IssueKind(StrEnum):
    EDITED = "edited"
    ORPHANED = "orphaned"
    MARKED = "marked"
    NO_DECK = "no-deck"


@dataclass(frozen=True, order=True)
class ProgressIssue:
    deck_id: str
    card_id: str
    kind: IssueKind
    message: str

    def __str__(self) -> str:
        return self.message


def progress_report(store: ProgressStore, decks: Sequence[Deck]) -> list[ProgressIssue]:
    """Edited and orphaned cards of `decks`, and decks with progress that are not among them."""
    issues: list[ProgressIssue] = []
    loaded = {deck.id for deck in decks}
    for deck in decks:
        where = f"{deck.path}: " if deck.path else ""
        edited: set[str] = set()
        for (card_id, sub), fingerprint in store.fingerprints(deck.id).items():
            card = deck.card(card_id)
            if card is None:
                continue
            if sub not in card.subkeys():
                issues.append(
                    ProgressIssue(
                        deck.id,
                        card_id,
                        IssueKind.ORPHANED,
                        f"{where}deck '{deck.id}' card '{card_id}': item '{sub}' no longer exists "
                        "(a cloze gap or the reverse side was removed); its history is kept",
                    )
                )
            elif fingerprint and fingerprint != text_hash(card) and card_id not in edited:
                edited.add(card_id)
                line = f"{deck.path}:{card.line}: " if deck.path and card.line else where
                issues.append(
                    ProgressIssue(
                        deck.id,
                        card_id,
                        IssueKind.EDITED,
                        f"{line}deck '{deck.id}' card '{card_id}' was edited since it was last "
                        "reviewed; its progress is kept",
                    )
                )
        for card_id in sorted(store.card_ids(deck.id) - {card.id for card in deck.cards}):
            issues.append(
                ProgressIssue(
                    deck.id,
                    card_id,
                    IssueKind.ORPHANED,
                    f"{where}deck '{deck.id}' has no card '{card_id}' any more; its history is kept. "
                    f"If it was renamed: kdquiz relink {shell_word(deck.id)} {shell_word(card_id)} NEW_ID",
                )
            )
        for (_, card_id), mark in sorted(store.marks(deck.id).items()):
            if deck.card(card_id) is None:
                issues.append(
                    ProgressIssue(
                        deck.id,
                        card_id,
                        IssueKind.MARKED,
                        f"{where}deck '{deck.id}' has no card '{card_id}' any more, but it is "
                        f"still marked ({mark_words(mark)}); the mark is kept for it",
                    )
                )
    for deck_id in store.deck_ids():
        if deck_id not in loaded:
            count = len(store.card_ids(deck_id))
            issues.append(
                ProgressIssue(
                    deck_id,
                    "",
                    IssueKind.NO_DECK,
                    f"progress for {plural(count, 'card')} of deck '{deck_id}', which is not loaded",
                )
            )
    return sorted(issues)


def mark_words(mark: Mark) -> str:
    """A card's marks in words: "suspended, buried until 2026-03-02, flag red"."""
    words = ["suspended"] if mark.suspended else []
    if mark.buried:
        words.append(f"buried until {date.fromordinal(mark.buried).isoformat()}")
    if mark.flag:
        words.append(f"flag {FLAGS[mark.flag - 1]}")
    return ", ".join(words)
