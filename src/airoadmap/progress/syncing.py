"""Progress through git: the data folder as a repository whose stores merge by meaning.

`sync` makes the folder a repository (the first time, with a remote), registers airoadmap's
merge driver for `learners/*.toml` (`.gitattributes` and the repository's own config, so a
plain `git pull` merges stores by meaning too), ignores caches, locks and temp files, commits
the learners' changes with a message saying what changed, pulls and pushes. Offline or refused,
progress stays committed here and the next `sync` sends it. It runs the `git` program; nothing
here prints."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from airoadmap.errors import AiroadmapError
from airoadmap.progress.atomic import TEMP_PREFIX, write_atomic
from airoadmap.progress.merging import merge_versions
from airoadmap.progress.store import conflict_line

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
    merged: list[str] = field(default_factory=list)  # stores merged by meaning from markers
    others: list[str] = field(default_factory=list)  # other learners' stores changed, not sent


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
        ["git", "-C", str(home), *args],
        capture_output=True,
        text=True,
        errors="replace",  # a store that is not UTF-8 is named by its parser, not a crash here
        env=env,
        check=False,
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
    """Commit this learner's store, pull and push the data folder `home` (see the module)."""
    try:
        with _stores_locked(home):
            return _sync(home, learner=learner, remote=remote, driver=driver, message=message)
    except OSError as exc:  # a data folder that is a file, a `.gitignore` that is a folder, ...
        raise SyncError(f"{exc.filename or home}: {exc.strerror or exc}") from None


@contextlib.contextmanager
def _stores_locked(home: Path) -> Iterator[None]:
    """Every store's lock, held while git rewrites stores (a merge, a mend): an `airoadmap
    done` in another shell waits, rather than writing back what it read before the merge."""
    from filelock import FileLock, Timeout

    from airoadmap.progress.store import LOCK_TIMEOUT

    with contextlib.ExitStack() as held:
        for store in sorted((home / "learners").glob("*.toml")) if home.is_dir() else []:
            lock = FileLock(f"{store}.lock", timeout=LOCK_TIMEOUT)
            try:
                held.enter_context(lock)
            except Timeout:
                raise SyncError(f"another airoadmap is writing {store}; try again") from None
        yield


def _sync(home: Path, *, learner: str, remote: str | None, driver: str, message: str) -> Synced:
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
    _no_rebase(home)
    if remote is not None:
        current = _remote(home)
        if current is None:
            _git(home, "remote", "add", "origin", remote)
        elif current != remote:
            raise SyncError(
                f"{home} syncs with {current}, not {remote}: to move it, "
                f"`git -C {home} remote set-url origin {remote}`, then sync"
            )
    if _remote(home) is not None and not _has_commits(home):
        _adopt(home)  # a new machine: the remote's history first, with this one's stores
    set_up(home, driver)
    who = _identity(home, learner)
    result.merged += _finish_a_merge(home, who)
    result.merged += _undo_committed_markers(home)
    own = f"learners/{learner}.toml"
    kept = [n for n in (own, ".gitattributes", ".gitignore") if (home / n).exists()]
    kept += [n for n in result.merged if n != own]
    _git(home, "add", "-A", "--", *kept)
    if _git(home, "diff", "--cached", "--quiet", check=False).returncode == 1:
        _git(home, *who, "commit", "-q", "-m", message)
        result.committed = message.splitlines()[0]
    result.others = [n for n in _changed_stores(home) if n != own]
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
                unmerged = _git(home, "diff", "--name-only", "--diff-filter=U").stdout.split()
                if not unmerged and not (home / ".git" / "MERGE_HEAD").exists():
                    result.received = 0
                    raise SyncError(
                        f"git could not merge what the remote has ({_first_line(merged)}); "
                        "your progress is committed here"
                    )
                result.merged += _finish_a_merge(home, who)
            fixed = _undo_committed_markers(home)
            if fixed:
                _git(home, "add", "--", *fixed)
                _git(home, *who, "commit", "-q", "-m", "airoadmap: stores merged by meaning")
                result.merged += fixed
    pushed = _git(home, "push", "-q", "-u", "origin", branch, check=False)
    if pushed.returncode == 0:
        result.sent = True
    else:
        result.not_sent = f"the remote refused it ({_first_line(pushed)})"
    return result


def _no_rebase(home: Path) -> None:
    git_dir = home / ".git"
    if (git_dir / "rebase-merge").exists() or (git_dir / "rebase-apply").exists():
        raise SyncError(
            f"a git rebase is in progress in {home}: finish it (`git -C {home} rebase "
            "--continue`, after `airoadmap merge-store` on a store with conflict markers) or "
            f"abort it (`git -C {home} rebase --abort`), then sync"
        )


def _changed_stores(home: Path) -> list[str]:
    lines = _git(home, "status", "--porcelain", "--", "learners").stdout.splitlines()
    return [line[3:].strip('"') for line in lines if line.endswith(".toml")]


def _has_markers(text: str) -> bool:
    return conflict_line(text.encode()) is not None


