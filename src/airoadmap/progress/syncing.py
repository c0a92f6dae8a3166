"""Progress through git: the data folder as a repository whose stores merge by meaning.

`sync` makes the folder a repository (the first time, with a remote), registers airoadmap's
merge driver for `learners/*.toml` (`.gitattributes` and the repository's own config, so a
plain `git pull` merges stores by meaning too), ignores caches, locks and temp files, commits
the learners' changes with a message saying what changed, pulls and pushes. Offline or refused,
progress stays committed here and the next `sync` sends it. It runs the `git` program; nothing
here prints."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from airoadmap.errors import AiroadmapError
from airoadmap.progress.atomic import TEMP_PREFIX

ATTRIBUTES = "learners/*.toml merge=airoadmap\n"
IGNORED = ("cache/", "*.lock", f"{TEMP_PREFIX}*")


class SyncError(AiroadmapError):
    """What git refused, in one line, with what to do about it."""


@dataclass
class Synced:
    created: bool = False  # the folder became a repository now
    committed: str | None = None  # the commit's first line, if anything was committed
    received: int = 0  # commits pulled
    sent: bool = False  # pushed
    not_sent: str | None = None  # why nothing went to (or came from) the remote


@dataclass
class Waiting:
    uncommitted: list[str]  # stores changed since the last sync
    to_send: int
    to_receive: int
    remote: str | None
    unreachable: str | None = None  # why the remote could not be asked


def _git(home: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    if shutil.which("git") is None:
        raise SyncError("sync needs the `git` program, and it is not installed (or not on PATH)")
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    done = subprocess.run(
        ["git", "-C", str(home), *args], capture_output=True, text=True, env=env, check=False
    )
    if check and done.returncode != 0:
        raise SyncError(f"git {args[0]} failed: {_first_line(done)}")
    return done


def _first_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = [line.strip() for line in (done.stderr or done.stdout).splitlines() if line.strip()]
    meaningful = [line for line in lines if not line.startswith(("hint:", "To ", "From "))]
    return (meaningful or lines or [f"exit {done.returncode}"])[0]


def is_repository(home: Path) -> bool:
    return (home / ".git").exists()


def _remote(home: Path) -> str | None:
    done = _git(home, "remote", "get-url", "origin", check=False)
    return done.stdout.strip() or None if done.returncode == 0 else None


def _branch(home: Path) -> str:
    return _git(home, "symbolic-ref", "--short", "HEAD").stdout.strip()


def set_up(home: Path, driver: str) -> None:
    """The merge driver, in `.gitattributes` and the repository's config, and what git
    ignores. Done at every sync: a clone made by hand gets it at its first one."""
    _write_if_changed(home / ".gitattributes", ATTRIBUTES)
    ignore = home / ".gitignore"
    kept = ignore.read_text().splitlines() if ignore.exists() else []
    _write_if_changed(ignore, "\n".join([*kept, *(i for i in IGNORED if i not in kept)]) + "\n")
    _git(home, "config", "merge.airoadmap.name", "airoadmap progress store (merged by meaning)")
    _git(home, "config", "merge.airoadmap.driver", f"{driver} merge-store %O %A %B")


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def _identity(home: Path, learner: str) -> list[str]:
    """`-c user.name=… -c user.email=…` where git knows no one, so a commit can be made."""
    if _git(home, "config", "user.email", check=False).stdout.strip():
        return []
    return ["-c", f"user.name={learner}", "-c", f"user.email={learner}@airoadmap.invalid"]


def sync(home: Path, *, learner: str, remote: str | None, driver: str, message: str) -> Synced:
    """Commit, pull and push the data folder `home` (see the module)."""
    result = Synced()
    if not is_repository(home):
        if remote is None:
            raise SyncError(
                f"{home} is not a git repository yet: run `airoadmap sync --remote URL` once, "
                "with URL a new empty repository (or the one your cohort shares)"
            )
        home.mkdir(parents=True, exist_ok=True)
        _git(home, "init", "-q")
        _git(home, "symbolic-ref", "HEAD", "refs/heads/main")
        result.created = True
    if remote is not None:
        if _remote(home) is None:
            _git(home, "remote", "add", "origin", remote)
        elif _remote(home) != remote:
            _git(home, "remote", "set-url", "origin", remote)
    if _remote(home) is not None and not _has_commits(home):
        _adopt(home, driver)  # a new machine: the remote's history first, with this one's stores
    set_up(home, driver)
    who = _identity(home, learner)
    _finish_a_merge(home, driver, who)
    kept = [n for n in ("learners", ".gitattributes", ".gitignore") if (home / n).exists()]
    _git(home, "add", "-A", "--", *kept)
    if _git(home, "diff", "--cached", "--quiet", check=False).returncode == 1:
        _git(home, *who, "commit", "-q", "-m", message)
        result.committed = message.splitlines()[0]
    if _remote(home) is None:
        result.not_sent = "no remote: `airoadmap sync --remote URL` sets one"
        return result
    fetched = _git(home, "fetch", "-q", "origin", check=False)
    if fetched.returncode != 0:
        result.not_sent = f"the remote cannot be reached ({_first_line(fetched)})"
        return result
    branch = _branch(home)
    theirs = f"origin/{branch}"
    if _git(home, "rev-parse", "-q", "--verify", theirs, check=False).returncode == 0:
        count = _git(home, "rev-list", "--count", f"HEAD..{theirs}").stdout.strip()
        result.received = int(count or 0)
        if result.received:
            merged = _git(
                home, *who, "merge", "-q", "--no-edit", "--allow-unrelated-histories", theirs,
                check=False,
            )  # fmt: skip
            if merged.returncode != 0:
                _finish_a_merge(home, driver, who)
    pushed = _git(home, "push", "-q", "-u", "origin", branch, check=False)
    if pushed.returncode == 0:
        result.sent = True
    else:
        result.not_sent = f"the remote refused it ({_first_line(pushed)})"
    return result


def _has_commits(home: Path) -> bool:
    return _git(home, "rev-parse", "-q", "--verify", "HEAD", check=False).returncode == 0


def _adopt(home: Path, driver: str) -> None:
    """Start this repository from the remote's history (when it has one): its files where this
    folder has none, and each store both have merged by meaning into this folder's; what
    remains to commit is then only what this machine adds."""
    if _git(home, "fetch", "-q", "origin", check=False).returncode != 0:
        return
    theirs = f"origin/{_branch(home)}"
    if _git(home, "rev-parse", "-q", "--verify", theirs, check=False).returncode != 0:
        return
    for name in _git(home, "ls-tree", "-r", "--name-only", theirs).stdout.splitlines():
        mine = home / name
        if not mine.exists():
            _git(home, "checkout", "-q", theirs, "--", name)
        elif name.startswith("learners/") and name.endswith(".toml"):
            other = home / ".git" / "airoadmap-theirs.toml"
            other.write_text(_git(home, "show", f"{theirs}:{name}").stdout)
            empty = home / ".git" / "airoadmap-base.toml"
            empty.write_text("")
            _merge_store(driver, [str(empty), str(mine), str(other)], mine)
    _git(home, "reset", "-q", theirs)


def _merge_store(driver: str, versions: list[str], name: Path) -> None:
    command = [*shlex.split(driver), "merge-store", *versions]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SyncError(f"{name}: {_first_line(done)}")


def _finish_a_merge(home: Path, driver: str, who: list[str]) -> None:
    """A merge left unfinished (a store with conflict markers, after a `git pull` made before
    the merge driver was registered): merge each store by meaning from its three versions,
    and commit the merge. Anything else unmerged is git's to say."""
    unmerged = _git(home, "diff", "--name-only", "--diff-filter=U").stdout.split()
    for name in unmerged:
        if not (name.startswith("learners/") and name.endswith(".toml")):
            raise SyncError(f"{home}: {name} is left unmerged by git: resolve it, then sync")
        versions = []
        for stage in (1, 2, 3):
            shown = _git(home, "show", f":{stage}:{name}", check=False)
            path = home / ".git" / f"airoadmap-merge-{stage}.toml"
            path.write_text(shown.stdout if shown.returncode == 0 else "")
            versions.append(str(path))
        _merge_store(driver, versions, home / name)
        (home / name).write_text(Path(versions[1]).read_text())
        _git(home, "add", "--", name)
    if unmerged or (home / ".git" / "MERGE_HEAD").exists():
        _git(home, *who, "commit", "-q", "--no-edit")


