"""Textual's Footer, rebuilt only when the keys it shows change, and letting go of removed keys.

Textual's Footer rebuilds every key on each change of the focus (nine times as one card follows
another), though most leave the keys as they were: this one keeps its keys while the ones it
would show are the same (three rebuilds a card instead of nine).

Textual's Footer also binds every key's `compact` to its own (`data_bind`) and forgets the
bindings of removed keys only when `compact` next changes, which in kdquiz is never. Kept, they
hold every key ever shown alive with all its caches (about ten widgets, 0.3 MB, per answer in a
review). Re-publishing `compact` after each rebuild runs its watchers, and running them drops
those of removed widgets. `tests/ui/test_home_controls.py` holds both; drop the workaround when
Textual no longer leaks.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer


class KeysFooter(Footer):
    def __init__(self) -> None:
        # Without the command palette's key: at 80 columns it cut the screen's own keys ("? He").
        # Ctrl+P still opens it, and the help screen and the header's icon offer it.
        super().__init__(show_command_palette=False)

    def _wanted(self) -> tuple[tuple[str, str, str, bool], ...]:
        """The keys the footer would show now (the first binding of each action, as Footer
        shows them): key, label, action, and whether it is disabled."""
        wanted: dict[str, tuple[str, str, str, bool]] = {}
        for _node, binding, enabled, _tip in self.screen.active_bindings.values():
            if binding.show and binding.action not in wanted:
                wanted[binding.action] = (
                    binding.key,
                    binding.description,
                    binding.action,
                    not enabled,
                )
        return tuple(wanted.values())

    def _shown(self) -> tuple[tuple[str, str, str, bool], ...]:
        keys: Any = self.query("FooterKey")  # by its CSS type: Textual does not export the class
        return tuple(
            (key.key, key.description, key.action, key.has_class("-disabled")) for key in keys
        )

    async def recompose(self) -> None:
        shown = self._shown()
        if shown and shown == self._wanted():
            return
        await super().recompose()
        self.mutate_reactive(Footer.compact)
