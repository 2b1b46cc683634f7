"""Moodle GIFT: importing every question type kdquiz can hold, errors, and YAML -> GIFT -> YAML."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kdquiz.core.deck_writer import dump_deck
from kdquiz.core.decks import load_deck, load_deck_text
from kdquiz.core.interchange import detect_format
from kdquiz.core.interchange.common import ImportFileError
from kdquiz.core.interchange.gift import export_gift, parse_gift
from kdquiz.core.model import (
    Choice,
    Cloze,
    Deck,
    Flashcard,
    MultipleChoice,
    MultiSelect,
    Numeric,
    Order,
    TrueFalse,
    Typed,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "interchange"


def gift_deck(text: str, path: str = "quiz.gift") -> Deck:
    return load_deck_text(dump_deck(parse_gift(text, path).deck), "imported.yaml")


@pytest.fixture(scope="module")
def quiz() -> Deck:
    return gift_deck((FIXTURES / "quiz.gift").read_text(encoding="utf-8"))


def test_category_names_the_deck(quiz: Deck) -> None:
    assert quiz.title == "K-drama quiz"
    assert quiz.id == "k-drama-quiz"


def test_multiple_choice_with_feedback_and_general_feedback(quiz: Deck) -> None:
    card = quiz.card("first-step")  # from the // [id:...] comment, not the ::Q1:: title
    assert isinstance(card, MultipleChoice)
    assert card.prompt == "What comes first in making a K-drama?"
    assert card.choices == (
        Choice("The script", "Right: everything starts from the script."),
        Choice("The casting", "Casting follows once the script is ready."),
        Choice("The editing", "Editing comes last."),
    )
    assert card.answer == 0
    assert card.explain == "Writers finish most episodes before shooting starts."
    assert card.tags == ("production",)


def test_true_false_with_and_without_feedback(quiz: Deck) -> None:
    live, shot = quiz.card("q2"), quiz.card("q3")
    assert isinstance(live, TrueFalse) and isinstance(shot, TrueFalse)
    assert live.answer is True and shot.answer is False
    assert live.statement == "Some K-dramas are still being filmed while early episodes air."
    assert live.explain == (  # both answers' own feedback kept, each with the answer it is for
        "If you answered true: Right: this is called a live shoot.\n"
        "If you answered false: Wrong: live shoots are common."
    )
    assert shot.explain == ""


def test_short_answer_keeps_full_credit_answers_only(quiz: Deck) -> None:
    card = quiz.card("q4")
    assert isinstance(card, Typed)
    assert (card.answer, card.accept) == ("Netflix", ("Netflix Korea",))
    notes = parse_gift((FIXTURES / "quiz.gift").read_text(encoding="utf-8"), "quiz.gift").notes
    assert notes == (  # the 50% answer is said, not dropped silently
        "line 16: the answer 'NF' gives 50% credit in Moodle; kdquiz has no partial credit "
        "here, so it is not accepted",
    )


def test_numeric_with_margin_and_range(quiz: Deck) -> None:
    episodes, year = quiz.card("q5"), quiz.card("q6")
    assert isinstance(episodes, Numeric) and isinstance(year, Numeric)
    assert (episodes.answer, episodes.tolerance) == (16, 2)
    assert episodes.explain == "Most run 16 episodes, some 12 or 20."
    assert (year.answer, year.tolerance) == (1999, 1)


def test_weighted_answers_make_a_multi_select(quiz: Deck) -> None:
    card = quiz.card("q7")
    assert isinstance(card, MultiSelect)
    assert [c.text for c in card.choices] == [
        "Director",
        "Camera operator",
        "Translator of the finished episodes",
    ]
    assert card.answers == frozenset({0, 1})
    assert card.choices[2].feedback == "Translation happens after the shoot."


def test_missing_word_becomes_a_cloze(quiz: Deck) -> None:
    cloze = [c for c in quiz.cards if isinstance(c, Cloze)]
    assert [c.text for c in cloze] == [
        "The main producer of a drama is called the {{PD}} in Korea."
    ]


def test_a_blank_with_several_right_answers_inside_the_sentence_is_typed() -> None:
    """A cloze gap holds one answer, so the blank stays a blank and every answer is accepted
    (as docs/teachers.md says); with one answer the same question is a cloze."""
    deck = gift_deck(
        "The capital is {=Seoul =Seoul, Korea} city.\n\nThe capital is {=Seoul} city.\n"
    )
    several, one = deck.cards
    assert isinstance(several, Typed)
    assert several.prompt == "The capital is _____ city."
    assert (several.answer, several.accept) == ("Seoul", ("Seoul, Korea",))
    assert isinstance(one, Cloze)
    assert one.text == "The capital is {{Seoul}} city."


def test_escapes_and_essay_flashcards(quiz: Deck) -> None:
    escaped = quiz.card("q10")
    assert isinstance(escaped, Typed)
    assert escaped.prompt == "Escapes: colons, {braces}, ~tildes and #hashes."
    assert escaped.answer == "a=b"
    card = quiz.card("card")
    assert isinstance(card, Flashcard)
    assert (card.front, card.back) == (
        "PD",
        "Producer-director, who both produces and directs a drama",
    )


def test_matching_questions_become_matching_cards(quiz: Deck) -> None:
    card = quiz.card("q9")
    assert card is not None and card.kind == "matching"
    assert card.pairs == (("PD", "directs"), ("Jakga", "writes"))  # type: ignore[attr-defined]
    assert card.distractors == ()  # type: ignore[attr-defined]


def test_broken_matching_answers_are_refused_with_the_line() -> None:
    with pytest.raises(ImportFileError, match=r"x\.gift:3:1: a matching question needs at least 2"):
        parse_gift("// one pair\n\nPair it {=a -> b}\n", "x.gift")
    with pytest.raises(
        ImportFileError, match=r"each matching answer is written =item -> its match"
    ):
        parse_gift("Pair it {=a -> b =c}\n", "x.gift")


def test_errors_name_the_file_and_each_bad_line() -> None:
    path = FIXTURES / "bad_gift.gift"
    with pytest.raises(ImportFileError) as info:
        parse_gift(path.read_text(encoding="utf-8"), str(path))
    problems = info.value.problems
    assert [(p.path, p.line) for p in problems] == [(str(path), 4), (str(path), 6)]
    assert "braces" in problems[0].message
    assert "not a number" in problems[1].message


def test_mcq_without_a_right_answer_is_an_error() -> None:
    with pytest.raises(ImportFileError) as info:
        parse_gift("\n\nWhich one? {~a ~b ~c}\n", "x.gift")
    assert info.value.problems[0].line == 3
    assert "marked right" in info.value.problems[0].message


def test_detected_by_extension_and_by_braces() -> None:
    assert detect_format("Q {=a}", "x.gift") == "gift"
    assert detect_format("Question? {=a ~b}\n", "x.txt") == "gift"


def _without_line(card: object) -> dict:
    fields = dataclasses.asdict(card)  # type: ignore[call-overload]
    fields.pop("line")
    return fields


def test_round_trip_keeps_every_field_gift_can_carry() -> None:
    original = load_deck(FIXTURES / "all_kinds.yaml")
    exported = export_gift(original)
    back = gift_deck(exported.text, "rt.gift")
    assert back.title == original.title
    by_id = {c.id: c for c in back.cards}
    carried = 0
    for card in original.cards:
        again = by_id.get(card.id)
        if isinstance(card, Order) or (isinstance(card, Cloze) and len(card.gaps) > 1):
            assert again is None  # no GIFT equivalent: left out, and said so
            assert any(card.id in note for note in exported.notes)
            continue
        assert again is not None, card.id
        carried += 1
        if isinstance(card, Flashcard):
            # Flashcards travel as essay questions; GIFT has nowhere for `reverse` or tags' order.
            assert (again.front, again.back, again.tags) == (card.front, card.back, card.tags)
        elif isinstance(card, (MultipleChoice, MultiSelect, TrueFalse, Typed, Numeric, Cloze)):
            # source, time_limit and points have no GIFT field.
            assert _without_line(again) == _without_line(card) | {"source": None}, card.id
    assert carried == 9


def test_export_escapes_gift_control_characters() -> None:
    text = export_gift(load_deck(FIXTURES / "all_kinds.yaml")).text
    assert r"(hint\: think \#1)" in text
    assert r"~The editing \= last" in text
    assert r"=N\~flix" in text
    assert r"Often more famous than the actors\: \{really\}." in text
    assert "// [id:first-step] [tag:production]" in text


@pytest.fixture(scope="module")
def course() -> tuple[Deck, tuple[str, ...]]:
    result = parse_gift((FIXTURES / "moodle_course.gift").read_text(encoding="utf-8"), "c.gift")
    return load_deck_text(dump_deck(result.deck), "c.yaml"), result.notes


def test_html_marker_applies_to_answers_and_feedback(course: tuple[Deck, tuple[str, ...]]) -> None:
    deck, _ = course
    card = deck.card("greet-formal")
    assert isinstance(card, MultipleChoice)
    assert card.prompt == "Which greeting is formal?"
    assert card.choices[0] == Choice("안녕하십니까", "Right: the formal ending -ㅂ니까.")
    assert all("<" not in c.text + c.feedback for c in card.choices)


def test_every_category_tags_its_cards(course: tuple[Deck, tuple[str, ...]]) -> None:
    deck, _ = course
    assert deck.title == "Korean 101"  # the category both sit in, not Moodle's "Default for"
    assert deck.id == "korean-101"
    assert deck.card("greet-formal").tags == ("Greetings",)  # type: ignore[union-attr]
    assert deck.card("count").tags == ("Numbers",)  # type: ignore[union-attr]


def test_partial_credit_is_reported_or_made_select_all(
    course: tuple[Deck, tuple[str, ...]],
) -> None:
    deck, notes = course
    formal = deck.card("greet-formal")
    assert isinstance(formal, MultipleChoice) and formal.answer == 0
    thanks = deck.card("thanks")
    assert isinstance(thanks, Typed)  # the 25% answer is not accepted, and said so
    assert (thanks.answer, thanks.accept) == ("감사합니다", ("고맙습니다",))
    both = deck.card("both-right")
    assert isinstance(both, MultiSelect) and both.answers == frozenset({0, 1})
    assert any("'안녕하세요' gives 50% credit" in n and "counts as wrong" in n for n in notes)
    assert any("'고마워' gives 25% credit" in n and "not accepted" in n for n in notes)
    assert any("select-all" in n for n in notes)


def test_per_answer_feedback_is_kept(course: tuple[Deck, tuple[str, ...]]) -> None:
    deck, _ = course
    thanks, count = deck.card("thanks"), deck.card("count")
    assert thanks is not None and count is not None
    assert thanks.explain == "감사합니다: Standard and polite.\n고맙습니다: Also right."
    assert count.explain == "Hana to yeol.\nAny other answer: Count hana, dul, set..."


def test_questions_run_together_are_reported_not_merged() -> None:
    path = FIXTURES / "run_together.gift"
    with pytest.raises(ImportFileError) as info:
        parse_gift(path.read_text(encoding="utf-8"), str(path))
    problems = info.value.problems
    assert [p.line for p in problems] == [3, 6]
    assert "put an empty line before line 3" in problems[0].message


def test_a_file_of_essays_names_what_was_skipped() -> None:
    path = FIXTURES / "essays_only.gift"
    with pytest.raises(ImportFileError) as info:
        parse_gift(path.read_text(encoding="utf-8"), str(path))
    message = info.value.problems[0].message
    assert "no question kdquiz can hold" in message
    assert "line 2: 'Describe your favourite drama.' is an essay question" in message
    assert "line 4:" in message


def test_moodle_export_with_bom_and_crlf_keeps_every_answer_or_says_why() -> None:
    # As Moodle's question bank writes a file on Windows: a byte-order mark, CRLF, `// question:`
    # comments, a numeric question with two full-credit answers and a partial one, a short answer
    # with Moodle's * wildcard.
    path = FIXTURES / "moodle_export_crlf.gift"
    result = parse_gift(path.read_text(encoding="utf-8"), str(path))
    deck = load_deck_text(dump_deck(result.deck), "m.yaml")
    assert deck.title == "Joseon"
    year = deck.card("hangul-year")
    assert isinstance(year, Numeric) and (year.answer, year.tolerance) == (1443, 0)
    assert year.explain == "Exactly."
    dish = deck.card("dish")
    assert isinstance(dish, Typed) and (dish.answer, dish.accept) == ("Bibim*bap", ("Kimbap",))
    king = deck.card("king")
    assert isinstance(king, Typed) and (king.answer, king.accept) == ("King Sejong", ("Sejong",))
    span = deck.card("range")
    assert isinstance(span, Numeric) and (span.answer, span.tolerance) == (1444.5, 4.5)
    escapes = deck.card("escapes")
    assert isinstance(escapes, TrueFalse)
    assert escapes.statement == "What does a: b mean in a ratio = question?"
    assert "\r" not in dump_deck(result.deck)
    assert result.notes == (
        "line 5: the answer '1444:0' also gives full credit in Moodle; a kdquiz numeric card "
        "has one answer, so only 1443 (and its margin) is accepted",
        "line 5: the answer '1446:0' gives 50% credit in Moodle; kdquiz has no partial credit "
        "here, so it is not accepted",
        "line 12: the answer 'Bibim*bap' uses Moodle's * wildcard (any letters there); kdquiz "
        "takes it as written, with the *: write out each spelling to accept instead",
    )


def test_a_question_showing_a_picture_says_the_gift_file_has_none() -> None:
    # Moodle writes a picture of the question text as a reference to a file it keeps itself.
    text = (
        "::map::[html]<p>Which city is marked?</p><p>"
        '<img src\\="@@PLUGINFILE@@/korea%20map.png" alt\\="map"></p>{=Seoul ~Busan}\n'
        "\n::plain::Which city is the capital?{=Seoul ~Busan}\n"
    )
    result = parse_gift(text, "pictures.gift")
    assert [c["prompt"] for c in result.deck["cards"]] == [
        "Which city is marked?",
        "Which city is the capital?",
    ]
    assert result.notes == (
        "line 1: the question shows a picture or plays a sound ('korea%20map.png'), which a "
        "GIFT file does not hold: the card has its text only, so check that it still makes sense",
    )
    linked = (
        '::hello::[html]<a href\\="http\\://example.org/media/annyeong.mp3">Listen\\:</a>'
        "<br />What language is spoken?{=Korean ~Japanese}\n"
    )
    heard = parse_gift(linked, "sound.gift")
    assert heard.deck["cards"][0]["prompt"] == "Listen:\nWhat language is spoken?"
    assert "plays a sound ('annyeong.mp3')" in heard.notes[0]


def test_tags_never_closed_before_a_picture_are_each_looked_into_up_to_the_next_tag() -> None:
    """20,000 `<img` never closed (a hostile file) before a real picture: the picture is still
    named, and each `<img` is read only up to the next tag (read to the end of the question from
    each one, this took minutes; it now takes a moment)."""
    text = "::t::[html]" + "<img " * 20_000 + '<img src\\="map.png">Where?{=Seoul ~Busan}\n'
    result = parse_gift(text, "tags.gift")
    assert [c["answer"] for c in result.deck["cards"]] == ["Seoul"]
    assert "('map.png')" in result.notes[0]


def test_a_short_answers_catch_all_star_is_the_feedback_for_any_other_answer() -> None:
    # Moodle's `=%0%*#...`: any answer not listed gets this feedback; it is no answer to accept.
    text = "::dish::Which is the best Korean dish?{\n\t=Kimchi#Good!\n\t=%0%*#Not that one\n}\n"
    result = parse_gift(text, "d.gift")
    (card,) = result.deck["cards"]
    assert (card["type"], card["answer"]) == ("typed", "Kimchi") and "accept" not in card
    assert card["explain"] == "Good!\nAny other answer: Not that one"
    assert result.notes == ()


@pytest.mark.parametrize(
    ("gift", "prompt", "answer"),
    [
        (
            "Write \\{\\{ name \\}\\} in {=Jinja} templates.",
            "Write {{ name }} in _____ templates.",
            "Jinja",
        ),
        ("The {=Han} river has \\}\\} in it.", "The _____ river has }} in it.", "Han"),
        (
            "The dynamic array is {=std\\:\\:vector} in C++.",
            "The dynamic array is _____ in C++.",
            "std::vector",
        ),
    ],
)
def test_a_blank_that_a_cloze_would_misread_becomes_a_typed_card(
    gift: str, prompt: str, answer: str
) -> None:
    result = parse_gift(gift + "\n", "q.gift")
    (card,) = load_deck_text(dump_deck(result.deck), "d.yaml").cards
    assert (card.kind, card.prompt, card.answer) == ("typed", prompt, answer)


@pytest.mark.parametrize(
    "answer", ["{#1e400}", "{#5:1e400}", "{#=1e400:0}", "{#1e400..2000}", "{#-1e308..1.7e308}"]
)
def test_a_number_too_large_for_a_card_is_named_by_its_line(answer: str) -> None:
    text = f"Q1? {{#42}}\n\nHow far?\n{answer}\n"
    with pytest.raises(ImportFileError) as caught:
        parse_gift(text, "q.gift")
    (problem,) = caught.value.problems
    assert problem.line == 4  # the answer's own line
    assert "holds a number too large for a card to check" in problem.message


@pytest.mark.parametrize("answer", ["{#inf..2}", "{#nan..1}", "{#1_0..20}"])
def test_a_range_end_that_is_not_written_as_a_number_is_refused(answer: str) -> None:
    with pytest.raises(ImportFileError, match="is not a number: write"):
        parse_gift(f"How far? {answer}\n", "q.gift")


@pytest.mark.parametrize(
    ("categories", "title"),
    [
        (["$course$/top/Week 3"], "Week 3"),
        (["$course$/top/Week 3", "$course$/top/Week 3"], "Week 3"),
        (["$course$/top/Korean/Food", "$course$/top/Korean/Travel/Airport"], "Korean"),
        (["$course$/top/Food", "$course$/top/Travel"], "C"),  # none shared: the file's name
        (["$course$/top/Default for History 2/Rome"], "Rome"),
    ],
)
def test_the_category_the_questions_share_names_the_deck(categories: list[str], title: str) -> None:
    text = "\n\n".join(
        f"$CATEGORY: {c}\n\n::q{n}:: Capital of Korea? {{=Seoul ~Busan}}"
        for n, c in enumerate(categories)
    )
    assert parse_gift(text, "c.gift").deck["title"] == title


#: A whole course as Moodle exports it: a category line for each level, the course's own first.
COURSE = """// question: 0  name: Switch category to $course$/top
$CATEGORY: $course$/top


