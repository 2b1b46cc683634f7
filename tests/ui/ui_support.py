"""Helpers for the UI tests: small decks, a fake clock, and the screen as text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

START = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
SIZE = (80, 24)


class FakeClock:
    """A clock tests move by hand: nothing in the UI tests depends on wall time."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


SOURCE = {"id": "article", "title": "Netflix K-dramas"}

CARDS: dict[str, dict[str, Any]] = {
    "flashcard": {
        "id": "pd",
        "type": "flashcard",
        "front": "PD",
        "back": "Producer-director",
        "source": {"doc": "article", "paragraph": 3},
    },
    "cloze": {"id": "ost", "type": "cloze", "text": "An {{OST}} is a drama's soundtrack."},
    "mcq": {
        "id": "first",
        "type": "mcq",
        "prompt": "What comes first?",
        "choices": [
            "The script",
            {"text": "The casting", "feedback": "Casting comes later."},
            "The editing",
        ],
        "answer": "The script",
        "explain": "It all begins with the script.",
        "source": {"doc": "article", "paragraph": 5},
    },
    "multi": {
        "id": "crew",
        "type": "multi",
        "prompt": "Who works on set?",
        "choices": ["Director", "Camera operator", "Subtitle translator"],
        "answers": ["Director", "Camera operator"],
    },
    "truefalse": {
        "id": "live",
        "type": "truefalse",
        "statement": "Some K-dramas are filmed while early episodes air.",
        "answer": True,
    },
    "typed": {
        "id": "net",
        "type": "typed",
        "prompt": "Which streaming service?",
        "answer": "Netflix",
        "accept": ["Netflix Korea"],
    },
    "numeric": {
        "id": "eps",
        "type": "numeric",
        "prompt": "Episodes in a typical season?",
        "answer": 16,
        "unit": "episodes",
    },
    "order": {
        "id": "steps",
        "type": "order",
        "prompt": "Put these in order.",
        "items": ["Script", "Casting", "Shooting"],
    },
    "matching": {
        "id": "roles",
        "type": "matching",
        "prompt": "Match each role to its job.",
        "pairs": [
            {"PD": "Directs"},
            {"Writer": "Writes the script"},
            {"Editor": "Cuts the footage"},
        ],
        "distractors": ["Sells the rights"],
    },
}


def deck_dict(
    cards: list[dict[str, Any]],
    deck_id: str = "test-deck",
    title: str = "Test deck",
    tags: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "format": 1,
        "id": deck_id,
        "title": title,
        "tags": tags or ["kdrama"],
        "sources": [SOURCE],
        "cards": cards,
    }


def screen_text(app: Any) -> str:
    """What the terminal shows now, as plain text (the same render an SVG screenshot uses)."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


def keys_together(app: Any, *keys: str) -> None:
    """Queue key presses at once, as a fast typist or a paste delivers them: unlike `pilot.press`,
    nothing runs between them, so the second arrives while the first is still being acted on."""
    from textual import events

    for key in keys:
        char = {"question_mark": "?", "space": " ", "enter": "\r"}.get(key, key)
        app.post_message(events.Key(key, char if len(char) == 1 else None))


async def settle(app: Any, pilot: Any, rounds: int = 3) -> None:
    """Wait for the workers (counts, commits, recording a round), then for the screen, a few
    times over: what a worker or a screen does after a refresh may start more, and on a busy
    machine one round is not always enough."""
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()


def true_false_cards(count: int) -> list[dict[str, Any]]:
    """`count` true/false cards whose answer is true: `t` answers each right."""
    return [
        {
            "id": f"tf{n}",
            "type": "truefalse",
            "statement": f"Statement {n} is true.",
            "answer": True,
        }
        for n in range(1, count + 1)
    ]


async def open_quiz_setup(app: Any, pilot: Any) -> Any:
    """From a settled home screen, `g`: the quiz setup dialog, returned."""
    from kdquiz.ui.screens.quiz_setup import QuizSetupModal

    await pilot.press("g")
    await pilot.pause()
    assert isinstance(app.screen, QuizSetupModal)
    return app.screen
