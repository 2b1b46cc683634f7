"""The card search language: parsed in the pure core with errors that say how to fix the query,
and run over decks, progress and marks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import State
from store_support import FakeClock, cloze, deck, flash, mcq, open_store

from kdquiz.core.card_query import QueryError, Term, parse
from kdquiz.core.card_search import CardRow, search, sort_rows
from kdquiz.core.queue import study_date
from kdquiz.core.scheduling import ItemState
from kdquiz.core.settings import Settings

NOON = datetime(2026, 5, 10, 12, 0, tzinfo=UTC)


def test_terms_fields_negation_phrases_and_or():
    query = parse('netflix "soap opera" -tag:done deck:net* is:due or lapses>3 flag:red')
    first, second = query.alternatives
    assert first == (
        Term("text", "netflix"),
        Term("text", "soap opera"),
        Term("tag", "done", negated=True),
        Term("deck", "net*"),
        Term("is", "due"),
    )
    assert second == (Term("lapses", "3", ">"), Term("flag", "1"))
    assert parse("prop:ivl<=7 due:3").alternatives == (
        (Term("ivl", "7", "<="), Term("due", "3", "<=")),
    )
    assert parse("").alternatives == ()


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ('"open', "quote is not closed"),
        ("is:sleepy", "unknown state; one of new, learn"),
        ("kind:essay", "unknown kind; one of flashcard"),
        ("flag:9", "no flag: use 1-7"),
        ("prop:ease>2", "unknown property 'ease'"),
        ("prop:lapses", "write prop:NAME"),
        ("tag:", "nothing after 'tag:'"),
        ("colour:red", "unknown search field 'colour'"),
        ("or tag:a", "`or` needs a search term"),
        ("tag:a or", "`or` needs a search term"),
        ("(tag:a", "a bracket is not closed"),
        ("tag:a)", "closes a bracket that was not opened"),
        ("is:new ()", "nothing between the brackets"),
        ("and tag:a", "`and` needs a search term"),
        ("tag:a and or tag:b", "`and` needs a search term"),
        ("(tag:a or) tag:b", "`or` needs a search term"),
        ("(a or b) " * 8, "more than 100 alternatives"),
        ("(" * 40 + "a" + ")" * 40, "brackets nested more than 20 deep"),
        ("due:soon", "due:N takes a number"),
        ("lapses>99999999999999999999999", "from -1000000000 to 1000000000"),
        ("prop:due<9999999", "from -36500 to 36500"),
        ("prop:due>-9999999", "from -36500 to 36500"),
    ],
)
def test_bad_queries_say_what_is_wrong(text, told):
    with pytest.raises(QueryError, match=None) as caught:
        parse(text)
    assert told in caught.value.message


def make_store(tmp_path):
    clock = FakeClock(NOON)
    store = open_store(tmp_path, clock)
    words = deck(
        "words",
        [
            flash("hello", "Annyeong", "Hello"),
            flash("thanks", "Gamsahamnida", "Thank you"),
            cloze("ost", "OST", "drama"),
        ],
    )
    words = type(words)(id="words", title="Korean words", cards=words.cards, tags=("korean",))
    quiz = deck("netflix-secrets", [mcq("budget", "How big is a Netflix budget?")])
    due = NOON - timedelta(days=2)
    lapsed = ItemState(State.Review, None, 5.0, 6.0, due, due - timedelta(days=5), reps=7, lapses=4)
    store.record_review(
        ("words", "thanks", ""), lambda _: lapsed, rating=1, when=due, response_ms=9
    )
    learning = ItemState(State.Learning, 0, 1.0, 5.0, NOON + timedelta(days=3), NOON, reps=1)
    store.record_review(
        ("words", "ost", "c1"), lambda _: learning, rating=3, when=NOON, response_ms=9
    )
    return store, [words, quiz]


def found(store, decks, text) -> list[str]:
    rows = search(store, decks, parse(text), now=NOON, settings=Settings(), tz=UTC)
    return [row.card_id for row in rows]


def test_search_by_text_tag_deck_state_props_and_marks(tmp_path):
    store, decks = make_store(tmp_path)
    assert found(store, decks, "") == ["hello", "thanks", "ost", "budget"]
    assert found(store, decks, "netflix") == ["budget"]
    assert found(store, decks, "gams*da") == ["thanks"]
    assert found(store, decks, "tag:kor*") == ["hello", "thanks", "ost"]  # the deck's tag
    assert found(store, decks, "deck:netflix*") == ["budget"]
    assert found(store, decks, '"Korean words"') == []  # a deck title is not card text
    assert found(store, decks, '-deck:"korean words"') == ["budget"]
    assert found(store, decks, "kind:cloze") == ["ost"]
    assert found(store, decks, "is:new") == ["hello", "budget"]
    assert found(store, decks, "is:learn") == ["ost"]
    assert found(store, decks, "is:review is:due") == ["thanks"]
    assert found(store, decks, "lapses>3") == ["thanks"]
    assert found(store, decks, "prop:reps<1") == ["hello", "budget"]
    assert found(store, decks, "due:3 -is:due") == ["ost"]
    assert found(store, decks, "due:2") == ["thanks"]
    assert found(store, decks, "kind:mcq or lapses>=4") == ["thanks", "budget"]
    assert found(store, decks, "prop:due>=1") == found(store, decks, "prop:due>2") == ["ost"]
    assert found(store, decks, "prop:due>-3 prop:due<0 prop:ivl>=5") == ["thanks"]
    assert found(store, decks, "prop:due=3") == ["ost"] and found(store, decks, "lapses!=4") == [
        "hello",
        "ost",
        "budget",
    ]
    store.set_marks([("words", "hello")], "suspended", 1)
    store.set_marks([("words", "ost")], "flag", 6)
    today = study_date(NOON, UTC, 4).toordinal()
    store.set_marks([("netflix-secrets", "budget")], "buried", today)
    assert found(store, decks, "is:suspended") == ["hello"]
    assert found(store, decks, "flag:turquoise") == found(store, decks, "is:flagged") == ["ost"]
    assert found(store, decks, "is:buried") == ["budget"]
    assert found(store, decks, "-flag:0 or is:buried") == ["ost", "budget"]
    store.close()


def test_rows_carry_progress_and_sort_by_any_column(tmp_path):
    store, decks = make_store(tmp_path)
    rows = list(search(store, decks, parse(""), now=NOON, settings=Settings(), tz=UTC))
    thanks = next(row for row in rows if row.card_id == "thanks")
    assert isinstance(thanks, CardRow)
    assert (thanks.state, thanks.due_days, thanks.lapses, thanks.reps, thanks.ivl) == (
        "review",
        -2,
        4,
        7,
        5,
    )
    assert thanks.text == "Gamsahamnida" and thanks.as_json()["due_in_days"] == -2
    by_due = [row.card_id for row in sort_rows(rows, "due")]
    assert by_due[:2] == ["thanks", "ost"] and set(by_due[2:]) == {"hello", "budget"}
    assert [row.card_id for row in sort_rows(rows, "-lapses")][0] == "thanks"
    assert [row.card_id for row in sort_rows(rows, "text")][0] == "hello"  # "Annyeong"
    with pytest.raises(QueryError, match="cannot sort by 'colour'"):
        sort_rows(rows, "colour")
    store.close()


def test_due_days_count_study_days_across_a_clock_change(tmp_path):
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    now = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)  # clocks go forward in the night to the 29th
    store = open_store(tmp_path, FakeClock(now))
    cards = deck("d", [flash("early"), flash("late"), flash("week")])
    for card, due in (
        ("early", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),  # 03:30 CEST: still the 28th's day
        ("late", datetime(2026, 3, 29, 2, 30, tzinfo=UTC)),  # 04:30 CEST: the 29th's day
        ("week", datetime(2026, 4, 4, 2, 0, tzinfo=UTC)),  # 04:00 CEST on 4 April, to the second
    ):
        state = ItemState(State.Review, None, 5.0, 5.0, due, now, reps=1)
        store.record_review(
            ("d", card, ""), lambda _, s=state: s, rating=3, when=now, response_ms=9
        )
    rows = search(store, [cards], parse(""), now=now, settings=Settings(), tz=berlin)
    assert {row.card_id: row.due_days for row in rows} == {"early": 0, "late": 1, "week": 7}
    store.close()


def test_the_browser_toggles_marks_undoes_its_own_and_reverses_a_sort(tmp_path):
    from kdquiz.core.browse import CardBrowser

    store, decks = make_store(tmp_path)
    browser = CardBrowser(store, lambda: decks, Settings(), lambda: NOON)
    rows = browser.find("deck:words")
    hello, thanks = rows[0], rows[1]
    assert browser.toggle_suspended([hello, thanks]) == "Suspended"
    fresh = browser.refreshed([hello, thanks])
    assert fresh[hello.key].suspended and fresh[thanks.key].suspended
    assert browser.toggle_suspended(list(fresh.values())) == "Unsuspended"
    assert browser.next_flag([hello]) == "Flag: red"
    assert browser.refreshed([hello])[hello.key].flag == 1
    assert browser.toggle_buried([hello]) == "Buried until tomorrow"
    assert browser.refreshed([hello])[hello.key].buried
    assert len(browser.undo_stack) == 4
    while browser.undo():
        pass
    assert store.marks() == {}
    assert [row.card_id for row in browser.sorted(rows, "lapses")][-1] == "thanks"
    assert [row.card_id for row in browser.sorted(rows, "lapses")][0] == "thanks"  # reversed
    assert browser.history(thanks).rows  # its answers, as the review screen shows them
    store.close()


def test_few_cards_found_read_only_their_own_progress(tmp_path):
    store = open_store(tmp_path, FakeClock(NOON))
    big = deck("big", [flash(f"c{n:02d}", f"word {n}") for n in range(20)])
    state = ItemState(State.Review, None, 5.0, 5.0, NOON + timedelta(days=3), NOON, reps=2)
    for card in ("c03", "c04"):
        store.record_review(("big", card, ""), lambda _: state, rating=3, when=NOON, response_ms=9)
    store.set_marks([("big", "c03"), ("big", "c07")], "flag", 4)
    rows = list(search(store, [big], parse("flag:blue"), now=NOON, settings=Settings(), tz=UTC))
    assert [(r.card_id, r.state, r.due_days, r.reps) for r in rows] == [
        ("c03", "review", 3, 2),
        ("c07", "new", None, 0),
    ]
    assert store.card_progress("big", ["c03", "c07"]) == {"c03": store.card_progress("big")["c03"]}
    store.close()


def test_a_text_search_full_of_stars_runs_in_linear_time(tmp_path):
    # With a backtracking pattern, 30 stars over a text of many e's took minutes; a glob with `*`
    # only needs each part found in turn, leftmost first.
    store = open_store(tmp_path, FakeClock(NOON))
    long = deck("long", [flash("e", "e" * 400, "Eee"), flash("f", "fe" * 10, "x")])
    assert found(store, [long], "e*" * 30 + "qqq") == []
    assert found(store, [long], "E*" * 30 + "eee") == ["e"]  # case-insensitive, in order
    assert found(store, [long], "f*e*x") == ["f"]  # the back is card text too
    assert found(store, [long], "x*f") == []  # the parts in their order only
    assert parse("*" * 999).alternatives[0][0].parts == ()  # found anywhere, nothing to look for
    assert found(store, [long], "**e**") == ["e", "f"]
    store.close()


def test_the_largest_numbers_a_search_takes_run_without_overflow(tmp_path):
    store, decks = make_store(tmp_path)
    assert found(store, decks, "lapses>1000000000 or prop:ivl<-1000000000") == []
    assert found(store, decks, "prop:due<=36500 prop:reps<1000000000") == ["thanks", "ost"]
    assert found(store, decks, "prop:due<-36500 or due:36500 -is:learn") == ["thanks"]
    store.close()


def test_brackets_and_and_negated_groups_as_in_anki():
    def terms(text):
        return parse(text).alternatives

    due, a, b = Term("is", "due"), Term("tag", "a"), Term("tag", "b")
    assert terms("is:due (tag:a or tag:b)") == ((due, a), (due, b))
    assert terms("tag:a AND tag:b") == terms("tag:a tag:b") == ((a, b),)
    assert terms("((tag:a))") == ((a,),)
    not_a, not_b = Term("tag", "a", negated=True), Term("tag", "b", negated=True)
    assert terms("-(tag:a or tag:b)") == ((not_a, not_b),)
    assert terms("-(tag:a tag:b)") == ((not_a,), (not_b,))
    assert terms("-(-tag:a)") == ((a,),)
    assert terms("(tag:a or tag:b) (is:due or tag:a)") == ((a, due), (a, a), (b, due), (b, a))
    assert len(terms(" or ".join(["a"] * 150))) == 150  # a plain list of `or`s: no limit
    assert terms("don't") == ((Term("text", "don't"),),)  # only double quotes quote, as in Anki
    assert terms('"(x)" (y)z') == ((Term("text", "(x)"), Term("text", "y"), Term("text", "z")),)


def test_a_bracketed_search_finds_what_anki_would(tmp_path):
    store, decks = make_store(tmp_path)
    assert found(store, decks, "-is:new (tag:kor* or kind:mcq)") == ["thanks", "ost"]
    assert found(store, decks, "(is:new or lapses>3) and -deck:netflix*") == ["hello", "thanks"]
    assert found(store, decks, "-(is:new or kind:cloze)") == ["thanks"]
    store.close()


def test_due_terms_leave_out_suspended_and_buried_cards_as_anki_does(tmp_path):
    # What a review would show today: Anki's is:due tests the queue, which a mark takes a card off.
    store, decks = make_store(tmp_path)
    assert found(store, decks, "is:due") == ["thanks"]
    store.set_marks([("words", "thanks")], "suspended", 1)
    assert found(store, decks, "is:due") == [] and "thanks" in found(store, decks, "-is:due")
    assert found(store, decks, "is:review is:suspended") == ["thanks"]  # still a review card
    store.set_marks([("words", "thanks")], "suspended", 0)
    store.set_marks([("words", "thanks")], "buried", study_date(NOON, UTC, 4).toordinal())
    assert found(store, decks, "is:due") == []
    store.set_marks([("words", "thanks")], "buried", study_date(NOON, UTC, 4).toordinal() - 1)
    assert found(store, decks, "is:due") == ["thanks"]  # buried yesterday: back today
    store.set_marks([("words", "ost")], "suspended", 1)  # due in 3 days
    assert found(store, decks, "due:3") == ["thanks"] and found(store, decks, "prop:due=3") == []
    assert "ost" in found(store, decks, "-due:3")
    store.close()


def test_a_relearning_card_is_both_learn_and_review_as_in_anki(tmp_path):
    store, decks = make_store(tmp_path)
    lapsed = ItemState(State.Relearning, 0, 2.0, 7.0, NOON + timedelta(minutes=10), NOON, reps=9)
    store.record_review(
        ("words", "hello", ""), lambda _: lapsed, rating=1, when=NOON, response_ms=9
    )
    assert found(store, decks, "is:learn") == ["hello", "ost"]
    assert found(store, decks, "is:review") == ["hello", "thanks"]
    assert found(store, decks, "is:review -is:learn") == ["thanks"]
    rows = search(store, decks, parse("card:hello"), now=NOON, settings=Settings(), tz=UTC)
    assert [row.state for row in rows] == ["learn"]  # shown as learning, as before
    store.close()


def test_burying_keeps_each_deck_to_its_own_study_day(tmp_path) -> None:
    """At 05:00 a deck whose day turns at 04:00 is on a new day, one turning at 06:00 is not: a
    card buried in each comes back on its own deck's next day, as in a review."""
    from kdquiz.core.browse import bury
    from kdquiz.core.settings import DeckSettings

    now = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)
    settings = Settings(
        DeckSettings(rollover_hour=4), {"late": DeckSettings(rollover_hour=6)}, timezone="UTC"
    )
    store = open_store(tmp_path, FakeClock(now))
    batch = bury(store, [("early", "a"), ("late", "b"), ("early", "a")], settings, now)
    marks = store.marks()
    assert marks[("early", "a")].buried == study_date(now, UTC, 4).toordinal()
    assert marks[("late", "b")].buried == study_date(now, UTC, 6).toordinal()
    assert marks[("late", "b")].buried == marks[("early", "a")].buried - 1
    assert bury(store, [("early", "a")], settings, now) == 0  # buried already: no new batch
    assert store.undo_marks(batch) == 2 and store.marks() == {}


