"""Timing whole processes, for the bench scripts (run them as modules: `python -m bench.moc`)."""

from __future__ import annotations

import os
import subprocess
import time


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak MiB) of one process, which must succeed (else the bench stops, naming
    the command and its error)."""
    began = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    assert process.stderr is not None
    err = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    code = process.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen knows
    if code != 0:
        raise SystemExit(f"{' '.join(argv)} exited {code}: {err.strip()}")
    return seconds, usage.ru_maxrss / 1024
