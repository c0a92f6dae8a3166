"""Time and peak memory of `airoadmap validate` on hostile curricula, each in a fresh process.

    python bench/hostile.py

In each case the curriculum requires the hostile note (a note outside the curriculum is only
skipped, with a warning): each must end in exit 1 (exit 0 for the accepted BOM/CRLF note) with
one line naming the file, within 2 seconds and 200 MiB.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HUB = "---\nkind: hub\n---\n"
USES = "---\nup: '[[Hub]]'\nrequires: ['[[X]]']\n---\n"  # the curriculum requires note X
NOTE = "---\nup: '[[Hub]]'\n{extra}---\n"


def _lol() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


def cases(root: Path) -> dict[str, Path]:
    made: dict[str, Path] = {}

    def vault(name: str, files: dict[str, bytes]) -> None:
        folder = root / name
        folder.mkdir()
        (folder / "Hub.md").write_text(HUB)
        if files:
            (folder / "Uses.md").write_text(USES)
        for file, data in files.items():
            (folder / file).write_bytes(data)
        made[name] = folder

    vault("alias-bomb", {"X.md": NOTE.format(extra=_lol()).encode()})
    vault(
        "deep-nesting",
        {"X.md": NOTE.format(extra="x: " + "[" * 10_000 + "]" * 10_000 + "\n").encode()},
    )
    vault("python-tag", {"X.md": b"---\nx: !!python/object/apply:os.system ['true']\n---\n"})
    vault("over-size-cap", {"X.md": NOTE.format(extra="").encode() + b"x" * (8 << 20)})
    vault("binary", {"X.md": bytes(range(256)) * 64})
    vault("not-utf8", {"X.md": NOTE.format(extra="title: caf\xe9\n").encode("latin-1")})
    vault("not-a-mapping", {"X.md": b"---\n- a\n- b\n---\n"})
    vault("toml-fence", {"X.md": b"+++\ntitle = 'x'\n+++\n"})
    vault("bom-crlf (accepted)", {"X.md": "\ufeff---\r\nup: '[[Hub]]'\r\n---\r\n".encode()})
    vault("symlink-loop", {})
    (made["symlink-loop"] / "a.md").symlink_to(made["symlink-loop"] / "a.md")
    big = root / "10k-notes-deep-cycle"
    big.mkdir()
    (big / "Hub.md").write_text(HUB)
    for m in range(100):
        (big / f"M{m}.md").write_text("---\nkind: map\nup: '[[Hub]]'\n---\n")
        for t in range(99):
            req = f"requires: ['[[T{m}-{t - 1}]]']\n" if t else ""
            if (m, t) == (73, 0):
                req = "requires: ['[[T73-50]]']\n"
            (big / f"T{m}-{t}.md").write_text(f"---\nup: '[[M{m}]]'\n{req}---\n")
    made["10k-notes-deep-cycle"] = big
    return made


def measure(folder: Path, runs: int = 3) -> tuple[int, float, float, str]:
    """(exit code, median seconds, peak MiB, stderr) of `validate`, each run a fresh process."""
    results = sorted((_measure_once(folder) for _ in range(runs)), key=lambda r: r[1])
    return results[len(results) // 2]


def _measure_once(folder: Path) -> tuple[int, float, float, str]:
    home = tempfile.mkdtemp(prefix="airoadmap-hostile-home-")  # an empty cache: a cold run
    began = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "airoadmap", "validate", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "AIROADMAP_HOME": home},
    )
    assert process.stderr is not None
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    shutil.rmtree(home, ignore_errors=True)
    return process.returncode, seconds, usage.ru_maxrss / 1024, err.strip()


def main() -> int:
    ok = True
    with tempfile.TemporaryDirectory(prefix="airoadmap-hostile-") as tmp:
        print(f"{'case':<24} {'exit':>4} {'seconds':>8} {'peak MiB':>9}  stderr")
        for name, folder in cases(Path(tmp)).items():
            code, seconds, mib, err = measure(folder)
            lines = err.splitlines()
            expected = 0 if "accepted" in name else 1
            good = code == expected and seconds <= 2 and mib <= 200 and "Traceback" not in err
            good = good and (expected == 0 or len(lines) == 1)
            ok = ok and good
            first = (lines[0] if lines else "").replace(tmp, "…")
            mark = "" if good else "  <-- FAIL"
            print(f"{name:<24} {code:>4} {seconds:>8.2f} {mib:>9.1f}  {first[:90]}{mark}")
    print("result:", "ok" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
