"""Home: every deck with new / due today / learned counts, a tag filter, and the ways to play.

The screen gets the catalog and a way to count in its constructor, and asks for a session by
posting a message (`StudyRequested`, `QuizRequested`, `StatsRequested`) that the app acts on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, DataTable, Label, Select, Static

from kdquiz.core.model import Deck
from kdquiz.core.plan import Activity, all_tags, deck_has_tag, tagged_items, with_tag
from kdquiz.core.safe_text import safe_text
from kdquiz.ui.keys import bindings
from kdquiz.ui.widgets.footer import KeysFooter
from kdquiz.ui.widgets.header import app_header

if TYPE_CHECKING:
    from textual.widgets.button import ButtonVariant

    from kdquiz.core.catalog import Catalog
    from kdquiz.core.custom_study import CustomStudy
    from kdquiz.core.queue import DeckCounts
    from kdquiz.ui.screens.quiz_setup import QuizChoice

#: Counts new, due and learned questions of each deck (run in a worker thread).
CountDecks = Callable[[Sequence[Deck]], "dict[str, DeckCounts]"]


#: The row of buttons under the table: (key, label, action, variant). Each has its key too.
ACTIONS: tuple[tuple[str, str, str, ButtonVariant], ...] = (
    ("r", "Review", "review", "primary"),
    ("R", "All due", "review_all", "default"),
    ("p", "Practice", "practice", "default"),
    ("g", "Quiz", "quiz", "warning"),
    ("s", "Stats", "stats", "default"),
    ("?", "Help", "app.help", "default"),
)

#: The tag filter's choice that shows every deck.
ALL_TAGS = "All tags"


#: The table's columns: (header, key, width). The deck column's width follows the screen; a count
#: column widens for a count longer than its width (a deck of 100,000 cards or more).
COLUMNS: tuple[tuple[str, str, int], ...] = (
    (" ", "mark", 1),
    ("Deck", "deck", 34),
    ("Items", "items", 5),
    ("New", "new", 5),
    ("Due", "due", 5),
    ("Learned", "learned", 7),
)
#: A count not read yet. ASCII on purpose: an ellipsis (U+2026) is outside Rich's fast path for
#: cell widths, and measuring it loads Rich's whole Unicode width table before the first frame
#: (about 6,400 objects and 5 ms; the extra objects also brought a full garbage collection of
#: 20-40 ms into the first frame). Measured in docs/benchmarks.md ("First paint, 2026-12-03").
NOT_COUNTED = "..."

#: What the numbers count, under the table (the same words as docs/playing.md).
LEGEND = "Items, New (today), Due and Learned count questions: each cloze gap is one."


class HomeScreen(Screen[None]):
    class StudyRequested(Message):
        """Review or practise these decks (already narrowed to the chosen tag)."""

        def __init__(self, decks: Sequence[Deck], activity: Activity) -> None:
            super().__init__()
            self.decks = list(decks)
            self.activity = activity

    class QuizRequested(Message):
        """Play a quiz round on these decks, as chosen in the quiz setup dialog."""

        def __init__(self, decks: Sequence[Deck], choice: QuizChoice) -> None:
            super().__init__()
            self.decks = list(decks)
            self.choice = choice

    class StatsRequested(Message):
        """Open the statistics screen."""

    class CustomStudyRequested(Message):
        """Run a custom study (ahead, extra new, forgotten, a search) on these decks."""

        def __init__(self, decks: Sequence[Deck], study: CustomStudy) -> None:
            super().__init__()
            self.decks = list(decks)
            self.study = study

    class BrowseRequested(Message):
        """Open the card browser, searching the highlighted deck's cards."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    BINDINGS: ClassVar[list[BindingType]] = bindings(
        "home.review",
        "home.review_all",
        "home.practice",
        "home.quiz",
        "home.stats",
        "home.select",
        "home.tag",
        "home.browse",
        "home.custom",
        "home.quit",
    )

    #: The table has the focus from the start: Textual's default would focus the tag filter first
    #: and restyle both when the table takes it (a second styling pass before the first frame).
    AUTO_FOCUS = "#decks"

    def __init__(
        self,
        catalog: Catalog,
        count: CountDecks,
        *,
        timed: bool = True,
        progress: Callable[[], str | None] | None = None,
    ) -> None:
        """`count` runs in a worker thread; `timed` is where the quiz setup's timer starts;
        `progress` (in the same worker) is the line about today's goal and streak, None if off."""
        super().__init__(id="home")
        self.catalog = catalog
        self.count = count
        self.progress = progress
        self.timed = timed
        self.tag = ""
        self.selected: set[str] = set()
        self.counts: dict[str, DeckCounts] = {}
        self._resumed_before_mount = False
        self._deck_width = COLUMNS[1][2]
        self._widths = {key: width for _, key, width in COLUMNS}
        self._tags: list[str] = []

    def compose(self) -> ComposeResult:
        yield app_header()
        with Vertical(id="home-body"):
            with Horizontal(id="home-top"):
                yield Label("Your decks", id="home-title")
                self._tags = all_tags(self.catalog.decks)
                yield Select[str](
                    self._tag_options(self._tags),
                    value="",
                    allow_blank=False,
                    id="tag-filter",
                    compact=True,
                )
            yield Label("", id="home-goal", markup=False)
            yield DataTable(id="decks", cursor_type="row", zebra_stripes=True)
            yield Static(id="deck-info")
            yield Label(LEGEND, id="home-legend", markup=False)
            yield Label("", id="home-problems")
            with Horizontal(id="home-actions"):
                for key, label, action, variant in ACTIONS:
                    yield Button(
                        f"{key} {label}",
                        variant=variant,
                        compact=True,
                        action=f"screen.{action}" if not action.startswith("app.") else action,
                        id=f"home-{action.rpartition('.')[2]}",
                    )
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one("#decks", DataTable)
        self._deck_width = self._fitting_deck_width()
        self._add_columns(table)
        table.focus()
        if self._resumed_before_mount:
            self.load_decks()

    def _add_columns(self, table: DataTable) -> None:
        # Text, not str: DataTable reads a str as markup with emoji codes, and the first such read
        # imports rich's emoji table (~2 ms before the first frame).
        for label, key, _ in COLUMNS:
            table.add_column(
                Text(label), key=key, width=self._deck_width if key == "deck" else self._widths[key]
            )

    def _fitting_deck_width(self) -> int:
        """The deck column narrows on a narrow terminal so the numbers (Due above all) stay."""
        others = sum(width + 2 for key, width in self._widths.items() if key != "deck")
        # 2 x 2 of body padding, the table's border (2), the cell padding (2), a scrollbar (2).
        return max(8, min(34, self.app.size.width - 4 - 2 - 2 - 2 - others))

    def on_resize(self) -> None:
        width = self._fitting_deck_width()
        if not self.is_mounted or width == self._deck_width:
            return
        self._deck_width = width
        table = self.query_one("#decks", DataTable)
        table.clear(columns=True)
        self._add_columns(table)
        self._fill_table()

    def on_screen_resume(self) -> None:
        # Every time the screen shows, the first time included: the decks are loaded once per
        # showing (mounting and resuming both loading them cost a second table fill at start).
        if self.is_mounted:
            self.load_decks()
        else:
            self._resumed_before_mount = True

    def load_decks(self) -> None:
        """Fill the table now and the counts from the store in a worker (keys stay responsive)."""
        decks = self.catalog.decks
        tags = all_tags(decks)
        tag_filter = self.query_one("#tag-filter", Select)
        # The filter's value may be a choice whose Changed message has not arrived yet.
        self.tag = tag_filter.value if tag_filter.value in tags else ""
        if tags != self._tags:  # the decks changed (an edit): new choices
            self._tags = tags
            with tag_filter.prevent(Select.Changed):
                tag_filter.set_options(self._tag_options(tags))
                tag_filter.value = self.tag
        problems = self.catalog.problems
        files = len({p.path for p in problems})
        warning = self.query_one("#home-problems", Label)
        warning.update(
            f"⚠ {files} deck file{'s' if files != 1 else ''} could not be loaded: "
            "run `kdquiz check` to see why."
            if problems
            else ""
        )
        warning.display = bool(problems)
        self._fill_table()
        # After the first frame: counting reads every shown deck's cards (a big deck's take a
        # while to build) and the store, none of which the table needs to be drawn.
        self.call_after_refresh(self._count, self.visible_decks(), self.tag)

    # A description of its own: by default Textual puts repr() of the arguments (every card) in it.
    @work(thread=True, exclusive=True, group="counts", description="deck counts")
    def _count(self, decks: list[Deck], tag: str) -> None:
        # Narrowing to the tag reads a lazily loaded deck's cards: here, off the UI thread.
        counts = self.count([t for d in decks if (t := with_tag(d, tag)) is not None])
        today = self.progress() if self.progress is not None else None
        self.app.call_from_thread(self._counted, counts, tag, today)

    def _counted(self, counts: dict[str, DeckCounts], tag: str, today: str | None = None) -> None:
        if tag != self.tag:
            return  # counted for a tag no longer chosen; the count for this one is on its way
        self.counts = counts
        if self.query("#home-goal"):
            goal = self.query_one("#home-goal", Label)
            goal.update(today or "")
            goal.display = bool(today)
        # Quitting before the counts arrive removes the table first: there is nothing to fill.
        if self.query("#decks"):
            self._fill_table()

    @staticmethod
    def _tag_options(tags: Sequence[str]) -> list[tuple[str | Text, str]]:
        return [(ALL_TAGS, ""), *((Text(safe_text(tag)), tag) for tag in tags)]

    def visible_decks(self) -> list[Deck]:
        return [deck for deck in self.catalog.decks if deck_has_tag(deck, self.tag)]

    def _fill_table(self) -> None:
        table = self.query_one("#decks", DataTable)
        keep = table.cursor_row
        table.clear()
        decks = self.visible_decks()
        rows = []
        for deck in decks:
            counts = self.counts.get(deck.id)
            rows.append(
                (
                    deck,
                    [
                        NOT_COUNTED if value is None else str(value)
                        for value in (
                            tagged_items(deck, self.tag),
                            counts.new if counts else None,
                            counts.due if counts else None,
                            counts.learned if counts else None,
                        )
                    ],
                )
            )
        self._fit_counts(table, [numbers for _, numbers in rows])
        for deck, numbers in rows:
            table.add_row(
                Text("●" if deck.id in self.selected else " ", no_wrap=True, end=""),
                Text(safe_text(deck.title), overflow="ellipsis", no_wrap=True),
                *(Text(number, justify="right") for number in numbers),
                key=deck.id,
            )
        if decks:
            table.move_cursor(row=min(max(keep, 0), len(decks) - 1))
        self._show_info()
        if not decks:
            self.query_one("#deck-info", Static).update(
                "No decks yet. Put deck files in your decks folder, or run `kdquiz new`."
                if not self.catalog.decks
                else "No deck has this tag."
            )

    def _fit_counts(self, table: DataTable, rows: list[list[str]]) -> None:
        """Widen a count column whose longest count does not fit (never narrower than set)."""
        wanted = {
            key: max([width, *(len(numbers[n]) for numbers in rows)])
            for n, (_, key, width) in enumerate(COLUMNS[2:])
        }
        if all(wanted[key] <= self._widths[key] for key in wanted):
            return
        self._widths.update(wanted)
        self._deck_width = self._fitting_deck_width()
        table.clear(columns=True)
        self._add_columns(table)

    def highlighted_deck(self) -> Deck | None:
        table = self.query_one("#decks", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.catalog.deck(key) if key else None

    def _show_info(self) -> None:
        deck = self.highlighted_deck()
        info = self.query_one("#deck-info", Static)
        if deck is None:
            info.update("")
            return
        # The tags first: a long description fills the two lines and would cut them off.
        tags = f"tags: {', '.join(deck.tags)}  ·  " if deck.tags else ""
        info.update(Content(safe_text(f"{tags}{deck.description or deck.title}", multiline=True)))

    @on(DataTable.RowHighlighted, "#decks")
    def _highlighted(self) -> None:
        self._show_info()

    @on(DataTable.RowSelected, "#decks")
    def _row_chosen(self) -> None:
        self.action_review()

    @on(Select.Changed, "#tag-filter")
    def _tag_changed(self, event: Select.Changed) -> None:
        value = event.value if isinstance(event.value, str) else ""
        if value != self.tag:
            self.tag = value
            self.counts = {}  # NOT_COUNTED until the tagged cards are counted: never another tag's
            self._fill_table()
            self._count(self.visible_decks(), self.tag)

    # --- what to play on ----------------------------------------------------------------------

    def chosen_decks(self, *, all_if_none: bool) -> list[Deck]:
        """The selected decks, else every visible deck (review) or the highlighted one; tag applied."""
        visible = self.visible_decks()
        picked = [d for d in visible if d.id in self.selected]
        if not picked:
            deck = self.highlighted_deck()
            picked = visible if all_if_none else ([deck] if deck else [])
        return [d for d in (with_tag(deck, self.tag) for deck in picked) if d is not None]

    def action_toggle_deck(self) -> None:
        deck = self.highlighted_deck()
        if deck is None:
            return
        self.selected ^= {deck.id}
        self._fill_table()

    def action_choose_tag(self) -> None:
        tag_filter = self.query_one("#tag-filter", Select)
        tag_filter.focus()
        tag_filter.expanded = True

    def action_review(self) -> None:
        """The selected decks, else the highlighted one, as `p` and `g` choose."""
        self.post_message(
            self.StudyRequested(self.chosen_decks(all_if_none=False), Activity.REVIEW)
        )

    def action_review_all(self) -> None:
        """Everything due in every deck shown (the tag filter applies), whatever is selected."""
        decks = [d for d in (with_tag(deck, self.tag) for deck in self.visible_decks()) if d]
        self.post_message(self.StudyRequested(decks, Activity.REVIEW))

    def action_practice(self) -> None:
        self.post_message(
            self.StudyRequested(self.chosen_decks(all_if_none=False), Activity.PRACTICE)
        )

    def action_quiz(self) -> None:
        from kdquiz.ui.screens.quiz_setup import QuizSetupModal

        decks = self.chosen_decks(all_if_none=False)
        if not decks:
            self.app.notify("Pick a deck first.", severity="warning")
            return

        def chosen(choice: QuizChoice | None) -> None:
            if choice is not None:
                self.post_message(self.QuizRequested(decks, choice))

        self.app.push_screen(QuizSetupModal([d.title for d in decks], timed=self.timed), chosen)

    def action_stats(self) -> None:
        self.post_message(self.StatsRequested())

    def action_custom(self) -> None:
        """Custom study on the selected decks, else on every deck shown (tag applied)."""
        from kdquiz.ui.screens.custom_study import CustomStudyModal

        decks = self.chosen_decks(all_if_none=True)
        if not decks:
            self.app.notify("Pick a deck first.", severity="warning")
            return

        def chosen(study: CustomStudy | None) -> None:
            if study is not None:
                self.post_message(self.CustomStudyRequested(decks, study))

        self.app.push_screen(CustomStudyModal([d.title for d in decks]), chosen)

    def action_browse(self) -> None:
        deck = self.highlighted_deck()
        self.post_message(self.BrowseRequested(f"deck:{deck.id}" if deck else ""))
