"""The repository's history, read through one wrapper: every git command of the site runs here.

Git is optional: an exported copy of the project has no ``.git``, and a machine may have no
``git`` at all. Each question says what it answers then (no dates, the known folders only),
never a traceback.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path


class GitError(Exception):
    """git is not there, or refused the command (not a repository, an unknown revision)."""


class Git:
    def __init__(self, root: Path):
        self.root = Path(root)
        self._ancestry: dict[tuple[str, str], bool] = {}  # asked once per pair of commits

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
            self._ancestry[older, newer] = older == newer or self.succeeds("merge-base", "--is-ancestor", older, newer)
        return self._ancestry[older, newer]

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
