"""Stable card ids for imported cards, so importing an updated file again keeps the learner's progress.

Progress is keyed by card id. When the source has its own id (Anki's guid column) that id is kept;
otherwise the id is derived from the question side of the card, so editing an answer keeps the id.
Anki guids may contain any printable character; those that are not slugs are encoded reversibly
(`anki-` + base32), so exporting back to Anki restores the original guid and Anki updates the note
instead of adding a duplicate.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from kdquiz.core.deck_checks import (  # noqa: F401 - read from here too
    MAX_SLUG,
    SLUG,
    IdAllocator,
    is_slug,
    slugify,
)

GUID_PREFIX = "anki-"


def content_id(*parts: str) -> str:
    """A readable, stable id: the first words of the question plus a short hash of the parts."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:6]
    words = slugify(parts[0] if parts else "", max_len=32)
    return f"{words}-{digest}" if words else f"card-{digest}"


def id_from_guid(guid: str) -> str:
    guid = guid.strip()
    if is_slug(guid):
        return guid
    encoded = base64.b32encode(guid.encode("utf-8")).decode("ascii").lower().rstrip("=")
    candidate = GUID_PREFIX + encoded
    if len(candidate) <= MAX_SLUG:
        return candidate
    return "anki-h-" + hashlib.sha1(guid.encode("utf-8")).hexdigest()[:16]


def guid_for_id(card_id: str) -> str:
    """The Anki guid for a card: the original guid when the id encodes one, else the id itself."""
    if card_id.startswith(GUID_PREFIX) and not card_id.startswith("anki-h-"):
        body = card_id[len(GUID_PREFIX) :].upper()
        try:
            decoded = base64.b32decode(body + "=" * (-len(body) % 8)).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            return card_id
        if decoded.isprintable() and decoded.strip() and not is_slug(decoded):
            return decoded
    return card_id
