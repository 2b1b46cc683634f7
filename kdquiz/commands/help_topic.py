"""`kdquiz help TOPIC`: the user guides, shipped inside the package so a pip install has them too."""

from __future__ import annotations

import argparse
import sys

from kdquiz.errors import UsageError

#: The guides in docs/ (benchmarks are for developers); tests/cli/test_parser.py keeps this in step.
TOPICS = tuple(
    "deck-format teachers classroom playing grading scheduling stats generator reliability".split()
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "help",
        help="read a guide: deck-format, teachers, playing, ...",
        description="Print one of kdquiz's guides. `kdquiz help deck-format` describes every "
        "field of a deck file; `kdquiz help teachers` covers import, export and results.",
    )
    parser.add_argument("topic", metavar="TOPIC", nargs="?", help=f"one of: {', '.join(TOPICS)}")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kdquiz.core.safe_text import data_output
    from kdquiz.locations import bundled_docs_dir

    if args.topic is None:
        print("Guides (read one with `kdquiz help TOPIC`):")
        for topic in TOPICS:
            print(f"  {topic}")
        return 0
    if args.topic not in TOPICS:
        import difflib

        close = difflib.get_close_matches(args.topic, TOPICS, n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        raise UsageError(f"no guide {args.topic!r}: {hint}the guides are {', '.join(TOPICS)}")
    path = bundled_docs_dir() / f"{args.topic}.md"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"the guide {args.topic} is missing from this install ({exc})") from None
    with data_output(sys.stdout) as out:
        out.write(text)
    return 0
