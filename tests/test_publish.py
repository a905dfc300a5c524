"""./run publish: refusals, a folder target (here and over SSH), FTP in a safe order, the zip.

The commands run in this process (``menasite.cli.main``) on a small git project with four
commits (A, B, C and a broken one). Each commit is built once for the whole run: the build
is replaced by a cache keyed by commit (shared by the suite's workers), since building is
tested elsewhere and two builds of one commit are byte-identical (tests/test_build.py).
Everything else is real: the clean checkout, rsync, sh, lftp and an FTP server on loopback.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import threading
import warnings
import zipfile
from pathlib import Path

import pytest
from conftest import make_project, shared_by_the_run, tree_bytes

from menasite.cli import main as cli
from menasite.data.git import Git
from menasite.publish.manifest import MANIFEST_FILE
from menasite.publish.source import preview_address
from menasite.site.build import build_site

GIT = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "init.defaultBranch=main"]
DATES = {"A": "2024-03-01T12:00:00+02:00", "B": "2024-03-02T12:00:00+02:00", "broken": "2024-03-03T12:00:00+02:00"}
NAMES = {"A": "20240301T100000Z-", "B": "20240302T100000Z-"}  # + the short sha
ADDRESS = "https://mena.cg.gov.ua/partnership/"


def git(cwd: Path, *args: str, date: str = DATES["A"]) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """A: the site; B: the home page changed (new, changed and removed files); broken: a data
    file that is not valid (on a branch of its own)."""
    project = make_project(tmp_path_factory.mktemp("publish"))
    commits = {}
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "A", date=DATES["A"])
    commits["A"] = git(project, "rev-parse", "HEAD").strip()
    with (project / "docs/uk/index.md").open("a", encoding="utf-8") as text:
        text.write("\nParagraph B.\n")
    git(project, "commit", "-q", "-am", "B", date=DATES["B"])
    commits["B"] = git(project, "rev-parse", "HEAD").strip()
    git(project, "checkout", "-q", "-b", "broken")
    (project / "data/partners.yml").write_text("partners: [unclosed\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "broken", date=DATES["broken"])
    commits["broken"] = git(project, "rev-parse", "HEAD").strip()
    return project, commits


def at(repo, commit: str) -> Path:
    """The project with ``commit`` checked out (a clean tree)."""
    project, commits = repo
    git(project, "checkout", "-q", "--detach", commits[commit])
    return project


def release(repo, commit: str) -> str:
    return NAMES[commit] + repo[1][commit][:10]


@pytest.fixture(autouse=True)
def one_build_per_commit(monkeypatch, tmp_path_factory, tmp_path):
    """The build of a commit, made once per run and copied (with fresh file times) after that;
    temporary folders of the command go into this test's folder, to see that none is left."""

    def cached_build(site_dir, *, root, site_url=None, production=False, **options):
        with shared_by_the_run(tmp_path_factory, "publish-builds") as cache:
            key = cache / f"{Git(root).head()}-{production}-{hashlib.sha256(str(site_url).encode()).hexdigest()[:8]}"
            if not key.exists():
                build_site(cache / "work", root=root, site_url=site_url, production=production, **options)
                (cache / "work").rename(key)
        shutil.copytree(key, site_dir, copy_function=shutil.copy)
        return ""

    monkeypatch.setattr("menasite.cli.commands.build_site", cached_build)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    yield
    assert list(scratch.iterdir()) == []  # the checkout and the build are gone


def publish(capsys, *arguments: str) -> tuple[int, str, str]:
    code = cli.main(["publish", *arguments])
    out, err = capsys.readouterr()
    return code, out, err


