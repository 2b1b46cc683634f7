"""One module per command; each has `register(subparsers)` and sets `func` on its parser.

Modules listed here are imported for every invocation, so they must not import textual at the top.
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
