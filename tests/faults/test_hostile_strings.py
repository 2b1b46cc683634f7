"""One hostile string through every screen and every command: no control byte and no markup
effect reaches the output.

The string holds what text from outside can carry: OSC 52 (sets the clipboard), OSC 0 (the window
title), a CSI (resizes the window), a C1 control, a bidi override, a newline that would forge a
line, and Rich markup (a hyperlink, a click action, a style). It arrives as a player name, a log
field and a game read back from the store, a file name, a card id, a data directory and command
arguments; deck text (which the loader keeps free of controls) carries the markup.
"""

from __future__ import annotations

import io
import json
import sys
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pty_support import Terminal, forbidden

from kdquiz.cli import main
from kdquiz.core.store import GameRecord, ProgressStore, store_path

CONTROLS = "\x1b]52;c;cHduZWQ=\x07\x1b]0;pwned\x07\x1b[8;1;1t\x9b1m\u202e"
HOSTILE = f"[bold]B[link=https://x.x]L[/link]{CONTROLS}\nforged [@click=app.quit]Q[/]"
# How the screen shows it: the markup as written, each control as an escape.
SHOWN = HOSTILE.replace("\x1b", "\\x1b").replace("\x07", "\\x07").replace("\x9b", "\\x9b") \
    .replace("\u202e", "\\u202e").replace("\n", "\\n")
SHOWN_START = SHOWN[:SHOWN.index(";c;")]  # what a narrow place has room for
HOSTILE_NAME = "deck\x1b]0;pwned\x07\u202e\nforged [bold]x"  # a file name cannot hold "/"
# What must never reach a terminal: each piece of CONTROLS as written.
RAW = [b"\x1b]52;", b"\x1b]0;", b"\x1b[8;1;1t", "\x9b".encode(), "\u202e".encode()]

DECK = """\
format: 1
id: markup
title: "[bold red]Markup[/] deck [@click=app.quit]x[/]"
description: "[link=https://x.example]about[/link] [@click=app.quit]quit[/]"
tags: ["[bold]tag[/]"]
cards:
  - id: one
    type: mcq
    prompt: "[@click=app.quit]Quit?[/] [link=https://x.example]click[/link] [/] [bold]"
    choices: ["[@click=app.bell]ring[/]", "[reverse]flip[/reverse]", "plain"]
    answer: plain
    explain: "[@click=screen.dismiss]gone[/] [/]"
"""
NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


def hostile_store(data_dir: Path) -> None:
    """What an older kdquiz, a crafted backup or an import could have left in the store."""
    with ProgressStore(store_path(data_dir), clock=lambda: NOW, backup=False) as store:
        for card in ("one", HOSTILE):  # the second is an orphan: `check --progress` suggests relink
            store.log_answer(("markup", card, ""), mode=HOSTILE, rating=3, correct=True,
                             response_ms=1200, when=NOW - timedelta(days=2), answer_text=HOSTILE)
        store.save_game_result(GameRecord(
            deck_ids=("markup", HOSTILE), mode=HOSTILE, player=HOSTILE, started=NOW - timedelta(minutes=3),
            finished=NOW - timedelta(minutes=1), score=1200, correct=1, total=1, best_streak=1,
            answers=((("markup", "one", ""), True),)))


def unsafe(char: str) -> bool:
    """A character that is not plain text on a terminal (newline and tab are)."""
    return char not in "\n\t" and (unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")
                                   and char not in "\u200c\u200d")


def assert_clean_terminal(raw: bytes) -> None:
    assert not forbidden(raw), forbidden(raw)
    for piece in RAW:
        assert piece not in raw, piece


# --- the TUI, under a pseudo-terminal --------------------------------------------------------------

pty_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs a Linux pty")


@pytest.fixture
def tui_data(tmp_path: Path) -> Path:
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / f"{HOSTILE_NAME}.yaml").write_text(DECK, encoding="utf-8")
    hostile_store(tmp_path)
    return tmp_path


@pty_only
def test_quiz_and_results_screens_show_a_hostile_player_name_as_text(tui_data: Path) -> None:
    term = Terminal(["quiz", "markup", "--questions", "1", "--player", HOSTILE], tui_data)
    try:
        shown = term.wait_for("Quit?")
        assert "[@click=app.quit]Quit?[/] [link=https://x.example]click[/link]" in shown
        assert "[@click=app.bell]ring[/]" in shown
        term.press(b"3")  # "plain", the right answer
        shown = term.wait_for("gone")
        assert "[@click=screen.dismiss]gone[/]" in shown
        term.press(b"\r")
        shown = term.wait_for("Round over")
        assert f"Round over · {SHOWN_START}" in shown
        assert term.proc.poll() is None, "markup fired an action"
        term.press(b"\r")
        term.wait_for("no such text", timeout=2)
        assert_clean_terminal(term.raw)
    finally:
        term.close()


@pty_only
def test_home_stats_study_history_and_summary_show_outside_text_as_text(tui_data: Path) -> None:
    term = Terminal([], tui_data, columns=300, lines=60)
    try:
        assert "[bold red]Markup[/] deck" in term.wait_for("Markup")
        term.press(b"\x1b[B" * 3)  # down to it, below the three shipped decks
        shown = term.wait_for("about")
        assert "[link=https://x.example]about[/link] [@click=app.quit]quit[/]" in shown
        assert "tags: [bold]tag[/]" in shown
        term.press(b"s")
        assert SHOWN in term.wait_for(SHOWN)  # the player name, the game's mode and a deck id
        term.press(b"\x1b")
        term.wait_for("Your decks")
        term.press(b" r")  # select the markup deck and review it
        shown = term.wait_for("Quit?")
        assert "[@click=app.quit]Quit?[/]" in shown
        term.press(b"3")
        term.wait_for("gone")
        term.press(b"i")
        assert SHOWN_START in term.wait_for(SHOWN_START)  # the mode of the stored answer
        term.press(b"\x1b")
        term.wait_for("gone")
        term.press(b"\r")
        term.wait_for("done")
        term.press(b"\r")
        term.wait_for("Your decks")
        assert term.proc.poll() is None, "markup fired an action"
        term.press(b"q")
        assert term.proc.wait(timeout=10) == 0
        assert_clean_terminal(term.raw)
    finally:
        term.close()
