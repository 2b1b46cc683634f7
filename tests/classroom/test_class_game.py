"""The class round as a pure state machine, on a fake clock: phases, names, scoring as in the
quiz modes, late answers, the distribution and the leaderboard."""

from __future__ import annotations

import random

import pytest
from class_support import every_kind_deck, mcq, one_question_deck
from ui_support import FakeClock

from kdquiz.classroom.game import ClassGame, Phase, Refused
from kdquiz.classroom.protocol import ProtocolError
from kdquiz.core.game import QuizConfig, speed_points, streak_bonus
from kdquiz.core.model import Deck


def game_of(deck: Deck, **config: object) -> ClassGame:
    tokens = iter(range(1000))
    return ClassGame(
        [deck], QuizConfig(**config), code="123456", rng=random.Random(5),  # type: ignore[arg-type]
        new_token=lambda: f"t{next(tokens)}",
    )  # fmt: skip


def choice(game: ClassGame, text: str) -> int:
    view = game.question_view()
    return next(c["id"] for c in view["choices"] if c["text"] == text)  # type: ignore[attr-defined]


def seoul(game: ClassGame) -> int:
    return choice(game, "Seoul")


def test_the_host_walks_lobby_question_reveal_leaderboard_podium() -> None:
    clock = FakeClock()
    game = game_of(Deck(id="k", title="K", cards=(mcq("a"), mcq("b"))))
    with pytest.raises(Refused, match="nobody has joined"):
        game.advance(clock())
    game.join("Ana")
    phases = [game.advance(clock()) for _ in range(6)]
    assert phases == [
        Phase.QUESTION, Phase.REVEAL, Phase.LEADERBOARD, Phase.QUESTION, Phase.REVEAL,
        Phase.LEADERBOARD,
    ]  # fmt: skip
    assert game.advance(clock()) is Phase.PODIUM
    with pytest.raises(Refused, match="over"):
        game.join("Late")


def test_duplicate_names_get_the_first_free_suffix_within_the_length_limit() -> None:
    game = game_of(one_question_deck())
    names = [game.join(n).name for n in ["Ana", "ana", "Ana", "x" * 24, "x" * 24]]
    assert names == ["Ana", "ana 2", "Ana 3", "x" * 24, "x" * 22 + " 2"]
    assert len({p.token for p in game.players.values()}) == 5


def test_points_are_the_quiz_modes_speed_points_and_streak_bonus() -> None:
    clock = FakeClock()
    game = game_of(Deck(id="k", title="K", cards=(mcq("a"), mcq("b"))))
    ana, bo = game.join("Ana"), game.join("Bo")
    totals = []
    for _ in range(2):
        game.advance(clock())
        clock.advance(4)
        first = game.answer(ana, game.asked, seoul(game), clock())
        totals.append(first.result.total)
        clock.advance(2)
        game.answer(bo, game.asked, choice(game, "Busan"), clock())
        assert game.phase is Phase.REVEAL  # everyone answered
        game.advance(clock())
    assert totals == [speed_points(1000, 4, 20), speed_points(1000, 4, 20) + streak_bonus(2)]
    assert ana.score == sum(totals) and ana.best_streak == 2 and bo.score == 0
    assert first.turn.points is not None and first.turn.points.score == ana.score


def test_a_late_answer_is_refused_by_the_clock_even_before_the_question_closes() -> None:
    clock = FakeClock()
    game = game_of(one_question_deck(), time_limit=10)
    ana = game.join("Ana")
    game.join("Bo")
    game.advance(clock())
    clock.advance(10.5)
    with pytest.raises(Refused, match="too late"):
        game.answer(ana, 1, seoul(game), clock())
    assert game.phase is Phase.QUESTION and game.tick(clock()) and game.phase is Phase.REVEAL
    with pytest.raises(Refused, match="not open"):
        game.answer(ana, 1, seoul(game), clock())
    assert ana.answers == {} and ana.streak == 0


def test_answers_of_the_wrong_shape_are_protocol_errors() -> None:
    clock = FakeClock()
    game = game_of(one_question_deck())
    ana = game.join("Ana")
    game.advance(clock())
    for bad in (True, "Seoul", 7, (0, 1)):
        with pytest.raises(ProtocolError):
            game.answer(ana, 1, bad, clock())
    assert ana.answers == {}


def test_the_distribution_has_a_bar_per_choice_and_the_right_one_marked() -> None:
    clock = FakeClock()
    game = game_of(one_question_deck())
    players = [game.join(f"P{n}") for n in range(5)]
    game.advance(clock())
    right = seoul(game)
    wrong = choice(game, "Busan")
    for n, player in enumerate(players[:4]):
        game.answer(player, 1, right if n < 3 else wrong, clock())
    game.advance(clock())
    bars = {b["label"]: (b["count"], b["right"]) for b in game.distribution()}
    assert bars["Seoul"] == (3, True) and sum(c for c, _ in bars.values()) == 4
    assert [p.name for p in game.leaderboard()][:3] == ["P0", "P1", "P2"]


def test_kinds_a_phone_cannot_answer_are_skipped_and_counted() -> None:
    game = game_of(every_kind_deck(), questions=20)
    assert game.skipped == 1
    assert sorted(str(q.item.card.kind) for q in game.questions) == [
        "matching", "mcq", "multi", "numeric", "order", "truefalse", "typed",
    ]  # fmt: skip
    flash_only = Deck(id="f", title="F", cards=(every_kind_deck().cards[-1],))
    with pytest.raises(ValueError, match="no question in these decks"):
        game_of(flash_only)


def test_a_player_who_drops_out_no_longer_holds_the_question_open() -> None:
    clock = FakeClock()
    game = game_of(one_question_deck())
    ana, bo = game.join("Ana"), game.join("Bo")
    game.advance(clock())
    game.answer(ana, 1, seoul(game), clock())
    assert game.phase is Phase.QUESTION
    assert game.leave(bo) and game.phase is Phase.REVEAL
    assert game.rejoin(bo.token) is bo and bo.connected and bo.score == 0
