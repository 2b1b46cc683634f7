"""A quiz round: a countdown per question (or one for the whole time-attack round), points, streaks.

Time comes from the injected clock: the interval timer only asks "how long has it been?", so tests
move a fake clock and call `tick()` instead of waiting.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Label

from kdquiz.core.model import Deck, Item
from kdquiz.core.safe_text import safe_text
from kdquiz.core.turn import quiz_answered
from kdquiz.core.wording import (
    END_ROUND_QUESTION,
    answer_text,
    end_round_warning,
    lives_text,
)
from kdquiz.ui.keys import bindings
from kdquiz.ui.screens import SCREENS_CSS, ActivityDone
from kdquiz.ui.widgets.answer import AnswerWidget
from kdquiz.ui.widgets.countdown import Countdown
from kdquiz.ui.widgets.feedback import QuizFeedback, keep_keys_on_feedback
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
from kdquiz.ui.widgets.true_false import KnewItPad

if TYPE_CHECKING:
    from kdquiz.core.game import QuizRound
    from kdquiz.services import Services

TICK_SECONDS = 0.1
MODE_NAMES = {"classic": "Classic", "survival": "Survival", "time-attack": "Time attack"}


class QuizScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS
    BINDINGS: ClassVar[list[BindingType]] = bindings("quiz.end", "quiz.end_q")

    def __init__(
        self,
        quiz: QuizRound,
        decks: Sequence[Deck],
        player: str,
        *,
        services: Services,
        deck: Callable[[str], Deck | None],
    ) -> None:
        """`services` gives the clock, random source and store; `deck` finds a deck by id."""
        super().__init__(classes="quiz")
        self.services = services
        self.deck = deck
        self.quiz = quiz
        self.decks = list(decks)
        self.deck_ids = tuple(sorted(d.id for d in decks))
        self.player = player
        self.deck_titles = [d.title for d in decks]
        self.item: Item | None = None
        self.answer: AnswerWidget | None = None
        self.waiting = False  # a question is on screen and the clock is running for it
        self.limit = 20.0
        self.shown_at = quiz.started
        self.number = 0
        self.timer: Timer | None = None
        self.ended = False

    def compose(self) -> ComposeResult:
        yield app_header()
        with Horizontal(id="status"):
            yield Label(self._mode_text(), id="status-mode", markup=False)
            yield Label("", id="status-counts")
        yield Countdown(id="countdown")
        yield VerticalScroll(id="quiz-body")
        yield KeysFooter()

    def _mode_text(self) -> str:
        decks = (
            safe_text(self.deck_titles[0])
            if len(self.deck_titles) == 1
            else f"{len(self.deck_titles)} decks"
        )
        return f"Quiz · {MODE_NAMES.get(str(self.quiz.mode), str(self.quiz.mode))} · {decks}"

    def on_mount(self) -> None:
        # With the timer off (an accessibility setting) there is no clock to show or run.
        self.query_one(Countdown).display = self.quiz.config.timed
        if self.quiz.config.timed:
            self.timer = self.set_interval(TICK_SECONDS, self.tick)
        # A question is mounted in the body: on a busy machine it may not be attached yet.
        if self.query_one("#quiz-body").is_attached:
            self.show_question()
        else:
            self.call_after_refresh(self.show_question)

    # --- questions ----------------------------------------------------------------------------

    def show_question(self) -> None:
        """The next question in the question card (made once, then updated in place)."""
        body = self.query_one("#quiz-body", VerticalScroll)
        item = self.quiz.current()
        if item is None:
            body.remove_children()
            self.end_round()
            return
        self.number += 1
        card = next(iter(body.query_children(QuestionCard)), None)
        answer = answer_widget(
            item,
            self.services.rng,
            quiz=True,
            order=self.quiz.choice_order,
            reuse=card.spares() if card is not None else (),
        )
        deck = self.deck(item.deck_id)
        meta = f"Question {self.number}{self._of()} · {kind_label(item)} · {deck.title if deck else ''}"

        def shown() -> None:
            # The clock starts when the question is on screen whole.
            self.item, self.answer = item, answer
            remove_now(body.query_children(QuizFeedback))
            body.scroll_home(animate=False)
            self.limit = self.quiz.time_limit(item)
            self.shown_at = self.services.clock()
            self.waiting = True
            self._update_status()
            self.tick()

        if card is None:
            body.mount(QuestionCard(item, answer, meta=meta.rstrip(" ·"), shown=shown))
        else:
            card.show(item, answer, meta=meta.rstrip(" ·"), shown=shown)

    def _of(self) -> str:
        remaining = self.quiz.remaining
        return f" of {self.number + remaining - 1}" if remaining is not None else ""

    def _update_status(self) -> None:
        parts = [f"Score {self.quiz.score}", f"Streak {self.quiz.streak}"]
        if self.quiz.lives is not None:
            parts.append(lives_text(self.quiz.lives, self.quiz.config.lives))
        self.query_one("#status-counts", Label).update(" · ".join(parts))

    def tick(self) -> None:
        """Redraw the clock from the injected time; a question whose time is up is answered with None."""
        if self.ended or not self.quiz.config.timed:
            return
        now = self.services.clock()
        countdown = self.query_one(Countdown)
        round_left = self.quiz.time_left(now)
        if round_left is not None:  # time attack: one clock for the round
            countdown.total = self.quiz.config.attack_seconds
            countdown.remaining = round_left
            countdown.label = "Round"
            if round_left <= 0:
                self.end_round()
            return
        if not self.waiting:
            return
        left = self.limit - (now - self.shown_at).total_seconds()
        countdown.total = self.limit
        countdown.remaining = max(0.0, left)
        countdown.label = "Time"
        if left <= 0:
            self._submit(None)

    @on(AnswerWidget.Answered)
    def _answered(self, event: AnswerWidget.Answered) -> None:
        event.stop()
        self._submit(event.response)

    @on(AnswerWidget.Revealed)
    def _revealed(self, event: AnswerWidget.Revealed) -> None:
        """A flashcard in a quiz: show the back, then ask whether the player knew it."""
        event.stop()
        if self.item is None or not self.waiting:
            return
        from textual.content import Content
        from textual.widgets import Static

        card = self.query_one(QuestionCard)
        card.mount(
            Static(
                Content(safe_text(answer_text(self.item), multiline=True)), classes="answer-side"
            )
        )
        pad = KnewItPad()
        self.answer = pad
        card.mount(pad)
        pad.focus()

    def _submit(self, response: object | None) -> None:
        if not self.waiting or self.item is None:
            return
        self.waiting = False
        elapsed = (self.services.clock() - self.shown_at).total_seconds()
        result = self.quiz.answer(response, elapsed)
        if self.answer is not None:
            self.answer.lock_answer()
            right = correct_response(self.item)
            if response is not None and right is not None:
                self.answer.mark(response, right)
        if not result.counted:  # time attack ran out while this question was on screen
            self.end_round()
            return
        self._update_status()
        feedback = QuizFeedback(
            quiz_answered(
                self.deck(self.item.deck_id),
                result,
                score=self.quiz.score,
                lives_total=self.quiz.config.lives,
            )
        )
        body = self.query_one("#quiz-body", VerticalScroll)
        body.mount(feedback)
        feedback.focus()
        self.call_after_refresh(scroll_to_feedback, body)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not self.waiting:  # answered: no question open, its feedback is up
            keep_keys_on_feedback(self, event.widget)

    @on(QuizFeedback.Continue)
    def _next(self, event: QuizFeedback.Continue) -> None:
        event.stop()
        if self.quiz.finished:
            self.end_round()
        else:
            self.show_question()

    # --- the end ------------------------------------------------------------------------------

    def action_leave(self) -> None:
        """Esc asks first (the clock keeps running meanwhile, as in a game show)."""
        from kdquiz.ui.screens.confirm import ConfirmModal

        if not self.ended:
            answered = self.quiz.total
            self.app.push_screen(
                ConfirmModal(
                    END_ROUND_QUESTION,
                    end_round_warning(answered),
                    "End round",
                    "Keep playing",
                ),
                self._leave_confirmed,
            )

    def _leave_confirmed(self, end: bool | None) -> None:
        """End the round early: what was answered is recorded; nothing answered, nothing recorded."""
        if not end or self.ended:
            return
        if self.quiz.total == 0:
            self.ended = True
            self.post_message(ActivityDone())
            return
        self.end_round()

    def save_progress(self) -> None:
        if not self.ended and self.quiz.total and not self.quiz.recorded:
            self.ended = True
            from kdquiz.core.game import record_round

            record_round(self.services.store, self.quiz, self.deck_ids, self.player)

    def end_round(self) -> None:
        if self.ended:
            return
        self.ended = True
        self.waiting = False
        if self.timer is not None:
            self.timer.stop()
        from kdquiz.ui.screens.confirm import ConfirmModal

        if isinstance(self.app.screen, ConfirmModal):
            self.app.screen.dismiss(False)  # the clock ended the round while Esc was asking
        self._record()

    @work(thread=True, exclusive=True, group="record")
    def _record(self) -> None:
        """Log the round and look up the previous best off the UI thread (the store syncs to disk)."""
        from kdquiz.core.game import previous_best as best_so_far
        from kdquiz.core.game import record_round

        store = self.services.store
        previous_best = best_so_far(store, self.quiz, self.deck_ids)
        try:
            record_round(store, self.quiz, self.deck_ids, self.player)
        except Exception as exc:  # noqa: BLE001 - shown, the results are still worth seeing
            message = getattr(exc, "message", str(exc))
            self.app.call_from_thread(
                self.app.notify, f"The round was not saved: {message}", severity="error"
            )
        self.app.call_from_thread(self._show_results, previous_best)

    def _show_results(self, previous_best: int | None) -> None:
        from kdquiz.ui.screens.results import ResultsScreen

        self.app.switch_screen(ResultsScreen(self.quiz, previous_best, self.player, self.decks))
