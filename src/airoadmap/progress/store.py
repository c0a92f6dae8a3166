"""A learner's progress, kept in one TOML file: read safely, written locked and atomically.

The file holds the learner's records of every curriculum, per hub; a `Store` is opened for one
hub and reads and changes that hub's progress (`progress.hubs`)."""

from __future__ import annotations

import contextlib
import copy
import os
import re
from collections.abc import Callable, Container
from pathlib import Path
from typing import Any, TypeVar

from airoadmap import cache, plain
from airoadmap.errors import StoreError
from airoadmap.models import BUNDLED_HUB, HubRecords, Progress, StoreContents
from airoadmap.models import STORE_SCHEMA as SCHEMA
from airoadmap.progress import hubs
from airoadmap.progress.atomic import clean_temp_files, not_saved, write_atomic

LOG_LIMIT = 500
"""Actions kept in a store's log, of every hub together (and so how far `undo` can go back)."""

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another airoadmap that is writing the same store."""

LEARNER_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")

T = TypeVar("T")
_CODEC = plain.codec(StoreContents)


def check_learner(name: str) -> str:
    if not LEARNER_PATTERN.fullmatch(name):
        raise StoreError(
            f"invalid learner name {name!r}: use 1-64 lowercase letters, digits, '-' or '_', "
            "starting with a letter or digit"
        )
    return name


def dump(contents: StoreContents) -> str:
    """The store as TOML: `schema` and `learner` first, then the keys this version does not
    know, then each hub's records by hub and topic id, then the log (every hub's, oldest
    first). Every table's keys are sorted, so a store kept in git diffs and merges cleanly."""
    import tomli_w

    document: dict[str, Any] = {
        "schema": contents.schema,
        "learner": contents.learner,
        **plain.document(contents.extra, canonical=True),
    }
    if contents.hubs:
        document["hubs"] = {
            name: _hub_document(contents.hubs[name]) for name in sorted(contents.hubs)
        }
    if contents.topics:  # a schema-1 store's: `gather` places them in hubs
        document["topics"] = plain.document(contents.topics, canonical=True)
    if contents.log:
        document["log"] = plain.document(contents.log, canonical=True)
    return tomli_w.dumps(document)


def _hub_document(table: HubRecords) -> dict[str, Any]:
    """A hub's table: its unknown keys, then its records by topic id (left out when none)."""
    document: dict[str, Any] = plain.document(table.extra, canonical=True)
    if table.topics:
        document["topics"] = plain.document(table.topics, canonical=True)
    return document


def gather(progress: Progress) -> StoreContents:
    """The whole store to write after a change to `progress` (`hubs.gather`), its log bounded."""
    contents = hubs.gather(progress)
    contents.log = contents.log[-LOG_LIMIT:]
    return contents


def render(progress: Progress) -> str:
    """The store `progress` is part of as TOML, as a change to it writes it."""
    return dump(gather(progress))


def _snapshot(progress: Progress) -> tuple[object, ...]:
    """What a change can alter, by value. Records and log entries are frozen (a change
    replaces them), so copying the containers that hold them is enough."""
    return (
        progress.schema,
        progress.learner,
        progress.hub,
        copy.deepcopy(progress.extra),
        copy.deepcopy(progress.hub_extra),
        dict(progress.topics),
        list(progress.log),
        {name: (dict(t.topics), copy.deepcopy(t.extra)) for name, t in progress.elsewhere.items()},
    )


