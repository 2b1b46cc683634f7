"""Anki "Notes in Plain Text": importing real exports, and YAML -> Anki text -> YAML round trips."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kdquiz.core.deck_writer import dump_deck
from kdquiz.core.decks import load_deck, load_deck_text
from kdquiz.core.interchange import detect_format, import_text
from kdquiz.core.interchange.anki_text import export_anki_text, parse_anki_text
from kdquiz.core.interchange.common import ImportFileError
from kdquiz.core.interchange.ids import guid_for_id
from kdquiz.core.model import Cloze, Deck, Flashcard, Typed

FIXTURES = Path(__file__).parent.parent / "fixtures" / "interchange"


def imported(name: str) -> Deck:
    """Import a fixture and load the result with the real deck loader (so it must be valid)."""
    path = FIXTURES / name
    result = parse_anki_text(path.read_text(encoding="utf-8"), str(path))
    return load_deck_text(dump_deck(result.deck), "imported.yaml")


def comparable(card: object) -> dict:
    fields = dataclasses.asdict(card)  # type: ignore[call-overload]
    fields.pop("line")
    fields.pop("anki")  # the Anki note a card came from (see the round-trip tests below)
    return fields


def test_export_with_headers_imports_every_note_kind() -> None:
    deck = imported("anki_notes.txt")
    assert deck.title == "K-drama::Production"
    assert deck.id == "k-drama-production"
    assert [type(c) for c in deck.cards] == [Flashcard, Flashcard, Cloze, Flashcard]
    pd, writer, ost, quoted = deck.cards
    # HTML reduced to text: tags dropped, &nbsp; a space, <br> and <div> line breaks.
    assert pd.front == "PD"
    assert pd.back == "Producer-director, who both produces and directs\na drama"
    assert pd.tags == ("kdrama", "roles")
    assert writer.reverse is True and not pd.reverse
    assert writer.back == "Screenwriter\n(작가)"
    # A cloze note becomes a cloze card; the Back Extra field becomes explain.
    assert isinstance(ost, Cloze)
    assert ost.text == "An {{OST::abbreviation}} is a drama's {{original soundtrack}}."
    assert [(g.answer, g.hint) for g in ost.gaps] == [
        ("OST", "abbreviation"),
        ("original soundtrack", ""),
    ]
    assert ost.explain == "Many OSTs chart on their own."
    # A quoted field may hold the separator and a line break (in HTML, a raw line break and a tab
    # are just spaces); escaped markup stays text.
    assert quoted.front == "Tab inside, and a second line"
    assert quoted.back == "<script> is shown as text & kept"


def test_guid_column_gives_ids_that_export_back_to_the_same_guids() -> None:
    deck = imported("anki_notes.txt")
    assert deck.cards[1].id == "pd-writer"  # a guid that is already a slug is kept as is
    assert [guid_for_id(c.id) for c in deck.cards] == [
        "Fq(k]/9w!B",
        "pd-writer",
        "b7:Wz$1xQ",
        "qT8%e&Lm2",
    ]
    exported = export_anki_text(deck).text
    again = parse_anki_text(exported, "again.txt").deck["cards"]
    assert [guid_for_id(c["id"]) for c in again] == [
        "Fq(k]/9w!B",
        "pd-writer",
        "b7:Wz$1xQ",
        "qT8%e&Lm2",
    ]


def test_fixed_deck_and_notetype_headers_and_semicolons() -> None:
    deck = imported("anki_semicolon.txt")
    assert deck.title == "Korean words"
    assert [(c.front, c.back) for c in deck.cards] == [  # type: ignore[attr-defined]
        ("안녕하세요", "Hello (polite)"),
        ("감사합니다", "Thank you"),
        ("사랑", "Love"),
        ("드라마; 연속극", "Drama (TV series)"),
    ]
    assert deck.cards[1].tags == ("greetings", "polite")
    assert deck.cards[2].tags == ()


def test_ids_without_guids_are_stable_and_survive_editing_the_answer() -> None:
    first = imported("anki_semicolon.txt")
    again = imported("anki_semicolon.txt")
    assert [c.id for c in first.cards] == [c.id for c in again.cards]
    assert len({c.id for c in first.cards}) == len(first.cards)
    edited_text = (
        (FIXTURES / "anki_semicolon.txt")
        .read_text(encoding="utf-8")
        .replace("Thank you;", "Thank you very much;")
    )
    edited = load_deck_text(dump_deck(parse_anki_text(edited_text, "w.txt").deck), "e.yaml")
    assert [c.id for c in edited.cards] == [c.id for c in first.cards]


def test_duplicate_fronts_still_get_unique_ids() -> None:
    text = "#separator:tab\n#html:false\nSame\tOne\nSame\tTwo\n"
    deck = load_deck_text(dump_deck(parse_anki_text(text, "d.txt").deck), "d.yaml")
    assert len({c.id for c in deck.cards}) == 2


def test_a_note_with_an_empty_side_is_skipped_and_named_by_line() -> None:
    path = FIXTURES / "bad_anki.txt"
    result = parse_anki_text(path.read_text(encoding="utf-8"), str(path))
    assert [c["front"] for c in result.deck["cards"]] == ["Front one", "Front three"]
    (note,) = result.notes
    assert note.startswith("skipped line 4: the note's back is empty")


def test_a_file_of_only_empty_notes_is_refused_with_the_separator_hint() -> None:
    with pytest.raises(ImportFileError) as info:
        parse_anki_text("#separator:tab\n#html:false\na,b\nc,d\n", "commas.txt")
    (problem,) = info.value.problems
    assert problem.line == 3
    assert "skipped" not in problem.message and "#separator header" in problem.message


def test_unclosed_quote_names_the_line_it_started_on() -> None:
    text = '#separator:tab\n#html:false\nok\tfine\n"never closed\tback\nmore\n'
    with pytest.raises(ImportFileError) as info:
        parse_anki_text(text, "q.txt")
    assert info.value.problems[0].line == 4
    assert "closing quote" in info.value.problems[0].message


def test_cloze_note_without_a_deletion_is_refused() -> None:
    text = "#separator:tab\n#html:false\n#notetype:Cloze\nNo deletion here\textra\n"
    with pytest.raises(ImportFileError) as info:
        parse_anki_text(text, "c.txt")
    assert info.value.problems[0].line == 4


def test_unknown_separator_header_is_an_error() -> None:
    with pytest.raises(ImportFileError) as info:
        parse_anki_text("#separator:banana\nA\tB\n", "s.txt")
    assert info.value.problems[0].line == 1


def test_detects_anki_text_by_its_headers() -> None:
    text = (FIXTURES / "anki_notes.txt").read_text(encoding="utf-8")
    assert detect_format(text, "notes.txt") == "anki"
    assert len(import_text(text, "notes.txt").deck["cards"]) == 4


def test_progress_is_reported_up_to_the_total() -> None:
    text = "#separator:tab\n#html:false\n" + "".join(f"front {i}\tback {i}\n" for i in range(50))
    seen: list[tuple[int, int]] = []
    parse_anki_text(text, "p.txt", progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_round_trip_keeps_what_anki_can_carry() -> None:
    original = load_deck(FIXTURES / "all_kinds.yaml")
    exported = export_anki_text(original)
    back = load_deck_text(dump_deck(parse_anki_text(exported.text, "rt.txt").deck), "rt.yaml")
    assert back.title == original.title
    assert [c.id for c in back.cards] == [c.id for c in original.cards]
    by_id = {c.id: c for c in back.cards}
    for card in original.cards:
        if isinstance(card, Flashcard):
            again = by_id[card.id]
            assert isinstance(again, Flashcard)
            assert (again.front, again.back, again.reverse, again.tags) == (
                card.front,
                card.back,
                card.reverse,
                card.tags,
            )
        elif isinstance(card, Cloze):
            assert comparable(by_id[card.id]) == comparable(card) | {"source": None}
        else:
            # Kinds Anki cannot check come back as flashcards holding the question and answer.
            again = by_id[card.id]
            assert isinstance(again, Flashcard)
            assert card.prompt.split("\n")[0] in again.front
    assert any("Basic notes" in note for note in exported.notes)


def test_export_headers_match_what_anki_writes() -> None:
    text = export_anki_text(load_deck(FIXTURES / "all_kinds.yaml")).text
    assert text.splitlines()[:6] == [
        "#separator:tab",
        "#html:true",
        "#guid column:1",
        "#notetype column:2",
        "#deck column:3",
        "#tags column:6",
    ]
    rows = [line for line in text.splitlines() if not line.startswith("#")]
    assert all(len(row.split("\t")) == 6 for row in rows)
    assert "{{c1::OST::abbreviation}}" in text and "{{c2::original soundtrack}}" in text
    assert "&lt;screenwriter&gt; &amp; co" in text


def test_media_only_sides_are_skipped_with_a_note_and_type_in_notes_become_typed() -> None:
    path = FIXTURES / "anki_media_typed.txt"
    result = parse_anki_text(path.read_text(encoding="utf-8"), str(path))
    deck = load_deck_text(dump_deck(result.deck), "imported.yaml")
    assert [n[:40] for n in result.notes] == [
        "skipped line 4: its back is only an imag",
        "skipped line 5: its front is only an ima",
        "left out the images and sounds of 1 note",
    ]
    assert result.notes[2] == (
        "left out the images and sounds of 1 note (on line 8): a text export holds none; "
        "export an Anki Deck Package (.apkg) instead to bring them"
    )
    assert all("#separator" not in n for n in result.notes)
    thanks, drama, pd = deck.cards
    assert isinstance(thanks, Typed) and isinstance(drama, Typed)
    assert (thanks.prompt, thanks.answer) == ('The Korean word for "thank you"', "감사합니다")
    assert (drama.prompt, drama.answer, drama.explain) == (
        "Drama in Korean",
        "드라마",
        "(from English)",
    )
    assert isinstance(pd, Flashcard) and pd.back == "Producer-director"


def test_a_file_of_only_images_says_why_nothing_was_imported() -> None:
    text = '#separator:tab\n#html:true\nWhat is this?\t<img src="a.png">\n'
    with pytest.raises(ImportFileError, match="no notes kdquiz can show: line 3: its back"):
        parse_anki_text(text, "pics.txt")


def test_cards_export_keeps_only_the_answer_below_the_rule() -> None:
    deck = imported("anki_cards.txt")
    writer, ost = deck.cards
    assert isinstance(writer, Flashcard) and isinstance(ost, Flashcard)
    assert (writer.front, writer.back) == ("Who writes a drama?", "The jakga (작가)")
    assert (ost.front, ost.back) == ("What is an OST?", "Original soundtrack")
    one_column = parse_anki_text("#html:true\nFront side<hr id=answer>Back side\n", "c.txt")
    assert one_column.deck["cards"][0]["front"] == "Front side"
    assert one_column.deck["cards"][0]["back"] == "Back side"


def test_anki_notes_go_back_untouched_so_anki_updates_them_in_place(tmp_path: Path) -> None:
    text = (
        "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n"
        'g-1\tBasic\tKorean\t<b>PD</b> <img src="pd.jpg">\tProducer-director [sound:pd.mp3]\n'
        "g-2\tCloze\tKorean\t{{c1::Seoul}} and {{c1::Busan}} are {{c2::cities}}\t<i>extra</i>\n"
        "g-3\tMy Vocab (Korean)\tKorean\t<div>사랑</div>\tlove\t<u>noun</u>\n"
    )
    path = tmp_path / "korean.yaml"
    path.write_text(dump_deck(parse_anki_text(text, "korean.txt").deck), encoding="utf-8")
    deck = load_deck(path)
    assert deck.cards[0].anki == (  # type: ignore[attr-defined]
        "Basic",
        '<b>PD</b> <img src="pd.jpg">',
        "Producer-director [sound:pd.mp3]",
    )
    exported = export_anki_text(deck)
    notes = exported.text.splitlines()[6:]
    assert notes[0] == (
        'g-1\tBasic\tKorean\t"<b>PD</b> <img src=""pd.jpg"">"\tProducer-director [sound:pd.mp3]\t'
    )
    # The shared c1 stays one card in Anki: two clozes, not three.
    assert "{{c1::Seoul}} and {{c1::Busan}} are {{c2::cities}}\t<i>extra</i>" in notes[1]
    assert notes[2].startswith("g-3\tMy Vocab (Korean)\tKorean\t<div>사랑</div>\tlove\t<u>noun</u>")
    assert exported.notes == ()


def test_a_card_edited_in_kdquiz_is_written_from_its_new_text(tmp_path: Path) -> None:
    text = "#html:true\n#notetype column:1\nBasic\t<b>PD</b>\tProducer\n"
    path = tmp_path / "d.yaml"
    path.write_text(
        dump_deck(parse_anki_text(text, "d.txt").deck).replace("back: Producer", "back: Director"),
        encoding="utf-8",
    )
    line = export_anki_text(load_deck(path)).text.splitlines()[-1]
    assert "\tPD\tDirector\t" in line and "<b>" not in line


def test_quizlets_export_is_read_and_not_called_an_anki_export() -> None:
    # Quizlet's default export: a tab between term and definition, a line per card, no headers.
    result = parse_anki_text("der Hund\tthe dog\ndie Katze\tthe cat\n", "German_words.txt")
    assert [(c["front"], c["back"]) for c in result.deck["cards"]] == [
        ("der Hund", "the dog"),
        ("die Katze", "the cat"),
    ]
    assert result.deck["description"] == "Imported from German_words.txt (tab-separated text)."
    exported = parse_anki_text("#separator:tab\n#html:false\na\tb\n", "n.txt").deck
    assert exported["description"] == "Imported from n.txt (Anki text export)."


def test_many_notes_left_out_for_one_reason_fill_one_line() -> None:
    # A big collection often has many notes with the same empty field: one line says them all.
    rows = [f"Word {n}\t" for n in range(1, 15)] + ["Seoul\tcapital"]
    text = "#separator:tab\n#html:false\n" + "\n".join(rows) + "\n"
    result = parse_anki_text(text, "many.txt")
    assert [c["front"] for c in result.deck["cards"]] == ["Seoul"]
    assert result.notes == (
        "skipped 14 notes (on lines 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 4 more lines): the "
        "note's back is empty: a flashcard needs a front and a back, so fill it in in Anki to "
        "bring the note in",
    )


def test_an_old_headerless_anki_export_says_its_last_column_may_be_tags() -> None:
    # Anki before 2.1.55 wrote no headers: fields, then the tags, tab-separated.
    text = "cat\t고양이\tanimals vocab\ndog\t개\tanimals\n"
    result = parse_anki_text(text, "old.txt")
    assert result.deck["cards"][0]["explain"] == "animals vocab"
    assert result.notes[-1].endswith("add the line #tags column:3 at the top and import again")
    fixed = parse_anki_text("#tags column:3\n" + text, "old.txt")
    assert fixed.deck["cards"][0]["tags"] == ["animals", "vocab"] and not fixed.notes
    assert parse_anki_text("cat\t고양이\n", "two.txt").notes == ()


def test_a_definition_running_on_past_a_cards_limit_is_named_at_its_first_line() -> None:
    """Lines without a separator join the definition above; when they run past the 10,000
    characters a card holds, the import stops at the line that definition starts on, saying why
    (a list of words with no separators at all is not one card's back)."""
    text = "der Hund\tthe dog\nlight\tdas Licht\n" + "a line with no separator\n" * 500
    with pytest.raises(ImportFileError) as info:
        parse_anki_text(text, "quizlet.txt")
    (problem,) = info.value.problems
    assert problem.line == 2 and "past the 10,000 characters" in problem.message
    assert "put a separator between each term and its definition" in problem.message
    short = parse_anki_text("a\tb\n" + "more\n" * 3 + "c\td\n", "quizlet.txt")
    assert [c["back"] for c in short.deck["cards"]] == ["b\nmore\nmore\nmore", "d"]


def test_quizlets_definitions_with_line_breaks_stay_with_their_card() -> None:
    # Quizlet writes a definition's line breaks as they are; the next line has no tab.
    text = "der Hund\tthe dog\na pet\ndie Katze\tthe cat\n"
    result = parse_anki_text(text, "quizlet.txt")
    assert [(c["front"], c["back"]) for c in result.deck["cards"]] == [
        ("der Hund", "the dog\na pet"),
        ("die Katze", "the cat"),
    ]
    assert result.notes == (
        "joined 1 line without a separator to the card above (a definition with line breaks, "
        "as Quizlet exports one)",
    )


def test_a_text_export_note_whose_html_is_too_long_to_keep_comes_in_as_its_text() -> None:
    styled = '<span style="font-family: Arial; color: rgb(0, 0, 0);">' * 200 + "Seoul"
    text = (
        "#separator:tab\n#html:true\n#notetype column:1\n"
        f"Basic\tCapital?\t{styled}{'</span>' * 200}\nBasic\tPD\tproducer-director\n"
    )
    result = parse_anki_text(text, "notes.txt")
    capital, pd = load_deck_text(dump_deck(result.deck), "d.yaml").cards
    assert (capital.back, capital.anki) == ("Seoul", ())  # type: ignore[attr-defined]
    assert pd.anki == ("Basic", "PD", "producer-director")
    assert result.notes == (
        "1 note (line 4) came in as text only: its HTML is longer than the 10,000 characters a "
        "deck keeps (formatting pasted from a document, or an embedded picture), so an export "
        "back to Anki writes it with kdquiz's own note types instead of updating the note Anki "
        "has",
    )
