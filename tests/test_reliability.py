"""Nothing is lost under concurrency, crashes and faults; hostile input gets a clear error."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

import pytest
from bench import stress
from typer.testing import CliRunner

from airoadmap.notes.note import MAX_NOTE_BYTES
from airoadmap.progress import store as store_module
from tests.conftest import WriteNote, require
from tests.conftest import run as invoke


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    return invoke(runner, *args, ok=False)


def lol(levels: int = 9) -> str:
    """The YAML 'billion laughs': nine levels of nine aliases each."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "---\nup: '[[M]]'\n" + "\n".join(lines) + "\n---\n"


HOSTILE = {
    "alias-bomb": (lol(), "aliases expand to over"),
    "recursive-alias": ("---\nup: '[[M]]'\nx: &x [*x]\n---\n", "invalid YAML"),
    "deep-flow": (
        "---\nup: '[[M]]'\nx: " + "[" * 10_000 + "]" * 10_000 + "\n---\n",
        "nested too deeply",
    ),
    "deep-block": ("---\nup: '[[M]]'\nx:\n" + "- " * 10_000 + "a\n---\n", "nested too deeply"),
    "python-object": ("---\nup: !!python/object/apply:os.system ['true']\n---\n", "invalid YAML"),
    "python-name": ("---\nx: !!python/name:os.system\n---\n", "invalid YAML"),
    "python-module": ("---\nx: !!python/module:os\n---\n", "invalid YAML"),
    "not-a-mapping": ("---\n- just\n- a list\n---\n", "not a mapping"),
    "scalar": ("---\njust text\n---\n", "not a mapping"),
    "toml-fence": ("+++\ntitle = 'x'\n+++\n", "TOML frontmatter"),
    "json-fence": ('{\n"title": "x"\n}\n', "JSON frontmatter"),
    "infinite-hours": ("---\nup: '[[M]]'\nhours: .inf\n---\n", "field 'hours'"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_frontmatter_is_one_clear_line_for_every_command(
    runner: CliRunner, hub_vault: WriteNote, case: str
) -> None:
    text, reason = HOSTILE[case]
    vault = require(hub_vault("Hostile.md", text), "Hostile")
    for args in (["validate", str(vault)], ["next", "-c", str(vault)], ["tree", "-c", str(vault)]):
        code, _, err = run(runner, *args)
        assert code == 1, args
        [line] = err.strip().splitlines()
        assert line.startswith(f"error: {vault / 'Hostile.md'}") and reason in line, line


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"---\nup: '[[M]]'\ntitle: caf\xff\n---\n", "not UTF-8: byte 0xff"),
        (b"---\nup: '[[M]]'\n---\n" + b"x" * MAX_NOTE_BYTES, "over the 1,048,576-byte cap"),
    ],
    ids=["binary", "not-utf8", "over-cap"],
)
def test_hostile_bytes(runner: CliRunner, hub_vault: WriteNote, raw: bytes, reason: str) -> None:
    vault = require(hub_vault("Hostile.md", raw=raw), "Hostile")
    code, _, err = run(runner, "validate", str(vault))
    assert code == 1
    [line] = err.strip().splitlines()
    assert str(vault / "Hostile.md") in line and reason in line


def test_bom_and_crlf_are_accepted(runner: CliRunner, hub_vault: WriteNote) -> None:
    vault = hub_vault("T.md", raw="\ufeff---\r\nup: '[[M]]'\r\n---\r\n".encode())
    code, out, _ = run(runner, "validate", str(vault))
    assert code == 0, out


def test_a_symlink_loop_is_an_error(runner: CliRunner, hub_vault: WriteNote) -> None:
    vault = hub_vault("T.md", "---\nup: '[[M]]'\n---\n")
    (vault / "a.md").symlink_to(vault / "b.md")
    (vault / "b.md").symlink_to(vault / "a.md")
    code, _, err = run(runner, "validate", str(vault))
    assert code == 1 and "a.md: symlink loop" in err


