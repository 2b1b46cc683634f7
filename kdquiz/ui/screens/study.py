"""Review and practice: one item at a time from a StudySession; the session decides, this screen shows.

Answers are committed (one store transaction) in a thread worker when the learner continues, so a
slow disk never blocks the keys; the next card is shown as soon as the commit returns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label

from kdquiz.core.model import Item
from kdquiz.core.plan import Activity
from kdquiz.core.safe_text import safe_text
from kdquiz.core.store.marks import FLAGS, next_flag
from kdquiz.core.turn import Turn, answered, pending_note, revealed
from kdquiz.core.wording import mark_told
from kdquiz.ui.keys import bindings
from kdquiz.ui.screens import SCREENS_CSS, ActivityDone
from kdquiz.ui.widgets.answer import AnswerWidget
from kdquiz.ui.widgets.feedback import StudyFeedback, keep_keys_on_feedback
from kdquiz.ui.widgets.footer import KeysFooter
from kdquiz.ui.widgets.header import app_header
from kdquiz.ui.widgets.question import (
    QuestionCard,
    answer_widget,
    correct_response,
    kind_label,
    remove_now,
    scroll_to_feedback,
)

if TYPE_CHECKING:
    from kdquiz.core.model import Deck
    from kdquiz.core.session import Committed, StudySession
    from kdquiz.services import Services


class StudyScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS
    BINDINGS: ClassVar[list[BindingType]] = bindings(
        "study.undo",
        "study.edit",
        "study.history",
        "study.leave",
        "study.suspend",
        "study.bury",
        "study.flag",
    )

    @dataclass
    class EditRequested(Message):
        """Open the card's deck file; the app calls `card_edited` once the deck is read again."""

        deck_id: str
        line: int

    def __init__(
        self,
        session: StudySession,
        activity: Activity,
        deck_titles: Sequence[str],
        *,
        services: Services,
        deck: Callable[[str], Deck | None],
        preview: bool = False,
    ) -> None:
        """`services` gives the clock, random source, store and settings; `deck` finds a deck by
        id as it is now (an edit reads it again); `preview`: nothing is kept, so no marks."""
        super().__init__(classes="study")
        self.services = services
        self.deck = deck
        self.session = session
        self.activity = activity
        self.deck_titles = list(deck_titles)
        self.preview = preview
        self.item: Item | None = None
        self.answer: AnswerWidget | None = None
        self.pending: Turn | None = None  # an answer on screen, not committed yet
        self.busy = False
        self.shown_at = session.clock()

    def compose(self) -> ComposeResult:
        yield app_header()
        with Horizontal(id="status"):
            yield Label(self._mode_text(), id="status-mode", markup=False)
            yield Label("", id="status-counts")
        yield VerticalScroll(id="study-body")
        yield KeysFooter()

    def _mode_text(self) -> str:
        what = "Review" if self.activity is Activity.REVIEW else "Practice (schedule untouched)"
        if self.preview:
            what = "Preview (nothing is saved)"
        decks = (
            safe_text(self.deck_titles[0])
            if len(self.deck_titles) == 1
            else f"{len(self.deck_titles)} decks"
        )
        return f"{what} · {decks}"

    def on_mount(self) -> None:
        # A question is mounted in the body: on a busy machine it may not be attached yet.
        if self.query_one("#study-body").is_attached:
            self.show(self.session.next_item())
        else:
            self.call_after_refresh(lambda: self.show(self.session.next_item()))

    # --- showing ------------------------------------------------------------------------------

    def show(self, item: Item | None) -> None:
        """Put `item` in the question card (made once, then updated in place); the feedback goes
        in the same frame as the new question appears (see `QuestionCard`)."""
        body = self.query_one("#study-body", VerticalScroll)
        self.pending = None
        if item is None:
            self.item = None
            body.remove_children()
            self.finish()
            return
        meta = self._meta(item)
        card = next(iter(body.query_children(QuestionCard)), None)
        answer = answer_widget(
            item, self.services.rng, reuse=card.spares() if card is not None else ()
        )

        def shown() -> None:
            self.item, self.answer = item, answer
            remove_now(body.query_children(StudyFeedback))
            body.scroll_home(animate=False)
            self.shown_at = self.services.clock()
            self._update_counts()
            self.refresh_bindings()

        if card is None:
            body.mount(QuestionCard(item, answer, meta=meta, shown=shown))
        else:
            card.show(item, answer, meta=meta, shown=shown)

    def _meta(self, item: Item) -> str:
        """The line above the question: the deck, the kind, and the card's flag as Anki shows it."""
        deck = self.deck(item.deck_id)
        flag = self.session.flag_of(item)
        flagged = f" · ⚑ {FLAGS[flag - 1]} flag" if flag else ""
        return f"{deck.title if deck else item.deck_id} · {kind_label(item)}{flagged}"

    def _update_counts(self) -> None:
        counts = self.session.counts
        if self.activity is Activity.REVIEW:
            text = f"New {counts.new} · Learning {counts.learning} · Review {counts.review}"
        else:
            text = f"{counts.total} left"
        self.query_one("#status-counts", Label).update(text)

    def _elapsed_ms(self) -> int:
        return max(0, int((self.services.clock() - self.shown_at).total_seconds() * 1000))

    @on(AnswerWidget.Answered)
    def _answered(self, event: AnswerWidget.Answered) -> None:
        event.stop()
        if self.item is None or self.answer is None:
            return
        ms = self._elapsed_ms()
        graded = self.session.grade(self.item, event.response, ms, hinted=event.hinted)
        self.answer.mark(event.response, correct_response(self.item))
        self._show_feedback(
            answered(
                self.item,
                self.deck(self.item.deck_id),
                graded.outcome,
                suggested=int(graded.suggested),
                previews=graded.previews,
                response_ms=ms,
                practice=self.activity is Activity.PRACTICE,
            )
        )

    @on(AnswerWidget.Revealed)
    def _revealed(self, event: AnswerWidget.Revealed) -> None:
        event.stop()
        if self.item is None:
            return
        self._show_feedback(
            revealed(
                self.item,
                self.deck(self.item.deck_id),
                previews=self.session.previews(self.item),
                response_ms=self._elapsed_ms(),
                practice=self.activity is Activity.PRACTICE,
            )
        )

    def _show_feedback(self, turn: Turn) -> None:
        self.pending = turn
        feedback = StudyFeedback(turn)
        body = self.query_one("#study-body", VerticalScroll)
        body.mount(feedback)
        feedback.focus()
        self.call_after_refresh(scroll_to_feedback, body)
        self.refresh_bindings()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if self.pending is not None:  # an answer waits on screen
            keep_keys_on_feedback(self, event.widget)

    # --- committing ---------------------------------------------------------------------------

    @on(StudyFeedback.Continue)
    def _continue(self, event: StudyFeedback.Continue) -> None:
        event.stop()
        if self.pending is None or self.busy:
            return
        self.busy = True
        self._commit(event.turn)

    @work(thread=True, exclusive=True, group="commit")
    def _commit(self, turn: Turn) -> None:
        try:
            committed = turn.commit(self.session)
        except Exception as exc:  # noqa: BLE001 - shown to the learner, who can try again
            self.app.call_from_thread(self._commit_failed, exc)
            return
        self.app.call_from_thread(self._committed, committed)

    def _committed(self, committed: Committed) -> None:
        self.busy = False
        self.show(self.session.next_item())

    def _commit_failed(self, exc: Exception) -> None:
        self.busy = False
        message = getattr(exc, "message", str(exc))
        self.app.notify(
            f"{message}\nPress Enter to try again.", title="Not saved", severity="error"
        )

    def save_progress(self) -> None:
        """Commit the answer on screen (with the rating shown) before leaving or exiting."""
        pending, self.pending = self.pending, None
        if pending is None or self.busy:
            return
        feedback = self.query(StudyFeedback)
        if pending.self_graded or not feedback:
            return  # a revealed card the learner has not rated yet: nothing to save
        feedback.first().turn.commit(self.session)  # as shown, with any change of rating

    # --- keys ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return self.pending is not None or self.session.can_undo
        if action in ("suspend", "bury", "flag") and self.preview:
            return False  # a preview keeps nothing: no marks to set
        if action in ("edit", "suspend", "bury", "flag"):
            return self.item is not None
        return True

    def action_undo(self) -> None:
        if self.busy:
            return
        if self.pending is not None:
            self.show(self.pending.item)  # nothing was written: ask the same item again
            return
        item = self.session.undo()
        if item is None:
            self.app.notify("Nothing to undo.")
            return
        self.show(item)
        self.app.notify("Undone: the card is back as it was.")

    def action_suspend(self) -> None:
        self._mark("suspended", 1)

    def action_bury(self) -> None:
        if self.item is not None:
            self._mark("buried", self.session.today(self.item.deck_id))

    def action_flag(self) -> None:
        """The next flag colour, as Anki's colours go, then none again."""
        if self.item is not None:
            self._mark("flag", next_flag(self.session.flag_of(self.item)))

    def _mark(self, field: str, value: int) -> None:
        """Suspend, bury or flag the card on screen; an answer on screen is saved first (as on
        leaving), and `u` takes the mark back like an answer."""
        if self.item is None or self.busy:
            return
        item = self.item
        if field != "flag":
            self.save_progress()
        try:
            self.session.mark(item, field, value)
        except Exception as exc:  # noqa: BLE001 - a busy or full store: told, nothing changed
            self.app.notify(getattr(exc, "message", str(exc)), title="Not saved", severity="error")
            return
        self.app.notify(f"{mark_told(field, value)}. Undo: ^z")
        if field != "flag":
            self.show(self.session.next_item())
        else:
            for card in self.query(QuestionCard):
                card.set_meta(self._meta(item))
            self.refresh_bindings()

    def action_history(self) -> None:
        """The current card's answers, intervals and chance of recall now (`i`)."""
        if self.item is None:
            return
        from kdquiz.core.stats import card_history
        from kdquiz.ui.screens.history import CardHistoryModal

        services = self.services
        history = card_history(
            services.store, self.item.key, services.clock(), parameters=services.settings.parameters
        )
        title = f"{self.item.card.id} · {kind_label(self.item)}"
        self.app.push_screen(
            CardHistoryModal(title, history, pending_note(self.pending, preview=self.preview))
        )

    def action_edit(self) -> None:
        if self.item is None or self.busy:
            return
        self.post_message(self.EditRequested(self.item.deck_id, self.item.card.line))

    def card_edited(self) -> None:
        """The deck file was edited and read again: ask the card as it is now."""
        item = self.item
        if item is None:
            return
        deck = self.deck(item.deck_id)
        if deck is not None:
            self.session.replace_deck(deck)  # later cards (and undo) show the edited text too
        card = deck.card(item.card.id) if deck else None
        if card is None or item.sub not in card.subkeys():
            self.app.notify("That card is gone from the deck; moving on.", severity="warning")
            self.pending = None
            self.show(self.session.next_item())
            return
        # Ask the edited card again; an answer on screen was not committed, so nothing is lost.
        self.show(Item(item.deck_id, card, item.sub))

    def action_leave(self) -> None:
        if self.busy:
            return
        self.save_progress()
        self.finish()

    def finish(self) -> None:
        from kdquiz.ui.screens.summary import SummaryScreen

        summary = self.session.summary()
        if summary.cards == 0 and self.item is not None:
            self.post_message(ActivityDone())  # left before answering anything
            return
        self.app.switch_screen(
            SummaryScreen(
                summary, self.activity, self.session.next_learning_due, self.services.clock()
            )
        )
