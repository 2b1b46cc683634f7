"""Files from outside are read as regular files under a size cap; files kdquiz writes are replaced whole.

A FIFO blocks `open` forever, /dev/zero never ends, and a deck name that links to a system file would
have that file's lines quoted back in the errors. So every input is opened without blocking, checked
to be a regular file (a link must lead to a file with the expected ending), and read through a
counter that stops at the limit, whatever the file's size claims to be.

Output goes to a unique temporary file created exclusively in the target's folder, flushed to disk,
then renamed over the target: a symlink planted at a fixed temporary name cannot redirect the write,
and a crash never leaves a half-written file under the real name.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from kdquiz.errors import KdquizError

MiB = 1024 * 1024
#: Mode of a file kdquiz creates (an existing file keeps its own).
NEW_FILE_MODE = 0o644

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class InputFileError(KdquizError):
    """A file from outside cannot be read safely: `reason` says why and what to do, the message
    puts the file's name in front."""

    def __init__(
        self, path: Path | str, reason: str, *, too_big: bool = False, size: int | None = None
    ) -> None:
        super().__init__(f"{path}: {reason}", "Input file")
        self.path = str(path)
        self.reason = reason
        self.too_big = too_big
        #: For a file too big, its size when the file system told it (not for one that grew).
        self.size = size


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _too_big(path: Path | str, limit: int, what: str, size: int | None = None) -> InputFileError:
    return InputFileError(
        path,
        f"the file is larger than {limit / MiB:g} MiB, the limit for {what}; "
        "split it into smaller files",
        too_big=True,
        size=size,
    )


def _check_link(path: Path | str, what: str, link_endings: tuple[str, ...]) -> None:
    if link_endings and os.path.islink(path):
        target = os.path.realpath(path)
        if not target.lower().endswith(link_endings):
            raise InputFileError(
                path,
                f"it is a link to a file that is not {what} (its name does "
                f"not end in {' or '.join(link_endings)}); it was not read",
            )