def test_rated_and_introduced_find_what_was_answered_in_reviews_lately(tmp_path):
    store, decks = make_store(tmp_path)  # thanks: Again two days ago; ost: Good today
    store.log_answer(  # practice never counts, as it never touches the schedule
        ("words", "hello", ""), mode="practice", rating=3, correct=True, response_ms=9, when=NOON
    )
    assert found(store, decks, "rated:1") == ["ost"]
    assert found(store, decks, "rated:2") == ["ost"]  # today and yesterday
    assert found(store, decks, "rated:3") == ["thanks", "ost"]
    assert found(store, decks, "rated:3:1") == ["thanks"]
    assert found(store, decks, "rated:3:3 or rated:3:4") == ["ost"]
    assert found(store, decks, "-rated:1") == ["hello", "thanks", "budget"]
    assert found(store, decks, "introduced:1") == ["ost"]
    assert found(store, decks, "introduced:3 tag:korean") == ["thanks", "ost"]


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("rated:0", "from 1 (today)"),
        ("rated:x", "from 1 (today)"),
        ("rated:99999", "from 1 (today)"),
        ("rated:7:5", "1 (Again), 2 (Hard)"),
        ("introduced:7:1", "days only"),
    ],
)
def test_bad_rated_and_introduced_say_how_to_write_them(text, told):
    with pytest.raises(QueryError) as caught:
        parse(text)
    assert told in caught.value.message