def listing(folder: Path) -> dict[str, str]:
    """Every file and link under ``folder``: a link's target, a file's size and sha256."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = "-> " + os.readlink(path)
        elif path.is_file():
            found[name] = f"{path.stat().st_size} {hashlib.sha256(path.read_bytes()).hexdigest()}"
    return found


# --- refusals ---------------------------------------------------------------------------------


def test_a_dirty_tree_is_refused_before_building(repo, tmp_path, capsys, monkeypatch):
    project = at(repo, "A")
    (project / "notes.txt").write_text("draft\n", encoding="utf-8")
    (project / "docs/uk/index.md").write_text("changed\n", encoding="utf-8")
    try:
        code, out, err = publish(capsys, str(tmp_path / "www"), "--project", str(project))
        assert (code, out) == (1, "")
        assert err == (
            "Nothing was published: the working tree has uncommitted changes (2 files: docs/uk/index.md, notes.txt). "
            "Publishing builds the last commit, so these would not go live: commit them (git commit) or put them "
            "aside (git stash), then publish again.\n"
        )
        monkeypatch.setenv("MENA_LANG", "uk")
        code, _, err = publish(capsys, str(tmp_path / "www"), "--project", str(project))
        assert code == 1
        assert err == (
            "Нічого не опубліковано: у робочій копії є незафіксовані зміни (файлів: 2: docs/uk/index.md, "
            "notes.txt). Публікується останній коміт, тож ці зміни не потрапили б на сайт: зафіксуйте їх "
            "(git commit) або відкладіть (git stash) і опублікуйте знову.\n"
        )
    finally:
        git(project, "checkout", "-q", "--", "docs/uk/index.md")
        (project / "notes.txt").unlink()
    assert not (tmp_path / "www").exists()


def test_a_preview_address_is_refused_before_building(repo, tmp_path, capsys):
    project = at(repo, "A")
    code, out, err = publish(
        capsys, str(tmp_path / "www"), "--site-url", "http://127.0.0.1:8000/", "--project", str(project)
    )
    assert (code, out) == (1, "")
    assert err == (
        "Nothing was published: the site address http://127.0.0.1:8000/ is a preview address (this machine only): "
        "visitors' browsers would look for the site on their own computer. Give the public address: --site-url "
        "https://mena.cg.gov.ua/partnership/ (or site_url in mkdocs.yml, or SITE_URL).\n"
    )
    assert not (tmp_path / "www").exists()


@pytest.mark.parametrize(
    "address, preview",
    [
        ("http://127.0.0.1:8000/", True),
        ("http://127.5.0.1/", True),
        ("http://localhost:8000/x/", True),
        ("http://mena.localhost/", True),
        ("http://[::1]:8000/", True),
        ("http://0.0.0.0:8000/", True),
        ("file:///tmp/preview/", True),
        ("https://mena.cg.gov.ua/partnership/", False),
        ("https://localhost.example.org/", False),
        ("http://192.0.2.10/", False),
    ],
)
def test_preview_addresses(address, preview):
    assert preview_address(address) is preview


def test_a_bad_ftp_target_says_the_form(repo, capsys):
    code, _, err = publish(capsys, "ftp://user:secret@example.org/site", "--project", str(at(repo, "A")))
    assert code == 1
    assert err == (
        "The FTP target ftp://user:secret@example.org/site is not of the form ftp://user@host[:port]/path (the "
        "password never goes into it: set MENA_FTP_PASSWORD, or put it in ~/.netrc).\n"
    )


# --- a folder on this machine -------------------------------------------------------------------


def test_publish_to_a_folder_lists_changes_keeps_releases_and_rolls_back(repo, tmp_path, capsys):
    www = tmp_path / "www"
    code, out, err = publish(capsys, str(www), "--keep", "2", "--project", str(at(repo, "A")))
    assert code == 0, err
    assert os.readlink(www / "current") == f"releases/{release(repo, 'A')}"
    assert (www / "current" / "RELEASE").read_text() == (
        f"site: {ADDRESS}\nbuild: production\ncommit: {repo[1]['A']}\ncommit-time: {DATES['A']}\n"
    )
    assert f"Nothing published by ./run publish is on {www} yet: every file is new, nothing is removed." in out
    assert out.splitlines()[-1] == (
        f"Published: {www}/current -> releases/{release(repo, 'A')}. Releases kept: 2 at most (0 removed). "
        f"To go back: ./run publish --rollback {www}"
    )
    assert not list(www.rglob("*.map")) and not (www / "current/editors").exists()  # production

    # B: what changes is said, and only that is new on the disk (the rest are hard links).
    before = listing(www)
    code, out, err = publish(capsys, str(www), "--keep", "2", "--dry-run", "--project", str(at(repo, "B")))
    assert code == 0, err
    assert out.splitlines()[-1] == "Dry run: nothing was uploaded."
    assert listing(www) == before
    code, out, err = publish(capsys, str(www), "--keep", "2", "--project", str(at(repo, "B")))
    assert code == 0, err
    lines = out.splitlines()
    summary = next(line for line in lines if line.startswith("Compared with what is live"))
    new, changed, removed = ([line[4:] for line in lines if line.startswith(f"  {mark} ")] for mark in "+~-")
    assert summary == (
        f"Compared with what is live (commit {repo[1]['A'][:10]}): {len(new)} new, {len(changed)} changed, "
        f"{len(removed)} removed."
    )
    assert {"RELEASE", "index.html"} <= set(changed) and "en/index.html" not in changed
    assert new and removed  # the search index of the changed page has new file names
    a, b = www / "releases" / release(repo, "A"), www / "releases" / release(repo, "B")
    assert set(new) == set(listing(b)) - set(listing(a)) and set(removed) == set(listing(a)) - set(listing(b))
    assert (a / "en/index.html").stat().st_ino == (b / "en/index.html").stat().st_ino
    assert (a / "index.html").stat().st_ino != (b / "index.html").stat().st_ino

    code, out, err = publish(capsys, "--rollback", str(www))
    assert code == 0, err
    assert os.readlink(www / "current") == f"releases/{release(repo, 'A')}"
    assert out == (
        f"Rolled back: {www}/current -> releases/{release(repo, 'A')}. Live now: commit {repo[1]['A']} "
        f"({DATES['A']}). The release rolled back from ({release(repo, 'B')}) was removed, so no later rollback "
        "puts it back.\n"
    )
    assert sorted(os.listdir(www / "releases")) == [release(repo, "A")]
    code, out, err = publish(capsys, "--rollback", str(www))
    assert (code, out) == (1, "")
    assert err == f"Nothing to roll back: {release(repo, 'A')} is the oldest release kept on {www}.\n"

    # B again (fixed, say) with --keep 1: uploaded anew, switched to, A goes.
    code, out, err = publish(capsys, str(www), "--keep", "1", "--project", str(at(repo, "B")))
    assert code == 0, err
    assert out.splitlines()[-1] == (
        f"Published: {www}/current -> releases/{release(repo, 'B')}. Releases kept: 1 at most (1 removed). "
        f"To go back: ./run publish --rollback {www}"
    )
    assert os.readlink(www / "current") == f"releases/{release(repo, 'B')}"
    assert sorted(os.listdir(www / "releases")) == [release(repo, "B")]
    code, out, _ = publish(capsys, str(www), "--project", str(at(repo, "B")))
    assert (code, out.splitlines()[-1]) == (
        0,
        f"Commit {repo[1]['B'][:10]} is already live on {www}: nothing to upload.",
    )


def test_a_failing_check_leaves_the_live_site_byte_identical(repo, tmp_path, capsys):
    www = tmp_path / "www"
    assert publish(capsys, str(www), "--project", str(at(repo, "A")))[0] == 0
    before = listing(www)
    code, out, err = publish(capsys, str(www), "--project", str(at(repo, "broken")))
    assert code == 1
    assert err.splitlines()[-1] == "Nothing was published: fix the problems above, commit, and publish again."
    assert "  - data/partners.yml:2: YAML syntax: found a list in [ ] that is not closed; expected valid YAML." in err
    assert "Publishing commit" not in out
    assert listing(www) == before


def test_a_publish_or_rollback_under_way_keeps_the_others_out(repo, tmp_path, capsys):
    """Two publishers at once (or a publish and a rollback) would each read what is live and
    switch: the second is refused while the first holds the target's lock, and nothing changes."""
    www = tmp_path / "www"
    assert publish(capsys, str(www), "--project", str(at(repo, "A")))[0] == 0
    assert not (www / ".publish-lock").exists()  # a finished publish leaves no lock
    (www / ".publish-lock").mkdir()  # as a run still going (or killed outright) holds it
    before = listing(www)
    refusal = (
        f"Nothing was changed on {www}: another ./run publish or --rollback is working on it now "
        f"({www}/.publish-lock exists). Wait for it to finish. If none is running (one was killed, or its "
        f"connection was lost), remove {www}/.publish-lock and try again.\n"
    )
    for arguments in ([str(www), "--project", str(at(repo, "B"))], ["--rollback", str(www)]):
        code, _, err = publish(capsys, *arguments)
        assert (code, err) == (1, refusal), arguments
        assert listing(www) == before
    (www / ".publish-lock").rmdir()
    assert publish(capsys, str(www), "--project", str(at(repo, "B")))[0] == 0
    assert os.readlink(www / "current") == f"releases/{release(repo, 'B')}"


