"""KdquizApp: wiring only. Services (store, decks, clock, random source) come in from outside."""

from __future__ import annotations

import asyncio
import os
import shlex
import signal
import subprocess
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, SuspendNotSupported, SystemCommand
from textual.binding import BindingType
from textual.geometry import Size
from textual.notifications import SeverityLevel
from textual.screen import Screen

from kdquiz.core.model import Deck
from kdquiz.core.plan import Activity, Plan, select_decks
from kdquiz.core.safe_text import safe_text
from kdquiz.errors import KdquizError
from kdquiz.ui.keys import bindings

if TYPE_CHECKING:
    from kdquiz.services import Services

#: Below this the layout would overlap, so a "terminal too small" message is shown instead.
MIN_WIDTH, MIN_HEIGHT = 60, 20
THEME_PREF = "ui.theme"

#: Opens a deck file at a line; the default suspends the app and runs $VISUAL / $EDITOR.
EditFile = Callable[[Path, int], None]


class KdquizApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "kdquiz"
    SUB_TITLE = "K-drama quiz & flashcards"
    BINDINGS: ClassVar[list[BindingType]] = bindings("app.help", "app.quit", "app.palette")

    def __init__(
        self, services: Services, *, plan: Plan | None = None, edit_file: EditFile | None = None
    ) -> None:
        super().__init__()
        self.services = services
        self.plan = plan
        self.edit_file: EditFile = edit_file or self._edit_in_editor
        #: Started by a direct command (`kdquiz review`): leaving the session leaves the app.
        self.direct = plan is not None

    # --- start-up and shutdown ------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        from kdquiz.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self._apply_keymap()
        saved = self.services.store.get_pref(THEME_PREF, "")
        if saved and saved in self.available_themes:
            self.theme = saved
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if not self.is_headless:
            self._handle_signals()
        self._check_size()
        for warning in self.services.store.warnings:
            self.notify(warning, title="Backup", severity="warning", timeout=15)
        if self.plan is not None:
            self.call_after_refresh(self.start_plan, self.plan)

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
        from kdquiz.ui.screens.too_small import TooSmallScreen

        size = size or self.size
        too_small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if too_small and not showing:
            self.push_screen(TooSmallScreen(MIN_WIDTH, MIN_HEIGHT))
        elif not too_small and showing:
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
                decks, mode=plan.quiz_mode, questions=plan.questions, player=plan.player
            )
        else:
            self.start_study(decks, plan.activity)

    def start_study(self, decks: Sequence[Deck], activity: Activity) -> None:
        from kdquiz.core.session import Mode, StudySession
        from kdquiz.ui.screens.study import StudyScreen

        if not decks:
            self.notify(
                "There are no decks to study. Add one with `kdquiz new` or `kdquiz import`.",
                severity="warning",
            )
            return
        services = self.services
        session = StudySession(
            store=services.store,
            settings=services.settings,
            decks=list(decks),
            mode=Mode.REVIEW if activity is Activity.REVIEW else Mode.PRACTICE,
            clock=services.clock,
            rng=services.rng,
            fuzz=services.fuzz,
        )
        self.push_screen(StudyScreen(session, activity, [d.title for d in decks]))

    def start_quiz(
        self, decks: Sequence[Deck], *, mode: str = "classic", questions: int = 10, player: str = ""
    ) -> None:
        from kdquiz.core.game import QuizConfig, QuizMode, QuizRound
        from kdquiz.ui.screens.quiz import QuizScreen

        items = [item for deck in decks for item in deck.items()]
        if not items:
            self.notify("The chosen decks have no questions.", severity="warning")
            return
        config = QuizConfig(mode=QuizMode(mode), questions=questions)
        quiz = QuizRound(items, config, self.services.rng, self.services.clock)
        self.push_screen(QuizScreen(quiz, decks, player))

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
            self.push_screen(StatsScreen())

    def _home_action(self, action: str) -> Callable[[], None]:
        def run() -> None:
            from kdquiz.ui.screens.home import HomeScreen

            self.finish_activity() if not isinstance(self.screen, HomeScreen) else None
            if isinstance(self.screen, HomeScreen):
                getattr(self.screen, f"action_{action}")()

        return run

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Start review", "Review every card that is due", self._home_action("review")
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
            "Switch theme", "Pick a colour theme (remembered)", self.action_change_theme
        )
        yield SystemCommand("Help", "Every key, on one screen", self.action_help)
        for command in super().get_system_commands(screen):
            if command.title not in ("Theme",):
                yield command

    # --- editing decks ----------------------------------------------------------------------

    def _edit_in_editor(self, path: Path, line: int) -> None:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        command = [*shlex.split(editor), *([f"+{line}"] if line > 0 else []), str(path)]
        try:
            with self.suspend():
                subprocess.call(command)
        except SuspendNotSupported:
            self.notify(
                f"Cannot open an editor here. The card is at {path}:{line}.", severity="warning"
            )
        except OSError as exc:
            self.notify(
                f"Could not run {command[0]!r}: {exc.strerror or exc}. Set $EDITOR to your editor.",
                severity="error",
            )

    def edit_card(self, deck_id: str, line: int) -> bool:
        """Open the deck file at the card's line, then reload every deck. False if there is no file."""
        deck = self.deck(deck_id)
        if deck is None or not deck.path:
            self.notify("This deck has no file to edit.", severity="warning")
            return False
        self.edit_file(Path(deck.path), line)
        self.reload_deck(deck_id)
        return True

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
