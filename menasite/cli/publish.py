"""./run publish TARGET: the current commit, checked and built for production, taken live.

Refuses before building when the working tree has uncommitted changes or the address is a
preview one; builds from a clean checkout in a temporary folder (removed afterwards, also when
stopped); says what goes live and what changes against what is live; then hands the build to
the target (``menasite.publish``). ``--rollback`` puts the release before the live one back.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from menasite.cli.commands import check_sources, report_build_failure, say
from menasite.data.history import has_full_history
from menasite.messages import message_language, render, t
from menasite.problems import SourceError
from menasite.publish import archive, folder, ftp
from menasite.publish.errors import PublishError
from menasite.publish.manifest import Changes, Manifest, compare, make_manifest, safe_order, write_manifest
from menasite.publish.source import (
    clean_checkout,
    commit_epoch,
    committed_head,
    refuse_preview_address,
    release_name,
)
from menasite.publish.target import FolderTarget, FtpTarget, Target, ZipTarget, parse_target
from menasite.site.build import BuildFailed, site_address
from menasite.site.lifecycle import scratch_folder
from menasite.site.release import Release, read_release

SHOWN_PER_KIND = 20  # files listed per kind (new, changed, removed); the rest are counted
DEFAULT_KEEP = 5


def main_publish(
    root: Path,
    target_text: str,
    site_url: str | None = None,
    keep: int = DEFAULT_KEEP,
    dry_run: bool = False,
    rollback: bool = False,
) -> int:
    try:
        target = parse_target(target_text)
        if rollback:
            return roll_back(target)
        return publish(root, target, site_url, keep, dry_run)
    except PublishError as error:
        print(render(error.message, message_language()), file=sys.stderr)
        return 1
    except SourceError as error:  # a wrong site address in mkdocs.yml, SITE_URL or --site-url
        print(error.report(), file=sys.stderr)
        return 1
    except (BuildFailed, OSError) as error:
        return report_build_failure(error)


def publish(root: Path, target: Target, site_url: str | None, keep: int, dry_run: bool) -> int:
    commit = committed_head(root)
    address = site_address(root, site_url)
    refuse_preview_address(address)
    with scratch_folder("mena-publish-") as scratch:
        site = scratch / "site"
        if not build_commit(root, commit, scratch / "checkout", site, site_url):
            return 1
        release = read_release(site)
        assert release is not None and release.commit == commit  # every build writes it
        epoch = commit_epoch(release.commit_time)
        manifest = make_manifest(site, commit)
        write_manifest(site, manifest)
        name = release_name(commit, release.commit_time)
        say(
            "Publishing commit {commit} ({time}) for {address} to {target}: {count} files.",
            commit=commit[:10],
            time=release.commit_time or "-",
            address=address,
            target=target.shown(),
            count=len(manifest.files) + 1,  # and the manifest
        )
        if isinstance(target, FolderTarget):
            return publish_to_folder(site, target, manifest, name, keep, dry_run)
        if isinstance(target, FtpTarget):
            return publish_over_ftp(site, target, manifest, scratch, dry_run)
        return publish_zip(site, target, manifest, epoch, dry_run)


def build_commit(root: Path, commit: str, checkout: Path, site: Path, site_url: str | None) -> bool:
    """The checks of ./run check and the production build, on the commit alone; False (with
    the problems printed) when anything is wrong."""
    with clean_checkout(root, commit, checkout):
        say("Checking and building commit {commit} from a clean checkout ...", commit=commit[:10])
        if not has_full_history(checkout):
            say(
                "Warning: no full git history (a shallow clone): pages are built without 'last updated' dates. "
                "For the dates, publish from a full clone (git fetch --unshallow).",
                file=sys.stderr,
            )
        checked = check_sources(checkout, into=site, site_url=site_url, production=True)
    if checked.problems:
        print(SourceError(checked.problems).report(), file=sys.stderr)
        say("Nothing was published: fix the problems above, commit, and publish again.", file=sys.stderr)
        return False
    return True


def tell_changes(target: Target, live: Manifest | None, live_release: Release | None, changes: Changes) -> None:
    if live is None:
        say(
            "Nothing published by ./run publish is on {target} yet: every file is new, nothing is removed.",
            target=target.shown(),
        )
    else:
        commit = live_release.commit if live_release and live_release.commit else live.commit
        say(
            "Compared with what is live (commit {commit}): {new} new, {changed} changed, {removed} removed.",
            commit=(commit or "-")[:10],
            new=len(changes.new),
            changed=len(changes.changed),
            removed=len(changes.removed),
        )
    list_files("+", changes.new)
    list_files("~", changes.changed)
    list_files("-", changes.removed)


def list_files(mark: str, names: Iterable[str]) -> None:
    names = list(names)
    for name in names[:SHOWN_PER_KIND]:
        print(f"  {mark} {name}")
    if len(names) > SHOWN_PER_KIND:
        say("  {mark} ... and {count} more", mark=mark, count=len(names) - SHOWN_PER_KIND)


def say_dry_run() -> int:
    say("Dry run: nothing was uploaded.")
    return 0


# --- the three kinds of target ----------------------------------------------------------------


def publish_to_folder(site: Path, target: FolderTarget, manifest: Manifest, name: str, keep: int, dry_run: bool) -> int:
    if dry_run:
        return put_live(site, target, manifest, name, keep, dry_run)
    with folder.locked(target):  # what is live is read, compared and switched by this run alone
        return put_live(site, target, manifest, name, keep, dry_run)


def put_live(site: Path, target: FolderTarget, manifest: Manifest, name: str, keep: int, dry_run: bool) -> int:
    state = folder.read_state(target)
    folder.refuse_foreign_current(target, state)
    if state.current == name:
        say(
            "Commit {commit} is already live on {target}: nothing to upload.",
            commit=(manifest.commit or "-")[:10],
            target=target.shown(),
        )
        return 0
    tell_changes(target, state.manifest, state.release, compare(state.manifest, manifest))
    if dry_run:
        return say_dry_run()
    folder.upload(site, target, name, state)
    folder.switch_to(target, name)
    removed = folder.prune(target, keep, name)
    say(
        "Published: {target}/current -> releases/{name}. Releases kept: {keep} at most ({removed} removed). "
        "To go back: ./run publish --rollback {target}",
        target=target.shown(),
        name=name,
        keep=keep,
        removed=len(removed),
    )
    return 0


def publish_over_ftp(site: Path, target: FtpTarget, manifest: Manifest, work: Path, dry_run: bool) -> int:
    live = ftp.read_live(target)
    changes = compare(live, manifest)
    tell_changes(target, live, None, changes)
    if dry_run:
        return say_dry_run()
    uploads, removals = safe_order(changes)
    if uploads or removals:
        ftp.upload(site, target, uploads, removals, work)
    say(
        "Uploaded {uploaded} files, removed {removed}; checking what is online against the build ...",
        uploaded=len(uploads),
        removed=len(removals),
    )
    ftp.verify(target, manifest, work)
    ftp.upload_manifest(site, target, work)
    say(
        "Published: the {count} files online on {target} are those of commit {commit}.",
        count=len(manifest.files),
        target=target.shown(),
        commit=(manifest.commit or "-")[:10],
    )
    return 0


def publish_zip(site: Path, target: ZipTarget, manifest: Manifest, epoch: int, dry_run: bool) -> int:
    previous = archive.zip_manifest(target.path)
    if previous is not None:
        tell_changes(target, previous, None, compare(previous, manifest))
    if dry_run:
        return say_dry_run()
    count = archive.write_zip(site, target.path, epoch)
    say(
        "Written {zip}: {count} files of commit {commit}. Upload it through the host's control panel and unpack it "
        "into the site's folder, replacing what is there; its RELEASE file names the commit.",
        zip=target.path,
        count=count,
        commit=(manifest.commit or "-")[:10],
    )
    return 0


# --- rollback ---------------------------------------------------------------------------------


def roll_back(target: Target) -> int:
    if not isinstance(target, FolderTarget):
        raise PublishError(
            t(
                "--rollback works on a folder or SSH target, where earlier releases are kept; {target} keeps only "
                "the live one. To go back there, check out the earlier commit (git checkout COMMIT) and publish it.",
                target=target.shown(),
            )
        )
    with folder.locked(target, create=False):
        return switch_back(target)


def switch_back(target: FolderTarget) -> int:
    state = folder.read_state(target)
    folder.refuse_foreign_current(target, state)
    previous = folder.previous_release(target, state)
    folder.switch_to(target, previous)
    # The release rolled back from goes: a later rollback (after the next publish, say) must
    # never put it live again.
    assert state.current is not None  # previous_release refuses a target with nothing live
    folder.remove_release(target, state.current)
    now = folder.read_state(target).release
    say(
        "Rolled back: {target}/current -> releases/{name}. Live now: commit {commit} ({time}). The release "
        "rolled back from ({removed}) was removed, so no later rollback puts it back.",
        target=target.shown(),
        name=previous,
        commit=(now.commit if now and now.commit else "-"),
        time=(now.commit_time if now and now.commit_time else "-"),
        removed=state.current,
    )
    return 0
