"""`kdquiz host` and `kdquiz join` check what they are given before anything starts."""

from __future__ import annotations

import io

import pytest

from kdquiz.classroom import server
from kdquiz.cli import main
from kdquiz.commands import host


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["join", "127.0.0.1:8470", "12345", "--name", "Min"], "6-digit join code"),
        (["join", "127.0.0.1:8470", "123456", "--name", "x" * 30], "--name: a name has at most 24"),
        (["join", "127.0.0.1:8470", "123456", "--name", "\x1b[31mEve"], "control or invisible"),
        (["host", "hallyu", "--questions", "0"], "--questions must be at least 1"),
        (["host", "hallyu", "--port", "70000"], "--port must be from 0 to 65535"),
        (
            ["host", "hallyu", "--mode", "time-attack"],
            "own clock over the whole round, while in a class the host sets the pace question "
            "by question. A class plays classic or survival.",
        ),
        (["host", "hallyu"], "run `kdquiz host` in one"),  # tests run without a terminal
    ],
)
def test_bad_arguments_are_refused_with_what_to_fix(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert says in err and "\x1b" not in err


def test_host_and_lan_flags_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["host", "hallyu", "--lan", "--bind", "10.0.0.1"])
    assert "not allowed with argument" in capsys.readouterr().err


def test_join_without_a_host_says_it_cannot_reach_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["join", "127.0.0.1:9", "123456", "--name", "Min", "--plain"]) == 1
    assert "cannot reach the host at ws://127.0.0.1:9/ws" in capsys.readouterr().out


def test_the_parser_and_the_server_agree_on_the_default_port() -> None:
    assert host.DEFAULT_PORT == server.DEFAULT_PORT
