"""The quiz clock: seconds left and a bar, drawn from values the screen sets (no timer of its own)."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class Countdown(Widget):
    remaining: reactive[float] = reactive(0.0)
    total: reactive[float] = reactive(1.0)
    label: reactive[str] = reactive("")

    DEFAULT_CSS = "Countdown { height: 1; }"

    def render(self) -> Content:
        total = max(self.total, 0.001)
        left = max(0.0, min(self.remaining, total))
        secs = f"{left:4.0f}s" if left >= 10 or left == 0 else f"{left:4.1f}s"
        width = max(0, self.size.width - len(self.label) - len(secs) - 5)
        filled = round(width * left / total)
        bar = "█" * filled + "░" * (width - filled)
        return Content(f"{self.label} ⏱{secs} {bar}")

    def watch_remaining(self, remaining: float) -> None:
        self.set_class(remaining <= 5, "-low")
