"""Helpers shared by commands: the data directory and the decks a command should see."""

from __future__ import annotations

import argparse
from pathlib import Path

from kdquiz.locations import data_dir


def resolve_data_dir(args: argparse.Namespace) -> Path:
    return data_dir(getattr(args, "data_dir", None))


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    """Also accept --data-dir after the command name (`kdquiz decks --data-dir X`)."""
    parser.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="where progress and your own decks live")
