"""A YAML reader for files written by strangers.

PyYAML's loaders build the whole tree before anything can be checked: an alias "billion laughs"
expands in memory, libyaml's composer recurses (and segfaults near 30,000 levels), duplicate keys
silently keep the last value, and YAML 1.1 typing turns `no` into False and `010` into 8.

So this module reads the *event* stream (libyaml's C parser when present, which is iterative and
safe at any depth) and composes its own small tree, refusing anchors, aliases, tags, deep nesting,
duplicate keys and extra documents as it goes. Every scalar stays the text that was written, with
a flag saying whether it was quoted; the deck validator decides what a value means.

The items of one long list (a deck's cards) can be handed over one by one as they are read
(`ItemSink`), so the tree of a whole big file never exists at once.

yaml is imported on first use: a start-up that finds every deck in the cache never needs it.
"""

from __future__ import annotations

TYPE_CHECKING = False  # neither typing nor dataclasses is imported: `kdquiz check` needs neither
if TYPE_CHECKING:
    import yaml

MAX_DEPTH = 12
NESTED = f"nested more than {MAX_DEPTH} levels deep: a deck never needs this much nesting"


class YamlProblem(Exception):
    """A structural problem that stops reading; line and column are 1-based."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class _Node:
    """What `@dataclass(slots=True)` would write for the node classes: ==, repr, match arguments."""

    __slots__: tuple[str, ...] = ()
    __hash__ = None  # type: ignore[assignment]  # mutable, so unhashable, as a dataclass with eq

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return all(getattr(self, n) == getattr(other, n) for n in self.__slots__)
        return NotImplemented

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__)
        return f"{self.__class__.__qualname__}({shown})"


class Scalar(_Node):
    __slots__ = __match_args__ = ("value", "plain", "line", "column")
    value: str
    plain: bool  # written without quotes, so `true`, `12`, `null` may mean something
    line: int
    column: int

    def __init__(self, value: str, plain: bool, line: int, column: int) -> None:
        self.value = value
        self.plain = plain
        self.line = line
        self.column = column

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


class Sequence(_Node):
    __slots__ = __match_args__ = ("items", "line", "column")
    items: list[Node]
    line: int
    column: int

    def __init__(self, items: list[Node], line: int, column: int) -> None:
        self.items = items
        self.line = line
        self.column = column


class Mapping(_Node):
    __slots__ = __match_args__ = ("pairs", "line", "column")
    pairs: dict[str, tuple[Scalar, Node]]
    line: int
    column: int

    def __init__(
        self, pairs: dict[str, tuple[Scalar, Node]] | None = None, line: int = 0, column: int = 0
    ) -> None:
        self.pairs = {} if pairs is None else pairs
        self.line = line
        self.column = column

    def get(self, key: str) -> Node | None:
        pair = self.pairs.get(key)
        return pair[1] if pair else None


Node = Scalar | Sequence | Mapping


class ItemSink:
    """Takes the items of the list under `key` in the top mapping, each once it is complete.

    Those items are not kept in the tree: that list's node stays empty.
    """

    key = ""

    def begin(self, top: Mapping, items: Sequence) -> None:
        """The list starts; `top` holds the keys written before it."""

    def item(self, node: Node) -> None:
        """One complete item, in file order."""


def _where(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _refuse_anchor(event: yaml.NodeEvent) -> None:
    line, column = _where(event)
    raise YamlProblem(
        f"YAML anchors (&{event.anchor}) are not allowed in decks: write each value out in full",
        line,
        column,
    )


def compose(text: str, sink: ItemSink | None = None) -> tuple[Node | None, list[YamlProblem]]:
    """Build the tree of one YAML document.

    Returns the root (None for an empty file) and the non-fatal problems found on the way
    (duplicate keys); raises YamlProblem for anything that stops reading, even after `sink`
    was handed items.
    """
    import yaml

    problems: list[YamlProblem] = []
    # PyYAML's base loader, used only for its event stream: it never resolves types or builds
    # objects. libyaml's (C) variant is much faster; the pure-Python one behaves the same.
    parser = getattr(yaml, "CBaseLoader", yaml.BaseLoader)(text)
    try:
        return _compose(parser, problems, sink, text), problems
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "quoted scalar" in (exc.context or ""):
            mark = exc.context_mark  # an unclosed quote: where it opened, not the end of the file
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "the file is not valid YAML"
        if "maximum nesting depth" in what:  # libyaml's own limit, met while it reads ahead
            raise YamlProblem(NESTED, line, column) from None
        from kdquiz.core.yaml_hints import explain

        raise YamlProblem(explain(what, text, line), line, column) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"not valid YAML: {exc}", 1, 1) from None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose:
            dispose()


def _compose(
    parser: yaml.BaseLoader, problems: list[YamlProblem], sink: ItemSink | None, text: str = ""
) -> Node | None:
    import yaml

    # Lines where ` #x` may have cut a plain text short (checked against each text's end).
    lines: list[str] = []
    hash_lines: set[int] = set()
    if " #" in text or "\t#" in text:
        lines = text.split("\n")
        hash_lines = {i for i, raw in enumerate(lines) if "#" in raw}

    stack: list[Mapping | Sequence] = []
    pending_key: list[Scalar | None] = []  # per open mapping: the key waiting for its value
    root: Node | None = None
    documents = 0
    streamed: Sequence | None = None  # the list whose items go to the sink

    def attach(node: Node, event: yaml.Event) -> None:
        nonlocal root, streamed
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, Sequence):
            if parent is not streamed:
                parent.items.append(node)
            elif isinstance(node, Scalar) and sink is not None:
                sink.item(node)  # complete already; a list or mapping goes when it ends
            return
        key = pending_key[-1]
        if key is None:
            if not isinstance(node, Scalar):
                line, column = _where(event)
                raise YamlProblem("a key must be plain text, not a list or mapping", line, column)
            pending_key[-1] = node
            return
        pending_key[-1] = None
        if key.value in parent.pairs:
            first = parent.pairs[key.value][0]
            problems.append(
                YamlProblem(
                    f"duplicate key '{key.value}' (first at line {first.line}); "
                    "YAML would silently keep only the last one: remove or rename one of them",
                    key.line,
                    key.column,
                )
            )
            return
        parent.pairs[key.value] = (key, node)
        if (
            sink is not None
            and streamed is None
            and len(stack) == 1
            and key.value == sink.key
            and isinstance(node, Sequence)
        ):
            streamed = node
            sink.begin(parent, node)

    # The commonest events are tested first, with the classes in locals: this loop is most of
    # the time of checking a small deck (libyaml's own parsing is less than half).
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    sequence_start, mapping_start = yaml.SequenceStartEvent, yaml.MappingStartEvent
    collection_end = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    get_event = parser.get_event
    while True:
        event = get_event()
        if isinstance(event, scalar_event):
            if event.anchor is not None:
                _refuse_anchor(event)
            line, column = _where(event)
            if event.tag is not None and event.tag != "!":
                raise YamlProblem(
                    f"YAML tags ({event.tag}) are not allowed in decks: remove the tag",
                    line,
                    column,
                )
            plain = event.style is None or event.style == ""
            if hash_lines and plain:  # an empty set (no ' #' in the file) skips this at once
                end = event.end_mark
                if end is not None and end.line in hash_lines:
                    _check_comment(lines[end.line], end.line, end.column, problems)
            attach(Scalar(event.value, plain, line, column), event)
        elif isinstance(event, collection_end):
            ended = stack.pop()
            pending_key.pop()
            if streamed is not None and stack and stack[-1] is streamed and sink is not None:
                sink.item(ended)
        elif isinstance(event, (sequence_start, mapping_start)):
            if event.anchor is not None:
                _refuse_anchor(event)
            line, column = _where(event)
            if event.tag is not None:
                raise YamlProblem(
                    f"YAML tags ({event.tag}) are not allowed in decks: remove the tag",
                    line,
                    column,
                )
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(NESTED, line, column)
            node: Mapping | Sequence = (
                Sequence([], line, column)
                if isinstance(event, sequence_start)
                else Mapping({}, line, column)
            )
            attach(node, event)
            stack.append(node)
            pending_key.append(None)
        elif event is None or isinstance(event, yaml.StreamEndEvent):
            break
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                line, column = _where(event)
                raise YamlProblem(
                    "more than one YAML document ('---') in the file: put one deck in each file",
                    line,
                    column,
                )
        elif isinstance(event, alias_event):
            line, column = _where(event)
            raise YamlProblem(
                f"YAML aliases (*{event.anchor}) are not allowed in decks: write the value out in "
                "full (a text starting with * goes in double quotes)",
                line,
                column,
            )
    return root


def _check_comment(raw: str, line: int, column: int, problems: list[YamlProblem]) -> None:
    """A plain text followed on its line by ` #x`: YAML dropped the rest as a comment; say so."""
    from kdquiz.core.yaml_hints import cut_by_comment

    cut = cut_by_comment(raw[column:].rstrip("\r"))
    if cut is not None:
        problems.append(
            YamlProblem(
                f"the text stops before '{cut[:40]}': in YAML ' #' starts a comment, so the rest "
                "of the line was dropped. Put the whole text in double quotes to keep it "
                "(a real comment is written '# like this', with a space after '#')",
                line + 1,
                raw.index("#", column) + 1,
            )
        )
