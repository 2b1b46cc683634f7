r"""The card search language, as close to Anki's as kdquiz's cards allow.

    netflix                 text anywhere on the card (case-insensitive; * matches anything,
                            _ one character)
    "soap opera"            a phrase
    tag:budget  tag:k*      a tag of the card or its deck (tag:a also finds a::b, as in Anki)
    deck:netflix*           a deck's id or title
    card:ep-*               a card's id
    kind:cloze              a card kind (flashcard, cloze, mcq, ...)
    is:new|learn|review|due|suspended|buried|flagged
    flag:1 .. flag:7        a flag colour by number or name (red ... purple); flag:0, no flag
    lapses>3  prop:reps>=10  prop:ivl<7  prop:due<=2     numbers kept with the card's progress
    due:N                   due within N days (due:0 is due today, overdue included)
    rated:N  rated:N:1      answered in a review in the last N days (1: today), with that rating
    introduced:N            first answered in the last N days
    -term                   not that
    a b or c                both a and b (also: a and b), or else c
    a (b or c)  -(b or c)   brackets, multiplied out into alternatives; a minus: none of them
    \*  \_  \\  \"  \(  \)  \:  \-
                            a star, underscore, backslash, quote, bracket, colon or leading minus
                            as itself (in quotes, "or", "and" and brackets are words too)

Parsing is pure: `parse` turns the text into a `Query` or raises QueryError saying what is wrong
and how to write it; `kdquiz.core.card_search` runs a query over decks and the progress store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

from kdquiz.core.model import Kind
from kdquiz.core.store.marks import FLAGS
from kdquiz.errors import UsageError

STATES = ("new", "learn", "review", "due", "suspended", "buried", "flagged")
PROPS = ("lapses", "reps", "ivl", "due")
_OPS = ("<=", ">=", "!=", "<", ">", "=")
_PROP = re.compile(r"^(?:prop:)?(?P<name>[a-z]+)(?P<op><=|>=|!=|<|>|=)(?P<value>-?\d+)$")
MAX_QUERY = 1000
#: The largest number each property takes either way: a due date beyond a hundred years has no
#: date (and no study day) to compare with, and no count is near a billion; both keep the numbers
#: within SQLite's integers.
MAX_NUMBER = {"due": 36500}
#: rated:N and introduced:N look back at most this many days (Anki's own limit is 365).
MAX_DAYS_BACK = 36500
_MAX_COUNT = 10**9


class QueryError(UsageError):
    """A search that cannot be understood; the message shows the part and how to write it."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "Search")


@dataclass(frozen=True)
class Term:
    """One condition: `field` is text, tag, deck, card, kind, is, flag, due or a prop name (with
    `op`), or rated/introduced (`value` the days, `op` a rating or ""); `negated` for a minus."""

    field: str
    value: str
    op: str = ""
    negated: bool = False

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """A name's value as a case-insensitive glob, matched whole (`fullmatch`): Anki's `*`
        (anything) and `_` (one character), `\\*` and `\\_` for themselves."""
        return re.compile(_glob_regex(self.value), re.IGNORECASE | re.DOTALL)

    @cached_property
    def tag_pattern(self) -> re.Pattern[str]:
        """As `pattern`, and a tag's children too, as Anki's hierarchical tags: `tag:drama`
        finds `drama` and `drama::casting`."""
        return re.compile(f"(?:{_glob_regex(self.value)})(?:::.*)?", re.IGNORECASE | re.DOTALL)

    @cached_property
    def parts(self) -> tuple[str | re.Pattern[str], ...]:
        """A text value's pieces between its `*` wildcards, case-folded (an empty one is found
        anywhere: `**` is `*`); a piece with `_` (one character) as a pattern."""
        found: list[str | re.Pattern[str]] = []
        for piece in _glob_pieces(self.value):
            if any(p is _ONE for p in piece):
                found.append(
                    re.compile(
                        "".join("." if p is _ONE else re.escape(str(p).casefold()) for p in piece),
                        re.DOTALL,
                    )
                )
            elif piece:
                found.append("".join(map(str, piece)).casefold())
        return tuple(found)

    def found_in(self, text: str) -> bool:
        """Whether the text term occurs in `text`. Each piece is looked for after the one before,
        leftmost first, which is enough for a `*` glob: a regular expression of `.*?` joins
        backtracks, and thirty stars took minutes on one card. A piece's own pattern has no
        repetition, so it cannot backtrack far."""
        folded = text.casefold()
        at = 0
        for part in self.parts:
            if isinstance(part, str):
                at = folded.find(part, at)
                if at < 0:
                    return False
                at += len(part)
            else:
                found = part.search(folded, at)
                if found is None:
                    return False
                at = found.end()
        return True

    @property
    def number(self) -> int:
        return int(self.value)


