"""The repository's history, read through one wrapper: every git command of the site runs here.

Git is optional: an exported copy of the project has no ``.git``, and a machine may have no
``git`` at all. Each question says what it answers then (no dates, the known folders only),
never a traceback.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

_NO_BLOB = "0" * 40  # git's name for "no file here" in a raw diff


@dataclass(frozen=True)
class FileChange:
    """One commit's change of a file: its content (blob id) before, at the first parent, and
    after; None where the file was not there."""

    commit: str
    before: str | None
    after: str | None


class GitError(Exception):
    """git is not there, or refused the command (not a repository, an unknown revision)."""


class Git:
    def __init__(self, root: Path):
        self.root = Path(root)
        self._ancestry: dict[tuple[str, str], bool] = {}  # asked once per pair of commits
        self._parents: dict[str, tuple[str, ...]] | None = None  # the commit graph, read once

    def run_bytes(self, *args: str, env: Mapping[str, str] | None = None) -> bytes:
        """What git printed, as bytes (file names need not be UTF-8); GitError if it failed."""
        try:
            result = subprocess.run(
                ["git", *args], cwd=self.root, capture_output=True, env=None if env is None else dict(env)
            )
        except OSError as error:  # no git on this machine, or the folder is gone
            raise GitError(str(error)) from None
        if result.returncode != 0:
            raise GitError(result.stderr.decode(errors="replace").strip())
        return result.stdout

    def run(self, *args: str, env: Mapping[str, str] | None = None) -> str:
        return self.run_bytes(*args, env=env).decode("utf-8", errors="replace")

    def succeeds(self, *args: str) -> bool:
        """Whether a yes/no command (``merge-base --is-ancestor``) answered yes."""
        try:
            self.run_bytes(*args)
        except GitError:
            return False
        return True

    # --- whether the history can be read ------------------------------------------------

    def usable(self) -> str | None:
        """None when the history can be read, else why not: "shallow" or "no git"."""
        try:
            if self.run("rev-parse", "--is-shallow-repository").strip() == "true":
                return "shallow"
            self.run("rev-parse", "HEAD")
        except GitError:
            return "no git"
        return None

    def has_full_history(self) -> bool:
        """Whether the root is the top of a git repository with its whole history. A shallow
        clone knows only its last commits: every file would seem to have changed in the oldest
        one it has, so its dates are wrong; a copy without .git has none."""
        try:
            answer = self.run("rev-parse", "--is-shallow-repository", "--show-toplevel").split("\n")
        except GitError:
            return False
        if len(answer) < 2 or answer[0] != "false":
            return False
        # A copy without .git inside another repository would read that repository's history.
        return Path(answer[1]).resolve() == self.root.resolve()

    # --- questions about the history ----------------------------------------------------

    def last_commit_time(self) -> str | None:
        """The last commit's time in seconds since 1970 (for SOURCE_DATE_EPOCH), or None."""
        try:
            return self.run("log", "-1", "--format=%ct").strip() or None
        except GitError:
            return None

    def head(self) -> str | None:
        """The commit checked out (40 hex digits), or None when the root is not the top of a
        repository (a copy without .git inside another repository would name that one's)."""
        try:
            top, head = self.run("rev-parse", "--show-toplevel", "--verify", "HEAD").split("\n")[:2]
        except (GitError, ValueError):
            return None
        return head.strip() if Path(top).resolve() == self.root.resolve() else None

    def commit_time_iso(self, revision: str = "HEAD") -> str | None:
        """A commit's time, ISO 8601 with its offset as the committer recorded it."""
        try:
            return self.run("log", "-1", "--format=%cI", revision, "--").strip() or None
        except GitError:
            return None

    def uncommitted_changes(self) -> list[str]:
        """Files changed, added or removed and not committed (ignored files aside), as
        ``git status --short`` shows them; GitError outside a repository."""
        return [line for line in self.run("status", "--porcelain", "--untracked-files=all").splitlines() if line]

    def last_change_dates(self, folders: tuple[str, ...]) -> dict[str, str]:
        """Path -> YYYY-MM-DD of the last commit that changed it, in one ``git log``. Dates
        are the committer's, as a calendar date in Kyiv, so a build in another time zone
        gives the same page."""
        command = ("log", "--format=%x00%cd", "--date=format-local:%Y-%m-%d", "--name-only", "--", *folders)
        output = self.run(*command, env={**os.environ, "TZ": "Europe/Kyiv"})
        dates: dict[str, str] = {}
        for record in output.split("\0")[1:]:
            date, _, names = record.partition("\n")
            for name in names.split():
                dates.setdefault(name, date)  # the log is newest first
        return dates

    def last_change_times(self, folders: tuple[str, ...]) -> dict[str, str]:
        """Path -> the exact time of the last commit that changed it, in UTC as RFC 3339
        ("2026-12-01T16:20:53Z"), in one ``git log``: the same in every time zone and build."""
        output = self.run("log", "--format=%x00%ct", "--name-only", "--", *folders)
        times: dict[str, str] = {}
        for record in output.split("\0")[1:]:
            seconds, _, names = record.partition("\n")
            stamp = datetime.fromtimestamp(int(seconds), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            for name in names.split():
                times.setdefault(name, stamp)  # the log is newest first
        return times

    def last_commits(self, folder: str) -> dict[str, str]:
        """Path -> the last commit that changed it, for every file ever under ``folder``, in
        one ``git log`` (newest first) instead of one command per file."""
        output = self.run("log", "--format=%x00%H", "--name-only", "--", folder)
        last: dict[str, str] = {}
        for record in output.split("\0")[1:]:
            commit, _, names = record.partition("\n")
            for name in names.split("\n"):
                if name:
                    last.setdefault(name, commit)
        return last

    def is_ancestor(self, older: str, newer: str) -> bool:
        if (older, newer) not in self._ancestry:
            self._ancestry[older, newer] = older == newer or self._reaches(newer, older)
        return self._ancestry[older, newer]

    def _reaches(self, newer: str, older: str) -> bool:
        """Whether ``older`` is in ``newer``'s history, walked in the graph read once (one git
        command per build, not one per pair of commits); git itself for a commit off HEAD."""
        graph = self._commit_graph()
        if newer not in graph or older not in graph:
            return self.succeeds("merge-base", "--is-ancestor", older, newer)
        seen, todo = {newer}, [newer]
        while todo:
            for parent in graph[todo.pop()]:
                if parent == older:
                    return True
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return False

    def _commit_graph(self) -> dict[str, tuple[str, ...]]:
        if self._parents is None:
            try:
                lines = self.run("rev-list", "--parents", "HEAD").splitlines()
            except GitError:
                lines = []
            self._parents = {line.split()[0]: tuple(line.split()[1:]) for line in lines if line}
        return self._parents

    def file_histories(self, paths: Iterable[str]) -> dict[str, list[FileChange]]:
        """Path -> the commits that changed it, oldest first, with its content before and
        after each: one ``git log`` for all the files, where asking per file took a command per
        file and two per commit. As ``git log -- PATH`` lists them: a merge only where the file
        differs from every parent (``--diff-merges=combined``), "before" its first parent's."""
        paths = sorted(set(paths))
        if not paths:
            return {}
        output = self.run(
            "log",
            "--topo-order",
            "--reverse",
            "--no-renames",
            "--raw",
            "--no-abbrev",
            "--diff-merges=combined",
            "--format=%x00%H",
            "--",
            *paths,
        )
        wanted = set(paths)
        histories: dict[str, list[FileChange]] = {}
        for record in output.split("\0")[1:]:
            commit, _, raw = record.partition("\n")
            for line in raw.splitlines():
                change, tab, path = line.partition("\t")
                if not tab or path not in wanted:
                    continue
                # ":100644 100644 OLD NEW M" or, for a merge, "::m1 m2 m OLD1 OLD2 NEW MM"
                parents = len(change) - len(change.lstrip(":"))
                blobs = change.split()[parents + 1 : 2 * parents + 2]
                before, after = blobs[0], blobs[-1]
                histories.setdefault(path, []).append(
                    FileChange(
                        commit.strip(), None if before == _NO_BLOB else before, None if after == _NO_BLOB else after
                    )
                )
        return histories

    def blob_texts(self, blobs: Iterable[str]) -> dict[str, str]:
        """Blob id -> its text, for many blobs through one ``git cat-file --batch``."""
        names = sorted(set(blobs))
        if not names:
            return {}
        try:
            result = subprocess.run(
                ["git", "cat-file", "--batch"],
                cwd=self.root,
                input="".join(f"{name}\n" for name in names).encode(),
                capture_output=True,
            )
        except OSError as error:
            raise GitError(str(error)) from None
        if result.returncode != 0:
            raise GitError(result.stderr.decode(errors="replace").strip())
        texts, output, position = {}, result.stdout, 0
        for name in names:
            end = output.index(b"\n", position)
            header = output[position:end].split()
            position = end + 1
            if len(header) < 3 or header[1] != b"blob":  # "<name> missing"
                continue
            size = int(header[2])
            texts[name] = output[position : position + size].decode("utf-8", errors="replace")
            position += size + 1  # the content and its newline
        return texts

    def commits_touching(self, path: str) -> list[str]:
        """Oldest first."""
        return self.run("log", "--format=%H", "--topo-order", "--reverse", "--", path).split()

    def show(self, revision: str, path: str) -> str | None:
        """A file as it was in a revision; None where it did not exist."""
        try:
            return self.run("show", f"{revision}:{path}")
        except GitError:
            return None

    def tracked_files(self) -> list[str]:
        """Every file git tracks, relative to the root; GitError without git."""
        return [name.decode(errors="replace") for name in self.run_bytes("ls-files", "-z").split(b"\0") if name]
