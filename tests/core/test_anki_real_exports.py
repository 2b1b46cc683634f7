"""Collections made by Anki's own engine (the `anki` package, installed with the `bench` extra),
exported by Anki's own exporters and imported as a teacher would: every stock note type, rich
HTML, media, subdecks, a deck inside a deck's deletion, Image Occlusion and an empty field. Each
card comes out as a learner would expect, and every note left out is named with the reason."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kdquiz.cli import main
from kdquiz.core.decks import load_deck
from kdquiz.core.model import Cloze, Flashcard, Typed
from kdquiz.core.store import ProgressStore, store_path

collection_module = pytest.importorskip("anki.collection")
import_export = pytest.importorskip("anki.import_export_pb2")

OCCLUSIONS = (
    "{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.4:oi=1}}"
    "{{c2::image-occlusion:ellipse:left=.5:top=.5:width=.1:height=.1:oi=1}}"
)
#: What each note should become, by its first field's text: (kind, the card's own text).
EXPECTED: dict[str, tuple[type, dict[str, Any]]] = {
    "Hello world": (Flashcard, {"front": "Hello world\nline 2", "back": "안녕\nannyeong"}),
    "cat": (Flashcard, {"back": "고양이", "reverse": True}),
    "dog": (Flashcard, {"back": "개", "reverse": True}),
    "cow": (Flashcard, {"back": "소", "reverse": False}),
    "Capital of Korea?": (Typed, {"answer": "Seoul"}),
    "The capital is {{Seoul::city}}.": (Cloze, {"explain": "extra info"}),
    "{{Kimchi}} is {{fermented}} and {{spicy}}": (Cloze, {}),
    "the {{Han river bank}} floods": (Cloze, {}),
    "Words": (
        Flashcard,
        {"back": "Word | Meaning\n사과 | apple\n• one\n• two\n1. first\n2. second"},
    ),
    "a < b": (Flashcard, {"back": 'c & d "q"'}),
    "사과": (Flashcard, {"back": "apple", "explain": "사과를 먹어요"}),
}


def _note(col: Any, notetype: str, deck: int, *fields: str, tags: tuple[str, ...] = ()) -> None:
    note = col.new_note(col.models.by_name(notetype))
    for index, value in enumerate(fields):
        note.fields[index] = value
    note.tags = list(tags)
    col.add_note(note, deck)


def _collection(path: Path) -> tuple[Any, int]:
    col = collection_module.Collection(str(path / "learner.anki2"))
    korean, food = col.decks.id("Korean"), col.decks.id("Korean::Food")
    _note(
        col,
        "Basic",
        korean,
        "<div>Hello&nbsp;world</div><div>line 2</div>",
        "안녕<br>annyeong",
        tags=("greet::basic",),
    )
    _note(col, "Basic (and reversed card)", korean, "cat", "고양이")
    _note(col, "Basic (optional reversed card)", korean, "dog", "개", "y")
    _note(col, "Basic (optional reversed card)", korean, "cow", "소", "")
    _note(col, "Basic (type in the answer)", korean, "Capital of Korea?", "Seoul")
    _note(col, "Cloze", korean, "The capital is {{c1::Seoul::city}}.", "extra <b>info</b>")
    _note(col, "Cloze", food, "{{c1::Kimchi}} is {{c2::fermented}} and {{c1::spicy}}", "")
    _note(col, "Cloze", food, "the {{c1::Han {{c2::river}} bank}} floods", "")
    _note(
        col,
        "Basic",
        korean,
        "Words",
        "<table><tr><th>Word</th><th>Meaning</th></tr><tr><td>사과</td><td>apple</td></tr>"
        "</table><ul><li>one</li><li>two</li></ul><ol><li>first</li><li>second</li></ol>",
    )
    _note(col, "Basic", korean, "a &lt; b", 'c &amp; d &quot;q&quot; <img src="pic.png">')
    _note(col, "Basic", korean, "Only a picture", '<img src="pic.png">')
    _note(col, "Basic", korean, "No answer yet", "")
    models = col.models
    vocab = models.new("Vocab (mine)")
    for name in ("Wörd", "Meaning (EN)", "Example; sentence", "Unused"):
        models.add_field(vocab, models.new_field(name))
    template = models.new_template("Card 1")
    template["qfmt"], template["afmt"] = "{{Wörd}}", "{{FrontSide}}<hr id=answer>{{Meaning (EN)}}"
    models.add_template(vocab, template)
    models.add(vocab)
    _note(col, "Vocab (mine)", food, "사과", "apple", "사과를 먹어요", "")
    shared = models.new("Korean vocab")  # as shared decks often are: the meaning is asked
    for name in ("Korean", "English", "Audio"):
        models.add_field(shared, models.new_field(name))
    for card_name, question, answer in (
        ("Recognition", "{{English}}", "{{FrontSide}}<hr id=answer>{{Korean}}<br>{{Audio}}"),
        ("Production", "{{Korean}}{{Audio}}", "{{FrontSide}}<hr id=answer>{{English}}"),
    ):
        template = models.new_template(card_name)
        template["qfmt"], template["afmt"] = question, answer
        models.add_template(shared, template)
    models.add(shared)
    _note(col, "Korean vocab", korean, "김치", "fermented cabbage", "[sound:kimchi.mp3]")
    german = models.copy(models.by_name("Basic (optional reversed card)"), add=False)
    german["name"] = "Einfach (wahlweise umgekehrt)"  # as a German learner's collection names it
    models.add(german)
    german = models.by_name("Einfach (wahlweise umgekehrt)")
    for old_name, new_name in (
        ("Front", "Vorderseite"),
        ("Back", "Rückseite"),
        ("Add Reverse", "Umgekehrte Karte hinzufügen"),
    ):
        models.rename_field(german, models.field_map(german)[old_name][1], new_name)
    models.update_dict(german)
    _note(col, "Einfach (wahlweise umgekehrt)", korean, "der Hund", "the dog", "j")
    col.media.write_data("pic.png", b"\x89PNG\r\n\x1a\n" + bytes(32))
    image = path / "map.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    occlusion = col.models.by_name("Image Occlusion")
    col.add_image_occlusion_note(
        notetype_id=occlusion["id"],
        image_path=str(image),
        occlusions=OCCLUSIONS,
        header="Label the map",
        back_extra="",
        tags=[],
    )
    col.set_deck(col.find_cards("note:Image*"), korean)
    col.sched.suspend_cards(col.find_cards('"Front:cow"'))  # both cards of the note, were there two
    col.set_user_flag_for_cards(4, col.find_cards('"Front:Capital of Korea?"'))  # blue
    col.sched.suspend_cards(col.find_cards('"Front:cat" card:2'))  # one side only
    return col, korean


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    here = tmp_path_factory.mktemp("anki")
    col, korean = _collection(here)
    limit = collection_module.DeckIdLimit(korean)
    files = {
        "notes": here / "notes.txt",
        "new": here / "new.apkg",
        "legacy": here / "old.apkg",
        "colpkg": here / "all.colpkg",
    }
    try:
        col.export_note_csv(
            out_path=str(files["notes"]),
            limit=limit,
            with_html=True,
            with_tags=True,
            with_deck=True,
            with_notetype=True,
            with_guid=True,
        )
        for key, legacy in (("new", False), ("legacy", True)):
            col.export_anki_package(
                out_path=str(files[key]),
                limit=limit,
                options=import_export.ExportAnkiPackageOptions(
                    with_scheduling=True, with_media=True, legacy=legacy
                ),
            )
    except BaseException:
        col.close()
        raise
    # The whole collection, as "Export all" writes it; Anki closes the collection after it.
    col.export_collection_package(str(files["colpkg"]), include_media=True, legacy=False)
    return files


def _import(source: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Any, str]:
    assert main(["import", str(source), "-o", str(out)]) == 0
    return load_deck(out), capsys.readouterr().err


def _text_of(card: Any) -> str:
    return str(getattr(card, "front", None) or getattr(card, "prompt", None) or card.text)


@pytest.mark.parametrize("kind", ["notes", "new", "legacy", "colpkg"])
def test_every_note_comes_out_as_the_learner_had_it(
    exports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    deck, said = _import(exports[kind], tmp_path / "korean.yaml", capsys)
    by_text = {_text_of(card): card for card in deck.cards}
    for text, (cls, fields) in EXPECTED.items():
        card = next(c for t, c in by_text.items() if t.startswith(text))
        assert isinstance(card, cls), text
        for name, value in fields.items():
            got = getattr(card, name)
            if name == "back" and kind != "notes":  # a package shows its images by name
                got = got.replace(" [image: pic.png]", "")
            assert got == value, (kind, text, name)
    assert deck.title == "Korean"
    food = {_text_of(c) for c in deck.cards if "Korean::Food" in c.tags}
    assert food == {
        "{{Kimchi}} is {{fermented}} and {{spicy}}",
        "the {{Han river bank}} floods",
        "사과",
    }
    assert "1 cloze deletion inside another folded into the gap" in said
    assert "it is an Image Occlusion note" in said
    assert "the note's back is empty" in said
    if kind == "notes":  # the text export has no pictures: a side that was only one is named
        assert "its back is only an image or a sound" in said
        assert "left out the images and sounds of 2 notes (on lines " in said
        assert len(deck.cards) == len(EXPECTED) + 2  # and the Korean vocab and German notes
    else:  # a package brings the picture, shown by its name
        assert by_text["Only a picture"].back == "[image: pic.png]"  # type: ignore[attr-defined]
        assert len(deck.cards) == len(EXPECTED) + 3  # the Korean vocab, German and picture notes


@pytest.mark.parametrize("kind", ["new", "legacy", "colpkg"])
def test_suspended_and_flagged_cards_stay_so_with_the_history(
    exports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    out, data = tmp_path / "korean.yaml", tmp_path / "data"
    assert (
        main(
            [
                "import",
                str(exports[kind]),
                "-o",
                str(out),
                "--with-history",
                "--data-dir",
                str(data),
            ]
        )
        == 0
    )
    printed = capsys.readouterr()
    assert "Marks: 1 card suspended and 1 card flagged as in Anki" in printed.out
    assert "1 card had only some of its Anki cards suspended" in printed.err
    deck = load_deck(out)
    ids = {_text_of(card): card.id for card in deck.cards}
    with ProgressStore(store_path(data), clock=lambda: datetime.now(UTC), backup=False) as store:
        marks = {card: (m.suspended, m.flag) for (_, card), m in store.marks(deck.id).items()}
    assert marks == {ids["cow"]: (True, 0), ids["Capital of Korea?"]: (False, 4)}


@pytest.mark.parametrize("kind", ["new", "legacy", "colpkg"])
def test_a_note_type_asking_its_second_field_is_asked_as_anki_asks_it(
    exports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    deck, _ = _import(exports[kind], tmp_path / "korean.yaml", capsys)
    (card,) = [c for c in deck.cards if "fermented cabbage" in _text_of(c)]
    assert isinstance(card, Flashcard)
    assert (card.front, card.back, card.reverse) == ("fermented cabbage", "김치", True)
    assert card.explain == "[audio: kimchi.mp3]"
    (german,) = [c for c in deck.cards if _text_of(c) == "der Hund"]
    assert isinstance(german, Flashcard)
    assert (german.back, german.reverse, german.explain) == ("the dog", True, "")
    # Sent back, the unchanged note goes as the learner's own, its fields in their own order.
    back = tmp_path / "back.txt"
    assert main(["export", str(tmp_path / "korean.yaml"), "--to", "anki-tsv", "-o", str(back)]) == 0
    rows = [line.split("\t") for line in back.read_text(encoding="utf-8").splitlines()]
    (row,) = [r for r in rows if "김치" in r]
    assert row[1:6] == ["Korean vocab", "Korean", "김치", "fermented cabbage", "[sound:kimchi.mp3]"]


def test_cards_in_a_filtered_deck_come_under_their_own_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Cards pulled into a custom study session keep their home deck in Anki's `odid`.
    col = collection_module.Collection(str(tmp_path / "study.anki2"))
    korean = col.decks.id("Korean")
    for front, back in (("cat", "고양이"), ("dog", "개")):
        _note(col, "Basic", korean, front, back)
    session = col.decks.new_filtered("Custom Study Session")
    col.sched.rebuild_filtered_deck(session)
    assert all(col.get_card(c).odid == korean for c in col.find_cards(""))
    package = tmp_path / "all.colpkg"
    col.export_collection_package(str(package), include_media=True, legacy=False)
    deck, _ = _import(package, tmp_path / "study.yaml", capsys)
    assert deck.title == "Korean"
    assert all("Custom Study Session" not in card.tags for card in deck.cards)