class Store:
    """The progress store of one learner, `<home>/learners/<learner>.toml`, opened for the
    curriculum whose hub is `hub`: `load` and `update` give that hub's progress. The topic ids
    of that curriculum (`curriculum_ids`) place the records of a store written before records
    were kept per hub (`hubs.placer`)."""

    def __init__(
        self,
        home: Path,
        learner: str,
        *,
        cache_dir: Path | None = None,
        hub: str = BUNDLED_HUB,
        curriculum_ids: Container[str] = frozenset(),
    ) -> None:
        self.learner = check_learner(learner)
        self.home = home
        self.path = home / "learners" / f"{learner}.toml"
        self.cache_dir = cache_dir
        self.hub = hub
        self.curriculum_ids = curriculum_ids

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def exists(self) -> bool:
        return self.path.exists()

    def _read(self) -> tuple[bytes, tuple[int, int, int]] | None:
        """The store's bytes and what identifies this version of the file, or None."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read: {exc.strerror or exc}") from None
        try:
            st = os.fstat(fd)
            with os.fdopen(os.dup(fd), "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read: {exc.strerror or exc}") from None
        finally:
            os.close(fd)
        return data, (st.st_size, st.st_mtime_ns, st.st_ino)

    def _cache_file(self) -> Path | None:
        if self.cache_dir is None:
            return None
        return self.cache_dir / "stores" / cache.key_for(os.path.realpath(self.path))

    def _parse(self, data: bytes, stamp: tuple[int, int, int]) -> StoreContents:
        """Parse the store, or take it from the cache when the file is the one cached."""
        cache_file = self._cache_file()
        if cache_file is not None:
            cached = cache.read(cache_file, "store", (StoreContents,))
            if isinstance(cached, list) and len(cached) == 2 and cached[0] == list(stamp):
                with contextlib.suppress(Exception):  # not what we wrote: parse instead
                    return _CODEC.decode(cached[1])  # type: ignore[no-any-return]
        contents = parse(data, self.path)
        if cache_file is not None:
            cache.write(cache_file, "store", (StoreContents,), (stamp, _CODEC.encode(contents)))
        return contents

    def _view(self, read: tuple[bytes, tuple[int, int, int]] | None) -> Progress:
        contents = StoreContents(learner=self.learner) if read is None else self._parse(*read)
        return hubs.view(contents, self.hub, self.curriculum_ids)

    def load(self) -> Progress:
        """The learner's progress in this store's hub; empty when the learner has no store yet
        or no records of this hub."""
        return self._view(self._read())

    def update(self, change: Callable[[Progress], T]) -> T:
        """Lock, read, apply `change`, and write the result atomically; return what `change`
        returned. The store is not written if `change` raises, or leaves it as it was."""
        target = Path(os.path.realpath(self.path))  # a symlinked store: update its target
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise not_saved(target, exc) from None
        from filelock import FileLock, Timeout  # only commands that write need it

        # A short poll interval keeps waiting writers from being starved by busier ones.
        lock = FileLock(str(self.lock_path), timeout=LOCK_TIMEOUT, poll_interval=0.005)
        try:
            with lock:
                read = self._read()
                previous = None if read is None else read[0]
                progress = self._view(read)
                if progress.schema > SCHEMA:
                    raise StoreError(_newer(self.path, progress.schema))
                before = _snapshot(progress)
                result = change(progress)
                if _snapshot(progress) != before:  # a schema-1 store is rewritten in the new form
                    contents = gather(progress)
                    clean_temp_files(target.parent)
                    write_atomic(target, dump(contents).encode(), previous)
                    self._remember(contents, target)
                return result
        except Timeout:
            raise StoreError(
                f"another airoadmap is writing {self.path} (its lock {self.lock_path} was held "
                f"for over {LOCK_TIMEOUT:g} s); try again"
            ) from None
        except OSError as exc:  # the lock file itself: a read-only or missing directory
            raise not_saved(target, exc) from None

    def _remember(self, contents: StoreContents, target: Path) -> None:
        """Cache what was just written, keyed by the new file (its inode is new)."""
        cache_file = self._cache_file()
        if cache_file is not None:
            with contextlib.suppress(OSError):
                st = target.stat()
                stamp = (st.st_size, st.st_mtime_ns, st.st_ino)
                cache.write(cache_file, "store", (StoreContents,), (stamp, _CODEC.encode(contents)))


def conflict_line(data: bytes) -> int | None:
    """The line of the first git conflict marker in a store's bytes, if it holds one."""
    if not (data.startswith(b"<<<<<<< ") or b"\n<<<<<<< " in data):
        return None
    return data[: data.find(b"<<<<<<< ")].count(b"\n") + 1


def parse(data: bytes, path: Path) -> StoreContents:
    """A store's bytes → everything it holds; a `StoreError` naming the file (line and column)
    otherwise."""
    import tomllib

    line = conflict_line(data)
    if line is not None:
        raise StoreError(
            f"{path}: holds git conflict markers (line {line}), left by a merge made without "
            "airoadmap's merge driver: run `airoadmap sync` to merge it by meaning (or "
            "`airoadmap merge-store` on its three versions, `git show :1:`, `:2:` and `:3:`)"
        )
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise StoreError(f"{path}: not UTF-8 (byte 0x{data[exc.start]:02x}, line {line})") from None
    except tomllib.TOMLDecodeError as exc:
        raise StoreError(f"{path}: broken TOML: {exc}") from None
    except RecursionError:
        raise StoreError(f"{path}: broken TOML: nested too deeply") from None
    from pydantic import ValidationError

    from airoadmap.progress.schema import check_contents, first_error

    try:
        return check_contents(raw)
    except ValidationError as exc:
        schema = raw.get("schema")
        if isinstance(schema, int) and schema > SCHEMA:
            raise StoreError(_newer(path, schema)) from None
        where, reason = first_error(exc)
        raise StoreError(f"{path}: field '{where or 'the file'}': {reason}") from None


def _newer(path: Path, schema: int) -> str:
    return (
        f"{path}: written by a newer airoadmap (schema {schema}, this one knows {SCHEMA}); "
        "upgrade airoadmap to change it"
    )


def list_learners(home: Path) -> list[str]:
    """The learners with a store under `home`, sorted."""
    folder = home / "learners"
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.toml") if LEARNER_PATTERN.fullmatch(p.stem))
