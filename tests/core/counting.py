"""A compiled pattern that counts how often it is used, for tests that check a reader makes a
bounded number of searches rather than timing it."""

from __future__ import annotations

import re
from typing import Any


class CountingPattern:
    """`pattern`, with `calls` counting each search, match or other method called on it."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.pattern, name)

        def counted(*args: Any) -> Any:
            self.calls += 1
            return method(*args)

        return counted
