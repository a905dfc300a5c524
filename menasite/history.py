"""When each source file last changed, from the repository history (never the build's clock).

One ``git log`` per build; dates are the committer's, as a calendar date in Kyiv, so a build
in another time zone gives the same page.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def last_change_dates(root: Path, folders: tuple[str, ...] = ("docs", "data")) -> dict[str, str]:
    """Path (as in the repository) -> YYYY-MM-DD of its last commit; empty without git."""
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
