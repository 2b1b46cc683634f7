"""Counts in words: "1 card", "2 cards", "0 cards". Every count kdquiz says goes through `plural`."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """`count` and the noun in the right number: `many` for irregular plurals ("1 match" needs
    "matches"), else the noun with an "s"."""
    word = noun if count == 1 else (many or f"{noun}s")
    return f"{count} {word}"
