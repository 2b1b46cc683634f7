"""Matching pairs: 2-8 left items, each matched to one right item; the right column may hold extra
distractors. Both columns are shown shuffled. A response is, for each left item in the card's
order, the index of the right item picked for it in `Matching.rights()` (-1 for none); every
right pair earns its share of the credit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from kdquiz.core.deck_checks import absent
from kdquiz.core.kinds.answer_checks import (
    NO_ANSWER,
    Outcome,
    index_of,
    item_text,
    shuffled,
    wrong_type,
)
from kdquiz.core.kinds.base import TYPE_CHECKING, KindSpec, cast
from kdquiz.core.model import Card, Item, Kind
from kdquiz.core.yamlsafe import Mapping
from kdquiz.core.yamlsafe import Sequence as SequenceNode

if TYPE_CHECKING:
    import random
    from typing import Any

    from kdquiz.core.deck_checks import Checker
    from kdquiz.core.kinds.base import Console
    from kdquiz.core.yamlsafe import Node

MIN_PAIRS, MAX_PAIRS = 2, 8
MAX_DISTRACTORS = 4
#: Letters name the right column in plain mode, the TUI and the printable sheet.
LETTERS = "ABCDEFGHIJKL"
#: "1B 2A", "1-b, 2=a", "1 B 2 A": a left number, then a right letter.
_PAIR = re.compile(r"(\d+)\s*[-=:>]?\s*([A-Za-z])\b")
ARROW = " → "


@dataclass(frozen=True, slots=True, kw_only=True)
class Matching(Card):
    pairs: tuple[tuple[str, str], ...]  # (left, right), as the teacher wrote them
    distractors: tuple[str, ...] = ()  # right items that match nothing

    def rights(self) -> tuple[str, ...]:
        """The right column: each pair's right item in order, then the distractors."""
        return (*(right for _, right in self.pairs), *self.distractors)

    def searchable_text(self) -> str:
        return "\n".join([self.prompt, *(f"{a}\n{b}" for a, b in self.pairs), *self.distractors])


def split_order(card: Matching, order: Sequence[int]) -> tuple[list[int], list[int]]:
    """The presentation order of the left column and of the right column (original indices)."""
    n = len(card.pairs)
    left, right = list(order[:n]), list(order[n:])
    if sorted(left) != list(range(n)) or sorted(right) != list(range(len(card.rights()))):
        return list(range(n)), list(range(len(card.rights())))
    return left, right


def pairs_text(card: Matching, picks: Sequence[int]) -> str:
    """'PD → Producer-director; Writer → (none)' for picks indexed like `card.pairs`."""
    rights = card.rights()
    shown = [
        f"{left}{ARROW}{item_text(rights, pick) if pick >= 0 else '(none)'}"
        for (left, _), pick in zip(card.pairs, picks)
    ]
    return "; ".join(shown)


