"""Screens of the Textual app: each renders state and collects input; rules live in kdquiz.core."""

#: Every screen but home names this in CSS_PATH (relative to its module): Textual reads it when the
#: first of them opens, so the home screen's first frame does not wait to parse it.
SCREENS_CSS = "../screens.tcss"
