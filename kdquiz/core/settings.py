"""Scheduling settings: one TOML file in the data directory, with optional per-deck overrides.

The file is for people to edit, so unknown keys and bad values are reported with the file name and
the key, never silently ignored. A missing file means the defaults (Anki's and py-fsrs's defaults).

    # settings.toml
    desired_retention = 0.9
    learning_steps = ["1m", "10m"]
    relearning_steps = ["10m"]
    maximum_interval = 36500      # days
    new_per_day = 20
    reviews_per_day = 200
    rollover_hour = 4             # the local day starts at 04:00
    bury_siblings = true
    timezone = ""                 # "" = the computer's time zone, else e.g. "Europe/Berlin"
    quiz_timer = true             # false: quizzes without countdown or points lost to time
    daily_goal = 0                # cards a day, shown on the home screen (0: no goal)

    [decks.korean-dramas]         # any of the keys above except timezone
    new_per_day = 5

    [keys]                        # remap keys by binding id (the help screen lists them)
    "study.undo" = "ctrl+z"
    "home.review" = "r,enter"
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from kdquiz.errors import KdquizError

# tomllib and zoneinfo (~3 ms to import) are imported where used: most starts have no settings file,
# and the time zone is first needed for the day's counts, after the home screen is drawn.

SETTINGS_FILE = "settings.toml"
#: The largest daily goal (answers a day) settings.toml may ask for.
MAX_GOAL = 10_000


class SettingsError(KdquizError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "Settings")


class DeckSettings(NamedTuple):
    """What FSRS and the daily queue need for one deck.

    This and `Settings` are named tuples, not dataclasses: every start builds both classes before
    the first frame, and a named tuple is built in a tenth of the time."""

    desired_retention: float = 0.9
    learning_steps: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning_steps: tuple[timedelta, ...] = (timedelta(minutes=10),)
    maximum_interval: int = 36500
    new_per_day: int = 20
    reviews_per_day: int = 200
    rollover_hour: int = 4
    bury_siblings: bool = True


class Settings(NamedTuple):
    defaults: DeckSettings = DeckSettings()
    overrides: Mapping[str, DeckSettings] = MappingProxyType({})
    timezone: str = ""
    #: Personal FSRS parameters adopted by `kdquiz optimize` (fsrs-parameters.json); None = defaults.
    parameters: tuple[float, ...] | None = None
    #: Key remapping, binding id -> comma-separated keys ([keys] in settings.toml).
    keys: Mapping[str, str] = MappingProxyType({})
    #: False: quiz rounds have no countdown and lose no points to time (an accessibility
    #: setting, for screen readers and anyone who needs the time; `--no-timer` for one round).
    quiz_timer: bool = True
    #: Answers a day the learner aims at, shown on the home screen with the streak (0: none).
    daily_goal: int = 0

    def for_deck(self, deck_id: str) -> DeckSettings:
        return self.overrides.get(deck_id, self.defaults)

    def zone(self) -> tzinfo:
        """The learner's time zone: the setting, else the computer's."""
        if not self.timezone:
            return local_zone()
        from zoneinfo import ZoneInfo

        return ZoneInfo(self.timezone)


def local_zone() -> tzinfo:
    """The computer's time zone as a DST-aware zone ($TZ, then /etc/localtime), else a fixed offset."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = os.readlink("/etc/localtime")
        candidates.append(target.split("zoneinfo/", 1)[-1])
    except OSError:
        pass
    for name in candidates:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    try:
        return ZoneInfo("localtime")
    except (ZoneInfoNotFoundError, ValueError):
        pass
    return datetime.now(UTC).astimezone().tzinfo or UTC


#: Patterns compiled on first use (by `re`'s cache): most starts read no steps and no keys.
_STEP = r"^\s*(\d{1,9}(?:\.\d{1,6})?)\s*([smhd])\s*$"
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
#: A (re)learning step from one second to a year; longer ones overflow the schedule's dates.
STEP_RANGE = (timedelta(seconds=1), timedelta(days=365))
MAX_STEPS = 20
#: settings.toml is a few lines; anything near this is not a settings file.
MAX_SETTINGS_BYTES = 1 << 20


def parse_step(text: str) -> timedelta:
    match = re.match(_STEP, text)
    if not match:
        raise ValueError(f'"{text[:40]}" is not a step like "1m", "10m", "1h" or "1d"')
    seconds = float(match.group(1)) * _SECONDS[match.group(2)]
    low, high = STEP_RANGE
    if not low.total_seconds() <= seconds <= high.total_seconds():
        raise ValueError(f'"{text}" is out of range: a step lasts from 1s to {high.days}d')
    return timedelta(seconds=seconds)


def format_step(step: timedelta) -> str:
    seconds = int(step.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _deck_settings(table: Any, base: DeckSettings, where: str) -> DeckSettings:
    if not isinstance(table, dict):
        raise SettingsError(f"{where}: expected a table of settings like [decks.my-deck]")
    known = set(DeckSettings._fields)
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            raise SettingsError(
                f"{where}: unknown setting '{key}' (known: {', '.join(sorted(known))})"
            )
        try:
            values[key] = _check(key, value)
        except (TypeError, ValueError) as exc:
            raise SettingsError(f"{where}: {key}: {exc}") from None
    return base._replace(**values)


def _check(key: str, value: Any) -> Any:
    if key in ("learning_steps", "relearning_steps"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TypeError('expected a list like ["1m", "10m"]')
        if len(value) > MAX_STEPS:
            raise ValueError(f"at most {MAX_STEPS} steps")
        return tuple(parse_step(v) for v in value)
    if key == "desired_retention":
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not 0.7 <= value <= 0.99
        ):
            raise ValueError("expected a number between 0.7 and 0.99")
        return float(value)
    if key == "bury_siblings":
        if not isinstance(value, bool):
            raise TypeError("expected true or false")
        return value
    limits = {
        "maximum_interval": (1, 36500),
        "new_per_day": (0, 9999),
        "reviews_per_day": (0, 99999),
        "rollover_hour": (0, 23),
    }
    low, high = limits[key]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"expected a whole number from {low} to {high}")
    return value


