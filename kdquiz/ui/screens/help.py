"""Every key on one screen, generated from the bindings (docs/playing.md says the same)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label

from kdquiz.ui.keys import bindings, help_rows
from kdquiz.ui.screens import SCREENS_CSS


class HelpScreen(ModalScreen[None]):
    """Generated from kdquiz.ui.keys, the bindings themselves, with the user's remapped keys."""

    CSS_PATH = SCREENS_CSS
    BINDINGS: ClassVar[list[BindingType]] = bindings("help.close")

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = dict(keymap or {})

    def compose(self) -> ComposeResult:
        sections = list(help_rows(self.keymap))
        # Two columns of about equal height: a section stays whole in one of them.
        rows = [1 + len(keys) for _, keys in sections]
        half, split, seen = sum(rows) / 2, len(sections), 0
        for index, count in enumerate(rows):
            if seen + count / 2 > half:
                split = index
                break
            seen += count
        with Vertical(id="help", classes="dialog"):
            yield Label("Keys · the mouse works everywhere too", classes="dialog-title")
            with VerticalScroll(id="help-columns"), Horizontal(id="help-inner"):
                for column in (sections[:split], sections[split:]):
                    with Vertical(classes="help-column"):
                        for title, keys in column:
                            yield Label(title, classes="help-section")
                            for key, what in keys:
                                with Horizontal(classes="help-row"):
                                    yield Label(key, classes="help-key", markup=False)
                                    yield Label(what, classes="help-what", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
