"""Play live as a class: the host runs the game, players join from a terminal or a browser.

`protocol` (the versioned JSON messages and the limits on what a client may send), `questions`
(a question as players see it, and their answers back into the kinds' responses), `game` (the
round as a pure state machine on the server's clock), `server` (aiohttp: the websocket and the
page), `client` (the terminal player). See docs/classroom.md.
"""
