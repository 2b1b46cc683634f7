"""What multiple choice and select-all share: the choices list, read from YAML and shown."""

from __future__ import annotations

import re

from kdquiz.core.deck_checks import MAX_CHOICES, NUMBER, TRUE_WORDS, absent
from kdquiz.core.kinds.base import TYPE_CHECKING
from kdquiz.core.model import Choice
from kdquiz.core.yamlsafe import Mapping, Node, Scalar, Sequence

if TYPE_CHECKING:
    import random

    from kdquiz.core.deck_checks import Checker
    from kdquiz.core.kinds.base import Console


#: Keys other quiz formats use to mark a choice right; kdquiz names it in the card's answer.
_MARKS = ("correct", "right", "is_correct", "answer")


def read_choices(check: Checker, node: Mapping) -> tuple[list[tuple[Choice, Node]], bool] | None:
    """The choices that could be read, and whether the list is a good one; None when there is
    no list. Every problem of the list is reported, and the answers can still be checked against
    the choices read, so one run of `kdquiz check` lists them all."""
    raw = node.get("choices")
    if absent(raw):
        check.problem(raw or node, "'choices' is missing: add a list of at least two choices")
        return None
    if not isinstance(raw, Sequence):
        check.problem(raw, "'choices' must be a list, e.g. choices: [Seoul, Busan, Incheon]")
        return None
    out: list[tuple[Choice, Node]] = []
    ok = True
    marks: list[tuple[str, Node | None]] = []  # choices marked right or wrong, as other formats do
    marked_right: list[str] = []
    for child in raw.items:
        if isinstance(child, Mapping):
            entry = check.mapping(child, "a choice", ("text", "feedback", *_MARKS))
            text = check.text(child.get("text"), "text", required=True, parent=child)
            key = next((k for k in _MARKS if child.get(k) is not None), None)
            if key is not None:
                mark = child.get(key)
                marks.append((key, mark))
                if text and isinstance(mark, Scalar) and mark.value.lower() in TRUE_WORDS:
                    from kdquiz.core.yaml_hints import as_yaml_value  # only a broken deck

                    marked_right.append(as_yaml_value(text))
            feedback = check.text(child.get("feedback"), "feedback") or ""
            if entry is None or text is None:
                ok = False
                continue
            out.append((Choice(text, feedback), child))
        else:
            text = check.text(child, "choices")
            if text is None:
                ok = False
                continue
            out.append((Choice(text), child))
    if marks:
        fix = (
            f"answer: {marked_right[0]}"
            if len(marked_right) == 1
            else f"answers: [{', '.join(marked_right)}] (with type: multi)"
            if marked_right
            else "answer: followed by the right choice's text"
        )
        key, first = marks[0]
        check.problem(
            first,
            f"a choice does not say whether it is right here: write the right choice as the "
            f"card's {fix}, and take '{key}:' off the choices",
        )
        ok = False
    if ok and len(out) < 2:
        check.problem(raw, "a question needs at least two choices")
        ok = False
    if len(out) > MAX_CHOICES:
        check.problem(raw, f"at most {MAX_CHOICES} choices are allowed")
        ok = False
    seen: dict[str, Node] = {}
    for choice, where in out:
        key = choice.text.casefold()
        if key in seen:
            check.problem(
                where,
                f"the choice {choice.text!r} appears twice (first at line "
                f"{seen[key].line}): each choice must be different",
            )
            ok = False
            continue
        seen[key] = where
    return out, ok


def find_choice(
    check: Checker, choices: list[tuple[Choice, Node]], answer: str, where: Node | None
) -> int | None:
    for index, (choice, _) in enumerate(choices):
        if choice.text == answer:
            return index
    near = [i for i, (c, _) in enumerate(choices) if c.text.casefold() == answer.casefold()]
    listed = ", ".join(repr(c.text) for c, _ in choices)
    if near:
        check.problem(
            where,
            f"the answer {answer!r} is written differently from the choice "
            f"{choices[near[0]][0].text!r}: write it exactly the same",
        )
    else:
        from kdquiz.core.yaml_hints import as_yaml_value

        numbers = all(NUMBER.match(c.text.strip()) for c, _ in choices)
        meant = None if numbers else _choice_by_position(answer, len(choices))
        fix = (
            f"if you meant choice {_position(answer)}, write answer: "
            f"{as_yaml_value(choices[meant][0].text)}"
            if meant is not None
            else "copy it from the choices"
        )
        check.problem(where, f"the answer {answer!r} is not one of the choices ({listed}): {fix}")
    return None


