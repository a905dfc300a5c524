"""./run serve: MkDocs' live preview, kept alive for editors.

While it runs, a mistake is shown on the pages (see the hook). If the site cannot even start
(a mistake already there), this waits for the next saved change and tries again, instead of
leaving the editor with a dead command. If the preview dies for any other reason (killed,
crashed), the command says so and stops with an error.

The preview lives in a scratch folder of this command: MkDocs builds there (``TMPDIR``), hands
back the problems it could not start with, and Pagefind indexes each build there, so that search
works in the preview too. The folder goes with the command, even when MkDocs was killed.
"""

from __future__ import annotations

import errno
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from menasite.cli.commands import say
from menasite.pages.sitestate import source_fingerprint
from menasite.problems import PROBLEMS_FILE_VARIABLE
from menasite.site.build import build_environment
from menasite.site.lifecycle import die_with_parent, raise_if_stopped, scratch_folder, stop_child, stopped_by
from menasite.site.opendata import write_what_loads
from menasite.site.postbuild import build_search_index

# Loopback only: an HTTP proxy of the environment must not see the preview's requests.
_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))

PROBLEMS_FILE = "problems.json"  # where the hook hands over the problems the preview could not start with


def serve(project: Path, address: str) -> int:
    if address_in_use(address):
        say(
            "The address {address} is already in use (is another preview still running?). Stop that one, "
            "or choose another port: ./run serve --dev-addr 127.0.0.1:8001",
            file=sys.stderr,
            address=address,
        )
        return 1
    say(
        "Preview: open http://{address}/ (Ctrl+C to stop). A mistake is shown on the pages and here until it is fixed.",
        address=address,
    )
    with scratch_folder("mena-serve-") as work:
        env = {
            **build_environment(project, f"http://{address}/"),
            "TMPDIR": str(work),  # MkDocs builds the preview in a folder of its own in here
            PROBLEMS_FILE_VARIABLE: str(work / PROBLEMS_FILE),
        }
        # The open data and the feeds too, which MkDocs alone does not make (./run build does).
        indexer = SearchIndexer(address, work, also=lambda site: write_what_loads(site, project, env))
        indexer.start()
        try:
            return keep_previewing(project, mkdocs_serve(project, address), env, work / PROBLEMS_FILE)
        finally:
            indexer.stop()


def mkdocs_serve(project: Path, address: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--dev-addr",
        address,
        "--config-file",
        str(project / "mkdocs.yml"),
    ]


def keep_previewing(project: Path, command: list[str], env: dict[str, str], problems: Path) -> int:
    """Run the preview; start it again after a fix when it could not start because of the
    sources; return the exit status when it died for any other reason."""
    while True:
        before = source_fingerprint(project)
        problems.unlink(missing_ok=True)
        returncode = run_preview(command, project, env)
        raise_if_stopped()  # stopped by our own signal: no failure of the preview
        if not problems.is_file() or problems.read_text(encoding="utf-8").startswith("{"):
            # Nothing in the sources stopped it (a "{" is the hook's word for a failure of the tools).
            say_preview_stopped(returncode)
            return exit_status(returncode)
        say("The preview could not start because of the problems above: it starts again when a file is saved.")
        while source_fingerprint(project) == before:
            time.sleep(1)


def run_preview(command: list[str], project: Path, env: dict[str, str]) -> int:
    """MkDocs' server, until it ends. Stopping this command stops it: the signal handler passes
    the signal on, this waits for it (killing it if it hangs), and Linux stops it if this command
    is killed outright. In a process group of its own, so that Ctrl+C reaches it once, from here."""
    process = subprocess.Popen(command, cwd=project, env=env, preexec_fn=die_with_parent(), process_group=0)
    try:
        return process.wait()
    except BaseException:
        stop_child(process, grace=10.0)
        raise


def say_preview_stopped(returncode: int) -> None:
    if returncode < 0:
        say(
            "The preview stopped: MkDocs was ended by signal {signal} ({name}). Nothing is served any more; "
            "start it again with ./run serve.",
            file=sys.stderr,
            signal=-returncode,
            name=signal_name(-returncode),
        )
    else:
        say(
            "The preview stopped: MkDocs ended with exit status {status} (see the lines above). Nothing is served "
            "any more; start it again with ./run serve.",
            file=sys.stderr,
            status=returncode,
        )


def signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return "?"


def exit_status(returncode: int) -> int:
    """Never 0 (the preview was meant to run until stopped); a signal as the shell says it."""
    if returncode < 0:
        return 128 - returncode
    return returncode or 1


def address_in_use(address: str) -> bool:
    """Whether something already listens on ``address`` (MkDocs would end with a traceback)."""
    host, _, port = address.rpartition(":")
    host = host.strip("[]")
    if not port.isdigit() or not host:
        return False  # MkDocs says what is wrong with it
    try:
        family = socket.getaddrinfo(host, int(port), type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server does
            probe.bind((host, int(port)))
    except OSError as error:
        return error.errno == errno.EADDRINUSE
    return False


class SearchIndexer:
    """Pagefind's index of every build of the preview, made in the served folder as soon as
    MkDocs shows the build to browsers (its live-reload address answers with a new build
    number). MkDocs empties the folder before each build, so each build is indexed anew."""

    def __init__(self, address: str, work: Path, also: Callable[[Path], None] = lambda site: None) -> None:
        self.url = f"http://{address}/livereload/{{build}}/0"
        # MkDocs logs "Browser connected: <referer>" once: the index's address, not "None".
        self.headers = {"Referer": f"http://{address}/pagefind/"}
        self.work = work
        self.also = also  # what else each build of the preview gets, beside its search index
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="search index", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        """Once the preview has ended: wait for an index being made, so that nothing writes in
        the scratch folder once it is removed."""
        self.stopping.set()
        self.thread.join(timeout=30)

    def _run(self) -> None:
        shown = 0  # the build browsers were last told about (0: none yet)
        while not self.stopping.is_set():
            build = self._next_build(shown)
            if build is None:
                self.stopping.wait(0.3)  # not serving (yet, or again)
            elif build != shown and not self.stopping.is_set():
                shown = build
                self._index()

    def _next_build(self, shown: int) -> int | None:
        """The number of the build shown now; waits up to a minute for a newer one than ``shown``."""
        try:
            request = urllib.request.Request(self.url.format(build=shown), headers=self.headers)
            with _LOCAL.open(request, timeout=90) as answer:
                return int(answer.read())
        except (OSError, ValueError):
            return None

    def _index(self) -> None:
        site = served_folder(self.work)
        if site is None:
            return
        try:
            build_search_index(site)
            self.also(site)
        except (OSError, RuntimeError) as error:
            if self.stopping.is_set() or stopped_by() is not None:
                return  # the preview is stopping: its folder goes anyway
            say("Search in the preview is not up to date: {error}", file=sys.stderr, error=error)


def served_folder(work: Path) -> Path | None:
    """The folder MkDocs serves: the one it made in our scratch folder (the newest, should an
    earlier server have been killed before it could remove its own)."""
    folders = [folder for folder in work.glob("mkdocs_*") if folder.is_dir()]
    return max(folders, key=lambda folder: folder.stat().st_mtime, default=None)
