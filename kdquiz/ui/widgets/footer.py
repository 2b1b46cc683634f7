"""Textual's Footer, rebuilt only when the keys it shows change.

Textual's Footer recomposes (a new widget per key, each restyled) on every bindings signal, and
every focus change publishes one: several per card, about 60 ms of work per answer in a review,
most of it rebuilding the very same keys. This one rebuilds at most once per refresh, and only
when the keys, their labels or their enabled state differ from what is on screen.

Each rebuild also lets go of the keys it removed: Textual's Footer binds every key's `compact` to
its own (`data_bind`), and Textual forgets the bindings of removed keys only when `compact` next
changes, which in kdquiz is never. Kept, they held every key ever shown alive with all its caches
(about ten widgets, 0.3 MB, per answer in a review).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

#: What a footer shows for one binding: key, key label, description, action, enabled, tooltip, group.
Shown = tuple[object, ...]


class KeysFooter(Footer):
    _shown: tuple[Shown, ...] | None = None
    _rebuild_pending = False

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    def _keys_shown(self) -> tuple[Shown, ...]:
        """Everything `Footer.compose` reads from the bindings, so equal tuples mean equal footers."""
        app = self.app
        palette = app.COMMAND_PALETTE_BINDING
        return tuple(
            (binding.key, app.get_key_display(binding), binding.description, binding.action, enabled,
             tooltip, binding.group, binding.tooltip)
            for (key, (_, binding, enabled, tooltip)) in self.screen.active_bindings.items()
            if binding.show or key == palette
        ) + ((self.show_command_palette, app.ENABLE_COMMAND_PALETTE),)

    async def _rebuild_if_changed(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:
            return
        shown = self._keys_shown()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()
            # Same value, but it runs the watchers, and running them drops those of closed widgets.
            self.mutate_reactive(Footer.compact)
