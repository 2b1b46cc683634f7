"""`kdquiz generate` on text copied from web pages, static sites and PDFs: front matter, HTML tags and
entities, comments and footnotes are read as markup, not as words of a sentence, and a card's
paragraph still counts the file's own lines."""

from __future__ import annotations

import pytest
from generate_support import cards_of, shown

from kdquiz.core.generate import document_from_text
from kdquiz.core.generate.markup import web_markup

PAGE = """\
---
title: "Busan Harbour"
author: Kim Min-ji
date: 2021-05-04
---

# The port

<p>The harbour of <b>Busan</b> was opened to trade in 1876 under the Japan&ndash;Korea Treaty.</p>

<!--
The draft said 1877 here.
-->

The Busan Port Authority was founded in 2004 to run the port.<br>About 20 million containers pass
through it each year.[^1]

[^1]: Figures of the Korean Statistical Information Service, 2020.
"""


def test_front_matter_gives_the_title_and_no_cards() -> None:
    doc = document_from_text(PAGE, "busan.md")
    assert doc.title == "Busan Harbour"
    texts = [sentence.text for sentence in doc.sentences]
    assert not any("author" in text or "2021-05-04" in text for text in texts)


def test_html_tags_entities_comments_and_footnotes_leave_only_the_words() -> None:
    cards = cards_of(PAGE)
    everything = " ".join(shown(card) + " " + str(card.get("explain")) for card in cards)
    for markup in ("<p>", "</b>", "<br>", "&ndash;", "[^1]", "1877", "Statistical"):
        assert markup not in everything
    assert "The harbour of Busan was opened to trade" in everything
    assert "Japan–Korea Treaty" in everything


def test_a_card_points_at_its_line_of_the_file_as_it_is() -> None:
    """Hidden lines still count: `source.paragraph` counts the non-empty lines of the file."""
    cards = cards_of(PAGE)
    on_1876 = [card for card in cards if "1876" in shown(card) or card.get("answer") == 1876]
    assert on_1876
    assert {card["source"]["paragraph"] for card in on_1876} == {7}


def test_a_tag_the_document_never_closes_is_text() -> None:
    """A tutorial's placeholder ("git add <file>") or a word about HTML ("the <b> tag") stays."""
    lines = ["Run git add <file> and then the <b> tag makes bold text in 2019."]
    assert web_markup(lines).clean(lines[0]) == lines[0]
    closing = [*lines, "Elsewhere <b>bold</b> text."]
    assert "<b>" not in web_markup(closing).clean(lines[0])


def test_a_rule_over_prose_is_not_front_matter() -> None:
    text = "---\nThe harbour of Busan was opened to trade in 1876 by the Joseon court.\n---\n"
    doc = document_from_text(text, "rule.md")
    assert any("1876" in sentence.text for sentence in doc.sentences)


def test_a_word_broken_at_the_end_of_a_wrapped_line_is_joined() -> None:
    """Text from a PDF breaks words at line ends: the halves of a word are joined without the
    hyphen, a compound keeps it, and a dash between words is no break."""
    text = (
        "By 1905 a rail-\n"
        "way line connected the harbour of Busan to Seoul, and a well-\n"
        "known ferry carried passen-\n"
        "gers to Shimonoseki in Japan twice a day, a trip of eleven hours -\n"
        "or more in winter.\n"
    )
    (sentence,) = document_from_text(text, "harbour.txt").sentences
    assert "a railway line" in sentence.text
    assert "a well-known ferry" in sentence.text
    assert "carried passengers to" in sentence.text
    assert "eleven hours - or more" in sentence.text


HTML_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Busan Harbour - City Guide</title>
<style>
body { font-family: sans-serif; }
</style>
<script>
var visits = 1990; function go() { return "Kim Min-ji founded it in 1987."; }
</script>
</head>
<body>
<nav><a href="/">Home</a> | <a href="/about">About the Seoul office, opened in 1999.</a></nav>
<h1>Busan Harbour</h1>
<p>The harbour of <b>Busan</b> was opened to trade in 1876 under the Japan&ndash;Korea Treaty.</p>
<p>The Busan Port Authority was founded in 2004 to run the port.</p>
<ul><li>The Jagalchi Market opened in 1945.</li><li>The Gwangan Bridge opened in 2003.</li></ul>
<footer>&copy; 2024 City Guide, founded by Lee Joon-ho in 2011.</footer>
</body>
</html>
"""


def test_a_saved_web_page_is_read_for_its_article_only() -> None:
    """A page saved from a browser: its head, scripts, styles, menu and footer are no part of
    the article; its heading names the deck and each <p> is a paragraph of its own."""
    doc = document_from_text(HTML_PAGE, "busan.html")
    assert doc.title == "Busan Harbour"
    texts = [sentence.text for sentence in doc.sentences]
    assert texts[0] == (
        "The harbour of Busan was opened to trade in 1876 under the Japan–Korea Treaty."
    )
    everything = " ".join(texts)
    for unread in ("1990", "1987", "Seoul office", "Lee Joon-ho", "sans-serif", "DOCTYPE", "<"):
        assert unread not in everything
    assert "The Jagalchi Market opened in 1945." in texts
    cards = cards_of(HTML_PAGE)
    assert {card["source"]["paragraph"] for card in cards if "1876" in shown(card)} == {16}


CHRONOLOGY = """\
# Busan through the years

