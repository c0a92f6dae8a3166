"""Text is data: whatever a note, a store or an import holds, every command prints it
literally — never as markup, an `:emoji:` code or terminal control — and never crashes."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from airoadmap.cli import app
from airoadmap.notes.loader import load_curriculum

# Markup, emoji codes, escapes and the characters that would move or retitle a terminal.
HOSTILE = st.sampled_from(
    [
        "[bold]x[/bold]",
        "AI [/] Roadmap",
        "Alpha [draft]",
        "[link=https://evil.example]click[/link]",
        ":rocket: launch",
        "\x1b]0;pwned\x07",
        "\x1b[2J",
        "\u202eevil",
        "back\\slash",
        "*star* _under_ `tick`",
        "#tag [[Link]]",
        "%d %s {0}",
    ]
)
TEXT = st.lists(
    st.one_of(HOSTILE, st.text(st.characters(codec="utf-8"), min_size=1, max_size=8)),
    min_size=1,
    max_size=3,
).map(" ".join)


def _note(path: Path, **frontmatter: object) -> None:
    path.write_text("---\n" + yaml.safe_dump(frontmatter, allow_unicode=True) + "---\nBody\n")


def _vault(root: Path, titles: list[str], note: str) -> None:
    _note(root / "Hub.md", id="hub", kind="hub", title=titles[0])
    _note(root / "Map.md", id="map", kind="map", up="[[hub]]", title=titles[1], summary=note)
    _note(root / "A.md", id="a", up="[[map]]", title=titles[2], outcomes=[note], hours=1)
    _note(root / "B.md", id="b", up="[[map]]", title=titles[3], requires=["[[a]]"], aliases=[note])


COMMANDS = [
    ["tree"],
    ["tree", "--json"],
    ["list"],
    ["list", "--kind", "map"],
    ["show", "a"],
    ["show", "map"],
    ["next"],
    ["path", "b"],
    ["stats"],
    ["log"],
    ["learners"],
    ["report"],
    ["validate"],
    ["review", "--all"],
    ["export", "-f", "markdown"],
    ["export", "-f", "mermaid"],
    ["export", "-f", "csv"],
    ["export", "-f", "json"],
]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(titles=st.lists(TEXT, min_size=4, max_size=4), note=TEXT)
def test_every_command_prints_hostile_text_literally(titles: list[str], note: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "vault"
        root.mkdir()
        _vault(root, titles, note)
        try:
            loaded = load_curriculum(root)
        except Exception:  # a title YAML or the schema refuses: another test's business
            return
        runner = CliRunner()
        where = ["-c", str(root), "--home", str(Path(folder) / "home")]
        changes = [["start", "a"], ["note", "a", note], ["done", "a"], ["note", "b", "-"]]
        for args in changes:
            result = runner.invoke(app, [*args, *where], input=note)
            assert result.exit_code in (0, 1, 2), result.output
            assert result.exception is None or isinstance(result.exception, SystemExit)
        for args in COMMANDS:
            result = runner.invoke(app, [*args, *where])
            shown = result.stdout + result.stderr
            assert result.exception is None or isinstance(result.exception, SystemExit), args
            assert result.exit_code == 0, (args, shown)
            assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown, args
            if args == ["tree"]:
                for topic in loaded:  # every title, literally: no markup, no emoji code
                    assert topic.title.strip() in shown, (topic.title, shown)
            if args == ["tree", "--json"]:
                assert json.loads(result.stdout)["title"] == loaded.hub.title
        os.environ.pop("AIROADMAP_NOW", None)


def test_a_store_key_with_terminal_control_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    store = Path(os.environ["AIROADMAP_HOME"]) / "learners" / "default.toml"
    store.parent.mkdir(parents=True)
    store.write_text(
        'schema = 2\nlearner = "default"\n'
        '[hubs.ai-engineer.topics."\\u001b]0;pwned\\u0007"]\nstatus = "done"\n'
    )
    before = store.read_bytes()
    result = runner.invoke(app, ["next"])
    assert result.exit_code == 1 and "\x1b" not in result.stderr
    assert result.stderr.startswith(f"error: {store}: field 'hubs.ai-engineer.topics.\\x1b]0;")
    assert "is not a topic id" in result.stderr and store.read_bytes() == before


def test_an_import_key_with_terminal_control_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    export.write_text(
        json.dumps(
            {
                "format": "airoadmap-export",
                "version": 1,
                "learner": "x",
                "records": {"\x1b[2Jwipe": {"status": "done"}},
            }
        )
    )
    result = runner.invoke(app, ["import", str(export)])
    assert result.exit_code == 1 and "\x1b" not in result.stderr
    assert "is not a topic id" in result.stderr