def test_an_underscore_is_one_character_and_brackets_are_themselves_as_in_anki(tmp_path):
    store, decks = make_store(tmp_path)
    assert found(store, decks, "gams_hamnida") == ["thanks"]
    assert found(store, decks, "g_ms*n_da") == ["thanks"]
    assert found(store, decks, "gams__hamnida") == []  # exactly one character each
    assert found(store, decks, "tag:kor_an") == ["hello", "thanks", "ost"]
    assert found(store, decks, "card:h_llo") == ["hello"]
    assert found(store, decks, "card:[h]ello") == []  # a bracket is a bracket, not a class
    assert found(store, decks, "card:hell?") == []  # as is a question mark


def test_a_tag_finds_its_children_as_anki_hierarchical_tags_do(tmp_path):
    from dataclasses import replace

    store, _ = make_store(tmp_path)
    tagged = deck(
        "d",
        [
            replace(flash("lead"), tags=("drama::casting::lead",)),
            replace(flash("extra"), tags=("drama",)),
            replace(flash("other"), tags=("dramas",)),
        ],
    )
    assert found(store, [tagged], "tag:drama") == ["lead", "extra"]  # not "dramas"
    assert found(store, [tagged], "tag:drama::casting") == ["lead"]
    assert found(store, [tagged], "-tag:drama::casting") == ["extra", "other"]


