"""Several facts in one sentence: a list of things, each paired with what it does or is.

"Ctrl+O opens a document, Ctrl+S saves it, and Shift+Ctrl+S saves it under a new name." pairs
three keys with three actions; "Use F4 for rectangles and F5 for ellipses", "You can use the
keyboard to move (arrow keys), scale (< and > keys), and rotate ([ and ] keys) objects", "To
save, use File⇒Save (Ctrl+S), or File⇒Save As (Shift+Ctrl+S) to save under a new name",
"Paris is the capital of France, Madrid of Spain", "Hydrogen has one proton, helium two and
lithium three" and "gzip packs files, gunzip unpacks them" do the same in other words. Each pair is asked on its own, always from what the
thing does to the thing ("Which key saves the document under a new name?"), the other things of
the list as the first wrong choices: the list itself says they do something else. Every rule
goes by the shape of the sentence, never its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kdquiz.core.generate import language
from kdquiz.core.generate import lexicon as lx

#: A key or a key combination, whole: "Shift+Ctrl+S", "Ctrl+middle click", "F4", "C-x", "Esc".
KEY = (
    r"(?:(?:Ctrl|Alt|Shift|Cmd|Meta|Super|Control|Option)\+)+[^\s,;()]+?"
    r"(?: (?:click|drag|double-click)|-click(?:ing)?)?(?=[.:]?(?:[\s,;()]|$))"
    r"|F\d{1,2}\b|[CM]-[a-z_?](?![\w-])|\b(?:Esc|Enter|Backspace|PgUp|PgDn)\b"
)
#: A menu path, whole: "File⇒Save As", "Help⇒Keys and Mouse Reference", "File⇒New from
#: Template…" (lower-case linking words inside it, never "or").
MENU = r"\w+(?:⇒[\w…]+(?: (?:(?:and|of|from|to|the|with|for|in) )*[A-Z][\w…]*)*)+"
OPTION = r"(?<![\w-])--?[A-Za-z][\w-]*(?![\w>])"
CODE = r"(?<![\w<])(?:[A-Za-z]\w*\(\)|[A-Za-z]+_\w+)(?![\w>])"
#: Keys written as characters and named as keys: "< and > keys", "[ and ] keys", "arrow keys".
CHAR_KEYS = r"(?:\S (?:and|or) \S|[a-z]+|\S) keys?"

_KINDS = {"key": KEY, "menu": MENU, "option": OPTION, "code": CODE}
#: One thing, or two of one kind joined as one ("Alt+> and Alt+<", "Ctrl+right click or ...").
_ONE = {kind: rf"(?:{p})(?:\s+(?:and|or)\s+(?:{p}))?" for kind, p in _KINDS.items()}
_ANY = "|".join(f"(?P<{kind}>{p})" for kind, p in _ONE.items())
#: A capitalised name of up to three words; after it, a list may go on in lower-case words
#: ("Hydrogen has one proton, helium two ...").
_NAME = r"[A-Z][\w'’-]+(?: (?:(?:of|de|van|von) )?[A-Z][\w'’-]+){0,2}"
_WORD = r"[a-z][a-z-]+"
#: A program's lower-case name, no word of the dictionary: "gzip", "zcat", "xz".
_TOOL = r"[a-z][a-z0-9-]{1,30}(?=[\s,])"

#: What a subject does: a verb in the present or past, or one after a modal.
_VERB = re.compile(
    r"(?:is|are|was|were|has|have|had|(?:can|will|may|must|does|did)\s+\w+|"
    r"[a-z]{2,}(?:s|ed))\b"
)
#: A word no verb is: "the", "a", a number, a preposition. A clause whose rest starts with one
#: leaves its verb to the first clause ("Madrid of Spain", "helium two").
_GAPPED = re.compile(
    r"(?:of|in|for|to|from|with|at|on|by|the|a|an|\d[\d.,]*|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve)\b"
)
_NUMBER = re.compile(
    r"\b(?:\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b"
)
#: A separator between two items of a list.
_SEPARATOR = r"(?:,\s+(?:and\s+|or\s+|while\s+|whereas\s+)?|;\s+(?:and\s+)?|\s+(?:and|or)\s+)"
#: A pronoun that leans on another clause: "Ctrl+S saves it".
_PRONOUN = re.compile(
    r"\b(?:it|them|they|this|these|those|one(?=\s+(?:from|in|with|for|to|by|that)\b|[,.;]|$))\b",
    re.IGNORECASE,
)
#: A comparison whose other side is elsewhere: "is older", "runs faster", "is more compact".
_COMPARED = re.compile(
    r"^(?:is|are|was|were|runs|works|becomes)\s+(?:much\s+|far\s+)?"
    r"(?:[a-z]{2,}er|more\s+[a-z]+|less\s+[a-z]+)$"
)
_ASIDE = re.compile(r"\s*\([^()]*\)")
#: Longest sentence read as a list, in words, and the longest action asked.
MAX_WORDS = 50
MAX_ACTION_WORDS = 16


@dataclass(frozen=True)
class Pair:
    """One thing of a list and what the list says it does, as a question without its "Which"."""

    thing: str
    start: int  # where the thing stands in the sentence
    kind: str  # key, menu, option, code, tool or name
    asked: str  # "opens a document?", "is used to save under a new name?"
    said: str  # "Ctrl+O opens a document", "Shift+Ctrl+S is used to save under a new name"


def _kind_of(thing: str) -> str:
    for kind, pattern in _ONE.items():
        if re.fullmatch(pattern, thing):
            return kind
    if re.fullmatch(CHAR_KEYS, thing):
        return "key"
    return ""


def _action(text: str) -> str:
    return re.sub(r"\s+", " ", _ASIDE.sub("", text)).strip(" ,;")


def joined(thing: str) -> bool:
    """Two things asked as one ("Alt+[ and Alt+]"): chosen among others, never typed."""
    return re.search(r"\s(?:and|or)\s", thing) is not None


def _plural(thing: str) -> bool:
    return joined(thing) or thing.endswith("keys")


def _by_subjects(text: str) -> list[Pair]:
    """ "Ctrl+O opens a document, Ctrl+S saves it, and Shift+Ctrl+S saves it under a new name",
    "Paris is the capital of France, Madrid of Spain": a subject and what it does, in turn."""
    if ":" in text:
        return []  # "... for the yard: one by ..., bronze yard #11 ...": a list inside
    first = re.match(rf"(?:{_ANY})|{_NAME}|{_TOOL}", text)
    if not first:
        return []
    thing = text[: first.end()]
    kind = _kind_of(thing)
    if not kind and _tool(thing):
        kind = "tool"
    elif not kind and thing[:1].isupper() and _name_like(thing):
        kind = "name"
    if not kind:
        return []
    # A name, or a rare word the sentence capitalises only as its first ("Hydrogen ...,
    # helium ..."); a tool's lower-case name ("gzip ..., gunzip ...").
    subject = {"name": rf"(?:{_NAME}|{_WORD})", "tool": _TOOL}.get(kind) or rf"(?:{_ONE[kind]})"
    clauses = []
    for start, clause in _items(text, _separators(text, subject, 0, r"[\s,]")):
        found = re.match(rf"(?P<thing>{subject})\s+(?P<rest>.+)$", clause)
        if not found:
            return []
        clauses.append((start, found["thing"], found["rest"]))
    if len(clauses) < 2 and kind != "key":
        return []  # one key as the subject ("Ctrl+A selects all objects") is asked alone
    start, thing, rest = clauses[0]
    if not _does(rest, thing):
        return []
    out = [Pair(thing, start, kind, rest, f"{thing} {rest}")]
    gapped = False
    for start, thing, rest in clauses[1:]:
        if kind == "name" and not _name_like(thing):
            return []  # "it", "this": a pronoun, not a name of the list
        if kind == "name" and thing.islower() and not _rare_word(thing):
            return []  # "..., meaning the reunion of ...": a participle's clause, no list
        if kind == "tool" and not _tool(thing):
            return []
        if _does(rest, thing):
            out.append(Pair(thing, start, kind, rest, f"{thing} {rest}"))
            continue
        gap = _GAPPED.match(rest) and kind != "tool"  # "..., selectable by ...": no tool
        filled = _gap_filled(clauses[0][2], rest) if gap else ""
        if not filled:
            return []
        gapped = True
        out.append(Pair(thing, start, kind, filled, f"{thing} {filled}"))
    if kind == "name" and not gapped:
        # Two names that each do something are two facts, not a list: only a list that leaves
        # its verb to the first clause, or repeats it, pairs its names.
        verbs = {" ".join(p.asked.split()[:2]) for p in out}
        if len(verbs) != 1:
            return []
    return _resolved(out)


def _separators(text: str, item: str, start: int, tail: str = "") -> list[tuple[int, int]]:
    """Where each item of the list starts, and the separator before it ((start, start) for the
    first); a separator inside an item ("Alt+[ and Alt+]") is no boundary."""
    spans = [(start, start)]
    taken = re.match(item, text[start:])
    end = start + (taken.end() if taken else 0)
    for found in re.finditer(rf"{_SEPARATOR}(?={item}{tail})", text):
        if found.start() < end:
            continue
        spans.append(found.span())
        taken = re.match(item, text[found.end() :])
        end = found.end() + (taken.end() if taken else 0)
    return spans


def _items(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """Each item of the list, where it starts, without the separator after it."""
    out = []
    for number, (_, start) in enumerate(spans):
        end = spans[number + 1][0] if number + 1 < len(spans) else len(text)
        out.append((start, text[start:end].rstrip(" .,;")))
    return out


def _gap_filled(first: str, rest: str) -> str:
    """The first clause's verb put back: "is the capital of France" + "of Spain" -> "is the
    capital of Spain"; "has one proton" + "two" -> "has two protons"."""
    number = _NUMBER.match(rest)
    if number and rest == number[0]:
        said = _NUMBER.search(first)
        if not said:
            return ""
        noun = re.match(r"\s+([a-z]+)", first[said.end() :])
        after = first[said.end() :]
        if noun and said[0] in {"one", "1"} and rest not in {"one", "1"}:
            after = f" {noun[1]}s{after[noun.end() :]}"
        return f"{first[: said.start()]}{rest}{after}"
    word = rest.split()[0]
    position = re.search(rf"\b{re.escape(word)}\b", first)
    if not position or len(first[: position.start()].split()) < 2:
        return ""  # "Venus the hottest": nothing of the first clause but its verb carries over
    return f"{first[: position.start()]}{rest}"