KILLING_RSYNC = """#!/bin/sh
# rsync, killed by SIGKILL as soon as the first file of the upload has arrived
for destination; do :; done
{rsync} --bwlimit=20 "$@" &
pid=$!
while [ -z "$(find "$destination" -type f 2>/dev/null | head -n 1)" ]; do sleep 0.02; done
kill -KILL $pid
wait $pid
"""


def test_an_upload_killed_midway_leaves_the_live_site_and_the_next_publish_cleans_up(
    repo, tmp_path, capsys, monkeypatch
):
    www = tmp_path / "www"
    assert publish(capsys, str(www), "--project", str(at(repo, "A")))[0] == 0
    before = listing(www)
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "rsync").write_text(KILLING_RSYNC.format(rsync=shutil.which("rsync")))
    (tools / "rsync").chmod(0o755)
    with monkeypatch.context() as patch:
        patch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
        code, _, err = publish(capsys, str(www), "--project", str(at(repo, "B")))
    assert code == 1
    assert err.startswith(f"Nothing was published: the upload to {www} stopped (rsync exit 137): ")
    assert err.endswith("The live site is unchanged; publish again (the partial upload is removed then).\n")
    incoming = [name for name in listing(www) if name.startswith("releases/.incoming-")]
    assert incoming  # it was killed midway, with part of the files there
    assert {name: value for name, value in listing(www).items() if name not in incoming} == before

    code, _, err = publish(capsys, str(www), "--project", str(at(repo, "B")))
    assert code == 0, err
    assert os.readlink(www / "current") == f"releases/{release(repo, 'B')}"
    assert sorted(os.listdir(www / "releases")) == [release(repo, "A"), release(repo, "B")]


