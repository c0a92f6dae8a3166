from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from airoadmap.locations import bundled_curriculum

ROOT = Path(__file__).resolve().parents[1]


def test_the_built_wheel_contains_the_curriculum(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
    )
    [wheel] = tmp_path.glob("airoadmap-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        "airoadmap/curriculum/" + path.relative_to(ROOT / "curriculum").as_posix()
        for path in (ROOT / "curriculum").rglob("*.md")
    }
    assert "airoadmap/curriculum/AI Engineer.md" in shipped
    assert shipped <= names
    assert "airoadmap/cli/__init__.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "airoadmap = airoadmap.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_the_installed_package_finds_its_curriculum() -> None:
    assert (bundled_curriculum() / "AI Engineer.md").is_file()
