"""What a build keeps for the next builds in the project's .cache/ (as Python keeps compiled
modules in __pycache__/, and Material's plugins their work in .cache/): results that depend
only on their inputs, filed under a hash of all of them, so that an entry is never wrong, only
unused. Nothing is written where Python writes no compiled modules either
(PYTHONDONTWRITEBYTECODE), nor where the folder cannot be written (a read-only checkout still
builds)."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
import tempfile
from pathlib import Path

CACHE_FOLDER = ".cache"


def kept_folder(root: Path, name: str) -> Path:
    return root / CACHE_FOLDER / name


def read_kept(folder: Path, key: str) -> bytes | None:
    with contextlib.suppress(OSError):
        return (folder / key).read_bytes()
    return None


def keep(folder: Path, key: str, data: bytes) -> None:
    """Written under another name and renamed: another build never reads half an entry."""
    if sys.dont_write_bytecode:
        return
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".part") as part:
            part.write(data)
        os.replace(part.name, folder / key)


@functools.cache
def file_hash(path: Path) -> bytes:
    """The SHA-256 of a file (of this site's code, a font): read once per process."""
    return hashlib.sha256(path.read_bytes()).digest()
