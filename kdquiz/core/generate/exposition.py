"""Exposition told as "we" and "you", restated as impersonal facts.

Textbooks, primers, lectures and recipes teach in the first and second person: "We call the
sugary liquid the wort.", "We measure gravity in degrees Plato.", "You add the hops at the end of
the boil to keep their aroma.", "As we saw, ...". Such a "we" is the writer and the reader
together, not a narrator, and the sentence states a general fact; so it is restated in the
passive ("Gravity is measured in degrees Plato.", "The hops are added at the end of the boil to
keep their aroma.") and empty lead-ins are dropped, and the other rules ask the result. Only the
present tense of a verb of exposition is restated, with the thing acted on named (not "it",
"this", "that ..."); narrative ("we chose", "we will use", "our team"), opinions ("we
believe"), and conditionals stay first person and are skipped as before.
"""

from __future__ import annotations

import re

#: Verbs of exposition and their participles: what is done to a thing, told to a reader.
_DONE = {
    "add": "added",
    "apply": "applied",
    "bake": "baked",
    "boil": "boiled",
    "build": "built",
    "calculate": "calculated",
    "classify": "classified",
    "combine": "combined",
    "compute": "computed",
    "convert": "converted",
    "cook": "cooked",
    "count": "counted",
    "cut": "cut",
    "define": "defined",
    "denote": "denoted",
    "describe": "described",
    "divide": "divided",
    "draw": "drawn",
    "express": "expressed",
    "find": "found",
    "group": "grouped",
    "heat": "heated",
    "insert": "inserted",
    "measure": "measured",
    "mix": "mixed",
    "need": "needed",
    "place": "placed",
    "pour": "poured",
    "put": "put",
    "record": "recorded",
    "regard": "regarded",
    "remove": "removed",
    "represent": "represented",
    "see": "seen",
    "separate": "separated",
    "sort": "sorted",
    "split": "split",
    "stir": "stirred",
    "store": "stored",
    "treat": "treated",
    "use": "used",
    "view": "viewed",
    "write": "written",
}
_VERBS = "|".join(sorted(_DONE, key=len, reverse=True))
#: How often or whether: "we usually add" -> "is usually added", "you can use" -> "can be used".
_MODALS = ("can", "should", "must", "may")
_ADVERBS = "often|usually|always|generally|typically|normally|commonly|sometimes|then|also|first"
#: What follows the thing acted on: where, how or what for.
_AFTER = (
    "to|for|in|into|as|at|with|by|from|on|onto|over|under|before|after|until|when|during|"
    "using|through|instead of|rather than"
)
_PASSIVE = re.compile(
    r"^(?P<lead>[A-Z][^,;:]{0,60}, )?(?:we|you) "
    rf"(?:(?P<modal>{'|'.join(_MODALS)}) )?(?:(?P<adverb>{_ADVERBS}) )?"
    rf"(?P<verb>{_VERBS}) (?:(?P<particle>up|out|down|off|together|aside|away) )?"
    rf"(?P<x>[^,;:]{{2,60}}?) (?P<rest>(?:{_AFTER})\b[^;:]{{3,}})$",
    re.IGNORECASE,
)
#: "X is what we call Y" -> "X is called Y"; "what we call Y" -> "what is called Y".
_WHAT_WE_CALL = re.compile(r"\bwhat (?:we|you) (?:usually |often |sometimes )?call\b", re.I)
_IS_WHAT = re.compile(r"\b(?P<be>is|are) what is called\b")
#: "We call the sugary liquid the wort." / 'We call such stars "giants".': Y named by an
#: article or quotation marks, so where X ends is plain.
_WE_CALL = re.compile(
    r"^(?P<lead>[A-Z][^,;:]{0,60}, )?(?:we|you) (?:(?P<adverb>usually|often|sometimes|also) )?"
    r"call (?P<x>(?:the|an?) [^,;:\"“]{2,60}?) "
    r"(?P<y>(?:the|an?) [\w-]+(?: [\w-]+)?|[\"“][^\"”]{2,40}[\"”])\.?$",
    re.IGNORECASE,
)
#: "We refer to X as Y", "We know X as Y", "You can think of X as Y" -> "X is referred to as
#: Y", "X is known as Y", "X can be thought of as Y".
_AS = re.compile(
    r"^(?P<lead>[A-Z][^,;:]{0,60}, )?(?:we|you) (?:(?P<adverb>usually|often|sometimes|also) )?"
    r"(?:(?P<modal>can|may) )?(?P<verb>refer to|know|think of) (?P<x>[^,;:]{2,60}?) as (?P<y>[^;:]{2,})$",
    re.IGNORECASE,
)
#: Lead-ins that only point back at the reading: "As we saw, ...", "Here we see that ...".
_EMPTY_LEAD = re.compile(
    r"^(?:as (?:we|you) (?:have |will |can |may )?(?:saw|seen|see|noted|learned|learnt|"
    r"mentioned|discussed)(?: (?:earlier|above|before|previously|already))?, |"
    r"(?:here |now )?(?:we|you) (?:can |now )?(?:see|know|note) that |here we see that )",
    re.IGNORECASE,
)
#: What is acted on must be named: not a pronoun, a clause or a narrative's own thing.
_UNNAMED = re.compile(
    r"^(?:it|them|this|that|these|those|him|her|us|me|what|how|whether|which|sure|to|"
    r"my|ourselves|yourself|yourselves|one|some|something|anything|everything)\b",
    re.IGNORECASE,
)
#: A purpose or place that is only a pronoun: "for this", "with it".
_POINTS_BACK = re.compile(r"\b(?:it|them|this|that|these|those)\W*$", re.IGNORECASE)
#: "We build up our recipe": the reader's and writer's thing is any such thing; not "our
#: galaxy", "our planet", "our ancestors", which are one of a kind.
_OURS = re.compile(
    r"\b(?:[Oo]ur|[Yy]our) (?!own\b|galaxy\b|planet\b|world\b|universe\b|solar\b|sun\b|moon\b|"
    r"country\b|nation\b|species\b|ancestors\b|society\b|civili[sz]ation\b|era\b|[A-Z])"
)
#: "The style description tells us that ...": a source, kept as "According to ...".
_TELLS_US = re.compile(
    r"^(?P<src>(?:The|A|An) [^,;:]{2,50}?) (?:tells?|shows?|teaches|teach|reminds?) us that "
    r"(?P<rest>[^;:]{8,})$"
)
#: "... will give us a color of 52 SRM": the reader as beneficiary adds nothing.
_GIVES_US = re.compile(r"(?<=\w )(?P<v>gives?|yields?|brings?) us (?=an?\b|the\b|\d|[a-z]+ \w)")
#: "..., or rotate the wheel": a second instruction the restatement would leave as one.
_SECOND_STEP = re.compile(r", (?:or|and|then) (?!the\b|an?\b)[a-z]+ (?:the|an?|your|it|them)\b")
_PLURAL_EXCEPT = ("ss", "us", "is", "ous")


