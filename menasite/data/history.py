"""When each source file last changed, from the repository history (never the build's clock).

One ``git log`` per build (through ``git.Git``); no dates at all rather than wrong ones when
the full history is not there.
"""

from __future__ import annotations

from pathlib import Path

from menasite.data.git import Git, GitError


def has_full_history(root: Path) -> bool:
    """Whether ``root`` is the top of a git repository with its whole history."""
    return Git(root).has_full_history()


def last_change_dates(root: Path, folders: tuple[str, ...] = ("docs", "data")) -> dict[str, str]:
    """Path (as in the repository) -> YYYY-MM-DD of its last commit; empty without the full
    history (a shallow clone would date every file to its oldest commit)."""
    git = Git(root)
    if not git.has_full_history():
        return {}
    try:
        return git.last_change_dates(folders)
    except GitError:
        return {}


def last_change_times(root: Path, folders: tuple[str, ...] = ("docs", "data")) -> dict[str, str]:
    """Path -> the exact time of its last commit (UTC, RFC 3339: "2026-12-01T16:20:53Z"), for
    the open data's passports and the feeds; empty without the full history."""
    git = Git(root)
    if not git.has_full_history():
        return {}
    try:
        return git.last_change_times(folders)
    except GitError:
        return {}


def newest(dates: dict[str, str], paths: list[str]) -> str | None:
    """The latest date (or RFC 3339 UTC time) among files and folders ("data/reports" covers
    every report)."""

    def covered(name: str) -> bool:
        return any(name == path or name.startswith(path.rstrip("/") + "/") for path in paths)

    found = [date for name, date in dates.items() if covered(name)]
    return max(found) if found else None
