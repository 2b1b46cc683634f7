"""Shared fixtures. No test may touch the real user data directory."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point KDQUIZ_DATA_DIR at a fresh folder for every test, so nothing reaches the real one."""
    folder = tmp_path_factory.mktemp("kdquiz-data")
    monkeypatch.setenv("KDQUIZ_DATA_DIR", str(folder))
    monkeypatch.setenv("XDG_DATA_HOME", str(folder / "xdg"))
    return folder
