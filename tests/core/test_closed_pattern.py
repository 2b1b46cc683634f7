"""Patterns that end with a closer find what `re` finds, without scanning the rest of the text
again from every opening that is never closed (`{{`, `[sound:`, `<img`, `[label](`)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kdquiz.core.cards import CLOZE_GAP, parse_gaps, render_cloze
from kdquiz.core.generate.text import _MD_LINK
from kdquiz.core.syntax.anki import IMAGE, SOUND
from kdquiz.core.syntax.plain import blanked_cloze
from tests.core.counting import CountingPattern

#: Each pattern beside `re`'s own, and the pieces its texts are made of.
CASES = {
    "gap": (CLOZE_GAP, re.compile(r"\{\{(.+?)\}\}", re.DOTALL), ["{{", "}}", "}", "{", "a", "::", " ", "\n"]),
    "sound": (SOUND, re.compile(r"\[sound:([^\]]+)\]"), ["[sound:", "]", "[", "a.mp3", " "]),
    "image": (
        IMAGE,
        re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']?([^"'>\s]+)[^>]*>""", re.IGNORECASE),
        ["<img", "<IMG", " src=", '"a.png"', "'", ">", "<", " ", "x", "src", "=", 'alt=">"'],
    ),
    "link": (_MD_LINK, re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), ["[", "]", "(", ")", "!", "a", " ", "]("]),
}  # fmt: skip


def _texts(name: str) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(CASES[name][2]), max_size=16).map("".join)


@settings(max_examples=300)
@given(st.data())
def test_the_same_matches_as_re(data: st.DataObject) -> None:
    for name, (pattern, plain, _) in CASES.items():
        text = data.draw(_texts(name), label=name)
        assert [(m.span(), m.group(1)) for m in pattern.finditer(text)] == [
            (m.span(), m.group(1)) for m in plain.finditer(text)
        ]
        assert pattern.sub(lambda m: f"<{m.group(1)}>", text) == plain.sub(
            lambda m: f"<{m.group(1)}>", text
        )


def test_gaps_never_closed_are_text_and_the_closed_one_is_a_gap() -> None:
    text = "{{" * 20_000 + "Seoul}} is the capital " + "{{" * 20_000
    (gap,) = parse_gaps(text)
    assert gap.answer == "{{" * 19_999 + "Seoul"
    assert render_cloze(text, 0).startswith("[...] is the capital {{")
    assert blanked_cloze("{{a}} " + "{{" * 20_000) == "[...] " + "{{" * 20_000


def test_one_try_per_stop_however_many_openings_before_it(monkeypatch) -> None:
    counting = CountingPattern(IMAGE.compiled)
    monkeypatch.setattr(IMAGE, "compiled", counting)
    field = "<img " * 10_000 + "> and " + '<img src="a.png">' * 3
    assert [m.group(1) for m in IMAGE.finditer(field)] == ["a.png"] * 3
    assert counting.calls == 4
