"""The life cycle of a command: signals passed on to child processes, locks, and the
leftovers of runs that were killed.

- A signal (SIGTERM, SIGINT, SIGHUP) is forwarded to the command's child processes (MkDocs,
  Pagefind, git) and raised as ``Terminated``, so that every ``finally`` removes its work
  folder; the command then exits with 128 + the signal's number.
- Work folders (``.site-build-*`` beside the output, ``mena-check-*`` in the temporary
  folder) are locked with ``flock`` on a file in them (``.in-use``) while a run uses them. A folder
  whose lock is free belongs to a run that was killed and is removed by the next run; the
  kernel drops the lock of a killed process, so no pid bookkeeping is needed.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

STOPPING_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class Terminated(KeyboardInterrupt):
    """The command was asked to stop by a signal. A KeyboardInterrupt, so code that already
    stops cleanly on Ctrl+C stops cleanly on SIGTERM too."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


Handler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


def install_signal_handlers() -> dict[int, Handler]:
    """Forward stopping signals to the children and raise ``Terminated``; returns the previous
    handlers for ``restore_signal_handlers``."""
    return {signum: signal.signal(signum, _on_stopping_signal) for signum in STOPPING_SIGNALS}


def restore_signal_handlers(previous: dict[int, Handler]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)


_stopped_by: int | None = None  # the signal that asked this command to stop, once one did


def _on_stopping_signal(signum: int, frame) -> None:
    global _stopped_by
    # Once only: a second signal would interrupt the cleanup and leave a work folder behind.
    for other in STOPPING_SIGNALS:
        signal.signal(other, signal.SIG_IGN)
    _stopped_by = signum
    forward_to_children(signum)
    # Python drops an exception raised while it runs a finaliser (logging's, a generator's):
    # the flag above still says the command was stopped (``raise_if_stopped``).
    raise Terminated(signum)


def stopped_by() -> int | None:
    return _stopped_by


def raise_if_stopped() -> None:
    """Where a child's end is judged: a child stopped by our own signal is no failure of it."""
    if _stopped_by is not None:
        raise Terminated(_stopped_by)


def child_pids(parent: int | None = None) -> list[int]:
    """The live child processes of ``parent`` (this process by default), read from /proc."""
    parent = os.getpid() if parent is None else parent
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue  # ended meanwhile
        fields = stat.rsplit(")", 1)[1].split()  # after "pid (name)": state, ppid, ...
        if int(fields[1]) == parent and fields[0] != "Z":
            children.append(int(entry))
    return children


def forward_to_children(signum: int) -> None:
    for pid in child_pids():
        with contextlib.suppress(ProcessLookupError):  # ended meanwhile
            os.kill(pid, signum)


def run_child(command: list[str], *, grace: float = 10.0, **options) -> subprocess.CompletedProcess:
    """Run a child process and collect its output (stdout and stderr together). If this
    command is stopped meanwhile, the child is stopped too (the signal handler has passed the
    signal on) and waited for, so that it never outlives the command."""
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=die_with_parent(), **options
    ) as process:
        try:
            output, _ = process.communicate()
        except BaseException:
            stop_child(process, grace)
            raise
    raise_if_stopped()
    return subprocess.CompletedProcess(command, process.returncode, output)


def die_with_parent() -> Callable[[], None] | None:
    """In the child, before it runs: ask Linux to stop it when this command dies, even by
    SIGKILL, which no handler sees (a killed build must not leave MkDocs writing on)."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None  # not Linux: the signal handlers still stop children on SIGTERM
    parent = os.getpid()

    def set_parent_death_signal() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the command died before the call took effect
            os._exit(128 + signal.SIGTERM)

    return set_parent_death_signal


_PR_SET_PDEATHSIG = 1


def stop_child(process: subprocess.Popen, grace: float) -> None:
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# --- locks ---------------------------------------------------------------------------------------


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


@contextmanager
def folder_lock(folder: Path, on_wait: Callable[[], None]) -> Iterator[None]:
    """An exclusive lock on ``folder`` itself (no lock file is left behind). If another run
    holds it, ``on_wait()`` says so and this waits for it."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        if not _try_lock(fd):
            on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