class MatchingSpec(KindSpec):
    name = Kind.MATCHING
    card_class = Matching
    label = "Match the pairs"
    class_answer = "matching"
    also_called = (
        "match",
        "pairs",
        "pairing",
        "connect",
        "associate",
        "drag and drop",
    )
    keys = ("pairs", "distractors")
    partial_credit = True
    round_trips = frozenset({"gift"})
    example = """\
  # matching: pair each item on the left with one on the right (2-8 pairs); both columns are
  # shuffled, `distractors` adds right items that match nothing. Each right pair earns credit.
  - id: who-does-what
    type: matching
    prompt: Match each role to what they do.
    pairs:
      - PD: Produces and directs
      - Writer: Writes the scripts
      - Editor: Cuts the footage
    distractors: [Sells the rights abroad]
"""

    # --- reading a deck --------------------------------------------------------------------

    def parse(self, check: Checker, node: Mapping, card_id: str, common: dict) -> Card | None:
        read = _read_pairs(check, node)
        distractors = check.text_list(node.get("distractors"), "distractors") or []
        if len(distractors) > MAX_DISTRACTORS:
            check.problem(
                node.get("distractors"),
                f"at most {MAX_DISTRACTORS} distractors are allowed: remove some",
            )
        if read is None:
            return None
        pairs, ok = read
        rights = [(right, where) for (_, right), where in pairs] + distractors
        if (
            not (_all_different(check, rights, "right") and ok)
            or len(distractors) > MAX_DISTRACTORS
        ):
            return None
        return Matching(
            id=card_id,
            kind=Kind.MATCHING,
            pairs=tuple(p for p, _ in pairs),
            distractors=tuple(d for d, _ in distractors),
            **common,
        )

    # --- answering -------------------------------------------------------------------------

    def grade(self, item: Item, response: object) -> Outcome:
        card = cast(Matching, item.card)
        if isinstance(response, (str, bytes)) or not isinstance(response, Sequence):
            raise wrong_type(card, response, "Sequence[int]")
        picks = [index_of(value, card) for value in response]
        picks += [-1] * (len(card.pairs) - len(picks))
        right = sum(1 for index, pick in enumerate(picks[: len(card.pairs)]) if pick == index)
        exact = right == len(card.pairs) and len(picks) == len(card.pairs)
        given = pairs_text(card, picks) if any(p >= 0 for p in picks) else NO_ANSWER
        return Outcome(exact, right / len(card.pairs) if card.pairs else 0.0, "", given)

    def right_response(self, item: Item) -> object:
        return tuple(range(len(cast(Matching, item.card).pairs)))

    def expected_text(self, item: Item) -> str:
        card = cast(Matching, item.card)
        return pairs_text(card, range(len(card.pairs)))

    def respond_ms(self, item: Item) -> float:
        return 1500 * len(cast(Matching, item.card).pairs)

    def guess_rate(self, item: Item) -> float:
        # Giving each left item a different right item at random: one of m!/(m-n)! ways.
        card = cast(Matching, item.card)
        return 1 / math.perm(len(card.rights()), len(card.pairs))

    def presentation_order(self, card: Card, rng: random.Random) -> tuple[int, ...]:
        card = cast(Matching, card)
        return (*shuffled(len(card.pairs), rng), *shuffled(len(card.rights()), rng, scramble=True))

    def ask_plain(
        self, console: Console, item: Item, order: tuple[int, ...], *, quiz: bool
    ) -> tuple[str, object]:
        card = cast(Matching, item.card)
        left, right = split_order(card, order)
        rights = card.rights()
        for position, original in enumerate(left, 1):
            console.say(f"  {position}. {card.pairs[original][0]}")
        for position, original in enumerate(right):
            console.say(f"  {LETTERS[position]}. {rights[original]}")
        while True:
            picks = read_matches(
                console.ask("Your pairs, e.g. 1B 2A (or the letters in order):"),
                len(left),
                len(right),
            )
            if picks is not None:
                response = [-1] * len(left)
                for shown_left, shown_right in picks.items():
                    response[left[shown_left]] = right[shown_right]
                return "answer", tuple(response)
            console.say(
                f"Give each number from 1 to {len(left)} one letter from A to "
                f"{LETTERS[len(right) - 1]}, like 1B 2A."
            )

    # --- other formats ---------------------------------------------------------------------

    def plain_question(self, card: Card) -> str:
        card = cast(Matching, card)
        rights = _alphabetical(card)
        return "\n".join(
            [
                f"{card.prompt} (match each number with a letter)",
                *(f"{i}. {left}" for i, (left, _) in enumerate(card.pairs, 1)),
                *(f"{LETTERS[i]}. {card.rights()[r]}" for i, r in enumerate(rights)),
            ]
        )

    def plain_answer(self, card: Card) -> str:
        card = cast(Matching, card)
        rights = _alphabetical(card)
        return "\n".join(
            f"{i}. {left}{ARROW}{LETTERS[rights.index(i - 1)]}. {right}"
            for i, (left, right) in enumerate(card.pairs, 1)
        )

    def gift(self, card: Card, general: str) -> str:
        from kdquiz.core.syntax.gift import escape

        card = cast(Matching, card)
        lines = [f"\t={escape(left)} -> {escape(right)}" for left, right in card.pairs]
        lines += [f"\t= -> {escape(extra)}" for extra in card.distractors]
        return f"{escape(card.prompt)}{{\n" + "\n".join(lines) + f"\n{general}}}"

    def gift_read(self, prompt: str, answers: str, line: int) -> dict[str, Any] | None:
        if "->" not in answers or not answers.lstrip().startswith("="):
            return None
        from kdquiz.core.syntax.gift import plain_text

        pairs: list[dict[str, str]] = []
        distractors: list[str] = []
        for part in answers.split("=")[1:]:
            left, arrow, right = part.partition("->")
            left, right = plain_text(left), plain_text(right)
            if not arrow or not right:
                raise ValueError(
                    "each matching answer is written =item -> its match (or "
                    "= -> extra for a match that fits nothing)",
                    line,
                )
            if left:
                pairs.append({left: right})
            else:
                distractors.append(right)
        if len(pairs) < MIN_PAIRS:
            raise ValueError(f"a matching question needs at least {MIN_PAIRS} pairs", line)
        card: dict[str, Any] = {"type": "matching", "prompt": prompt, "pairs": pairs}
        if distractors:
            card["distractors"] = distractors
        return card

    def sheet(self, card: Card, rng: random.Random | None) -> tuple[str, str]:
        from kdquiz.core.syntax.markdown import escape, sheet_order

        card = cast(Matching, card)
        rights = card.rights()
        left = sheet_order(len(card.pairs), rng)
        right = sheet_order(len(rights), rng) if rng is not None else _alphabetical(card)
        rows = ["| | Item | Letter | Match |", "|---|---|---|---|"]
        for row in range(max(len(left), len(right))):
            number, item, blank = (
                (f"{row + 1}", escape(card.pairs[left[row]][0]), "____")
                if row < len(left)
                else ("", "", "")
            )
            match = f"{LETTERS[row]}. {escape(rights[right[row]])}" if row < len(right) else ""
            rows.append(f"| {number} | {item} | {blank} | {match} |")
        key = ", ".join(
            f"{row + 1} {LETTERS[right.index(original)]}" for row, original in enumerate(left)
        )
        key += " (" + "; ".join(f"{escape(a)}{ARROW}{escape(b)}" for a, b in card.pairs) + ")"
        question = (
            f"{escape(card.prompt)} *(write the letter of its match beside each item)*"
            "\n\n" + "\n".join(rows)
        )
        return question, key