#: A one-word name more common than this is an everyday word ("The", "This", "It").
NAME_ZIPF = 5.5


def _name_like(thing: str) -> bool:
    """A name or a word that may head a list: not a function word nor a pronoun."""
    if thing.split()[0].casefold() in lx.STOP_WORDS:
        return False  # "The US has had ...": a subject, not a name heading a list
    if " " in thing:
        return True
    return (
        len(thing) >= 3
        and thing.casefold() not in lx.STOP_WORDS
        and language.zipf(thing) < NAME_ZIPF
        and not _PRONOUN.fullmatch(thing)
    )


def _rare_word(word: str) -> bool:
    """A lower-case word that may name a list's thing ("helium", "lithium"): no participle
    ("meaning", "including", "followed"), which opens a clause of the sentence's own."""
    return not word.endswith(("ing", "ed"))


def _tool(thing: str) -> bool:
    return re.fullmatch(_TOOL.split("(?=")[0], thing) is not None and language.zipf(thing) == 0


def _does(rest: str, thing: str) -> bool:
    """The clause goes on with a verb: "opens ...", "is ...", and after two things joined
    ("Alt+[ and Alt+]") a plural one: "rotate ..."."""
    if _GAPPED.match(rest):
        return False
    if _VERB.match(rest):
        return True
    return _plural(thing) and re.match(r"[a-z]{3,}\s", rest) is not None


