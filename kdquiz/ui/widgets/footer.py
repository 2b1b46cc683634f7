"""Textual's Footer, with one workaround: it lets go of the keys it removed.

Textual's Footer binds every key's `compact` to its own (`data_bind`) and forgets the bindings of
removed keys only when `compact` next changes, which in kdquiz is never. Kept, they hold every key
ever shown alive with all its caches (about ten widgets, 0.3 MB, per answer in a review).
Re-publishing `compact` after each rebuild runs its watchers, and running them drops those of
removed widgets. `tests/ui/test_footer.py` holds this; drop the class when Textual no longer leaks.
"""

from __future__ import annotations

from textual.widgets import Footer


class KeysFooter(Footer):
    def __init__(self) -> None:
        # Without the command palette's key: at 80 columns it cut the screen's own keys ("? He").
        # Ctrl+P still opens it, and the help screen and the header's icon offer it.
        super().__init__(show_command_palette=False)

    async def recompose(self) -> None:
        await super().recompose()
        self.mutate_reactive(Footer.compact)
