"""The quiz clock: seconds left beside Textual's ProgressBar, drawn from values the screen sets
(no timer of its own: the screen reads the injected clock)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Label, ProgressBar


class Countdown(Horizontal):
    remaining: reactive[float] = reactive(0.0)
    total: reactive[float] = reactive(1.0)
    label: reactive[str] = reactive("")

    DEFAULT_CSS = """
    Countdown { height: 1; }
    Countdown > Label { width: auto; margin: 0 1 0 0; }
    Countdown > ProgressBar { width: 1fr; }
    Countdown > ProgressBar > Bar { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Label(id="countdown-time", markup=False)
        yield ProgressBar(total=1.0, show_percentage=False, show_eta=False)

    def on_mount(self) -> None:
        self._show()

    def watch_remaining(self, remaining: float) -> None:
        self.set_class(remaining <= 5, "-low")
        self._show()

    def watch_total(self) -> None:
        self._show()

    def watch_label(self) -> None:
        self._show()

    def _show(self) -> None:
        if not self.is_mounted:
            return
        total = max(self.total, 0.001)
        left = max(0.0, min(self.remaining, total))
        secs = f"{left:4.0f}s" if left >= 10 or left == 0 else f"{left:4.1f}s"
        self.query_one("#countdown-time", Label).update(f"{self.label} ⏱{secs}")
        self.query_one(ProgressBar).update(total=total, progress=left)
