"""YAML syntax errors said so that a teacher who has never heard of YAML can fix them.

PyYAML reports what its parser expected ("did not find expected key"); the cause is nearly always
one of a few slips: a tab, a line indented differently from its neighbours, a text holding ': ',
or a text starting with a character YAML reserves (`*`, `&`, `!`, `@`, `[`, `{`, a quote). The
raw line says which, so the message names the slip and shows the line as it should be written.
"""

from __future__ import annotations

import re

_ENTRY = re.compile(
    r"(?P<indent>[ \t]*)(?P<dash>-[ \t]+)?(?:(?P<key>[\w.-]+):(?:[ \t]+|\Z))?(?P<value>.*)\Z"
)
_RESERVED = {
    "*": "an alias",
    "&": "an anchor",
    "!": "a tag",
    "@": "a reserved character",
    "`": "a reserved character",
    "%": "a directive",
    "[": "the start of a list",
    "{": "the start of a mapping",
    "'": "the start of a quoted text",
    '"': "the start of a quoted text",
}


def reads_back_plain(text: str) -> bool:
    """True when `text` reads back as the same string without quotes."""
    import yaml

    try:
        return bool(yaml.safe_load(f"v: {text}") == {"v": text})
    except yaml.YAMLError:
        return False


def as_yaml_value(text: str) -> str:
    """`text` as a YAML value that reads back as itself: plain where it can be, else quoted."""
    return text if reads_back_plain(text) else quoted(text)


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def explain(what: str, text: str, line: int) -> str:
    """A fix for the YAML error `what` reported at `line` (1-based) of `text`."""
    lines = text.split("\n")
    raw = lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else ""
    said = f"(not valid YAML: {what})"
    if "\t" in raw[: len(raw) - len(raw.lstrip(" \t"))] or "tab" in what:
        return (
            f"line {line} is indented with a tab: YAML indents with spaces only, so replace the "
            f"tab with spaces {said}"
        )
    match = _ENTRY.match(raw)
    value = match.group("value").strip() if match else ""
    key = match.group("key") if match else None
    fixed = ""
    if match and value:
        fixed = f"{match.group('indent')}{match.group('dash') or ''}{key + ': ' if key else ''}"
        fixed += quoted(value)
    if value[:1] in ("'", '"') and not _closed(value) and value.rstrip().endswith(value[0]):
        inner = value.rstrip()[1:-1]
        fixed = fixed[: len(fixed) - len(quoted(value))] + quoted(inner)
        kind = "single" if value.startswith("'") else "double"
        return (
            f"the text on line {line} is in {kind} quotes and holds the same quote inside: "
            f"write it as   {_shown(fixed)}   {said}"
        )
    if value[:1] in ("'", '"') and not value.rstrip().endswith(value[0]):
        return (
            f"the quote that starts the text on line {line} is never closed: end the text "
            f"with {value[0]} too, as in   {_shown(fixed)}   {said}"
        )
    if value[:1] in _RESERVED and not _closed(value):
        return (
            f"the text on line {line} starts with '{value[0]}', which YAML reads as "
            f"{_RESERVED[value[0]]}: put the whole text in double quotes, "
            f"as in   {_shown(fixed)}   {said}"
        )
    if key and re.search(r":[ \t]", value):
        return (
            f"the text on line {line} contains ': ', which YAML reads as a new key: put the "
            f"whole text in double quotes, as in   {_shown(fixed)}   {said}"
        )
    if "\t" in raw:
        return f"line {line} has a tab character: replace it with spaces {said}"
    if any(w in what for w in ("indicator", "expected key", "mapping values", "block end")):
        above = _line_above(lines, line)
        if above is not None:
            indent = len(raw) - len(raw.lstrip(" "))
            other = len(lines[above]) - len(lines[above].lstrip(" "))
            return (
                f"line {line} is indented {indent} spaces but line {above + 1} above it {other}: "
                "the keys "
                "of one card (id, type, prompt ...) must line up exactly, and a new card starts "
                f"with '- ' at the same place as the others {said}"
            )
    return f"not valid YAML: {what}"


def _shown(line: str, width: int = 100) -> str:
    """The corrected line, shortened for the message (a line may be thousands of characters)."""
    line = line.strip()
    return line if len(line) <= width else line[: width - 3] + "..."


def _closed(value: str) -> bool:
    """A value that is already a whole quoted text, list or mapping (the slip is elsewhere)."""
    value = value.rstrip()
    pairs = {"'": "'", '"': '"', "[": "]", "{": "}"}
    end = pairs.get(value[:1])
    if end is None or len(value) < 2 or not value.endswith(end):
        return False
    inner = value[1:-1]
    if end == "'":
        return "'" not in inner.replace("''", "")
    if end == '"':
        return '"' not in inner.replace('\\"', "")
    return True


def _line_above(lines: list[str], line: int) -> int | None:
    """The index of the nearest line above `line` with content (comments and blanks skipped)."""
    for index in range(line - 2, -1, -1):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index
    return None


#: ` #x` after a plain text: YAML cut the text there, taking the rest for a comment.
HASH_AFTER_TEXT = re.compile(r"[ \t]+#(\S.*)")


def cut_by_comment(rest: str) -> str | None:
    """What a ` #` cut off a plain text, when the rest of its line looks like text, not a comment.

    A comment is written `# like this`, with a space; `#1` or `#hashtag` right after a text is
    almost always meant as part of it."""
    match = HASH_AFTER_TEXT.match(rest)
    return "#" + match.group(1).rstrip() if match else None
