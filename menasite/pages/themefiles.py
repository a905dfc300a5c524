"""The files of the theme's folders, as Jinja's ``FileSystemLoader.list_templates`` lists them,
with each installed theme's folder walked once per process.

MkDocs lists every file of the theme for each language it builds (three times per build, and
again on every save under ``./run serve``), to copy the theme's assets. Material's folder holds
some 15,000 files (its icons); it is an installed package, which does not change while MkDocs
runs, so its listing is kept. The site's own ``overrides/`` is walked each time (a file added
under serve is seen).
"""

from __future__ import annotations

import os
import sysconfig
from collections.abc import Iterable
from pathlib import Path

from menasite.kept import keeping, kept_folder

_INSTALLED = tuple(
    os.path.join(os.path.realpath(sysconfig.get_paths()[kind]), "")
    for kind in ("purelib", "platlib")  # site-packages (the same folder on most systems)
)
_listed: dict[tuple[str, bool], list[str]] = {}  # (installed folder, followlinks) -> its files


def template_names(searchpaths: Iterable[str], followlinks: bool = False) -> list[str]:
    """Every file under the folders, as a sorted list of "/"-separated paths, each once."""
    found: set[str] = set()
    for searchpath in searchpaths:
        if os.path.join(os.path.realpath(searchpath), "").startswith(_INSTALLED):
            key = (searchpath, followlinks)
            if key not in _listed:
                _listed[key] = walked_names(searchpath, followlinks)
            found.update(_listed[key])
        else:
            found.update(walked_names(searchpath, followlinks))
    return sorted(found)


def theme_file_names(searchpaths: Iterable[str], followlinks: bool = False) -> list[str]:
    """``template_names`` without hidden files and folders (".icons/..."), which MkDocs never
    copies (its filter leaves out ".*" and "*/.*" whatever the configuration); the only reader
    of the listing is that filter, which then looks at some 500 names instead of 15,000."""
    return [name for name in template_names(searchpaths, followlinks) if not _hidden(name)]


def _hidden(name: str) -> bool:
    return name.startswith(".") or "/." in name


def walked_names(searchpath: str, followlinks: bool = False) -> list[str]:
    """The files under one folder, named as ``FileSystemLoader.list_templates`` names them."""
    names = []
    for dirpath, _, filenames in os.walk(searchpath, followlinks=followlinks):
        for filename in filenames:
            template = os.path.join(dirpath, filename)[len(searchpath) :].strip(os.path.sep).replace(os.path.sep, "/")
            names.append(template[2:] if template[:2] == "./" else template)
    return names


def compiled_templates_folder(project: Path) -> Path:
    """Where builds keep the compiled templates for the next (``menasite.kept``)."""
    return kept_folder(project, "templates")


def keep_compiled_templates() -> bool:
    """Whether builds write them there (MENA_NO_CACHE=1: no)."""
    return keeping()