@dataclass(frozen=True)
class Query:
    """Alternatives (joined by `or`), each a tuple of terms that must all hold. Empty: all cards."""

    alternatives: tuple[tuple[Term, ...], ...] = ()
    text: str = ""

    def fields(self) -> set[str]:
        return {term.field for group in self.alternatives for term in group}


#: The alternatives one product of brackets may make, and how deep brackets may nest: a few dozen
#: characters of `(a or b) (c or d) ...` would otherwise ask for millions of groups.
MAX_ALTERNATIVES = 100
MAX_DEPTH = 20

_Groups = tuple[tuple[Term, ...], ...]


class _Literal(str):
    """A word that was quoted or escaped: `"or"` is the word or, never the operator."""


#: What a backslash keeps escaped in a word (the glob's wildcards, a colon, the backslash
#: itself), to be read by `_glob_pieces` and `_unescaped`; any other escaped character is itself.
_KEPT_ESCAPES = "*_:\\-"
#: Stand-ins in a value for a wildcard (any run; one character).
_ANY, _ONE = object(), object()


def words(text: str) -> list[str]:
    """The search's words and brackets, as Anki reads them: only double quotes quote (a quoted
    part may be inside a word: deck:"My deck"), a backslash escapes, and `(` `)` stand alone
    unless quoted or escaped. A backslash before `*`, `_`, `:`, `-` or itself stays in the word,
    for the term to read."""
    found: list[str] = []
    word: list[str] = []
    literal = quoted = started = False
    at = 0
    while at < len(text):
        c = text[at]
        if c == "\\" and at + 1 < len(text):
            nxt = text[at + 1]
            word.append(c + nxt if nxt in _KEPT_ESCAPES else nxt)
            started, literal = True, True
            at += 2
            continue
        if c == '"':
            quoted, started, literal = not quoted, True, True
        elif quoted:
            # A minus that opens the word inside quotes is text, as in Anki ("-dog" finds
            # "-dog"; -"dog" is not dog).
            word.append("\\-" if c == "-" and not word else c)
        elif c.isspace() or c in "()":
            if started:
                joined = "".join(word)
                found.append(_Literal(joined) if literal else joined)
            word, literal, started = [], False, False
            if c in "()":
                found.append(c)
        else:
            word.append(c)
            started = True
        at += 1
    if quoted:
        raise QueryError(
            'a quote is not closed: put a " at the end of the phrase (or \\" for a quote mark)'
        )
    if started:
        joined = "".join(word)
        found.append(_Literal(joined) if literal else joined)
    return found


def _is(token: str, *operators: str) -> bool:
    """Whether `token` is one of these operators or brackets (a quoted word never is)."""
    return not isinstance(token, _Literal) and token.lower() in operators


def _glob_pieces(value: str) -> list[list[object]]:
    """The value's pieces between `*` wildcards, each a list of characters and `_ONE`s;
    escaped characters are themselves."""
    pieces: list[list[object]] = [[]]
    at = 0
    while at < len(value):
        c = value[at]
        if c == "\\" and at + 1 < len(value):
            pieces[-1].append(value[at + 1])
            at += 2
            continue
        if c == "*":
            pieces.append([])
        else:
            pieces[-1].append(_ONE if c == "_" else c)
        at += 1
    return pieces


