"""The build never destroys what it did not make, survives being killed at any moment, runs
one at a time, leaves nothing behind, and never shows an editor a traceback."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, make_project, shared_by_the_run, tree_bytes

from menasite.cli import main as cli
from menasite.current import working_on
from menasite.data.history import last_changes
from menasite.pages.siteconfig import load_site_config
from menasite.site.build import build_site
from menasite.site.failures import crash_report
from menasite.site.lifecycle import child_pids, leftovers
from menasite.site.outputdir import MARKER, exchange, restore_interrupted_swap

ADVICE = (
    "The build replaces its output folder entirely: choose a new or empty folder, or one a previous "
    "build made (it holds a .mena-site file)."
)


def listing(folder: Path) -> dict[str, str]:
    """Every file, folder and link under ``folder`` with its size and a hash of its content."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = f"link -> {os.readlink(path)}"
        elif path.is_dir():
            found[name] = "folder"
        else:
            data = path.read_bytes()
            found[name] = f"{len(data)} {hashlib.sha256(data).hexdigest()}"
    return found


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- 1. never destroy what it did not make ---------------------------------------------------------


@pytest.fixture
def project(tmp_path, monkeypatch):
    project = make_project(tmp_path)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "letter.txt").write_text("not a site\n", encoding="utf-8")
    (tmp_path / "a-file.txt").write_text("a file\n", encoding="utf-8")
    (tmp_path / "to-docs").symlink_to(project / "docs")
    monkeypatch.chdir(project)
    return project


REFUSED = [
    ("", "''", "no folder was given (an empty value, for example a variable that is not set)"),
    ("/", "/", "it is the root of the file system"),
    (".", ". ({project})", "it is the project folder, with all its sources"),
    ("..", ".. ({base})", "it holds the project folder {project}"),
    ("docs", "docs ({project}/docs)", "it is docs, one of the project's sources"),
    ("data", "data ({project}/data)", "it is data, one of the project's sources"),
    ("docs/x", "docs/x ({project}/docs/x)", "it is inside docs, one of the project's sources"),
    ("docs/uk", "docs/uk ({project}/docs/uk)", "it is inside docs, one of the project's sources"),
    (".git", ".git ({project}/.git)", "it is .git, one of the project's sources"),
    ("menasite/out", "menasite/out ({project}/menasite/out)", "it is inside menasite, one of the project's sources"),
    ("tests", "tests ({project}/tests)", "it is tests, one of the project's sources"),
    ("{base}/to-docs", "{base}/to-docs ({project}/docs)", "it is docs, one of the project's sources"),
    ("{base}/mine", "{base}/mine", "it already holds files, and no .mena-site file says that a build made them"),
    ("{base}/a-file.txt", "{base}/a-file.txt", "it is a file, not a folder"),
]


@pytest.mark.parametrize(("given", "shown", "reason"), REFUSED, ids=[case[0] or "empty" for case in REFUSED])
def test_a_folder_the_build_did_not_make_is_refused_and_left_as_it_was(project, capsys, given, shown, reason):
    base = project.parent
    names = {"base": base, "project": project}
    before = listing(base)
    code, out, err = run_cli(capsys, "build", "--site-dir", given.format(**names), "--project", str(project))
    assert code == 1
    assert err.splitlines() == [
        f"The site was not built: refusing to build into {shown.format(**names)}: {reason.format(**names)}. {ADVICE}"
    ]
    assert listing(base) == before


def test_a_source_folder_with_a_planted_marker_is_still_refused(project, capsys):
    (project / "docs" / MARKER).write_text("planted\n", encoding="utf-8")
    before = listing(project.parent)
    code, _, err = run_cli(capsys, "build", "--site-dir", "docs", "--project", str(project))
    assert code == 1 and "it is docs, one of the project's sources" in err
    assert listing(project.parent) == before


def test_the_refusal_in_ukrainian(project, capsys, monkeypatch):
    monkeypatch.setenv("MENA_LANG", "uk")
    code, _, err = run_cli(capsys, "build", "--site-dir", "docs", "--project", str(project))
    assert code == 1
    assert err.splitlines() == [
        f"Сайт не зібрано: збирати в docs ({project}/docs) не можна: це docs — частина джерельних файлів проєкту. "
        "Збирання повністю замінює вміст цільової теки: виберіть нову чи порожню теку або теку, "
        "яку створило попереднє збирання (у ній є файл .mena-site)."
    ]


