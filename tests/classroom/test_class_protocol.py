"""What a client may send: checked where it enters, refused with a reason that says what to fix."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kdquiz.classroom.protocol import (
    MAX_MESSAGE_BYTES,
    Answer,
    Join,
    ProtocolError,
    RateLimit,
    Rejoin,
    clean_name,
    parse_client,
)


def message(**fields: object) -> str:
    return json.dumps({"v": 1, **fields})


def test_the_three_requests_parse_into_plain_values() -> None:
    assert parse_client(message(type="join", code="012345", name="  Min   ji ")) == Join(
        "012345", "Min ji"
    )
    assert parse_client(message(type="rejoin", code="012345", token="abc")) == Rejoin(
        "012345", "abc"
    )
    assert parse_client(message(type="answer", question=2, response=[1, 0])) == Answer(2, (1, 0))
    assert parse_client(message(type="answer", question=1, response=True)) == Answer(1, True)
    persian = "می\u200cخواهم"  # a zero-width non-joiner belongs in the word: kept
    assert parse_client(message(type="answer", question=1, response=persian)) == Answer(1, persian)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("[1, 2]", "JSON object"),
        ("{", "JSON object"),
        ('{"v": 2, "type": "join"}', "version 1"),
        ('{"v": true, "type": "join", "code": "123456", "name": "A"}', "version 1"),
        ('{"v": 1.0, "type": "join", "code": "123456", "name": "A"}', "version 1"),
        ('{"v": "1", "type": "join", "code": "123456", "name": "A"}', "version 1"),
        ('{"v": 1}', "type"),
        (message(type="shout"), "unknown message type"),
        (message(type="join", code="12345", name="A"), "6-digit"),
        (message(type="join", code="١٢٣٤٥٦", name="A"), "6-digit"),  # Arabic-Indic digits
        (message(type="join", code="123456", name=""), "empty"),
        (message(type="join", code="123456", name="x" * 25), "at most 24"),
        (message(type="join", code="123456", name="Eve\u202egnp"), "control or invisible"),
        (message(type="answer", question=0, response=1), "number of the question"),
        (message(type="answer", question=True, response=1), "number of the question"),
        (message(type="answer", question=1, response={"a": 1}), '"response" must be'),
        (message(type="answer", question=1, response="x" * 201), "at most 200"),
        (message(type="answer", question=1, response="=1+1\x1b[2J"), "control characters"),
        (message(type="answer", question=1, response="Seoul\r\nBusan"), "control characters"),
        (message(type="answer", question=1, response=list(range(40))), "at most 32"),
        ('{"v": 1, "type": "answer", "question": 1, "response": NaN}', "JSON object"),
        (
            '{"v": 1, "type": "answer", "question": 1, "response": "'
            + "x" * MAX_MESSAGE_BYTES
            + '"}',
            "too large",
        ),  # fmt: skip
        ("[" * 100_000, "too large"),
        ("[" * 2000 + "]" * 2000, "JSON object"),  # nested deeper than the parser goes
        ('{"v": 1, "type": "answer", "question": 1, "response": 1e999}', "finite"),
    ],
)
def test_anything_else_is_refused_with_what_was_wrong(raw: str, reason: str) -> None:
    with pytest.raises(ProtocolError, match=reason):
        parse_client(raw)


@given(st.text(max_size=300))
def test_no_text_makes_the_parser_fail_other_than_with_a_protocol_error(raw: str) -> None:
    try:
        parse_client(raw)
    except ProtocolError:
        pass


@given(st.text(min_size=1, max_size=24))
def test_a_clean_name_is_short_and_visible(name: str) -> None:
    try:
        cleaned = clean_name(name)
    except ProtocolError:
        return
    assert 0 < len(cleaned) <= 24 and cleaned == cleaned.strip()
    assert all(c.isprintable() or c == " " for c in cleaned)


def test_the_rate_limit_allows_a_burst_then_refills_with_time() -> None:
    now = [0.0]
    limit = RateLimit(lambda: now[0], burst=3, per_second=2.0)
    assert [limit.allow() for _ in range(4)] == [True, True, True, False]
    now[0] += 0.5  # one message's worth
    assert [limit.allow(), limit.allow()] == [True, False]


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("Ana", True),
        ("Аня", True),  # all Cyrillic
        ("Σοφία", True),
        ("김민 Kim", True),  # Hangul beside Latin: nothing looks alike
        ("Ana Аня", True),  # one alphabet a word
        ("\u0410na", False),  # Cyrillic А then Latin: looks like "Ana"
        ("P\u03b1ul", False),  # Greek alpha inside a Latin word
    ],
)
def test_a_word_of_a_name_mixing_look_alike_alphabets_is_refused(name: str, kept: bool) -> None:
    if kept:
        assert clean_name(name) == name
    else:
        with pytest.raises(ProtocolError, match="one alphabet"):
            clean_name(name)