#: "use T1 for A1 and T2 for A2", "press T1 to A1, or T2 to A2": the things after one verb.
_USE_LIST = re.compile(
    r"^(?:(?:you\s+can|you\s+may|you\s+should)\s+(?:also\s+)?)?"
    r"(?:use|press|type|hit|choose|select|click)\s+",
    re.IGNORECASE,
)


def _by_purpose(text: str) -> list[Pair]:
    """ "Use F4 for rectangles and F5 for ellipses": each thing and what it is used for."""
    opening = _USE_LIST.match(text)
    if not opening:
        return []
    item = (
        rf"(?:the\s+)?(?P<thing>{_ANY}|{_NAME})(?:\s+(?:key|keys|option|command|button))?"
        r"\s+(?P<link>to|for)\s"
    )
    out = []
    for start, clause in _items(text, _separators(text, item, opening.end())):
        found = re.match(rf"{item}(?P<action>.+)$", clause)
        if not found:
            return []
        thing = found["thing"]
        if not _kind_of(thing) and not _name_like(thing):
            return []
        verb = "are" if _plural(thing) else "is"
        # "..., or rotate the mouse wheel with Ctrl": another instruction, not this pair's.
        action = re.split(r",\s+(?:or|and)\s+", found["action"])[0]
        action = f"{found['link']} {_action(action)}"
        out.append(
            Pair(
                thing,
                start + found.start("thing"),
                _kind_of(thing) or "name",
                f"{verb} used {action}?",
                f"{thing} {verb} used {action}",
            )
        )
    kinds = {p.kind for p in out}
    return _resolved(out) if len(out) >= 2 and len(kinds) == 1 else []


