"""Every key binding of the game, defined once: each has an id, a footer label and a help line.

Screens and widgets take their `BINDINGS` from here; the help screen is generated from the same
list, and the `[keys]` table of settings.toml remaps any binding by its id (Textual's keymap), as
in Posting. Keys typed into an answer box never reach the screen, so every screen action a
learner needs before answering (undo, edit, history, help, leave) also has a key that does not
type a character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from textual.binding import Binding, BindingType


class Key(NamedTuple):
    """One binding: `id` is what settings.toml's [keys] names; `keys` the default keys; an empty
    `help` keeps it off the help screen (the other half of a pair such as ↑ and ↓).

    A named tuple rather than a dataclass: the class is built on every start, before the first
    frame, and a named tuple is built in a tenth of the time."""

    id: str
    keys: str
    action: str
    label: str
    help: str
    show: bool = True
    display: str | None = None
    priority: bool = False

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.label,
            show=self.show,
            key_display=self.display,
            priority=self.priority,
            id=self.id,
        )


#: (section title, where it applies, its keys), in the order the help screen shows them.
SECTIONS: tuple[tuple[str, tuple[Key, ...]], ...] = (
    (
        "Everywhere",
        (
            Key("app.help", "question_mark,f1", "help", "Help", "this help (also F1)", display="?"),
            Key(
                "app.quit",
                "ctrl+q",
                "quit",
                "Quit",
                "quit kdquiz (saved)",
                show=False,
                priority=True,
            ),
            # Textual's own binding (App.COMMAND_PALETTE_BINDING), listed so help shows it.
            Key(
                "app.palette",
                "ctrl+p",
                "command_palette",
                "Palette",
                "commands and themes",
                show=False,
            ),
        ),
    ),
    (
        "Home",
        (
            # The home screen's buttons show these five; its footer shows the other keys.
            Key("home.review", "r", "review", "Review", "review picked decks", show=False),
            Key(
                "home.review_all",
                "R",
                "review_all",
                "All due",
                "review every deck shown",
                show=False,
            ),
            Key("home.practice", "p", "practice", "Practice", "practise (no schedule)", show=False),
            Key("home.quiz", "g", "quiz", "Quiz", "play a quiz round", show=False),
            Key("home.stats", "s", "stats", "Stats", "statistics", show=False),
            Key("home.select", "space", "toggle_deck", "Select", "select decks"),
            Key("home.tag", "t", "choose_tag", "Tag", "choose a tag"),
            Key("home.quit", "q,escape", "app.quit", "Quit", "leave kdquiz", display="q"),
        ),
    ),
    (
        "Review and practice",
        (
            Key("study.undo", "u,ctrl+z", "undo", "Undo", "undo the last answer", display="^z"),
            Key("study.edit", "e,f2", "edit", "Edit", "edit card in $EDITOR", display="F2"),
            Key("study.history", "i,f3", "history", "History", "this card's history", display="F3"),
            Key("study.leave", "q,escape", "leave", "Leave", "leave (saved)", display="Esc"),
            # Marks, as in Anki (@ and -), with function keys that also work on typed cards.
            Key(
                "study.suspend",
                "at,f4",
                "suspend",
                "Suspend",
                "suspend the card",
                show=False,
                display="F4 @",
            ),
            Key(
                "study.bury",
                "minus,f5",
                "bury",
                "Bury",
                "bury until tomorrow",
                show=False,
                display="F5 -",
            ),
            Key(
                "study.flag",
                "f6",
                "flag",
                "Flag",
                "flag: the next colour",
                show=False,
                display="F6",
            ),
        ),
    ),
    (
        "Answering",
        (
            Key(
                "answer.show",
                "space,enter",
                "show",
                "Show answer",
                "flashcard: show answer",
                display="Space",
            ),
            Key("answer.up", "up", "move(-1)", "Up", "", show=False),
            Key("answer.down", "down", "move(1)", "Down", "", show=False),
            *(
                Key(
                    f"answer.choose{n}",
                    str(n),
                    f"number({n})",
                    "Choose",
                    "choose by number" if n == 1 else "",
                    show=n == 1,
                    display="1-9" if n == 1 else None,
                )
                for n in range(1, 10)
            ),
            Key("answer.toggle", "space", "toggle_choice", "Toggle", "select-all: toggle"),
            Key("answer.check", "enter", "confirm", "Check", "choose, check"),
            Key("answer.true", "t,y,o", "pick(True)", "True", "true/false: true", display="t/y"),
            Key(
                "answer.false", "f,n,x", "pick(False)", "False", "true/false: false", display="f/n"
            ),
            Key(
                "answer.knew", "y,t", "pick(True)", "I knew it", "quiz card: I knew it", display="y"
            ),
            Key(
                "answer.didnt", "n,f", "pick(False)", "I didn't", "quiz card: I didn't", display="n"
            ),
            Key("order.pick", "up", "cursor(-1)", "Pick", "order: pick an item", display="↑↓"),
            Key("order.next", "down", "cursor(1)", "Pick", "", show=False),
            Key(
                "order.up",
                "shift+up,ctrl+up",
                "shift(-1)",
                "Move",
                "order: move item",
                display="⇧↑↓",
            ),
            Key("order.down", "shift+down,ctrl+down", "shift(1)", "Move", "", show=False),
            Key("order.check", "enter", "confirm", "Check", ""),
            # Matching: numbers pick a left item, letters its partner (up to 8 pairs, 12 partners).
            Key("match.up", "up", "move(-1)", "Up", "", show=False),
            Key("match.down", "down", "move(1)", "Down", "", show=False),
            *(
                Key(
                    f"match.left{n}",
                    str(n),
                    f"left({n})",
                    "Pick item",
                    "matching: pick item 1-8" if n == 1 else "",
                    show=n == 1,
                    display="1-8" if n == 1 else None,
                )
                for n in range(1, 9)
            ),
            *(
                Key(
                    f"match.right{letter}",
                    letter,
                    f"right({i})",
                    "Match",
                    "matching: its partner A-L" if i == 0 else "",
                    show=i == 0,
                    display="A-L" if i == 0 else None,
                )
                for i, letter in enumerate("abcdefghijkl")
            ),
            Key(
                "match.clear",
                "backspace,delete",
                "clear",
                "Unmatch",
                "matching: unmatch",
                show=False,
                display="⌫",
            ),
            Key("match.check", "enter", "confirm", "Check", ""),
        ),
    ),
    (
        "After an answer",
        (
            Key("feedback.continue", "enter", "continue", "Next", "continue"),
            Key("feedback.rate1", "1", "rate(1)", "Rate", "Again Hard Good Easy", display="1-4"),
            Key("feedback.rate2", "2", "rate(2)", "Hard", "", show=False),
            Key("feedback.rate3", "3", "rate(3)", "Good", "", show=False),
            Key("feedback.rate4", "4", "rate(4)", "Easy", "", show=False),
            Key("feedback.right", "r", "i_was_right", "I'm right", "I was right (typed)"),
            # Anki's habit: on a revealed card Space means Good (the reveal key, pressed again).
            Key(
                "feedback.good",
                "space",
                "good",
                "Good",
                "flashcard shown: Good",
                show=False,
                display="Space",
            ),
            Key(
                "quiz.next",
                "enter,space",
                "continue",
                "Next",
                "quiz: next question",
                display="Enter",
            ),
        ),
    ),
    (
        "Quiz",
        (
            Key("quiz.end", "escape", "leave", "End round", "end the round (asks)", display="Esc"),
            Key("quiz.end_q", "q", "leave", "End round", "", show=False),
            Key("results.done", "enter,q,escape", "done", "Done", "", display="Enter"),
            Key("results.again", "n", "again", "Play again", "results: play again"),
            Key(
                "results.page_down",
                "pagedown",
                "scroll_missed('page_down')",
                "Scroll",
                "results: PgUp PgDn Home End ↑↓ scroll the misses",
                show=False,
            ),
            Key("results.page_up", "pageup", "scroll_missed('page_up')", "Scroll", "", show=False),
            Key("results.end", "end", "scroll_missed('end')", "Scroll", "", show=False),
            Key("results.home", "home", "scroll_missed('home')", "Scroll", "", show=False),
            Key("results.down", "down", "scroll_missed('down')", "Scroll", "", show=False),
            Key("results.up", "up", "scroll_missed('up')", "Scroll", "", show=False),
        ),
    ),
    (
        "Card browser",
        (
            Key(
                "browser.search",
                "slash",
                "search",
                "Search",
                "browser: search; F2-F6 and undo as in review",
                display="/",
            ),
            Key("browser.suspend", "at,f4", "suspend", "Suspend", "", display="F4"),
            Key("browser.bury", "minus,f5", "bury", "Bury", "", display="F5"),
            Key("browser.flag", "f6", "flag", "Flag", "", display="F6"),
            Key("browser.history", "i,f3", "history", "History", "", show=False),
            Key("browser.edit", "e,f2", "edit", "Edit", "", show=False),
            Key("browser.undo", "u,ctrl+z", "undo", "Undo", "", show=False),
            Key(
                "browser.sort",
                "o,f7",
                "sort",
                "Sort",
                "browser: next sort column (or click)",
                show=False,
            ),
            Key("browser.back", "q,escape", "back", "Back", "", display="Esc"),
        ),
    ),
    (
        "Other screens",
        (
            Key("home.browse", "b", "browse", "Browse", "home: browse and search cards"),
            Key("home.custom", "c", "custom", "Custom study", "home: custom study"),
            Key("stats.back", "q,escape", "app.pop_screen", "Back", ""),
            Key("stats.streak", "t", "toggle_streak", "Streak on/off", "stats: streak on/off"),
            Key("summary.done", "enter,q,escape", "done", "Done", "", display="Enter"),
            Key("history.close", "escape,i,q,enter", "close", "Close", ""),
            Key(
                "help.close", "escape,q,question_mark,enter,f1", "close", "Close", "", display="Esc"
            ),
            Key("setup.cancel", "escape", "cancel", "Cancel", ""),
            Key("confirm.yes", "y", "yes", "Yes", "a question: yes (also Enter)", display="y"),
            Key("confirm.no", "n,escape", "no", "No", "a question: no (also Esc)", display="n"),
            Key("small.quit", "q", "app.quit", "Quit", ""),
            Key("host.next", "space,n", "next", "Next", "", display="Space"),
            Key("host.end", "e", "end", "End game", ""),
        ),
    ),
)

KEYS: dict[str, Key] = {key.id: key for _, keys in SECTIONS for key in keys}


def bindings(*ids: str) -> list[BindingType]:
    """The bindings with these ids, for a class's BINDINGS."""
    return [KEYS[i].binding() for i in ids]