def test_escapes_and_quotes_read_as_in_anki() -> None:
    def terms(text: str) -> list[list[tuple[str, str, bool]]]:
        return [[(t.field, t.value, t.negated) for t in g] for g in parse(text).alternatives]

    # quoted, "or" and "and" are words, and a quoted colon phrase is still a field search
    assert terms('"or" "and"') == [[("text", "or", False), ("text", "and", False)]]
    assert terms('"a or b"') == [[("text", "a or b", False)]]
    assert terms('deck:"My deck"') == terms('"deck:My deck"') == [[("deck", "My deck", False)]]
    # an escaped colon, minus, bracket or quote is text
    assert terms(r"note\:x") == [[("text", r"note\:x", False)]]
    assert terms(r"\-x") == [[("text", r"\-x", False)]]
    assert terms('"-x"') == [[("text", r"\-x", False)]]  # quoted, a minus is text (Anki)
    assert terms('-"x y"') == [[("text", "x y", True)]]
    with pytest.raises(QueryError, match="empty phrase"):
        parse('""')
    assert terms(r"\(x\)") == terms('"(x)"') == [[("text", "(x)", False)]]
    assert terms(r"x\"y") == [[("text", 'x"y', False)]]
    assert terms(r"is:d\ue") == [[("is", "due", False)]]
    # an escaped wildcard is itself
    star, one = Term("text", r"a\*b"), Term("text", r"a\_b")
    assert star.found_in("xa*b") and not star.found_in("axxb")
    assert one.found_in("a_b") and not one.found_in("axb")
    assert Term("text", r"a\\b").found_in("a\\b")
    assert Term("card", r"ep\_*").pattern.fullmatch("ep_1")
    assert not Term("card", r"ep\_*").pattern.fullmatch("epx1")
    assert Term("tag", r"a\*").tag_pattern.fullmatch("a*::b")
    assert not Term("tag", r"a\*").tag_pattern.fullmatch("abc")


def test_a_search_for_special_characters_finds_them(tmp_path):
    store, _ = make_store(tmp_path)
    special = deck(
        "d",
        [
            flash("star", "Rated 5* by critics", "yes"),
            flash("colon", "Ratio 16:9", "yes"),
            flash("or", "Friend or foe", "yes"),
            flash("plain", "Rated 5 by critics", "yes"),
        ],
    )
    assert found(store, [special], r"5\*") == ["star"]
    assert found(store, [special], "5*") == ["star", "plain"]
    assert found(store, [special], r"16\:9") == ["colon"]
    assert found(store, [special], '"friend or foe"') == ["or"]
    assert found(store, [special], '"or"') == ["or"]  # the word, not the operator
    with pytest.raises(QueryError, match=r"\\: for a colon"):
        parse("16:9")
