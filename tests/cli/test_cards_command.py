"""`kdquiz cards`: search from the shell, act on what is found, undo, and clear usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kdquiz.cli import main
from kdquiz.commands.cards import SORT_CHOICES, query_text
from kdquiz.core.card_query import Term, parse
from kdquiz.core.card_search import SORTS
from kdquiz.core.store import ProgressStore, store_path

DECK = """\
format: 1
id: mine
title: My words
tags: [korean]
cards:
  - {id: hello, type: flashcard, front: Annyeong, back: Hello, tags: [greeting]}
  - {id: thanks, type: flashcard, front: Gamsahamnida, back: Thank you}
  - {id: ost, type: cloze, text: "An {{OST}} is a soundtrack."}
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "mine.yaml").write_text(DECK, encoding="utf-8")
    return tmp_path


def run(data: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), "cards", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def marks(data: Path) -> dict:
    with ProgressStore(store_path(data), clock=_now, backup=False) as store:
        return store.marks("mine")


def _now():
    from datetime import UTC, datetime

    return datetime(2026, 5, 10, 12, 0, tzinfo=UTC)


def test_search_prints_a_table_and_json(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(data, capsys, "deck:mine", "tag:greeting")
    assert code == 0 and "mine/hello  flashcard  new" in out and out.rstrip().endswith("1 card")
    code, out, _ = run(data, capsys, "deck:mine kind:flashcard", "--json", "--sort=-card")
    assert [c["card"] for c in json.loads(out)["cards"]] == ["thanks", "hello"]
    code, out, _ = run(data, capsys, "deck:mine nothing-like-this")
    assert out.strip() == "No cards match."


def test_suspend_flag_bury_and_undo_from_the_shell(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(data, capsys, "deck:mine", "kind:flashcard", "--suspend")
    assert code == 0 and "2 cards found, 2 suspended." in out and "kdquiz cards --undo" in out
    assert {card for (_, card), m in marks(data).items() if m.suspended} == {"hello", "thanks"}
    _, out, _ = run(data, capsys, "deck:mine", "kind:flashcard", "--suspend")
    assert "2 cards found, 0 suspended." in out and "--undo" not in out
    _, out, _ = run(data, capsys, "card:ost", "--flag", "purple")
    assert marks(data)[("mine", "ost")].flag == 7
    _, out, _ = run(data, capsys, "is:suspended", "--json")
    assert {c["card"] for c in json.loads(out)["cards"]} == {"hello", "thanks"}
    _, out, _ = run(data, capsys, "card:ost", "--bury")
    _, out, _ = run(data, capsys, "is:buried", "--json")
    assert [c["card"] for c in json.loads(out)["cards"]] == ["ost"]
    for _ in range(3):
        _, out, _ = run(data, capsys, "--undo")
        assert out.startswith("Undone:")
    assert marks(data) == {}
    _, out, _ = run(data, capsys, "--undo")
    assert out.strip() == "No change of marks to undo."


@pytest.mark.parametrize(
    ("argv", "told"),
    [
        (["is:sleepy"], "unknown state"),
        (["--suspend"], "give a search for the cards to change"),
        (["card:ost", "--flag", "mauve"], "no flag"),
        (["--limit", "-1"], "--limit takes 0 or more"),
        (["tag:korean", "--undo"], "--undo takes back the latest change, whatever it was"),
    ],
)
def test_usage_errors_say_how_to_fix_them(
    data: Path, capsys: pytest.CaptureFixture[str], argv: list[str], told: str
) -> None:
    code, _, err = run(data, capsys, *argv)
    assert code == 2 and told in err


def test_the_query_words_and_sort_choices() -> None:
    assert query_text(['tag:a "soap opera"']) == 'tag:a "soap opera"'
    assert query_text(["soap opera", "tag:a"]) == '"soap opera" tag:a'
    assert query_text(["is:due", "(", "tag:a", "or", "tag:b", ")"]) == "is:due ( tag:a or tag:b )"
    assert query_text(['say "hi"', "don't"]) == '"say \\"hi\\"" don\'t'
    assert query_text(["5\\*", "tag:a"]) == "5\\* tag:a"  # Anki's escape, as typed
    assert query_text(["16\\:9 x", "tag:a"]) == '"16\\:9 x" tag:a'
    # a backslash before a quote mark, or ending a word, never ends the phrase early
    for word in ['a\\"b', "my word\\"]:
        (first, second), *rest = parse(query_text([word, "tag:a"])).alternatives
        assert not rest and first.field == "text" and first.found_in(word) and second.field == "tag"
    assert parse(query_text(['say "hi"', "x y", "don't"])).alternatives == (
        (Term("text", 'say "hi"'), Term("text", "x y"), Term("text", "don't")),
    )
    assert SORT_CHOICES == SORTS


def test_review_takes_a_custom_study_and_refuses_a_bad_one(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("\n1\n:q\n"))
    argv = ["--data-dir", str(data), "review", "mine", "--plain", "--search", "card:thanks"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Practice (schedule untouched): My words" in out and "Gamsahamnida" in out
    assert "Annyeong" not in out
    with ProgressStore(store_path(data), clock=_now, backup=False) as store:
        assert store.get_state(("mine", "thanks", "")) is None  # practice: no schedule change
        assert [e.mode for e in store.log_entries()] == ["practice"]
    assert main(["--data-dir", str(data), "review", "--plain", "--ahead", "0"]) == 2
    assert "number of days must be 1 to 365" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # one custom study at a time
        main(["--data-dir", str(data), "review", "--ahead", "2", "--extra-new", "3"])
    assert "not allowed with argument --ahead" in capsys.readouterr().err