// question: 0  name: Switch category to $course$/top/Default for Korean 101
$CATEGORY: $course$/top/Default for Korean 101


// question: 0  name: Switch category to $course$/top/Default for Korean 101/Greetings
$CATEGORY: $course$/top/Default for Korean 101/Greetings

::hello:: Hello in Korean? {=annyeong ~kamsa}

// question: 0  name: Switch category to $course$/top/Default for Korean 101/Numbers
$CATEGORY: $course$/top/Default for Korean 101/Numbers

::one:: One in Korean? {=hana ~dul}
"""


def test_a_whole_course_is_named_by_the_categories_that_hold_its_questions() -> None:
    deck = parse_gift(COURSE, "export.gift").deck
    assert deck["title"] == "Korean 101"  # not the file's name: $course$/top holds no question
    assert deck["id"] == "korean-101"
    assert [card["tags"] for card in deck["cards"]] == [["Greetings"], ["Numbers"]]


def test_questions_in_the_course_itself_are_named_after_the_file() -> None:
    text = "$CATEGORY: $course$/top\n\n::q:: Capital of Korea? {=Seoul ~Busan}\n"
    deck = parse_gift(text, "week-3.gift").deck
    assert deck["title"] == "Week 3"  # not "$course$/top"
    assert "tags" not in deck["cards"][0]
