"""The game's user interfaces. Imports nothing: `wording` and `plan` are pure and shared with --plain."""
