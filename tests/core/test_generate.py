"""`generate_deck`: the kinds it makes, the gates every written card passes, determinism.

The gates are checked here from the outside, on the deck as the lead's loader reads it back, so a
bug in gates.py cannot hide itself.
"""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

import pytest
import yaml
from generate_support import refused_plainly
from rapidfuzz import fuzz

from kdquiz.core.deck_writer import dump_deck, write_deck
from kdquiz.core.decks import load_deck, load_deck_text
from kdquiz.core.generate import GenerateError, document_from_text, generate_deck, read_document
from kdquiz.core.generate.facts import refers_elsewhere
from kdquiz.core.generate.gates import GATE_NAMES
from kdquiz.core.generate.lexicon import NUMBER_WORDS
from kdquiz.core.model import (
    Cloze,
    Deck,
    Kind,
    MultipleChoice,
    Numeric,
    TrueFalse,
    Typed,
    render_cloze,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "generate"
SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"


def _has(text: str, phrase: str) -> bool:
    def fold(s):
        # Markdown code marks are markup, as the generator reads the text ("typing `C-j`").
        return re.sub(r"\s+", " ", s.replace("’", "'").replace("`", "")).casefold()

    return re.search(rf"(?<!\w){re.escape(fold(phrase))}(?!\w)", fold(text)) is not None


def _quoted(explain: str) -> str:
    match = re.search(r"“(.+)”", explain)
    assert match, f"explain does not quote the source: {explain!r}"
    return match.group(1)


def load_yaml(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def non_empty_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def assert_gates_hold(deck: Deck, lines_by_doc: dict[str, list[str]]) -> None:
    """Every written card: a source paragraph holding the answer, no leak, distinct choices,
    distractors absent from the source sentence, an explanation, and no near-duplicates."""
    assert {s.id for s in deck.sources} == set(lines_by_doc)
    prompts = []
    for card in deck.cards:
        assert card.explain, card.id
        assert card.source is not None and card.source.doc in lines_by_doc, card.id
        lines = lines_by_doc[card.source.doc]
        assert 1 <= card.source.paragraph <= len(lines), card.id
        # The sentence starts on that line; in hard-wrapped Markdown it may run onto the next.
        paragraph = " ".join(lines[card.source.paragraph - 1 : card.source.paragraph + 2])
        if isinstance(card, Cloze):
            for number, gap in enumerate(card.gaps):
                assert _has(paragraph, gap.answer), (card.id, gap.answer)
                shown = render_cloze(card.text, number)
                assert not _has(shown, gap.answer), card.id
                assert not re.search(r"\b(a|an)\s+\[", shown, re.IGNORECASE), card.id
            prompts.append(render_cloze(card.text, 0))
        elif isinstance(card, MultipleChoice):
            answer = card.choices[card.answer].text
            # A rule asked for the section it is stated in: the answer is that section's name.
            above = [ln for ln in lines[: card.source.paragraph] if ln.startswith("#")]
            section = above[-1].lstrip("#").strip() if above else ""
            assert _has(paragraph, answer) or answer == section, card.id
            assert not _has(card.prompt, answer), card.id
            assert not re.search(r"\b(a|an)\s+_{3}", card.prompt, re.IGNORECASE), card.id
            texts = [c.text.casefold() for c in card.choices]
            assert len(set(texts)) == len(texts) >= 2, card.id
            # One pair of a sentence's list ("Ctrl+O opens ..., Ctrl+S saves ..."): the list's
            # other things are the wrong answers the sentence itself gives, and the explanation
            # says first which pair is meant ("Ctrl+S is used to save. The text says: ...").
            paired = card.explain.casefold().startswith(f"{answer.casefold()} ")
            for choice in card.choices:
                if choice.text != answer and not paired:
                    assert not _has(_quoted(card.explain), choice.text), (card.id, choice.text)
            prompts.append(card.prompt)
        elif isinstance(card, Typed):
            assert _has(paragraph, card.answer), card.id
            assert not _has(card.prompt, card.answer), card.id
            prompts.append(card.prompt)
        elif isinstance(card, Numeric):
            assert not _has(card.prompt, card.answer_text), card.id
            low, high = card.bounds()
            numbers = [
                float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", paragraph)
            ]
            numbers += [
                NUMBER_WORDS[w]
                for w in re.findall(r"[a-z]+", paragraph.casefold())
                if w in NUMBER_WORDS
            ]
            assert any(low <= n <= high for n in numbers), card.id
            prompts.append(card.prompt)
        elif isinstance(card, TrueFalse):
            true_statement = _quoted(card.explain)
            if card.answer:
                assert card.statement == true_statement, card.id
            else:
                assert card.statement != true_statement, card.id
                assert card.explain.startswith("False"), card.id
            prompts.append(card.statement)
        else:  # pragma: no cover - the generator makes no other kinds
            pytest.fail(f"unexpected kind {card.kind}")
    for first, second in combinations(prompts, 2):
        assert fuzz.ratio(first.casefold(), second.casefold()) < 95, (first, second)


def _generate(tmp_path: Path, paths: list[Path], **options) -> tuple[Deck, dict, object]:
    documents = [read_document(p) for p in paths]
    deck_map, report = generate_deck(documents, **options)
    out = tmp_path / "deck.yaml"
    write_deck(deck_map, out)
    return load_deck(out), deck_map, report


def test_festival_article_gives_every_kind_and_every_gate_holds(tmp_path: Path) -> None:
    path = FIXTURES / "festival.md"
    deck, _, report = _generate(tmp_path, [path], seed=1)
    assert set(deck.kind_counts()) == {
        Kind.CLOZE,
        Kind.MCQ,
        Kind.TRUEFALSE,
        Kind.NUMERIC,
        Kind.TYPED,
    }
    assert_gates_hold(deck, {"festival": non_empty_lines(path)})
    assert deck.sources[0].title == "The Harbour Light Film Festival"
    for entry in report.kinds.values():
        assert entry.produced == sum(entry.rejected.values()) + entry.not_chosen + entry.written
        assert set(entry.rejected) <= set(GATE_NAMES)


def test_no_card_comes_from_questions_asides_or_unresolved_pronouns(tmp_path: Path) -> None:
    deck, _, _ = _generate(tmp_path, [FIXTURES / "festival.md"], seed=2, max_cards=100)
    lines = non_empty_lines(FIXTURES / "festival.md")
    used = {lines[c.source.paragraph - 1] for c in deck.cards if c.source}
    assert not any(line.endswith("?") for line in used)
    assert "I still remember my first screening there." not in used
    assert "It was a difficult decision." not in used
    # "She later handed ..." is used only with "She" resolved to the person just named.
    for card in deck.cards:
        assert not _quoted(card.explain).startswith("She ")


def test_money_range_becomes_one_numeric_answer_with_a_tolerance(tmp_path: Path) -> None:
    deck, _, _ = _generate(tmp_path, [FIXTURES / "festival.md"], kinds=[Kind.NUMERIC], max_cards=50)
    money = [c for c in deck.cards if isinstance(c, Numeric) and c.unit == "million dollars"]
    assert len(money) == 1
    assert money[0].bounds() == (4, 5)
    percent = [c for c in deck.cards if isinstance(c, Numeric) and c.unit == "%"]
    assert [c.answer for c in percent] == [35]


def test_an_article_before_the_blank_does_not_give_the_answer_away(tmp_path: Path) -> None:
    text = (
        "Studio history\nThe studio hired an editor and a producer in 2004. "
        "Blue Harbor Films hired an animator called Rosa Diaz in 2006.\n"
        "The producer Sam Lee and the composer Ida Berg joined Northwind Media in 2010.\n"
    )
    doc = document_from_text(text, "studio.txt")
    deck_map, _ = generate_deck([doc], kinds=[Kind.CLOZE, Kind.TYPED, Kind.MCQ], max_cards=50)
    yaml_text = dump_deck(deck_map)
    assert not re.search(r"\b(a|an)\s+(\{\{|_{3})", yaml_text, re.IGNORECASE)
    assert "a(n)" in yaml_text


def test_same_seed_same_deck_and_ids_depend_on_content(tmp_path: Path) -> None:
    path = FIXTURES / "festival.md"
    documents = [read_document(path)]
    first, _ = generate_deck(documents, seed=7)
    again, _ = generate_deck(documents, seed=7)
    assert dump_deck(first) == dump_deck(again)
    other, _ = generate_deck(documents, seed=8)
    by_id = {c["id"]: c for c in first["cards"]}
    for card in other["cards"]:
        if card["type"] == "cloze" and card["id"] in by_id:
            assert by_id[card["id"]]["text"] == card["text"]
    ids = [c["id"] for c in first["cards"]]
    assert len(ids) == len(set(ids))


def test_max_and_kinds_are_respected(tmp_path: Path) -> None:
    deck, _, report = _generate(
        tmp_path, [FIXTURES / "festival.md"], max_cards=3, kinds=[Kind.CLOZE, Kind.TYPED]
    )
    assert len(deck.cards) == 3
    assert set(deck.kind_counts()) <= {Kind.CLOZE, Kind.TYPED}
    assert set(report.kinds) == {Kind.CLOZE, Kind.TYPED}


def test_several_documents_become_several_sources(tmp_path: Path) -> None:
    paths = [FIXTURES / "festival.md", FIXTURES / "wrapped.md"]
    deck, _, _ = _generate(tmp_path, paths, max_cards=40, title="Two texts")
    assert deck.title == "Two texts"
    assert [s.id for s in deck.sources] == ["festival", "wrapped"]
    assert {c.source.doc for c in deck.cards if c.source} == {"festival", "wrapped"}
    assert_gates_hold(deck, {p.stem: non_empty_lines(p) for p in paths})


def test_text_without_facts_is_an_error_not_an_empty_deck() -> None:
    doc = document_from_text("Hello there, how are you?\nI am fine, thanks.\n", "chat.txt")
    with pytest.raises(GenerateError, match="chat.txt"):
        generate_deck([doc])


def test_progress_reaches_the_end() -> None:
    calls: list[tuple[int, int]] = []
    generate_deck(
        [read_document(FIXTURES / "festival.md")],
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls and calls[-1][0] == calls[-1][1]
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed articles are not present")
@pytest.mark.parametrize(
    "name", ["kdrama-production-and-direction", "netflix-kdrama-secrets", "song-jinsun-interview"]
)
def test_gates_hold_on_the_seed_articles(tmp_path: Path, name: str) -> None:
    path = SEEDS / f"{name}.txt"
    deck, deck_map, _ = _generate(tmp_path, [path], seed=1)
    # One card per answer and no card leaning on another sentence: a 500-word article gives 6-10.
    assert len(deck.cards) >= 6
    assert_gates_hold(deck, {name: non_empty_lines(path)})
    load_deck_text(dump_deck(deck_map), "seed.yaml")


CORPUS = Path(__file__).parents[1] / "fixtures" / "generator_corpus"
CORPUS_TEXTS = sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&+]{1,6}s?")


def _answer_of(card) -> str:
    if isinstance(card, Cloze):
        return card.gaps[0].answer
    if isinstance(card, MultipleChoice):
        return card.choices[card.answer].text
    if isinstance(card, (Typed, Numeric)):
        return str(card.answer)
    return ""


def test_the_corpus_has_six_genres_each_with_key_facts() -> None:
    facts = load_yaml(CORPUS / "key_facts.yaml")
    assert len(CORPUS_TEXTS) >= 6
    assert {p.stem for p in CORPUS_TEXTS} == set(facts)
    assert len({p.stem.split("-")[0] for p in CORPUS_TEXTS}) >= 6  # the genre leads each name
    assert all(len(entry["facts"]) >= 8 for entry in facts.values())


@pytest.mark.parametrize("path", CORPUS_TEXTS, ids=lambda p: p.stem)
def test_cards_on_unseen_text_stand_alone_and_ask_each_thing_once(
    tmp_path: Path, path: Path
) -> None:
    if refused_plainly(path):
        return
    deck, _, _ = _generate(tmp_path, [path])
    assert_gates_hold(deck, {path.stem: non_empty_lines(path)})
    names = [
        _answer_of(c).casefold() for c in deck.cards if not isinstance(c, (Numeric, TrueFalse))
    ]
    names = [n for n in names if not re.fullmatch(r"[\d.,%$ -]+", n)]
    assert len(names) == len(set(names)), names  # at most one card per answer
    for card in deck.cards:
        said = _quoted(card.explain)
        # A sentence that leans on the one before is shown after it: the first stands alone.
        first = re.split(r"(?<=\.) (?=[A-Z])", said)[0]
        assert not refers_elsewhere(first), (card.id, said)
        if isinstance(card, MultipleChoice):
            texts = [c.text for c in card.choices]
            acronyms = {bool(_ACRONYM.fullmatch(t)) for t in texts}
            assert len(acronyms) == 1, texts  # "FSF" never beside "Free Software Foundation"
        if isinstance(card, Numeric) and "number" in card.prompt.casefold():
            assert card.answer > 3, card.id  # "two", "three": guessed, not learnt


def test_a_year_fact_is_asked_in_the_generators_own_words(tmp_path: Path) -> None:
    path = CORPUS / "encyclopedia-debian-releases.md"
    deck, _, _ = _generate(tmp_path, [path], kinds=[Kind.MCQ, Kind.NUMERIC], max_cards=40)
    prompts = [c.prompt for c in deck.cards]
    assert "In what year did Wichert Akkerman succeed Ian Jackson as Debian Project Leader?" in (
        prompts
    )
    # 1998 dates two facts (Hamm's release, Ian Jackson's election): one card asks for it.
    asked_1998 = [
        p
        for p in prompts
        if p in {"In what year was Debian 2.0 (Hamm) released?"} or "replaced by Ian Jackson" in p
    ]
    assert len(asked_1998) == 1, asked_1998


def test_a_first_person_account_becomes_a_quotation_of_its_named_author(tmp_path: Path) -> None:
    text = (
        "# How it began\n\n"
        "Here is a short account of what started it all, written by Ada Lovelace:\n\n"
        "During the 1843 winter, I wrote the first program for the Analytical Engine.\n\n"
        "I think the machine might compose elaborate pieces of music.\n"
    )
    deck_map, _ = generate_deck([document_from_text(text, "ada.md")], kinds=[Kind.CLOZE])
    texts = [c["text"] for c in deck_map["cards"]]
    assert texts and all(t.startswith("Ada Lovelace: “") for t in texts), texts
    assert any("{{1843::year}}" in t for t in texts)
    without_author = text.replace(", written by Ada Lovelace:", ".")
    with pytest.raises(GenerateError):  # nobody to quote: first-person text gives no card
        generate_deck([document_from_text(without_author, "anon.md")], kinds=[Kind.CLOZE])
