"""Draft decks from plain text or Markdown: `kdquiz generate`.

Pipeline: read (text.py) -> index names and find facts (entities.py, facts.py) -> build candidates
of every kind (candidates.py) -> reject faulty ones (gates.py) -> choose the best spread
(rank.py) -> a deck mapping for `kdquiz.core.deck_writer.write_deck`. Pure and offline; the random
source is seeded, so the same inputs and seed give the same deck.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kdquiz.core.generate.candidates import Builder, Candidate, quote
from kdquiz.core.generate.entities import DocumentIndex, EntityKind
from kdquiz.core.generate.facts import Fact, facts_of
from kdquiz.core.generate.gates import GATE_NAMES, NEAR_DUPLICATE, first_failure
from kdquiz.core.generate.rank import Selection
from kdquiz.core.generate.text import (
    MAX_DOCUMENT_BYTES,
    Document,
    GenerateError,
    document_from_bytes,
    document_from_text,
    read_document,
)
from kdquiz.core.interchange.ids import content_id, slugify
from kdquiz.core.model import Kind

__all__ = [
    "DEFAULT_KINDS",
    "DEFAULT_MAX",
    "MAX_DOCUMENT_BYTES",
    "Document",
    "GenerateError",
    "Report",
    "document_from_bytes",
    "document_from_text",
    "generate_deck",
    "read_document",
]

#: The kinds the generator can write (flashcards, multi-select and ordering need a human).
DEFAULT_KINDS: tuple[Kind, ...] = (Kind.CLOZE, Kind.MCQ, Kind.TRUEFALSE, Kind.NUMERIC, Kind.TYPED)
DEFAULT_MAX = 30

Progress = Callable[[int, int], None]


@dataclass
class KindReport:
    produced: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    not_chosen: int = 0
    written: int = 0


@dataclass
class Report:
    """What happened to the candidates of each kind, for `kdquiz generate --report`."""

    kinds: dict[Kind, KindReport]
    facts: int = 0
    words: int = 0

    def lines(self) -> list[str]:
        gates = list(GATE_NAMES)
        header = ["kind", "produced", *gates, "not chosen", "written"]
        rows = [header]
        for kind, entry in self.kinds.items():
            rows.append(
                [
                    kind.value,
                    str(entry.produced),
                    *(str(entry.rejected[g]) for g in gates),
                    str(entry.not_chosen),
                    str(entry.written),
                ]
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        out = [
            (
                f"{self.words} words, {self.facts} sentences with facts. "
                "Rejected by each gate (a card is counted at the first gate it fails):"
            )
        ]
        out += [
            "  ".join(
                cell.rjust(w) if i else cell.ljust(w)
                for i, (cell, w) in enumerate(zip(row, widths))
            )
            for row in rows
        ]
        return out


def generate_deck(
    documents: Sequence[Document],
    *,
    max_cards: int = DEFAULT_MAX,
    kinds: Sequence[Kind] = DEFAULT_KINDS,
    seed: int = 0,
    title: str = "",
    progress: Progress | None = None,
) -> tuple[dict[str, Any], Report]:
    """A deck mapping (the YAML format's shape) and a report; raises GenerateError when no card
    could be made."""
    if not documents:
        raise GenerateError("no documents given: name at least one text or Markdown file.")
    if max_cards < 1:
        raise GenerateError(f"--max must be at least 1, not {max_cards}.")
    unknown = [k for k in kinds if k not in DEFAULT_KINDS]
    if unknown:
        raise GenerateError(
            f"cannot generate {', '.join(unknown)} cards; choose from {', '.join(DEFAULT_KINDS)}."
        )
    documents = _unique_ids(documents)
    rng = random.Random(seed)
    kind_set = frozenset(kinds)
    total = sum(len(d.sentences) for d in documents) * 2
    done = 0
    facts: list[Fact] = []
    indexes: dict[str, DocumentIndex] = {}
    for doc in documents:
        indexes[doc.id] = DocumentIndex(list(doc.sentences))
        facts.extend(facts_of(doc, indexes[doc.id]))
        done += len(doc.sentences)
        if progress:
            progress(done, total)
    builder = Builder(indexes, facts, rng)
    report = Report(
        {k: KindReport() for k in DEFAULT_KINDS if k in kind_set},
        len(facts),
        sum(d.word_count for d in documents),
    )
    passed: list[Candidate] = []
    step = max(1, len(facts) // 50)
    for number, fact in enumerate(facts, 1):
        for candidate in builder.build(fact, kind_set):
            entry = report.kinds[candidate.kind]
            entry.produced += 1
            failure = first_failure(candidate)
            if failure:
                entry.rejected[failure] += 1
            else:
                passed.append(candidate)
        if progress and number % step == 0:
            progress(done + (total - done) * number // max(1, len(facts)), total)
    selection = Selection(kinds, max_cards)
    chosen = selection.run(passed)
    for kind, count in selection.duplicates.items():
        report.kinds[kind].rejected[NEAR_DUPLICATE] += count
    for candidate in chosen:
        report.kinds[candidate.kind].written += 1
    for entry in report.kinds.values():
        entry.not_chosen = entry.produced - sum(entry.rejected.values()) - entry.written
    if progress:
        progress(total, total)
    if not chosen:
        names = ", ".join(d.name for d in documents)
        raise GenerateError(
            f"{names}: found no sentences stating facts to ask about (names, "
            "numbers, dates, roles). Try a longer or more factual text."
        )
    return _deck(documents, chosen, title), report


def _unique_ids(documents: Sequence[Document]) -> list[Document]:
    seen: Counter[str] = Counter()
    out = []
    for doc in documents:
        seen[doc.id] += 1
        if seen[doc.id] > 1:
            doc = Document(
                f"{doc.id}-{seen[doc.id]}",
                doc.title,
                doc.name,
                doc.sentences,
                doc.word_count,
                doc.headings,
            )
        out.append(doc)
    return out


def _deck(documents: Sequence[Document], chosen: list[Candidate], title: str) -> dict[str, Any]:
    title = title.strip() or (
        documents[0].title if len(documents) == 1 else f"Draft deck from {len(documents)} documents"
    )
    order = {d.id: i for i, d in enumerate(documents)}
    chosen = sorted(
        chosen, key=lambda c: (order[c.fact.doc.id], c.fact.sentence.index, c.entity.start, c.kind)
    )
    cards = []
    used: set[str] = set()
    for candidate in chosen:
        card = _card(candidate)
        base = card["id"]
        number = 2
        while card["id"] in used:
            card["id"] = f"{base}-{number}"
            number += 1
        used.add(card["id"])
        cards.append(card)
    names = ", ".join(d.name for d in documents)
    return {
        "format": 1,
        "id": slugify(title, max_len=60) or "generated-deck",
        "title": title,
        "description": f"Draft generated by kdquiz generate from {names}. "
        "Read every card before using it with a class.",
        "tags": ["draft"],
        "sources": [{"id": d.id, "title": d.title} for d in documents],
        "cards": cards,
    }


def _card(candidate: Candidate) -> dict[str, Any]:
    fact = candidate.fact
    source_sentence = fact.sentence.text
    card: dict[str, Any] = {
        "id": content_id(
            f"{candidate.kind.value} {candidate.answer}",
            source_sentence,
            candidate.kind.value,
            candidate.answer,
        ),
        "type": candidate.kind.value,
    }
    card.update(candidate.fields)
    card["explain"] = _explain(candidate)
    words = source_sentence.split()
    hint = " ".join(words[:6]) + (" …" if len(words) > 6 else "")
    card["source"] = {"doc": fact.doc.id, "paragraph": fact.sentence.paragraph, "hint": hint}
    return card


def _explain(candidate: Candidate) -> str:
    said = quote(candidate.notes.get("said", candidate.fact.text))
    if candidate.kind is Kind.TRUEFALSE:
        if candidate.fields["answer"]:
            return f"True. The text says: {said}"
        if candidate.notes.get("advice"):
            return f"False. The text says: {said}"
        turned = candidate.notes.get("turned")
        if turned:  # a requirement turned around: "may" where the text says "must not"
            return f"False: the text says {quote(turned)}: {said}"
        right, wrong = candidate.answer, candidate.swapped
        if candidate.entity.kind is EntityKind.ROLE:
            right, wrong = right.lower(), wrong.lower()
        return f"False: it is {right}, not {wrong}. The text says: {said}"
    if candidate.kind is Kind.NUMERIC and candidate.notes.get("range"):
        return (
            f"The text gives a range, {candidate.answer}; any value in it counts. "
            f"The text says: {said}"
        )
    pair = candidate.notes.get("pair")
    if pair:  # "Ctrl+S saves it": which thing of the sentence's list is meant
        return f"{pair[:1].upper()}{pair[1:]}. The text says: {said}"
    return f"The text says: {said}"
