"""The settings file: defaults, per-deck overrides, clear errors, and a save/load round trip."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from kdquiz.core.settings import (
    DeckSettings,
    Settings,
    SettingsError,
    load_settings,
    parse_step,
    save_settings,
)


def test_missing_file_gives_the_issue_defaults(tmp_path):
    settings = load_settings(tmp_path)
    d = settings.for_deck("anything")
    assert (d.desired_retention, d.new_per_day, d.reviews_per_day, d.rollover_hour) == (
        0.9,
        20,
        200,
        4,
    )
    assert d.learning_steps == (timedelta(minutes=1), timedelta(minutes=10))
    assert d.relearning_steps == (timedelta(minutes=10),)
    assert d.bury_siblings is True


def test_overrides_inherit_from_the_file_defaults(tmp_path):
    (tmp_path / "settings.toml").write_text(
        'new_per_day = 10\nlearning_steps = ["30s", "5m", "1h"]\ntimezone = "Asia/Seoul"\n'
        "[decks.korea]\nreviews_per_day = 50\n",
        encoding="utf-8",
    )
    settings = load_settings(tmp_path)
    assert settings.for_deck("other").new_per_day == 10
    korea = settings.for_deck("korea")
    assert (korea.new_per_day, korea.reviews_per_day) == (10, 50)
    assert korea.learning_steps == (timedelta(seconds=30), timedelta(minutes=5), timedelta(hours=1))
    assert settings.zone() == ZoneInfo("Asia/Seoul")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("new_per_day = -1\n", "new_per_day: expected a whole number from 0 to 9999"),
        ("desired_retention = 1.5\n", "desired_retention: expected a number between"),
        ('learning_steps = ["soon"]\n', '"soon" is not a step'),
        ("colour = 1\n", "unknown setting 'colour'"),
        ('timezone = "Mars/Olympus"\n', 'unknown time zone "Mars/Olympus"'),
        ("[decks.x]\nrollover_hour = 24\n", "[decks.x]: rollover_hour"),
        ("new_per_day = \n", "settings.toml"),
    ],
)
def test_bad_settings_name_the_file_and_key(tmp_path, text, message):
    (tmp_path / "settings.toml").write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as error:
        load_settings(tmp_path)
    assert message in error.value.message
    assert str(tmp_path / "settings.toml") in error.value.message


def test_save_and_load_round_trip(tmp_path):
    settings = Settings(
        DeckSettings(new_per_day=7, relearning_steps=(timedelta(minutes=15),)),
        {
            "korea": DeckSettings(
                new_per_day=7, desired_retention=0.85, relearning_steps=(timedelta(minutes=15),)
            )
        },
        "Europe/Berlin",
    )
    save_settings(tmp_path, settings)
    assert load_settings(tmp_path) == settings


def test_step_syntax():
    assert parse_step("1.5h") == timedelta(minutes=90)
    assert parse_step(" 2d ") == timedelta(days=2)
