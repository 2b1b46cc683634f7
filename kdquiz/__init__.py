"""kdquiz: a quiz and flashcard learning game for the terminal."""

__version__ = "0.1.0"
