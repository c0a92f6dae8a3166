"""A learner's progress, kept in one TOML file: read safely, written locked and atomically."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from airoadmap import cache, tomlwrite
from airoadmap.errors import StoreError
from airoadmap.models import Card, CardState, LogEntry, Rating, Record, Status

SCHEMA = 1
"""The store format this program writes. A store with a newer schema is never written."""

LOG_LIMIT = 500
"""Actions kept in a store's log (and so how far `undo` can go back)."""

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another airoadmap that is writing the same store."""

LEARNER_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_TEMP_PREFIX = ".airoadmap-"

T = TypeVar("T")


@dataclass(slots=True)
class Progress:
    """Everything a store holds. Unknown top-level keys (`extra`) are kept on rewrite."""

    learner: str
    schema: int = SCHEMA
    topics: dict[str, Record] = field(default_factory=dict)
    log: list[LogEntry] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def record(self, topic_id: str) -> Record:
        return self.topics.get(topic_id) or Record()

    def last_activity(self) -> datetime | None:
        """The latest moment anything was logged, started or finished."""
        moments = [e.at for e in self.log] + [
            m for r in self.topics.values() for m in (r.started, r.finished) if m is not None
        ]
        return max(moments, default=None)

    def to_plain(self) -> tuple[Any, ...]:
        """Builtins only (times as timestamps), for the cache."""
        return (
            self.learner,
            self.schema,
            self.extra,
            {k: _record_plain(r) for k, r in self.topics.items()},
            [
                (
                    e.at.timestamp(),
                    e.action,
                    e.targets,
                    e.topics,
                    {k: _record_plain(r) for k, r in e.before.items()},
                    e.extra,
                    e.rating.value if e.rating is not None else None,
                )
                for e in self.log
            ],
        )

    @classmethod
    def from_plain(cls, plain: tuple[Any, ...]) -> Progress:
        learner, schema, extra, topics, log = plain
        return cls(
            learner=learner,
            schema=schema,
            extra=extra,
            topics={k: _record_from(r) for k, r in topics.items()},
            log=[
                LogEntry(
                    datetime.fromtimestamp(at, UTC),
                    action,
                    targets,
                    topics_,
                    {k: _record_from(r) for k, r in b.items()},
                    e_extra,
                    _RATINGS[rating] if rating is not None else None,
                )
                for at, action, targets, topics_, b, e_extra, rating in log
            ],
        )


def _stamp(moment: datetime | None) -> float | None:
    return None if moment is None else moment.timestamp()


def _moment(stamp: float | None) -> datetime | None:
    return None if stamp is None else datetime.fromtimestamp(stamp, UTC)


_STATUSES = {s.value: s for s in Status}
_RATINGS = {r.value: r for r in Rating}
_CARD_STATES = {s.value: s for s in CardState}


def _record_plain(record: Record) -> tuple[Any, ...]:
    status = record.status.value if record.status is not None else None
    card = record.card
    return (
        status,
        _stamp(record.started),
        _stamp(record.finished),
        record.note,
        record.extra,
        None
        if card is None
        else (
            card.due.timestamp(),
            card.last_review.timestamp(),
            card.stability,
            card.difficulty,
            card.state.value,
            card.step,
        ),
    )


def _record_from(plain: tuple[Any, ...]) -> Record:
    status, started, finished, note, extra, card = plain
    return Record(
        _STATUSES[status] if status is not None else None,
        _moment(started),
        _moment(finished),
        note,
        extra,
        None
        if card is None
        else Card(
            datetime.fromtimestamp(card[0], UTC),
            datetime.fromtimestamp(card[1], UTC),
            card[2],
            card[3],
            _CARD_STATES[card[4]],
            card[5],
        ),
    )


def check_learner(name: str) -> str:
    if not LEARNER_PATTERN.fullmatch(name):
        raise StoreError(
            f"invalid learner name {name!r}: use 1-64 lowercase letters, digits, '-' or '_', "
            "starting with a letter or digit"
        )
    return name


def head(progress: Progress) -> dict[str, Any]:
    """The store's top-level keys: `schema` and `learner` first, then the unknown ones."""
    return {
        "schema": progress.schema,
        "learner": progress.learner,
        **tomlwrite.plain(progress.extra),
    }


def render(progress: Progress) -> str:
    """The store as TOML: `schema` and `learner` first, then topics by id, then the log."""
    return tomlwrite.render(
        head(progress), progress.topics, [entry.as_dict() for entry in progress.log]
    )


