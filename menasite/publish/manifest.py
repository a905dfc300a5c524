"""The manifest of a release: the sha256 and size of every file, written beside RELEASE.

Published with the site, it tells the next publish what is live without downloading the site:
which files are new, changed and removed. On FTP it is uploaded last, after the upload was
verified, so it never names files that are not there.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_FILE = ".mena-manifest.json"


@dataclass(frozen=True)
class FileEntry:
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    commit: str | None
    files: dict[str, FileEntry]

    def text(self) -> str:
        files = {name: {"sha256": entry.sha256, "size": entry.size} for name, entry in sorted(self.files.items())}
        return json.dumps({"commit": self.commit, "files": files}, indent=1, sort_keys=True) + "\n"

    @classmethod
    def parse(cls, text: str) -> Manifest:
        """A manifest as written by ``text``; ValueError when it is not one."""
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
            raise ValueError("not a manifest")
        files = {name: FileEntry(str(entry["sha256"]), int(entry["size"])) for name, entry in data["files"].items()}
        return cls(data.get("commit"), files)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def site_files(site: Path) -> list[str]:
    """Every file of a built site (POSIX paths, sorted), the manifest itself aside."""
    names = (path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    return sorted(name for name in names if name != MANIFEST_FILE)


def make_manifest(site: Path, commit: str | None) -> Manifest:
    files = {name: FileEntry(file_sha256(site / name), (site / name).stat().st_size) for name in site_files(site)}
    return Manifest(commit, files)


def write_manifest(site: Path, manifest: Manifest) -> None:
    (site / MANIFEST_FILE).write_text(manifest.text(), encoding="utf-8")


def parse_live_manifest(text: str | None) -> Manifest | None:
    """What a target holds; None for nothing published yet, or a manifest no publish wrote."""
    if text is None:
        return None
    try:
        return Manifest.parse(text)
    except (ValueError, KeyError, TypeError):
        return None


@dataclass(frozen=True)
class Changes:
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def compare(live: Manifest | None, release: Manifest) -> Changes:
    """What publishing ``release`` changes on a target that holds ``live`` (None: nothing yet)."""
    before = live.files if live else {}
    return Changes(
        new=sorted(name for name in release.files if name not in before),
        changed=sorted(name for name in release.files if name in before and before[name] != release.files[name]),
        removed=sorted(name for name in before if name not in release.files),
    )


def is_page(name: str) -> bool:
    return name.endswith(".html")


def safe_order(changes: Changes) -> tuple[list[str], list[str]]:
    """Uploads and deletions in an order that never leaves a page linking to a missing file:
    new files first (assets before the pages that link to them), then the changed ones
    (non-HTML first), deletions last."""

    def assets_first(names: list[str]) -> list[str]:
        return sorted(names, key=lambda name: (is_page(name), name))

    return assets_first(changes.new) + assets_first(changes.changed), sorted(changes.removed)


def differing_files(expected: Manifest, found: dict[str, FileEntry | None]) -> list[str]:
    """The files whose copy (None: missing) is not what the manifest says, sorted."""
    return sorted(name for name, entry in expected.files.items() if found.get(name) != entry)