def test_a_symlink_out_of_the_folder_is_reported_not_followed(
    runner: CliRunner, hub_vault: WriteNote, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\nup: '[[M]]'\ntitle: Secret\n---\n")
    vault = hub_vault("T.md", "---\nup: '[[M]]'\n---\n")
    (vault / "Leak.md").symlink_to(secret)
    code, out, err = run(runner, "validate", str(vault))
    assert code == 0
    assert "Leak.md: symlink out of the curriculum folder, not followed" in err
    _, out, _ = run(runner, "list", "-c", str(vault), "--json")
    assert "Secret" not in out


def test_an_unreadable_note_is_an_error(
    runner: CliRunner, hub_vault: WriteNote, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = require(hub_vault("Locked.md", "---\nup: '[[M]]'\n---\n"), "Locked")
    locked = vault / "Locked.md"
    real_open = os.open

    def deny(path: object, *args: int, **kwargs: object) -> int:
        if Path(str(path)) == locked:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", deny)
    code, _, err = run(runner, "validate", str(vault))
    assert code == 1 and err.strip() == f"error: {locked}: cannot read: Permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_note_on_disk(runner: CliRunner, hub_vault: WriteNote) -> None:
    vault = hub_vault("Locked.md", "---\nup: '[[M]]'\n---\n")
    (vault / "Locked.md").chmod(0)
    code, _, err = run(runner, "validate", str(vault))
    assert code == 1 and "Permission denied" in err


def test_a_large_curriculum_with_a_deep_cycle(runner: CliRunner, write_note: WriteNote) -> None:
    """10,000 notes; the requirement cycle is deep inside and found with its members."""
    vault = write_note("Hub.md", "---\nkind: hub\n---\n")
    for m in range(100):
        (vault / f"M{m}.md").write_text("---\nkind: map\nup: '[[Hub]]'\n---\n")
        for t in range(99):
            requires = f"requires: ['[[T{m}-{t - 1}]]']\n" if t else ""
            if (m, t) == (73, 0):
                requires = "requires: ['[[T73-50]]']\n"
            (vault / f"T{m}-{t}.md").write_text(f"---\nup: '[[M{m}]]'\n{requires}---\n")
    code, _, err = run(runner, "validate", str(vault))
    assert code == 1
    [line] = err.strip().splitlines()
    assert "cycle in requires:" in line
    cycle = line.split("cycle in requires: ")[1].split(" → ")
    assert cycle[0] == cycle[-1] and len(cycle) == 52
    assert {"t73-0", "t73-50"} <= set(cycle)


# --- the store under faults --------------------------------------------------------------------


def _fail(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _fail_on_folders(real):  # type: ignore[no-untyped-def]
    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            _fail()
        real(fd)

    return fsync


@pytest.mark.parametrize("step", ["open", "write", "fsync", "replace", "folder-fsync"])
def test_a_fault_at_any_step_of_a_write_changes_nothing(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    code, _, _ = run(runner, "done", "linear-algebra")
    assert code == 0
    store = Path(os.environ["AIROADMAP_HOME"]) / "learners" / "default.toml"
    old = store.read_bytes()
    target, name, fake = {
        "open": (tempfile, "mkstemp", _fail),
        "write": (store_module.os, "write", _fail),
        "fsync": (store_module.os, "fsync", _fail),
        "replace": (store_module.os, "replace", _fail),
        "folder-fsync": (store_module.os, "fsync", _fail_on_folders(os.fsync)),
    }[step]
    with monkeypatch.context() as patch:
        patch.setattr(target, name, fake)
        code, _, err = run(runner, "done", "probability")
    assert code == 1
    assert err.strip().endswith(
        "progress not saved; previous progress intact (No space left on device)"
    )
    assert store.read_bytes() == old
    assert sorted(p.name for p in store.parent.iterdir()) == ["default.toml", "default.toml.lock"]


def test_a_read_only_data_folder(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    code, _, err = run(runner, "done", "linear-algebra")
    assert (
        code == 1 and "progress not saved; previous progress intact (Read-only file system)" in err
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes whatever the mode")
def test_a_read_only_data_folder_on_disk(runner: CliRunner, tmp_path: Path) -> None:
    home = tmp_path / "ro"
    (home / "learners").mkdir(parents=True)
    (home / "learners").chmod(0o555)
    code, _, err = run(runner, "done", "--home", str(home), "linear-algebra")
    assert code == 1 and "progress not saved" in err


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    figures = stress.concurrency(tmp_path, processes=6, count=10)
    assert (figures.attempted, figures.recorded, figures.lost) == (60, 60, 0)
    assert figures.wrong_records == 0 and figures.corrupt == 0


def test_killed_writers_never_corrupt_the_store(tmp_path: Path) -> None:
    figures = stress.crashes(tmp_path, kills=25, seed=1)
    assert figures.stores_checked == 25 and figures.corrupt == 0
    assert figures.temp_files_left == 0


def test_the_consistency_check_catches_a_torn_state(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from airoadmap.models import Progress
    from airoadmap.progress.actions import set_note

    progress = Progress(learner="stress")
    for i in range(6):
        set_note(progress, f"t{i % 4}", f"n{i}", datetime.now(UTC))
    assert stress.consistent(progress)
    progress.log.pop()  # a record without its log entry: not a state after any action
    assert not stress.consistent(progress)


def test_stress_script_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert stress.main(["--processes", "2", "--actions", "4", "--kills", "3"]) == 0
    out = capsys.readouterr().out
    assert "lost 0" in out and "corrupt 0" in out and "ok: 0 lost, 0 corrupt" in out


def test_control_characters_never_reach_the_terminal(
    runner: CliRunner, hub_vault: WriteNote
) -> None:
    vault = hub_vault(
        "T.md", "---\nup: '[[M]]'\ntitle: \"Evil\\e]0;pwned\\aTitle\"\n---\nBody \x1b[2J here\n"
    )
    _, out, _ = run(runner, "show", "-c", str(vault), "t")
    assert "\x1b" not in out and "\x07" not in out
    assert "Evil]0;pwnedTitle" in out and "Body [2J here" in out
    run(runner, "note", "-c", str(vault), "t", "hi \x1b[31mred")
    _, out, _ = run(runner, "note", "-c", str(vault), "t")
    assert out == "hi [31mred\n"
