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
import re
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
SHOWN = (
    HOSTILE.replace("\x1b", "\\x1b")
    .replace("\x07", "\\x07")
    .replace("\x9b", "\\x9b")
    .replace("\u202e", "\\u202e")
    .replace("\n", "\\n")
)
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
            store.log_answer(  # a log row's mode is a number: only its text can be hostile
                ("markup", card, ""),
                mode="practice",
                rating=3,
                correct=True,
                response_ms=1200,
                when=NOW - timedelta(days=2),
                answer_text=HOSTILE,
            )
        store.save_game_result(
            GameRecord(
                deck_ids=("markup", HOSTILE),
                mode=HOSTILE,
                player=HOSTILE,
                started=NOW - timedelta(minutes=3),
                finished=NOW - timedelta(minutes=1),
                score=1200,
                correct=1,
                total=1,
                best_streak=1,
                answers=((("markup", "one", ""), True),),
            )
        )


def unsafe(char: str) -> bool:
    """A character that is not plain text on a terminal (newline and tab are)."""
    return char not in "\n\t" and (
        unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp") and char not in "\u200c\u200d"
    )


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
def test_a_player_name_with_control_characters_is_refused_at_the_door(tui_data: Path) -> None:
    term = Terminal(["quiz", "markup", "--questions", "1", "--player", HOSTILE], tui_data)
    try:
        assert term.wait_exit() == 2
        assert "--player" in term.raw.decode("utf-8", "replace")
        assert_clean_terminal(term.raw)
    finally:
        term.close()


#: A name that passes --player's check (no controls, at most 40 characters) but is all markup.
PLAYER = "[@click=app.quit]Q[/][link=x]L[/link]"


@pty_only
def test_quiz_and_results_screens_show_a_markup_player_name_as_text(tui_data: Path) -> None:
    term = Terminal(["quiz", "markup", "--questions", "1", "--player", PLAYER], tui_data)
    try:
        shown = term.wait_for("Quit?")
        assert "[@click=app.quit]Quit?[/] [link=https://x.example]click[/link]" in shown
        assert "[@click=app.bell]ring[/]" in shown
        term.press(b"3")  # any choice
        shown = term.wait_for("gone")
        assert "[@click=screen.dismiss]gone[/]" in shown
        term.press(b"\r")
        shown = term.wait_for("Round over")
        assert f"Round over · {PLAYER}" in shown
        assert term.proc.poll() is None, "markup fired an action"
        term.press(b"\r")  # done: the round was the whole plan, so kdquiz ends
        assert term.wait_exit() == 0
        assert_clean_terminal(term.raw)
    finally:
        term.close()


@pty_only
def test_home_stats_setup_study_history_and_summary_show_outside_text_as_text(
    tui_data: Path,
) -> None:
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
        term.press(b" g")  # select the markup deck and set up a quiz round on it
        assert "[bold red]Markup[/] deck [@click=app.quit]x[/]" in term.wait_for("Quiz round")
        term.press(b"\x1b")
        term.wait_for("Your decks")
        term.press(b"r")  # review the selected deck
        shown = term.wait_for("plain")
        assert "[@click=app.quit]Quit?[/]" in shown
        right = re.search(r"(\d)  plain", shown)
        assert right, shown
        term.press(right.group(1).encode())  # right
        assert "[@click=screen.dismiss]gone[/]" in term.wait_for("gone")
        term.press(b"i")
        # The card's history: a stored mode is a number now, so it shows as kdquiz's own word.
        assert "practice" in term.wait_for("practice")
        term.press(b"\x1b")
        assert "History" in term.wait_for("History")  # the footer of the study screen again
        term.press(b"4\r")  # Easy: the card leaves its learning steps, so the review ends
        assert "Session done" in term.wait_for("Session done")
        term.press(b"\r")
        assert "Your decks" in term.wait_for("Your decks")
        assert term.proc.poll() is None, "markup fired an action"
        term.press(b"q")
        assert term.wait_exit() == 0
        assert_clean_terminal(term.raw)
    finally:
        term.close()


# --- every command, its output shown on a terminal --------------------------------------------------