def _check_stat(shown: str, info: os.stat_result, what: str, limit: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(
            shown, f"it is {_kind(info.st_mode)}, not a regular file; {what} must be a file"
        )
    if info.st_size > limit:
        raise _too_big(shown, limit, what, info.st_size)


def regular_stat(
    path: Path | str, what: str, *, limit: int, link_endings: tuple[str, ...] = ()
) -> os.stat_result:
    """`os.stat(path)`, refused as `open_regular` would refuse the file, without opening it."""
    _check_link(path, what, link_endings)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise InputFileError(path, f"cannot read the file ({exc.strerror or exc})") from None
    _check_stat(str(path), info, what, limit)
    return info


#: What changes when a file is written or replaced (see `file_version`).
FileVersion = tuple[int, int, int, int, int]


def file_version(info: os.stat_result) -> FileVersion:
    """What changes when a file is written or replaced: its device, inode, size, the time it
    was written and the time its inode changed (which a program setting the written time back
    cannot set)."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def opened_version(stream: IO[str]) -> FileVersion:
    """The `file_version` of the file open under a stream from `open_text`, from its descriptor:
    the file being read, whatever has been renamed to its name since it was opened."""
    return file_version(os.fstat(stream.fileno()))


def check_unchanged(
    stream: IO[str], path: Path | str, version: FileVersion | None, *, read: bool = False
) -> None:
    """For a second reading of a file checked in a first one (an import that checks every
    record, then merges them): InputFileError unless the file open under `stream` is still the
    one checked (`version`, the first reading's `opened_version`), so records never checked
    are never merged. Called before reading and, with `read`, after it (a save in place while
    the second reading went on). Two saves of the same size within one tick of the file
    system's clock, the first just before the check, would pass: the times could not tell."""
    if version is None or opened_version(stream) == version:
        return
    if read:
        raise InputFileError(
            path,
            "the file changed while it was imported (it was saved meanwhile): records read "
            "before that may be in already, each checked as it was read; import it again once "
            "it is saved",
        )
    raise InputFileError(
        path,
        "the file changed after it was checked (it was saved or replaced meanwhile), so "
        "nothing was imported: import it again once it is saved",
    )


def open_regular(
    path: Path | str, what: str, *, limit: int, link_endings: tuple[str, ...] = ()
) -> CappedReader:
    """`path` opened for reading, refused unless it is a regular file no larger than `limit`.

    `link_endings`: when `path` is a symbolic link, its target must end with one of these (".yaml"),
    so a link to a system file is never read as a deck or a settings file.
    """
    shown = str(path)
    _check_link(path, what, link_endings)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputFileError(shown, f"cannot read the file ({exc.strerror or exc})") from None
    try:
        _check_stat(shown, os.fstat(fd), what, limit)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return CappedReader(os.fdopen(fd, "rb", buffering=0), limit, shown, what)
    except BaseException:
        os.close(fd)
        raise


class CappedReader(io.RawIOBase):
    """A binary file that raises InputFileError once more than `limit` bytes have been read:
    a file that grows while it is read, or a /proc file whose size says 0, is still capped."""

    def __init__(self, raw: IO[bytes], limit: int, shown: str, what: str) -> None:
        self._raw, self._limit, self._shown, self._what = raw, limit, shown, what
        self.count = 0

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._raw.fileno()

    def readinto(self, buffer: Any) -> int:
        got = self._raw.readinto(buffer) or 0  # type: ignore[attr-defined]
        self.count += got
        if self.count > self._limit:
            raise _too_big(self._shown, self._limit, self._what)
        return got

    def close(self) -> None:
        self._raw.close()
        super().close()


def read_capped(
    path: Path | str, what: str, *, limit: int, link_endings: tuple[str, ...] = ()
) -> bytes:
    """The whole content of a regular file of at most `limit` bytes (see `open_regular`)."""
    with open_regular(path, what, limit=limit, link_endings=link_endings) as handle:
        return handle.readall()


def read_text(
    path: Path | str, what: str, *, limit: int, link_endings: tuple[str, ...] = ()
) -> str:
    """UTF-8 text (a byte-order mark is dropped) of a regular file of at most `limit` bytes."""
    data = read_capped(path, what, limit=limit, link_endings=link_endings)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputFileError(
            f"{path}:{line}", "the file is not UTF-8 text; save it as UTF-8"
        ) from None


@contextmanager
def open_text(path: Path | str, what: str, *, limit: int) -> Iterator[IO[str]]:
    """A streamed UTF-8 text reader (BOM dropped, newlines untranslated for csv) under `limit` bytes;
    bytes that are not UTF-8 become an InputFileError naming the file."""
    raw = open_regular(path, what, limit=limit)
    text = io.TextIOWrapper(io.BufferedReader(raw, MiB), encoding="utf-8-sig", newline="")
    try:
        yield text
    except UnicodeDecodeError:
        raise InputFileError(
            path, f"the file is not UTF-8 text (near byte {raw.count:,}); save it as UTF-8"
        ) from None
    finally:
        text.close()


#: Longer lines are refused in streamed text files: no real record comes near it, and reading a
#: multi-gigabyte "line" whole would exhaust memory before any other check could run.
MAX_LINE_CHARS = 1 << 20


def capped_lines(stream: IO[str], shown: str, limit: int = MAX_LINE_CHARS) -> Iterator[str]:
    """The lines of `stream`, each read with a cap: InputFileError names the first longer line."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit:
            raise InputFileError(
                f"{shown}:{number}",
                f"the line is longer than {limit:,} characters; this is not a file kdquiz can read",
            )
        yield line


def bytes_read(stream: IO[str]) -> int:
    """How many bytes of the file under a stream from `open_text` have been read so far."""
    return int(getattr(getattr(getattr(stream, "buffer", None), "raw", None), "count", 0))


@contextmanager
def replacing(
    path: Path, *, binary: bool = False, newline: str | None = None, durable: bool = True
) -> Iterator[IO[Any]]:
    """Write `path` through a fresh temporary file in its folder, renamed over it when the block ends
    without an error; on an error the temporary file is removed and `path` is left as it was.
    `durable=False` skips the fsync, for a cache that is rebuilt when lost."""
    import tempfile  # here: most commands never write a file

    make_folder(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with suppress(OSError):
            os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode) if path.exists() else NEW_FILE_MODE)
        if binary:
            handle: IO[Any] = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline=newline)
        with handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        try:
            os.replace(tmp, path)
        except OSError as exc:  # said of the file asked for, not of the temporary one
            raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def make_folder(folder: Path) -> None:
    """`folder` and its parents created as needed; a file standing where one of them should be
    is said as such (`notes.txt: Not a directory`), not as Python's "File exists"."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        import errno

        raise NotADirectoryError(
            errno.ENOTDIR, os.strerror(errno.ENOTDIR), exc.filename or str(folder)
        ) from None


def write_text(path: Path, text: str) -> Path:
    """Replace `path` with `text` (UTF-8, line endings as given) atomically; see `replacing`."""
    with replacing(path, newline="") as handle:
        handle.write(text)
    return path


def fresh_temp(folder: Path, name: str) -> Path:
    """A new empty file of a unique name in `folder` (created exclusively), for a tool such as
    SQLite that writes the file itself; the caller renames or removes it."""
    import tempfile

    make_folder(folder)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    os.close(fd)
    return Path(tmp)
