"""The learner's personal FSRS parameters: `fsrs-parameters.json` in the data directory.

Written only by `kdquiz optimize`, and only when the fitted parameters predicted the learner's later
reviews better than the ones in use. A missing file means py-fsrs's default parameters. The file
keeps the comparison that justified it, so `kdquiz optimize` can show why these parameters are used.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kdquiz.core.files import InputFileError, read_text, write_text
from kdquiz.errors import KdquizError

PARAMETERS_FILE = "fsrs-parameters.json"
#: The file holds 21 numbers and the comparison that adopted them: a few kilobytes.
MAX_BYTES = 1 << 20


class ParametersError(KdquizError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "FSRS parameters")


def parameters_path(data_dir: Path) -> Path:
    return data_dir / PARAMETERS_FILE


def check_parameters(values: Sequence[float], where: str) -> tuple[float, ...]:
    """The parameters as a tuple, or ParametersError if py-fsrs would not accept them."""
    from fsrs import Scheduler

    try:
        numbers = tuple(float(v) for v in values)
        if not all(math.isfinite(n) for n in numbers):
            raise ValueError("the parameters must be finite numbers")
        Scheduler(parameters=numbers)
    except (TypeError, ValueError, OverflowError) as exc:
        raise ParametersError(
            f"{where}: {exc}. Delete the file to use the default parameters, "
            "or run `kdquiz optimize` again."
        ) from None
    return numbers


def load_parameters(data_dir: Path) -> tuple[float, ...] | None:
    """Personal parameters, or None when there are none (use the defaults)."""
    path = parameters_path(data_dir)
    if not os.path.lexists(path):
        return None
    try:
        data = _read(path)
    except (InputFileError, ValueError, RecursionError) as exc:
        why = (
            exc.reason
            if isinstance(exc, InputFileError)
            else ("nested too deeply" if isinstance(exc, RecursionError) else str(exc))
        )
        raise ParametersError(
            f"{path}: cannot be read ({why}). Delete it to use the default "
            "parameters, or run `kdquiz optimize` again."
        ) from None
    values = data.get("parameters") if isinstance(data, dict) else None
    if not isinstance(values, list):
        raise ParametersError(
            f'{path}: expected {{"parameters": [21 numbers]}}. Delete it to use '
            "the default parameters, or run `kdquiz optimize` again."
        )
    return check_parameters(values, str(path))


def load_record(data_dir: Path) -> dict[str, Any] | None:
    """The whole file (parameters and the comparison that adopted them), if readable."""
    try:
        data = _read(parameters_path(data_dir))
    except (InputFileError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _read(path: Path) -> Any:
    """The file's JSON; a file that is not small, regular UTF-8 JSON raises."""
    import json  # here: a start-up without personal parameters never needs it

    return json.loads(
        read_text(path, "an FSRS parameters file", limit=MAX_BYTES, link_endings=(".json",))
    )


def save_parameters(data_dir: Path, parameters: Sequence[float], evidence: dict[str, Any]) -> Path:
    """Write the file atomically (temporary file, then rename)."""
    import json

    numbers = check_parameters(parameters, "fitted parameters")
    path = parameters_path(data_dir)
    return write_text(path, json.dumps({"parameters": list(numbers), **evidence}, indent=2) + "\n")


def remove_parameters(data_dir: Path) -> bool:
    """Go back to the default parameters; False if there were no personal ones."""
    try:
        parameters_path(data_dir).unlink()
    except FileNotFoundError:
        return False
    return True
