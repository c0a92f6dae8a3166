"""What ships: the wheel and the sdist hold only what they should, the installed wheel finds the
curriculum inside itself, and building writes nothing into the checkout."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

import airoadmap

ROOT = Path(__file__).resolve().parents[1]
VERSION = airoadmap.__version__
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
# What the sdist ships besides the metadata hatchling writes (PKG-INFO) and the .gitignore it
# always adds: see [tool.hatch.build.targets.sdist] in pyproject.toml.
SDIST_FILES = {"PKG-INFO", ".gitignore", "README.md", "pyproject.toml"}
SDIST_FOLDERS = ("src/", "curriculum/", "tests/", "bench/")  # tests run bench/stress.py


def checkout_state() -> str | None:
    """What git sees in the checkout, ignored files included (so build/, dist/ and *.egg-info/
    count too); None when the tests do not run in a git checkout (an unpacked sdist)."""
    if not (ROOT / ".git").exists():
        return None
    return subprocess.run(
        ["git", "status", "--porcelain", "--ignored"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@dataclass(frozen=True)
class Built:
    wheel: Path
    sdist: Path
    checkout_before: str | None
    checkout_after: str | None

    def wheel_names(self) -> list[str]:
        with zipfile.ZipFile(self.wheel) as archive:
            return archive.namelist()

    def sdist_names(self) -> list[str]:
        with tarfile.open(self.sdist) as archive:
            return archive.getnames()


def build_wheel(source: Path, out: Path) -> Path:
    subprocess.run(
        [
            *PIP,
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            str(out),
            str(source),
        ],
        cwd=out,
        check=True,
    )
    [wheel] = out.glob("airoadmap-*.whl")
    return wheel


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The wheel and the sdist, built once for the module, offline, from the checkout."""
    out = tmp_path_factory.mktemp("dist")
    before = checkout_state()
    wheel = build_wheel(ROOT, out)
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    after = checkout_state()
    [sdist] = out.glob("airoadmap-*.tar.gz")
    return Built(wheel, sdist, before, after)


def has_control_character(name: str) -> bool:
    return any(unicodedata.category(c) == "Cc" for c in name)


def test_the_built_wheel_contains_the_curriculum(built: Built) -> None:
    names = set(built.wheel_names())
    shipped = {
        "airoadmap/curriculum/" + path.relative_to(ROOT / "curriculum").as_posix()
        for path in (ROOT / "curriculum").rglob("*.md")
    }
    assert "airoadmap/curriculum/AI Engineer.md" in shipped
    assert shipped <= names
    assert "airoadmap/cli/__init__.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    with zipfile.ZipFile(built.wheel) as archive:
        assert "airoadmap = airoadmap.cli:main" in archive.read(entry_points).decode()


def test_the_installed_wheel_finds_the_curriculum_inside_itself(
    built: Built, tmp_path: Path
) -> None:
    """Installed alone (no checkout to fall back on), the package's bundled curriculum is the
    copy inside the installed package."""
    site = tmp_path / "site"
    subprocess.run(
        [*PIP, "install", "--no-deps", "--no-index", "--target", str(site), str(built.wheel)],
        cwd=tmp_path,
        check=True,
    )
    work = tmp_path / "work"
    work.mkdir()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import airoadmap\n"
        "from airoadmap.locations import bundled_curriculum\n"
        "site = Path(sys.argv[1]).resolve()\n"
        "assert Path(airoadmap.__file__).resolve().is_relative_to(site), airoadmap.__file__\n"
        "print(bundled_curriculum())\n"
    )
    done = subprocess.run(
        [sys.executable, "-s", "-c", code, str(site)],
        cwd=work,
        env={"PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    folder = Path(done.stdout.strip())
    assert folder.resolve().is_relative_to(site.resolve()), folder
    assert (folder / "AI Engineer.md").is_file()


def test_the_wheel_holds_only_the_package_and_its_metadata(built: Built) -> None:
    names = built.wheel_names()
    assert not [n for n in names if has_control_character(n)]
    allowed = ("airoadmap/", f"airoadmap-{VERSION}.dist-info/")
    assert [n for n in names if not n.startswith(allowed)] == []
    assert [n for n in names if "__pycache__" in n or n.endswith(".pyc")] == []


def test_the_sdist_holds_only_the_sources_the_curriculum_and_the_tests(built: Built) -> None:
    names = built.sdist_names()
    assert not [n for n in names if has_control_character(n)]
    top = f"airoadmap-{VERSION}/"
    assert [n for n in names if not n.startswith(top)] == []
    inside = [n.removeprefix(top) for n in names]
    unexpected = [n for n in inside if n not in SDIST_FILES and not n.startswith(SDIST_FOLDERS)]
    assert unexpected == []
    assert [n for n in inside if "__pycache__" in n or n.endswith(".pyc")] == []
    wanted = {
        path.relative_to(ROOT).as_posix()
        for folder in ("src", "curriculum")
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and path.suffix in {".py", ".md"}
    }
    assert wanted <= set(inside)
    assert {"README.md", "pyproject.toml", "tests/conftest.py"} <= set(inside)


def test_the_sdist_builds_the_same_wheel(built: Built, tmp_path: Path) -> None:
    """Nothing the wheel needs is left out of the sdist."""
    with tarfile.open(built.sdist) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
    out = tmp_path / "out"
    out.mkdir()
    wheel = build_wheel(tmp_path / "unpacked" / f"airoadmap-{VERSION}", out)
    with zipfile.ZipFile(wheel) as archive:
        assert sorted(archive.namelist()) == sorted(built.wheel_names())


def test_building_writes_nothing_into_the_checkout(built: Built) -> None:
    if built.checkout_before is None:
        pytest.skip("not a git checkout")
    assert built.checkout_after == built.checkout_before
