"""`kdquiz generate -` reads the article from standard input, as teachers pipe copied text in,
with the same size limit and refusals as a file."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from kdquiz.cli import main
from kdquiz.core.decks import load_deck
from kdquiz.core.generate.text import MAX_DOCUMENT_BYTES

ARTICLE = (
    "Harbours of Korea\n\n"
    "The harbour of Busan was opened to international trade in 1876 by the Joseon court.\n\n"
    "The Busan Port Authority was founded in 2004 to run the port of Busan.\n"
)


class _Stdin(io.TextIOWrapper):
    def isatty(self) -> bool:
        return False


def _pipe(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(io.BytesIO(data), encoding="utf-8"))


def test_an_article_piped_in_becomes_a_deck_beside_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "seoul.md"
    other.write_text(
        "Seoul became the capital of the Joseon kingdom in 1394, under King Taejo.\n\n"
        "The Gyeongbokgung palace in Seoul was built in 1395 by the architect Jeong Do-jeon.\n",
        encoding="utf-8",
    )
    _pipe(monkeypatch, ARTICLE.encode())
    out = tmp_path / "harbours.yaml"
    assert main(["generate", "-", str(other), "-o", str(out)]) == 0
    deck = load_deck(out)
    assert {card.source.doc for card in deck.cards if card.source} == {"stdin", "seoul"}


@pytest.mark.parametrize(
    ("data", "argv", "message"),
    [
        (b"a" * (MAX_DOCUMENT_BYTES + 1), ["-"], "limit is 1,000,000 bytes"),
        (b"%PDF-1.7\n", ["-"], "a PDF document"),
        (ARTICLE.encode(), ["-", "-"], "can be read once"),
    ],
)
def test_standard_input_is_refused_as_a_file_would_be(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    data: bytes,
    argv: list[str],
    message: str,
) -> None:
    _pipe(monkeypatch, data)
    assert main(["generate", *argv]) != 0
    assert message in capsys.readouterr().err
