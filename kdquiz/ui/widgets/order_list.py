"""Put items in order: arrows pick a row, Shift+arrows (or the ▲ ▼ buttons) move it, Enter checks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Static

from kdquiz.core.safe_text import safe_text
from kdquiz.ui.keys import bindings
from kdquiz.ui.widgets.answer import AnswerWidget

#: Rows an order list composes at least, hidden beyond its question's items (as in ChoiceList).
SPARE_ROWS = 6


class OrderRow(Horizontal):
    """One movable item with its own ▲ ▼ buttons for the mouse."""

    @dataclass
    class Clicked(Message):
        row: int

    def __init__(self, row: int) -> None:
        super().__init__(classes="order-row")
        self.row = row

    def compose(self) -> ComposeResult:
        yield Static(classes="order-text")
        up = Button("▲", classes="order-up", compact=True)
        down = Button("▼", classes="order-down", compact=True)
        up.can_focus = down.can_focus = False
        yield up
        yield down

    def show(self, text: str, *, highlighted: bool, verdict: str) -> None:
        pointer = verdict or ("▸" if highlighted else " ")
        self.query_one(".order-text", Static).update(
            Content.assemble(f"{pointer} {self.row + 1}. ", safe_text(text, multiline=True))
        )
        self.set_class(highlighted, "-highlight")

    def on_click(self, event: events.Click) -> None:
        if not isinstance(event.widget, Button):
            self.post_message(self.Clicked(self.row))


class OrderList(AnswerWidget, can_focus=True):
    """`start` is the shuffled presentation order (original indices); the response is the final order."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(
        "order.pick", "order.next", "order.up", "order.down", "order.check"
    )

    cursor: reactive[int] = reactive(0)

    def __init__(self, items: Sequence[str], start: Sequence[int]) -> None:
        super().__init__(classes="order")
        self.items = tuple(items)
        self.current = list(start)
        self.verdicts: dict[int, str] = {}

    def compose(self) -> ComposeResult:
        for row in range(max(len(self.current), SPARE_ROWS)):
            order_row = OrderRow(row)
            order_row.display = row < len(self.current)
            yield order_row
        yield Button("Check", id="check-order", compact=True)

    @property
    def rows(self) -> list[OrderRow]:
        """The rows showing an item; the others wait hidden for a question with more."""
        return [row for row in self.query_children(OrderRow) if row.row < len(self.current)]

    def on_mount(self) -> None:
        self._refresh_rows()

    def renew(self, **options: Any) -> bool:
        items, start = tuple(options["items"]), list(options["start"])
        rows = list(self.query_children(OrderRow))
        if len(start) > len(rows):
            return False
        self.unlock()
        self.items, self.current = items, start
        self.verdicts = {}
        self.set_reactive(OrderList.cursor, 0)
        for row in rows:
            row.display = row.row < len(start)
        self._refresh_rows()
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.locked and action in ("cursor", "shift", "confirm"))

    def watch_cursor(self) -> None:
        self._refresh_rows()

    def _refresh_rows(self) -> None:
        for row in self.rows:
            row.show(
                self.items[self.current[row.row]],
                highlighted=row.row == self.cursor and not self.locked,
                verdict=self.verdicts.get(row.row, ""),
            )

    def action_cursor(self, step: int) -> None:
        self.cursor = (self.cursor + step) % len(self.current)

    def action_shift(self, step: int) -> None:
        self._move(self.cursor, step)

    def _move(self, row: int, step: int) -> None:
        target = row + step
        if self.locked or not 0 <= target < len(self.current):
            return
        self.current[row], self.current[target] = self.current[target], self.current[row]
        self.cursor = target
        self._refresh_rows()

    def action_confirm(self) -> None:
        self.answer(tuple(self.current))

    @on(OrderRow.Clicked)
    def _clicked(self, event: OrderRow.Clicked) -> None:
        self.focus()
        if not self.locked:
            self.cursor = event.row

    @on(Button.Pressed, ".order-up, .order-down")
    def _arrow(self, event: Button.Pressed) -> None:
        event.stop()
        row = event.button.parent
        if isinstance(row, OrderRow):
            self.focus()
            self._move(row.row, -1 if event.button.has_class("order-up") else 1)

    @on(Button.Pressed, "#check-order")
    def _check(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_confirm()

    def mark(self, chosen: object, correct: object) -> None:
        """✓ beside each item in its right place, ✗ beside the others."""
        self.verdicts = {
            row: "✓" if original == row else "✗" for row, original in enumerate(self.current)
        }
        self._refresh_rows()
