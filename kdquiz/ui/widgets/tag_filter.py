"""The home screen's tag filter: the chosen tag in one line; Enter, a click or `t` opens the list.

A Select composes its current-value box and its whole drop-down list up front (about 10 ms of the
home screen's first frame); this draws one line and builds the list only when it is opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

ALL_TAGS = "All tags"


class TagFilter(Widget, can_focus=True):
    """`value` is the chosen tag, "" for every deck; `tags` are the ones to choose from."""

    DEFAULT_CSS = """
    TagFilter {
        height: 3;
        border: tall $border-blurred;
        background: $surface;
        padding: 0 1;
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space,down", "open", "Choose tag", show=False),
    ]

    @dataclass
    class Changed(Message):
        value: str

    value: reactive[str] = reactive("")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tags: tuple[str, ...] = ()

    def set_tags(self, tags: Sequence[str], value: str) -> None:
        """New tags to choose from, showing `value` (no Changed message: nothing was chosen)."""
        self.tags = tuple(tags)
        self.set_reactive(TagFilter.value, value)
        self.refresh()

    def render(self) -> Content:
        shown = Content(self.value) if self.value else Content.styled(ALL_TAGS, "$text-muted")
        gap = max(1, self.content_size.width - shown.cell_length - 1)
        return Content.assemble(shown, " " * gap, "▼")

    def watch_value(self, value: str) -> None:
        self.post_message(self.Changed(value))

    def action_open(self) -> None:
        from kdquiz.ui.screens.tag_picker import TagPicker

        def chosen(tag: str | None) -> None:
            if tag is not None:
                self.value = tag

        self.app.push_screen(TagPicker(self.tags, self.value), chosen)

    def on_click(self) -> None:
        self.focus()
        self.action_open()
