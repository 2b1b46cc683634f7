"""docs/deck-format.md promises that its tables of `kdquiz check` messages show exactly what a
teacher sees: each message quoted there is checked here against the real output of an example
deck (`...` in a quoted message stands for any text). A row without an example fails the test,
so a message added to the docs is checked too."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from kdquiz.cli import main

DOC = Path(__file__).parents[2] / "docs" / "deck-format.md"
SECTION = "## What `kdquiz check` refuses, and what it says"

HEAD = "format: 1\nid: d\ntitle: T\ncards:\n"
OK_CARD = "  - id: a\n    type: typed\n    prompt: q\n    answer: x\n"
VALID = HEAD + OK_CARD


def cards(text: str) -> str:
    """A deck of the cards written in `text` (a YAML list, indented as in a deck)."""
    return HEAD + textwrap.indent(textwrap.dedent(text), "  ")


def matching(pairs: str) -> str:
    """A deck of one matching card with these `pairs` (lines of a YAML list)."""
    return cards(
        "- id: a\n  type: matching\n  prompt: q\n  pairs:\n" + textwrap.indent(pairs, "    ")
    )


def shifted(lines: int, text: str) -> str:
    """`text` moved down by `lines` comment lines, so its problems are on the lines the docs say."""
    return "#\n" * lines + text


class Columns(list):
    """Examples for a table whose cells each answer one example: the first cell after the input
    is said of the first example, and so on."""


def big_file(folder: Path) -> None:
    """A sparse file of 52.4 MB: the size is what is refused, nothing is read."""
    with open(folder / "big.yaml", "wb") as handle:
        handle.truncate(52_400_000)


#: The first cell of each row -> the example deck(s): text, bytes, a {name: content} of several
#: files, or a function that writes into the folder.
EXAMPLES: dict[str, list[object]] = {
    "a file over 32 MiB": [big_file],
    "UTF-16 (with a byte-order mark)": [VALID.encode("utf-16")],
    "Latin-1 / Windows-1252 bytes": [VALID.replace("T", "Caf\u00e9").encode("latin-1")],
    "NUL bytes": [VALID.replace("title: T", "title: T\x00").encode()],
    "a UTF-8 byte-order mark": ["\ufeff" + VALID],
    "an empty file, or only comments": ["", "# nothing yet\n"],
    "a line over 20,000 characters": [HEAD.replace("T", "x" * 1_000_001) + OK_CARD],
    "a control character (other than tab and newline), a C1 control, or a bidi override/isolate "
    "(U+202A–U+202E, U+2066–U+2069), typed raw": [VALID.replace("title: T", "title: T\x07")],
    'the same, written as a YAML escape (`"\\x1b[2J"`, `"\\x9b"`, `"\\u202E"`)': [
        VALID.replace("prompt: q", 'prompt: "\\x1b[2J"')
    ],
    "a tab used to indent": ["format: 1\nid: d\n\ttitle: T\n"],
    "a line indented differently from the card's other keys": [
        "cards:\n  - id: a\n    type: typed\n  prompt: q\n"
    ],
    "a text holding `: `": ["format: 1\nid: d\nprompt: Episode 1: the start\n"],
    "a text starting with `*`, `&`, `!`, `@`, `[`, `{`": [
        "format: 1\nid: d\nprompt: *important* word\n"
    ],
    "a quote inside a text in the same quotes, or a quote never closed": [
        "format: 1\nid: d\nprompt: 'It's here'\n",
        "format: 1\nprompt: 'never closed\n",
    ],
    "` #` inside a text not in quotes (`prompt: the #1 drama`)": [
        VALID.replace("prompt: q", "prompt: the #1 drama")
    ],
    "other YAML errors": ["format: 1\nid: d\ntitle: T\ncards: [a, b\n"],
    "`---` starting a second document": [VALID + "---\n" + VALID],
    'an anchor `&x` (every "billion laughs" file starts with one)': [
        VALID.replace("answer: x", "answer: &x x")
    ],
    "an alias `*x`": [VALID.replace("answer: x", "answer: *x")],
    "a tag such as `!!python/object/apply:os.system` or `!custom`": [
        VALID.replace("answer: x", "answer: !!python/object/apply:os.system [ls]"),
        VALID.replace("answer: x", "answer: !custom x"),
    ],
    "nesting deeper than 12 levels (even 100,000 levels, indented or in brackets such as "
    "`title: [[[[...`)": [
        "format: 1\nid: d\ntitle: " + "[" * 100_000 + "\n",
        "format: 1\nid: d\ntitle: " + "{a: " * 9_000 + "\n",
        "format: 1\nid: d\ntitle: " + "[" * 20 + "]" * 20 + "\n",
        "format: 1\nid: d\ntitle:\n" + "".join("  " * n + "- \n" for n in range(1, 30)),
    ],
    "a list or text where the deck mapping belongs": ["- format: 1\n"],
    "the same key twice in one mapping": ["format: 1\nid: d\ntitle: T\ntitle: U\ncards: []\n"],
    # Values YAML would silently change: a typed, a numeric and a truefalse card answering it.
    **{
        f"`{value}`": Columns(
            [
                cards(f"- id: t\n  type: typed\n  prompt: q\n  answer: {value}\n"),
                cards(f"- id: n\n  type: numeric\n  prompt: q\n  answer: {value}\n"),
                cards(f"- id: f\n  type: truefalse\n  statement: s\n  answer: {value}\n"),
            ]
        )
        for value in ("1.10", "010", "12:30", "2001-12-14", "=", "1,000")
    },
    "`no`, `yes`, `on`, `off`": Columns(
        [
            cards("- id: t\n  type: typed\n  prompt: q\n  answer: no\n"),
            cards("- id: n\n  type: numeric\n  prompt: q\n  answer: no\n"),
            cards("- id: f\n  type: truefalse\n  statement: s\n  answer: no\n"),
        ]
    ),
    # Deck and card fields.
    "`format` missing / newer": [
        VALID.replace("format: 1\n", ""),
        VALID.replace("format: 1", "format: 2"),
    ],
    "an unknown key": [VALID.replace("title: T", "titel: T")],
    "a required field missing": [cards("- {id: a, type: flashcard, front: f}\n")],
    "a field of the wrong type": [
        cards("- {id: a, type: flashcard, front: [f], back: b}\n"),
        HEAD.replace("cards:\n", "cards: {a: 1}\n"),
    ],
    "empty text": [cards("- {id: a, type: flashcard, front: f, back: ''}\n")],
    "an id that is not a slug": [VALID.replace("id: d", "id: Bad Id")],
    "a card id used twice": [
        shifted(
            3,
            cards(
                """\
            - id: a
              type: typed
              prompt: q
              answer: x
            - id: a
              type: typed
              prompt: q
              answer: x
            """
            ),
        )
    ],
    "a deck id used by another deck": [
        {
            "decks/week-3.yaml": VALID.replace("id: d", "id: minimal"),
            "decks/other.yaml": VALID.replace("id: d", "id: minimal"),
        }
    ],
    "the deck's `id` missing": [VALID.replace("id: d\n", "")],
    "a card's `id` missing": [cards("- {type: typed, prompt: Who wrote Goblin?, answer: x}\n")],
    "an unknown card type": [
        VALID.replace("type: typed", "type: typd"),
        VALID.replace("type: typed", "type: multiple choice"),
        VALID.replace("type: typed", "type: Cloze"),
    ],
    "mcq answer not among the choices": [
        cards("- {id: a, type: mcq, prompt: q, choices: [Seoul, Busan], answer: Incheon}\n")
    ],
    "mcq answer given as its letter or number": [
        cards("- {id: a, type: mcq, prompt: q, choices: [Seoul, Busan, Incheon], answer: B}\n")
    ],
    "several answers on an mcq card": [
        cards("- {id: a, type: mcq, prompt: q, choices: [Seoul, Busan], answer: [Seoul, Busan]}\n")
    ],
    "a true/false claim written as its prompt": [
        cards("- {id: a, type: truefalse, prompt: Kimchi is fermented., answer: true}\n")
    ],
    "a cloze gap copied from Anki": [cards("- {id: a, type: cloze, text: 'In {{c1::Seoul}}.'}\n")],
    "a key another quiz format uses": [cards("- {id: a, type: flashcard, question: q, back: b}\n")],
    "a numeric answer with its unit": [
        cards("- {id: a, type: numeric, prompt: q, answer: 16 episodes}\n"),
        cards("- {id: a, type: numeric, prompt: q, answer: 2.5 million}\n"),
    ],
    "choices marked right, as other formats do": [
        cards(
            "- id: a\n  type: mcq\n  prompt: q\n  choices:\n"
            "    - {text: Seoul, correct: true}\n    - {text: Busan, correct: false}\n"
        ),
        cards(
            "- id: a\n  type: mcq\n  prompt: q\n  choices:\n"
            "    - {text: Seoul, correct: true}\n    - {text: Busan, correct: true}\n"
        ),
    ],
    "mcq answer differing only in case": [
        cards("- {id: a, type: mcq, prompt: q, choices: [Seoul, Busan], answer: seoul}\n")
    ],
    "the same choice twice": [
        shifted(
            2,
            cards(
                """\
            - id: a
              type: mcq
              prompt: q
              choices:
                - Seoul
                - Seoul
              answer: Seoul
            """
            ),
        )
    ],
    "fewer than two choices": [
        cards("- {id: a, type: mcq, prompt: q, choices: [Seoul], answer: Seoul}\n")
    ],
    "multi answer not among the choices": [
        cards("- {id: a, type: multi, prompt: q, choices: [x, y], answers: [x, z]}\n")
    ],
    "a cloze without gaps, or with `{{` unclosed": [
        cards("- {id: a, type: cloze, text: no gaps}\n"),
        cards("- {id: a, type: cloze, text: 'open {{gap'}\n"),
    ],
    "a numeric answer that is not a number": [
        cards("- {id: a, type: numeric, prompt: q, answer: twenty}\n")
    ],
    "a bad tolerance": [cards("- {id: a, type: numeric, prompt: q, answer: 1, tolerance: much}\n")],
    "an order with fewer than two items": [
        cards("- {id: a, type: order, prompt: q, items: [one]}\n")
    ],
    "an order item twice": [cards("- {id: a, type: order, prompt: q, items: [one, one]}\n")],
    "too few or too many pairs": [
        cards("- {id: a, type: matching, prompt: q, pairs: [{PD: D}]}\n")
    ],
    "a pair not written as `left: right`": [
        cards("- {id: a, type: matching, prompt: q, pairs: [PD, Writer]}\n")
    ],
    "a left item twice": [shifted(3, matching("- PD: Directs\n- PD: Writes\n"))],
    "a right item or distractor twice": [
        shifted(3, matching("- PD: Directs\n- Writer: Directs\n"))
    ],
    "more than four distractors": [
        cards(
            "- {id: a, type: matching, prompt: q, pairs: [{a: b}, {c: d}], "
            "distractors: [e, f, g, h, i]}\n"
        )
    ],
    "a `source` document not in `sources`": [
        HEAD.replace("cards:", "sources: [{id: art, title: A}]\ncards:")
        + "  - {id: a, type: typed, prompt: q, answer: x, source: {doc: other}}\n"
    ],
    "paragraph 0": [
        HEAD.replace("cards:", "sources: [{id: art, title: A}]\ncards:")
        + "  - {id: a, type: typed, prompt: q, answer: x, source: {doc: art, paragraph: 0}}\n"
    ],
    "`time_limit` / `points` out of range": [
        VALID + "    time_limit: 601\n",
        VALID + "    points: 1.5\n",
    ],
    "a text field over 10,000 characters": [VALID.replace("prompt: q", "prompt: " + "x" * 11_001)],
}


def rows() -> list[tuple[str, list[str]]]:
    """(first cell, the other cells) of every row of the tables in the section."""
    text = DOC.read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.index("\n## ", start + len(SECTION))
    found = []
    for line in text[start:end].splitlines():
        if not line.startswith("| ") or line.startswith(("| input", "| problem", "| written")):
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip("|"))]
        found.append((cells[0], cells[1:]))
    return found


def outputs(
    tmp_path: Path,
    examples: list[object],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> list[str]:
    """What `kdquiz check .` says in a folder holding each example, one text per example."""
    said = []
    for number, example in enumerate(examples):
        folder = tmp_path / str(number)
        folder.mkdir()
        if callable(example):
            example(folder)
        elif isinstance(example, dict):
            for name, content in example.items():
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_text(content, encoding="utf-8")
        elif isinstance(example, bytes):
            (folder / "deck.yaml").write_bytes(example)
        else:
            (folder / "deck.yaml").write_text(str(example), encoding="utf-8")
        monkeypatch.chdir(folder)
        main(["check", "."])
        captured = capsys.readouterr()
        said.append(captured.out + captured.err)
    return said


def pattern(message: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in message.split("...")))


@pytest.mark.parametrize(("first", "others"), rows(), ids=[first[:40] for first, _ in rows()])
def test_each_message_in_the_docs_is_what_check_says(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    first: str,
    others: list[str],
) -> None:
    assert first in EXAMPLES, f"no example for the docs row {first!r}: add one"
    examples = EXAMPLES[first]
    said = outputs(tmp_path, examples, capsys, monkeypatch)
    if isinstance(examples, Columns):
        assert len(examples) == len(others), "one example for each column"
        checks = list(zip(others, said, strict=True))
    else:
        checks = [(cell, "\n".join(said)) for cell in others]
    for cell, text in checks:
        if cell.startswith(("kept as", "accepted", "the number")):
            assert "no problems" in text, f"{first} / {cell}: {text}"
        elif cell == "refused":
            assert "problem" in text and "no problems" not in text, text
        for message in re.findall(r"`([^`]+)`", cell) if cell.startswith("`") else ():
            assert pattern(message).search(text), f"{message!r} not in:\n{text}"