IN_USE = ".in-use"  # the lock file inside a work folder


def in_use(folder: Path, min_age: float) -> bool:
    """Whether a work folder must be left alone: a live run holds its lock, or it is younger
    than ``min_age`` seconds (its run may not have locked it yet), or it holds anything a run
    never writes there (a user's own folder with a similar name is never removed)."""
    if not holds_only_what_a_run_writes(folder):
        return True
    lock = folder / IN_USE
    try:
        fd = os.open(lock, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return _age(folder) < min_age  # killed before it could make its lock file
    except OSError:
        return True  # not ours to open: leave it alone
    try:
        return not _try_lock(fd) or _age(folder) < min_age
    finally:
        os.close(fd)


# What a run writes in its work folder: its lock, the new site, the old one during the fallback
# swap, what MkDocs and the build hand each other (the problems, the sources as built, the checked
# sources); a check's scratch folder also holds a build's work folder.
RUN_WRITES = {
    IN_USE,
    "site",
    "previous",
    "problems.json",
    "built-state.pickle",
    "state.pickle",
    "checkout",
}  # checkout: publish's clean clone


def holds_only_what_a_run_writes(folder: Path) -> bool:
    try:
        names = [entry.name for entry in folder.iterdir()]
    except OSError:
        return False
    # mkdocs_*: the folder MkDocs serves the preview from (./run serve points its TMPDIR here).
    return all(name in RUN_WRITES or name.startswith((".site-build-", "mkdocs_")) for name in names)


def _age(folder: Path) -> float:
    try:
        return time.time() - folder.stat().st_mtime
    except OSError:
        return 0.0


def leftovers(parent: Path, pattern: str, min_age: float = 0.0) -> list[Path]:
    """The work folders matching ``pattern`` in ``parent`` that no live run uses."""
    try:
        candidates = sorted(parent.glob(pattern))
    except OSError:
        return []
    return [
        folder for folder in candidates if folder.is_dir() and not folder.is_symlink() and not in_use(folder, min_age)
    ]


def remove_leftovers(parent: Path, pattern: str, min_age: float = 0.0) -> list[Path]:
    removed = leftovers(parent, pattern, min_age)
    for folder in removed:
        shutil.rmtree(folder, ignore_errors=True)
    return removed


@contextmanager
def work_folder(parent: Path, prefix: str, min_age: float = 0.0) -> Iterator[Path]:
    """A new folder ``prefix*`` in ``parent``, locked while in use and removed afterwards
    (also when the command is stopped by a signal); leftovers of killed runs go first."""
    remove_leftovers(parent, f"{prefix}*", min_age)
    folder: Path | None = None
    fd: int | None = None
    try:
        # Made with signals held, inside the try: a signal that comes as the folder appears is
        # handled once both names are set, so the finally below always removes the folder.
        with signals_held():
            folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
            # A lock file, not the folder itself: a build inside a check's scratch folder locks
            # that folder as the place of its output.
            fd = os.open(folder / IN_USE, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield folder
    finally:
        with signals_held():
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
            if fd is not None:
                os.close(fd)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold stopping signals until the block is done (a cleanup half done would leave a work
    folder behind); one that arrived meanwhile is handled right after."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


# A check's scratch folder is not under a common lock (checks of different projects run side
# by side): one younger than this may belong to a check that has not locked it yet.
SCRATCH_MIN_AGE = 60.0


def scratch_folder(prefix: str):
    """A scratch folder in the system's temporary folder, like ``work_folder``."""
    return work_folder(Path(tempfile.gettempdir()), prefix, SCRATCH_MIN_AGE)
