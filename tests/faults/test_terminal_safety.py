"""Deck text never reaches the terminal as anything but text: run the real TUI under a
pseudo-terminal on a deck full of markup and check what it writes and that no action fired."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from pty_support import forbidden, read_for

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
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "KDQUIZ_DATA_DIR": str(tmp_path),
        "COLUMNS": "100",
        "LINES": "30",
    }
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kdquiz", "practice", "markup"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
        start_new_session=True,
    )
    os.close(slave)
    try:
        screen = read_for(master, 6.0)
        assert proc.poll() is None, "the app quit by itself: deck markup fired an action"
        text = screen.decode("utf-8", "replace")
        flat = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)
        assert "[@click=app.quit]Quit?[/]" in flat
        assert "[link=https://evil.example]click[/link]" in flat
        assert "[@click=app.bell]ring[/]" in flat
        assert not forbidden(screen), forbidden(screen)
        os.write(master, b"3")  # choose "plain"
        after = read_for(master, 2.0)
        assert proc.poll() is None
        flat_after = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", after.decode("utf-8", "replace"))
        assert "[@click=screen.dismiss]gone[/]" in flat_after
        assert not forbidden(after), forbidden(after)
        os.write(master, b"q")
        read_for(master, 1.0)
        os.write(master, b"q")
        read_for(master, 1.0)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)


@pytest.mark.parametrize("signum", ["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_exit_cleanly_restore_the_terminal_and_keep_answers(
    tmp_path: Path, signum: str
) -> None:
    import signal
    import sqlite3

    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "markup.yaml").write_text(MARKUP_DECK, encoding="utf-8")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "KDQUIZ_DATA_DIR": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kdquiz", "review", "markup"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
        start_new_session=True,
    )
    os.close(slave)
    try:
        screen = read_for(master, 5.0)
        assert b"\x1b[?1049h" in screen  # the alternate screen is on
        os.write(master, b"3")
        read_for(master, 1.5)
        os.write(master, b"\r")
        read_for(master, 1.5)
        proc.send_signal(getattr(signal, signum))
        tail = read_for(master, 5.0)
        code = proc.wait(timeout=10)
        assert code == 0, code
        assert b"\x1b[?1049l" in tail, "the terminal was not restored"
        assert b"Traceback" not in tail
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    conn = sqlite3.connect(tmp_path / "progress.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM log WHERE deck = 'markup'").fetchone()[0] == 1
    finally:
        conn.close()
