"""Files from outside: only regular files, under a cap; files written through unique temporary files."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kdquiz.core.files import InputFileError, read_capped, read_text, replacing, write_text

ROOT = Path(__file__).parents[2]
SECRET = "root:x:0:0:secret-line"

#: File names as people and tools make them: letters, digits, spaces, dots, dashes, non-ASCII.
file_names = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\\x00"),
    min_size=1,
    max_size=40,
).filter(lambda s: s not in (".", "..") and len(s.encode("utf-8")) < 200)


def kdquiz(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run kdquiz in a child process under a 1 GiB address-space limit (where the platform has
    one), with a generous timeout: a regression would hang or run out of memory, not fail."""
    return subprocess.run(
        [sys.executable, "-m", "kdquiz", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        preexec_fn=limit_memory,
    )


def limit_memory() -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    except (ImportError, ValueError, OSError):
        pass


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_check_on_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    out = kdquiz("check", str(fifo), cwd=tmp_path)
    assert out.returncode == 1
    assert "named pipe (FIFO), not a regular file" in out.stdout + out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["import-progress", "--format", "json"],
        ["import-history"],
        ["import", "-o", "out.yaml"],
    ],
)
def test_a_device_is_refused_by_every_reader(tmp_path: Path, command: list[str]) -> None:
    data = [] if command[0] == "import" else ["--data-dir", str(tmp_path)]
    out = kdquiz(command[0], "/dev/zero", *command[1:], *data, cwd=tmp_path)
    assert out.returncode in (1, 2)
    assert "character device, not a regular file" in out.stdout + out.stderr
    assert "Traceback" not in out.stderr and "MemoryError" not in out.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_results_merge_refuses_a_pipe_or_a_device_at_once(tmp_path: Path, special: str) -> None:
    if special == "fifo":
        special = str(tmp_path / "room-a.csv")
        os.mkfifo(special)  # reading it would wait for a writer forever
    elif not Path(special).exists():
        pytest.skip("no /dev/zero here")
    out = kdquiz("results", "--merge", special, "--data-dir", str(tmp_path), cwd=tmp_path)
    assert out.returncode == 1
    assert "not a regular file; a results file must be a file" in out.stderr
    assert "Traceback" not in out.stderr and "MemoryError" not in out.stderr


def test_a_deck_linked_to_a_system_file_is_not_quoted(tmp_path: Path) -> None:
    system = tmp_path / "passwd"
    system.write_text(f"{SECRET}\nname: {SECRET}\n- {SECRET}\n")
    link = tmp_path / "deck.yaml"
    link.symlink_to(system)
    out = kdquiz("check", str(link), cwd=tmp_path)
    assert out.returncode == 1
    assert "is a link to a file that is not a deck" in out.stdout
    assert "secret" not in out.stdout + out.stderr


def test_a_deck_linked_to_a_deck_is_read(tmp_path: Path) -> None:
    link = tmp_path / "linked.yaml"
    link.symlink_to(ROOT / "tests" / "fixtures" / "minimal.yaml")
    assert kdquiz("check", str(link), cwd=tmp_path).returncode == 0


def test_the_cap_holds_while_reading_even_when_the_size_says_zero(tmp_path: Path) -> None:
    proc = Path("/proc/self/status")
    if not proc.exists() or proc.stat().st_size != 0:
        pytest.skip("no /proc file that claims to be empty")
    with pytest.raises(InputFileError, match="larger than") as caught:
        read_capped(proc, "a test file", limit=16)
    assert caught.value.too_big
    assert read_capped(proc, "a test file", limit=1 << 20)


def test_too_big_and_not_utf8(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.truncate(3 << 30)  # sparse: nothing is written, nothing may be read
    with pytest.raises(InputFileError, match="larger than 1 MiB"):
        read_capped(big, "a test file", limit=1 << 20)
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"ok\nCaf\xe9\n")
    with pytest.raises(InputFileError, match=r"latin.txt:2: the file is not UTF-8"):
        read_text(latin, "a test file", limit=100)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=file_names)
def test_writes_never_follow_a_planted_link(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir(exist_ok=True)
    victim = tmp_path / "victim"
    victim.write_text("untouched")
    for planted in (f".{name}.tmp", f"{name}.tmp", f".{name}.new"):
        (folder / planted).unlink(missing_ok=True)
        (folder / planted).symlink_to(victim)
    target = folder / name
    write_text(target, "new content\n")
    assert target.read_text() == "new content\n" and not target.is_symlink()
    assert victim.read_text() == "untouched"
    for entry in folder.iterdir():
        entry.unlink()


def test_a_failed_write_leaves_the_target_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "settings.toml"
    target.write_text("old")
    target.chmod(0o600)
    with pytest.raises(RuntimeError), replacing(target) as handle:
        handle.write("half")
        raise RuntimeError("disk gone")
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["settings.toml"]
    write_text(target, "new")
    assert target.stat().st_mode & 0o777 == 0o600  # an existing file keeps its mode


def test_no_output_goes_through_a_fixed_temporary_name() -> None:
    fixed = re.compile(r"""with_name\([^)]*\.(tmp|new)\b|\+ *["']\.tmp["']""")
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "kdquiz").rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if fixed.search(line)
    ]
    assert offenders == []