def _be(thing: str) -> str:
    """ "is" or "are" for a noun phrase: its head noun (before "of") plural or a pair."""
    head = re.split(r" of | with | in ", thing, maxsplit=1)[0]
    if " and " in head:
        return "are"
    last = head.split()[-1].casefold()
    plural = last.endswith("s") and not last.endswith(_PLURAL_EXCEPT)
    return "are" if plural else "is"


def _capital(lead: str, text: str) -> str:
    return text if lead else text[0].upper() + text[1:]


def _verb_phrase(match: re.Match[str], participle: str, thing: str) -> str:
    modal = (match.groupdict().get("modal") or "").casefold()
    adverb = (match.groupdict().get("adverb") or "").casefold()
    if modal:
        words = [modal, adverb, "be", participle]
    else:
        words = [_be(thing), adverb, participle]
    return " ".join(w for w in words if w)


def impersonal(text: str) -> str:
    """The sentence with an exposition's "we"/"you" restated in the passive, and an empty
    lead-in ("As we saw,") dropped; unchanged when it is no such sentence."""
    lead_in = _EMPTY_LEAD.match(text)
    if lead_in:
        text = text[lead_in.end() :]
        text = text[:1].upper() + text[1:]
    match = _TELLS_US.match(text)
    if match:
        src = match["src"]
        text = f"According to {src[0].lower()}{src[1:]}, {match['rest']}"
    text = _GIVES_US.sub(lambda m: m["v"] + " ", text)
    text = _WHAT_WE_CALL.sub("what is called", text)
    text = _IS_WHAT.sub(lambda m: f"{m['be']} called", text)
    match = _WE_CALL.match(text)
    if match:
        lead, thing = match["lead"] or "", match["x"]
        phrase = _verb_phrase(match, "called", thing)
        return lead + _capital(lead, f"{thing} {phrase} {match['y']}.")
    match = _AS.match(text)
    if match and not _UNNAMED.match(match["x"]):
        lead, thing = match["lead"] or "", match["x"]
        verb = match["verb"].casefold()
        done = {"refer to": "referred to", "think of": "thought of"}.get(verb, "known")
        phrase = _verb_phrase(match, done, thing)
        return lead + _capital(lead, f"{thing} {phrase} as {match['y']}")
    match = _PASSIVE.match(text)
    if match and not _UNNAMED.match(match["x"]) and not re.search(r"\b(?:we|you)\b", match["x"]):
        lead, thing = match["lead"] or "", _OURS.sub("the ", match["x"])
        if _POINTS_BACK.search(match["rest"]) or _SECOND_STEP.search(match["rest"]):
            return text  # "We use X for this.": what for is in another sentence
        if lead and re.search(r"\b(?:if|when|once|after|before|since|because)\b", lead, re.I):
            return text  # "If we ..., we ...": a condition, not a statement
        phrase = _verb_phrase(match, _DONE[match["verb"].casefold()], thing)
        particle = f" {match['particle']}" if match["particle"] else ""
        return lead + _capital(lead, f"{thing} {phrase}{particle} {match['rest']}")
    return text
