"""One module per command; each has `register(subparsers)` and sets `func` on its parser.

Modules listed here are imported for every invocation (the parser needs all of them, even for
`--help`), so at the top they import only cheap modules (argparse, pathlib, `common`,
`kdquiz.errors`). Never textual, and nothing a command needs only when it runs (the core, yaml,
sqlite3, json...): each `run()` imports that itself. Choices the parser shows are plain strings,
kept in step with the core by tests/cli/test_parser_strings.py.
"""

COMMAND_MODULES: list[str] = [
    "play",
    "decks",
    "check",
    "import_deck",
    "export_deck",
    "new",
    "preview",
    "results",
    "generate",
    "stats",
    "import_history",
    "optimize",
    "backup",
    "restore",
    "export_progress",
    "import_progress",
    "relink",
]
