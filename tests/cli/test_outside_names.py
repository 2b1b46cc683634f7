"""Names kdquiz makes up from a file's name (a deck's title, its "Imported from ..." line, a
document's name) never carry the control, bidi or invisible characters a deck may not hold: the
file may be called anything, and the deck written from it is still a valid one."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki_packages import BASIC, MODELS, legacy_package

from kdquiz.cli import main
from kdquiz.core.decks import load_deck
from kdquiz.core.safe_text import shows_as_is, without_unsafe

#: A right-to-left override, an escape (the start of a terminal command), a newline, a zero-width
#: space and a byte that was not UTF-8: each a character a deck may not hold.
ODD = ["\u202e", "\x1b[2J", "\n", "\u200b", "\udcff"]

SOURCES = {
    "aiken.txt": "What is 2+2?\nA. 3\nB. 4\nANSWER: B\n",
    "sheet.csv": "PD,producer-director\n",
    "quiz.gift": "Seoul is in {=Korea ~Japan}.\n",
    "notes.txt": "#separator:tab\n#html:false\nPD\tproducer-director\n",
}


def _named(tmp_path: Path, name: str, odd: str) -> Path:
    stem, _, suffix = name.partition(".")
    return tmp_path / f"{stem[:2]}{odd}{stem[2:]}.{suffix}"


def _assert_clean(deck_file: Path) -> None:
    deck = load_deck(deck_file)  # raises if the deck holds a character it may not
    for text in (deck.title, deck.description):
        assert shows_as_is(text), text


@pytest.mark.parametrize("odd", ODD)
@pytest.mark.parametrize("name", sorted(SOURCES))
def test_import_from_a_file_with_an_odd_name_writes_a_valid_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, odd: str
) -> None:
    source = _named(tmp_path, name, odd)
    source.write_text(SOURCES[name], encoding="utf-8")
    out = tmp_path / "out.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 0, capsys.readouterr().err
    _assert_clean(out)
    deck = load_deck(out)
    assert without_unsafe(source.name).replace("\n", " ").split()[0] in deck.description


def test_the_title_given_still_works_with_an_odd_file_name(tmp_path: Path) -> None:
    source = tmp_path / "ai\u202eken.txt"
    source.write_text(SOURCES["aiken.txt"], encoding="utf-8")
    out = tmp_path / "out.yaml"
    assert main(["import", str(source), "-o", str(out), "--title", "T", "--id", "t"]) == 0
    deck = load_deck(out)
    assert (deck.id, deck.title, deck.description) == ("t", "T", "Imported from aiken.txt (Aiken).")


def test_a_package_with_an_odd_name_imports(tmp_path: Path) -> None:
    package = legacy_package(tmp_path / "dra\u202ema.apkg")
    out = tmp_path / "out.yaml"
    assert main(["import", str(package), "-o", str(out)]) == 0
    _assert_clean(out)
    assert load_deck(out).description == "Imported from drama.apkg (Anki package)."


def test_deck_names_inside_the_file_lose_such_characters_too(tmp_path: Path) -> None:
    gift = tmp_path / "q.gift"
    gift.write_text("$CATEGORY: K\u202edrama\n\nSeoul is in {=Korea ~Japan}.\n", encoding="utf-8")
    anki = tmp_path / "n.txt"
    anki.write_text("#separator:tab\n#deck:Ko\x1brean\nPD\tproducer\n", encoding="utf-8")
    for source, title in ((gift, "Kdrama"), (anki, "Korean")):
        out = tmp_path / f"{source.stem}.yaml"
        assert main(["import", str(source), "-o", str(out)]) == 0
        assert load_deck(out).title == title


@pytest.mark.parametrize("odd", ODD)
def test_new_names_the_deck_without_such_characters(tmp_path: Path, odd: str) -> None:
    path = tmp_path / f"we{odd}ek_3.yaml"
    assert main(["new", str(path)]) == 0
    _assert_clean(path)
    kept = f"we{without_unsafe(odd)}ek3".replace(" ", "")
    assert load_deck(path).title.replace(" ", "").lower() == kept.lower()


@pytest.mark.parametrize("odd", ODD)
def test_generate_from_a_file_with_an_odd_name(tmp_path: Path, odd: str) -> None:
    source = tmp_path / f"se{odd}oul.txt"
    source.write_text(
        "Seoul is the capital of South Korea. Busan is a port city in the south of Korea.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.yaml"
    assert main(["generate", str(source), "-o", str(out)]) == 0
    _assert_clean(out)


@pytest.mark.parametrize("command", ["new", "import", "generate"])
def test_a_title_typed_with_such_characters_is_refused_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    source = tmp_path / "a.csv"
    source.write_text("Seoul is the capital of South Korea.\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    args = {
        "new": ["new", str(out)],
        "import": ["import", str(source), "-o", str(out)],
        "generate": ["generate", str(source), "-o", str(out)],
    }[command]
    assert main([*args, "--title", "K\x1b]0;owned\x07drama"]) == 2
    err = capsys.readouterr().err
    assert "--title K\\x1b]0;owned\\x07drama holds a control" in err
    assert "\x1b" not in err and not out.exists()


def test_tags_and_note_types_from_anki_lose_such_characters(tmp_path: Path) -> None:
    """Anki's tags and note type names are names too: a deck keeps them without the characters."""
    models = {**MODELS, str(BASIC): {**MODELS[str(BASIC)], "name": "Ba\x1bsic\u202e"}}
    package = legacy_package(
        tmp_path / "p.apkg",
        notes=[("g1", BASIC, "front\x1fba\x1bck", "ta\x1bg other\u202etag \u200b")],
        models=models,
    )
    text = tmp_path / "t.txt"
    text.write_text(
        "#separator:tab\n#html:true\n#tags column:3\n#notetype column:4\n"
        "front\tba\x1bck\tta\x1bg other\u202etag\tBa\x1bsic\u202e\n",
        encoding="utf-8",
    )
    for source in (package, text):
        out = tmp_path / f"{source.stem}.yaml"
        assert main(["import", str(source), "-o", str(out)]) == 0
        (card,) = load_deck(out).cards
        assert card.tags == ("tag", "othertag")
        assert card.anki[:3] == ("Basic", "front", "back")
