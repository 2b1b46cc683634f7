"""The class round as a pure state machine, on a fake clock: phases, names, scoring as in the
quiz modes, late answers, the distribution and the leaderboard."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from class_support import every_kind_deck, mcq, one_question_deck
from ui_support import FakeClock

from kdquiz.classroom.game import MAX_PLAYERS, ClassGame, Phase, Refused
from kdquiz.classroom.host_view import host_view
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
    """The cloze's two gaps are one card: a game asks one of them (the other would show its
    answer), and the flashcard is left out."""
    game = game_of(every_kind_deck(), questions=20)
    assert game.skipped == 1
    assert sorted(str(q.item.card.kind) for q in game.questions) == [
        "cloze", "matching", "mcq", "multi", "numeric", "order", "truefalse", "typed",
    ]  # fmt: skip
    assert host_view(game, datetime(2026, 1, 1, tzinfo=UTC), [], 0, []).notes == (
        "1 question left out: flashcards are rated by the learner, and a class game checks "
        "every answer",
    )
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


# --- survival -------------------------------------------------------------------------------------


def five_questions() -> Deck:
    return Deck(id="k", title="K", cards=tuple(mcq(f"q{n}") for n in range(5)))


def play_question(
    game: ClassGame, clock: FakeClock, right: list, wrong: list, slow: tuple = ()
) -> None:
    """Ask the next question: `right` and `wrong` answer after 2 s, `slow` rightly after 19 s;
    everyone else stays silent."""
    game.advance(clock())
    clock.advance(2)
    for player in right:
        game.answer(player, game.asked, seoul(game), clock())
    for player in wrong:
        game.answer(player, game.asked, choice(game, "Busan"), clock())
    clock.advance(17)
    for player in slow:
        game.answer(player, game.asked, seoul(game), clock())
    if game.phase is Phase.QUESTION:
        game.advance(clock())  # the host reveals: whoever did not answer missed it
    game.advance(clock())  # the leaderboard


def test_survival_gives_each_player_the_quizs_lives_and_takes_one_per_miss() -> None:
    clock = FakeClock()
    game = game_of(five_questions(), mode="survival", lives=2, questions=5)
    ana, bo, cy = game.join("Ana"), game.join("Bo"), game.join("Cy")
    assert game.lives_total == 2 and [p.lives for p in (ana, bo, cy)] == [2, 2, 2]
    play_question(game, clock, right=[ana], wrong=[bo])  # Cy says nothing: a miss too
    assert (ana.lives, bo.lives, cy.lives) == (2, 1, 1)
    answer = ana.answers[1]
    assert answer.result.lives_left == 2 and answer.turn.points is not None
    assert "Lives ♥♥" in answer.turn.points.text()


def test_a_player_out_of_lives_is_out_watches_on_and_their_answers_are_refused() -> None:
    clock = FakeClock()
    game = game_of(five_questions(), mode="survival", lives=1, questions=5)
    ana, bo, cy = game.join("Ana"), game.join("Bo"), game.join("Cy")
    game.advance(clock())
    game.answer(ana, 1, seoul(game), clock())
    game.answer(bo, 1, choice(game, "Busan"), clock())
    assert bo.out and bo.out_at == 1 and game.phase is Phase.QUESTION  # Cy still to answer
    game.answer(cy, 1, seoul(game), clock())
    assert game.phase is Phase.REVEAL  # everyone who was still in has answered
    game.advance(clock())
    game.advance(clock())  # question 2: Bo is out, the question waits only for Ana and Cy
    assert game.answering() == [ana, cy]
    headline = host_view(game, clock(), [], 3, []).headline
    assert "Question 2 of 5 · 0 of 2 answered" in headline and "2 still in" in headline
    with pytest.raises(Refused, match="out of lives"):
        game.answer(bo, 2, seoul(game), clock())
    game.answer(ana, 2, seoul(game), clock())
    game.answer(cy, 2, seoul(game), clock())
    assert game.phase is Phase.REVEAL and 2 not in bo.answers and bo.lives == 0


def test_survival_ends_when_one_player_is_left() -> None:
    clock = FakeClock()
    game = game_of(five_questions(), mode="survival", lives=1, questions=5)
    ana, bo, cy = game.join("Ana"), game.join("Bo"), game.join("Cy")
    play_question(game, clock, right=[ana, bo], wrong=[cy])
    assert game.phase is Phase.LEADERBOARD and not game.last_question
    play_question(game, clock, right=[ana], wrong=[bo])
    assert game.still_in() == [ana] and game.last_question
    assert game.advance(clock()) is Phase.PODIUM and game.asked == 2


def test_survival_of_one_player_ends_when_they_are_out_or_the_questions_run_out() -> None:
    clock = FakeClock()
    game = game_of(five_questions(), mode="survival", lives=1, questions=5)
    solo = game.join("Solo")
    play_question(game, clock, right=[solo], wrong=[])
    assert not game.last_question  # one left of one: the game goes on
    play_question(game, clock, right=[], wrong=[])  # silence costs the last life
    assert solo.out and game.last_question and game.advance(clock()) is Phase.PODIUM
    lasting = game_of(five_questions(), mode="survival", lives=3, questions=2)
    ana = lasting.join("Ana")
    for _ in range(2):
        play_question(lasting, clock, right=[ana], wrong=[])
    assert not ana.out and lasting.advance(clock()) is Phase.PODIUM


def test_survival_ranks_who_lasted_longest_before_points() -> None:
    clock = FakeClock()
    game = game_of(five_questions(), mode="survival", lives=3, questions=5)
    late, fast, bo, cy, quiet = (game.join(n) for n in ("Late", "Fast", "Bo", "Cy", "Quiet"))
    play_question(game, clock, right=[fast, bo], wrong=[late], slow=(cy,))
    play_question(game, clock, right=[fast], wrong=[late])
    for _ in range(3):  # Late answers slowly from now on; Fast misses every one
        play_question(game, clock, right=[], wrong=[fast], slow=(late,))
    assert (quiet.out_at, bo.out_at, cy.out_at, fast.out_at, late.out_at) == (3, 4, 4, 5, None)
    assert fast.score > late.score > bo.score > cy.score > quiet.score == 0
    assert [p.name for p in game.leaderboard()] == ["Late", "Fast", "Bo", "Cy", "Quiet"]
    classic = game_of(five_questions(), questions=1)
    a, b = classic.join("A"), classic.join("B")
    play_question(classic, clock, right=[b], wrong=[a])
    assert a.lives is None and classic.leaderboard() == [b, a]


def test_time_attack_cannot_be_hosted_and_says_which_modes_can() -> None:
    with pytest.raises(ValueError, match="own clock.*classic or survival"):
        game_of(five_questions(), mode="time-attack")


def test_a_full_lobby_makes_room_for_a_new_player_in_places_whose_player_left() -> None:
    """One client joining and leaving in a loop must not fill the game before the class comes."""
    game = game_of(one_question_deck())
    stays = game.join("Teacher's pet")
    bots = [game.join(f"bot{n}") for n in range(MAX_PLAYERS - 1)]
    with pytest.raises(Refused, match="full"):
        game.join("Min-ji")
    for bot in bots[:-1]:
        game.leave(bot)
    student = game.join("Min-ji")
    assert [p.name for p in game.players.values()] == ["Teacher's pet", bots[-1].name, "Min-ji"]
    assert len({p.id for p in game.players.values()}) == 3
    with pytest.raises(Refused, match="token"):
        game.rejoin(bots[0].token)  # a place given up in the lobby is gone
    assert game.rejoin(stays.token) is stays and game.rejoin(student.token) is student
    game.advance(FakeClock()())
    game.leave(student)  # once the game is on, a dropped player keeps their place
    assert game.rejoin(student.token) is student
