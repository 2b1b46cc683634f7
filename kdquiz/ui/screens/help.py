"""Every key on one screen. Kept beside the bindings it describes; docs/playing.md says the same."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label

SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Everywhere", (
        ("?", "this help"),
        ("Ctrl+P", "commands: review, quiz, stats, switch theme"),
        ("q / Esc", "leave (progress is saved)"),
        ("Ctrl+Q", "quit kdquiz"),
    )),
    ("Home", (
        ("↑ ↓", "pick a deck"),
        ("Space", "select / unselect a deck"),
        ("r / Enter", "review what is due"),
        ("p", "practice (schedule untouched)"),
        ("g", "quiz round"),
        ("s", "stats"),
        ("t", "tag filter"),
    )),
    ("Answering", (
        ("Space / Enter", "flashcard: show the answer"),
        ("1-9, ↑ ↓ Enter", "multiple choice; or click"),
        ("1-9 / Space, Enter", "select all that apply"),
        ("t y / f n", "true or false"),
        ("type, Enter", "typed, number and gap answers"),
        ("Enter on empty gap", "show the gap and rate yourself"),
        ("↑ ↓, Shift+↑ ↓", "order: pick, move; Enter checks"),
    )),
    ("After an answer", (
        ("Enter", "continue"),
        ("1 2 3 4", "Again, Hard, Good, Easy (change rating)"),
        ("r", "I was right (typed answers)"),
        ("u", "undo the last answer"),
        ("e", "edit the card in $EDITOR"),
    )),
    ("Quiz", (
        ("y / n", "flashcard: did you know it?"),
        ("Enter", "next question"),
    )),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,enter", "dismiss", "Close", key_display="Esc")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help", classes="dialog"):
            yield Label("Keys", classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                for title, keys in SECTIONS:
                    yield Label(title, classes="help-section")
                    for key, what in keys:
                        with Horizontal(classes="help-row"):
                            yield Label(key, classes="help-key", markup=False)
                            yield Label(what, classes="help-what", markup=False)
            yield Label("Esc closes · the mouse works everywhere", classes="dim")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
