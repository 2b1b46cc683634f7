"""Choose the home screen's tag from a list over the screen: arrows and Enter, or a click."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from kdquiz.ui.screens import SCREENS_CSS
from kdquiz.ui.widgets.tag_filter import ALL_TAGS


class TagPicker(ModalScreen[str | None]):
    """Dismisses with the chosen tag ("" for all decks), or None when closed without a choice."""

    CSS_PATH = SCREENS_CSS
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "close", "Close")]

    def __init__(self, tags: Sequence[str], current: str) -> None:
        super().__init__(id="tag-picker")
        self.tags = list(tags)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="tag-picker-box", classes="dialog"):
            yield Label("Show the decks with the tag", classes="dialog-title")
            # Deck text is plain text: Content, never markup.
            options = [Option(Content.styled(ALL_TAGS, "italic"), id="")]
            options += [Option(Content(tag), id=tag) for tag in self.tags]
            picker = OptionList(*options, id="tag-options")
            ids = ["", *self.tags]
            picker.highlighted = ids.index(self.current) if self.current in ids else 0
            yield picker

    @on(OptionList.OptionSelected, "#tag-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id or "")

    def action_close(self) -> None:
        self.dismiss(None)
