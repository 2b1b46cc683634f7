"""Choices for mcq (pick one) and multi (select all that apply), in Textual's OptionList.

Each option's prompt carries its state in symbols, not colour alone (the list's highlight and a
SelectionList's ticks are colours, gone with NO_COLOR): `▸` at the highlighted choice, `[x]` or
`[ ]` for select-all, `✓` and `✗` once graded. The one list asks any later question of either
shape in place (see `AnswerWidget.renew`). Options are given by their original index; the learner
sees them in `order`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, OptionList
from textual.widgets.option_list import Option

from kdquiz.core.model import Choice
from kdquiz.core.safe_text import safe_text
from kdquiz.ui.keys import bindings
from kdquiz.ui.widgets.answer import AnswerWidget

#: After grading: a tick on the right choices, a cross on wrong picks.
RIGHT, WRONG = "✓", "✗"
#: The highlighted choice, while the question is open.
POINTER = "▸"


class ChoiceOptions(OptionList, inherit_bindings=False):
    """The list the learner answers in. Its keys are kdquiz's (so they can be remapped): arrows
    move, Space picks (mcq) or toggles (multi); Enter is the answer's, so a select-all question
    is checked by it; a click picks or toggles as Space does."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("answer.up", "answer.down", "answer.toggle")

    def action_move(self, step: int) -> None:
        if self.option_count:
            self.highlighted = ((self.highlighted or 0) + step) % self.option_count

    def action_toggle_choice(self) -> None:
        self.action_select()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Space toggles a select-all choice; on a pick-one question it does nothing (Enter picks).
        return action != "toggle_choice" or getattr(self.parent, "multi", False)


class ChoiceList(AnswerWidget):
    """Choices shown in `order` (original indices); responses use the original indices."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(
        *(f"answer.choose{n}" for n in range(1, 10)), "answer.check"
    )

    def __init__(self, choices: Sequence[Choice], order: Sequence[int], *, multi: bool) -> None:
        super().__init__(classes="choices")
        self.choices = tuple(choices)
        self.order = list(order)
        self.multi = multi
        self.selected: set[int] = set()  # positions on screen
        self.verdicts: dict[int, str] = {}

    def compose(self) -> ComposeResult:
        yield ChoiceOptions(id="choice-options", compact=True)
        yield Button("Check", id="check-choices", compact=True)

    def on_mount(self) -> None:
        self._show()

    @property
    def shown(self) -> ChoiceOptions:
        return self.query_one(ChoiceOptions)

    def focus_target(self) -> Widget:
        return self.shown

    def renew(self, **options: Any) -> bool:
        self.unlock()
        self.choices, self.order = tuple(options["choices"]), list(options["order"])
        self.multi = options["multi"]
        self._show()
        return True

    def _show(self) -> None:
        """The question's choices, the first one highlighted, nothing picked or marked."""
        self.selected, self.verdicts = set(), {}
        self.query_one("#check-choices", Button).display = self.multi
        shown = self.shown
        shown.clear_options()
        shown.add_options(
            [Option(self._prompt(p, highlighted=p == 0)) for p in range(len(self.order))]
        )
        shown.highlighted = 0 if self.order else None

    def _prompt(self, position: int, *, highlighted: bool) -> Content:
        verdict = self.verdicts.get(position, "")
        if verdict:
            mark = Content(verdict).stylize(
                "$text-success bold" if verdict == RIGHT else "$text-error bold"
            )
        else:
            mark = Content(POINTER if highlighted and not self.locked else " ")
        box = ("[x] " if position in self.selected else "[ ] ") if self.multi else ""
        text = Content(safe_text(self.choices[self.order[position]].text, multiline=True))
        if position in self.selected:
            text = text.stylize("bold")
        return Content.assemble(mark, f" {position + 1}  {box}", text)

    def _redraw(self) -> None:
        shown = self.shown
        for position in range(min(len(self.order), shown.option_count)):
            prompt = self._prompt(position, highlighted=position == shown.highlighted)
            shown.replace_option_prompt_at_index(position, prompt)

    @on(OptionList.OptionHighlighted, "#choice-options")
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._redraw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.locked and action in ("number", "confirm"))

    def action_number(self, number: int) -> None:
        if number <= len(self.order):
            self._pick(number - 1)

    def action_confirm(self) -> None:
        """Enter: pick the highlighted choice (mcq), or check the ones toggled on (multi)."""
        if self.multi:
            self.answer(frozenset(self.order[p] for p in self.selected))
        elif self.shown.highlighted is not None:
            self._pick(self.shown.highlighted)

    def _pick(self, position: int) -> None:
        if self.locked:
            return
        self.shown.highlighted = position
        if self.multi:
            self.selected ^= {position}
            self._redraw()
        else:
            self.selected = {position}
            self.answer(self.order[position])

    @on(OptionList.OptionSelected, "#choice-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        """Space or a click: pick (mcq) or toggle (multi) that choice."""
        event.stop()
        self._pick(event.option_index)

    @on(Button.Pressed, "#check-choices")
    def _check(self, event: Button.Pressed) -> None:
        event.stop()
        if not self.locked:
            self.action_confirm()

    def lock_answer(self) -> None:
        super().lock_answer()
        self._redraw()  # no pointer once answered

    def unlock(self) -> None:
        super().unlock()
        if self.is_mounted:
            self._redraw()

    def mark(self, chosen: object, correct: object) -> None:
        """Tick the right choices and cross the wrong picks."""
        right = set(correct) if isinstance(correct, (set, frozenset)) else {correct}
        picked = set(chosen) if isinstance(chosen, (set, frozenset)) else {chosen}
        self.verdicts = {
            position: RIGHT if original in right else WRONG
            for position, original in enumerate(self.order)
            if original in right or original in picked
        }
        self._redraw()