# --- 7. the site address ------------------------------------------------------------------------------

EXPECTED_ADDRESS = (
    "an absolute http or https address with a host and without ? or #, for example https://mena.cg.gov.ua/partnership/"
)


@pytest.mark.parametrize(
    "url",
    [
        "https://x/?x#f",
        "https://x/#top",
        "https://[x",
        "ftp://example.org/",
        "/partnership/",
        "https://",
        "example.org",
        "",
    ],
)
def test_a_wrong_site_address_is_refused_before_anything_is_written(tmp_path, capsys, url):
    before = listing(tmp_path)
    code, _, err = run_cli(capsys, "build", "--site-url", url, "--site-dir", str(tmp_path / "out" / "site"))
    assert code == 1
    assert err.splitlines() == [
        "The site was not built: problems to fix: 1.",
        f"  - --site-url or SITE_URL: site_url: found {url!r}; expected {EXPECTED_ADDRESS}.",
        f"The previous output in {tmp_path / 'out' / 'site'} was left untouched.",
    ]
    assert listing(tmp_path) == before


def test_a_wrong_site_address_in_ukrainian(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MENA_LANG", "uk")
    monkeypatch.setenv("SITE_URL", "https://x/?x#f")
    code, _, err = run_cli(capsys, "build", "--site-dir", str(tmp_path / "site"))
    assert code == 1
    assert err.splitlines()[1] == (
        "  - --site-url or SITE_URL: site_url: знайдено: 'https://x/?x#f'; очікувалося: повну адресу http або https "
        "з назвою сервера, без ? і #, наприклад https://mena.cg.gov.ua/partnership/."
    )


def test_a_site_address_without_its_last_slash_is_fine():
    config = load_site_config(ROOT / "mkdocs.yml", {"SITE_URL": "https://example.org/partnership"})
    assert config.site_url == "https://example.org/partnership/"


# --- 2, 3, 4, 5. the swap, the kill tests, the lock, the leftovers -----------------------------------


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """A project, its site before (old) and after (new) a change of the home page: made once
    per run (the tests only build from the project into folders of their own)."""
    with shared_by_the_run(tmp_path_factory, "versions") as base:
        project = base / "project"
        if not (base / "new").exists():
            make_project(base)
            build_site(base / "old" / "site", root=project)
            page = project / "docs/uk/index.md"
            page.write_text(
                page.read_text(encoding="utf-8") + "\nНовий абзац, якого не було в старому сайті.\n", encoding="utf-8"
            )
            build_site(base / "new" / "site", root=project)
    old, new = tree_bytes(base / "old" / "site"), tree_bytes(base / "new" / "site")
    assert old != new and MARKER in old
    return project, base / "old" / "site", old, new


def run_build(*arguments: str, **environment: str) -> subprocess.CompletedProcess:
    """./run build to its end, messages in English."""
    return subprocess.run(
        [sys.executable, "-m", "menasite", "build", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "MENA_LANG": "en", **environment},
    )


def start_build(project: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "menasite", "build", "--site-dir", str(out), "--project", str(project), *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "MENA_LANG": "en"},
    )


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        children = child_pids(todo.pop())
        found += children
        todo += children
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def stopped(process: subprocess.Popen) -> None:
    """Never leave a build running after a test, whatever happened: its whole process group,
    since a build killed by SIGKILL could not stop its children itself."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)


def which(state: dict, old: dict, new: dict) -> str:
    return "old" if state == old else "new" if state == new else f"neither ({len(state)} files)"


def work_folders(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".site-build-"))


# Moments to kill at: while Python starts, as soon as the work folder reaches a stage of the
# build, and once in the middle of MkDocs' work. (A build killed after it ended is the final
# build below.) Each stage is met by one signal or both: SIGKILL where what is left depends on
# the stage alone (before the pages, with the search index, just before the swap), SIGTERM
# wherever its clean-up could meet something new (a work folder, pages half written, the
# editors' page, the mark written last).
MOMENTS = {
    signal.SIGKILL: [0.15, "site", "site/pagefind", f"site/{MARKER}"],
    signal.SIGTERM: [0.15, "", "site/index.html", 1.2, "site/editors", f"site/{MARKER}"],
}


def wait_for(moment, parent: Path, process: subprocess.Popen) -> None:
    if isinstance(moment, float):
        time.sleep(moment)
        return
    deadline = time.monotonic() + 30
    while process.poll() is None and time.monotonic() < deadline:
        if any((work / moment).exists() for work in parent.glob(".site-build-*")):
            return
        time.sleep(0.002)


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_build_killed_at_any_moment_leaves_the_old_or_the_new_site(versions, tmp_path, signum):
    project, old_dir, old, new = versions
    out = tmp_path / "site"
    seen = []
    for moment in MOMENTS[signum]:
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(old_dir, out, symlinks=True)
        process = start_build(project, out)
        try:
            wait_for(moment, tmp_path, process)
            children = descendants(process.pid)
            if process.poll() is None:
                os.kill(process.pid, signum)
            process.wait(timeout=30)
            # Even after SIGKILL, which the build cannot see, its children stop with it.
            deadline = time.monotonic() + 10
            while any(alive(pid) for pid in children) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert [pid for pid in children if alive(pid)] == [], moment
        finally:
            stopped(process)
        state = which(tree_bytes(out), old, new)
        seen.append(state)
        assert state in ("old", "new"), (moment, state)
        if signum == signal.SIGTERM:
            # -SIGTERM: stopped while Python was still starting, before anything was written
            # (a shell shows 143 for both).
            assert process.returncode in (0, 128 + signal.SIGTERM, -signal.SIGTERM), (moment, process.returncode)
            assert work_folders(tmp_path) == [], moment  # cleaned up on the way out
    assert "old" in seen  # the moments did reach into the build
    # The next build succeeds and removes what the killed ones left.
    process = start_build(project, out)
    try:
        assert process.wait(timeout=60) == 0, process.communicate()
    finally:
        stopped(process)
    assert which(tree_bytes(out), old, new) == "new"
    assert work_folders(tmp_path) == []


def test_a_second_build_waits_for_the_first_and_leftovers_are_removed_but_not_live_ones(versions, tmp_path):
    project, _, _, new = versions
    out = tmp_path / "site"
    stale = tmp_path / ".site-build-killed1"
    (stale / "site").mkdir(parents=True)
    (stale / "site" / "index.html").write_text("half a site\n", encoding="utf-8")
    users_own = tmp_path / ".site-build-notes"  # a folder of the user's with a similar name
    users_own.mkdir()
    (users_own / "keep.txt").write_text("mine\n", encoding="utf-8")
    live = tmp_path / ".site-build-live1"
    live.mkdir()
    lock = os.open(live / ".in-use", os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)  # as a run that is still going would hold it
    first = start_build(project, out)
    try:
        while first.poll() is None and not (set(work_folders(tmp_path)) - {live.name, stale.name, users_own.name}):
            time.sleep(0.01)
        assert not stale.exists()  # removed before the first build started its own work
        second = start_build(project, out)
        try:
            _, err = second.communicate(timeout=60)
        finally:
            stopped(second)
        assert first.wait(timeout=60) == 0
    finally:
        stopped(first)
        os.close(lock)
    assert second.returncode == 0, err
    assert f"Another build is writing into {tmp_path} now: waiting for it to finish ..." in err
    assert tree_bytes(out) == new
    assert work_folders(tmp_path) == [live.name, users_own.name]
    assert (users_own / "keep.txt").read_text(encoding="utf-8") == "mine\n"  # not the build's to remove


def test_the_swap_exchanges_two_folders_in_one_step(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "old.html").write_text("old", encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "new.html").write_text("new", encoding="utf-8")
    assert exchange(tmp_path / "b", tmp_path / "a")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["new.html"]
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["old.html"]


def test_without_the_exchange_call_a_run_killed_between_the_two_renames_is_repaired(tmp_path):
    # The fallback's only unsafe moment: the old output moved into the work folder, the new one
    # not yet in place. The next run puts the old one back before cleaning up.
    work = tmp_path / ".site-build-killed"
    (work / "previous").mkdir(parents=True)
    (work / "previous" / MARKER).write_text("x", encoding="utf-8")
    (work / "previous" / "index.html").write_text("old", encoding="utf-8")
    restore_interrupted_swap(tmp_path / "site", leftovers(tmp_path, ".site-build-*"))
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "old"


def test_without_the_exchange_call_the_build_still_replaces_the_output(versions, tmp_path, monkeypatch):
    project, old_dir, _, new = versions
    shutil.copytree(old_dir, tmp_path / "site")
    monkeypatch.setattr("menasite.site.outputdir.exchange", lambda first, second: False)
    build_site(tmp_path / "site", root=project)
    assert tree_bytes(tmp_path / "site") == new
    assert work_folders(tmp_path) == []


def test_a_check_stopped_by_sigterm_removes_its_scratch_folder_and_old_ones(versions, tmp_path):
    project = versions[0]
    scratch = tmp_path / "tmp"
    (scratch / "mena-check-killed" / "site").mkdir(parents=True)
    os.utime(scratch / "mena-check-killed", (time.time() - 3600, time.time() - 3600))
    process = subprocess.Popen(
        [sys.executable, "-m", "menasite", "check", "--project", str(project)],
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    try:
        deadline = time.monotonic() + 30
        while (
            process.poll() is None
            and time.monotonic() < deadline
            and not list(scratch.glob("mena-check-*/.site-build-*/site"))
        ):
            time.sleep(0.01)
        children = descendants(process.pid)
        assert process.poll() is None and children, "the check ended before it could be stopped"
        os.kill(process.pid, signal.SIGTERM)
        assert process.wait(timeout=30) == 128 + signal.SIGTERM
    finally:
        stopped(process)
    assert list(scratch.iterdir()) == []
    assert [pid for pid in children if alive(pid)] == []


# --- 6. no traceback reaches an editor -----------------------------------------------------------------


def failing_state(config_file, environ=None, **options):
    with working_on("data/partners.yml"):
        raise ValueError("an odd value\nwith a second line")


def test_an_unexpected_error_is_one_line_naming_the_file(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("menasite.cli.commands.load_site_state", failing_state)
    code, out, err = run_cli(capsys, "check", "--project", str(tmp_path))
    assert code == 70
    assert err.splitlines() == [
        "Something unexpected went wrong while working on data/partners.yml: ValueError: an odd value. This is a fault "
        "in the site's tools, not in your text: please report it to the developers with this line (run the command "
        "again with --debug to see the details)."
    ]


def test_an_unexpected_error_in_ukrainian_and_with_debug(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("menasite.cli.commands.load_site_state", failing_state)
    monkeypatch.setenv("MENA_LANG", "uk")
    code, _, err = run_cli(capsys, "check", "--project", str(tmp_path))
    assert code == 70
    assert err == (
        "Сталася непередбачена помилка під час обробки data/partners.yml: ValueError: an odd value. Це вада інструментів "
        "сайту, а не вашого тексту: будь ласка, надішліть цей рядок розробникам (подробиці покаже та сама команда з --debug).\n"
    )
    monkeypatch.setenv("MENA_DEBUG", "")  # restored after the test; --debug sets it
    code, _, err = run_cli(capsys, "check", "--debug", "--project", str(tmp_path))
    assert code == 70
    assert err.startswith("Traceback (most recent call last):") and 'raise ValueError("an odd value' in err


def test_a_crash_of_mkdocs_is_one_line_naming_the_page(tmp_path):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:\n  - hooks/i18n_pages.py\n" in config
    project = make_project(
        tmp_path,
        write={
            "mkdocs.yml": config.replace("hooks:\n", "hooks:\n  - crash.py\n"),
            "crash.py": "def on_page_markdown(markdown, page, **kwargs):\n    if page.file.src_uri.endswith('contact.md'):\n        raise RuntimeError('boom')\n",
        },
    )
    result = run_build("--site-dir", str(tmp_path / "site"), "--project", str(project))
    assert result.returncode == 70
    assert result.stderr.splitlines() == [
        "Something unexpected went wrong while working on docs/uk/contact.md: RuntimeError: boom. This is a fault in the "
        "site's tools, not in your text: please report it to the developers with this line (run the command again "
        "with --debug to see the details).",
        f"The previous output in {tmp_path / 'site'} was left untouched.",
    ]


def test_a_full_disk_inside_mkdocs_is_told_as_such(tmp_path):
    output = (
        'INFO - Building\nTraceback (most recent call last):\n  File "x.py", line 1\n    write()\n'
        f"OSError: [Errno 28] No space left on device: '{tmp_path}/.site-build-x/site/index.html'\n"
    )
    assert crash_report(output) == (
        f"The disk is full (while writing {tmp_path}). Free some space on it, or build into a folder on another disk "
        "(--site-dir), then try again.",
        74,
    )


def test_a_full_disk_names_the_folder_and_what_to_do(tmp_path, capsys, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / ".site-build-abc123"))

    monkeypatch.setattr("menasite.site.lifecycle.tempfile.mkdtemp", full)
    code, _, err = run_cli(capsys, "build", "--site-dir", str(tmp_path / "site"))
    assert code == 74
    assert err.splitlines() == [
        f"The disk is full (while writing {tmp_path}). Free some space on it, or build into a folder on another disk "
        "(--site-dir), then try again.",
        f"The previous output in {tmp_path / 'site'} was left untouched.",
    ]


@pytest.fixture
def unchangeable(tmp_path):
    folder = tmp_path / "web"
    folder.mkdir()
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode:
        pytest.skip("needs chattr +i (root on ext4) to make a folder nobody may change")
    yield folder
    subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_folder_without_write_permission_names_it_and_what_to_do(unchangeable, capsys):
    code, _, err = run_cli(capsys, "build", "--site-dir", str(unchangeable / "site"))
    assert code == 74
    assert err.splitlines() == [
        f"No permission to change {unchangeable}. Build into a folder of your own (--site-dir), or ask the administrator "
        "for write access to it.",
        f"The previous output in {unchangeable / 'site'} was left untouched.",
    ]
    assert list(unchangeable.iterdir()) == []


def test_a_read_only_disk_names_the_path_and_what_to_do(tmp_path, capsys, monkeypatch):
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / "site"))

    monkeypatch.setattr("menasite.site.build.folder_lock", read_only)
    monkeypatch.setenv("MENA_LANG", "uk")
    code, _, err = run_cli(capsys, "build", "--site-dir", str(tmp_path / "site"))
    assert code == 74
    assert err.splitlines()[0] == (
        f"Не вдається записати {tmp_path}: диск доступний лише для читання. Зберіть сайт у теку на диску, де можна "
        "записувати (--site-dir), або попросіть адміністратора дозволити запис."
    )


# --- 8, 9. history and dates; the last line ------------------------------------------------------------

GIT = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "init.defaultBranch=main"]


def git(cwd: Path, *args: str, date: str = "2024-03-01T12:00:00+02:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True, env=env)


def build_cli(project: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "menasite", "build", "--site-dir", str(out), "--project", str(project)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "MENA_LANG": "en"},
    )


NO_HISTORY = (
    "Warning: no full git history (a shallow clone, or a copy without .git): pages are built without 'last updated' "
    "dates. For the dates, build from a full clone (git fetch --unshallow)."
)


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    """A project with two commits: the home page changed in the second."""
    base = tmp_path_factory.mktemp("history")
    project = make_project(base)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "first", date="2023-05-04T12:00:00+03:00")
    (project / "docs/uk/index.md").write_text(
        (project / "docs/uk/index.md").read_text(encoding="utf-8") + "\nЩе абзац.\n", encoding="utf-8"
    )
    git(project, "commit", "-q", "-am", "second", date="2024-03-01T12:00:00+02:00")
    return project


def dates_shown(site: Path) -> list[str]:
    return [
        str(page.relative_to(site))
        for page in sorted(site.rglob("*.html"))
        if 'class="mena-updated"' in page.read_text(encoding="utf-8")
    ]


def test_a_full_clone_shows_dates_and_a_shallow_clone_none_with_a_warning(repository, tmp_path):
    full = build_cli(repository, tmp_path / "full")
    assert full.returncode == 0, full.stderr
    assert NO_HISTORY not in full.stderr
    assert "index.html" in dates_shown(tmp_path / "full")  # the control: with the history, dates are shown
    assert '<time datetime="2024-03-01">' in (tmp_path / "full" / "index.html").read_text(encoding="utf-8")

    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repository}", str(shallow)], check=True, capture_output=True
    )
    assert last_changes(shallow) == ({}, {})
    result = build_cli(shallow, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [NO_HISTORY]
    assert dates_shown(tmp_path / "site") == []
    assert result.stdout.splitlines()[-1] == (
        f"Preview built in {tmp_path / 'site'}/ for https://mena.cg.gov.ua/partnership/ (with the editors' pages "
        "and source maps; ./run serve shows it live). It is not for the web server: ./run publish TARGET checks and "
        'builds the last commit for visitors and puts it live (README, "Publishing").'
    )


def test_a_copy_without_git_builds_without_dates_and_says_so(tmp_path):
    project = make_project(tmp_path)
    result = build_cli(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [NO_HISTORY]
    assert dates_shown(tmp_path / "site") == []
    assert last_changes(project) == ({}, {})


def test_the_last_line_of_a_build_for_a_folder_says_to_open_index_html(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("menasite.cli.commands.build_site", lambda *args, **kwargs: "")
    code, out, _ = run_cli(
        capsys, "build", "--for-folder", "--site-url", "https://example.org/x", "--site-dir", str(tmp_path / "preview")
    )
    assert code == 0
    assert out.splitlines()[-1] == (
        f"Site built in {tmp_path / 'preview'}/ for https://example.org/x/, to open from a folder: open "
        f"{tmp_path / 'preview'}/index.html in a browser."
    )


def test_a_stop_that_python_could_not_raise_still_stops_the_command(monkeypatch):
    """Python drops an exception raised while it runs a finaliser; a signal that landed there
    must not let the build go on as if the child it stopped had failed (exit 1) or publish."""
    from menasite.site import lifecycle

    monkeypatch.setattr(lifecycle, "_stopped_by", signal.SIGTERM)
    with pytest.raises(lifecycle.Terminated) as stop:
        lifecycle.run_child([sys.executable, "-c", "pass"])
    assert stop.value.exit_code == 143


def test_a_build_of_another_project_goes_into_its_own_site_folder_for_the_address_given(tmp_path):
    """--project P without --site-dir builds into P/site; --site-url wins over an empty SITE_URL
    for every step of the build (the translation status was read with the wrong address)."""
    project = make_project(tmp_path)
    result = run_build("--project", str(project), "--site-url", "https://example.org/x/", SITE_URL="")
    assert result.returncode == 0, result.stderr
    assert '<link rel="canonical" href="https://example.org/x/">' in (project / "site/index.html").read_text(
        encoding="utf-8"
    )


def test_a_fault_inside_the_sites_own_hook_is_a_fault_of_the_tools_not_of_the_pages(tmp_path):
    """Our hook turns a crash into one line naming the page; the build then exits 70 (the
    tools), not 1 (the editor's text), and runs no check over the half-built site."""
    project = make_project(tmp_path)
    (project / "hooks").unlink()
    shutil.copytree(ROOT / "hooks", project / "hooks")
    hook = project / "hooks/i18n_pages.py"
    text = hook.read_text(encoding="utf-8")
    start = "def on_page_markdown(markdown, page, config, files):\n"
    assert start in text
    planted = "    if page.file.src_uri.endswith('contact.md'):\n        raise KeyError('planted')\n"
    hook.write_text(text.replace(start, start + planted), encoding="utf-8")
    result = run_build("--site-dir", str(tmp_path / "site"), "--project", str(project))
    assert result.returncode == 70, result.stderr
    assert result.stderr.splitlines()[0] == (
        "Something unexpected went wrong while working on docs/uk/contact.md: KeyError: 'planted'. This is a fault in "
        "the site's tools, not in your text: please report it to the developers with this line (run the command again "
        "with --debug to see the details)."
    )
