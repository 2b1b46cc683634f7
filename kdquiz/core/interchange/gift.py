"""Moodle GIFT quizzes in and out.

Import: multiple choice (`=` right, `~` wrong, `~%50%` weights: several right answers make a
`multi` card), true/false (`{T}`, `{FALSE#wrong feedback#right feedback}`), short answer (`{=a =b}`
-> `typed`, or `cloze` when the blank is inside the sentence), numeric (`{#1822:5}`,
`{#1..5}`), per-answer feedback (`#...`), general feedback (`####...` -> `explain`), titles
(`::q1::` -> card id), `// [id:...] [tag:...]` comments, `$CATEGORY:` (the category they all sit
in names the deck, Moodle's "Default for" left out; with several, each card is tagged with its
own). `[html]` on a question applies to its answers
and feedback, as in Moodle. kdquiz has no partial credit: a partial answer is not accepted, and
the import says so; two full-credit answers make a select-all card. Questions run together with
no blank line between them are an error naming the line, not one garbled card. Other
forms are read by the kind that claims them (`KindSpec.gift_read`); the rest, and essay questions,
are skipped with a note. An essay whose general feedback holds the answer becomes a flashcard,
which is how flashcards are exported. Each kind writes its own questions (`KindSpec.gift`).
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kdquiz.core.cards import parse_gaps
from kdquiz.core.interchange.common import (
    ExportResult,
    ImportFileError,
    ImportResult,
    Progress,
    braces_outside_gaps,
    clean,
    deck_mapping,
    imported_from,
    number_text,
    outside_name,
    tag_by_group,
    title_from_path,
)
from kdquiz.core.interchange.ids import IdAllocator, content_id, is_slug, slugify
from kdquiz.core.kinds import KINDS, Skip, spec_of
from kdquiz.core.model import Card, Deck
from kdquiz.core.syntax.gift import (
    ANSWER_FORMAT,
    FORMAT,
    escape,
    plain_text,
    protect,
    restore,
)
from kdquiz.errors import Problem

_WEIGHT = re.compile(r"%(-?\d+(?:\.\d*)?)%")
_COMMENT_META = re.compile(r"\[(id|tag):([^\]]+)\]")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")
_LOADER_NUMBER = re.compile(r"[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?\Z")
_TF = {"T": True, "TRUE": True, "F": False, "FALSE": False}
#: A line that starts another question (a title, or an answer block) inside one block.
_NEXT_QUESTION = re.compile(r"\n[ \t]*(?=::|[^\n]*\{)")


class _Skip(Exception):
    """A valid GIFT question that kdquiz has no kind for."""


@dataclass
class _Block:
    line: int
    text: str  # comments blanked, escapes protected; line breaks kept so offsets map to lines
    ids: list[str]
    tags: list[str]

    def line_of(self, offset: int) -> int:
        return self.line + self.text.count("\n", 0, offset)


def _blocks(text: str, progress: Progress | None) -> list[_Block]:
    lines = text.split("\n")
    blocks: list[_Block] = []
    current: list[str] = []
    start = 0
    ids: list[str] = []
    tags: list[str] = []
    for number, raw in enumerate(lines, start=1):
        if progress is not None and number % 200 == 0:
            progress(number, len(lines))
        line = raw.rstrip("\r")
        stripped = line.strip()
        if stripped.startswith("//"):
            for key, value in _COMMENT_META.findall(stripped):
                (ids if key == "id" else tags).append(value.strip())
            if current:
                current.append("")
            continue
        if not stripped:
            if current:
                blocks.append(_Block(start, protect("\n".join(current)), ids, tags))
                current, ids, tags = [], [], []
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        blocks.append(_Block(start, protect("\n".join(current)), ids, tags))
    if progress is not None:
        progress(len(lines), len(lines))
    return blocks


def _split_feedback(answer: str) -> tuple[str, str]:
    text, _, feedback = answer.partition("#")
    return plain_text(text), plain_text(feedback)


def _feedback_text(general: str, feedback: list[tuple[str, str]]) -> str:
    """General feedback, then each answer's own feedback, labelled with its answer."""
    lines = [f"{answer}: {text}" if answer else text for answer, text in feedback if text]
    return "\n\n".join(p for p in (general, "\n".join(lines)) if p)


def _weight(answer: str) -> tuple[float | None, str]:
    answer = answer.strip()
    match = _WEIGHT.match(answer)
    if match:
        return float(match.group(1)), answer[match.end() :]
    return None, answer


