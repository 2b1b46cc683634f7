"""Reading one value of a deck file: the checks every field goes through, shared by the deck
loader and each question kind's reader (`kdquiz.core.kinds`).

A `Checker` collects problems for one file, each with line, column and a sentence saying how to
fix it; its readers return None (after recording the problem) when a value is unusable.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable

from kdquiz.core.yamlsafe import Mapping, Node, Scalar, Sequence
from kdquiz.errors import Problem

MAX_TEXT_CHARS = 10_000
MAX_CHOICES = 26

SLUG = re.compile(r"[a-z0-9](?:[a-z0-9._-]{0,78}[a-z0-9])?\Z")
#: The slug rule in words, the same in messages, the `new` template and docs/deck-format.md.
SLUG_RULE = "lowercase letters, digits, '-', '_' or '.' (first and last a letter or digit)"
NUMBER = re.compile(r"[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?\Z")
INTEGER = re.compile(r"[+-]?(?:0|[1-9][0-9]*)\Z")
# C0 controls other than tab/newline/carriage return, DEL, C1 controls, and bidi overrides/isolates
# (which can make text display differently from what it says).
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
CHAR_NAMES = {
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
}

#: Keys other quiz formats and habits use, and the deck format's key each most likely means (the
#: first one the mapping allows): a flashcard's "question" is its front, an mcq's its prompt.
#: The kinds' own keys come before the common ones, which every card allows.
KEY_NAMES = {
    "question": ("front", "statement", "text", "prompt"),
    "q": ("front", "statement", "text", "prompt"),
    "answer": ("back", "answers"),
    "a": ("answer", "back"),
    "correct": ("answer", "answers"),
    "correct_answer": ("answer", "answers"),
    "solution": ("answer", "back"),
    "options": ("choices",),
    "answers": ("answer", "choices"),
    "explanation": ("explain",),
    "feedback": ("explain",),
    "tag": ("tags",),
    "name": ("title",),
    "deck": ("title",),
    "accepted": ("accept",),
    "alternatives": ("accept",),
    "timer": ("time_limit",),
    "time": ("time_limit",),
}

TRUE_WORDS = {"true", "yes", "on", "y"}
FALSE_WORDS = {"false", "no", "off", "n"}


MAX_SLUG = 80


def is_slug(text: str) -> bool:
    return bool(SLUG.match(text))


def slugify(text: str, max_len: int = 40) -> str:
    """Lowercase ASCII words joined by '-'; "" when nothing usable is left (e.g. Hangul only)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_len]
    return slug