def load_settings(data_dir: Path) -> Settings:
    """Read settings.toml from the data directory; defaults if it is absent."""
    from kdquiz.core.files import InputFileError, read_text

    path = data_dir / SETTINGS_FILE
    if not os.path.lexists(path):
        return Settings(parameters=_personal_parameters(data_dir))
    try:
        text = read_text(path, "a settings file", limit=MAX_SETTINGS_BYTES, link_endings=(".toml",))
    except InputFileError as exc:
        raise SettingsError(
            f"{exc.message}; fix the file or delete it to use the defaults"
        ) from None
    import tomllib

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(
            f"{path}: {exc}; fix the file or delete it to use the defaults"
        ) from None
    except RecursionError:
        raise SettingsError(
            f"{path}: nested too deeply; fix the file or delete it to use the defaults"
        ) from None
    decks = raw.pop("decks", {})
    keys = _keymap(raw.pop("keys", {}), str(path))
    zone = raw.pop("timezone", "")
    quiz_timer = raw.pop("quiz_timer", True)
    if not isinstance(quiz_timer, bool):
        raise SettingsError(f"{path}: quiz_timer: expected true or false")
    daily_goal = raw.pop("daily_goal", 0)
    if (
        isinstance(daily_goal, bool)
        or not isinstance(daily_goal, int)
        or not 0 <= daily_goal <= MAX_GOAL
    ):
        raise SettingsError(
            f"{path}: daily_goal: expected a whole number of cards from 0 (no goal) to {MAX_GOAL}"
        )
    if not isinstance(zone, str):
        raise SettingsError(f'{path}: timezone: expected a name like "Europe/Berlin"')
    if zone:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise SettingsError(f'{path}: timezone: unknown time zone "{zone}"') from None
    defaults = _deck_settings(raw, DeckSettings(), str(path))
    if not isinstance(decks, dict):
        raise SettingsError(f"{path}: decks: expected tables like [decks.my-deck]")
    overrides = {
        deck_id: _deck_settings(table, defaults, f"{path}: [decks.{deck_id}]")
        for deck_id, table in decks.items()
    }
    return Settings(
        defaults, overrides, zone, _personal_parameters(data_dir), keys, quiz_timer, daily_goal
    )


#: A key as Textual names it: "r", "ctrl+z", "shift+up", "f2", "question_mark".
_KEY = r"^(?:(?:ctrl|shift|alt|super|meta)\+)*[a-z0-9_]+$"


def _keymap(table: Any, where: str) -> dict[str, str]:
    """[keys]: binding id -> one key or several, comma-separated. Whether an id exists is the UI's
    to say (it owns the bindings); here only the shape of each line is checked."""
    if not isinstance(table, dict):
        raise SettingsError(
            f'{where}: keys: expected a table like [keys] with "study.undo" = "ctrl+z"'
        )
    keymap: dict[str, str] = {}
    for ident, value in table.items():
        if not isinstance(value, str) or not value.strip():
            raise SettingsError(
                f'{where}: [keys] {ident}: expected keys in quotes, like "ctrl+z" or "u,ctrl+z"'
            )
        keys = [k.strip().lower() for k in value.split(",")]
        bad = [k for k in keys if not re.match(_KEY, k) or len(k) > 40]
        if bad:
            raise SettingsError(
                f'{where}: [keys] {ident}: "{bad[0]}" is not a key name; use names '
                'like "r", "enter", "ctrl+z", "shift+up", "f2"'
            )
        keymap[ident] = ",".join(keys)
    return keymap


def _personal_parameters(data_dir: Path) -> tuple[float, ...] | None:
    from kdquiz.core.fsrs_parameters import load_parameters

    return load_parameters(data_dir)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(f'"{format_step(v)}"' for v in value) + "]"
    return repr(value)


def _toml_table(values: DeckSettings, base: DeckSettings | None) -> list[str]:
    return [
        f"{name} = {_toml_value(getattr(values, name))}"
        for name in DeckSettings._fields
        if base is None or getattr(values, name) != getattr(base, name)
    ]


def save_settings(data_dir: Path, settings: Settings) -> Path:
    """Write settings.toml atomically (temporary file, then rename)."""
    import json  # here: reading the settings at start-up never needs it

    lines = _toml_table(settings.defaults, None)
    lines.append(f'timezone = "{settings.timezone}"')
    if not settings.quiz_timer:
        lines.append("quiz_timer = false")
    if settings.daily_goal:
        lines.append(f"daily_goal = {settings.daily_goal}")
    for deck_id, deck in sorted(settings.overrides.items()):
        lines += ["", f'[decks."{deck_id}"]', *_toml_table(deck, settings.defaults)]
    if settings.keys:
        lines += [
            "",
            "[keys]",
            *(
                f"{json.dumps(ident)} = {json.dumps(keys)}"
                for ident, keys in sorted(settings.keys.items())
            ),
        ]
    path = data_dir / SETTINGS_FILE
    from kdquiz.core.files import write_text

    return write_text(path, "\n".join(lines) + "\n")
