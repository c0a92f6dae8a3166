"""A small cache of parsed files, under the cache directory. Purely an accelerator: whatever is
wrong with a cache file — missing, truncated, corrupt, from another version, not ours — it is
ignored and rebuilt, never an error, and failing to write one never stops a command.

Values are builtins only (no datetimes: callers store timestamps), written with `marshal`,
which loads several times faster than pickle and can build no object but builtins; a CRC of
the payload is checked before anything is unmarshalled."""

from __future__ import annotations

import contextlib
import marshal
import os
import zlib
from pathlib import Path
from typing import Any

from airoadmap import __version__

FORMAT = 4


def key_for(*parts: str) -> str:
    """A file-name-safe key for what a cache file is about (a folder, a store)."""
    data = "\0".join(parts).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


def _header(kind: str) -> bytes:
    return f"airoadmap {__version__} {kind} {FORMAT}\n".encode()


def read(path: Path, kind: str) -> Any | None:
    """The value saved at `path` for `kind` by this version of airoadmap, or None."""
    header = _header(kind)
    try:
        data = path.read_bytes()
    except (OSError, ValueError):
        return None
    if not data.startswith(header) or len(data) < len(header) + 4:
        return None
    checksum = int.from_bytes(data[len(header) : len(header) + 4], "big")
    payload = data[len(header) + 4 :]
    if zlib.crc32(payload) != checksum:
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def write(path: Path, kind: str, value: Any) -> None:
    """Save `value` (builtins only) atomically; any failure is silently skipped."""
    try:
        payload = marshal.dumps(value)
    except ValueError:  # a value marshal cannot hold: simply not cached
        return
    data = _header(kind) + zlib.crc32(payload).to_bytes(4, "big") + payload
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            temp.write_bytes(data)
            temp.replace(path)
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()