FAKE_SSH = """#!/bin/sh
# ssh without a network: the remote command runs here (options and the host are skipped)
while [ $# -gt 0 ]; do case "$1" in -l|-p|-o|-i) shift 2 ;; -*) shift ;; *) break ;; esac; done
echo "$1" >> {log}
shift
exec sh -c "$*"
"""


def test_publish_over_ssh_runs_every_command_through_ssh(repo, tmp_path, capsys, monkeypatch):
    tools, www = tmp_path / "bin", tmp_path / "remote" / "www"
    tools.mkdir()
    (tools / "ssh").write_text(FAKE_SSH.format(log=tmp_path / "ssh.log"))
    (tools / "ssh").chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
    target = f"publisher@council.example:{www}"
    code, out, err = publish(capsys, target, "--project", str(at(repo, "A")))
    assert code == 0, err
    assert publish(capsys, target, "--project", str(at(repo, "B")))[0] == 0
    assert os.readlink(www / "current") == f"releases/{release(repo, 'B')}"
    a, b = www / "releases" / release(repo, "A"), www / "releases" / release(repo, "B")
    assert (a / "en/index.html").stat().st_ino == (b / "en/index.html").stat().st_ino
    hosts = (tmp_path / "ssh.log").read_text().split()
    assert set(hosts) == {"publisher@council.example", "council.example"} or set(hosts) == {"publisher@council.example"}
    assert len(hosts) >= 8  # state, upload (rsync), rename, switch, prune: for each publish
    code, out, _ = publish(capsys, "--rollback", target)
    assert code == 0
    assert out.startswith(f"Rolled back: {target}/current -> releases/{release(repo, 'A')}. ")


# --- FTP --------------------------------------------------------------------------------------


