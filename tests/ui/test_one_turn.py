"""The TUI and --plain render one turn model: the same scripted session, played through both,
shows the same facts — question, verdict, answer details, rating and when the card comes back,
points, and the closing summary.

Each front-end is driven by card id, so the script does not depend on the order cards come in;
both use the same seed and clock, so they also meet the cards in the same order.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from textual.widget import Widget
from textual.widgets import Button, Label, Static
from ui_support import CARDS, SIZE, screen_text

from kdquiz.core.plan import Activity, Plan
from kdquiz.core.store import STORE_FILE
from kdquiz.plain import run_plain
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.quiz import QuizScreen
from kdquiz.ui.screens.results import ResultsScreen
from kdquiz.ui.screens.study import StudyScreen
from kdquiz.ui.screens.summary import SummaryScreen
from kdquiz.ui.widgets.choice_list import ChoiceList
from kdquiz.ui.widgets.feedback import QuizFeedback, StudyFeedback
from kdquiz.ui.widgets.question import QuestionCard
from kdquiz.ui.widgets.rating_bar import RatingBar

STUDY_CARDS = [CARDS[kind] for kind in ("truefalse", "typed", "numeric", "flashcard", "mcq")]

#: What the learner does on each card: the answer, then changes made before continuing.
#: ("answer", x) answers; ("reveal",) shows a flashcard; ("rate", n) picks a rating; ("right",) is
#: "I was right".
STUDY_SCRIPT: dict[str, list[tuple[Any, ...]]] = {
    "live": [("answer", False), ("rate", 2)],
    "net": [("answer", "Disney"), ("right",)],
    "eps": [("answer", "16")],
    "pd": [("reveal",), ("rate", 2)],
    "first": [("answer", "The casting")],
}


QUESTIONS = {
    "Some K-dramas are filmed while early episodes air.": "live",
    "Which streaming service?": "net",
    "Episodes in a typical season? (episodes)": "eps",
    "PD": "pd",
    "What comes first?": "first",
}


def self_rating_ends(card_id: str) -> bool:
    """A self-rating continues at once: no Enter after it."""
    return STUDY_SCRIPT[card_id][0][0] == "reveal"


class ScriptedInput(io.TextIOBase):
    """Standard input for --plain that answers by reading what plain mode has just written.

    Every answer cuts the output into blocks: the block after an input is what plain mode showed
    in reply to it, to compare with what the TUI showed after the same step.
    """

    def __init__(self, out: io.StringIO) -> None:
        self.out = out
        self.mark = 0
        self.blocks: list[list[str]] = []
        self.steps: list[str] = []
        self.cards = 0

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        text = self.out.getvalue()
        self.blocks.append(text[self.mark :].split("\n")[:-1])  # the last part is the prompt
        self.mark = len(text)
        if not self.steps:
            if self.cards == len(STUDY_SCRIPT):
                return ""  # the script is done: end of input leaves the session
            self.cards += 1
            card_id = QUESTIONS[question_block(self.blocks[-1])[1]]
            for step in STUDY_SCRIPT[card_id]:
                self.steps.append(_plain_key(step, text))
            if not self_rating_ends(card_id):
                self.steps.append("")  # Enter: continue
        return self.steps.pop(0) + "\n"

    def finish(self) -> list[list[str]]:
        """Every block, the last one (the summary) included."""
        return self.blocks + [self.out.getvalue()[self.mark :].split("\n")]


def question_block(lines: list[str]) -> list[str]:
    """From the header line on: 'deck · kind · counts', the question, the choices."""
    start = next(n for n, line in enumerate(lines) if " · new " in line)
    return [line for line in lines[start:] if line]


def _plain_key(step: tuple[Any, ...], text: str) -> str:
    match step:
        case ("answer", bool(value)):
            return "t" if value else "f"
        case ("answer", str(choice)) if choice.startswith("The "):
            return str(re.findall(rf"^  (\d)\. {choice}$", text, re.M)[-1])
        case ("answer", str(value)):
            return value
        case ("reveal",):
            return ""
        case ("rate", int(rating)):
            return str(rating)
        case ("right",):
            return "r"
    raise AssertionError(step)


def _tui_keys(screen: Any, step: tuple[Any, ...]) -> tuple[str, ...]:
    match step:
        case ("answer", bool(value)):
            return ("t" if value else "f",)
        case ("answer", str(choice)) if choice.startswith("The "):
            choices = [c.text for c in screen.item.card.choices]
            return (str(screen.answer.order.index(choices.index(choice)) + 1),)
        case ("answer", str(value)):
            return (*value, "enter")
        case ("reveal",):
            return ("space",)
        case ("rate", int(rating)):
            return (str(rating),)
        case ("right",):
            return ("r",)
    raise AssertionError(step)


def tui_feedback(screen: Any, panel: type[Widget] = StudyFeedback) -> list[str]:
    """What the feedback panel shows, line by line, in plain mode's spelling ('Label: text')."""
    facts: list[str] = []
    for widget in screen.query_one(panel).children:
        if isinstance(widget, RatingBar):
            facts.append(" · ".join(str(b.label).lstrip("▸ ") for b in widget.query(Button)))
            continue
        text = str(widget.render())
        if widget.has_class("answer-side"):
            text = f"Answer: {text}"
        elif text.startswith("How well did you know it?"):
            continue  # the TUI's key hint; plain mode asks its own question
        facts.append(re.sub(r"^(You answered|Right answer|Source)  ", r"\1: ", text))
    return facts


