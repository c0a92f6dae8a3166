"""The learner's defaults, set by `airoadmap use`: which curriculum (and hub) commands use when
neither an option nor an environment variable names one. One small TOML file in the user's
config folder; read safely, written atomically, never a reason to lose anything."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from airoadmap.errors import AiroadmapError

FILE_NAME = "config.toml"


@dataclass(frozen=True)
class Defaults:
    """The curriculum folder (absolute) and hub `use` chose; None for the bundled roadmap."""

    curriculum: Path | None = None
    hub: str | None = None


def read(path: Path) -> Defaults:
    """The defaults in `path`; none when it does not exist. A file that is not what `use`
    writes is an error naming it (and the line), never silently ignored or overwritten."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:  # the common case: nothing chosen, nothing more to import
        return Defaults()
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise AiroadmapError(f"{path}: cannot read: {reason}") from None
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AiroadmapError(f"{path}: broken TOML: {exc}") from None
    curriculum, hub = data.get("curriculum"), data.get("hub")
    for key, value in (("curriculum", curriculum), ("hub", hub)):
        if value is not None and not (isinstance(value, str) and value.strip()):
            raise AiroadmapError(f"{path}: '{key}' must be a non-empty string")
    return Defaults(Path(curriculum).expanduser() if curriculum else None, hub)


def write(path: Path, defaults: Defaults) -> None:
    """Save `defaults` to `path` atomically (a temp file in the same folder, then a rename);
    the bundled roadmap and no hub remove the file's keys."""
    import tempfile

    import tomli_w

    data = {}
    if defaults.curriculum is not None:
        data["curriculum"] = str(defaults.curriculum)
    if defaults.hub is not None:
        data["hub"] = defaults.hub
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".config-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(tomli_w.dumps(data))
                handle.flush()
                os.fsync(handle.fileno())
            Path(temp).replace(path)
        except BaseException:
            with contextlib.suppress(OSError):
                Path(temp).unlink()
            raise
    except OSError as exc:
        raise AiroadmapError(f"{path}: not saved: {exc.strerror or exc}") from None
