"""One-line bars drawn by a single widget each: the title bar on every screen and the home
screen's row of actions.

Textual's Header composes four widgets and its Buttons a widget each, with long default styles:
about 16 ms of the home screen's first frame between them. These draw the same line themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

ICON = "⭘"


class TitleBar(Widget):
    """The app's title and subtitle, centred, under the command palette's icon (click it)."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def render(self) -> Content:
        title = f"{self.app.title} — {self.app.sub_title}" if self.app.sub_title else self.app.title
        width = self.size.width
        left = max(0, (width - cell_len(title)) // 2)
        icon = f" {ICON}" if left >= 4 else ""
        return Content.assemble(icon, " " * (left - cell_len(icon)), title)

    def on_click(self, event: events.Click) -> None:
        if event.x < 4 and self.app.ENABLE_COMMAND_PALETTE:
            self.app.action_command_palette()


class Action(NamedTuple):
    """One entry of an ActionBar: the key that does the same, its label, the screen action it
    runs, and its style (a Textual style string; theme variables allowed)."""

    key: str
    label: str
    action: str
    style: str = "bold $foreground on $surface"


class ActionBar(Widget):
    """Clickable actions in one centred line, each drawn like a compact button showing its key."""

    DEFAULT_CSS = """
    ActionBar {
        width: 100%;
        height: 1;
    }
    """

    GAP = 2
    hovered: reactive[int | None] = reactive(None)

    def __init__(self, actions: Sequence[Action], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.actions = tuple(actions)

    def _pills(self) -> list[str]:
        return [f"  {action.key} {action.label}  " for action in self.actions]

    def _spans(self) -> list[tuple[int, int]]:
        """[start, end) columns of each action."""
        pills = self._pills()
        total = sum(map(cell_len, pills)) + self.GAP * (len(pills) - 1)
        start = max(0, (self.size.width - total) // 2)
        spans = []
        for pill in pills:
            spans.append((start, start + cell_len(pill)))
            start += cell_len(pill) + self.GAP
        return spans

    def render(self) -> Content:
        pills = self._pills()
        spans = self._spans()
        parts: list[str | tuple[str, str]] = [" " * spans[0][0]] if spans else []
        for n, (pill, action) in enumerate(zip(pills, self.actions)):
            if n:
                parts.append(" " * self.GAP)
            parts.append((pill, "bold $text on $accent" if n == self.hovered else action.style))
        return Content.assemble(*parts)

    def action_at(self, x: int) -> Action | None:
        for (start, end), action in zip(self._spans(), self.actions):
            if start <= x < end:
                return action
        return None

    async def on_click(self, event: events.Click) -> None:
        action = self.action_at(event.x)
        if action is not None:
            await self.screen.run_action(action.action)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        action = self.action_at(event.x)
        self.hovered = None if action is None else self.actions.index(action)

    def on_leave(self) -> None:
        self.hovered = None

    def watch_hovered(self) -> None:
        self.refresh()