def unknown_ids(keymap: Mapping[str, str]) -> list[str]:
    """The ids in a user's keymap that name no binding (a typo, or a binding that was removed)."""
    return sorted(set(keymap) - set(KEYS))


def effective_keys(key: Key, keymap: Mapping[str, str]) -> str:
    """The keys that run `key` once the user's keymap is applied."""
    return keymap.get(key.id, key.keys)


def help_rows(keymap: Mapping[str, str]) -> Iterable[tuple[str, tuple[tuple[str, str], ...]]]:
    """(section, ((keys, what), ...)) for the help screen, with remapped keys shown as remapped."""
    for title, keys in SECTIONS:
        yield title, tuple((_shown(key, keymap), key.help) for key in keys if key.help)


def _shown(key: Key, keymap: Mapping[str, str]) -> str:
    if key.id not in keymap and key.display:
        return key.display
    names = {
        "question_mark": "?",
        "escape": "Esc",
        "enter": "Enter",
        "space": "Space",
        "up": "↑",
        "down": "↓",
        "left": "←",
        "right": "→",
        "pageup": "PgUp",
        "pagedown": "PgDn",
        "home": "Home",
        "end": "End",
        "tab": "Tab",
        "backspace": "Backspace",
        "delete": "Del",
        "at": "@",
        "minus": "-",
        "plus": "+",
        "slash": "/",
    }

    def one(name: str) -> str:
        *modifiers, base = name.split("+")
        base = names.get(base, base.upper() if re.fullmatch(r"f\d+", base) else base)
        shown = {"ctrl": "^", "shift": "⇧"}
        return "".join(shown.get(m, f"{m}+") for m in modifiers) + base

    return " ".join(one(k) for k in effective_keys(key, keymap).split(","))
