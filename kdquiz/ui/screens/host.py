"""The host's screen of a class game: the join code and addresses, who joined, the question with
its countdown and answers in, the distribution of answers, the leaderboard and the podium.

Thin: it renders a `HostView` and posts `HostNext` or `HostEnd` up; the app runs the server.
Player names and deck text are shown through the safe-text helper, never as markup.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Static

from kdquiz.classroom.game import Phase
from kdquiz.classroom.host_view import HostView
from kdquiz.core.safe_text import safe_text
from kdquiz.core.wording import RIGHT
from kdquiz.ui.keys import bindings
from kdquiz.ui.screens import SCREENS_CSS
from kdquiz.ui.widgets.footer import KeysFooter
from kdquiz.ui.widgets.header import app_header

BAR_WIDTH = 30


class HostNext(Message):
    """The host asks for what comes next: start, reveal, leaderboard, next question, podium."""


class HostEnd(Message):
    """The host ends the game now (straight to the podium), or leaves after the podium."""


class HostScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS
    BINDINGS: ClassVar[list[BindingType]] = bindings("host.next", "host.end")

    def __init__(self, view: HostView) -> None:
        super().__init__(classes="host")
        self.view = view

    def compose(self) -> ComposeResult:
        yield app_header()
        with Vertical(id="host", classes="panel"):
            yield Static(id="host-headline", classes="panel-title", markup=False)
            yield Static(id="host-join", markup=False)
            with VerticalScroll(id="host-body"):
                yield Static(id="host-question", markup=False)
                yield Static(id="host-detail", markup=False)
                yield Static(id="host-notes", markup=False)
            yield Button("Start", id="host-next", variant="primary", compact=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.show(self.view)
        self.query_one("#host-next", Button).focus()

    def show(self, view: HostView) -> None:
        """Render `view` (the app calls this whenever the game changes)."""
        self.view = view
        self.query_one("#host-headline", Static).update(view.headline)
        addresses = ", ".join(view.addresses) or "(starting…)"
        self.query_one("#host-join", Static).update(
            f"Join at {addresses} with code {view.code} (or `kdquiz join ADDRESS {view.code} "
            "--name NAME`)"
        )
        self.query_one("#host-question", Static).update(
            safe_text(view.question, multiline=True) if view.question else ""
        )
        self.query_one("#host-detail", Static).update("\n".join(detail_lines(view)))
        self.query_one("#host-notes", Static).update(
            "\n".join(safe_text(note) for note in view.notes)
        )
        button = self.query_one("#host-next", Button)
        button.label = view.next_step or "Done"

    def on_button_pressed(self) -> None:
        self.action_next()

    def action_next(self) -> None:
        if self.view.phase is Phase.PODIUM:
            self.post_message(HostEnd())
        else:
            self.post_message(HostNext())

    def action_end(self) -> None:
        self.post_message(HostEnd())


def detail_lines(view: HostView) -> list[str]:
    """The lobby's players, the answer bars, or the leaderboard, as safe plain lines."""
    if view.phase is Phase.LOBBY:
        return [safe_text(name) for name in view.players] or ["Waiting for players to join…"]
    if view.phase is Phase.QUESTION:
        return []
    lines: list[str] = []
    if view.bars:
        most = max(1, *(bar.count for bar in view.bars))
        width = max(len(safe_text(bar.label)) for bar in view.bars)
        for bar in view.bars:
            label = safe_text(bar.label).ljust(width)
            mark = RIGHT if bar.right else " "
            lines.append(f"{mark} {label} {'█' * round(BAR_WIDTH * bar.count / most)} {bar.count}")
    if view.expected:
        lines += ["", f"Right answer: {safe_text(view.expected, multiline=True)}"]
    if view.explain:
        lines.append(safe_text(view.explain, multiline=True))
    for rank, (name, score, left) in enumerate(view.board, 1):
        lines.append(f"{rank:>2}. {safe_text(name)} · {score}" + (f" · {left}" if left else ""))
    return lines
