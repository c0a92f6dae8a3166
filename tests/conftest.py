from __future__ import annotations

import os
import textwrap
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from airoadmap.cli import app
from airoadmap.models import BUNDLED_HUB

DATA = Path(__file__).parent / "data"
SMALL = DATA / "small"


def pytest_configure(config: pytest.Config) -> None:
    """pytest-textual-snapshot writes its report of mismatched snapshots into the working
    directory, the checkout: write it in the system's temporary folder instead (the summary
    prints where), unless `--snapshot-report` names a place."""
    if getattr(config.option, "snapshot_report", None) == "snapshot_report.html":
        import tempfile
        import uuid

        # A name of its own: runs at the same time do not write over each other's report.
        name = f"airoadmap-snapshot-report-{os.getpid()}-{uuid.uuid4().hex[:8]}.html"
        report = Path(tempfile.gettempdir()) / name
        config.option.snapshot_report = str(report)


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches a real home or the checkout: data, cache and config live in a temporary
    folder, every test runs in a fresh empty working directory, and the Python subprocesses a
    test starts (`python -m airoadmap`, bench scripts) import this checkout's src/."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.chdir(tmp_path_factory.mktemp("work"))
    src = Path(__file__).resolve().parents[1] / "src"
    pythonpath = os.environ.get("PYTHONPATH")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(src), pythonpath])))
    monkeypatch.setenv("AIROADMAP_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.delenv("AIROADMAP_CURRICULUM", raising=False)
    monkeypatch.delenv("AIROADMAP_LEARNER", raising=False)
    monkeypatch.delenv("AIROADMAP_HUB", raising=False)
    monkeypatch.delenv("AIROADMAP_NOW", raising=False)
    monkeypatch.setenv("AIROADMAP_PAGER", "")  # a test in a terminal is never paged
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    # Days (what is due today, "in 2 days") are the learner's local days: pin the zone.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


WriteNote = Callable[..., Path]


@pytest.fixture
def write_note(tmp_path: Path) -> WriteNote:
    """Write `text` (dedented) as the note `name` under tmp_path/vault; return the vault."""
    vault = tmp_path / "vault"
    vault.mkdir(exist_ok=True)

    def write(name: str, text: str = "", *, raw: bytes | None = None) -> Path:
        path = vault / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if raw is not None:
            path.write_bytes(raw)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return vault

    return write


@pytest.fixture
def hub_vault(write_note: WriteNote) -> WriteNote:
    """A vault that already has a hub named Hub, and a map M under it."""
    write_note("Hub.md", "---\nkind: hub\n---\n")
    write_note("M.md", "---\nkind: map\nup: '[[Hub]]'\n---\n")
    return write_note


def require(vault: Path, *names: str) -> Path:
    """Make the notes `names` part of the curriculum of a `hub_vault`: a topic under its map M
    requires them (a note the curriculum does not link to is skipped, not judged)."""
    links = ", ".join(f"'[[{name}]]'" for name in names)
    (vault / "Uses.md").write_text(f"---\nup: '[[M]]'\nrequires: [{links}]\n---\n")
    return vault


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(
    runner: CliRunner, *args: str, ok: bool = True, input: str | None = None
) -> tuple[int, str, str]:
    """Invoke the CLI: (exit code, stdout, stderr). Never a traceback; exit 0 unless not `ok`."""
    result = runner.invoke(app, list(args), input=input)
    if ok:
        assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def stored_records(store: Path, hub: str = BUNDLED_HUB) -> dict[str, Any]:
    """The records a store file keeps for the curriculum whose hub is `hub`, as TOML reads them
    (the bundled roadmap's by default)."""
    data = tomllib.loads(store.read_text(encoding="utf-8"))
    records: dict[str, Any] = data.get("hubs", {}).get(hub, {}).get("topics", {})
    return records