def _loader_number(raw: str) -> int | float | str:
    """A number as the deck file should spell it (the loader rejects `.5` and `1.`)."""
    text = raw.strip()
    if not _LOADER_NUMBER.match(text):
        text = number_text(float(text))
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    return float(text) if repr(float(text)) == text else text


def _category(body: str) -> tuple[tuple[str, ...] | None, str]:
    """(the category's path, rest of the block) when the block starts with `$CATEGORY:`, else
    (None, body). Moodle's own levels (`$course$`, `top`) are left out of the path, so
    `$course$/top`, the course itself, is the empty path."""
    if not body.startswith("$CATEGORY:"):
        return None, body
    first, _, rest = body.partition("\n")
    path = outside_name(restore(first[len("$CATEGORY:") :]))
    parts = tuple(
        p.strip() for p in path.split("/") if p.strip() and p.strip() not in ("$course$", "top")
    )
    return parts, rest


#: The name Moodle gives a course's first question category ("Default for Korean 101").
_DEFAULT_CATEGORY = re.compile(r"Default for\s+(?=\S)", re.IGNORECASE)


def _deck_title(paths: list[tuple[str, ...]]) -> str:
    """The category all of `paths` (those of the categories that hold questions) are or sit in,
    as a title ("Korean 101" for `Default for Korean 101/Greetings` and `.../Numbers`); "" when
    they share none."""
    shared = os.path.commonprefix(paths) if paths else ()
    return _DEFAULT_CATEGORY.sub("", shared[-1], count=1) if shared else ""


def parse_gift(text: str, path: str, *, progress: Progress | None = None) -> ImportResult:
    text = text.lstrip("\ufeff")
    ids = IdAllocator()
    cards: list[tuple[str, dict[str, Any]]] = []  # (category, card)
    problems: list[Problem] = []
    skipped: list[str] = []
    notes: list[str] = []
    category: tuple[str, ...] = ()  # the path of the last `$CATEGORY:`
    held: list[tuple[str, ...]] = []  # the category of each question kept
    for block in _blocks(text, progress):
        found, body = _category(block.text.strip())
        if found is not None:
            category = found
            if not body.strip():
                continue
            block = _Block(block.line + 1, body, block.ids, block.tags)
        try:
            name, card = _question(block, notes)
        except _Skip as exc:
            skipped.append(f"line {block.line}: {exc}")
            continue
        except ValueError as exc:
            problems.append(
                Problem(path, exc.args[1] if len(exc.args) > 1 else block.line, 1, str(exc.args[0]))
            )
            continue
        if block.ids and is_slug(block.ids[0]):
            wanted = block.ids[0]
        elif name:
            wanted = name if is_slug(name) else slugify(name) or content_id(name)
        else:
            wanted = content_id(
                card.get("prompt")
                or card.get("statement")
                or card.get("text")
                or card.get("front")
                or "",
                card["type"],
            )
        card = {"id": ids.take(wanted), **card}
        if block.tags:
            card["tags"] = list(dict.fromkeys(block.tags))
        cards.append((category[-1] if category else "", card))
        held.append(category)
        notes.extend(_pictures_left_out(block))
    if problems:
        raise ImportFileError(problems)
    if not cards:
        if skipped:
            raise ImportFileError.at(
                path,
                1,
                "no question kdquiz can hold; skipped " + "; ".join(skipped),
            )
        raise ImportFileError.at(
            path,
            1,
            "no questions found: GIFT questions look like "
            "'Question text {=right ~wrong}', separated by blank lines",
        )
    shared = _deck_title(held)
    title = shared or title_from_path(path)
    deck_id = slugify(shared, 60) if shared else slugify(Path(path).stem, 60)
    return ImportResult(
        deck_mapping(
            deck_id or "imported",
            title,
            tag_by_group(cards),  # one category names the deck; several also tag their cards
            description=imported_from(path, "Moodle GIFT"),
        ),
        tuple(notes) + tuple(f"skipped {s}" for s in skipped),
    )