| Year | Event |
|------|-------|
| 1876 | The port was opened to Japanese trade under a treaty with the Joseon court. |
| c. 1905 | Busan was linked to Seoul by the Gyeongbu railway line |
| 1996 | The first Busan International Film Festival was held. |

| City | Port | Opened |
|------|------|--------|
| Busan | Busan Port | 1876 |
| Incheon | Incheon Port | 1883 |

| Term | Meaning |
|------|---------|
| Bollard | A short post on a quay to which the ropes of a ship are tied. |
"""


def test_a_two_column_table_is_read_as_the_sentences_it_stands_for() -> None:
    """A chronology's row is a dated statement, a glossary's row a definition; a table of data
    gives no sentence; no table is run together into one."""
    doc = document_from_text(CHRONOLOGY, "busan.md")
    texts = [sentence.text for sentence in doc.sentences]
    assert texts == [
        "In 1876, the port was opened to Japanese trade under a treaty with the Joseon court.",
        "In about 1905, Busan was linked to Seoul by the Gyeongbu railway line.",
        "In 1996, the first Busan International Film Festival was held.",
        "Bollard: A short post on a quay to which the ropes of a ship are tied.",
    ]
    assert [sentence.paragraph for sentence in doc.sentences] == [4, 5, 6, 13]
    cards = cards_of(CHRONOLOGY)
    assert any(card.get("answer") in (1876, "1876") or "{{1876" in shown(card) for card in cards)


ENCYCLOPEDIA = """\
Jagalchi Market

Jagalchi Market is the largest seafood market of South Korea, in Jung District, Busan.[1] It \
was established in 1945 after the liberation from Japan.[2][3]

History[edit]
The current building was completed in 2006 at a cost of 41 billion won.[citation needed]

References[edit]
^ Kim, Min-ji (2015). Markets of Busan. Seoul: Hanul. p. 44.
"""


def test_an_encyclopedia_article_loses_its_reference_marks_and_editorial_notes() -> None:
    doc = document_from_text(ENCYCLOPEDIA, "jagalchi.txt")
    texts = [sentence.text for sentence in doc.sentences]
    assert texts == [
        "Jagalchi Market is the largest seafood market of South Korea, in Jung District, Busan.",
        "It was established in 1945 after the liberation from Japan.",
        "The current building was completed in 2006 at a cost of 41 billion won.",
    ]
    assert doc.headings == ("Jagalchi Market", "History", "References")


def test_a_number_in_brackets_is_an_index_in_a_text_without_reference_marks() -> None:
    lines = ["In 1972 the value of array[1] was set to 5 by Dennis Ritchie."]
    assert web_markup(lines).clean(lines[0]) == lines[0]


@pytest.mark.parametrize(
    ("line", "sentence"),
    [
        ("BUSAN, South Korea (AP) — The city will host the summit in 2030.", "The city will"),
        ("NEW YORK -- The museum opened its Korean wing in 1998.", "The museum opened"),
        ("LONDON (Reuters) - Prices rose by 4% in 2021.", "Prices rose"),
    ],
)
def test_a_news_story_s_dateline_is_not_part_of_its_first_sentence(
    line: str, sentence: str
) -> None:
    (first,) = document_from_text(f"# News\n\n{line}\n", "news.txt").sentences
    assert first.text.startswith(sentence)


@pytest.mark.parametrize(
    "line", ["NASA — the agency — said so in 2019.", "US — China talks began in 2019."]
)
def test_a_name_in_capitals_before_a_dash_is_kept_where_it_is_no_dateline(line: str) -> None:
    assert web_markup([line]).clean(line) == line
