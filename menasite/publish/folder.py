"""A folder target, on this machine or over SSH: releases side by side, switched in one step.

    PATH/releases/<commit time UTC>-<sha>/   one folder per release (RELEASE and the manifest in it)
    PATH/releases/.incoming-<name>/          an upload in progress: never served, never switched to
    PATH/current -> releases/<name>          what the web server serves

A release is uploaded with rsync beside the live one (files unchanged since it are hard links
to it, so the upload is small), renamed from ``.incoming-`` once complete, and put live by
renaming a new symlink over ``current`` (``mv -T``: one rename, so a visitor gets the old site
or the new one, never a mix). Every command on the target is a small POSIX shell script, run by
``sh`` here or by ``ssh`` there, so both kinds are one code path.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from menasite.messages import t
from menasite.publish.errors import PublishError
from menasite.publish.manifest import MANIFEST_FILE, Manifest, parse_live_manifest
from menasite.publish.target import FolderTarget
from menasite.publish.tools import last_lines, run_tool
from menasite.site.release import RELEASE_FILE, Release

INCOMING = ".incoming-"
LOCK = ".publish-lock"  # beside releases/ and current: one publish or rollback at a time


@dataclass
class FolderState:
    """What a folder target holds now."""

    current: str | None = None  # the release ``current`` points to
    releases: list[str] = field(default_factory=list)  # complete releases, oldest first
    manifest: Manifest | None = None  # the live release's
    release: Release | None = None  # the live release's RELEASE
    current_is_foreign: bool = False  # ``current`` exists and is not our symlink


def run_on(target: FolderTarget, script: str) -> str:
    """Run a shell script on the target; its output, or PublishError with its last lines."""
    command = ["sh", "-c", script] if target.host is None else ["ssh", target.host, script]
    result = run_tool(command)
    if result.returncode != 0:
        raise PublishError(
            t(
                "A command on {target} failed (exit {code}): {output}. Check that the folder can be written "
                "(and, over SSH, that ssh {host} works without a password prompt), then try again.",
                target=target.shown(),
                code=result.returncode,
                output=last_lines(result.stdout) or "-",
                host=target.host or "HOST",
            )
        )
    return result.stdout


def read_state(target: FolderTarget) -> FolderState:
    """``current``, the releases and the live manifest and RELEASE, in one round trip."""
    folder = shlex.quote(target.path)
    script = f"""
