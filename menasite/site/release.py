"""RELEASE: what a built site is, written into every build and read back by publish.

Which address it was built for, whether it is for visitors (production) or a preview, and the
commit it comes from with that commit's time (never the build machine's clock, so that two
builds of one commit are byte-identical). A publisher can open it to see what a folder holds;
on the web server it says which commit is live.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from menasite.data.git import Git, GitError

RELEASE_FILE = "RELEASE"
PRODUCTION, PREVIEW = "production", "preview"


@dataclass(frozen=True)
class Release:
    site_url: str
    kind: str  # PRODUCTION or PREVIEW
    commit: str | None  # None outside a git checkout
    commit_time: str | None
    uncommitted_changes: bool = False

    def text(self) -> str:
        commit = self.commit or "unknown (not a git checkout)"
        if self.commit and self.uncommitted_changes:
            commit += " with uncommitted changes"
        return (
            f"site: {self.site_url}\n"
            f"build: {self.kind}\n"
            f"commit: {commit}\n"
            f"commit-time: {self.commit_time or 'unknown'}\n"
        )

    @classmethod
    def parse(cls, text: str) -> Release:
        fields = dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)
        commit_field = fields.get("commit", "")
        commit = commit_field.split()[0] if commit_field and not commit_field.startswith("unknown") else None
        time = fields.get("commit-time")
        return cls(
            site_url=fields.get("site", ""),
            kind=fields.get("build", PREVIEW),
            commit=commit,
            commit_time=None if time in (None, "unknown") else time,
            uncommitted_changes=commit_field.endswith("with uncommitted changes"),
        )


def describe_release(root: Path, site_url: str, production: bool) -> Release:
    git = Git(root)
    head = git.head()
    if head is None:
        return Release(site_url, PRODUCTION if production else PREVIEW, None, None)
    try:
        changed = bool(git.uncommitted_changes())
    except GitError:
        changed = False
    return Release(site_url, PRODUCTION if production else PREVIEW, head, git.commit_time_iso(head), changed)


def write_release(site: Path, release: Release) -> None:
    (site / RELEASE_FILE).write_text(release.text(), encoding="utf-8")


def read_release(site: Path) -> Release | None:
    """The RELEASE of a built folder, or None when there is none (not a build of this site)."""
    try:
        return Release.parse((site / RELEASE_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
        return None
