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


class ChangeDates(dict[str, str]):
    """Path -> the date (or time) of its last change, which also answers, for any file or
    folder, the newest date under it: indexed once, not searched for every page."""

    def newest_under(self) -> dict[str, str]:
        if "_newest" not in self.__dict__:
            self._newest = _newest_by_file_and_folder(self)
        return self._newest


def last_changes(root: Path, folders: tuple[str, ...] = ("docs", "data")) -> tuple[ChangeDates, ChangeDates]:
    """Path (as in the repository) -> the last commit that changed it: its date (YYYY-MM-DD,
    for the pages' "last updated") and its exact time (UTC, RFC 3339: "2026-12-01T16:20:53Z",
    for the open data's passports and the feeds). Both empty without the full history (a
    shallow clone would date every file to its oldest commit), which is checked once."""
    git = Git(root)
    if not git.has_full_history():
        return ChangeDates(), ChangeDates()
    try:
        return ChangeDates(git.last_change_dates(folders)), ChangeDates(git.last_change_times(folders))
    except GitError:
        return ChangeDates(), ChangeDates()


def newest(dates: dict[str, str], paths: list[str]) -> str | None:
    """The latest date (or RFC 3339 UTC time) among files and folders ("data/reports" covers
    every report)."""
    index = dates.newest_under() if isinstance(dates, ChangeDates) else _newest_by_file_and_folder(dates)
    found = [index[path.rstrip("/")] for path in paths if path.rstrip("/") in index]
    return max(found) if found else None


def _newest_by_file_and_folder(dates: dict[str, str]) -> dict[str, str]:
    """Every file, and every folder above one, -> the newest date of it or under it."""
    index: dict[str, str] = {}
    for name, date in dates.items():
        path = name
        while path:
            if index.get(path, "") < date:
                index[path] = date
            path = path.rpartition("/")[0]
    return index
