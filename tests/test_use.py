"""`use`: the curriculum (and hub) commands use by default, and what wins over it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import run


def config_file() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "airoadmap" / "config.toml"


def hub_of(runner: CliRunner, *args: str) -> str:
    _, out, _ = run(runner, "tree", "--depth", "0", "--json", *args)
    return str(json.loads(out)["title"])


@pytest.fixture
def mine(runner: CliRunner, tmp_path: Path) -> Path:
    """A starter curriculum (hub: My Roadmap) in a folder of its own."""
    run(runner, "init", str(tmp_path / "mine"))
    return tmp_path / "mine"


def test_after_use_plain_commands_use_that_curriculum(runner: CliRunner, mine: Path) -> None:
    _, out, _ = run(runner, "use", str(mine))
    assert f"using {mine}: My Roadmap, 5 topics" in out
    assert hub_of(runner) == "My Roadmap"
    _, out, _ = run(runner, "next", "--json")
    assert json.loads(out)[0]["id"] == "linear-algebra"
    _, out, _ = run(runner, "use")
    assert f"curriculum: {mine} (set in {config_file()})" in out
    run(runner, "use", "--bundled")
    assert hub_of(runner) == "AI Engineer"
    _, out, _ = run(runner, "use")
    assert "the bundled AI Engineer roadmap" in out


def test_options_and_variables_win_over_use(
    runner: CliRunner, mine: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    run(runner, "init", "--from-map", str(_map_note(tmp_path)), str(other))
    run(runner, "use", str(mine))
    assert hub_of(runner) == "My Roadmap"  # config over the default
    monkeypatch.setenv("AIROADMAP_CURRICULUM", str(other))
    assert hub_of(runner) == "Plan"  # the variable over the config
    _, out, _ = run(runner, "use")
    assert "from $AIROADMAP_CURRICULUM" in out
    bundled = Path(__file__).resolve().parents[1] / "curriculum"
    assert hub_of(runner, "-c", str(bundled)) == "AI Engineer"  # the option over the variable


def test_the_hub_use_chose_goes_with_its_folder(runner: CliRunner, tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    run(runner, "init", str(vault / "one"))
    run(runner, "init", "--from-map", str(_map_note(tmp_path)), str(vault / "two"))
    code, _, err = run(runner, "use", str(vault), ok=False)
    assert code == 1 and "several hubs" in err and not config_file().exists()
    run(runner, "use", str(vault), "--hub", "Plan")
    assert hub_of(runner) == "Plan"
    assert hub_of(runner, "--hub", "My Roadmap") == "My Roadmap"  # --hub over the config's
    assert hub_of(runner, "-c", str(vault / "one")) == "My Roadmap"  # another folder: no hub


def test_a_folder_that_is_no_curriculum_is_not_remembered(
    runner: CliRunner, mine: Path, tmp_path: Path
) -> None:
    run(runner, "use", str(mine))
    before = config_file().read_bytes()
    code, _, err = run(runner, "use", str(tmp_path / "nowhere"), ok=False)
    assert code == 1 and "no such curriculum folder" in err
    assert config_file().read_bytes() == before


def test_a_broken_config_is_one_line_naming_it(runner: CliRunner) -> None:
    config_file().parent.mkdir(parents=True)
    config_file().write_text('curriculum = "unclosed\n')
    code, _, err = run(runner, "next", ok=False)
    assert code == 1 and err.startswith(f"error: {config_file()}: broken TOML")
    assert len(err.strip().splitlines()) == 1
    run(runner, "next", "-c", str(Path(__file__).resolve().parents[1] / "curriculum"))


def _map_note(folder: Path) -> Path:
    note = folder / "Plan.md"
    note.write_text("## Core\n- [[Vectors]] — arrows\n- [[Scripting]]\n")
    return note
