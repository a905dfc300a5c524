"""A zip of the site for upload through a hosting control panel: deterministic, so that the
same commit always gives the same bytes (entries sorted, times from the commit, no owner)."""

from __future__ import annotations

import os
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from menasite.publish.manifest import MANIFEST_FILE, Manifest, parse_live_manifest, site_files

ZIP_EPOCH = 315532800  # 1980-01-01, the earliest time a zip can hold


def zip_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    when = datetime.fromtimestamp(max(epoch, ZIP_EPOCH), UTC)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def write_zip(site: Path, path: Path, epoch: int) -> int:
    """The site (with RELEASE and the manifest) into ``path``, which appears complete or not at
    all; the number of files."""
    names = sorted([*site_files(site), MANIFEST_FILE])
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(partial, "w") as archive:
            for name in names:
                entry = zipfile.ZipInfo(name, zip_time(epoch))
                entry.external_attr = 0o644 << 16
                entry.create_system = 3  # Unix, whatever machine builds it
                entry.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(entry, (site / name).read_bytes(), compresslevel=9)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return len(names)


def zip_manifest(path: Path) -> Manifest | None:
    """The manifest in an earlier zip at ``path``: what the last upload held."""
    try:
        with zipfile.ZipFile(path) as archive:
            return parse_live_manifest(archive.read(MANIFEST_FILE).decode("utf-8"))
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        return None
