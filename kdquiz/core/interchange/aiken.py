"""Aiken multiple-choice files (Moodle's simplest quiz format) in and out.

    What comes first in making a K-drama?
    A. The script
    B) The casting
    ANSWER: A

The question may run over several lines; options are `A.` or `A)` (a space after it is optional,
as in Moodle's own files); each question ends with its `ANSWER:` line, and blank lines between
questions are optional. A bad question is reported and skipped; the others are imported.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kdquiz.core.interchange.common import (
    LETTERS,
    ExportResult,
    ImportFileError,
    ImportResult,
    Progress,
    clean,
    deck_mapping,
    imported_from,
    title_from_path,
)
from kdquiz.core.interchange.ids import IdAllocator, content_id, slugify
from kdquiz.core.kinds import spec_of
from kdquiz.core.model import Deck
from kdquiz.core.plural import plural
from kdquiz.errors import Problem

_OPTION = re.compile(r"([A-Z])[.)]\s*(\S.*)\Z")
#: An option written with a small letter (`a) Seoul`), which Aiken does not read as one.
_SMALL_OPTION = re.compile(r"[a-z][.)]\s*\S")
_ANSWER = re.compile(r"ANSWER\s*:\s*(.*)\Z", re.IGNORECASE)


def looks_like_aiken(text: str) -> bool:
    return bool(
        re.search(r"^\s*ANSWER\s*:\s*[A-Z]\s*$", text, re.MULTILINE | re.IGNORECASE)
    ) and bool(re.search(r"^\s*[A-Z][.)]\s*\S", text, re.MULTILINE))


def parse_aiken(text: str, path: str, *, progress: Progress | None = None) -> ImportResult:
    lines = text.lstrip("\ufeff").split("\n")
    ids = IdAllocator()
    cards: list[dict[str, Any]] = []
    problems: list[Problem] = []
    question: list[str] = []
    options: list[str] = []
    start = 0
    broken = False  # the current question had a problem: its lines up to ANSWER are passed over

    def fail(line: int, message: str) -> None:
        nonlocal broken
        problems.append(Problem(path, line, 1, message))
        broken = True

    def reset() -> None:
        nonlocal question, options, broken
        question, options, broken = [], [], False

    for number, raw in enumerate(lines, start=1):
        if progress is not None and number % 200 == 0:
            progress(number, len(lines))
        line = raw.strip()
        if not line:
            if broken:
                reset()
            elif question and not options:
                question.append("")  # a paragraph break inside the question
            continue
        answer = _ANSWER.match(line)
        option = _OPTION.match(line)
        if broken and not answer:
            continue
        if answer and broken:
            reset()
        elif answer:
            letter = answer.group(1).strip().upper()
            if not question:
                fail(number, "an ANSWER line with no question before it")
            elif len(options) < 2 and sum(map(bool, map(_SMALL_OPTION.match, question))) > 1:
                fail(
                    number,
                    "the options are written with small letters (a. ..., b. ...), which Aiken "
                    "reads as more of the question: write them as capitals, A. ..., B. ...",
                )
            elif len(options) < 2:
                fail(
                    number,
                    "the question needs at least two options (A. ..., B. ...) before "
                    "its ANSWER line",
                )
            elif len(letter) != 1 or letter not in LETTERS[: len(options)]:
                fail(
                    number,
                    f"ANSWER: {answer.group(1).strip()!r} is not one of the options "
                    f"{', '.join(LETTERS[: len(options)])}: write the letter of the right one",
                )
            elif len({o.casefold() for o in options}) != len(options):
                fail(start, "two options have the same text: each must be different")
            else:
                prompt = clean("\n".join(question))
                card = {
                    "type": "mcq",
                    "prompt": prompt,
                    "choices": list(options),
                    "answer": options[LETTERS.index(letter)],
                }
                cards.append({"id": ids.take(content_id(prompt, "mcq")), **card})
            reset()
        elif option and question:
            expected = LETTERS[len(options)] if len(options) < len(LETTERS) else "?"
            if option.group(1) != expected:
                fail(number, f"option {option.group(1)} is out of order: expected {expected}.")
                continue
            options.append(clean(option.group(2)))
        elif options:
            problems.append(
                Problem(
                    path,
                    start,
                    1,
                    "this question has no ANSWER: line: add one after its options, e.g. ANSWER: B",
                )
            )
            reset()
            start = number  # this line starts the next question
            question.append(line)
        else:
            if not question:
                start = number
            question.append(line)
    if question and not broken:
        fail(start, "this question has no ANSWER: line: add one after its options, e.g. ANSWER: B")
    if problems and not cards:
        raise ImportFileError(problems)
    if not cards:
        raise ImportFileError.at(
            path,
            1,
            "no questions found: an Aiken question is its text, "
            "options 'A. ...', 'B. ...', then 'ANSWER: A'",
        )
    return ImportResult(
        deck_mapping(
            slugify(Path(path).stem, 60) or "imported",
            title_from_path(path),
            cards,
            description=imported_from(path, "Aiken"),
        ),
        tuple(f"skipped line {p.line}: {p.message}" for p in problems),
    )


def export_aiken(deck: Deck) -> ExportResult:
    """Only multiple choice (and true/false, as two options) fit Aiken; the rest are listed in notes."""
    blocks, skipped = [], []
    for card in deck.cards:
        question = spec_of(card).aiken(card)
        if question is None or len(question[1]) > len(LETTERS):
            skipped.append(card.id)
            continue
        prompt, choices, answer = question
        options = [f"{LETTERS[i]}. {' '.join(c.split())}" for i, c in enumerate(choices)]
        blocks.append("\n".join([prompt, *options, f"ANSWER: {LETTERS[answer]}"]))
    listed = f"{', '.join(skipped[:5])}{' ...' if len(skipped) > 5 else ''}"
    notes = (
        (
            (
                f"Aiken holds only single-answer multiple choice; {plural(len(skipped), 'card')} left out: "
                f"{listed}"
            ),
        )
        if skipped
        else ()
    )
    return ExportResult("\n\n".join(blocks) + "\n", notes, tuple(skipped))
