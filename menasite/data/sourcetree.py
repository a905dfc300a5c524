"""The source folders themselves, checked before any file in them is read.

- Links (symlinks) in ``docs/``, ``data/`` and ``overrides/`` must point to a regular file
  inside the same folder: a link to ``.git/config`` would publish the repository's secrets.
  Only the link is looked at (where it points, what is there), never the file it points to.
  A link AT the folder itself is fine (test projects link ``overrides``): its target is
  walked instead.
- Anything else that is not a regular file or a folder (a pipe, a device) is refused: reading
  it would hang the build.
- Names of pages and of report data files are lower-case Latin letters, digits and hyphens:
  a file name ends up in addresses and HTML attributes of every language.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from menasite.messages import t
from menasite.problems import Problem

SAFE_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# Folders whose contents are published: never a link out of the project. (overrides/ is a
# developer's folder, reviewed as code, and the tests link it into their fixture projects.)
PAGE_AND_DATA_FOLDERS = ("docs", "data")


def check_source_tree(root: Path, folders: list[Path]) -> list[Problem]:
    """Links, special files and file names in the given source folders."""
    problems: list[Problem] = []
    for folder in folders:
        problems += check_folder(root, folder)
    return problems


def check_folder(root: Path, folder: Path) -> list[Problem]:
    if not folder.is_dir():
        return []
    top = folder.resolve()
    label = _shown(folder, root) + "/"
    if folder.is_symlink() and folder.name in PAGE_AND_DATA_FOLDERS and not top.is_relative_to(root.resolve()):
        # MkDocs would read and publish whatever the link points to.
        found = t("a link to {target}, outside the project", target=str(top))
        return [Problem(label, None, t("link"), t("a folder inside the project"), found)]
    problems: list[Problem] = []
    for directory, subfolders, files in os.walk(top):  # links to folders are not followed
        for name in sorted(subfolders + files):
            path = Path(directory) / name
            shown = label + path.relative_to(top).as_posix()
            problem = _entry_problem(path, top, label, shown)
            if problem:
                problems.append(problem)
        subfolders[:] = [name for name in subfolders if not (Path(directory) / name).is_symlink()]
    return problems


def _shown(folder: Path, root: Path) -> str:
    try:
        return folder.relative_to(root).as_posix()
    except ValueError:
        return folder.name


def _entry_problem(path: Path, top: Path, label: str, shown: str) -> Problem | None:
    mode = path.lstat().st_mode
    expected = t("a regular file inside {folder}", folder=label)
    if stat.S_ISLNK(mode):
        target = Path(os.path.realpath(path))  # where it points; the file itself is not read
        if not target.is_relative_to(top):
            return Problem(shown, None, t("link"), expected, t("a link to a file outside {folder}", folder=label))
        if not target.exists():
            return Problem(shown, None, t("link"), expected, t("a link to nothing (its target does not exist)"))
        if not target.is_file():
            return Problem(
                shown, None, t("link"), expected, t("a link to something that is not a file (a folder or a device)")
            )
        return None
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return Problem(shown, None, t("file"), expected, t("something that is not a file (a pipe or a device)"))
    return None


def check_file_names(root: Path, folder: Path, suffix: str, *, recursive: bool = True) -> list[Problem]:
    """Files ending in ``suffix`` (and the folders holding them) must have safe names.

    ``suffix`` is a literal ".md" or ".yml"; ``example`` in the message is a good name."""
    if not folder.is_dir():
        return []
    found = folder.rglob(f"*{suffix}") if recursive else folder.glob(f"*{suffix}")
    problems = []
    for path in sorted(found):
        parts = path.relative_to(folder).parts
        bad = [part for part in parts[:-1] if not SAFE_NAME.fullmatch(part)]
        stem = parts[-1][: -len(suffix)]
        if bad or not SAFE_NAME.fullmatch(stem):
            problems.append(
                Problem(
                    _shown(path, root),
                    None,
                    t("file name"),
                    t(
                        "a name of lower-case Latin letters, digits and hyphens, ending in {suffix} (2023-q1{suffix})",
                        suffix=suffix,
                    ),
                    t("'{name}', which has other characters", name=(bad[0] if bad else parts[-1])),
                )
            )
    return problems
