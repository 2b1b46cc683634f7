"""What every card shares (`Card`) and where its fact comes from (`SourceRef`), apart from the kinds'
classes in `kdquiz.core.cards`: code that only names `Card` (the store) then creates two classes,
not a dozen. Both are offered by `kdquiz.core.model` too.
"""

from __future__ import annotations

from dataclasses import dataclass

from kdquiz.core.kind import Kind as Kind


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where in a source document a card's fact comes from (paragraphs count non-empty lines from 1)."""

    doc: str
    paragraph: int
    hint: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Card:
    """Fields every kind shares. `line` is where the card starts in its file, for errors and $EDITOR."""

    id: str
    kind: Kind
    prompt: str = ""
    explain: str = ""
    source: SourceRef | None = None
    tags: tuple[str, ...] = ()
    time_limit: float | None = None
    points: int | None = None
    line: int = 0
    #: The Anki note the card was imported from: (note type, field 1, field 2, ...) as Anki's own
    #: HTML, images and sounds included, carried untouched so an export updates that note.
    anki: tuple[str, ...] = ()

    def subkeys(self) -> tuple[str, ...]:
        """Item sub-keys of this card: "" for a single item."""
        return ("",)

    def searchable_text(self) -> str:
        """Every piece of text a learner sees, for length-based timing and edit detection."""
        return self.prompt
