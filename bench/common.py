"""What every benchmark shares: the run's configuration, timing helpers and subprocess environments."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BenchConfig:
    """How big and how often. `scale` is "tiny" (the smoke test), "quick" or "full"."""

    scale: str
    workdir: Path
    repeats: int

    def pick(self, tiny: object, quick: object, full: object):  # type: ignore[no-untyped-def]
        """The value for this run's scale (sizes, repeat counts)."""
        return {"tiny": tiny, "quick": quick, "full": full}[self.scale]

    def folder(self, name: str) -> Path:
        path = self.workdir / name
        path.mkdir(parents=True, exist_ok=True)
        return path


def median_seconds(fn: Callable[[], object], repeats: int, warmup: int = 1) -> float:
    """Median wall time of `fn()`; the warm-up runs fill caches the real program would have warm."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved(fns: Sequence[Callable[[], float]], repeats: int, warmup: int = 1) -> list[float]:
    """Median of each timing function's own result, run in turns so drift hits all of them alike."""
    for _ in range(warmup):
        for fn in fns:
            fn()
    results: list[list[float]] = [[] for _ in fns]
    for _ in range(max(1, repeats)):
        for out, fn in zip(results, fns):
            out.append(fn())
    return [statistics.median(r) for r in results]


def bench_env(data_dir: Path) -> dict[str, str]:
    """The environment for child processes: never the learner's real data directory."""
    env = dict(os.environ)
    env["KDQUIZ_DATA_DIR"] = str(data_dir)
    env["XDG_DATA_HOME"] = str(data_dir / "xdg")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def kdquiz_command() -> list[str]:
    """The installed `kdquiz` script beside this interpreter (what users run), else `python -m kdquiz`."""
    script = Path(sys.executable).with_name("kdquiz")
    if script.exists():
        return [str(script)]
    found = shutil.which("kdquiz")
    if found and Path(found).parent == Path(sys.executable).parent:
        return [found]
    return [sys.executable, "-m", "kdquiz"]


def time_process(
    cmd: Sequence[str],
    env: dict[str, str],
    *,
    ok_codes: Sequence[int] = (0,),
    cwd: Path | None = None,
) -> float:
    """Wall time of one run of `cmd`, output discarded; a failing command is an error, not a figure."""
    start = time.perf_counter()
    done = subprocess.run(
        list(cmd), env=env, cwd=cwd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in ok_codes:
        raise RuntimeError(
            f"{' '.join(cmd)} exited {done.returncode}: "
            f"{done.stderr.decode(errors='replace')[-2000:]}"
        )
    return elapsed


def run_probe(module: str, args: Sequence[str], data_dir: Path) -> dict[str, str]:
    """Run `python -m bench.<module> ARGS` in a fresh process; its "name value" output lines."""
    done = subprocess.run(
        [sys.executable, "-m", f"bench.{module}", *args],
        env=bench_env(data_dir),
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"{module} {list(args)[:2]} failed: {done.stderr[-2000:]}")
    return dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)


def shared_dir(name: str) -> Path | None:
    """../shared/<name> beside the checkout, when it exists (it never has to)."""
    candidate = REPO.parent / "shared" / name
    return candidate if candidate.is_dir() else None
