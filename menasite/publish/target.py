"""Where a site is published, written one way on the command line:

- ``PATH`` (a folder on this machine) or ``[user@]host:PATH`` (over SSH): releases side by side
  and ``PATH/current`` switched in one step (``folder``);
- ``ftp://user@host[:port]/path`` or ``ftps://...`` (explicit TLS): file by file, in a safe
  order (``ftp``);
- ``zip:FILE.zip``: an archive for a control panel (``archive``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from menasite.messages import t
from menasite.publish.errors import PublishError


@dataclass(frozen=True)
class FolderTarget:
    path: str  # on this machine, or on ``host`` (as given: relative paths are from the login folder)
    host: str | None = None  # ``user@host`` for SSH, None for this machine

    def shown(self) -> str:
        return f"{self.host}:{self.path}" if self.host else self.path


@dataclass(frozen=True)
class FtpTarget:
    tls: bool
    user: str | None
    host: str
    port: int
    path: str

    def shown(self) -> str:
        user = f"{self.user}@" if self.user else ""
        return f"{'ftps' if self.tls else 'ftp'}://{user}{self.host}:{self.port}{self.path}"


@dataclass(frozen=True)
class ZipTarget:
    path: Path

    def shown(self) -> str:
        return f"zip:{self.path}"


Target = FolderTarget | FtpTarget | ZipTarget

# rsync's own rule: a colon before any slash makes a host (``./a:b`` is a local name).
SSH_FORM = re.compile(r"^(?P<host>(?:[^@/:\s]+@)?[^@/:\s]+):(?P<path>.*)$")


def parse_target(text: str) -> Target:
    if not text.strip():
        raise PublishError(t("No target was given: {forms}.", forms=TARGET_FORMS))
    if text.startswith("zip:"):
        return ZipTarget(Path(text[len("zip:") :]).expanduser())
    if text.startswith(("ftp://", "ftps://")):
        return parse_ftp(text)
    if "://" in text:
        raise PublishError(t("Unknown kind of target {target}: {forms}.", target=text, forms=TARGET_FORMS))
    ssh = SSH_FORM.match(text)
    if ssh:
        return FolderTarget(ssh["path"] or ".", ssh["host"])
    return FolderTarget(str(Path(text).expanduser().absolute()))


def parse_ftp(text: str) -> FtpTarget:
    parts = urlsplit(text)
    try:
        port = parts.port
    except ValueError:
        port = -1
    if not parts.hostname or port == -1 or parts.password is not None or parts.query or parts.fragment:
        raise PublishError(
            t(
                "The FTP target {target} is not of the form ftp://user@host[:port]/path (the password never "
                "goes into it: set MENA_FTP_PASSWORD, or put it in ~/.netrc).",
                target=text,
            )
        )
    tls = parts.scheme == "ftps"
    user = unquote(parts.username) if parts.username else None
    return FtpTarget(tls, user, parts.hostname, port or 21, unquote(parts.path) or "/")


TARGET_FORMS = "FOLDER, user@host:/path, ftp://user@host/path, ftps://user@host/path or zip:FILE.zip"
