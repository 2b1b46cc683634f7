"""HTML fields are read in one pass: the same tags and text as `html.parser` for the HTML people
write, and markup never closed read once, as the text written, however much of it a field holds."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from kdquiz.core.interchange import import_text
from kdquiz.core.syntax import html_tokens
from kdquiz.core.syntax.html import html_to_text
from kdquiz.core.syntax.html_tokens import Token, tokens
from tests.core.counting import CountingPattern

#: Pieces of the HTML found in Anki fields and Moodle `[html]` text, well formed or a little off.
PIECES = [
    "<b>", "</b>", "<i>", "</i>", "<div>", "</div>", "<p>", "</p>", "<br>", "<br/>", "<br />",
    '<ol start="3">', "<ol>", "</ol>", "<ul>", "</ul>", "<li>", "</li>", "<table>", "<tr>",
    "<td>", "</td>", "<th>", "</tr>", "</table>", "<ruby>", "<rt>", "</rt>", "<rp>(</rp>",
    '<span style="color: red">', "</span>", '<img src="a.png">',
    "<a href=\"x?a=1&amp;b=2\" title='q>r'>", "</a>", "&amp;", "&lt;", "&nbsp;", "&#39;",
    "&#x41;", "&eacute;", "&amp", "text", " ", "\n", "a < b", "1<2", "x>y", "<!-- c -->",
    "<script>if(a<b){}</script>", "<style>p{}</style>", "<hr>", "<H1>", "</h1>", "<DIV>",
    "<!DOCTYPE html>", "<?xml x?>", "<![CDATA[x]]>", "<li/>", "< b>", "</ b>", "</b >",
    "<ol start=2>", "<font color=red>", "\t", "&#128512;", "&unknown;", "<span class=a  >",
]  # fmt: skip


class _Recorder(HTMLParser):
    """What Python's own parser reads: the reference for ordinary HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Token] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append(Token("start", tag, tuple(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append(Token("startend", tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.found.append(Token("end", tag))

    def handle_data(self, data: str) -> None:
        self.found.append(Token("data", data))


def _joined(found: list[Token], skip_raw: bool) -> list[Token]:
    """Neighbouring pieces of text as one (the parsers may cut text in different places); the
    text inside a script or style left out, as kdquiz never shows it."""
    out: list[Token] = []
    raw = False
    for token in found:
        if token.kind == "data":
            if raw and skip_raw:
                continue
            if out and out[-1].kind == "data":
                out[-1] = Token("data", out[-1].text + token.text)
                continue
        raw = token.kind == "start" and token.text in ("script", "style")
        out.append(token)
    return out


def _python_parser(markup: str) -> list[Token]:
    recorder = _Recorder()
    recorder.feed(markup)
    recorder.close()
    return recorder.found


@settings(max_examples=400)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_ordinary_html_reads_as_pythons_parser_reads_it(pieces: list[str]) -> None:
    markup = "".join(pieces)
    assert _joined(list(tokens(markup)), True) == _joined(_python_parser(markup), True)


def test_markup_never_closed_is_the_text_written() -> None:
    assert html_to_text("<b " * 20_000) == ("<b " * 20_000).strip()
    assert html_to_text('x <a href="' * 5_000) == ('x <a href="' * 5_000).strip()
    assert html_to_text("<!--a>" * 5_000 + "&amp;") == "<!--a>" * 5_000 + "&"
    assert html_to_text("a<b") == "a<b"
    assert html_to_text("<div>" * 20_000 + "x" + "</div>" * 20_000) == "x"


def test_a_marked_section_python_refuses_is_left_out() -> None:
    # html.parser raises AssertionError ("unknown status keyword") on this one.
    assert html_to_text("a<![foo[ b ]]>c") == "ac"


def test_a_closer_is_looked_for_again_only_after_one_was_found(monkeypatch) -> None:
    comment_end = CountingPattern(html_tokens._COMMENT_END)
    greater = CountingPattern(html_tokens._GT)
    monkeypatch.setattr(html_tokens, "_COMMENT_END", comment_end)
    monkeypatch.setattr(html_tokens, "_GT", greater)
    assert html_to_text("<!-- x -->" * 100 + "<!--" * 3_000) == "<!--" * 3_000
    assert comment_end.calls == 101  # one per comment closed, one to find there is no more
    assert html_to_text("<b>" * 100 + "<?" * 3_000) == "<?" * 3_000
    assert greater.calls <= 101


def test_an_anki_field_of_thousands_of_open_tags_imports_as_written() -> None:
    field = "<b " * 10_000
    result = import_text(f"#separator:tab\n#html:true\n{field}\tback\n", "notes.txt", "anki")
    (card,) = result.deck["cards"]
    assert card["front"] == field.strip()
    assert card["back"] == "back"
