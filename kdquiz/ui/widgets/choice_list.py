"""Choices for mcq (pick one) and multi (select all that apply), by number keys, arrows or the mouse."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Static

from kdquiz.core.model import Choice
from kdquiz.core.safe_text import safe_text
from kdquiz.ui.keys import bindings
from kdquiz.ui.widgets.answer import AnswerWidget

#: Rows a choice list composes at least, hidden beyond its question's choices, so that one list
#: can ask any later question with up to this many choices in place (see `AnswerWidget.renew`).
SPARE_ROWS = 6


class ChoiceRow(Static):
    """One choice; clicking it picks (mcq) or toggles (multi) it."""

    @dataclass
    class Clicked(Message):
        position: int

    def __init__(self, position: int, text: str) -> None:
        super().__init__(classes="choice")
        self.position = position
        self.text = text

    def show(self, *, highlighted: bool, selected: bool | None, verdict: str) -> None:
        """`selected` is None for mcq (no checkbox); `verdict` is "", "✓" or "✗" after grading."""
        pointer = verdict or ("▸" if highlighted else " ")
        box = "" if selected is None else ("[x] " if selected else "[ ] ")
        self.update(
            Content.assemble(
                f"{pointer} {self.position + 1}  {box}", safe_text(self.text, multiline=True)
            )
        )
        self.set_class(highlighted, "-highlight")
        self.set_class(bool(selected), "-selected")

    def renew(self, text: str) -> None:
        """Another choice in this place: no marks from the last answer."""
        self.text = text
        self.remove_class("-right", "-wrong")

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.position))


class ChoiceList(AnswerWidget, can_focus=True):
    """Choices shown in `order` (original indices); responses use the original indices."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(
        "answer.up",
        "answer.down",
        *(f"answer.choose{n}" for n in range(1, 10)),
        "answer.toggle",
        "answer.check",
    )

    highlighted: reactive[int] = reactive(0)

    def __init__(self, choices: Sequence[Choice], order: Sequence[int], *, multi: bool) -> None:
        super().__init__(classes="choices")
        self.choices = tuple(choices)
        self.order = list(order)
        self.multi = multi
        self.selected: set[int] = set()  # positions on screen
        self.verdicts: dict[int, str] = {}

    def compose(self) -> ComposeResult:
        for position in range(max(len(self.order), SPARE_ROWS)):
            row = ChoiceRow(position, self._text(position))
            row.display = position < len(self.order)
            yield row
        check = Button("Check", id="check-choices", compact=True)
        check.display = self.multi
        yield check

    def _text(self, position: int) -> str:
        return self.choices[self.order[position]].text if position < len(self.order) else ""

    @property
    def rows(self) -> list[ChoiceRow]:
        """The rows showing a choice; the others wait hidden for a question with more."""
        return [row for row in self.query_children(ChoiceRow) if row.position < len(self.order)]

    def on_mount(self) -> None:
        self._refresh_rows()

    def renew(self, **options: Any) -> bool:
        choices, order = tuple(options["choices"]), list(options["order"])
        rows = list(self.query_children(ChoiceRow))
        if len(order) > len(rows):
            return False
        self.unlock()
        self.choices, self.order, self.multi = choices, order, options["multi"]
        self.selected = set()
        self.verdicts = {}
        self.set_reactive(ChoiceList.highlighted, 0)
        for row in rows:
            row.renew(self._text(row.position))
            row.display = row.position < len(order)
        self.query_one("#check-choices", Button).display = self.multi
        self._refresh_rows()
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.locked and action in ("move", "number", "toggle_choice", "confirm"):
            return False
        return self.multi or action != "toggle_choice"

    def watch_highlighted(self) -> None:
        self._refresh_rows()

    def _refresh_rows(self) -> None:
        for row in self.rows:
            row.show(
                highlighted=row.position == self.highlighted and not self.locked,
                selected=(row.position in self.selected) if self.multi else None,
                verdict=self.verdicts.get(row.position, ""),
            )

    def action_move(self, step: int) -> None:
        self.highlighted = (self.highlighted + step) % len(self.order)

    def action_number(self, number: int) -> None:
        if number <= len(self.order):
            self._pick(number - 1)

    def action_toggle_choice(self) -> None:
        self._pick(self.highlighted)

    def action_confirm(self) -> None:
        if self.multi:
            self.answer(frozenset(self.order[p] for p in self.selected))
        else:
            self._pick(self.highlighted)

    def _pick(self, position: int) -> None:
        if self.locked:
            return
        self.highlighted = position
        if self.multi:
            self.selected ^= {position}
            self._refresh_rows()
        else:
            self.selected = {position}
            self.answer(self.order[position])

    @on(ChoiceRow.Clicked)
    def _clicked(self, event: ChoiceRow.Clicked) -> None:
        self.focus()
        self._pick(event.position)

    @on(Button.Pressed, "#check-choices")
    def _check(self, event: Button.Pressed) -> None:
        event.stop()
        if not self.locked:
            self.action_confirm()

    def mark(self, chosen: object, correct: object) -> None:
        """Tick the right choices and cross the wrong picks (symbols, not colour alone)."""
        right = set(correct) if isinstance(correct, (set, frozenset)) else {correct}
        picked = set(chosen) if isinstance(chosen, (set, frozenset)) else {chosen}
        self.verdicts = {}
        for position, original in enumerate(self.order):
            if original in right:
                self.verdicts[position] = "✓"
            elif original in picked:
                self.verdicts[position] = "✗"
        for row in self.rows:
            row.set_class(self.order[row.position] in right, "-right")
            row.set_class(self.order[row.position] in picked - right, "-wrong")
        self._refresh_rows()
