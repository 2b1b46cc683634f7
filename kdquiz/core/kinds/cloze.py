"""Cloze: a text with {{gaps}}, each its own item (c1, c2 ...), asked with the others filled in."""

from __future__ import annotations

import re

from kdquiz.core.kinds.answer_checks import Outcome, gap_of, grade_text, text_of
from kdquiz.core.kinds.base import TYPE_CHECKING, KindSpec, Skip, cast
from kdquiz.core.kinds.typed import TYPE_MS_PER_CHAR
from kdquiz.core.model import CLOZE_GAP, Card, Cloze, Item, Kind, parse_gaps, render_cloze

if TYPE_CHECKING:
    import random

    from kdquiz.core.deck_checks import Checker
    from kdquiz.core.kinds.base import Console
    from kdquiz.core.yamlsafe import Mapping


#: "c1" in "{{c1::Seoul}}": Anki's card number, which a gap copied from Anki starts with.
_ANKI_NUMBER = re.compile(r"c\d{1,3}")


class ClozeSpec(KindSpec):
    name = Kind.CLOZE
    card_class = Cloze
    label = "Fill the gap"
    class_answer = "text"
    also_called = (
        "fill in the blank",
        "fill in the blanks",
        "fill the gap",
        "gap",
        "gaps",
        "blank",
        "blanks",
        "gap fill",
        "cloze deletion",
        "missing word",
    )
    keys = ("text",)
    prompt_required = False
    free_text = True
    round_trips = frozenset({"csv", "anki-text"})
    example = """\
  # cloze: each {{answer}} is hidden in turn; {{answer::hint}} shows the hint in the blank.
  - id: ost-meaning
    type: cloze
    text: An {{OST::abbreviation}} is a drama's {{original soundtrack}}.
    explain: Shown after the learner answers.
"""

    def parse(self, check: Checker, node: Mapping, card_id: str, common: dict) -> Card | None:
        text = check.text(node.get("text"), "text", required=True, parent=node)
        if text is None:
            return None
        gaps = parse_gaps(text)
        where = node.get("text")
        if not gaps:
            check.problem(
                where, "a cloze text needs at least one gap, written {{answer}} or {{answer::hint}}"
            )
            return None
        anki = [g for g in gaps if _ANKI_NUMBER.fullmatch(g.answer)]
        if anki and len(anki) == len(gaps):  # every gap numbered: copied from Anki
            for gap in anki:
                written = f"{{{{{gap.answer}::{gap.hint}}}}}"
                fix = f"write {{{{{gap.hint}}}}}" if gap.hint else "write the hidden words inside"
                check.problem(
                    where,
                    f"{written} is a gap written the Anki way: in kdquiz {fix} (gaps are asked "
                    "one at a time, in order; a hint goes after ::, as {{Seoul::a city}}; if "
                    f"the answer really is {gap.answer}, write {{{{{gap.answer.upper()}::...}}}})",
                )
            return None
        if any(not g.answer for g in gaps):
            check.problem(where, "a cloze gap is empty: write the hidden answer inside {{ }}")
            return None
        outside = re.sub(r"\{\{.+?\}\}", "", text, flags=re.DOTALL)
        if "{{" in outside or "}}" in outside:
            check.problem(where, "a cloze gap is not closed: each {{ needs a matching }}")
            return None
        return Cloze(id=card_id, kind=Kind.CLOZE, text=text, gaps=tuple(gaps), **common)

    def grade(self, item: Item, response: object) -> Outcome:
        card = cast(Cloze, item.card)
        gap = gap_of(item, card)
        return grade_text(text_of(response, card), (gap.answer,), question=self.question_text(item))

    def right_response(self, item: Item) -> object:
        return cast(Cloze, item.card).gaps[item.gap_index or 0].answer

    def expected_text(self, item: Item) -> str:
        card = cast(Cloze, item.card)
        gap_index = item.gap_index
        if gap_index is not None and 0 <= gap_index < len(card.gaps):
            return card.gaps[gap_index].answer
        return render_cloze(card.text, None)

    def question_line(self, item: Item) -> str:
        return render_cloze(cast(Cloze, item.card).text, item.gap_index)

    def question_text(self, item: Item) -> str:
        text = self.question_line(item)
        return f"{item.card.prompt}\n\n{text}" if item.card.prompt else text

    def answer_text(self, item: Item) -> str:
        return f"{self.expected_text(item)}\n\n{render_cloze(cast(Cloze, item.card).text, None)}"

    def respond_ms(self, item: Item) -> float:
        card = cast(Cloze, item.card)
        gap = item.gap_index or 0
        answer_chars = len(card.gaps[gap].answer) if gap < len(card.gaps) else 0
        return answer_chars * TYPE_MS_PER_CHAR

    def ask_plain(
        self, console: Console, item: Item, order: tuple[int, ...], *, quiz: bool
    ) -> tuple[str, object]:
        if quiz:  # a quiz never reveals: an empty answer is "I don't know", and counts
            return "answer", console.ask("The missing words (Enter on an empty line gives up):")
        text = console.ask("The missing words (Enter to show the answer):")
        return ("answer", text) if text.strip() else ("reveal", None)

    def plain_question(self, card: Card) -> str:
        from kdquiz.core.syntax.plain import blanked_cloze

        return blanked_cloze(cast(Cloze, card).text)

    def plain_answer(self, card: Card) -> str:
        return CLOZE_GAP.sub(
            lambda m: m.group(1).partition("::")[0].strip(), cast(Cloze, card).text
        )

    def csv_front(self, card: Card) -> str:
        return cast(Cloze, card).text  # with its {{gaps}}, which the CSV importer reads back

    def anki_note(self, card: Card) -> tuple[str, list[str]] | None:
        from kdquiz.core.syntax.anki import CLOZE

        card = cast(Cloze, card)
        counter = iter(range(1, len(card.gaps) + 1))
        text = CLOZE_GAP.sub(lambda m: f"{{{{c{next(counter)}::{m.group(1)}}}}}", card.text)
        return CLOZE, [text, card.explain]

    def gift(self, card: Card, general: str) -> str:
        from kdquiz.core.syntax.gift import escape

        card = cast(Cloze, card)
        if len(card.gaps) != 1:
            raise Skip("GIFT has no question with several blanks; the cloze card was left out")
        match = CLOZE_GAP.search(card.text)
        assert match is not None
        before, after = card.text[: match.start()], card.text[match.end() :]
        return f"{escape(before)}{{={escape(card.gaps[0].answer)}{general.strip()}}}{escape(after)}"

    def sheet(self, card: Card, rng: random.Random | None) -> tuple[str, str]:
        from kdquiz.core.syntax.markdown import BLANK, escape

        card = cast(Cloze, card)
        many = len(card.gaps) > 1
        index = -1

        def blank(match: re.Match[str]) -> str:
            nonlocal index
            index += 1
            label = f"({chr(ord('a') + index % 26)}) " if many else ""
            hint = card.gaps[index].hint
            return f"{label}{BLANK}" + (f" ({escape(hint)})" if hint else "")

        # Escape the text around the gaps, not inside the {{...}} markers the regex needs.
        pieces, last = [], 0
        for match in CLOZE_GAP.finditer(card.text):
            pieces.append(escape(card.text[last : match.start()]))
            pieces.append(match.group(0))
            last = match.end()
        pieces.append(escape(card.text[last:]))
        text = CLOZE_GAP.sub(blank, "".join(pieces))
        question = "\n\n".join(t for t in (escape(card.prompt), text) if t)
        if many:
            answer = ", ".join(
                f"({chr(ord('a') + i % 26)}) {escape(g.answer)}" for i, g in enumerate(card.gaps)
            )
        else:
            answer = escape(card.gaps[0].answer)
        return f"*(fill in the blank{'s' if many else ''})* {question}", answer


SPEC = ClozeSpec()
