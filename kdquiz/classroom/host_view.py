"""What the host's screen shows, as plain values: the screen renders it and decides nothing.

Names and deck text are outside text: the screen shows them through `kdquiz.core.safe_text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kdquiz.classroom.game import ClassGame, Phase
from kdquiz.core.plural import plural

#: How many rows of the leaderboard the host shows.
BOARD_ROWS = 10


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    right: bool


@dataclass(frozen=True)
class HostView:
    code: str
    addresses: tuple[str, ...]
    phase: Phase
    players: tuple[str, ...]
    connected: int
    number: int = 0
    total: int = 0
    question: str = ""
    answers_in: int = 0
    seconds_left: float | None = None
    bars: tuple[Bar, ...] = ()
    expected: str = ""
    explain: str = ""
    board: tuple[tuple[str, int], ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def headline(self) -> str:
        """One line: where the game is (kdquiz's own words and numbers only)."""
        if self.phase is Phase.LOBBY:
            return f"Join code {self.code} · {plural(len(self.players), 'player')} joined"
        if self.phase is Phase.QUESTION:
            left = f" · {self.seconds_left:.0f} s left" if self.seconds_left is not None else ""
            return (
                f"Question {self.number} of {self.total} · {self.answers_in} of "
                f"{len(self.players)} answered{left}"
            )
        if self.phase is Phase.REVEAL:
            return f"Question {self.number} of {self.total} · the answer"
        if self.phase is Phase.LEADERBOARD:
            return f"Leaderboard after {self.number} of {self.total}"
        return "Podium: the game is over"

    @property
    def next_step(self) -> str:
        """What the host's "next" does now."""
        return {
            Phase.LOBBY: "Start",
            Phase.QUESTION: "Reveal now",
            Phase.REVEAL: "Leaderboard",
            Phase.LEADERBOARD: "Next question" if self.number < self.total else "Podium",
            Phase.PODIUM: "",
        }[self.phase]


def host_view(
    game: ClassGame, now: datetime, addresses: list[str], connected: int, warnings: list[str]
) -> HostView:
    question = game.question
    notes = list(warnings)
    if game.skipped:
        notes.append(
            f"{plural(game.skipped, 'card')} left out: flashcards and cloze cards cannot be "
            "answered on a phone"
        )
    shown = game.phase in (Phase.LEADERBOARD, Phase.PODIUM)
    rows = game.leaderboard()[: 3 if game.phase is Phase.PODIUM else BOARD_ROWS]
    return HostView(
        code=game.code,
        addresses=tuple(addresses),
        phase=game.phase,
        players=tuple(p.name for p in game.players.values()),
        connected=connected,
        number=game.asked,
        total=len(game.questions),
        question=game.question_view()["text"] if question else "",  # type: ignore[arg-type]
        answers_in=game.answers_in(),
        seconds_left=game.seconds_left(now),
        bars=tuple(Bar(**b) for b in game.distribution())  # type: ignore[arg-type]
        if question and game.phase is Phase.REVEAL
        else (),
        expected=game.expected() if question and game.phase is Phase.REVEAL else "",
        explain=question.item.card.explain if question and game.phase is Phase.REVEAL else "",
        board=tuple((p.name, p.score) for p in rows) if shown else (),
        notes=tuple(notes),
    )