def _glob_regex(value: str) -> str:
    """The regular expression of a glob value: `*` any run, `_` one character."""
    return ".*".join(
        "".join("." if p is _ONE else re.escape(str(p)) for p in piece)
        for piece in _glob_pieces(value)
    )


def _unescaped(value: str) -> str:
    """The value with its backslash escapes read (for fields that take no wildcards)."""
    return re.sub(r"\\(.)", r"\1", value, flags=re.DOTALL)


def _split_field(body: str) -> tuple[str, str, str]:
    """`body` split at its first colon that is not escaped, as str.partition."""
    at = 0
    while at < len(body):
        if body[at] == "\\":
            at += 2
            continue
        if body[at] == ":":
            return body[:at], ":", body[at + 1 :]
        at += 1
    return body, "", ""


def parse(text: str) -> Query:
    """The query in `text`; QueryError names the word that is wrong."""
    if len(text) > MAX_QUERY:
        raise QueryError(f"the search is {len(text)} characters long; keep it under {MAX_QUERY}")
    tokens = words(text)
    groups, rest = _either(tokens, 0)
    if rest < len(tokens):
        raise QueryError("a ')' closes a bracket that was not opened: remove it or add a '('")
    return Query(groups, text)


def _either(tokens: list[str], at: int, depth: int = 0) -> tuple[_Groups, int]:
    """Terms joined by `or`, from `at` to a closing bracket or the end: the groups and where
    they stop."""
    groups: _Groups = ()
    while True:
        both, at = _both(tokens, at, depth)
        if not both:
            if groups or (at < len(tokens) and _is(tokens[at], "or")):
                raise QueryError("`or` needs a search term on each side, as in: tag:a or tag:b")
            return (), at
        groups += both  # as long as the search: only products multiply
        if at < len(tokens) and _is(tokens[at], "or"):
            at += 1
            continue
        return groups, at


def _both(tokens: list[str], at: int, depth: int) -> tuple[_Groups, int]:
    """Terms that must all hold (side by side or joined by `and`), up to `or`, `)` or the end."""
    groups: _Groups = ((),)
    some = False
    while at < len(tokens) and not _is(tokens[at], "or", ")"):
        joined = _is(tokens[at], "and")
        if joined:
            at += 1
            if not some or at == len(tokens) or _is(tokens[at], "and", "or", ")"):
                raise QueryError("`and` needs a search term on each side, as in: tag:a and tag:b")
        part, at = _one(tokens, at, depth)
        groups = _limit(tuple(g + p for g in groups for p in part))
        some = True
    return (groups if some else ()), at


def _one(tokens: list[str], at: int, depth: int) -> tuple[_Groups, int]:
    """One term, or a bracket (`-` before it: not that)."""
    negated = _is(tokens[at], "-") and at + 1 < len(tokens) and _is(tokens[at + 1], "(")
    at += negated
    if not _is(tokens[at], "("):
        return ((_term(tokens[at]),),), at + 1
    if depth == MAX_DEPTH:
        raise QueryError(f"brackets nested more than {MAX_DEPTH} deep: take some away")
    inner, at = _either(tokens, at + 1, depth + 1)
    if at == len(tokens):
        raise QueryError("a bracket is not closed: add a ')' after the last term it holds")
    if not inner:
        raise QueryError("nothing between the brackets: put a search term in them or remove them")
    return (_negate(inner) if negated else inner), at + 1


def _negate(groups: _Groups) -> _Groups:
    """Not (a b or c): each group fails, so one of its terms is false in each (De Morgan)."""
    result: _Groups = ((),)
    for group in groups:
        flipped = [replace(term, negated=not term.negated) for term in group]
        result = _limit(tuple(g + (t,) for g in result for t in flipped))
    return result


def _limit(groups: _Groups) -> _Groups:
    if len(groups) > MAX_ALTERNATIVES:
        raise QueryError(
            f"the brackets make more than {MAX_ALTERNATIVES} alternatives to test: "
            "search with fewer `or`s inside brackets"
        )
    return groups


