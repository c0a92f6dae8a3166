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


def test_d_marks_done_u_brings_back_and_q_exits_0_restoring_the_terminal(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path / "home"
    exit_file = tmp_path / "exit-code"
    env = {
        "AIROADMAP_HOME": str(home),
        "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],
        "XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"],
        "PYTHONPATH": os.environ["PYTHONPATH"],
        "TERM": "xterm-256color",
        "HOME": str(tmp_path),
    }
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    command = (
        f"cd {shlex.quote(str(tmp_path))} && env {exports} {shlex.quote(sys.executable)} "
        f"-m airoadmap ui -l ada; echo $? > {shlex.quote(str(exit_file))}; "
        "printf 'SHELL-BACK\\n'; sleep 30"
    )
    tmux = Tmux(tmp_path_factory.mktemp("tmux"))  # short: a socket's path is at most ~100 bytes
    tmux("new-session", "-d", "-s", "ui", "-x", "100", "-y", "30", command)
    try:
        first = tmux.wait_for(lambda s: "q quit" in s and "Python for AI" in s)
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
        subprocess.run(
            ["tmux", "-L", tmux.socket, "kill-server"], check=False, timeout=20, env=tmux.env
        )