class FtpServer:
    """pyftpdlib on a loopback port, recording where each file arrives and what is deleted."""

    def __init__(self, home: Path, alter: str | None = None):
        with warnings.catch_warnings():  # pyftpdlib is built on asyncore, deprecated in Python 3.11
            warnings.simplefilter("ignore", DeprecationWarning)
            from pyftpdlib.authorizers import DummyAuthorizer
            from pyftpdlib.handlers import FTPHandler
            from pyftpdlib.servers import FTPServer

        events: list[tuple[str, str]] = []
        self.events = events

        def relative(path: str) -> str:
            return Path(path).relative_to(home).as_posix()

        class Recording(FTPHandler):
            def ftp_RNTO(self, path):  # noqa: N802 (pyftpdlib's name) lftp uploads to a temporary name, then renames
                super().ftp_RNTO(path)
                events.append(("stored", relative(path)))
                if alter and relative(path) == alter:  # a server that changes a file
                    with open(path, "ab") as stream:
                        stream.write(b"\n<!-- added by the host -->\n")

            def ftp_DELE(self, path):  # noqa: N802 (pyftpdlib's name)
                super().ftp_DELE(path)
                events.append(("deleted", relative(path)))

        authorizer = DummyAuthorizer()
        authorizer.add_user("publisher", "s3cret", str(home), perm="elradfmwMT")
        Recording.authorizer = authorizer
        Recording.passive_ports = None
        Recording.auth_failed_timeout = 0  # a wrong password is answered at once
        self.server = FTPServer(("127.0.0.1", 0), Recording)
        self.port = self.server.address[1]
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while not self.stopping.is_set():
            self.server.serve_forever(timeout=0.05, blocking=False, handle_exit=False)
        self.server.close_all()

    def close(self) -> None:
        self.stopping.set()
        self.thread.join()


@pytest.fixture
def ftp_server(tmp_path, monkeypatch):
    servers: list[FtpServer] = []

    def start(alter: str | None = None) -> FtpServer:
        home = tmp_path / "ftp-home"
        home.mkdir(exist_ok=True)
        servers.append(FtpServer(home, alter))
        return servers[-1]

    monkeypatch.setenv("MENA_FTP_PASSWORD", "s3cret")
    yield start
    for server in servers:
        server.close()


def test_ftp_uploads_new_then_changed_then_deletes_and_stores_the_manifest_last(repo, tmp_path, capsys, ftp_server):
    server = ftp_server()
    target = f"ftp://publisher@127.0.0.1:{server.port}/partnership"
    code, out, err = publish(capsys, target, "--project", str(at(repo, "A")))
    assert code == 0, err
    first = [name for kind, name in server.events]
    pages = [first.index(name) for name in first if name.endswith(".html")]
    others = [first.index(name) for name in first[:-1] if not name.endswith(".html")]
    assert max(others) < min(pages)  # every asset before any page
    assert first[-1] == f"partnership/{MANIFEST_FILE}"
    site = tmp_path / "ftp-home" / "partnership"
    a = tree_bytes(site)

    server.events.clear()
    code, out, err = publish(capsys, target, "--project", str(at(repo, "B")))
    assert code == 0, err
    assert out.splitlines()[-1] == (
        f"Published: the {len(a) - 1} files online on ftp://publisher@127.0.0.1:{server.port}/partnership are "
        f"those of commit {repo[1]['B'][:10]}."
    )
    b = tree_bytes(site)
    new = sorted(f"partnership/{name}" for name in set(b) - set(a))
    changed = sorted(f"partnership/{name}" for name in set(a) & set(b) if a[name] != b[name] and name != MANIFEST_FILE)
    removed = sorted(f"partnership/{name}" for name in set(a) - set(b))
    assert new and changed and removed
    # Within each group, non-HTML before HTML.
    assert server.events == (
        [("stored", name) for name in sorted(new, key=lambda name: (name.endswith(".html"), name))]
        + [("stored", name) for name in sorted(changed, key=lambda name: (name.endswith(".html"), name))]
        + [("deleted", name) for name in removed]
        + [("stored", f"partnership/{MANIFEST_FILE}")]
    )


