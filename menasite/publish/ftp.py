"""An FTP(S) target (lftp): no atomic switch there, so files go up in a safe order.

1. new files, non-HTML first (a new page's assets are there before the page);
2. changed files, non-HTML first; each is uploaded under a temporary name and renamed over
   the old one (``xfer:use-temp-file``), so no visitor gets half a file;
3. removed files, last (no page of the new site links to them);
4. every file of the release downloaded again and compared with the build (sha256);
5. the manifest, last: the next publish compares with what is really there.

What is live is known from that manifest alone: files on the server that no publish put there
are never removed. The password comes from MENA_FTP_PASSWORD (handed to lftp in its
environment, LFTP_PASSWORD) or from ~/.netrc, never from the command line, where ``ps`` shows it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path, PurePosixPath

from menasite.messages import t
from menasite.publish.errors import PublishError
from menasite.publish.manifest import (
    MANIFEST_FILE,
    FileEntry,
    Manifest,
    differing_files,
    file_sha256,
    parse_live_manifest,
)
from menasite.publish.target import FtpTarget
from menasite.publish.tools import last_lines, run_tool

PASSWORD_VARIABLE = "MENA_FTP_PASSWORD"
CONNECTED = "mena-connected"


def quoted(text: str) -> str:
    """A word for an lftp script."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def opening(target: FtpTarget) -> list[str]:
    """The lftp commands that connect and log in."""
    lines = ["set cmd:interactive no", "set net:max-retries 2", "set net:timeout 20", "set xfer:clobber yes"]
    if target.tls:  # explicit TLS (AUTH TLS), commands and files
        lines += ["set ftp:ssl-force yes", "set ftp:ssl-protect-data yes"]
    else:
        lines += ["set ftp:ssl-allow no"]
    user = f"--user {quoted(target.user)} " if target.user else ""
    password = "--env-password " if os.environ.get(PASSWORD_VARIABLE) and target.user else ""
    lines.append(f"open {user}{password}-p {target.port} {quoted(target.host)}")
    return lines


def run_lftp(target: FtpTarget, commands: list[str], work: Path) -> tuple[int, str]:
    """Run an lftp script (a file only this user can read); exit code and output."""
    script = work / "lftp-script"
    fd = os.open(script, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        stream.write("\n".join([*opening(target), *commands]) + "\n")
    env = dict(os.environ)
    if os.environ.get(PASSWORD_VARIABLE):
        env["LFTP_PASSWORD"] = os.environ[PASSWORD_VARIABLE]
    result = run_tool(["lftp", "-f", str(script)], env=env)
    return result.returncode, result.stdout


def read_live(target: FtpTarget) -> Manifest | None:
    """The manifest on the server; None when nothing was published there yet."""
    with tempfile.TemporaryDirectory(prefix="mena-ftp-") as folder:
        work = Path(folder)
        local = work / "live-manifest"
        commands = [
            "set cmd:fail-exit yes",
            "cd /",  # logs in: a wrong password or host stops here
            f"echo {CONNECTED}",
            "set cmd:fail-exit no",
            f"cd {quoted(target.path)} && get {MANIFEST_FILE} -o {quoted(str(local))}",
        ]
        code, output = run_lftp(target, commands, work)
        if CONNECTED not in output:
            raise PublishError(
                t(
                    "Nothing was published: could not log in to {target} (lftp exit {code}): {output}. Check the "
                    "address, the user, and the password (MENA_FTP_PASSWORD or ~/.netrc).",
                    target=target.shown(),
                    code=code,
                    output=last_lines(output) or "-",
                )
            )
        return parse_live_manifest(local.read_text(encoding="utf-8")) if local.is_file() else None


def upload_commands(site: Path, target: FtpTarget, uploads: list[str], removals: list[str]) -> list[str]:
    folders = sorted({str(PurePosixPath(name).parent) for name in uploads} - {"."})
    return [
        "set cmd:fail-exit yes",
        "set xfer:use-temp-file yes",  # a file is renamed over the old one once complete
        f"mkdir -p -f {quoted(target.path)}",
        f"cd {quoted(target.path)}",
        *(f"mkdir -p -f {quoted(folder)}" for folder in folders),
        *(f"put {quoted(str(site / name))} -o {quoted(name)}" for name in uploads),
        "set cmd:fail-exit no",  # a file already gone is no failure
        *(f"rm -f {quoted(name)}" for name in removals),
    ]


def upload(site: Path, target: FtpTarget, uploads: list[str], removals: list[str], work: Path) -> None:
    code, output = run_lftp(target, upload_commands(site, target, uploads, removals), work)
    if code != 0:
        raise PublishError(
            t(
                "The upload to {target} stopped (lftp exit {code}): {output}. The pages online are whole (files go "
                "up in a safe order, each renamed into place when complete), but not all of the new site is there: "
                "publish again to finish.",
                target=target.shown(),
                code=code,
                output=last_lines(output) or "-",
            )
        )


def online_files(target: FtpTarget, names: list[str], work: Path) -> dict[str, FileEntry | None]:
    """Every named file downloaded again: its sha256 and size, None where it is missing."""
    copy = work / "online"
    commands = [
        "set cmd:fail-exit yes",
        f"cd {quoted(target.path)}",
        "set cmd:fail-exit no",  # a missing file is reported below, with the others
        *(f"get {quoted(name)} -o {quoted(str(copy / name))}" for name in names),
    ]
    for name in names:
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
    run_lftp(target, commands, work)
    found: dict[str, FileEntry | None] = {}
    for name in names:
        path = copy / name
        found[name] = FileEntry(file_sha256(path), path.stat().st_size) if path.is_file() else None
    return found


def verify(target: FtpTarget, release: Manifest, work: Path) -> None:
    differing = differing_files(release, online_files(target, sorted(release.files), work))
    if differing:
        shown = ", ".join(differing[:10]) + (", ..." if len(differing) > 10 else "")
        raise PublishError(
            t(
                "What is online on {target} differs from the build, file(s): {count} ({files}). The manifest was not "
                "updated. Publish again; if the files still differ, something on the server changes them (an ASCII "
                "transfer mode, a filter of the host): ask the host.",
                target=target.shown(),
                count=len(differing),
                files=shown,
            )
        )


def upload_manifest(site: Path, target: FtpTarget, work: Path) -> None:
    upload(site, target, [MANIFEST_FILE], [], work)