#: "to move (arrow keys), scale (< and > keys), and rotate ([ and ] keys) objects".
_VERB_KEYS = re.compile(
    r"\bto\s+(?P<items>[a-z]+\s+\([^()]+\)(?:(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
    r"[a-z]+\s+\([^()]+\))+)\s+(?P<object>[a-z][\w\s-]{0,40}?)(?:\s+(?:by|with|in|on)\s[^.]*)?\.?$"
)


def keys_in_brackets(text: str) -> bool:
    """Does the sentence pair verbs with the keys in brackets after them ("to move (arrow
    keys), scale (< and > keys), and rotate ([ and ] keys) objects")? Its brackets are no
    asides."""
    return bool(_by_bracketed(text))


def _by_bracketed(text: str) -> list[Pair]:
    """ "You can use the keyboard to move (arrow keys), scale (< and > keys) ... objects": each
    verb and the keys in brackets after it."""
    found = _VERB_KEYS.search(text)
    if not found:
        return []
    out = []
    for item in re.finditer(r"(?P<verb>[a-z]+)\s+\((?P<thing>[^()]+)\)", found["items"]):
        thing = item["thing"]
        kind = _kind_of(thing)
        if kind != "key":
            return []
        verb = "are" if _plural(thing) else "is"
        action = f"to {item['verb']} {found['object']}"
        start = found.start("items") + item.start("thing")
        out.append(
            Pair(thing, start, kind, f"{verb} used {action}?", f"{thing} {verb} used {action}")
        )
    return out if len(out) >= 2 else []


#: "To A1, use M1 (K1), or M2 (K2) to A2." / "To A, use M or press K." / "To A, use M (K).":
#: each key a menu command is given with, and what it is for.
_MENU_KEYS = re.compile(
    rf"^To\s+(?P<a1>[^,]{{3,60}}),\s+(?:use|choose|select)\s+(?:{MENU})\s*"
    rf"(?:\((?P<k1>{KEY})\)|or\s+press\s+(?P<k1b>{KEY}))"
    rf"(?:,?\s+or\s+(?:{MENU})\s*\((?P<k2>{KEY})\)\s+to\s+(?P<a2>[^.]{{3,60}}))?\.?$"
)


def _by_menu(text: str) -> list[Pair]:
    found = _MENU_KEYS.match(text)
    if not found:
        return []
    out = []
    for key, action in ((found["k1"] or found["k1b"], found["a1"]), (found["k2"], found["a2"])):
        if key and action:
            action = f"to {_action(action)}"
            out.append(
                Pair(key, text.find(key), "key", f"is used {action}?", f"{key} is used {action}")
            )
    return _resolved(out)


