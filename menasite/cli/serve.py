"""./run serve: MkDocs' live preview, kept alive for editors.

While it runs, a mistake is shown on the pages (see the hook). If the site cannot even start
(a mistake already there), this waits for the next saved change and tries again, instead of
leaving the editor with a dead command.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from menasite.cli.commands import say
from menasite.pages.sitestate import source_fingerprint
from menasite.site.build import build_environment
from menasite.site.lifecycle import die_with_parent


def serve(project: Path, address: str) -> int:
    env = build_environment(project, f"http://{address}/")
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--dev-addr",
        address,
        "--config-file",
        str(project / "mkdocs.yml"),
    ]
    say(
        "Preview: open http://{address}/ (Ctrl+C to stop). A mistake is shown on the pages and here until it is fixed.",
        address=address,
    )
    try:
        while True:
            before = source_fingerprint(project)
            # The preview dies with this command, even if it is killed (its port is freed).
            if subprocess.call(command, cwd=project, env=env, preexec_fn=die_with_parent()) == 0:
                return 0
            say("The preview could not start because of the problems above: it starts again when a file is saved.")
            while source_fingerprint(project) == before:
                time.sleep(1)
    except KeyboardInterrupt:
        return 0
