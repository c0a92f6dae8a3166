"""`airoadmap ui` in a real terminal: tmux at 100x30 (issue 19's "done when"), on a private tmux
server with the data in the test's folder. `d` marks the selected topic done in the store, `u`
brings it back, `q` exits 0 and gives the terminal back."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import tomllib
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


class Tmux:
    """One tmux server of its own (`-L`), killed at the end."""

    def __init__(self, sockets: Path) -> None:
        self.socket = f"ui-{uuid.uuid4().hex[:8]}"
        # The server's socket in the test's own folder too (tmux's default is /tmp/tmux-UID).
        self.env = {**os.environ, "TMUX_TMPDIR": str(sockets)}

    def __call__(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=20,
            env=self.env,
        )
        return done.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "ui")

    def wait_for(self, check: Callable[[str], bool], seconds: float = 15.0) -> str:
        deadline = time.monotonic() + seconds
        while True:
            shown = self.screen()
            if check(shown) or time.monotonic() > deadline:
                return shown
            time.sleep(0.1)


def stored(home: Path) -> dict[str, object]:
    path = home / "learners" / "ada.toml"
    if not path.exists():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    topics: dict[str, object] = data.get("hubs", {}).get("ai-engineer", {}).get("topics", {})
    return topics


def start(
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    extra: dict[str, str] | None = None,
    size: tuple[int, int] = (100, 30),
) -> Tmux:
    """`airoadmap ui -l ada` in a tmux of its own, with the data in `tmp_path`; its exit code
    goes to tmp_path/exit-code, then the shell says SHELL-BACK."""
    home = tmp_path / "home"
    exit_file = tmp_path / "exit-code"
    env = {
        "AIROADMAP_HOME": str(home),
        "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],
        "XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"],
        "PYTHONPATH": os.environ["PYTHONPATH"],
        "TERM": "xterm-256color",
        "HOME": str(tmp_path),
        **(extra or {}),
    }
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    command = (
        # Not the tests' COLUMNS: the app would take it for the terminal's width.
        f"cd {shlex.quote(str(tmp_path))} && env -u COLUMNS -u LINES {exports} "
        f"{shlex.quote(sys.executable)} "
        f"-m airoadmap ui -l ada; echo $? > {shlex.quote(str(exit_file))}; "
        "printf 'SHELL-BACK\\n'; sleep 30"
    )
    tmux = Tmux(tmp_path_factory.mktemp("tmux"))  # short: a socket's path is at most ~100 bytes
    tmux("new-session", "-d", "-s", "ui", "-x", str(size[0]), "-y", str(size[1]), command)
    return tmux


def stop(tmux: Tmux) -> None:
    subprocess.run(
        ["tmux", "-L", tmux.socket, "kill-server"], check=False, timeout=20, env=tmux.env
    )


def test_d_marks_done_u_brings_back_and_q_exits_0_restoring_the_terminal(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path / "home"
    exit_file = tmp_path / "exit-code"
    tmux = start(tmp_path, tmp_path_factory)
    try:
        first = tmux.wait_for(
            lambda s: "q quit" in s and "− ○ AI Engineer 0%" in s and "topic · python" in s
        )
        lines = first.splitlines()
        assert lines[0].strip().startswith("ada · 0% done (0/103)")
        assert any(line.startswith("− ○ AI Engineer 0%") for line in lines)
        assert "○ Python for AI  topic · python" in first  # the panel, right of the tree
        tree_line = next(line for line in lines if "○ Python for AI" in line and "├" in line)
        assert tree_line.index("Python for AI") < 40

        tmux("send-keys", "-t", "ui", "d")
        done = tmux.wait_for(lambda s: "Python for AI: done" in s)
        assert "Python for AI: done" in done
        assert stored(home)["python"]["status"] == "done"  # type: ignore[index]
        assert "✓ Python for AI" in done

        tmux("send-keys", "-t", "ui", "u")
        undone = tmux.wait_for(lambda s: "undid: done Python for AI" in s)
        assert "undid: done Python for AI (1 topic)" in undone
        assert stored(home) == {}

        tmux("send-keys", "-t", "ui", "q")
        back = tmux.wait_for(lambda s: "SHELL-BACK" in s)
        assert exit_file.read_text().strip() == "0"
        # The terminal is given back: the app's screen is gone (the alternate screen left),
        # and what the shell prints shows on the normal screen.
        assert "q quit" not in back and "AI Engineer" not in back
        assert tmux("display-message", "-p", "-t", "ui", "#{alternate_on}").strip() == "0"
    finally:
        stop(tmux)


def test_a_search_typed_in_one_burst_shows_and_acts_on_the_cursors_topic(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """`send-keys -l`: the whole word reaches the app at once, as a paste or a fast typist's."""
    tmux = start(tmp_path, tmp_path_factory)
    try:
        tmux.wait_for(lambda s: "q quit" in s and "Python for AI" in s)
        tmux("send-keys", "-t", "ui", "/")
        tmux("send-keys", "-t", "ui", "-l", "token")
        shown = tmux.wait_for(lambda s: "Text Processing and Tokenization  topic" in s, 5)
        assert "Text Processing and Tokenization  topic" in shown  # the panel
        assert "Linear Algebra  topic" not in shown
        tmux("send-keys", "-t", "ui", "Enter")
        tmux("send-keys", "-t", "ui", "s")
        tmux.wait_for(lambda s: "Tokenization: started" in s)
        assert stored(tmp_path / "home") == {"text-processing": stored_record(tmp_path)}
    finally:
        stop(tmux)


def stored_record(tmp_path: Path) -> object:
    return stored(tmp_path / "home")["text-processing"]


def test_a_terminal_browser_gets_the_terminal_and_gives_it_back(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """$BROWSER a terminal program (as w3m or lynx over SSH): the app steps aside while it
    runs, and comes back when it quits."""
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$1" > {shlex.quote(str(opened))}\n'
        'printf "FAKE-BROWSER %s\\n" "$1"\n'
        "read answer\n",
        encoding="utf-8",
    )
    browser.chmod(0o755)
    tmux = start(tmp_path, tmp_path_factory, {"BROWSER": str(browser)})
    try:
        tmux.wait_for(lambda s: "q quit" in s and "Python for AI" in s)
        tmux("send-keys", "-t", "ui", "Tab")  # the panel
        tmux.wait_for(lambda s: False, 0.3)
        tmux("send-keys", "-t", "ui", "Tab")  # its first resource
        tmux.wait_for(lambda s: False, 0.3)
        tmux("send-keys", "-t", "ui", "Enter")
        running = tmux.wait_for(lambda s: "FAKE-BROWSER" in s)
        assert "FAKE-BROWSER https://" in running
        assert "q quit" not in running  # the browser has the terminal, not the app
        tmux("send-keys", "-t", "ui", "Enter")  # the browser quits
        back = tmux.wait_for(lambda s: "q quit" in s and "opened https://" in s)
        assert "FAKE-BROWSER" not in back
        tmux("send-keys", "-t", "ui", "Escape", "d")  # and the keys are the app's again
        tmux.wait_for(lambda s: "Python for AI: done" in s)
        assert opened.read_text(encoding="utf-8").startswith("https://")
    finally:
        stop(tmux)
