"""The output folder: which folders a build may replace, and the one-step swap.

A build replaces its output folder entirely, so it must never be pointed at something it did
not make. A folder is accepted when it does not exist yet, is empty, or holds the marker file
``.mena-site`` that every build writes into its output (the marker stays in the output, and
so is published with it: an empty-looking dot file, so that the next build recognises the
folder). Never accepted, marker or not: the file-system root, the project, a folder that
holds the project, and any source folder of the project or a folder inside one.
"""

from __future__ import annotations

import ctypes
import errno
import os
from pathlib import Path

from menasite.data.git import Git, GitError
from menasite.messages import Msg, t

MARKER = ".mena-site"
MARKER_TEXT = "This folder was made by the Mena site build (./run build); the next build replaces it whole.\n"

# Folders of the project that are never output, even when git is not there to tell.
SOURCE_NAMES = (
    ".git",
    ".github",
    ".ci",
    ".venv",
    "benchmarks",
    "data",
    "docs",
    "guide",
    "hooks",
    "menasite",
    "overrides",
    "tests",
)


class OutputRefused(Exception):
    """The output folder given is one the build must not replace."""

    def __init__(self, message: Msg):
        super().__init__(str(message))
        self.message = message


def refusal(folder: str, reason: Msg) -> OutputRefused:
    return OutputRefused(
        t(
            "The site was not built: refusing to build into {folder}: {reason}. The build replaces its "
            "output folder entirely: choose a new or empty folder, or one a previous build made (it holds a "
            "{marker} file).",
            folder=folder,
            reason=reason,
            marker=MARKER,
        )
    )


def checked_output_folder(given: str | os.PathLike, root: Path) -> Path:
    """The output folder, resolved (symlinks followed), or ``OutputRefused`` saying why not.

    Reads only: nothing is created or changed before the folder is accepted."""
    text = os.fspath(given)
    if not text.strip():
        raise refusal("''", t("no folder was given (an empty value, for example a variable that is not set)"))
    folder = Path(text).expanduser().resolve()
    shown = text if Path(text) == folder else f"{text} ({folder})"
    project = root.resolve()
    reason = forbidden_place(folder, project)
    if reason is None and folder.exists():
        reason = not_a_previous_output(folder)
    if reason is not None:
        raise refusal(shown, reason)
    return folder


def forbidden_place(folder: Path, project: Path) -> Msg | None:
    if folder == Path(folder.anchor):
        return t("it is the root of the file system")
    if folder == project:
        return t("it is the project folder, with all its sources")
    if folder in project.parents:
        return t("it holds the project folder {project}", project=project)
    if not folder.is_relative_to(project):
        return None
    top = folder.relative_to(project).parts[0]
    if top in source_names(project):
        if folder == project / top:
            return t("it is {source}, one of the project's sources", source=top)
        return t("it is inside {source}, one of the project's sources", source=top)
    return None


def source_names(project: Path) -> set[str]:
    """The project's top-level sources: the known folders, and whatever git tracks."""
    names = set(SOURCE_NAMES)
    try:
        listed = Git(project).tracked_files()
    except GitError:
        return names  # no git (an exported copy): the known folders only
    names.update(name.split("/", 1)[0] for name in listed)
    return names


def not_a_previous_output(folder: Path) -> Msg | None:
    if not folder.is_dir():
        return t("it is a file, not a folder")
    if any(folder.iterdir()) and not is_previous_output(folder):
        return t("it already holds files, and no {marker} file says that a build made them", marker=MARKER)
    return None


def is_previous_output(folder: Path) -> bool:
    marker = folder / MARKER
    return marker.is_file() and not marker.is_symlink()


def write_marker(site: Path) -> None:
    (site / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


# --- the swap ------------------------------------------------------------------------------------
#
# Linux's renameat2(RENAME_EXCHANGE) exchanges two folders in one step: the output path is the
# complete old site until the instant it is the complete new one, and it stays a real folder
# (copied to the web server as it is; no symlink for tools to trip over). Where the call is
# missing (not Linux, an old kernel, a file system without it), two renames are the fallback,
# and a run killed between them is repaired by the next run (``restore_interrupted_swap``).

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _renameat2():
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


def exchange(first: Path, second: Path) -> bool:
    """Exchange two folders in one step; False where the system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


PREVIOUS = "previous"  # where the fallback keeps the old output, inside the work folder


def swap_in(fresh: Path, site_dir: Path, work: Path) -> None:
    """Make ``fresh`` the output; the old output ends up inside ``work`` (deleted with it)."""
    if not site_dir.exists():
        fresh.rename(site_dir)
    elif not exchange(fresh, site_dir):
        previous = work / PREVIOUS
        site_dir.rename(previous)
        try:
            fresh.rename(site_dir)
        except OSError:
            previous.rename(site_dir)
            raise


def restore_interrupted_swap(site_dir: Path, leftovers: list[Path]) -> None:
    """A run killed between the two renames of the fallback left no output, and the old one
    in its work folder: put it back before that folder is removed."""
    if site_dir.exists():
        return
    for work in leftovers:
        if is_previous_output(work / PREVIOUS):
            (work / PREVIOUS).rename(site_dir)
            return
