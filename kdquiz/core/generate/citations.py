"""Citations in square brackets: "[P-J Proudhon, What is Property, p. 264]", "[Anarchy, p. 16]",
"[Smith, 1998]". A FAQ or an essay puts them before or after the sentence it quotes; they are
where a passage comes from, never a fact to ask, so they are cut from the sentence they stand
in, and a "sentence" that is only a citation is none. Goes by shape: square brackets around a
page number ("p. 264", "pp. 10-12") or a year after a comma; not a link ("[text](url)"), a
footnote mark ("[1]") or an editor's word ("[sic]")."""

from __future__ import annotations

import re

_CITATION = re.compile(
    r"\s*\[(?=[^\[\]]*(?:\bpp?\.\s*\d|,\s*(?:1[5-9]|20)\d\d\b))[^\[\]]{2,200}\](?!\()"
)


def without_citations(sentence: str) -> str:
    """The sentence without a bracketed citation before it ("[P-J Proudhon, What is Property,
    p. 264] In other words, ..."); a citation alone, or after the sentence, stays (a citation
    after a quotation names who said it; nothing in it is asked)."""
    found = _CITATION.match(sentence)
    if not found or not re.search(r"[A-Za-z]{2}", sentence[found.end() :]):
        return sentence
    return sentence[found.end() :].strip()


def citation_only(sentence: str) -> bool:
    """ "[The Politics of Individualism, p. 106].": where a quotation is from, no fact."""
    return not re.search(r"[A-Za-z]{2}", _CITATION.sub("", sentence))