def test_ftp_verification_catches_a_file_the_server_changed(repo, tmp_path, capsys, ftp_server):
    server = ftp_server(alter="partnership/en/index.html")
    target = f"ftp://publisher@127.0.0.1:{server.port}/partnership"
    code, out, err = publish(capsys, target, "--project", str(at(repo, "A")))
    assert code == 1
    assert err == (
        f"What is online on {target} differs from the build, file(s): 1 (en/index.html). The manifest was not updated. Publish again; if the files still differ, something on the "
        "server changes them (an ASCII transfer mode, a filter of the host): ask the host.\n"
    )
    assert not (tmp_path / "ftp-home" / "partnership" / MANIFEST_FILE).exists()


def test_ftp_with_a_wrong_password_says_what_to_check(repo, capsys, ftp_server, monkeypatch):
    server = ftp_server()
    monkeypatch.setenv("MENA_FTP_PASSWORD", "wrong")
    target = f"ftp://publisher@127.0.0.1:{server.port}/partnership"
    code, _, err = publish(capsys, target, "--dry-run", "--project", str(at(repo, "A")))
    assert code == 1
    assert err.startswith(f"Nothing was published: could not log in to {target} (lftp exit 1): ")
    assert err.endswith("Check the address, the user, and the password (MENA_FTP_PASSWORD or ~/.netrc).\n")


# --- zip --------------------------------------------------------------------------------------


def test_a_zip_holds_the_site_with_release_and_is_byte_identical_for_a_commit(repo, tmp_path, capsys):
    first, second = tmp_path / "one" / "site.zip", tmp_path / "two" / "site.zip"
    for path in (first, second):
        code, out, err = publish(capsys, f"zip:{path}", "--project", str(at(repo, "A")))
        assert code == 0, err
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
        assert names == sorted(names) and "index.html" in names and MANIFEST_FILE in names
        assert archive.read("RELEASE").decode() == (
            f"site: {ADDRESS}\nbuild: production\ncommit: {repo[1]['A']}\ncommit-time: {DATES['A']}\n"
        )
        assert {entry.date_time for entry in archive.infolist()} == {(2024, 3, 1, 10, 0, 0)}
    code, out, _ = publish(capsys, f"zip:{first}", "--project", str(at(repo, "B")))
    assert code == 0
    assert f"Compared with what is live (commit {repo[1]['A'][:10]}): " in out
    assert out.splitlines()[-1].startswith(f"Written {first}: {len(names)} files of commit {repo[1]['B'][:10]}.")


# --- the build's last line --------------------------------------------------------------------


@pytest.mark.parametrize("production", [False, True])
def test_the_build_says_whether_it_is_a_preview_and_how_the_site_goes_live(tmp_path, capsys, monkeypatch, production):
    monkeypatch.setattr("menasite.cli.commands.build_site", lambda *args, **kwargs: "")
    site = tmp_path / "site"
    arguments = ["build", "--site-url", ADDRESS, "--site-dir", str(site)] + (["--production"] if production else [])
    assert cli.main(arguments) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    if production:
        assert last == (
            f"Production site built in {site}/ for {ADDRESS}. To put the site live, use ./run publish TARGET: it "
            'checks and builds the last commit and uploads it (README, "Publishing").'
        )
    else:
        assert last == (
            f"Preview built in {site}/ for {ADDRESS} (with the editors' pages and source maps; ./run serve shows it "
            "live). It is not for the web server: ./run publish TARGET checks and builds the last commit for visitors "
            'and puts it live (README, "Publishing").'
        )


def test_what_a_killed_publish_left_in_the_temporary_folder_is_removed_by_the_next(tmp_path, monkeypatch):
    """SIGKILL leaves the clean checkout and the build behind; a folder with anything else
    (not made by publish) is never touched."""
    import time

    from menasite.site.lifecycle import scratch_folder

    temporary = tmp_path / "system-tmp"
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    killed, users = temporary / "mena-publish-killed", temporary / "mena-publish-mine"
    for folder in (killed / "checkout" / "docs", killed / "site", users / "checkout"):
        folder.mkdir(parents=True)
    (users / "notes.txt").write_text("mine\n", encoding="utf-8")
    hour_ago = time.time() - 3600
    for folder in (killed, users):
        os.utime(folder, (hour_ago, hour_ago))
    with scratch_folder("mena-publish-") as scratch:
        assert sorted(p.name for p in temporary.iterdir()) == sorted([scratch.name, users.name])
    assert [p.name for p in temporary.iterdir()] == [users.name]
