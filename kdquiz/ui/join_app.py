"""`kdquiz join` in a terminal: the Textual front-end of the line-by-line player.

The same `PlainPlayer` plays as in `--plain`; its lines go to the join screen, and what the player
types there goes back to it. Ctrl+Q leaves.
"""

from __future__ import annotations

import asyncio

from textual.app import App
from textual.content import Content

from kdquiz.classroom.client import PlainPlayer, websocket_url
from kdquiz.ui.screens.join import JoinScreen, Typed
from kdquiz.ui.widgets.header import title_line


class JoinApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "kdquiz"
    SUB_TITLE = "class game"

    def format_title(self, title: str, sub_title: str) -> Content:
        return title_line(title, sub_title)

    def __init__(self, address: str, code: str, name: str) -> None:
        super().__init__()
        self.lines: asyncio.Queue[str | None] = asyncio.Queue()
        self.player = PlainPlayer(websocket_url(address), code, name, self.say)
        self.result = 1

    async def on_mount(self) -> None:
        await self.push_screen(JoinScreen())
        self.run_worker(self._play(), exclusive=True)

    async def _play(self) -> None:
        self.result = await self.player.play(self.lines)
        self.say("The game is over: Ctrl+Q leaves." if self.result == 0 else "Ctrl+Q leaves.")

    def say(self, text: str) -> None:
        screen = self.screen
        if isinstance(screen, JoinScreen):
            screen.say(text)

    async def on_typed(self, message: Typed) -> None:
        await self.lines.put(message.line)