#: Media a question's HTML shows or links to: `<img src>`, `<audio>`/`<video>`/`<source src>`,
#: and a link to a sound, film or picture (Moodle's media filter plays `<a href="x.mp3">`).
#: A tag is looked into up to the next `<` only: a question of thousands of `<img` never closed
#: would otherwise be read to its end from each one, which took minutes.
_MEDIA_REFERENCE = re.compile(
    r"""<(?:img|audio|video|source)\b[^<>]*?\bsrc\s*=\s*["']?([^"'<>\s]+)"""
    r"""|<a\b[^<>]*?\bhref\s*=\s*["']?([^"'<>\s]+\.(?:mp3|wav|ogg|m4a|mp4|webm|png|jpe?g|gif))\b""",
    re.IGNORECASE,
)


def _pictures_left_out(block: _Block) -> list[str]:
    """The note for a question whose HTML shows pictures or plays sounds: a GIFT file holds none
    of them (Moodle writes `@@PLUGINFILE@@/map.png` and keeps the file), so the card has the
    text only."""
    found = [m.group(1) or m.group(2) for m in _MEDIA_REFERENCE.finditer(restore(block.text))]
    names = [name.rsplit("/", 1)[-1] for name in found]
    if not names:
        return []
    shown = ", ".join(repr(outside_name(n)[:60]) for n in dict.fromkeys(names))
    return [
        f"line {block.line}: the question shows a picture or plays a sound ({shown}), which a "
        "GIFT file does not hold: the card has its text only, so check that it still makes sense"
    ]


def _second_start(text: str, open_at: int, close_at: int) -> int | None:
    """Where a second question starts in `text` with no blank line before it, or None."""
    for match in _NEXT_QUESTION.finditer(text):
        start = match.end()
        if start > close_at or (start < open_at and text.startswith("::", start)):
            return start
    return None


def _question(block: _Block, notes: list[str]) -> tuple[str, dict[str, Any]]:
    text = block.text.strip()
    lead = len(block.text) - len(block.text.lstrip())
    name = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            raise ValueError(
                "the question title is not closed: write ::title:: before the question", block.line
            )
        name = plain_text(text[2:end])
        lead += end + 2
        text = text[end + 2 :]
    open_at, close_at = text.find("{"), text.find("}")
    if open_at < 0 and close_at < 0:
        raise _Skip("a description (no answer braces) is not a question")
    if open_at < 0 or close_at < open_at:
        where = block.line_of(lead + max(open_at, close_at, 0))
        raise ValueError(
            "the answer braces do not match: each question needs one { ... } "
            "(write \\{ or \\} for a literal brace)",
            where,
        )
    line = block.line_of(lead + open_at)
    before, answers, after = (
        text[:open_at],
        text[open_at + 1 : close_at].strip(),
        text[close_at + 1 :],
    )
    second = _second_start(text, open_at, close_at)
    if second is not None:
        where = block.line_of(lead + second)
        raise ValueError(
            f"two questions run together: put an empty line before line {where} "
            "(GIFT questions are separated by blank lines)",
            where,
        )
    if "{" in answers:
        raise ValueError(
            "a '{' inside the answers: close the first answer block with '}' "
            "(or write \\{ for a literal brace)",
            line,
        )
    fmt = FORMAT.match(before.strip())
    token = ANSWER_FORMAT.set(fmt.group(1) if fmt else "moodle")
    try:
        return name, _read_answers(before, answers, after, line, notes)
    finally:
        ANSWER_FORMAT.reset(token)


def _read_answers(
    before: str, answers: str, after: str, line: int, notes: list[str]
) -> dict[str, Any]:
    missing_word = bool(after.strip())
    general = ""
    if "####" in answers:
        answers, _, general = answers.rpartition("####")
        answers, general = answers.strip(), plain_text(general)
    prompt = plain_text(before + ("_____" + after if missing_word else ""))
    if not prompt:
        raise ValueError("the question has no text before its answers", line)

    if not answers:
        if general:
            return _with_explain({"type": "flashcard", "front": prompt, "back": general}, "")
        raise _Skip(f"'{prompt[:40]}' is an essay question (marked by a teacher)")
    for spec in KINDS.values():  # a kind that reads a GIFT form of its own (see KindSpec.gift_read)
        card = spec.gift_read(prompt, answers, line)
        if card is not None:
            return _with_explain(card, general)
    if answers.startswith("#"):
        return _numeric(prompt, answers[1:], line, general, notes)
    if "~" in answers:
        return _with_explain(_choices(prompt, answers, line, notes), general)
    if "=" in answers and "->" in answers:
        raise _Skip(f"'{prompt[:40]}' is a matching question")
    tf_word = answers.split("#", 1)[0].strip()
    if tf_word in _TF:
        parts = answers.split("#", 2)
        wrong = plain_text(parts[1]) if len(parts) > 1 else ""
        right = plain_text(parts[2]) if len(parts) > 2 else ""
        answer = _TF[tf_word]
        said = ("true", "false") if answer else ("false", "true")
        return _with_explain(
            {"type": "truefalse", "statement": prompt, "answer": answer},
            _feedback_text(
                general,
                [(f"If you answered {said[0]}", right), (f"If you answered {said[1]}", wrong)],
            ),
        )
    return _short_answer(before, after, prompt, answers, missing_word, line, general, notes)


