"""Run the real kdquiz under a pseudo-terminal, read what it writes, and find what must not be there."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from pathlib import Path

# Textual itself sets the mouse pointer shape (OSC 22); anything else of this kind (OSC such as
# hyperlinks or window titles, DCS, APC, PM, SOS, C1 controls, a bell) could only come from outside.
TEXTUAL_OWN = re.compile(r"\x1b\]22;[a-z-]*\x07")
FORBIDDEN = re.compile("\x1b[\\]P_^X]|[\x80-\x9f]|\x07|[\u202a-\u202e\u2066-\u2069]")
CSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def forbidden(raw: bytes) -> re.Match[str] | None:
    return FORBIDDEN.search(TEXTUAL_OWN.sub("", raw.decode("utf-8", "replace")))


def flat(raw: bytes) -> str:
    """The text written, without the terminal's own control sequences."""
    return CSI.sub("", raw.decode("utf-8", "replace"))


def read_for(fd: int, seconds: float) -> bytes:
    out = b""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out


class Terminal:
    """One kdquiz process on a pty of `columns` x `lines`; `wait_for` reads until text appears in
    what was written since the last key press."""

    def __init__(
        self, args: Sequence[str], data_dir: Path, *, columns: int = 160, lines: int = 40
    ) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "KDQUIZ_DATA_DIR": str(data_dir),
            "COLUMNS": str(columns),
            "LINES": str(lines),
        }
        env.pop("NO_COLOR", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kdquiz", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            close_fds=True,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.raw = b""  # everything written so far
        self.mark = 0  # where the output since the last key press starts

    def wait_for(self, text: str, timeout: float = 40.0) -> str:
        """Read until `text` shows (or `timeout` passes: the caller's assertion then fails)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end and self.proc.poll() is None:
            self.raw += read_for(self.master, 0.2)
            if text in flat(self.raw[self.mark :]):
                break
        self.raw += read_for(self.master, 0.3)  # the rest of the frame
        return flat(self.raw[self.mark :])

    def wait_exit(self, timeout: float = 40.0) -> int | None:
        """The exit code, reading all the while: a full pty would block kdquiz's last writes."""
        end = time.monotonic() + timeout
        while time.monotonic() < end and self.proc.poll() is None:
            self.raw += read_for(self.master, 0.2)
        self.raw += read_for(self.master, 0.2)
        return self.proc.poll()

    def press(self, keys: bytes) -> None:
        self.mark = len(self.raw)
        os.write(self.master, keys)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)