def waiting(home: Path) -> Waiting:
    """What `sync` would send and receive: stores changed since the last sync, and commits
    either way (the remote asked first, when it can be)."""
    if not is_repository(home):
        return Waiting([], 0, 0, None)
    changed = _git(home, "status", "--porcelain", "--", "learners").stdout.splitlines()
    uncommitted = [line[3:] for line in changed]
    remote = _remote(home)
    state = Waiting(uncommitted, 0, 0, remote)
    if remote is None:
        return state
    fetched = _git(home, "fetch", "-q", "origin", check=False)
    if fetched.returncode != 0:
        state.unreachable = _first_line(fetched)
    theirs = f"origin/{_branch(home)}"
    if _git(home, "rev-parse", "-q", "--verify", theirs, check=False).returncode != 0:
        state.to_send = int(_git(home, "rev-list", "--count", "HEAD", check=False).stdout or 0)
        return state
    counts = _git(home, "rev-list", "--left-right", "--count", f"HEAD...{theirs}").stdout.split()
    state.to_send, state.to_receive = int(counts[0]), int(counts[1])
    return state


def what_changed(home: Path) -> str:
    """A commit message saying what changed in each store since the last commit: a first line
    (`airoadmap: ada done 2, start 1`) and a line per learner naming the topics."""
    from airoadmap.progress.store import parse

    if not is_repository(home):
        names = sorted(p.name for p in (home / "learners").glob("*.toml"))
        return "airoadmap: progress of " + (", ".join(n[:-5] for n in names) or "no one yet")
    changed = _git(home, "status", "--porcelain", "--", "learners").stdout.splitlines()
    heads, details = [], []
    for line in changed:
        name = line[3:].strip('"')
        if not name.endswith(".toml"):
            continue
        learner = Path(name).stem
        try:
            now = parse((home / name).read_bytes(), home / name).log
        except (OSError, AiroadmapError):
            now = []
        before = _git(home, "show", f"HEAD:{name}", check=False)
        try:
            old = parse(before.stdout.encode(), home / name).log if before.returncode == 0 else []
        except AiroadmapError:
            old = []
        seen = {(e.at, e.action, e.topics) for e in old}
        new = [e for e in now if (e.at, e.action, e.topics) not in seen]
        counts: dict[str, int] = {}
        for entry in new:
            counts[entry.action] = counts.get(entry.action, 0) + len(entry.topics)
        said = ", ".join(f"{action} {n}" for action, n in counts.items()) or "changed"
        heads.append(f"{learner} {said}")
        details += [f"{learner}: {e.action} {', '.join(e.topics)}" for e in new]
    first = "airoadmap: " + ("; ".join(heads) if heads else "set up sync")
    return first + ("\n\n" + "\n".join(details) if details else "")