IMPORTS = {
    "progress-json": ["import-progress", "--format", "json"],
    "progress-csv": ["import-progress", "--format", "csv"],
    "history": ["import-history"],
    "deck": ["import", "-o", "out.yaml", "--from", "csv"],
}


@pytest.mark.parametrize("size", [5 << 30, 200 << 20], ids=["over-the-cap", "one-200MB-line"])
@pytest.mark.parametrize("command", list(IMPORTS), ids=list(IMPORTS))
def test_every_import_of_a_huge_file_ends_with_a_message_under_1_gib(
    tmp_path: Path, command: str, size: int
) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.write(b"x" * 4096)
        handle.truncate(size)  # sparse: costs no disk
    args = IMPORTS[command]
    data = [] if command == "deck" else ["--data-dir", str(tmp_path / "data")]
    out = kdquiz(args[0], str(huge), *args[1:], *data, cwd=tmp_path)
    assert out.returncode in (1, 2), out.stderr
    assert "huge.txt" in out.stderr and "Traceback" not in out.stderr
    assert "MemoryError" not in out.stderr


def test_an_output_the_system_refuses_is_a_message(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.yaml"
    folder.mkdir()
    out = kdquiz(
        "import",
        str(ROOT / "tests" / "fixtures" / "interchange" / "plain.csv"),
        "-o",
        str(folder),
        "--force",
        cwd=tmp_path,
    )
    assert out.returncode == 1 and "Is a directory" in out.stderr
    assert "Traceback" not in out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder.yaml"]  # no temporary file left


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    names=st.lists(
        file_names.filter(lambda s: not s.startswith(".")),  # hidden: skipped
        min_size=1,
        max_size=4,
        unique_by=str.lower,
    )
)
def test_decks_of_any_name_load_and_strangers_in_the_folder_are_named(tmp_path_factory, names):
    from kdquiz.core.catalog import load_catalog
    from kdquiz.locations import user_decks_dir

    data = tmp_path_factory.mktemp("data")
    folder = user_decks_dir(data)
    folder.mkdir(parents=True)
    deck = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    for n, name in enumerate(names):
        (folder / f"{name}.yaml").write_text(
            deck.replace("id: minimal", f"id: deck-{n}"), encoding="utf-8"
        )
    secret = data / "secret.txt"
    secret.write_text(f"{SECRET}\n")
    (folder / "zz-link.yaml").symlink_to(secret)
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "zz-pipe.yaml")  # skipped when listing a folder: only files are decks
    catalog = load_catalog(data, include_shipped=False, use_cache=False)
    assert sorted(d.id for d in catalog.decks) == sorted(f"deck-{n}" for n in range(len(names)))
    assert [p.path for p in catalog.problems] == [str(folder / "zz-link.yaml")]
    assert "secret" not in str(catalog.problems[0])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_store_or_a_source_text_that_is_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    os.mkfifo(data / "progress.sqlite3")
    out = kdquiz("stats", "--data-dir", str(data), cwd=tmp_path)
    assert out.returncode == 1 and "named pipe (FIFO), not a regular file" in out.stderr
    assert "The file was left untouched" in out.stderr and "Traceback" not in out.stderr
    os.mkfifo(tmp_path / "lesson.txt")
    out = kdquiz(
        "generate", str(tmp_path / "lesson.txt"), "-o", str(tmp_path / "d.yaml"), cwd=tmp_path
    )
    assert out.returncode == 1 and "named pipe (FIFO), not a regular file" in out.stderr


def test_a_save_in_place_that_keeps_the_size_and_sets_the_time_back_is_still_seen(
    tmp_path: Path,
) -> None:
    from kdquiz.core.files import check_unchanged, open_text, opened_version

    path = tmp_path / "reviews.csv"
    path.write_text("card_id,review_rating\n1,3\n", encoding="utf-8")
    with open_text(path, "a review log", limit=1000) as stream:
        version = opened_version(stream)
    before = os.stat(path)
    time.sleep(0.05)  # past a tick of the file system's clock, whatever its granularity
    with path.open("r+", encoding="utf-8") as handle:  # the same file, the same size
        handle.write("card_id,review_rating\n1,4\n")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the written time put back
    with open_text(path, "a review log", limit=1000) as stream:
        assert opened_version(stream)[:4] == version[:4]  # device, inode, size, written time
        with pytest.raises(InputFileError, match="changed after it was checked"):
            check_unchanged(stream, path, version)
