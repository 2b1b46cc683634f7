"""Deck text never reaches the terminal as anything but text: run the real TUI under a
pseudo-terminal on a deck full of markup and check what it writes and that no action fired."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from pty_support import Terminal, forbidden

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs a Linux pty")

MARKUP_DECK = """\
format: 1
id: markup
title: "[bold red]Markup[/] deck [@click=app.quit]x[/]"
cards:
  - id: one
    type: mcq
    prompt: "[@click=app.quit]Quit?[/] [link=https://evil.example]click[/link] [/] [bold]"
    choices: ["[@click=app.bell]ring[/]", "[reverse]flip[/reverse]", "plain"]
    answer: plain
    explain: "[@click=screen.dismiss]gone[/] [/]"
"""


def test_markup_in_a_deck_is_shown_as_text_and_fires_nothing(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "markup.yaml").write_text(MARKUP_DECK, encoding="utf-8")
    term = Terminal(["practice", "markup"], tmp_path, columns=100, lines=30)
    try:
        text = term.wait_for("Quit?")
        assert term.proc.poll() is None, "the app quit by itself: deck markup fired an action"
        flat_text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)
        assert "[@click=app.quit]Quit?[/]" in flat_text
        assert "[link=https://evil.example]click[/link]" in flat_text
        assert "[@click=app.bell]ring[/]" in flat_text
        assert not forbidden(term.raw), forbidden(term.raw)
        term.press(b"3")  # choose "plain"
        flat_after = term.wait_for("gone")
        assert term.proc.poll() is None
        assert "[@click=screen.dismiss]gone[/]" in flat_after
        assert not forbidden(term.raw), forbidden(term.raw)
        term.press(b"q")
        term.wait_for("Cards answered")
        term.press(b"q")
        assert term.wait_exit() == 0
    finally:
        term.close()


@pytest.mark.parametrize("signum", ["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_exit_cleanly_restore_the_terminal_and_keep_answers(
    tmp_path: Path, signum: str
) -> None:
    import signal
    import sqlite3

    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "markup.yaml").write_text(MARKUP_DECK, encoding="utf-8")
    term = Terminal(["review", "markup"], tmp_path, columns=100, lines=30)
    try:
        term.wait_for("plain")
        assert b"\x1b[?1049h" in term.raw  # the alternate screen is on
        term.press(b"3")
        term.wait_for("Right")
        term.press(b"\r")
        term.wait_for("Session")
        term.press(b"")
        term.proc.send_signal(getattr(signal, signum))
        code = term.wait_exit(timeout=10)
        tail = term.raw[term.mark :]
        assert code == 0, code
        assert b"\x1b[?1049l" in tail, "the terminal was not restored"
        assert b"Traceback" not in tail
    finally:
        term.close()
    conn = sqlite3.connect(tmp_path / "progress.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert (
            conn.execute(
                "SELECT count(*) FROM log JOIN items ON items.id = log.item WHERE deck = 'markup'"
            ).fetchone()[0]
            == 1
        )
    finally:
        conn.close()
