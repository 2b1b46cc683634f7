"""The card browser (`b` on the home screen): search every deck with the same words as
`kdquiz cards`, sort by a column (click its header, or `o`), and suspend, bury, flag, edit or see
the history of the highlighted card.

The search runs in a worker thread, and the table is filled a page at a time as the cursor comes
near its end, so a search over 100,000 cards never builds 100,000 rows of widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Static

from kdquiz.core.card_search import CardRow
from kdquiz.core.safe_text import safe_text
from kdquiz.core.store.marks import FLAGS
from kdquiz.ui.keys import bindings
from kdquiz.ui.screens import SCREENS_CSS
from kdquiz.ui.widgets.footer import KeysFooter
from kdquiz.ui.widgets.header import app_header

if TYPE_CHECKING:
    from kdquiz.core.browse import CardBrowser

#: Rows added to the table at a time; more come when the cursor nears the last one.
PAGE = 100
#: The table's columns: (header, key, width); the text column takes the rest.
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("⚑", "flag", 1),
    ("Card", "card", 14),
    ("Kind", "kind", 9),
    ("State", "state", 9),
    ("Due", "due", 6),
    ("Lapses", "lapses", 6),
    ("Text", "text", 20),
)
#: Each flag's colour as Rich names it.
FLAG_STYLES = ("red", "dark_orange", "green", "blue", "hot_pink", "turquoise2", "purple")


def due_text(row: CardRow) -> str:
    if row.due_days is None:
        return "—"
    if row.due_days <= 0:
        return "today" if row.due_days == 0 else f"{row.due_days}d"
    return f"+{row.due_days}d"


def cells(row: CardRow, text_width: int) -> tuple[Text, ...]:
    """One row's cells; outside text as plain Text through safe_text, never markup."""
    flag = Text("●", style=FLAG_STYLES[row.flag - 1]) if row.flag else Text(" ")
    held = row.suspended or row.buried
    state = "suspended" if row.suspended else "buried" if row.buried else row.state
    return (
        flag,
        Text(safe_text(row.card_id), overflow="ellipsis", no_wrap=True),
        Text(row.kind),
        Text(state, style="italic" if held else ""),
        Text(due_text(row), justify="right"),
        Text(str(row.lapses), justify="right"),
        Text(safe_text(row.text)[: text_width * 2], overflow="ellipsis", no_wrap=True),
    )


class BrowserScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS
    BINDINGS: ClassVar[list[BindingType]] = bindings(
        "browser.search",
        "browser.suspend",
        "browser.bury",
        "browser.flag",
        "browser.history",
        "browser.edit",
        "browser.undo",
        "browser.sort",
        "browser.back",
    )
    AUTO_FOCUS = "#cards"

    @dataclass
    class EditRequested(Message):
        """Open the card's deck file; the app calls `card_edited` once the deck is read again."""

        deck_id: str
        line: int

    def __init__(self, browser: CardBrowser, *, query: str = "") -> None:
        """`browser` searches, sorts and marks (kdquiz.core.browse); `query` is searched first."""
        super().__init__(classes="browser")
        self.browser = browser
        self.query_text = query
        self.rows: list[CardRow] = []
        self.shown = 0

    def compose(self) -> ComposeResult:
        yield app_header()
        yield Input(
            self.query_text,
            placeholder="Search: words  tag:x  deck:net*  is:due  flag:1  lapses>3  (Enter)",
            id="browser-search",
            compact=True,
        )
        yield Label("Searching…", id="browser-status", markup=False)
        yield DataTable(id="cards", cursor_type="row", zebra_stripes=True)
        yield Static(id="card-info", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one("#cards", DataTable)
        for label, key, width in COLUMNS:
            table.add_column(
                Text(label), key=key, width=self._text_width() if key == "text" else width
            )
        self.search(self.query_text)

    def _text_width(self) -> int:
        fixed = sum(width + 2 for _, key, width in COLUMNS if key != "text")
        return max(10, self.app.size.width - fixed - 2 - 2 - 2)

    # --- searching -------------------------------------------------------------------------------

    def search(self, text: str) -> None:
        self.query_text = text
        self.query_one("#browser-status", Label).update("Searching…")
        self._find(text)

    @work(thread=True, exclusive=True, group="browse", description="card search")
    def _find(self, text: str) -> None:
        try:
            rows = self.browser.find(text)
        except Exception as exc:  # noqa: BLE001 - a bad search or a busy store: told, not fatal
            message = getattr(exc, "message", str(exc))
            self.app.call_from_thread(self._failed, message)
            return
        self.app.call_from_thread(self._found, rows)

    def _failed(self, message: str) -> None:
        # the message quotes the search, which may hold anything a paste brings
        self.query_one("#browser-status", Label).update(f"⚠ {safe_text(message)}")

    def _found(self, rows: list[CardRow]) -> None:
        self.rows = rows
        self._fill()

    def _fill(self) -> None:
        table = self.query_one("#cards", DataTable)
        table.clear()
        self.shown = 0
        self._more()
        self._status()
        self._show_info()

    def _more(self) -> None:
        """The next page of rows into the table."""
        table = self.query_one("#cards", DataTable)
        width = self._text_width()
        for index in range(self.shown, min(self.shown + PAGE, len(self.rows))):
            table.add_row(*cells(self.rows[index], width), key=str(index))
        self.shown = table.row_count

    def _status(self) -> None:
        found = len(self.rows)
        order = self.browser.sort.lstrip("-") + (
            " (reversed)" if self.browser.sort[0] == "-" else ""
        )
        words = f"{found:,} card{'s' if found != 1 else ''}" if found else "No cards match"
        self.query_one("#browser-status", Label).update(f"{words} · sorted by {order}")

    @on(Input.Submitted, "#browser-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.search(event.value)
        self.query_one("#cards", DataTable).focus()

    @on(DataTable.RowHighlighted, "#cards")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= self.shown - 5 and self.shown < len(self.rows):
            self._more()
        self._show_info()

    @on(DataTable.HeaderSelected, "#cards")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self._sort(str(event.column_key.value))

    def _sort(self, column: str) -> None:
        self.rows = self.browser.sorted(self.rows, column)
        self._fill()

    def current(self) -> CardRow | None:
        table = self.query_one("#cards", DataTable)
        if not table.row_count or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def _show_info(self) -> None:
        row = self.current()
        info = self.query_one("#card-info", Static)
        if row is None:
            info.update("")
            return
        flag = f" · flag {FLAGS[row.flag - 1]}" if row.flag else ""
        tags = f" · tags: {', '.join(row.tags)}" if row.tags else ""
        facts = f"{row.deck_title} · {row.status()}{flag} · reps {row.reps}{tags}"
        info.update(safe_text(f"{row.text}\n{facts}", multiline=True))

    # --- acting on the highlighted card ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("suspend", "bury", "flag", "history", "edit"):
            return self.current() is not None
        if action == "undo":
            return bool(self.browser.undo_stack)
        return True

    def action_search(self) -> None:
        self.query_one("#browser-search", Input).focus()

    def action_suspend(self) -> None:
        self._act(self.browser.toggle_suspended)

    def action_bury(self) -> None:
        self._act(self.browser.toggle_buried)

    def action_flag(self) -> None:
        self._act(self.browser.next_flag)

    def _act(self, change: Callable[[list[CardRow]], str]) -> None:
        row = self.current()
        if row is None:
            return
        try:
            told = change([row])
        except Exception as exc:  # noqa: BLE001 - a busy or full store: told, nothing changed
            self.app.notify(getattr(exc, "message", str(exc)), title="Not saved", severity="error")
            return
        self.refresh_rows([row])
        self.app.notify(f"{told}. Undo: u")
        self.refresh_bindings()

    def action_undo(self) -> None:
        try:
            undone = self.browser.undo()
        except Exception as exc:  # noqa: BLE001 - changed again elsewhere: told, nothing undone
            self.app.notify(getattr(exc, "message", str(exc)), title="Undo", severity="error")
            return
        if undone:
            self.refresh_rows(self.rows[: self.shown])
            self.app.notify("Undone.")
        self.refresh_bindings()

    def refresh_rows(self, rows: list[CardRow]) -> None:
        """Show these cards as they are now, where they are (the order stays until a new search)."""
        fresh = self.browser.refreshed(rows)
        table = self.query_one("#cards", DataTable)
        width = self._text_width()
        for index, old in enumerate(self.rows[: self.shown]):
            new = fresh.get(old.key)
            if new is None or new == old:
                continue
            self.rows[index] = new
            for (_, column, _), value in zip(COLUMNS, cells(new, width), strict=True):
                table.update_cell(str(index), column, value)
        self._show_info()

    def action_sort(self) -> None:
        """The next column's order (as a click on its header)."""
        keys = [key for _, key, _ in COLUMNS]
        current = self.browser.sort.lstrip("-")
        following = keys[(keys.index(current) + 1) % len(keys)] if current in keys else keys[0]
        self.browser.sort = ""  # a new column starts in its natural order
        self._sort(following)

    def action_history(self) -> None:
        row = self.current()
        if row is None:
            return
        from kdquiz.ui.screens.history import CardHistoryModal

        title = f"{row.card_id} · {row.kind}"
        self.app.push_screen(CardHistoryModal(title, self.browser.history(row)))

    def action_edit(self) -> None:
        row = self.current()
        if row is not None:
            self.post_message(self.EditRequested(row.deck_id, row.line))

    def card_edited(self) -> None:
        """The deck was read again: show the edited card's text."""
        row = self.current()
        if row is not None:
            self.refresh_rows([row])

    def action_back(self) -> None:
        self.dismiss(None)