def _with_explain(card: dict[str, Any], explain: str) -> dict[str, Any]:
    if explain:
        card["explain"] = explain
    return card


def _partial(line: int, text: str, weight: float, kept: str) -> str:
    return (
        f"line {line}: the answer {text!r} gives {number_text(weight)}% credit in Moodle; "
        f"kdquiz has no partial credit here, so {kept}"
    )


def _choices(prompt: str, answers: str, line: int, notes: list[str]) -> dict[str, Any]:
    single = "=" in answers
    parts = [p for p in answers.replace("=", "~=").split("~") if p.strip()]
    choices: list[Any] = []
    right: list[str] = []
    partial: list[tuple[str, float]] = []
    seen: set[str] = set()
    for part in parts:
        part = part.strip()
        is_right = part.startswith("=")
        weight, part = _weight(part[1:] if is_right else part)
        text, feedback = _split_feedback(part)
        if not text:
            raise ValueError("an answer is empty: write text after each = or ~", line)
        if text.casefold() in seen:
            raise ValueError(
                f"the answer {text!r} appears twice: each choice must be different", line
            )
        seen.add(text.casefold())
        choices.append({"text": text, "feedback": feedback} if feedback else text)
        if single and weight is not None and 0 < weight < 100:
            partial.append((text, weight))
        elif (is_right and (weight is None or weight >= 100)) or (
            not single and weight is not None and weight > 0
        ):
            right.append(text)
    if len(choices) < 2:
        raise ValueError("a multiple choice question needs at least two answers", line)
    if single and not right and partial:  # only partial credit: the best answer counts as right
        right.append(max(partial, key=lambda p: p[1])[0])
        partial = [p for p in partial if p[0] != right[0]]
    if not right:
        raise ValueError(
            "no answer is marked right: start the right one with = (or give right "
            "answers a positive weight like ~%50%)",
            line,
        )
    if single and len(right) > 1:  # several full-credit answers: any one of them is right
        notes.append(
            f"line {line}: {len(right)} answers give full credit; kdquiz made a select-all card "
            "(the learner picks every one of them)"
        )
        return {"type": "multi", "prompt": prompt, "choices": choices, "answers": right}
    for text, weight in partial:
        notes.append(_partial(line, text, weight, f"it counts as wrong (right: {right[0]!r})"))
    if single:
        return {"type": "mcq", "prompt": prompt, "choices": choices, "answer": right[0]}
    return {"type": "multi", "prompt": prompt, "choices": choices, "answers": right}


def _short_answer(
    before: str,
    after: str,
    prompt: str,
    answers: str,
    missing_word: bool,
    line: int,
    general: str,
    notes: list[str],
) -> dict[str, Any]:
    accepted: list[str] = []
    feedback: list[tuple[str, str]] = []
    otherwise: list[tuple[str, str]] = []
    for part in answers.split("="):
        if not part.strip():
            continue
        weight, part = _weight(part)
        text, said = _split_feedback(part)
        if text == "*" and weight is not None and weight <= 0:  # Moodle's "any other answer"
            if said:
                otherwise.append(("Any other answer", said))
            continue
        if text and weight is not None and weight < 100:
            notes.append(_partial(line, text, weight, "it is not accepted"))
            continue
        if text and text not in accepted:
            if "*" in text:
                notes.append(
                    f"line {line}: the answer {text!r} uses Moodle's * wildcard (any letters "
                    "there); kdquiz takes it as written, with the *: write out each spelling to "
                    "accept instead"
                )
            accepted.append(text)
            feedback.append((text, said))
    if not accepted:
        raise ValueError(
            "a short answer question needs at least one right answer written =answer", line
        )
    said_of = feedback if len(feedback) > 1 else [("", feedback[0][1])]
    explain = _feedback_text(general, [*said_of, *otherwise])
    if missing_word and len(accepted) == 1:
        text = clean(
            restore(FORMAT.sub("", before, count=1)) + "{{" + accepted[0] + "}}" + restore(after)
        )
        # Only when the deck reads it back as that one gap: braces written as text around the
        # blank (`\{\{ name \}\}`) or `::` in the answer (`std\:\:vector`, a hint to a cloze)
        # would change it; the typed card below shows the blank as _____ instead.
        if [g.answer for g in parse_gaps(text)] == [accepted[0]] and not (
            braces_outside_gaps(text) or "::" in accepted[0]
        ):
            return _with_explain({"type": "cloze", "text": text}, explain)
    card: dict[str, Any] = {"type": "typed", "prompt": prompt, "answer": accepted[0]}
    if len(accepted) > 1:
        card["accept"] = accepted[1:]
    return _with_explain(card, explain)