def _position(answer: str) -> str:
    """ "B" of "B)" or "b.", "2" of "2.": how a printed test names a choice."""
    text = answer.strip().rstrip(").").strip()
    return text.upper() if len(text) == 1 and text.isalpha() else text


def _choice_by_position(answer: str, count: int) -> int | None:
    """The choice an answer names by its letter ("B") or number ("2", counted from 1), as quiz
    tools and printed tests do: kdquiz wants the choice's text."""
    text = _position(answer)
    if len(text) == 1 and text.isascii() and text.isalpha():
        index = ord(text.upper()) - ord("A")
    elif text.isdigit() and text.isascii():
        index = int(text) - 1
    else:
        return None
    return index if 0 <= index < count else None


def shuffled_choices(choices: tuple[Choice, ...], rng: random.Random) -> tuple[int, ...]:
    from kdquiz.core.kinds.answer_checks import shuffled

    return tuple(shuffled(len(choices), rng))


def show_choices(console: Console, choices: tuple[Choice, ...], order: tuple[int, ...]) -> None:
    for position, original in enumerate(order, 1):
        console.say(f"  {position}. {choices[original].text}")


#: A choice about the other choices ("All of the above", "Both A and B", "None of these"): it
#: keeps its place at the end, where its words point.
_ABOUT_OTHERS = re.compile(r"\b(?:above|below|of these|of them|both|neither|none)\b", re.IGNORECASE)
#: A choice naming others by their letters ("A and C"): the deck's order is the one it means.
_BY_LETTER = re.compile(r"\b[A-Z] (?:and|or|&) [A-Z]\b")


def _sheet_sorted(choices: tuple[Choice, ...]) -> list[int]:
    """The choices in a printed sheet's fixed order: numbers by value, other text alphabetically,
    and choices about the others ("None of the above") after them, in the deck's order; all in
    the deck's order when one names others by letter ("A and C")."""
    if any(_BY_LETTER.search(c.text) for c in choices):
        return list(range(len(choices)))
    about = [i for i, c in enumerate(choices) if _ABOUT_OTHERS.search(c.text)]
    rest = [i for i in range(len(choices)) if i not in about]
    texts = [choices[i].text.strip() for i in rest]
    if texts and all(NUMBER.match(t) for t in texts):
        rest.sort(key=lambda i: float(choices[i].text))
    else:
        rest.sort(key=lambda i: choices[i].text.casefold())
    return rest + about


def sheet_choices(
    prompt: str, note: str, choices: tuple[Choice, ...], right: list[int], rng: random.Random | None
) -> tuple[str, str]:
    """Lettered choices (shuffled with `rng`, else sorted, see `_sheet_sorted`: decks often list
    the right answer first, which a printed sheet must not show) and the key naming the `right`
    ones."""
    from kdquiz.core.syntax.markdown import choice_lines, escape, sheet_order
    from kdquiz.core.syntax.plain import LETTERS

    order = sheet_order(len(choices), rng) if rng is not None else _sheet_sorted(choices)
    texts = [choices[i].text for i in order]
    letters = sorted(order.index(i) for i in right)
    answer = ", ".join(f"{LETTERS[i]}. {escape(texts[i])}" for i in letters)
    return f"{escape(prompt)}{note}\n\n{choice_lines(texts)}", answer


def gift_choices(prompt: str, marks: list[str], choices: tuple[Choice, ...], general: str) -> str:
    from kdquiz.core.syntax.gift import answer_line, escape

    lines = [answer_line(mark, c.text, c.feedback) for mark, c in zip(marks, choices)]
    return f"{escape(prompt)}{{\n" + "\n".join(lines) + f"\n{general}}}"
