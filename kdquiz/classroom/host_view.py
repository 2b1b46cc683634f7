"""What the host's screen shows, as plain values: the screen renders it and decides nothing.

Names and deck text are outside text: the screen shows them through `kdquiz.core.safe_text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kdquiz.classroom.game import ClassGame, Phase
from kdquiz.core.plural import plural
from kdquiz.core.wording import lives_text

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
    #: Players the question waits for (in survival, not those out before it).
    answering: int = 0
    seconds_left: float | None = None
    bars: tuple[Bar, ...] = ()
    expected: str = ""
    explain: str = ""
    #: (name, score, what is left of them: "♥♥♡" or "out" in survival, "" in classic)
    board: tuple[tuple[str, int, str], ...] = ()
    notes: tuple[str, ...] = ()
    mode: str = "classic"
    #: Survival: players still in; None in classic.
    still_in: int | None = None
    #: Nothing more to ask: the host's next after the leaderboard is the podium.
    last: bool = False

    @property
    def headline(self) -> str:
        """One line: where the game is (kdquiz's own words and numbers only)."""
        if self.phase is Phase.LOBBY:
            return (
                f"Join code {self.code} · {self.mode} · {plural(len(self.players), 'player')} "
                "joined"
            )
        if self.phase is Phase.QUESTION:
            left = f" · {self.seconds_left:.0f} s left" if self.seconds_left is not None else ""
            return (
                f"Question {self.number} of {self.total} · {self.answers_in} of "
                f"{self.answering} answered{left}{self._still_in}"
            )
        if self.phase is Phase.REVEAL:
            return f"Question {self.number} of {self.total} · the answer"
        if self.phase is Phase.LEADERBOARD:
            return f"Leaderboard after {self.number} of {self.total}{self._still_in}"
        return "Podium: the game is over"

    @property
    def _still_in(self) -> str:
        return "" if self.still_in is None else f" · {self.still_in} still in"

    @property
    def next_step(self) -> str:
        """What the host's "next" does now."""
        return {
            Phase.LOBBY: "Start",
            Phase.QUESTION: "Reveal now",
            Phase.REVEAL: "Leaderboard",
            Phase.LEADERBOARD: "Podium" if self.last else "Next question",
            Phase.PODIUM: "",
        }[self.phase]


def host_view(
    game: ClassGame, now: datetime, addresses: list[str], connected: int, warnings: list[str]
) -> HostView:
    question = game.question
    notes = list(warnings)
    if game.skipped:
        notes.append(
            f"{plural(game.skipped, 'question')} left out: flashcards are rated by the "
            "learner, and a class game checks every answer"
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
        answering=len(game.answering()),
        seconds_left=game.seconds_left(now),
        bars=tuple(Bar(**b) for b in game.distribution())  # type: ignore[arg-type]
        if question and game.phase is Phase.REVEAL
        else (),
        expected=game.expected() if question and game.phase is Phase.REVEAL else "",
        explain=question.item.card.explain if question and game.phase is Phase.REVEAL else "",
        board=tuple((p.name, p.score, _left(p.lives, game.lives_total)) for p in rows)
        if shown
        else (),
        notes=tuple(notes),
        mode=str(game.mode),
        still_in=len(game.still_in()) if game.lives_total is not None else None,
        last=game.last_question,
    )


def _left(lives: int | None, total: int | None) -> str:
    if lives is None or total is None:
        return ""
    return "out" if lives <= 0 else lives_text(lives, total)
