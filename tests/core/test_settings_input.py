"""settings.toml and fsrs-parameters.json from outside: every value in range, or a message naming it."""

from __future__ import annotations

import json
import math
import os
from datetime import UTC, datetime

import pytest
from fsrs import Rating
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kdquiz.core.fsrs_parameters import ParametersError, load_parameters
from kdquiz.core.scheduling import DeckScheduler
from kdquiz.core.settings import DeckSettings, SettingsError, load_settings

KEYS = [
    "desired_retention",
    "learning_steps",
    "relearning_steps",
    "maximum_interval",
    "new_per_day",
    "reviews_per_day",
    "rollover_hour",
    "bury_siblings",
]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('learning_steps = ["3000000d"]', 'learning_steps: "3000000d" is out of range'),
        ('learning_steps = ["99999999999999999999d"]', "learning_steps: "),
        ('relearning_steps = ["0s"]', 'relearning_steps: "0s" is out of range'),
        ('learning_steps = ["1m", 10]', 'learning_steps: expected a list like ["1m", "10m"]'),
        ("learning_steps = [" + ", ".join(['"1m"'] * 21) + "]", "learning_steps: at most 20 steps"),
        ("desired_retention = nan", "desired_retention: expected a number between 0.7 and 0.99"),
        ("maximum_interval = 36501", "maximum_interval: expected a whole number from 1 to 36500"),
        ("decks = 1", "decks: expected tables like [decks.my-deck]"),
        ("[decks]\nmine = 5", "[decks.mine]: expected a table of settings"),
        ("a = " + "[" * 5000 + "]" * 5000, "nested too deeply"),
        ("x = {" + "a = {" * 3000 + "}" * 3001, "nested too deeply"),
    ],
)
def test_bad_values_are_refused_by_key(tmp_path, text, message):
    (tmp_path / "settings.toml").write_text(text + "\n")
    with pytest.raises(SettingsError) as error:
        load_settings(tmp_path)
    assert "settings.toml" in error.value.message and message in error.value.message


def test_a_settings_file_that_is_not_a_file_is_refused(tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:secret\n")
    (tmp_path / "settings.toml").symlink_to(secret)
    with pytest.raises(SettingsError, match="is a link to a file that is not a settings file"):
        load_settings(tmp_path)
    (tmp_path / "settings.toml").unlink()
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "settings.toml")
        with pytest.raises(SettingsError, match="named pipe"):
            load_settings(tmp_path)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        '{"parameters": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"parameters": [NaN' + ", 1" * 20 + "]}",
        '{"parameters": [1e400' + ", 1" * 20 + "]}",
    ],
    ids=["unclosed", "deep", "nan", "overflow"],
)
def test_bad_parameters_files_are_a_clear_error(tmp_path, text):
    (tmp_path / "fsrs-parameters.json").write_text(text)
    with pytest.raises(ParametersError, match="fsrs-parameters.json"):
        load_parameters(tmp_path)


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return (
            "nan"
            if math.isnan(value)
            else ("inf" if value > 0 else "-inf")
            if math.isinf(value)
            else repr(value)
        )
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)


toml_values = st.recursive(
    st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats()
    | st.text(
        st.characters(min_codepoint=32, max_codepoint=0xFFFF, blacklist_categories=("Cs",)),
        max_size=12,
    )
    | st.sampled_from(["1m", "10m", "3000000d", "0s", "1.5h", "365d", "366d", "1e9d"]),
    lambda inner: st.lists(inner, max_size=4),
    max_leaves=8,
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=st.dictionaries(st.sampled_from(KEYS), toml_values, max_size=4))
def test_any_settings_are_refused_by_key_or_safe_to_schedule_with(tmp_path_factory, values):
    folder = tmp_path_factory.mktemp("s")
    (folder / "settings.toml").write_text(
        "".join(f"{key} = {_toml(value)}\n" for key, value in values.items()), encoding="utf-8"
    )
    try:
        loaded = load_settings(folder)
    except SettingsError as error:
        assert "settings.toml" in error.message
        assert any(f": {key}:" in error.message for key in values)
        return
    deck = loaded.defaults
    assert isinstance(deck, DeckSettings)
    scheduler = DeckScheduler(deck, fuzz=True)
    when = datetime(2026, 1, 1, tzinfo=UTC)
    state = None
    for rating in (Rating.Good, Rating.Again, Rating.Good, Rating.Easy, Rating.Hard):
        state = scheduler.review(state, rating, when, ("d", "c", ""))
        when = state.due
    assert when.year < 2200
