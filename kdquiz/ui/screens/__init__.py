"""Screens of the Textual app: each renders state and collects input; rules live in kdquiz.core."""

from textual.message import Message

#: Every screen but home names this in CSS_PATH (relative to its module): Textual reads it when the
#: first of them opens, so the home screen's first frame does not wait to parse it.
SCREENS_CSS = "../screens.tcss"


class ActivityDone(Message):
    """A review, practice or quiz is over (or was left before anything was answered): back home,
    or out of the app after a direct command such as `kdquiz review`. The app decides."""
