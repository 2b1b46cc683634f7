"""Suspend, bury and flag in --plain review: :s, :b and :f N, through the same session calls as
the review screen, each taken back by :u."""

from __future__ import annotations

import io
from typing import Any

from ui_support import CARDS

from kdquiz.core.plan import Activity, Plan
from kdquiz.core.store.marks import Mark
from kdquiz.plain import FLAG_HELP, Console, run_plain


class Script(io.StringIO):
    """Standard input that notes the store's marks before each line is read."""

    def __init__(self, lines: list[str], store: Any) -> None:
        super().__init__("".join(f"{line}\n" for line in lines))
        self.store = store
        self.seen: list[dict[tuple[str, str], Mark]] = []

    def readline(self, size: int | None = -1) -> str:
        self.seen.append(self.store.marks())
        return super().readline()


def play(services: Any, lines: list[str]) -> tuple[Script, str]:
    stdin = Script(lines, services.store)
    out = io.StringIO()
    assert run_plain(services, Plan(Activity.REVIEW), stdin, out) == 0
    return stdin, out.getvalue()


def test_flag_suspend_bury_then_undo_each(services_for: Any) -> None:
    services = services_for([CARDS["typed"], CARDS["truefalse"], CARDS["mcq"]])
    deck_id = services.catalog.decks[0].id
    script, out = play(services, [":f 2", ":f", ":s", ":b", ":u", ":u", ":u", ":u", ":q"])
    seen = script.seen
    assert ":s to suspend the card, :b to bury it until tomorrow, :f N to flag it" in out
    assert seen[1][(deck_id, "net")] == Mark(False, 0, 2)  # :f 2, and the card stays
    assert seen[2][(deck_id, "net")] == Mark(False, 0, 3)  # :f: the next colour
    assert "Flag: orange. Undo: :u" in out and "Flag: green. Undo: :u" in out
    assert seen[3][(deck_id, "net")].suspended
    assert seen[4][(deck_id, "live")].buried > 0
    assert "Suspended: it stays out of reviews until unsuspended. Undo: :u" in out
    assert "Buried until tomorrow. Undo: :u" in out
    assert (deck_id, "live") not in seen[5]
    assert not seen[6][(deck_id, "net")].suspended
    assert seen[7][(deck_id, "net")] == Mark(False, 0, 2)
    assert services.store.marks() == {} and services.store.mark_changes() == []
    assert services.store.log_entries() == []  # marks never wrote an answer
    questions = [line for line in out.splitlines() if line.endswith("review 0")]
    # the flags asked the same card again under its heading; the suspend brought the next one
    assert [q.split(" · ")[1] for q in questions][:2] == ["Type the answer", "True or false"]


def test_suspending_after_an_answer_saves_the_answer_first(services_for: Any) -> None:
    services = services_for([CARDS["typed"], CARDS["truefalse"]])
    deck_id = services.catalog.decks[0].id
    script, out = play(services, ["Netflix", ":s", ":u", ":u", ":q"])
    assert [e.key[1] for e in script.store.log_entries()] == []  # both undone in the end
    assert script.seen[2][(deck_id, "net")].suspended
    assert "Suspended: it stays out of reviews" in out
    # The first :u took back the mark, the second the answer saved before it.
    assert (deck_id, "net") not in script.seen[3]
    assert out.count("Undone.") == 2


def test_an_answer_stays_saved_under_a_suspend_until_its_own_undo(services_for: Any) -> None:
    services = services_for([CARDS["typed"], CARDS["truefalse"]])
    deck_id = services.catalog.decks[0].id
    _, out = play(services, ["Netflix", ":s", ":q"])
    assert [e.key[1] for e in services.store.log_entries()] == ["net"]
    assert services.store.marks()[(deck_id, "net")].suspended
    assert "Some K-dramas are filmed while early episodes air." in out  # the next card came


def test_a_flag_after_an_answer_or_a_reveal_keeps_the_card_on_screen(services_for: Any) -> None:
    services = services_for([CARDS["flashcard"]])
    deck_id = services.catalog.decks[0].id
    _, out = play(services, ["", ":f red", "4", ":q"])
    assert services.store.marks()[(deck_id, "pd")] == Mark(False, 0, 1)
    assert [e.rating for e in services.store.log_entries()] == [4]  # rated after the flag
    assert "Flag: red. Undo: :u" in out


def test_a_bad_flag_says_what_to_type_and_asks_again(services_for: Any) -> None:
    services = services_for([CARDS["typed"]])
    deck_id = services.catalog.decks[0].id
    _, out = play(services, [":f 9", ":f mauve", ":s now", ":f 0", ":f 7", ":q"])
    assert out.count(FLAG_HELP) == 2 and "Type :s alone." in out
    assert "Nothing changed: it was so." in out  # :f 0 on a card with no flag
    assert services.store.marks() == {(deck_id, "net"): Mark(False, 0, 7)}


def test_marks_are_plain_answers_outside_reviews() -> None:
    console = Console(io.StringIO(":s\n:f 2\n"), io.StringIO())
    assert console.ask("Answer:") == ":s"
    assert console.ask("Answer:") == ":f 2"


def test_a_flag_at_the_question_asks_it_again_in_the_same_order(services_for: Any) -> None:
    # A screen reader has read the choices by number: a flag must not renumber them.
    services = services_for([CARDS["mcq"]])
    _, out = play(services, [":f 1", ":f 2", ":f 3", ":q"])
    choices = [line for line in out.splitlines() if line.startswith("  ")]
    per_ask = len(CARDS["mcq"]["choices"])
    asks = [choices[n : n + per_ask] for n in range(0, len(choices), per_ask)]
    assert len(asks) == 4 and all(ask == asks[0] for ask in asks)


def test_a_preview_keeps_nothing_and_says_so(services_for: Any) -> None:
    services = services_for([CARDS["typed"]])
    out = io.StringIO()
    stdin = Script([":s", ":q"], services.store)
    plan = Plan(Activity.PRACTICE, preview=True)
    assert run_plain(services, plan, stdin, out) == 0
    text = out.getvalue()
    assert "nothing is saved" in text and "progress is saved" not in text
    assert ":s to suspend" not in text
    assert services.store.marks() == {}  # ":s" was an answer, not a suspension
    assert "Nothing to study" not in text


def test_stopping_before_the_first_answer_says_no_card_was_answered(services_for: Any) -> None:
    services = services_for([CARDS["typed"]])
    out = io.StringIO()
    assert run_plain(services, Plan(Activity.REVIEW), Script([":q"], services.store), out) == 0
    text = out.getvalue()
    assert "Stopped" in text and "No cards answered." in text
    assert "Nothing to study right now." not in text
