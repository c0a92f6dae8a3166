"""A small cache of parsed files, under the cache directory. Purely an accelerator: whatever is
wrong with a cache file — missing, truncated, corrupt, from another version, not ours — it is
ignored and rebuilt, never an error, and failing to write one never stops a command.

A cache file is one line naming what it holds (this version of airoadmap, the kind, and the
fingerprint of the fields of the models it was made from) and then the value as JSON: data,
never code, whoever wrote it. Values are builtins only (callers store times as timestamps)."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from airoadmap import __version__

try:  # hashlib's own BLAKE2, without the OpenSSL that importing hashlib loads (3 ms a command)
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b


def key_for(*parts: str) -> str:
    """A file-name-safe digest of what a cache file is about (a folder, a store, a state)."""
    data = "\0".join(parts).encode("utf-8", "surrogateescape")
    return blake2b(data, digest_size=16).hexdigest()


def _header(kind: str, models: tuple[type, ...]) -> bytes:
    from airoadmap.plain import fingerprint

    return f"airoadmap {__version__} {kind} {fingerprint(*models)}\n".encode()


def read(path: Path, kind: str, models: tuple[type, ...]) -> Any | None:
    """The value saved at `path` for `kind` by this version of airoadmap, from `models` with
    the fields they have now; None otherwise."""
    header = _header(kind, models)
    try:
        data = path.read_bytes()
    except (OSError, ValueError):
        return None
    if not data.startswith(header):
        return None
    try:
        return json.loads(data[len(header) :])
    except (ValueError, RecursionError):
        return None


def _thawed(value: object) -> dict[object, object]:
    """A read-only mapping (the unknown keys a record keeps) as the dict JSON can hold."""
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"{type(value).__name__} is not plain data")


def write(path: Path, kind: str, models: tuple[type, ...], value: Any) -> None:
    """Save `value` (builtins only) atomically; any failure is silently skipped."""
    try:
        payload = json.dumps(
            value, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_thawed
        )
    except (TypeError, ValueError):  # a value JSON cannot hold (a time in unknown keys): skip
        return
    data = _header(kind, models) + payload.encode("utf-8", "surrogatepass")
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            temp.write_bytes(data)
            temp.replace(path)
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()


__all__ = ["blake2b", "key_for", "read", "write"]