def _term(word: str) -> Term:
    word = str(word)
    negated = word.startswith("-") and len(word) > 1 and not word[1:].isdigit()
    body = word[1:] if negated else word
    prop = _PROP.match(body.lower())
    if prop:
        name = prop["name"]
        if name not in PROPS:
            raise QueryError(f"'{word}': unknown property '{name}'; one of {', '.join(PROPS)}")
        most = MAX_NUMBER.get(name, _MAX_COUNT)
        if abs(int(prop["value"])) > most:
            raise QueryError(f"'{word}': {name} takes a whole number from -{most} to {most}")
        return Term(name, prop["value"], prop["op"], negated)
    field, colon, value = _split_field(body)
    if not colon:
        if not body:
            raise QueryError('an empty phrase (""): put words between the quotes or remove them')
        return Term("text", body, negated=negated)
    field = _unescaped(field).lower()
    if not value:
        raise QueryError(
            f"'{word}': nothing after '{field}:'; write e.g. {field}:{_example(field)}"
        )
    if field in ("tag", "deck", "card"):
        return Term(field, value, negated=negated)
    value = _unescaped(value)
    if field == "kind":
        kinds = [k.value for k in Kind]
        if value.lower() not in kinds:
            raise QueryError(f"'{word}': unknown kind; one of {', '.join(kinds)}")
        return Term("kind", value.lower(), negated=negated)
    if field == "is":
        if value.lower() not in STATES:
            raise QueryError(f"'{word}': unknown state; one of {', '.join(STATES)}")
        return Term("is", value.lower(), negated=negated)
    if field == "flag":
        return Term("flag", str(flag_number(value)), negated=negated)
    if field == "due":
        if not value.isdigit() or int(value) > MAX_NUMBER["due"]:
            raise QueryError(f"'{word}': due:N takes a number of days, e.g. due:3")
        return Term("due", value, "<=", negated)
    if field in ("rated", "introduced"):
        days, _, rating = value.partition(":")
        if not days.isdigit() or not 1 <= int(days) <= MAX_DAYS_BACK:
            raise QueryError(
                f"'{word}': {field}:N takes a number of days from 1 (today) to {MAX_DAYS_BACK}, "
                f"e.g. {field}:7"
            )
        if field == "introduced" and rating:
            raise QueryError(f"'{word}': introduced:N takes days only, e.g. introduced:7")
        if rating and rating not in ("1", "2", "3", "4"):
            raise QueryError(
                f"'{word}': the rating after the days is 1 (Again), 2 (Hard), 3 (Good) or 4 "
                "(Easy), e.g. rated:7:1"
            )
        return Term(field, str(int(days)), rating, negated)
    if field == "prop":
        raise QueryError(
            f"'{word}': write prop:NAME then <, <=, =, !=, >= or > and a whole number, "
            f"e.g. prop:lapses>3 (names: {', '.join(PROPS)})"
        )
    raise QueryError(
        f"'{word}': unknown search field '{field}'; use tag:, deck:, card:, kind:, is:, flag:, "
        "due:, rated:, introduced:, prop: or plain words (\\: for a colon in text, as in a\\:b)"
    )


def flag_number(value: str) -> int:
    """A flag by number (0-7) or colour name; QueryError otherwise."""
    text = value.strip().lower()
    if text.isdigit() and int(text) <= len(FLAGS):
        return int(text)
    if text in FLAGS:
        return FLAGS.index(text) + 1
    if text == "none":
        return 0
    raise QueryError(
        f"'{value}' is no flag: use 1-{len(FLAGS)} or a colour ({', '.join(FLAGS)}); 0 or none "
        "for no flag"
    )


def _example(field: str) -> str:
    return {
        "tag": "budget",
        "deck": "netflix*",
        "card": "ep-1",
        "kind": "cloze",
        "is": "due",
        "flag": "1",
        "due": "3",
        "rated": "1",
        "introduced": "7",
        "prop": "lapses>3",
    }.get(field, "value")


def compare(left: float, op: str, right: float) -> bool:
    if op == "<":
        return left < right
    if op == "<=":
        return left <= right
    if op == ">":
        return left > right
    if op == ">=":
        return left >= right
    if op == "!=":
        return left != right
    return left == right
