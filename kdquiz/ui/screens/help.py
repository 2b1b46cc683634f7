"""Every key on one screen. Kept beside the bindings it describes; docs/playing.md says the same."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from kdquiz.ui.screens import SCREENS_CSS

Section = tuple[str, tuple[tuple[str, str], ...]]

LEFT: tuple[Section, ...] = (
    ("Everywhere", (
        ("?", "this help"),
        ("Ctrl+P", "commands, themes"),
        ("q / Esc", "leave (saved)"),
        ("Ctrl+Q", "quit kdquiz"),
    )),
    ("Home", (
        ("↑ ↓  Space", "pick, select decks"),
        ("r / Enter", "review what is due"),
        ("p", "practice (no schedule)"),
        ("g", "quiz round"),
        ("s  t", "stats, tag filter"),
    )),
    ("Quiz", (
        ("y / n", "flashcard: knew it?"),
        ("Enter", "next question"),
    )),
)

RIGHT: tuple[Section, ...] = (
    ("Answering", (
        ("Space Enter", "flashcard: show answer"),
        ("1-9 ↑↓ Enter", "choose; or click"),
        ("1-9 Space", "toggle, Enter checks"),
        ("t y / f n", "true / false"),
        ("type + Enter", "typed, number, gap"),
        ("Enter (empty)", "gap: show, rate yourself"),
        ("⇧↑ ⇧↓", "order: move, Enter checks"),
    )),
    ("After an answer", (
        ("Enter", "continue"),
        ("1 2 3 4", "Again Hard Good Easy"),
        ("r", "I was right (typed)"),
        ("u", "undo the last answer"),
        ("e", "edit card in $EDITOR"),
        ("i", "this card's history"),
    )),
)


class HelpScreen(ModalScreen[None]):
    CSS_PATH = SCREENS_CSS
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark,enter", "close", "Close", key_display="Esc")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help", classes="dialog"):
            yield Label("Keys · the mouse works everywhere too", classes="dialog-title")
            with Horizontal(id="help-columns"):
                for column in (LEFT, RIGHT):
                    with Vertical(classes="help-column"):
                        for title, keys in column:
                            yield Label(title, classes="help-section")
                            for key, what in keys:
                                with Horizontal(classes="help-row"):
                                    yield Label(key, classes="help-key", markup=False)
                                    yield Label(what, classes="help-what", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
