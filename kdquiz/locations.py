"""Where kdquiz keeps progress and finds decks. Every path can be overridden for tests."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "kdquiz"
DATA_DIR_ENV = "KDQUIZ_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: --data-dir, then $KDQUIZ_DATA_DIR, then the platform's user data dir."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def user_decks_dir(data: Path) -> Path:
    return data / "decks"


def _shipped(in_wheel: str, in_checkout: str) -> Path:
    """A folder shipped with kdquiz: inside the wheel, or beside the package in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / in_wheel, here.parent / in_checkout):
        if candidate.is_dir():
            return candidate
    return here / in_wheel


def bundled_decks_dir() -> Path:
    """The shipped decks."""
    return _shipped("_decks", "decks")


def bundled_docs_dir() -> Path:
    """The user guides (`kdquiz help TOPIC`), so a pip install has them too."""
    return _shipped("_docs", "docs")
