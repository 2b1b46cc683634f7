"""Other quiz and flashcard formats in and out: Anki, CSV, Moodle GIFT, Aiken, printable Markdown.

Importers turn a file's text into a deck *mapping* (the YAML format as plain data, written with
`kdquiz.core.deck_writer.write_deck`); exporters turn a loaded `Deck` into text (or, for .apkg,
bytes). Everything here is pure: no terminal, no files except where a path is passed in.
"""
