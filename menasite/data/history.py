"""When each source file last changed, from the repository history (never the build's clock).

One ``git log`` per build; dates are the committer's, as a calendar date in Kyiv, so a build
in another time zone gives the same page.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def has_full_history(root: Path) -> bool:
    """Whether ``root`` is the top of a git repository with its whole history. A shallow clone
    knows only its last commits: every file would seem to have changed in the oldest one
    it has, so its dates are wrong; a copy without .git has none."""
    command = ["git", "rev-parse", "--is-shallow-repository", "--show-toplevel"]
    try:
        result = subprocess.run(command, cwd=root, capture_output=True, text=True)
    except OSError:
        return False
    answer = result.stdout.split("\n")
    if result.returncode != 0 or len(answer) < 2 or answer[0] != "false":
        return False
    # A copy without .git inside another repository would read that repository's history.
    return Path(answer[1]).resolve() == Path(root).resolve()


def last_change_dates(root: Path, folders: tuple[str, ...] = ("docs", "data")) -> dict[str, str]:
    """Path (as in the repository) -> YYYY-MM-DD of its last commit; empty without the full
    history (no dates rather than wrong ones)."""
    if not has_full_history(root):
        return {}
    command = ["git", "log", "--format=%x00%cd", "--date=format-local:%Y-%m-%d", "--name-only", "--", *folders]
    try:
        result = subprocess.run(command, cwd=root, capture_output=True, text=True, env={**os.environ, "TZ": "Europe/Kyiv"})
    except OSError:
        return {}
    if result.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    for record in result.stdout.split("\0")[1:]:
        date, _, names = record.partition("\n")
        for name in names.split():
            dates.setdefault(name, date)  # the log is newest first
    return dates


def newest(dates: dict[str, str], paths: list[str]) -> str | None:
    """The latest date among files and folders ("data/reports" covers every report)."""
    found = [date for name, date in dates.items() if any(name == p or name.startswith(p.rstrip("/") + "/") for p in paths)]
    return max(found) if found else None
