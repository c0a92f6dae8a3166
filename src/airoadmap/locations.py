"""Where things live by default. The CLI applies the overrides (options and environment)."""

from __future__ import annotations

import contextlib
from pathlib import Path

APP_NAME = "airoadmap"


def bundled_curriculum() -> Path:
    """The AI Engineer roadmap shipped inside the package (or the checkout, for development)."""
    packaged = Path(__file__).parent / "curriculum"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "curriculum"


def default_home() -> Path:
    import platformdirs  # not needed when a home is given

    return platformdirs.user_data_path(APP_NAME)


def default_cache(home: Path | None) -> Path | None:
    """Inside the data directory when one was chosen, so a test or a sandbox stays contained;
    None (no cache) while that folder does not exist, so that a command that only reads creates
    no folders (`--home` with a typo is not made into a tree of folders). The first change a
    learner makes creates the folder, and the cache is kept from then on, in a folder whose own
    `.gitignore` keeps it out of git (a data folder is often a repository: `sync`)."""
    if home is not None:
        if not home.is_dir():
            return None
        cache = home / "cache"
        ignore = cache / ".gitignore"  # a folder that ignores itself: caches never travel
        if not ignore.exists():
            with contextlib.suppress(OSError):
                cache.mkdir(exist_ok=True)
                ignore.write_text("# airoadmap's cache: never synced\n*\n")
        return cache
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME)


def default_config() -> Path:
    """The file `airoadmap use` writes its defaults to."""
    import platformdirs

    return platformdirs.user_config_path(APP_NAME) / "config.toml"