def _undo_committed_markers(home: Path) -> list[str]:
    """Stores whose conflict markers were committed (a merge made by hand without the merge
    driver, here or on another machine): each is merged by meaning again from the versions
    the merge commit joined. The stores mended; `SyncError` for one that cannot be."""
    mended = []
    for path in sorted((home / "learners").glob("*.toml")):
        if not _has_markers(path.read_text(errors="replace")):
            continue
        name = f"learners/{path.name}"
        merges = _git(home, "log", "--merges", "--format=%H", "-n", "50", "--", name).stdout
        for commit in merges.split():
            if not _has_markers(_git(home, "show", f"{commit}:{name}", check=False).stdout):
                continue
            parents = _git(home, "rev-parse", f"{commit}^1", f"{commit}^2").stdout.split()
            base = _git(home, "merge-base", *parents, check=False).stdout.strip()
            texts = [_shown(home, rev, name) if rev else "" for rev in [base, *parents]]
            if not any(_has_markers(text) for text in texts):
                _merge_into(home, name, (texts[0], texts[1], texts[2]))
                mended.append(name)
                break
        else:
            raise SyncError(
                f"{path}: holds git conflict markers and no merge of its history explains them: "
                f"take its last good version back (`git -C {home} log -p -- {name}`) and sync"
            )
    return mended


def _shown(home: Path, rev: str, name: str, stage: int | None = None) -> str:
    """A file as a commit (`rev`) or a stage of the index (`stage`) holds it; "" if none."""
    where = f":{stage}:{name}" if stage is not None else f"{rev}:{name}"
    shown = _git(home, "show", where, check=False)
    return shown.stdout if shown.returncode == 0 else ""


def _has_commits(home: Path) -> bool:
    return _git(home, "rev-parse", "-q", "--verify", "HEAD", check=False).returncode == 0


def _adopt(home: Path) -> None:
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
            _merge_into(home, name, ("", mine.read_text(), _shown(home, theirs, name)))
    _git(home, "reset", "-q", theirs)


def _merge_into(home: Path, name: str, versions: tuple[str, str, str]) -> None:
    """Write the store `name` merged by meaning from its (base, ours, theirs) texts."""
    base, ours, theirs = (text.encode() for text in versions)
    try:
        merged = merge_versions(base, ours, theirs, where=home / name)
    except AiroadmapError as exc:
        raise SyncError(str(exc)) from None
    if merged is not None:
        write_atomic(home / name, merged)


def _finish_a_merge(home: Path, who: list[str]) -> list[str]:
    """A merge left unfinished (a store with conflict markers, after a `git pull` made before
    the merge driver was registered): merge each store by meaning from its three versions,
    and commit the merge. Anything else unmerged is git's to say."""
    unmerged = _git(home, "diff", "--name-only", "--diff-filter=U").stdout.split()
    for name in unmerged:
        if not (name.startswith("learners/") and name.endswith(".toml")):
            raise SyncError(f"{home}: {name} is left unmerged by git: resolve it, then sync")
        base, ours, theirs = (_shown(home, "", name, stage) for stage in (1, 2, 3))
        _merge_into(home, name, (base, ours, theirs))
        _git(home, "add", "--", name)
    if unmerged or (home / ".git" / "MERGE_HEAD").exists():
        _git(home, *who, "commit", "-q", "--no-edit")
    return unmerged


def waiting(home: Path) -> Waiting:
    """What `sync` would send and receive: stores changed since the last sync, and commits
    either way (the remote asked first, when it can be)."""
    if not is_repository(home):
        return Waiting([], 0, 0, None)
    remote = _remote(home)
    state = Waiting(_changed_stores(home), 0, 0, remote)
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


def what_changed(home: Path, learner: str) -> str:
    """A commit message saying what changed in `learner`'s store since the last commit: a first
    line (`airoadmap: ada done 2, start 1`) and a line per change naming its topics."""
    from airoadmap.progress.store import parse

    name = f"learners/{learner}.toml"
    path = home / name
    try:
        now = parse(path.read_bytes(), path).log if path.exists() else []
    except (OSError, AiroadmapError):
        now = []
    before = _git(home, "show", f"HEAD:{name}", check=False) if is_repository(home) else None
    try:
        ok = before is not None and before.returncode == 0
        old = parse(before.stdout.encode(), path).log if ok and before else []
    except AiroadmapError:
        old = []
    seen = {(e.at, e.action, e.topics) for e in old}
    new = [e for e in now if (e.at, e.action, e.topics) not in seen]
    kept = {(e.at, e.action, e.topics) for e in now}
    undone = (
        [e for e in old if (e.at, e.action, e.topics) not in kept and e.at >= now[-1].at]
        if now
        else []
    )
    counts: dict[str, int] = {}
    for entry in new:
        counts[entry.action] = counts.get(entry.action, 0) + len(entry.topics)
    said = [f"{action} {n}" for action, n in counts.items()]
    said += [f"undo {len(undone)}"] if undone else []
    first = f"airoadmap: {learner} " + (", ".join(said) or "progress")
    details = [f"{e.action} {', '.join(e.topics)}" for e in new]
    details += [f"undo {e.action} {', '.join(e.topics)}" for e in undone]
    return first + ("\n\n" + "\n".join(details) if details else "")
