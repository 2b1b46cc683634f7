"""KdquizApp: wiring only. Services (store, decks, clock, random source) come in from outside."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from textual import events, work
from textual.actions import ActionParseResult
from textual.app import App, SuspendNotSupported, SystemCommand
from textual.binding import BindingType
from textual.content import Content
from textual.dom import DOMNode, NoScreen
from textual.geometry import Size
from textual.notifications import SeverityLevel
from textual.screen import Screen

from kdquiz.core.model import Deck
from kdquiz.core.plan import Activity, Plan, select_decks
from kdquiz.core.safe_text import safe_text
from kdquiz.errors import KdquizError
from kdquiz.ui.keys import bindings
from kdquiz.ui.widgets.header import title_line

if TYPE_CHECKING:
    from kdquiz.core.custom_study import CustomStudy
    from kdquiz.core.queue import DeckCounts
    from kdquiz.core.stats import Stats
    from kdquiz.core.store import GameRecord
    from kdquiz.services import Services
    from kdquiz.ui.screens.browser import BrowserScreen
    from kdquiz.ui.screens.home import HomeScreen
    from kdquiz.ui.screens.results import ResultsScreen
    from kdquiz.ui.screens.study import StudyScreen

#: Below this the layout would overlap, so a "terminal too small" message is shown instead.
MIN_WIDTH, MIN_HEIGHT = 60, 20
THEME_PREF = "ui.theme"

#: Opens a deck file at a line; the default suspends the app and runs $VISUAL / $EDITOR.
EditFile = Callable[[Path, int], None]


def _on_current_screen(app: App[None], node: DOMNode | None) -> bool:
    """Whether `node` is the app, or is on the screen that takes keys now (or under its modal)."""
    if node is None or node is app:
        return True
    try:
        screen = node.screen  # a screen's own screen is itself
    except NoScreen:
        return False  # removed already
    return screen in app.screen_stack


def _file_signature(path: Path) -> tuple[int, int, int] | None:
    """What changes when a file is saved (its size and times), None when it cannot be read."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns


class KdquizApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "kdquiz"
    SUB_TITLE = "K-drama quiz & flashcards"
    BINDINGS: ClassVar[list[BindingType]] = bindings("app.help", "app.quit", "app.palette")

    def format_title(self, title: str, sub_title: str) -> Content:
        return title_line(title, sub_title)

    def __init__(
        self, services: Services, *, plan: Plan | None = None, edit_file: EditFile | None = None
    ) -> None:
        super().__init__()
        self.services = services
        self.plan = plan
        self.edit_file: EditFile = edit_file or self._edit_in_editor
        #: Started by a direct command (`kdquiz review`): leaving the session leaves the app.
        self.direct = plan is not None
        #: Set by `exit`: keys and clicks that arrive after it are ignored (see `run_action`).
        self.exiting = False
        #: The last statistics shown, with what they were computed from (see `_collect_stats`).
        self._stats_cache: tuple[object, Stats, list[GameRecord]] | None = None
        #: The "too small" screen while it is shown (see `_check_size`).
        self._too_small: Screen | None = None

    # --- start-up and shutdown ------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        from kdquiz.ui.screens.home import HomeScreen

        return HomeScreen(
            self.services.catalog,
            self._deck_counts,
            timed=self.services.settings.quiz_timer,
            progress=self._daily_progress,
        )

    def _daily_progress(self) -> str | None:
        """The home screen's line about today's goal and streak (None: the learner wants none)."""
        from kdquiz.core.daily_goal import daily_progress

        services = self.services
        found = daily_progress(
            services.store, services.catalog.decks, services.settings, services.clock()
        )
        return found.text() if found is not None else None

    def _deck_counts(self, decks: Sequence[Deck]) -> dict[str, DeckCounts]:
        """New, due and learned per deck, for the home screen (it calls this in a worker)."""
        from kdquiz.core.queue import deck_counts

        services = self.services
        now = services.clock()
        return {
            deck.id: deck_counts(services.store, deck, now, services.settings) for deck in decks
        }

    def on_mount(self) -> None:
        self._apply_keymap()
        saved = self.services.store.get_pref(THEME_PREF, "")
        if saved and saved in self.available_themes:
            self.theme = saved
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if not self.is_headless:
            self._handle_signals()
        self._check_size()
        # After the first frame: a worker's start and its state messages would come before it.
        self.call_after_refresh(self._report_backup)
        if self.plan is not None:
            self.call_after_refresh(self.start_plan, self.plan)

    @work(thread=True, group="backup")
    def _report_backup(self) -> None:
        """Today's backup is made in the background: say so if it fails, once it is done."""
        for warning in self.services.store.wait_for_backup():
            self.call_from_thread(
                self.notify, warning, title="Backup", severity="warning", timeout=15
            )

    def _apply_keymap(self) -> None:
        """settings.toml's [keys]: remap bindings by id; ids that name no binding are reported."""
        from kdquiz.ui.keys import unknown_ids

        keymap = self.services.settings.keys
        unknown = unknown_ids(keymap)
        if unknown:
            self.notify(
                f"settings.toml [keys]: no key binding is called {', '.join(unknown)}; "
                "the help screen (?) lists them. Those lines are ignored.",
                severity="warning",
                timeout=10,
                markup=False,
            )
        self.set_keymap({k: v for k, v in keymap.items() if k not in unknown})

    def _remember_theme(self, theme: object) -> None:
        name = getattr(theme, "name", "")
        if name and name != self.services.store.get_pref(THEME_PREF, ""):
            self.services.store.set_pref(THEME_PREF, name)

    def _handle_signals(self) -> None:
        """SIGTERM and SIGHUP save what is pending and exit normally, so Textual restores the terminal."""
        loop = asyncio.get_running_loop()
        for sig in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)):
            if sig is None:
                continue
            try:
                loop.add_signal_handler(sig, self.save_and_exit)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not on this platform (Windows): Ctrl+C / closing the window still work

    def save_progress(self) -> None:
        """Commit any answer still on screen (every screen that holds one implements save_progress)."""
        for screen in reversed(self.screen_stack):
            save = getattr(screen, "save_progress", None)
            if callable(save):
                save()

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        self.exiting = True
        super().exit(result, return_code, message)

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Every key binding and action button comes through here. Two keys that arrive together
        (`q` then `p`) must not start anything once the first has begun leaving: not while the app
        exits, and not on a screen that is no longer the one shown (a screen that has been left)."""
        if self.exiting or not _on_current_screen(self, default_namespace):
            return True  # handled: by doing nothing
        return await super().run_action(action, default_namespace, namespaces)

    def save_and_exit(self) -> None:
        try:
            self.save_progress()
        finally:
            self.exit()

    async def action_quit(self) -> None:
        self.save_and_exit()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications often quote deck text or paths, so they are plain, safe text unless asked."""
        if not markup:
            message, title = safe_text(message, multiline=True), safe_text(title)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # --- size -------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size)

    def _check_size(self, size: Size | None = None) -> None:
        size = size or self.size
        too_small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        showing = self._too_small is not None and self.screen is self._too_small
        if too_small and not showing:
            from kdquiz.ui.screens.too_small import TooSmallScreen  # rarely needed: imported then

            self._too_small = TooSmallScreen(MIN_WIDTH, MIN_HEIGHT)
            self.push_screen(self._too_small)
        elif not too_small and showing:
            self._too_small = None
            self.pop_screen()
        elif too_small and showing:
            self.screen.refresh()

    # --- starting things --------------------------------------------------------------------

    @property
    def decks(self) -> list[Deck]:
        return self.services.catalog.decks

    def deck(self, deck_id: str) -> Deck | None:
        return self.services.catalog.deck(deck_id)

    def start_plan(self, plan: Plan) -> None:
        try:
            decks = select_decks(self.decks, plan.deck_ids, plan.tag)
        except KdquizError as exc:
            self.notify(exc.message, title=exc.title, severity="error")
            return
        if plan.activity is Activity.QUIZ:
            self.start_quiz(
                decks,
                mode=plan.quiz_mode,
                questions=plan.questions,
                player=plan.player,
                timed=plan.timed,
            )
        else:
            self.start_study(decks, plan.activity, plan.custom, preview=plan.preview)

    def start_study(
        self,
        decks: Sequence[Deck],
        activity: Activity,
        custom: CustomStudy | None = None,
        *,
        preview: bool = False,
    ) -> None:
        """Review or practise `decks`, or run a custom study on them (`preview`: on a scratch
        store that is thrown away, as `kdquiz preview` plays)."""
        from kdquiz.core.custom_study import open_session
        from kdquiz.core.session import Mode
        from kdquiz.ui.screens.study import StudyScreen

        if not decks:
            self.notify(
                "There are no decks to study. Add one with `kdquiz new` or `kdquiz import`.",
                severity="warning",
            )
            return
        services = self.services
        session = open_session(
            custom,
            practice=activity is Activity.PRACTICE,
            store=services.store,
            settings=services.settings,
            decks=list(decks),
            clock=services.clock,
            rng=services.rng,
            fuzz=services.fuzz,
        )
        if custom is not None:
            activity = Activity.PRACTICE if session.mode is Mode.PRACTICE else Activity.REVIEW
        titles = [d.title for d in decks]
        self.push_screen(
            StudyScreen(
                session, activity, titles, services=self.services, deck=self.deck, preview=preview
            )
        )

    def start_quiz(
        self,
        decks: Sequence[Deck],
        *,
        mode: str = "classic",
        questions: int = 10,
        player: str = "",
        timed: bool = True,
    ) -> None:
        from kdquiz.core.game import QuizConfig, QuizMode, QuizRound
        from kdquiz.ui.screens.quiz import QuizScreen

        items = [item for deck in decks for item in deck.items()]
        if not items:
            self.notify("The chosen decks have no questions.", severity="warning")
            return
        config = QuizConfig(mode=QuizMode(mode), questions=questions, timed=timed)
        quiz = QuizRound(items, config, self.services.rng, self.services.clock)
        self.push_screen(QuizScreen(quiz, decks, player, services=self.services, deck=self.deck))

    def finish_activity(self) -> None:
        """Back to the home screen, or out of the app when a direct command started the session."""
        if self.direct:
            self.exit()
            return
        from kdquiz.ui.screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    # --- keys and commands ------------------------------------------------------------------

    def action_help(self) -> None:
        from kdquiz.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.services.settings.keys))

    def action_stats(self) -> None:
        from kdquiz.ui.screens.stats import StatsScreen

        if not isinstance(self.screen, StatsScreen):
            self.push_screen(
                StatsScreen(self._collect_stats, self._toggle_streak, self.services.settings.zone)
            )

    def _collect_stats(self) -> tuple[Stats, list[GameRecord]]:
        """Everything the stats screen shows (it calls this in a worker thread): computed again
        only when the store, the decks or the study day changed since the last time, as a
        million-row log takes a while to aggregate."""
        from kdquiz.core.queue import study_day
        from kdquiz.core.stats import collect

        services = self.services
        settings = services.settings
        store, decks, now = services.store, services.catalog.decks, services.clock()
        zone, rollover = settings.zone(), settings.defaults.rollover_hour
        key = (
            store.change_token(),  # read before the store: a write meanwhile means recompute
            study_day(now, zone, rollover).start,
            id(services.catalog),
            tuple((deck.id, deck.item_count()) for deck in decks),
            str(zone),
            rollover,
        )
        cached = self._stats_cache
        if cached is not None and cached[0] == key:
            return cached[1], cached[2]
        stats = collect(store, decks, now=now, tz=zone, rollover_hour=rollover)
        games = store.games()[-10:][::-1]
        self._stats_cache = (key, stats, games)
        return stats, games

    def _toggle_streak(self) -> None:
        from kdquiz.core.stats import STREAK_PREF

        store = self.services.store
        store.set_pref(STREAK_PREF, "off" if store.get_pref(STREAK_PREF, "off") == "on" else "on")

    # --- what the screens ask for -------------------------------------------------------------

    def on_home_screen_study_requested(self, message: HomeScreen.StudyRequested) -> None:
        if not self.exiting:
            self.start_study(message.decks, message.activity)

    def on_home_screen_quiz_requested(self, message: HomeScreen.QuizRequested) -> None:
        choice = message.choice
        if not self.exiting:
            self.start_quiz(
                message.decks,
                mode=choice.mode,
                questions=choice.questions,
                player=choice.player,
                timed=choice.timed,
            )

    def on_home_screen_stats_requested(self) -> None:
        if not self.exiting:
            self.action_stats()

    def on_home_screen_custom_study_requested(
        self, message: HomeScreen.CustomStudyRequested
    ) -> None:
        if not self.exiting:
            self.start_study(message.decks, Activity.REVIEW, message.study)

    def on_home_screen_browse_requested(self, message: HomeScreen.BrowseRequested) -> None:
        if not self.exiting:
            self.open_browser(message.query)

    def open_browser(self, query: str = "") -> None:
        from kdquiz.core.browse import CardBrowser
        from kdquiz.ui.screens.browser import BrowserScreen

        services = self.services
        browser = CardBrowser(
            services.store, lambda: services.catalog.decks, services.settings, services.clock
        )
        self.push_screen(BrowserScreen(browser, query=query))

    def on_browser_screen_edit_requested(self, message: BrowserScreen.EditRequested) -> None:
        from kdquiz.ui.screens.browser import BrowserScreen

        screen = self.screen
        if self.edit_card(message.deck_id, message.line) and isinstance(screen, BrowserScreen):
            screen.card_edited()

    def on_activity_done(self) -> None:
        self.finish_activity()

    def on_study_screen_edit_requested(self, message: StudyScreen.EditRequested) -> None:
        from kdquiz.ui.screens.study import StudyScreen

        screen = self.screen
        if self.edit_card(message.deck_id, message.line) and isinstance(screen, StudyScreen):
            screen.card_edited()

    def on_results_screen_play_again(self, message: ResultsScreen.PlayAgain) -> None:
        from kdquiz.ui.screens.results import ResultsScreen

        if self.exiting or not isinstance(self.screen, ResultsScreen):
            return  # a second key or click after the first already left the results
        self.pop_screen()
        self.start_quiz(
            message.decks,
            mode=message.mode,
            questions=message.questions,
            player=message.player,
            timed=message.timed,
        )

    def _home_action(self, action: str) -> Callable[[], None]:
        def run() -> None:
            from kdquiz.ui.screens.home import HomeScreen

            self.finish_activity() if not isinstance(self.screen, HomeScreen) else None
            if isinstance(self.screen, HomeScreen):
                getattr(self.screen, f"action_{action}")()

        return run

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Start review", "Review every card that is due", self._home_action("review_all")
        )
        yield SystemCommand(
            "Start quiz", "Play a quiz round on the chosen decks", self._home_action("quiz")
        )
        yield SystemCommand(
            "Start practice",
            "Practise a deck without changing the schedule",
            self._home_action("practice"),
        )
        yield SystemCommand("Open stats", "Your decks, progress and best scores", self.action_stats)
        yield SystemCommand(
            "Browse cards", "Search every card; suspend, bury or flag", self.open_browser
        )
        yield SystemCommand(
            "Switch theme", "Pick a colour theme (remembered)", self.action_change_theme
        )
        yield SystemCommand("Help", "Every key, on one screen", self.action_help)
        for command in super().get_system_commands(screen):
            if command.title not in ("Theme",):
                yield command

    # --- editing decks ----------------------------------------------------------------------

    def _edit_in_editor(self, path: Path, line: int) -> None:
        import shlex  # here: only editing a card needs it

        editor = os.environ.get("VISUAL", "").strip() or os.environ.get("EDITOR", "").strip()
        try:
            words = shlex.split(editor or "vi")
        except ValueError:
            self.notify(
                f"Could not read $VISUAL or $EDITOR ({editor}): a quote is not closed, or it "
                "ends in a backslash. Set $EDITOR to your editor.",
                severity="error",
            )
            return
        command = [*words, *([f"+{line}"] if line > 0 else []), str(path)]
        failed: OSError | None = None
        try:
            with self.suspend():
                # caught inside: Textual gives the terminal back only when the block ends normally
                try:
                    subprocess.call(command)
                except OSError as exc:
                    failed = exc
        except SuspendNotSupported:
            self.notify(
                f"Cannot open an editor here. The card is at {path}:{line}.", severity="warning"
            )
        if failed is not None:
            self.notify(
                f"Could not run {command[0]!r}: {failed.strerror or failed}. "
                "Set $EDITOR to your editor.",
                severity="error",
            )

    def edit_card(self, deck_id: str, line: int) -> bool:
        """Open the deck file at the card's line, then reload every deck. False if there is no file,
        or if it is a shipped deck: a reinstall would wipe edits to it, so a copy is offered first."""
        deck = self.deck(deck_id)
        if deck is None or not deck.path:
            self.notify("This deck has no file to edit.", severity="warning")
            return False
        if self.services.catalog.origins.get(deck_id) == "shipped":
            self._offer_copy(deck)
            return False
        path = Path(deck.path)
        before = _file_signature(path)
        self.edit_file(path, line)
        if _file_signature(path) != before:  # an editor that failed or quit unsaved: no reload
            self.reload_deck(deck_id)
        return True

    def _offer_copy(self, deck: Deck) -> None:
        """Ask to copy a shipped deck into the learner's decks folder; on yes, edit the copy."""
        from kdquiz.locations import user_decks_dir
        from kdquiz.ui.screens.confirm import ConfirmModal

        folder = user_decks_dir(self.services.data_dir)

        def answered(copy: bool | None) -> None:
            if copy and not self.exiting:
                self._copy_and_edit(deck, folder)

        self.push_screen(
            ConfirmModal(
                "Copy this deck to edit it?",
                f"“{safe_text(deck.title)}” came with kdquiz: installing or upgrading kdquiz "
                f"replaces its file, and any edits with it. Copy it to your decks folder "
                f"({safe_text(str(folder))}) and edit the copy? Your progress stays with it.",
                "Copy and edit",
                "Cancel",
            ),
            answered,
        )

    def _copy_and_edit(self, deck: Deck, folder: Path) -> None:
        from kdquiz.core.deck_copy import copy_deck
        from kdquiz.core.files import InputFileError

        try:
            copy = copy_deck(Path(deck.path), folder)
        except (OSError, InputFileError) as exc:
            reason = getattr(exc, "message", None) or getattr(exc, "strerror", None) or str(exc)
            self.notify(f"Could not copy the deck: {reason}", severity="error")
            return
        catalog = self.services.catalog
        catalog.decks[catalog.decks.index(deck)] = replace(deck, path=str(copy))
        catalog.origins[deck.id] = "yours"
        self.notify(f"Copied to {copy}. Your edits go there from now on.")
        # Edit again, on the copy now: the screen that asked reloads the card as after any edit.
        self.call_later(self.run_action, "screen.edit")

    def reload_deck(self, deck_id: str) -> Deck | None:
        """Read one deck file again after an edit. On problems the old deck stays and they are shown."""
        from kdquiz.core.decks import load_deck
        from kdquiz.errors import DeckError

        catalog = self.services.catalog
        old = catalog.deck(deck_id)
        if old is None or not old.path:
            return old
        try:
            new = load_deck(Path(old.path))
        except DeckError as exc:
            first = exc.problems[0] if exc.problems else exc.message
            more = f" (and {len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
            self.notify(
                f"{first}{more}. The deck was not reloaded; fix the file and edit again.",
                title="Deck problems",
                severity="error",
                timeout=10,
            )
            return old
        if new.id != deck_id:
            self.notify(
                f"The deck id changed from {deck_id} to {new.id}; restart kdquiz to use it.",
                severity="warning",
            )
            return old
        catalog.decks[catalog.decks.index(old)] = new
        self.notify(f"Reloaded {new.title}.")
        return new