def _resolved(pairs: list[Pair]) -> list[Pair]:
    """Pairs whose action leans on another clause ("Ctrl+S saves it") take the thing the first
    clause acts on ("a document" -> "the document"); none that cannot. The things and what
    they do are all different."""
    if len({p.thing.casefold() for p in pairs}) != len(pairs):
        return []
    if len({p.asked.casefold() for p in pairs}) != len(pairs):
        return []
    target = re.match(
        r"\S+\s+(?:(?:a|an|the)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)|([a-z]+s))$", pairs[0].asked
    )
    out = []
    for pair in pairs:
        asked = _action(pair.asked.rstrip("?"))
        if _COMPARED.search(asked) and " than " not in asked:
            out.append(Pair(pair.thing, pair.start, pair.kind, "", pair.said))
            continue  # "lzma is older": older than what?
        if _PRONOUN.search(asked):
            if not target or pair is pairs[0]:
                out.append(Pair(pair.thing, pair.start, pair.kind, "", pair.said))
                continue
            asked = _PRONOUN.sub(f"the {target[1] or target[2]}", asked)
        out.append(Pair(pair.thing, pair.start, pair.kind, f"{asked}?", pair.said))
    return out


def pairs_in(text: str) -> list[Pair]:
    """The things of the sentence each paired with what it does or is, two at least (a key or
    a menu command's key may stand alone: "Ctrl+A selects all objects"); a pair
    whose `asked` is empty is only a wrong choice for the others (its action leans elsewhere).
    An empty list for any other sentence."""
    text = text.strip()
    if len(text.split()) > MAX_WORDS or not text.endswith("."):
        return []
    if "respectively" in text:
        return []  # "A and B scale up or down to 200% or 50%, respectively": pairs across
    for reader in (_by_menu, _by_bracketed, _by_purpose, _by_subjects):
        found = reader(text)
        if found:
            return (
                [p for p in found if not p.asked or len(p.asked.split()) <= MAX_ACTION_WORDS]
                if len(found) >= 2 or reader is _by_menu or found[0].kind == "key"
                else []
            )
    return []


def which(pair: Pair, plural: bool | None = None) -> str:
    """The question's opening for the thing's kind: "Which key", "Which menu command"."""
    plural = _plural(pair.thing) if plural is None else plural
    noun = {"key": "key", "menu": "menu command", "option": "option"}.get(pair.kind, "")
    if noun == "key" and "click" in pair.thing.casefold():
        noun = "click"  # "Ctrl+middle click"
    if not noun:
        return "What"
    return f"Which {noun}s" if plural else f"Which {noun}"


def things_of_kind(text: str, kind: str) -> list[str]:
    """Every thing of the kind the text names: the wrong choices after a list's own."""
    if kind not in _ONE:
        return []
    return [m[0] for m in re.finditer(_ONE[kind], text)]


def _combo(text: str) -> bool:
    return re.search(r"\w\+\S", text) is not None


def clash(one: str, other: str) -> bool:
    """Two choices that read as one: the same, or one inside the other ("gzip", "gzip -d") --
    but "Ctrl+S" and "Shift+Ctrl+S" are two keys, as different as "Ctrl+S" and "Ctrl+O"."""
    one, other = one.casefold(), other.casefold()
    if one == other:
        return True
    return (one in other or other in one) and not (_combo(one) and _combo(other))


def same_shape(one: str, other: str) -> bool:
    """Two things written alike: both a click or neither, both two keys joined or neither, both
    a combination or neither, both a key named in capitals ("F4") or neither."""

    def shape(text: str) -> tuple[bool, bool, bool, bool]:
        return (
            "click" in text.casefold(),
            joined(text),
            "+" in text,
            re.fullmatch(r"[A-Z][A-Z0-9]{1,6}", text) is not None,  # "F4" beside "F5"
        )

    if one.endswith("keys") or other.endswith("keys"):
        return shape(one)[0] == shape(other)[0]  # "< and > keys" beside "Alt+Q": keys named
    return shape(one) == shape(other)


def contains_word(text: str, thing: str) -> bool:
    """Is the thing in the text as a whole word ("Ctrl+S" in "use Ctrl+S", "Madrid" in "Madrid
    of Spain"; not "Esc" in "Escape")?"""
    return re.search(rf"(?<!\w){re.escape(thing)}(?!\w)", text) is not None


_LEANING_ASIDE = re.compile(r"\s*\([^()]*\b(?:this|that|these|those|it|they)\b[^()]*\)", re.I)


def without_leaning_asides(text: str) -> str:
    """ "Ctrl+A selects all objects in the current layer (if you did not create any layers,
    this is the same as ...)." without its aside, which leans elsewhere: what a pair card
    quotes."""
    return _LEANING_ASIDE.sub("", text)