cd -- {folder} 2>/dev/null || exit 0
if [ -L current ]; then printf 'current %s\\n' "$(readlink current)"; elif [ -e current ]; then echo foreign; fi
for release in releases/*/; do [ -d "$release" ] && printf 'release %s\\n' "$(basename "$release")"; done
echo '--- release'; cat current/{RELEASE_FILE} 2>/dev/null
echo '--- manifest'; cat current/{MANIFEST_FILE} 2>/dev/null
exit 0
"""
    output = run_on(target, script)
    head, _, rest = output.partition("--- release\n")
    release_text, _, manifest_text = rest.partition("--- manifest\n")
    state = FolderState()
    for line in head.splitlines():
        kind, _, value = line.partition(" ")
        if kind == "current":
            state.current = value.removeprefix("releases/").rstrip("/")
        elif kind == "release":
            state.releases.append(value)
        elif kind == "foreign":
            state.current_is_foreign = True
    state.releases.sort()
    state.manifest = parse_live_manifest(manifest_text or None)
    state.release = Release.parse(release_text) if release_text.strip() else None
    return state


@contextmanager
def locked(target: FolderTarget, create: bool = True) -> Iterator[None]:
    """One publish or rollback at a time on a target, whoever runs it and from where: ``mkdir``
    either makes the lock folder or fails, in one step, here and over SSH. A publish stopped by
    a signal removes it on the way out; one killed outright (kill -9, a lost connection) leaves
    it, and the refusal says how to remove it. ``create``: make the target folder if it is not
    there yet (a first publish); otherwise a missing target is left as it is, unlocked."""
    folder = shlex.quote(target.path)
    lock = shlex.quote(f"{target.path}/{LOCK}")
    if not create and run_on(target, f"if [ -d {folder} ]; then echo here; fi").strip() != "here":
        yield  # nothing there to protect (a rollback then says there is nothing to roll back)
        return
    answer = run_on(target, f"mkdir -p -- {folder} && if mkdir -- {lock} 2>/dev/null; then echo taken; fi")
    if answer.strip() != "taken":
        raise PublishError(
            t(
                "Nothing was changed on {target}: another ./run publish or --rollback is working on it now "
                "({lock} exists). Wait for it to finish. If none is running (one was killed, or its connection "
                "was lost), remove {lock} and try again.",
                target=target.shown(),
                lock=f"{target.shown()}/{LOCK}",
            )
        )
    try:
        yield
    finally:
        run_on(target, f"rmdir -- {lock}")


def refuse_foreign_current(target: FolderTarget, state: FolderState) -> None:
    if state.current_is_foreign:
        raise PublishError(
            t(
                "Nothing was published: {path}/current exists and is not a link made by ./run publish. Move it "
                "away (the web server should serve {path}/current, which publish makes), or choose another folder.",
                path=target.shown(),
            )
        )


def upload(site: Path, target: FolderTarget, name: str, state: FolderState) -> None:
    """The release into ``releases/.incoming-<name>/``, then renamed to ``releases/<name>/``:
    only a complete upload ever gets its final name. Leftovers of an upload that was stopped
    are removed first."""
    releases = shlex.quote(f"{target.path}/releases")
    run_on(target, f"mkdir -p -- {releases} && rm -rf -- {releases}/{INCOMING}*")
    incoming = f"{target.path}/releases/{INCOMING}{name}/"
    destination = f"{target.host}:{incoming}" if target.host else incoming
    command = [
        "rsync",
        "--recursive",
        "--links",
        # Unchanged files are found by their content (each build has fresh files) and linked;
        # no --times: the time of a link would be the new commit's, changing the live file's.
        "--checksum",
        "--chmod=D755,F644",  # readable by the web server, whatever the build machine's umask
    ]
    if state.current:
        command.append(f"--link-dest=../{state.current}")  # relative to the destination folder
    if target.host:
        command += ["-e", "ssh"]
    result = run_tool([*command, f"{site}/", destination])
    if result.returncode != 0:
        raise PublishError(
            t(
                "Nothing was published: the upload to {target} stopped (rsync exit {code}): {output}. The live site "
                "is unchanged; publish again (the partial upload is removed then).",
                target=target.shown(),
                code=result.returncode,
                output=last_lines(result.stdout) or "-",
            )
        )
    final = shlex.quote(f"{target.path}/releases/{name}")
    # The same commit published again after a rollback: its old folder is not live, replace it.
    run_on(target, f"rm -rf -- {final} && mv -T -- {shlex.quote(incoming.rstrip('/'))} {final}")


def switch_to(target: FolderTarget, name: str) -> None:
    """``current`` -> ``releases/<name>`` in one rename (``ln -sfn`` would unlink, then link)."""
    folder = shlex.quote(target.path)
    link = shlex.quote(f".current-{name}")
    run_on(target, f"cd -- {folder} && ln -sfn -- releases/{shlex.quote(name)} {link} && mv -T -- {link} current")


def prune(target: FolderTarget, keep: int, live: str) -> list[str]:
    """Remove all but the ``keep`` newest releases (the live one always stays); the removed."""
    releases = read_state(target).releases
    kept = set(releases[-keep:]) | {live}
    removed = [name for name in releases if name not in kept]
    if removed:
        folder = shlex.quote(target.path)
        names = " ".join(shlex.quote(f"releases/{name}") for name in removed)
        run_on(target, f"cd -- {folder} && rm -rf -- {names}")
    return removed


def remove_release(target: FolderTarget, name: str) -> None:
    """A release that is not live any more, removed."""
    folder = shlex.quote(target.path)
    run_on(target, f"cd -- {folder} && rm -rf -- {shlex.quote(f'releases/{name}')}")


def previous_release(target: FolderTarget, state: FolderState) -> str:
    """The release before the live one (by commit time), for --rollback."""
    if state.current is None:
        raise PublishError(
            t("Nothing to roll back: nothing is published on {target} (no current).", target=target.shown())
        )
    older = [name for name in state.releases if name < state.current]
    if not older:
        raise PublishError(
            t(
                "Nothing to roll back: {current} is the oldest release kept on {target}.",
                current=state.current,
                target=target.shown(),
            )
        )
    return older[-1]
