"""Running rsync, ssh, sh and lftp: stopped with the command, a missing tool said plainly."""

from __future__ import annotations

import subprocess

from menasite.messages import t
from menasite.publish.errors import PublishError
from menasite.site.lifecycle import run_child

DEBIAN_PACKAGE = {"rsync": "rsync", "ssh": "openssh-client", "lftp": "lftp", "sh": "dash"}


def run_tool(command: list[str], **options) -> subprocess.CompletedProcess:
    """The tool's exit code and output (stdout and stderr together); PublishError when it is
    not installed."""
    try:
        return run_child(command, **options)
    except FileNotFoundError:
        raise PublishError(
            t(
                "Nothing was published: {tool} is not installed on this machine: install it (apt-get install "
                "{package}, or ./run system-deps as root) and publish again.",
                tool=command[0],
                package=DEBIAN_PACKAGE.get(command[0], command[0]),
            )
        ) from None


def last_lines(output: str, count: int = 5) -> str:
    """The end of a tool's output, where the reason for a failure is."""
    return " / ".join(line.strip() for line in output.strip().splitlines()[-count:] if line.strip())
