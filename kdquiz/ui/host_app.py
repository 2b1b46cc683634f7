"""`kdquiz host`: the Textual app that runs a class game's server and shows the host's screen.

The server runs in the app's own event loop; the screen posts `HostNext`/`HostEnd`, the app
calls the server, and every change the server reports is rendered again from a fresh
`HostView`. The store belongs to the caller, who closes it.
"""

from __future__ import annotations

from textual.app import App
from textual.content import Content

from kdquiz.classroom.game import Phase, Refused
from kdquiz.classroom.host_view import HostView, host_view
from kdquiz.classroom.server import ClassServer
from kdquiz.ui.screens.host import HostEnd, HostNext, HostScreen
from kdquiz.ui.widgets.header import title_line


class HostApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "kdquiz"
    SUB_TITLE = "class game"

    def format_title(self, title: str, sub_title: str) -> Content:
        return title_line(title, sub_title)

    def __init__(self, server: ClassServer, host: str, port: int) -> None:
        super().__init__()
        self.server = server
        self.bind_host = host
        self.bind_port = port
        server.on_change = self.refresh_view

    async def on_mount(self) -> None:
        await self.push_screen(HostScreen(self.view()))
        try:
            await self.server.start(self.bind_host, self.bind_port)
        except OSError as exc:
            where = f"{self.bind_host}:{self.bind_port}"
            self.exit(message=f"kdquiz: cannot listen on {where} ({exc.strerror or exc})")
            return
        self.refresh_view()

    def view(self) -> HostView:
        server = self.server
        return host_view(
            server.game, server.clock(), server.addresses, server.connected(), server.warnings
        )

    def refresh_view(self) -> None:
        screen = self.screen
        if isinstance(screen, HostScreen):
            screen.show(self.view())

    async def on_host_next(self, message: HostNext) -> None:
        try:
            await self.server.advance()
        except Refused as exc:  # "nobody has joined yet": said, never a crash
            self.notify(str(exc), severity="warning")
        self.refresh_view()

    async def on_host_end(self, message: HostEnd) -> None:
        if self.server.game.phase is Phase.PODIUM:
            await self.server.stop()
            self.exit()
            return
        await self.server.end()
        self.refresh_view()

    async def on_unmount(self) -> None:
        await self.server.stop()
