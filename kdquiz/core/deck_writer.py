"""Write a deck (as the plain mapping the YAML format describes) to YAML a teacher can edit.

Used by every tool that produces decks (generate, import, new). Strings that YAML would read as
another type (`no`, `1.10`, `12:30`) are quoted by PyYAML's representer, so the file reads back
exactly as written; multi-line text uses the literal `|` style for readability.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kdquiz.core.files import write_text


class _DeckDumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as people write YAML by hand.
        super().increase_indent(flow, False)


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_DeckDumper.add_representer(str, _str_representer)


def dump_deck(deck: dict[str, Any]) -> str:
    """YAML text for a deck mapping: keys in the order given, unicode kept, long lines unwrapped."""
    return yaml.dump(
        deck,
        Dumper=_DeckDumper,
        sort_keys=False,
        allow_unicode=True,
        width=10_000,
        default_flow_style=False,
    )


def write_deck(deck: dict[str, Any], path: Path) -> None:
    """Write atomically: a crash mid-write never leaves a half-written deck behind."""
    write_text(path, dump_deck(deck))
