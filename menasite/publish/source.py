"""What may go live, and the clean checkout it is built from.

A publish builds the commit, never the working tree: uncommitted changes are refused (they
would not be what RELEASE names), and so is a preview address (the pages would link to
127.0.0.1 or localhost on the council's server).
"""

from __future__ import annotations

import ipaddress
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from menasite.data.git import Git, GitError
from menasite.messages import t
from menasite.publish.errors import PublishError

SHOWN_CHANGES = 5  # files named in the refusal of a dirty tree


def committed_head(root: Path) -> str:
    """The commit to publish; PublishError when the working tree is not exactly that commit."""
    git = Git(root)
    head = git.head()
    try:
        changes = git.uncommitted_changes() if head else []
    except GitError:
        head = None
    if head is None:
        raise PublishError(
            t(
                "Nothing was published: {folder} is not a git checkout. Publishing builds a commit: publish from "
                "a clone of the project.",
                folder=root,
            )
        )
    if changes:
        names = [line[3:] for line in changes[:SHOWN_CHANGES]]
        more = len(changes) - len(names)
        raise PublishError(
            t(
                "Nothing was published: the working tree has uncommitted changes ({count} files: {files}{more}). "
                "Publishing builds the last commit, so these would not go live: commit them (git commit) or put "
                "them aside (git stash), then publish again.",
                count=len(changes),
                files=", ".join(names),
                more=", ..." if more else "",
            )
        )
    return head


def preview_address(site_url: str) -> bool:
    """Whether an address is only for previews on this machine: loopback, the unspecified
    address, localhost and its subdomains, a file: address."""
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https"):
        return True
    host = (parts.hostname or "").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost") or not host:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def refuse_preview_address(site_url: str) -> None:
    if preview_address(site_url):
        raise PublishError(
            t(
                "Nothing was published: the site address {address} is a preview address (this machine only): "
                "visitors' browsers would look for the site on their own computer. Give the public address: "
                "--site-url https://mena.cg.gov.ua/partnership/ (or site_url in mkdocs.yml, or SITE_URL).",
                address=site_url,
            )
        )


def release_name(commit: str, commit_time: str | None) -> str:
    """``<commit time in UTC>-<short sha>``: names sort in the order of the commits' times."""
    when = datetime.fromisoformat(commit_time) if commit_time else datetime(1970, 1, 1, tzinfo=UTC)
    return f"{when.astimezone(UTC):%Y%m%dT%H%M%SZ}-{commit[:10]}"


@contextmanager
def clean_checkout(root: Path, commit: str, folder: Path) -> Iterator[Path]:
    """The commit checked out alone into ``folder`` (a clone with the full history, so pages
    get their dates), removed afterwards, also when the command is stopped."""
    try:
        run_git(["clone", "--quiet", "--no-checkout", "--no-hardlinks", str(root), str(folder)], root)
        run_git(["checkout", "--quiet", "--detach", commit], folder)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_git(arguments: list[str], cwd: Path) -> None:
    try:
        Git(cwd).run(*arguments)
    except GitError as error:
        raise PublishError(
            t(
                "Nothing was published: git could not make a clean checkout ({command}): {output}",
                command="git " + " ".join(arguments[:2]),
                output=str(error),
            )
        ) from None


def commit_epoch(commit_time: str | None) -> int:
    return int(datetime.fromisoformat(commit_time).timestamp()) if commit_time else 0