def read_matches(text: str, lefts: int, rights: int) -> dict[int, int] | None:
    """{left position: right position} (0-based) from "1B 2A" or "BA" (letters in order), or
    None unless every left item gets one letter that exists."""
    compact = "".join(text.split()).upper()
    if compact.isalpha() and len(compact) == lefts:
        found = [(i + 1, letter) for i, letter in enumerate(compact)]
    else:
        found = [(int(number), letter.upper()) for number, letter in _PAIR.findall(text)]
        if _PAIR.sub("", text).replace(",", "").strip():
            return None
    picks: dict[int, int] = {}
    for number, letter in found:
        position = LETTERS.find(letter)
        if not 1 <= number <= lefts or not 0 <= position < rights or number - 1 in picks:
            return None
        picks[number - 1] = position
    return picks if len(picks) == lefts else None


def _alphabetical(card: Matching) -> list[int]:
    """The right column in alphabetical order: deterministic, and it never gives a pair away."""
    rights = card.rights()
    return sorted(range(len(rights)), key=lambda i: rights[i].casefold())


def _read_pairs(
    check: Checker, node: Mapping
) -> tuple[list[tuple[tuple[str, str], Node]], bool] | None:
    """The pairs that could be read and whether the list is a good one (None: no list); every
    problem of the list is reported, and the right items can still be checked."""
    raw = node.get("pairs")
    if absent(raw):
        check.problem(
            raw or node,
            "'pairs' is missing: add a list like pairs: [{PD: Directs}, {Writer: Writes}]",
        )
        return None
    if not isinstance(raw, SequenceNode):
        check.problem(
            raw, "'pairs' must be a list of 'left: right' entries, one per line starting with '- '"
        )
        return None
    out: list[tuple[tuple[str, str], Node]] = []
    ok = True
    for child in raw.items:
        pair = _read_pair(check, child)
        if pair is None:
            ok = False
        else:
            out.append((pair, child))
    if ok and not MIN_PAIRS <= len(out) <= MAX_PAIRS:
        check.problem(
            raw, f"a matching card needs {MIN_PAIRS} to {MAX_PAIRS} pairs, not {len(out)}"
        )
        ok = False
    return out, _all_different(check, [(left, where) for (left, _), where in out], "left") and ok


def _all_different(check: Checker, items: list[tuple[str, Node]], side: str) -> bool:
    """Whether no item is written twice (case aside); each repeat is reported."""
    seen: dict[str, Node] = {}
    for text, where in items:
        if text.casefold() in seen:
            check.problem(
                where,
                f"the {side} item {text!r} appears twice (first at line "
                f"{seen[text.casefold()].line}): each must be different",
            )
            continue
        seen[text.casefold()] = where
    return len(seen) == len(items)


def _read_pair(check: Checker, child: Node) -> tuple[str, str] | None:
    """One pair, written `- left: right` or `- [left, right]`."""
    if isinstance(child, Mapping) and len(child.pairs) == 1:
        ((key_node, value_node),) = child.pairs.values()
        left = check.text(key_node, "pairs")
        right = check.text(value_node, "pairs", required=True, parent=child)
    elif isinstance(child, SequenceNode) and len(child.items) == 2:
        left = check.text(child.items[0], "pairs")
        right = check.text(child.items[1], "pairs")
    else:
        check.problem(
            child, "each pair is written '- left item: its match' (or '- [left item, its match]')"
        )
        return None
    if left is None or right is None:
        return None
    return left, right


SPEC = MatchingSpec()
