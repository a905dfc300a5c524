"""What an editor sees when something goes wrong that is not a mistake in the sources.

No traceback reaches an editor: an unexpected error becomes one line that names the file
being processed (``menasite.current``) and asks to report it; ``--debug`` shows the
traceback. Errors of the machine (a read-only or full disk, a missing permission) say which
path and what to do.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

from menasite.current import file_of
from menasite.messages import Msg, message_language, render, t
from menasite.problems import unexpected

EXIT_UNEXPECTED = 70  # EX_SOFTWARE: a fault in the tools, not in the sources
EXIT_SYSTEM = 74  # EX_IOERR: the disk or the permissions


def one_line(text: str, limit: int = 300) -> str:
    first = next((line.strip() for line in str(text).splitlines() if line.strip()), "")
    return first if len(first) <= limit else first[: limit - 3] + "..."


def exception_line(error: BaseException) -> str:
    return one_line(f"{type(error).__name__}: {error}")


def unexpected_error(error: BaseException) -> str:
    return render(unexpected(exception_line(error), file_of(error)), message_language())


def system_problem(error: OSError) -> Msg | None:
    """A clear message for an error of the machine, or None for any other OSError."""
    path = existing_part(error.filename or error.filename2)
    if error.errno == errno.EROFS:
        return t(
            "Cannot write {path}: the disk is read-only. Build into a folder on a writable disk "
            "(--site-dir), or ask the administrator to make it writable.",
            path=path,
        )
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return t(
            "The disk is full (while writing {path}). Free some space on it, or build into a folder on "
            "another disk (--site-dir), then try again.",
            path=path,
        )
    if error.errno in (errno.EACCES, errno.EPERM):
        return t(
            "No permission to change {path}. Build into a folder of your own (--site-dir), or ask the "
            "administrator for write access to it.",
            path=path,
        )
    return None


def existing_part(path) -> str:
    """The path, or its nearest folder that exists (a work folder that could not be made has
    a random name: its folder is what the editor can act on)."""
    if path is None:
        return "?"
    path = Path(os.fsdecode(path))
    while not path.exists() and path.parent != path:
        path = path.parent
    return str(path)


def system_error(error: OSError) -> str | None:
    message = system_problem(error)
    return None if message is None else render(message, message_language())


# --- MkDocs' own crashes ---------------------------------------------------------------------------

_TRACEBACK = "Traceback (most recent call last):"
_OS_ERROR = re.compile(r"^[\w.]+: \[Errno (\d+)\] ([^:]*)(?:: '(.*)')?")
_PAGE = re.compile(r"Error (?:reading|building) page '([^']+)'")


def crash_line(output: str) -> str | None:
    """The exception line of the last traceback in MkDocs' output (None: no traceback)."""
    if _TRACEBACK not in output:
        return None
    lines = output.rsplit(_TRACEBACK, 1)[1].splitlines()[1:]
    return next((line.strip() for line in lines if line.strip() and not line[:1].isspace()), None)


def crash_report(output: str) -> tuple[str, int] | None:
    """One line for a crash of MkDocs (with the page it was building when it said so), and the
    exit code; None when MkDocs failed without a traceback (a reported problem)."""
    line = crash_line(output)
    if line is None:
        return None
    found = _OS_ERROR.match(line)
    if found:
        system = system_error(OSError(int(found[1]), found[2], found[3]))
        if system:
            return system, EXIT_SYSTEM
    pages = _PAGE.findall(output)
    message = unexpected(one_line(line), f"docs/{pages[-1]}" if pages else None)
    return render(message, message_language()), EXIT_UNEXPECTED