class Screen(io.StringIO):
    """Standard output and error as a terminal: whatever is written here is shown."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def cli_data(tmp_path: Path) -> Path:
    return make_cli_data(tmp_path)


def make_cli_data(tmp_path: Path) -> Path:
    """A data directory whose own name is hostile, so every path a command echoes is too."""
    data = tmp_path / f"data-{HOSTILE_NAME}"
    decks = data / "decks"
    decks.mkdir(parents=True)
    (decks / f"{HOSTILE_NAME}.yaml").write_text(DECK, encoding="utf-8")
    (decks / f"{HOSTILE_NAME}-broken.yaml").write_text("format: 1\nid: [\n", encoding="utf-8")
    hostile_store(data)
    (tmp_path / f"{HOSTILE_NAME}.csv").write_text(
        f'Question,Answer\n"{HOSTILE}","{HOSTILE}"\n', encoding="utf-8"
    )
    (tmp_path / f"{HOSTILE_NAME}-history.csv").write_text(
        f"card_id,review_rating,review_time,review_duration\n{HOSTILE!r},3,{HOSTILE},1000\n",
        encoding="utf-8",
    )
    (tmp_path / f"{HOSTILE_NAME}-progress.json").write_text(
        json.dumps(
            {
                "kdquiz_progress": 1,
                "states": [],
                "log": [
                    {
                        "deck": "markup",
                        "card": HOSTILE,
                        "sub": "",
                        "time": NOW.isoformat(),
                        "rating": 3,
                        "correct": True,
                        "response_ms": 900,
                        "mode": HOSTILE,
                        "answer": HOSTILE,
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / f"{HOSTILE_NAME}.md").write_text(
        f"# Drama\n\nThe director Kim Min-ji{CONTROLS} filmed the drama in Seoul in 2019 with a "
        f"crew of 80 people.\n\nThe \x1b[1mdrama\x1b[0m won an award in 2021 in Busan.\n",
        encoding="utf-8",
    )
    return data


def commands(data: Path) -> list[list[str]]:
    """Every command, each fed the hostile string where it takes outside text."""
    here = data.parent
    deck = str(data / "decks" / f"{HOSTILE_NAME}.yaml")
    out = str(here / f"out-{HOSTILE_NAME}")
    return [
        ["decks"],
        ["decks", "--json"],
        ["decks", str(here / f"{HOSTILE_NAME}.csv")],
        ["check", str(data / "decks")],
        ["check", "--progress", str(data / "decks")],
        ["check", str(here / f"missing-{HOSTILE_NAME}.yaml")],
        ["stats"],
        ["stats", "--json"],
        ["stats", "--deck", HOSTILE],
        ["results"],
        ["results", "--format", "json"],
        ["results", "--player", HOSTILE],
        ["results", "-o", f"{out}.csv"],
        ["export-progress"],
        ["export-progress", "--format", "csv"],
        ["export-progress", "-o", f"{out}.json"],
        ["import-progress", str(here / f"{HOSTILE_NAME}-progress.json")],
        ["import-progress", str(here / f"{HOSTILE_NAME}.csv")],
        ["import-history", str(here / f"{HOSTILE_NAME}-history.csv"), "--deck", HOSTILE],
        ["import-history", str(here / f"{HOSTILE_NAME}-history.csv"), "--skip-bad"],
        ["import", str(here / f"{HOSTILE_NAME}.csv"), "-o", f"{out}.yaml"],
        ["export", deck, "--to", "csv"],
        ["export", deck, "--to", "markdown", "-o", f"{out}.md"],
        ["export", HOSTILE, "--to", "gift"],
        ["new", f"{out}-new.yaml"],
        ["new", f"{out}-new.yaml"],
        ["new", f"{out}.txt"],
        ["generate", str(here / f"{HOSTILE_NAME}.md"), "--report"],
        ["generate", str(here / f"{HOSTILE_NAME}.md")],  # the deck itself, printed
        ["generate", str(here / f"{HOSTILE_NAME}.md"), "-o", f"{out}-gen.yaml"],
        ["relink", "markup", HOSTILE, "two"],
        ["relink", HOSTILE, "a", "b"],
        ["backup"],
        ["backup", "--list"],
        ["restore", f"{out}-none.sqlite3"],
        ["optimize", "--dry-run"],
        ["review", "--plain"],
        ["practice", "markup", "--plain"],
        ["quiz", "markup", "--plain", "--player", HOSTILE, "--questions", "1"],
        ["preview", deck, "--plain"],
        ["preview", f"{out}-none.yaml"],
        ["quiz", "--mode", HOSTILE],
        ["review", HOSTILE, "--plain"],
        ["cards"],
        ["cards", "--json"],
        ["cards", HOSTILE],
        ["cards", f"deck:{HOSTILE}", "--suspend"],
    ]


def test_every_command_shows_outside_text_without_control_bytes_or_forged_lines(
    cli_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown_hostile = 0
    for argv in commands(cli_data):
        screen = Screen()
        monkeypatch.setattr(sys, "stdout", screen)
        monkeypatch.setattr(sys, "stderr", screen)
        monkeypatch.setattr(sys, "stdin", io.StringIO("3\n\n1\n\n" * 3))
        try:
            main(["--data-dir", str(cli_data), *argv])
        except SystemExit:
            pass  # a usage error from the parser: its message is checked like any output
        # A progress bar redraws its own line with a carriage return: kdquiz's text, not outside text.
        text = re.sub(r"\r(?=(Importing|Reading) )", "", screen.getvalue())
        assert "Traceback" not in text, (argv, text)
        bad = sorted({f"U+{ord(c):04X}" for c in text if unsafe(c)})
        assert not bad, (argv, bad, text[:2000])
        forged = [line for line in text.splitlines() if line.startswith("forged")]
        assert not forged, (argv, forged)
        shown_hostile += "\\x1b]" in text
    assert shown_hostile >= len(commands(cli_data)) // 2  # the string was shown, escaped, not lost


def test_a_refused_progress_file_lists_its_problems_one_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / f"{HOSTILE_NAME}.json"
    record = {
        "deck": "markup",
        "card": "one",
        "sub": "",
        "time": NOW.isoformat(),
        "rating": 3,
        "correct": True,
        "response_ms": 900,
        "mode": "m" * 50,
        "answer": "",
    }
    bad.write_text(
        json.dumps({"kdquiz_progress": 1, "states": [], "log": [record, record]}), encoding="utf-8"
    )
    assert main(["--data-dir", str(tmp_path / "data"), "import-progress", str(bad)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert [line for line in lines if "log[0]" in line or "log[1]" in line] == lines[:2], lines
    assert "2 bad record(s) in" in lines[2] and "deck\\x1b]0;pwned\\x07\\u202e\\nforged" in lines[2]
    assert not [line for line in lines if line.startswith("forged")]
