"""Quality of `kdquiz generate` drafts, from one reader's card-by-card labels.

    python -m bench.generate_quality                  # GOOD, GOOD+EDIT, key-fact recall per text
    python -m bench.generate_quality --cards DECK.yaml  # the cards of a deck, one block each, to judge

Labels live beside the development corpus (tests/fixtures/generator_corpus/labels-*.yaml), one file
per judged round; texts named heldout-* (set 1) and heldoutN-* (set N) were held out of development when they were added, and are summed apart; key facts in key_facts.yaml there. A card's label is GOOD (usable as written),
EDIT (usable after a light edit) or BAD; a GOOD or EDIT card names the key facts it covers. The
judging guide is in docs/generator.md. The numbers are computed here, never typed into the labels.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kdquiz.core.safe_text import safe_text

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "generator_corpus"
LABELS = ("GOOD", "EDIT", "BAD")


@dataclass
class Tally:
    """Cards by label and the key facts covered, for one text (or a sum of texts)."""

    cards: int = 0
    good: int = 0
    edit: int = 0
    facts: int = 0
    covered: set[str] = field(default_factory=set)

    def add(self, other: Tally) -> None:
        self.cards += other.cards
        self.good += other.good
        self.edit += other.edit
        self.facts += other.facts
        self.covered |= other.covered

    def row(self, name: str) -> str:
        def share(part: int, whole: int) -> str:
            return f"{part} ({100 * part / whole:.0f}%)" if whole else "-"

        recall = share(len(self.covered), self.facts) if self.facts else "n/a"
        return (
            f"| {name} | {self.cards} | {share(self.good, self.cards)} | "
            f"{share(self.good + self.edit, self.cards)} | {recall} |"
        )


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def tally_round(labels: dict[str, Any], key_facts: dict[str, Any]) -> dict[str, Tally]:
    """One Tally per text of a labels file; raises ValueError naming the first bad entry."""
    out: dict[str, Tally] = {}
    for text, entry in (labels.get("texts") or {}).items():
        facts = (key_facts.get(text) or {}).get("facts") or {}
        tally = Tally(facts=len(facts))
        for card_id, card in (entry.get("cards") or {}).items():
            label = card.get("label")
            if label not in LABELS:
                raise ValueError(f"{text}: card {card_id}: label must be one of {LABELS}")
            covers = [str(f) for f in card.get("facts") or []]
            unknown = [f for f in covers if f not in facts]
            if unknown and facts:
                raise ValueError(f"{text}: card {card_id}: no key fact {', '.join(unknown)}")
            tally.cards += 1
            if label == "GOOD":
                tally.good += 1
            elif label == "EDIT":
                tally.edit += 1
            if label != "BAD":
                tally.covered.update(f"{text}:{f}" for f in covers)
        out[text] = tally
    return out


def group_of(text: str) -> str:
    """Seeds (tuned on), held-out texts (never used in development) and the development corpus
    are summed apart: their numbers answer different questions."""
    if text.startswith("seed:"):
        return "seeds"
    numbered = re.match(r"heldout(\d+)-", text)
    if numbered:
        return f"held-out set {numbered[1]}"
    return "held-out set 1" if text.startswith("heldout-") else "corpus"


def report(corpus: Path = CORPUS) -> list[str]:
    key_facts = _load(corpus / "key_facts.yaml")
    lines: list[str] = []
    for path in sorted(corpus.glob("labels-*.yaml")):
        labels = _load(path)
        tallies = tally_round(labels, key_facts)
        lines += [
            f"## {path.name}: {labels.get('round', '')}",
            "",
            "| text | cards | GOOD | GOOD+EDIT | key facts covered |",
            "|---|---|---|---|---|",
        ]
        groups: dict[str, Tally] = {}
        for text, tally in tallies.items():
            lines.append(tally.row(text))
            groups.setdefault(group_of(text), Tally()).add(tally)
        for name, total in sorted(groups.items()):
            if total.cards:
                lines.append(total.row(f"**{name}, all**"))
        lines.append("")
    return lines


def show_cards(deck_path: Path) -> list[str]:
    """Each card as the learner meets it, with its answer, for judging."""
    deck = _load(deck_path)
    lines = []
    for card in deck.get("cards") or []:
        kind = card.get("type")
        head = f"{card['id']} [{kind}]"
        if kind == "cloze":
            body = card["text"]
        elif kind == "truefalse":
            body = f"{card['statement']} -> {card['answer']}"
        elif kind == "mcq":
            body = f"{card['prompt']} {card['choices']} -> {card['answer']}"
        else:
            extra = f" {card['unit']}" if card.get("unit") else ""
            body = f"{card['prompt']} -> {card['answer']}{extra}"
        lines += [head, f"    {body}", f"    = {card.get('explain', '')[:160]}", ""]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=Path, help="print the cards of a generated deck")
    args = parser.parse_args(argv)
    lines = show_cards(args.cards) if args.cards else report()
    # Card and label texts come from files: shown without control bytes.
    sys.stdout.write("\n".join(safe_text(line) for line in lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