class Store:
    """The progress store of one learner: `<home>/learners/<learner>.toml`."""

    def __init__(self, home: Path, learner: str, *, cache_dir: Path | None = None) -> None:
        self.learner = check_learner(learner)
        self.home = home
        self.path = home / "learners" / f"{learner}.toml"
        self.cache_dir = cache_dir

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

    def _parse(self, data: bytes, stamp: tuple[int, int, int]) -> Progress:
        """Parse the store, or take it from the cache when the file is the one cached."""
        cache_file = self._cache_file()
        if cache_file is not None:
            cached = cache.read(cache_file, "store")
            if isinstance(cached, tuple) and len(cached) == 2 and cached[0] == stamp:
                with contextlib.suppress(Exception):  # not what we wrote: parse instead
                    return Progress.from_plain(cached[1])
        progress = parse(data, self.path)
        if cache_file is not None:
            cache.write(cache_file, "store", (stamp, progress.to_plain()))
        return progress

    def load(self) -> Progress:
        """The learner's progress; empty when the learner has no store yet."""
        read = self._read()
        return Progress(learner=self.learner) if read is None else self._parse(*read)

    def update(self, change: Callable[[Progress], T]) -> T:
        """Lock, read, apply `change`, and write the result atomically; return what `change`
        returned. The store is not written if `change` raises, or leaves it as it was."""
        target = Path(os.path.realpath(self.path))  # a symlinked store: update its target
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _not_saved(target, exc) from None
        from filelock import FileLock, Timeout  # only commands that write need it

        # A short poll interval keeps waiting writers from being starved by busier ones.
        lock = FileLock(str(self.lock_path), timeout=LOCK_TIMEOUT, poll_interval=0.005)
        try:
            with lock:
                read = self._read()
                previous = None if read is None else read[0]
                progress = Progress(learner=self.learner) if read is None else self._parse(*read)
                if progress.schema > SCHEMA:
                    raise StoreError(_newer(self.path, progress.schema))
                before = _identity(progress)
                result = change(progress)
                progress.log = progress.log[-LOG_LIMIT:]
                if _identity(progress) != before:
                    _clean_temp_files(target.parent)
                    write_atomic(target, render(progress).encode(), previous)
                    self._remember(progress, target)
                return result
        except Timeout:
            raise StoreError(
                f"another airoadmap is writing {self.path} (its lock {self.lock_path} was held "
                f"for over {LOCK_TIMEOUT:g} s); try again"
            ) from None
        except OSError as exc:  # the lock file itself: a read-only or missing directory
            raise _not_saved(target, exc) from None

    def _remember(self, progress: Progress, target: Path) -> None:
        """Cache what was just written, keyed by the new file (its inode is new)."""
        cache_file = self._cache_file()
        if cache_file is not None:
            with contextlib.suppress(OSError):
                st = target.stat()
                stamp = (st.st_size, st.st_mtime_ns, st.st_ino)
                cache.write(cache_file, "store", (stamp, progress.to_plain()))


def _identity(progress: Progress) -> tuple[object, ...]:
    """What a change can touch, by object identity: records are replaced, never edited in
    place, so comparing identities tells whether there is anything to write, cheaply."""
    return (
        len(progress.log),
        id(progress.log[-1]) if progress.log else None,
        tuple((k, id(v)) for k, v in progress.topics.items()),
    )


def parse(data: bytes, path: Path) -> Progress:
    """A store's bytes → Progress; a `StoreError` naming the file (line and column) otherwise."""
    import tomllib

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

    from airoadmap.schema import StoreSchema

    try:
        checked = StoreSchema.model_validate(raw)
    except ValidationError as exc:
        schema = raw.get("schema")
        if isinstance(schema, int) and schema > SCHEMA:
            raise StoreError(_newer(path, schema)) from None
        error = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in error["loc"]) or "the file"
        raise StoreError(f"{path}: field '{where}': {error['msg']}") from None
    return Progress(
        learner=checked.learner,
        schema=checked.schema_,
        topics={k: v.plain() for k, v in checked.topics.items()},
        log=[entry.plain() for entry in checked.log],
        extra=dict(checked.model_extra or {}),
    )


def _newer(path: Path, schema: int) -> str:
    return (
        f"{path}: written by a newer airoadmap (schema {schema}, this one knows {SCHEMA}); "
        "upgrade airoadmap to change it"
    )


def _not_saved(path: Path, exc: OSError) -> StoreError:
    return StoreError(
        f"{path}: progress not saved; previous progress intact ({exc.strerror or exc})"
    )


def _clean_temp_files(directory: Path) -> None:
    """Temp files left by a writer that was killed mid-write (we hold the lock: none is live)."""
    for stray in directory.glob(f"{_TEMP_PREFIX}*.tmp"):
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
        raise _not_saved(path, exc) from None


def _replace(path: Path, data: bytes) -> None:
    import tempfile

    fd, temp = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".tmp", dir=path.parent)
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


def list_learners(home: Path) -> list[str]:
    """The learners with a store under `home`, sorted."""
    folder = home / "learners"
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.toml") if LEARNER_PATTERN.fullmatch(p.stem))