class _TooLarge(Exception):
    """A number of a numeric question beyond what a card can hold (1e400, or a range whose
    middle or width is)."""


def _finite(value: str, line: int, *numbers: float) -> None:
    if not all(math.isfinite(n) for n in numbers):
        raise _TooLarge(
            f"{value!r} holds a number too large for a card to check (above 1e308): write "
            "the answer in other units"
        )


def _numeric(
    prompt: str, answers: str, line: int, general: str, notes: list[str]
) -> dict[str, Any]:
    answers, _, otherwise = answers.partition("~")  # "~#feedback" is for any wrong answer
    wrong = [("Any other answer", plain_text(otherwise.lstrip("#")))] if otherwise else []
    card: dict[str, Any] | None = None
    for part in answers.split("=") if "=" in answers else [answers]:
        if not part.strip():
            continue
        weight, part = _weight(part)
        value, said = _split_feedback(part)
        if weight is not None and weight < 100:
            notes.append(_partial(line, value, weight, "it is not accepted"))
            continue
        if card is not None:  # a numeric card has one answer (and its margin)
            notes.append(
                f"line {line}: the answer {value!r} also gives full credit in Moodle; a kdquiz "
                f"numeric card has one answer, so only {card['answer']} (and its "
                "margin) is accepted"
            )
            continue
        value = value.replace(" ", "")
        try:
            if ".." in value:
                ends = value.split("..", 1)
                if not all(_NUMBER.match(end) for end in ends):  # float() takes inf, nan, 1_0
                    raise ValueError
                low, high = (float(end) for end in ends)
                middle, slack = (low + high) / 2, abs(high - low) / 2
                _finite(value, line, low, high, middle, slack)
                answer, tolerance = (
                    _loader_number(number_text(middle)),
                    _loader_number(number_text(slack)),
                )
            else:
                raw, _, tol = value.partition(":")
                if not _NUMBER.match(raw) or (tol and not _NUMBER.match(tol)):
                    raise ValueError
                _finite(value, line, float(raw), float(tol or 0))
                answer, tolerance = _loader_number(raw), _loader_number(tol) if tol else 0
        except _TooLarge as exc:
            raise ValueError(str(exc), line) from None
        except ValueError:
            raise ValueError(
                f"{value!r} is not a number: write {{#answer}}, {{#answer:margin}} or "
                "{#low..high}",
                line,
            ) from None
        card = {"type": "numeric", "prompt": prompt, "answer": answer}
        if tolerance:
            card["tolerance"] = tolerance
        _with_explain(card, _feedback_text(general, [("", said), *wrong]))
    if card is not None:
        return card
    raise ValueError("a numeric question needs a full-credit answer like {#42} or {#42:0.5}", line)


# ---------------------------------------------------------------- export


def export_gift(deck: Deck) -> ExportResult:
    blocks = [f"$CATEGORY: {deck.title}"]
    notes: list[str] = []
    skipped: list[str] = []
    for card in deck.cards:
        try:
            body = _export_card(card)
        except Skip as exc:
            notes.append(f"card '{card.id}': {exc}")
            skipped.append(card.id)
            continue
        meta = " ".join([f"[id:{card.id}]", *(f"[tag:{t}]" for t in card.tags if "]" not in t)])
        blocks.append(f"// {meta}\n::{escape(card.id)}::{body}")
    return ExportResult("\n\n".join(blocks) + "\n", tuple(notes), tuple(skipped))


def _export_card(card: Card) -> str:
    general = f"\t####{escape(card.explain)}\n" if card.explain else ""
    return spec_of(card).gift(card, general)
