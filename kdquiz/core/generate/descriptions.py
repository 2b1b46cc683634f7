"""A definite description that the section's own heading names.

Under "## Planets" then "### Mars", a sentence "The planet has two small moons." means Mars: the
heading above names the one thing of the kind an earlier heading lists. The description is
given its name ("The planet Mars has two small moons."), so the card says which one; likewise
"The literal translation means ..." under a heading that is a name becomes "The literal
translation of <name> means ...". Only when the heading is a name (capitalised words), an
earlier heading is the plural of the description's noun, and the sentence does not name the
thing already, and only as the sentence's subject ("The planet ...", "The center of the star
line ..."): "when the game ends" stays, to be asked for the section it is stated in. Plural
descriptions ("the planets") are left alone.
"""

from __future__ import annotations

import re

_PARTICLES = "o|of|de|la|le|du|da|di|del|der|von|van|al|el|y|the|and"
_NAME = r"[A-Z][\w’'‘.-]*"
#: A heading that is a name: "Mars", "Ka Lupe o Kawelo", "Rio de la Plata".
_NAME_HEADING = re.compile(rf"^{_NAME}(?: (?:{_NAME}|(?:{_PARTICLES})(?= [A-Z])))" r"{0,5}$")
#: "The planet", "this star line", "The star line itself": a one- or two-word description.
_DESCRIPTION = re.compile(
    r"\b(?P<det>[Tt]he|[Tt]his) (?P<kind>[a-z]+(?: (?!itself\b)[a-z]+)?)(?P<itself> itself)?(?=[\s,.;])"
)
#: What may come before the description: nothing, or "The center of".
_OPENING = re.compile(r"(?:The [a-z]+ of )?")
#: "The direct translation means ...": what the heading's name means.
_MEANING = re.compile(
    r"^The (?P<noun>(?:(?:direct|literal|exact|English|original|full) )?"
    r"(?:translation|meaning|name)) (?=(?:means|is|was)\b)"
)


def _kinds(heading: str, headings: tuple[str, ...]) -> set[str]:
    """The nouns the headings before this one list in the plural: "Star Lines" -> "star line"."""
    if heading not in headings:
        return set()
    kinds = set()
    for earlier in headings[: headings.index(heading)]:
        words = earlier.casefold().split()
        for size in (1, 2):
            if len(words) >= size:
                plural = " ".join(words[-size:])
                for end in ("es", "s"):
                    if plural.endswith(end) and len(plural) > len(end) + 2:
                        kinds.add(plural[: -len(end)])
    return kinds


def described_by_heading(text: str, heading: str, headings: tuple[str, ...]) -> str:
    """The sentence with its description of the section's subject given the heading's name."""
    if not _NAME_HEADING.match(heading) or heading.casefold() in text.casefold():
        return text
    meaning = _MEANING.match(text)
    if meaning:
        return f"The {meaning['noun']} of {heading} {text[meaning.end() :]}"
    kinds = _kinds(heading, headings)
    for match in _DESCRIPTION.finditer(text):
        if not _OPENING.fullmatch(text[: match.start()]):
            break  # the subject only: "when the game ends" is a rule asked for its section
        kind = match["kind"]
        if kind not in kinds:
            kind = kind.split()[0]
            if kind not in kinds:
                continue
        the = "The" if match["det"][0].isupper() else "the"
        end = match.end() if kind == match["kind"] else match.start("kind") + len(kind)
        return f"{text[: match.start()]}{the} {kind} {heading}{text[end:]}"
    return text
