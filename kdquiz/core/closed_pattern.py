"""A pattern that must end with a fixed closer (`}}`, `]`), searched in time linear in the text.

`re` tries a pattern such as `\\{\\{(.+?)\\}\\}` from every opening, and an opening never closed
is scanned to the end of the text, once for each: ten thousand `{{` in a card took seconds. No
match can end past the text's last closer, so searching only up to it gives the same matches,
and every scan that starts there finds its closer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator


def _last_end(text: str, closer: str) -> int:
    """Where the last `closer` in `text` ends (0 when there is none: nothing can match)."""
    at = text.rfind(closer)
    return at + len(closer) if at >= 0 else 0


class ClosedPattern:
    """`re.Pattern`'s search, finditer, findall and sub, for a pattern ending in `closer`."""

    def __init__(self, pattern: str, closer: str, flags: int = 0) -> None:
        self.compiled = re.compile(pattern, flags)
        self.closer = closer

    def _end(self, text: str) -> int:
        return _last_end(text, self.closer)

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text, 0, self._end(text))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, 0, self._end(text))

    def findall(self, text: str) -> list[str]:
        return self.compiled.findall(text, 0, self._end(text))

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        end = self._end(text)
        return self.compiled.sub(repl, text[:end]) + text[end:] if end else text


class StopPattern:
    """A pattern whose first part cannot run past a `stop` character and that ends with
    `closer`: `<img ... src=...>` (stop and closer `>`), a Markdown link `[label](url)` (stop
    `]`, closer `)`). Found in time linear in the text.

    `re` would scan to the same stop again from every opening before it. One try per stop is
    enough: where the first opening before a stop fails, every later one before it fails too
    (what it would need lies inside the first's), so the search goes on after the stop. The
    search ends at the last closer, as `ClosedPattern`'s does.
    """

    def __init__(self, opening: str, pattern: str, stop: str, closer: str, flags: int = 0) -> None:
        self.opening = re.compile(opening, flags)
        self.compiled = re.compile(pattern, flags)
        self.stop = stop
        self.closer = closer

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        end = _last_end(text, self.closer)
        at = 0
        while (start := self.opening.search(text, at, end)) is not None:
            stop = text.find(self.stop, start.start(), end)
            if stop < 0:
                return
            match = self.compiled.match(text, start.start(), end)
            if match is not None:
                yield match
            at = match.end() if match is not None else stop + 1

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        pieces, last = [], 0
        for match in self.finditer(text):
            pieces += [
                text[last : match.start()],
                match.expand(repl) if isinstance(repl, str) else repl(match),
            ]
            last = match.end()
        return "".join(pieces) + text[last:]