class IdAllocator:
    """Hands out ids unique within one deck: a clash gets `-2`, `-3` ... appended."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        #: The last suffix handed out for each id wanted again: a file of 100,000 identical
        #: rows tries each number once, not every earlier one again for each row.
        self._last: dict[str, int] = {}

    def take(self, wanted: str) -> str:
        base = wanted if is_slug(wanted) else (slugify(wanted) or "card")
        candidate, n = base, self._last.get(base, 1)
        if n > 1:
            candidate = self._numbered(base, n)
        while candidate in self.used:
            n += 1
            candidate = self._numbered(base, n)
        self._last[base] = n
        self.used.add(candidate)
        return candidate

    @staticmethod
    def _numbered(base: str, n: int) -> str:
        suffix = f"-{n}"
        return base[: MAX_SLUG - len(suffix)].rstrip("-._") + suffix


def absent(node: Node | None) -> bool:
    """A key not written, or written with no value (`key:` or `key: null`)."""
    return node is None or (isinstance(node, Scalar) and node.is_null)


def close_match(word: str, choices: Iterable[str], cutoff: float) -> str | None:
    """The allowed word `word` was probably meant to be, for "did you mean" hints."""
    import difflib  # only a broken deck needs it; a valid one loads without it

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


def describe_char(ch: str) -> str:
    name = CHAR_NAMES.get(ch) or unicodedata.name(ch, "") or "control character"
    return f"U+{ord(ch):04X} ({name})"


class Checker:
    """Collects problems for one file; each `problem` call records one and never raises."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.card_id = ""

    def problem(self, node: Node | Scalar | None, message: str, line: int = 0) -> None:
        if node is not None:
            line, column = node.line, node.column
        else:
            column = 1
        self.problems.append(Problem(self.path, line or 1, column, message, self.card_id))

    # -- typed readers: return None (after recording a problem) when the value is unusable ----

    def text(
        self,
        node: Node | None,
        field: str,
        *,
        required: bool = False,
        parent: Mapping | None = None,
    ) -> str | None:
        if absent(node):
            if required:
                self.problem(node or parent, f"'{field}' is missing: add {field}: <text>")
            return None
        if not isinstance(node, Scalar):
            kind = "a list" if isinstance(node, Sequence) else "a mapping"
            self.problem(node, f"'{field}' must be text, not {kind}")
            return None
        value = unicodedata.normalize("NFC", node.value)
        bad = FORBIDDEN_CHARS.search(value)
        if bad:
            self.problem(
                node,
                f"'{field}' contains the invisible character {describe_char(bad.group())}: "
                "remove it (control and bidi-override characters are not allowed)",
            )
            return None
        if len(value) > MAX_TEXT_CHARS:
            self.problem(
                node,
                f"'{field}' is {len(value):,} characters long; the limit is "
                f"{MAX_TEXT_CHARS:,}: shorten it or split the card",
            )
            return None
        if not value.strip():
            self.problem(node, f"'{field}' is empty: write some text or remove the key")
            return None
        return value.strip()

    def slug(self, node: Node | None, field: str, *, parent: Mapping | None = None) -> str | None:
        value = self.text(node, field, required=True, parent=parent)
        if value is None:
            return None
        if not SLUG.match(value):
            self.problem(
                node,
                f"'{field}' must be a slug of {SLUG_RULE} (like 'seoul-hub'), not {value!r}",
            )
            return None
        return value

    def number(
        self,
        node: Node | None,
        field: str,
        *,
        integer: bool = False,
        required: bool = False,
        parent: Mapping | None = None,
        expected: str = "",
    ) -> float | None:
        """The number `node` holds, else a problem saying it must be `expected` (by default a
        number, or a whole number with `integer`)."""
        if absent(node):
            if required:
                self.problem(node or parent, f"'{field}' is missing: add {field}: <number>")
            return None
        if not isinstance(node, Scalar):
            self.problem(node, f"'{field}' must be a number")
            return None
        raw = node.value.strip()
        pattern = INTEGER if integer else NUMBER
        if not pattern.match(raw):
            hint = ""
            if re.fullmatch(r"[+-]?0[0-9]+", raw):
                hint = f" (leading zeros are ambiguous in YAML: write {int(raw)})"
            elif "," in raw or "_" in raw:
                hint = " (write it without thousands separators)"
            what = expected or ("a whole number" if integer else "a number")
            self.problem(node, f"'{field}' must be {what}, not {raw!r}{hint}")
            return None
        value = float(raw)
        if not math.isfinite(value):
            self.problem(node, f"'{field}' is too large")
            return None
        return value

    def boolean(
        self,
        node: Node | None,
        field: str,
        *,
        required: bool = False,
        parent: Mapping | None = None,
    ) -> bool | None:
        if absent(node):
            if required:
                self.problem(
                    node or parent, f"'{field}' is missing: add {field}: true or {field}: false"
                )
            return None
        if isinstance(node, Scalar):
            word = node.value.strip().lower()
            if word in ("true", "false"):
                return word == "true"
            if word in TRUE_WORDS | FALSE_WORDS:
                self.problem(
                    node,
                    f"'{field}' is {node.value!r}, which YAML tools read differently: "
                    f"write true or false",
                )
                return None
        self.problem(node, f"'{field}' must be true or false")
        return None

    def text_list(
        self,
        node: Node | None,
        field: str,
        *,
        required: bool = False,
        parent: Mapping | None = None,
    ) -> list[tuple[str, Scalar]] | None:
        if absent(node):
            if required:
                self.problem(
                    node or parent, f"'{field}' is missing: add a list, e.g. {field}: [a, b]"
                )
            return None
        if not isinstance(node, Sequence):
            self.problem(node, f"'{field}' must be a list, e.g. {field}: [a, b]")
            return None
        out = []
        for child in node.items:
            value = self.text(child, field)
            if value is not None and isinstance(child, Scalar):
                out.append((value, child))
        return out

    def mapping(self, node: Node | None, what: str, allowed: tuple[str, ...]) -> Mapping | None:
        if not isinstance(node, Mapping):
            found = "a list" if isinstance(node, Sequence) else "plain text" if node else "nothing"
            self.problem(node, f"{what} must be a mapping of keys to values, found {found}")
            return None
        for key, (key_node, _) in node.pairs.items():
            if key not in allowed:
                named = (a for a in KEY_NAMES.get(key.lower(), ()) if a in allowed)
                guess = next(named, None) or close_match(key, allowed, 0.6)
                hint = (
                    f": did you mean '{guess}'?" if guess else f" (allowed: {', '.join(allowed)})"
                )
                self.problem(key_node, f"unknown key '{key}' in {what}{hint}")
        return node
