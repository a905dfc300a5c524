"""What a build keeps for the next builds in the project's .cache/ (as Python keeps compiled
modules in __pycache__/, and Material's plugins their work in .cache/): results that depend
only on what they are made from, each filed under a hash of that (its inputs, the code that
makes it, the versions of the libraries that do), so that a change of any of them files it
anew. Nothing is written with MENA_NO_CACHE=1, nor where the folder cannot be written (a
read-only checkout still builds); the folder can be deleted at any time."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import tempfile
from pathlib import Path

CACHE_FOLDER = ".cache"
CACHE_FOLDER_VARIABLE = "MENA_CACHE_DIR"  # another folder than the project's .cache/ (the test suite's)
NO_CACHE_VARIABLE = "MENA_NO_CACHE"


def kept_folder(root: Path, name: str) -> Path:
    return Path(os.environ.get(CACHE_FOLDER_VARIABLE) or root / CACHE_FOLDER) / name


def keeping() -> bool:
    """Whether builds write their .cache/ entries (they always read what is there)."""
    return not os.environ.get(NO_CACHE_VARIABLE)


def read_kept(folder: Path, key: str) -> bytes | None:
    with contextlib.suppress(OSError):
        return (folder / key).read_bytes()
    return None


def keep(folder: Path, key: str, data: bytes) -> None:
    """Written under another name and renamed: another build never reads half an entry, and a
    failed write leaves nothing."""
    if not keeping():
        return
    part = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".part") as part:
            part.write(data)
        os.replace(part.name, folder / key)
    except OSError:
        if part is not None:
            with contextlib.suppress(OSError):
                os.unlink(part.name)


@functools.cache
def file_hash(path: Path) -> bytes:
    """The SHA-256 of a file (of this site's code, a font): read once per process."""
    return hashlib.sha256(path.read_bytes()).digest()