def tui_question(screen: Any) -> list[str]:
    card = screen.query_one(QuestionCard)
    counts = str(screen.query_one("#status-counts", Label).render())
    new, learning, review = re.findall(r"\d+", counts)
    meta = str(card.query_one(".meta", Label).render())
    lines = [f"{meta} · new {new}, learning {learning}, review {review}"]
    lines.append(str(card.query_one(".prompt", Static).render()))
    if isinstance(screen.answer, ChoiceList):
        choices = screen.item.card.choices
        lines += [f"  {n}. {choices[i].text}" for n, i in enumerate(screen.answer.order, 1)]
    return lines


async def test_review_shows_the_same_facts_in_the_tui_and_in_plain_mode(
    services_for: Any, data_dir: Path
) -> None:
    plain = services_for(STUDY_CARDS)
    out = io.StringIO()
    stdin = ScriptedInput(out)
    assert run_plain(plain, Plan(Activity.REVIEW), stdin, out) == 0  # type: ignore[arg-type]
    *asked, summary = stdin.finish()
    plain_blocks = [question_block(b) if any(" · new " in x for x in b) else b for b in asked]
    plain_blocks.append([line for line in summary if line])

    plain.store.close()
    for path in data_dir.glob(f"{STORE_FILE}*"):
        path.unlink()  # the TUI starts from the same empty store, decks, seed and clock
    tui = services_for(STUDY_CARDS)
    tui_blocks: list[list[str]] = []
    changes: list[int] = []  # blocks after a change of rating or "I was right"
    app = KdquizApp(tui, plan=Plan(Activity.REVIEW))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        for _ in range(len(STUDY_SCRIPT)):
            assert screen.item is not None
            tui_blocks.append(tui_question(screen))
            card_id = screen.item.card.id
            steps = STUDY_SCRIPT[card_id]
            for n, step in enumerate(steps):
                await pilot.press(*_tui_keys(screen, step))
                await pilot.pause()
                if not (self_rating_ends(card_id) and n == len(steps) - 1):
                    tui_blocks.append(tui_feedback(screen))
                    if n:
                        changes.append(len(tui_blocks) - 1)
            if not self_rating_ends(card_id):
                await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
        tui_blocks.append(tui_question(screen))
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        lines = app.screen.query(".panel-title, .summary-line")
        tui_blocks.append([str(w.render()) for w in lines])

    # The intro and the line that confirms a self-rating are plain mode's own; every other
    # block is the same, fact for fact, in the same order. After a change, plain mode says only
    # what changed; the TUI shows it in place and everything else stays as it was.
    assert len(plain_blocks) == len(tui_blocks)
    assert changes == [2, 5]  # the script's two changes: a rating, then "I was right"
    for n, (plain_block, tui_block) in enumerate(zip(plain_blocks, tui_blocks, strict=True)):
        if n in changes:
            assert plain_block and all(line in tui_block for line in plain_block)
            unchanged = [line for line in tui_block if line not in plain_block]
            assert unchanged == [line for line in tui_blocks[n - 1] if line in unchanged]
            assert len(tui_block) == len(tui_blocks[n - 1])
        else:
            assert plain_block == tui_block


QUIZ_CARDS = [
    {"id": f"tf{n}", "type": "truefalse", "statement": f"Statement {n} is true.", "answer": True}
    for n in range(1, 4)
] + [CARDS["typed"]]
QUIZ_ANSWERS = {"Statement 1 is true.": "t", "Statement 2 is true.": "t",
                "Statement 3 is true.": "f", "Which streaming service?": "Netflx"}  # fmt: skip


async def test_a_quiz_round_shows_the_same_points_and_results_in_the_tui_and_plain_mode(
    services_for: Any, data_dir: Path
) -> None:
    plan = Plan(Activity.QUIZ, ("test-deck",), questions=4, player="Min")
    plain = services_for(QUIZ_CARDS)
    out = io.StringIO()
    lines = iter(out.getvalue, None)  # what plain mode has written so far, on every read

    class Answers(io.TextIOBase):
        def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
            question = next(lines).rstrip().rsplit("\n", 1)[0].rsplit("\n", 1)[-1]
            return QUIZ_ANSWERS[question] + "\n"

    assert run_plain(plain, plan, Answers(), out) == 0  # type: ignore[arg-type]
    written = out.getvalue()
    plain.store.close()
    for path in data_dir.glob(f"{STORE_FILE}*"):
        path.unlink()

    tui = services_for(QUIZ_CARDS)
    app = KdquizApp(tui, plan=plan)
    shown: list[list[str]] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        for _ in range(4):
            assert screen.item is not None
            prompt = str(screen.query_one(QuestionCard).query_one(".prompt", Static).render())
            await pilot.press(
                *QUIZ_ANSWERS[prompt], *(("enter",) if len(QUIZ_ANSWERS[prompt]) > 1 else ())
            )
            await pilot.pause()
            shown.append(tui_feedback(screen, QuizFeedback))
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        results = screen_text(app)

    # Each answer's verdict, points line (what the score gained, streak bonus included) and
    # details appear in plain mode in the same order.
    streaks = [block for block in shown if any("streak bonus" in line for line in block)]
    assert streaks, "two right answers in a row earn a streak bonus"
    for block in shown:
        assert "\n".join(block) in written, (block, written)
    # The round's result lines are the same words.
    plain_result = written.split("Round over\n", 1)[1].splitlines()[:4]
    assert all(line in results for line in plain_result), (plain_result, results)
