"""'1 Again 10m · 2 Hard 1d · 3 Good 3d · 4 Easy 8d': the four ratings with the interval each would give."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button

from kdquiz.core.wording import RATING_NAMES, rating_option


class RatingBar(Horizontal):
    """Clickable ratings; the selected one is marked with ▸ as well as colour."""

    @dataclass
    class Chosen(Message):
        rating: int

    selected: reactive[int | None] = reactive(None)

    def __init__(
        self, previews: Mapping[int, timedelta] | None, selected: int | None = None
    ) -> None:
        super().__init__(classes="rating-bar")
        self.previews = dict(previews or {})
        self.set_reactive(RatingBar.selected, selected)

    def compose(self) -> ComposeResult:
        for rating in sorted(RATING_NAMES):
            button = Button(
                self._label(rating),
                id=f"rate-{rating}",
                compact=True,
                classes=f"rating rating-{rating}",
            )
            button.can_focus = False
            yield button

    def _label(self, rating: int) -> str:
        mark = "▸" if rating == self.selected else " "
        return f"{mark}{rating_option(rating, self.previews.get(rating))}"

    def watch_selected(self) -> None:
        for rating in RATING_NAMES:
            for button in self.query(f"#rate-{rating}").results(Button):
                button.label = self._label(rating)
                button.set_class(rating == self.selected, "-selected")

    def on_mount(self) -> None:
        self.watch_selected()

    @on(Button.Pressed, ".rating")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        assert event.button.id is not None
        self.post_message(self.Chosen(int(event.button.id.removeprefix("rate-"))))
