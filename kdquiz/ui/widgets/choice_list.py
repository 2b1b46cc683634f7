"""Choices for mcq (pick one) and multi (select all that apply): Textual's OptionList and
SelectionList, with the number keys on top.

Both lists are composed once and the question's shape shows one of them, so a later question of
either shape is asked in place (see `AnswerWidget.renew`). Options are given by their original
index; the learner sees them in `order`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, OptionList, SelectionList
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from kdquiz.core.model import Choice
from kdquiz.core.safe_text import safe_text
from kdquiz.ui.keys import bindings
from kdquiz.ui.widgets.answer import AnswerWidget

#: After grading: a tick on the right choices, a cross on wrong picks (symbols, not colour alone).
RIGHT, WRONG = "✓", "✗"


class PickOne(OptionList):
    """The mcq list: Enter or a click picks the highlighted choice."""


class PickSome(SelectionList[int], inherit_bindings=False):
    """The multi list: Space or a click toggles a choice; Enter is left to the answer's Check
    (SelectionList's own Enter toggles as Space does). Its keys are kdquiz's, so they can be
    remapped."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("answer.up", "answer.down", "answer.toggle")

    def action_move(self, step: int) -> None:
        if self.option_count:
            self.highlighted = ((self.highlighted or 0) + step) % self.option_count

    def action_toggle_choice(self) -> None:
        self.action_select()


class ChoiceList(AnswerWidget):
    """Choices shown in `order` (original indices); responses use the original indices."""

    #: Arrows, Space and Enter reach the list first, which moves, toggles and picks with its own
    #: keys; these bindings are for keys a learner remapped (see `kdquiz.ui.keys`).
    BINDINGS: ClassVar[list[BindingType]] = bindings(
        "answer.up",
        "answer.down",
        *(f"answer.choose{n}" for n in range(1, 10)),
        "answer.toggle",
        "answer.check",
    )

    def __init__(self, choices: Sequence[Choice], order: Sequence[int], *, multi: bool) -> None:
        super().__init__(classes="choices")
        self.choices = tuple(choices)
        self.order = list(order)
        self.multi = multi
        self._picked: set[int] = set()

    def compose(self) -> ComposeResult:
        yield PickOne(id="pick-one", compact=True)
        yield PickSome(id="pick-some", compact=True)
        yield Button("Check", id="check-choices", compact=True)

    def on_mount(self) -> None:
        self._show()

    @property
    def one(self) -> PickOne:
        return self.query_one(PickOne)

    @property
    def some(self) -> PickSome:
        return self.query_one(PickSome)

    @property
    def shown(self) -> OptionList:
        """The list the learner answers in: one or the other."""
        return self.some if self.multi else self.one

    @property
    def selected(self) -> set[int]:
        """Positions on screen of the choices toggled on (multi; the pick, for mcq, once made)."""
        if self.multi:
            return {self.order.index(value) for value in self.some.selected}
        return self._picked

    def focus_target(self) -> Widget:
        return self.shown

    def renew(self, **options: Any) -> bool:
        self.unlock()
        self.choices, self.order = tuple(options["choices"]), list(options["order"])
        self.multi = options["multi"]
        self._show()
        return True

    def _prompt(self, position: int, verdict: str = "") -> Content:
        text = safe_text(self.choices[self.order[position]].text, multiline=True)
        mark = Content(verdict or " ")
        if verdict:
            mark = mark.stylize("$text-success bold" if verdict == RIGHT else "$text-error bold")
        return Content.assemble(mark, f" {position + 1}  ", text)

    def _show(self) -> None:
        """The question's choices in a fresh list of its shape, the first one highlighted."""
        self._picked = set()
        one, some = self.one, self.some
        one.display, some.display = not self.multi, self.multi
        self.query_one("#check-choices", Button).display = self.multi
        shown = self.shown
        shown.clear_options()
        if self.multi:
            some.add_options(
                [Selection(self._prompt(p), index) for p, index in enumerate(self.order)]
            )
        else:
            one.add_options(
                [Option(self._prompt(p), id=str(index)) for p, index in enumerate(self.order)]
            )
        shown.highlighted = 0 if self.order else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.locked and action in ("move", "number", "toggle_choice", "confirm"):
            return False
        return self.multi or action != "toggle_choice"

    def action_move(self, step: int) -> None:
        if self.order:
            self.shown.highlighted = ((self.shown.highlighted or 0) + step) % len(self.order)

    def action_toggle_choice(self) -> None:
        if self.some.highlighted is not None:
            self._pick(self.some.highlighted)

    def action_number(self, number: int) -> None:
        if number <= len(self.order):
            self._pick(number - 1)

    def action_confirm(self) -> None:
        """Enter: check the toggled choices (multi); an mcq's list picks on Enter itself."""
        if self.multi:
            self.answer(frozenset(self.some.selected))
        elif self.one.highlighted is not None:
            self._pick(self.one.highlighted)

    def _pick(self, position: int) -> None:
        if self.locked:
            return
        self.shown.highlighted = position
        if self.multi:
            self.some.toggle(self.order[position])
        else:
            self._picked = {position}
            self.answer(self.order[position])

    @on(OptionList.OptionSelected, "#pick-one")
    def _picked_one(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option_index)

    @on(SelectionList.SelectionToggled, "#pick-some")
    def _toggled(self, event: SelectionList.SelectionToggled[int]) -> None:
        event.stop()
        if self.locked:  # graded: the picks stay as they were answered
            with self.some.prevent(SelectionList.SelectionToggled):
                self.some.toggle(event.selection.value)

    @on(Button.Pressed, "#check-choices")
    def _check(self, event: Button.Pressed) -> None:
        event.stop()
        if not self.locked:
            self.action_confirm()

    def mark(self, chosen: object, correct: object) -> None:
        """Tick the right choices and cross the wrong picks."""
        right = set(correct) if isinstance(correct, (set, frozenset)) else {correct}
        picked = set(chosen) if isinstance(chosen, (set, frozenset)) else {chosen}
        shown = self.shown
        for position, original in enumerate(self.order):
            verdict = RIGHT if original in right else WRONG if original in picked else ""
            if verdict:
                shown.replace_option_prompt_at_index(position, self._prompt(position, verdict))

    def verdicts(self) -> dict[int, str]:
        """Position -> the mark it shows after grading (for tests and screen readers)."""
        found = {}
        for position in range(len(self.order)):
            prompt = str(self.shown.get_option_at_index(position).prompt)
            if prompt[:1] in (RIGHT, WRONG):
                found[position] = prompt[0]
        return found
