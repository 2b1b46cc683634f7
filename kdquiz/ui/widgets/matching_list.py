"""Match the pairs: pick an item on the left (number keys, arrows or a click), then its match on
the right (its letter or a click); Enter or Check sends every pair."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Static

from kdquiz.core.kinds.matching import LETTERS, MAX_PAIRS, Matching, split_order
from kdquiz.core.model import Item
from kdquiz.core.plural import plural
from kdquiz.core.safe_text import safe_text
from kdquiz.ui.keys import bindings
from kdquiz.ui.widgets.answer import AnswerWidget

#: Under the question.
HINT = "Pick an item with 1-8 or ↑ ↓, then its match by letter; Enter checks"


def matching_options(item: Item, order: Sequence[int], quiz: bool) -> dict[str, Any]:
    """The widget's options for a matching item shown in `order` (left, then right columns)."""
    card = cast(Matching, item.card)
    left, right = split_order(card, order)
    return {
        "lefts": [left_item for left_item, _ in card.pairs],
        "rights": card.rights(),
        "left_order": left,
        "right_order": right,
    }


class MatchRow(Static):
    """One item of either column; clicking it picks it."""

    @dataclass
    class Clicked(Message):
        side: str  # "left" or "right"
        position: int

    def __init__(self, side: str, position: int) -> None:
        super().__init__(classes=f"match-row match-{side}")
        self.side = side
        self.position = position

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.side, self.position))


class MatchingList(AnswerWidget, can_focus=True):
    """Left items in `left_order`, right items in `right_order` (original indices, as the core's
    presentation order gives them). The response is, per left item in its original order, the
    original index of the right item matched with it (-1 for none)."""

    DEFAULT_CSS = """
    MatchingList { height: auto; }
    MatchingList .columns { height: auto; }
    MatchingList .column { width: 1fr; height: auto; }
    MatchingList .match-row { height: auto; padding: 0 1; }
    MatchingList .match-row:hover { background: $boost; }
    MatchingList .match-left.-highlight { background: $boost; }
    MatchingList:focus .match-left.-highlight { background: $accent 30%; }
    MatchingList .match-row.-right { color: $text-success; text-style: bold; }
    MatchingList .match-row.-wrong { color: $text-error; }
    MatchingList .match-status { padding: 0 1; color: $text-muted; }
    MatchingList #check-matches { margin: 0 0 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(
        "match.up",
        "match.down",
        *(f"match.left{n}" for n in range(1, MAX_PAIRS + 1)),
        *(f"match.right{letter.lower()}" for letter in LETTERS),
        "match.clear",
        "match.check",
    )

    highlighted: reactive[int] = reactive(0)

    def __init__(
        self,
        lefts: Sequence[str],
        rights: Sequence[str],
        left_order: Sequence[int],
        right_order: Sequence[int],
    ) -> None:
        super().__init__(classes="matching")
        self.lefts, self.rights = tuple(lefts), tuple(rights)
        self.left_order, self.right_order = list(left_order), list(right_order)
        self.matches: dict[int, int] = {}  # left position on screen -> right position on screen
        self.verdicts: dict[int, str] = {}
        self.notes: dict[int, str] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(classes="columns"):
            with Vertical(classes="column"):
                for position in range(len(self.left_order)):
                    yield MatchRow("left", position)
            with Vertical(classes="column"):
                for position, original in enumerate(self.right_order):
                    row = MatchRow("right", position)
                    row.update(
                        Content(
                            f"{LETTERS[position]}. {safe_text(self.rights[original], multiline=True)}"
                        )
                    )
                    yield row
        yield Static(classes="match-status")
        yield Button("Check", id="check-matches", compact=True)

    def on_mount(self) -> None:
        self._refresh_rows()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.locked and action in ("move", "left", "right", "clear", "confirm"):
            return False
        if action == "left":
            return 1 <= int(str(parameters[0])) <= len(self.left_order)
        if action == "right":
            return 0 <= int(str(parameters[0])) < len(self.right_order)
        return True

    def watch_highlighted(self) -> None:
        self._refresh_rows()

    def _refresh_rows(self) -> None:
        for row in self.query(MatchRow).results():
            if row.side != "left":
                continue
            position = row.position
            pointer = self.verdicts.get(position) or (
                "▸" if position == self.highlighted and not self.locked else " "
            )
            match = self.matches.get(position)
            partner = f" → {LETTERS[match]}" if match is not None else " → ?"
            row.update(
                Content.assemble(
                    f"{pointer} {position + 1}. ",
                    safe_text(self.lefts[self.left_order[position]], multiline=True),
                    partner,
                    self.notes.get(position, ""),
                )
            )
            row.set_class(position == self.highlighted and not self.locked, "-highlight")
        missing = len(self.left_order) - len(self.matches)
        status = (
            ""
            if self.locked
            else (
                f"{plural(missing, 'item')} still to match"
                if missing
                else "Every item matched: Enter checks"
            )
        )
        self.query_one(".match-status", Static).update(status)

    def action_move(self, step: int) -> None:
        self.highlighted = (self.highlighted + step) % len(self.left_order)

    def action_left(self, number: int) -> None:
        self.highlighted = number - 1

    def action_right(self, position: int) -> None:
        self._match(position)

    def action_clear(self) -> None:
        self.matches.pop(self.highlighted, None)
        self._refresh_rows()

    def action_confirm(self) -> None:
        if len(self.matches) < len(self.left_order):
            self.app.bell()
            return
        self.answer(self.response())

    def response(self) -> tuple[int, ...]:
        picks = [-1] * len(self.lefts)
        for left, right in self.matches.items():
            picks[self.left_order[left]] = self.right_order[right]
        return tuple(picks)

    def _match(self, right: int) -> None:
        if self.locked:
            return
        # A right item goes with one left item at a time: taking it unmatches the other.
        self.matches = {left: r for left, r in self.matches.items() if r != right}
        self.matches[self.highlighted] = right
        unmatched = [p for p in range(len(self.left_order)) if p not in self.matches]
        if unmatched:
            later = [p for p in unmatched if p > self.highlighted]
            self.highlighted = (later or unmatched)[0]
        self._refresh_rows()

    @on(MatchRow.Clicked)
    def _clicked(self, event: MatchRow.Clicked) -> None:
        event.stop()
        self.focus()
        if self.locked:
            return
        if event.side == "left":
            self.highlighted = event.position
        else:
            self._match(event.position)

    @on(Button.Pressed, "#check-matches")
    def _check(self, event: Button.Pressed) -> None:
        event.stop()
        if not self.locked:
            self.action_confirm()

    def mark(self, chosen: object, correct: object) -> None:
        """Tick each right pair and cross each wrong one, naming the letter it should have had."""
        picks = list(chosen) if isinstance(chosen, Sequence) else []
        right = list(correct) if isinstance(correct, Sequence) else []
        for position, original in enumerate(self.left_order):
            want = right[original] if original < len(right) else -1
            got = picks[original] if original < len(picks) else -1
            ok = got == want
            self.verdicts[position] = "✓" if ok else "✗"
            if not ok and want in self.right_order:
                self.notes[position] = f" (right: {LETTERS[self.right_order.index(want)]})"
        for row in self.query(MatchRow).results():
            if row.side == "left":
                ok = self.verdicts.get(row.position) == "✓"
                row.set_class(ok, "-right")
                row.set_class(not ok, "-wrong")
        self._refresh_rows()
