"""One module per command; each has `register(subparsers)` and sets `func` on its parser.

`kdquiz COMMAND ...` imports only COMMAND's module, but `kdquiz --help` (and any command line
naming no known command) imports them all to build the whole parser. So at the top they import
only cheap modules (argparse, pathlib, `common`, `kdquiz.errors`). Never textual, and nothing a command needs only when it runs (the core, yaml,
sqlite3, json...): each `run()` imports that itself. Choices the parser shows are plain strings,
kept in step with the core by tests/cli/test_parser.py.
"""

#: Every command and the module that registers it, in the order `kdquiz --help` lists them.
COMMANDS: dict[str, str] = {
    "review": "play",
    "practice": "play",
    "quiz": "play",
    "decks": "decks",
    "check": "check",
    "import": "import_deck",
    "export": "export_deck",
    "new": "new",
    "preview": "preview",
    "results": "results",
    "host": "host",
    "join": "host",
    "generate": "generate",
    "stats": "stats",
    "cards": "cards",
    "import-history": "import_history",
    "optimize": "optimize",
    "backup": "backup",
    "restore": "restore",
    "export-progress": "export_progress",
    "import-progress": "import_progress",
    "relink": "relink",
    "help": "help_topic",
}
COMMAND_MODULES: list[str] = list(dict.fromkeys(COMMANDS.values()))
