"""One question on screen: what kind it is, the question text, and the right answer widget."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Static

from kdquiz.core.grading import right_response
from kdquiz.core.kinds import spec_of
from kdquiz.core.model import Item
from kdquiz.core.safe_text import safe_text
from kdquiz.core.wording import question_text
from kdquiz.ui.widgets.answer import AnswerWidget
from kdquiz.ui.widgets.registry import ANSWER_WIDGETS
from kdquiz.ui.widgets.true_false import KnewItPad


def answer_widget(
    item: Item,
    rng: random.Random,
    *,
    quiz: bool = False,
    order: Sequence[int] = (),
    reuse: Sequence[AnswerWidget] = (),
) -> AnswerWidget:
    """The widget that collects a response for this item: one of `reuse` of the same kind and
    shape, asking it in place, else a new one.

    Choices and order items are shown in `order` (a quiz round draws it) or shuffled with `rng`.
    """
    spec = ANSWER_WIDGETS[item.card.kind]
    order = tuple(order) or spec_of(item.card).presentation_order(item.card, rng)
    options = spec.options(item, order, quiz)
    for widget in reuse:
        if type(widget) is spec.widget and widget.is_mounted and widget.renew(**options):
            break
    else:
        widget = spec.widget(**options)
    widget.hint = spec.hint_for(quiz)
    return widget


def remove_now(widgets: Iterable[Widget]) -> None:
    """Remove `widgets` from the very next frame: hidden now, as removing them takes a while."""
    for widget in widgets:
        widget.display = False
        widget.remove()


#: Called once the card shows an item whole; the screen finishes its own part in the same step.
Shown = Callable[[], None]


class QuestionCard(Vertical):
    """The question side. `meta` is the line above it (deck, kind).

    One card stays on screen for a whole session: `show` puts the next item in it in place. Answer
    widgets of other kinds stay mounted, hidden, to be renewed when their kind comes back (see
    `spares`). A new answer widget composes its parts asynchronously, so it is mounted hidden and
    the whole switch (texts, answer, the screen's part) happens in one step once it is ready: no
    frame ever shows the new question over an empty or stale answer.
    """

    def __init__(self, item: Item, answer: AnswerWidget, *, meta: str, shown: Shown) -> None:
        super().__init__(classes="question")
        self.item = item
        self.answer = answer
        self.meta = meta
        self._incoming: tuple[Item, AnswerWidget, str, Shown] | None = (item, answer, meta, shown)
        self._hold: AbstractContextManager[None] | None = None

    def compose(self) -> ComposeResult:
        yield Label(safe_text(self.meta), classes="meta", markup=False)
        yield Static(Content(safe_text(question_text(self.item), multiline=True)), classes="prompt")
        yield Label(self.answer.hint, classes="kind-hint")
        yield self.answer

    def set_meta(self, meta: str) -> None:
        """A new line above the question (the card's flag changed)."""
        self.meta = meta
        self.query_one(".meta", Label).update(safe_text(meta))

    def spares(self) -> list[AnswerWidget]:
        """The answer widgets `answer_widget` may renew: the current one first, then the hidden."""
        hidden = [
            child
            for child in self.children[3:]
            if isinstance(child, AnswerWidget)
            and child is not self.answer
            and not isinstance(child, KnewItPad)
        ]
        return [self.answer, *hidden]

    def show(self, item: Item, answer: AnswerWidget, *, meta: str, shown: Shown) -> None:
        """Show `item` with `answer` (a renewed one: now; a new one: once it is mounted), then call
        `shown`. Anything else added below the question since is removed."""
        self._incoming = (item, answer, meta, shown)
        if answer.is_mounted:
            self._switch()
        else:
            self._hold_frames()
            answer.display = False
            self.mount(answer)

    def _hold_frames(self) -> None:
        """No frame until the incoming answer is ready: one in between would show nothing new, and
        Textual paints at most one frame per 60 Hz tick, so the real one would wait for the next."""
        if self._hold is None:
            self._hold = self.app.batch_update()
            self._hold.__enter__()

    def _release_frames(self) -> None:
        hold, self._hold = self._hold, None
        if hold is not None:
            hold.__exit__(None, None, None)

    def on_unmount(self) -> None:
        self._release_frames()  # the screen closed before the answer was ready

    @on(AnswerWidget.Answered)
    @on(AnswerWidget.Revealed)
    def _answered(self) -> None:
        """How to answer is no longer news: its line makes room for the feedback below,
        and after a reveal "Space shows the answer" is no longer true (Space now rates Good)."""
        self.query_one(".kind-hint", Label).display = False

    @on(AnswerWidget.Ready)
    def _ready(self, event: AnswerWidget.Ready) -> None:
        event.stop()
        if self._incoming is not None and event.answer is self._incoming[1]:
            self._switch()

    def _switch(self) -> None:
        assert self._incoming is not None
        item, answer, meta, shown = self._incoming
        self._incoming = None
        if item is not self.item:
            self.item, self.meta = item, meta
            self.query_one(".meta", Label).update(safe_text(meta))
            self.query_one(".prompt", Static).update(
                Content(safe_text(question_text(item), multiline=True))
            )
        hint = self.query_one(".kind-hint", Label)
        hint.update(answer.hint)
        hint.display = True
        spare_kinds = {type(answer), KnewItPad}  # one spare per kind; a quiz's pad is not one
        for child in self.children[3:]:
            if child is answer:
                continue
            if isinstance(child, AnswerWidget) and type(child) not in spare_kinds:
                child.display = False
                spare_kinds.add(type(child))
            else:
                remove_now([child])
        answer.display = True
        self.answer = answer
        # Now, not later: focus moves straight to the answer and never rests on the scrolling
        # body, whose whole subtree would be restyled twice.
        self.screen.set_focus(answer.focus_target())
        shown()
        self._release_frames()


def scroll_to_feedback(body: Widget) -> None:
    """Scroll the question's body to show the feedback below the question, as much of it as
    fits without scrolling the question's text off the top: the question stays in sight."""
    card = next(iter(body.query_children(QuestionCard)), None)
    target = body.max_scroll_y
    if card is not None and card.region:
        prompt = card.query_one(".prompt", Static)
        prompt_top = prompt.region.y - body.content_region.y + round(body.scroll_y)
        target = min(target, max(0, prompt_top - 1))  # the line above: the card's meta line
    body.scroll_to(y=target, animate=False)


def kind_label(item: Item) -> str:
    label = spec_of(item.card).label
    if item.sub == "reverse":
        return f"{label} (reversed)"
    if item.sub.startswith("c"):
        return f"{label} {item.sub[1:]}"
    return label


def correct_response(item: Item) -> object:
    """The right response for kinds whose widget marks the right parts, else None."""
    return right_response(item) if ANSWER_WIDGETS[item.card.kind].marks else None
