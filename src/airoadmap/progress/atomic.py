"""Writing a file so that a crash leaves the old bytes or the new ones, never a mix."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from airoadmap.errors import StoreError

TEMP_PREFIX = ".airoadmap-"


def not_saved(path: Path, exc: OSError) -> StoreError:
    return StoreError(
        f"{path}: progress not saved; previous progress intact ({exc.strerror or exc})"
    )


def clean_temp_files(directory: Path) -> None:
    """Temp files left by a writer that was killed mid-write (we hold the lock: none is live)."""
    for stray in directory.glob(f"{TEMP_PREFIX}*.tmp"):
        with contextlib.suppress(OSError):
            stray.unlink()


def write_atomic(path: Path, data: bytes, previous: bytes | None = None) -> None:
    """Write `data` to `path` so that a crash leaves the old file or the new one, never a mix:
    a temp file in the same folder, flushed and fsynced, `os.replace`d, then the folder fsynced.

    If the folder cannot be synced, the rename may not be durable: `previous` (the bytes the
    caller read, None for no file) is put back, so a failure reports an unchanged store."""
    try:
        _replace(path, data)
        try:
            _sync_folder(path.parent)
        except OSError:
            with contextlib.suppress(OSError):
                if previous is None:
                    os.unlink(path)
                else:
                    _replace(path, previous)
            raise
    except OSError as exc:
        raise not_saved(path, exc) from None


def replace_atomic(path: Path, data: bytes) -> None:
    """Write `data` to the regular file (or new path) `path` so that a reader sees the old
    bytes or the new ones, never a mix: `write_atomic` without its rollback, for a file that is
    no store (a page). Raises the `OSError` as it is."""
    _replace(path, data)
    with contextlib.suppress(OSError):  # some file systems cannot sync a folder
        _sync_folder(path.parent)


def _replace(path: Path, data: bytes) -> None:
    import tempfile

    fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp, os.stat(path).st_mode & 0o777)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
