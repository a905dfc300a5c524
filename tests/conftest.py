"""Shared fixtures: the real site built once per test session, and small fixture projects.

Builds go through the same safe build command the README gives (menasite.site.build.build_site),
into temporary folders; nothing is written into the repository.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from menasite.kept import CACHE_FOLDER_VARIABLE
from menasite.site.build import build_site

ROOT = Path(__file__).resolve().parents[1]

# Messages to editors are Ukrainian by default; most tests read them in English, and the tests
# of Ukrainian messages ask for Ukrainian explicitly.
os.environ["MENA_LANG"] = "en"
LANGUAGES = ("uk", "en", "pl")
SUBPATH_URL = "https://mena.cg.gov.ua/partnership/"
DOMAIN_ROOT_URL = "https://partnership.example.org/"


@dataclass
class BuiltSite:
    path: Path
    site_url: str
    log: str

    def html(self, relative: str) -> str:
        return (self.path / relative).read_text(encoding="utf-8")

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.path).as_posix() for p in self.path.rglob("*.html"))


def project_changes() -> str:
    """What git sees changed or added in the project (ignored files, such as .venv, aside)."""
    import subprocess

    return subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT, capture_output=True, text=True
    ).stdout


# The longest tests (5-10 s each) start first: pytest-xdist's workers then share out the short
# ones at the end, instead of one worker finishing a long test alone while the other waits.
LONGEST_FIRST = (
    "tests/test_serve.py",
    "tests/test_build_safety.py::test_a_build_killed_at_any_moment",
    "tests/test_publish.py::test_publish_to_a_folder",
    "tests/test_browser.py::test_every_page_loads_cleanly",
    "tests/test_screenshots.py",
)


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: not item.nodeid.startswith(LONGEST_FIRST))  # stable: the rest keep their order


@pytest.fixture(scope="session", autouse=True)
def the_suite_changes_nothing_in_the_project():
    """Every test writes into its temporary folders only: the project is as it was (but for
    the accessibility snapshots, when asked to update them: MENA_UPDATE_SNAPSHOTS=1)."""
    before = project_changes()
    yield
    after = project_changes()
    if os.environ.get("MENA_UPDATE_SNAPSHOTS"):
        before, after = (_without_snapshots(changes) for changes in (before, after))
    assert after == before


@pytest.fixture(scope="session", autouse=True)
def builds_keep_their_cache_in_the_runs_temporary_folder(tmp_path_factory):
    """The builds of the suite keep what they keep for the next (menasite.kept) in the run's
    temporary folder, not in the project's .cache/ (the workers share it: entries are written
    whole, under a hash of what they are made from)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    os.environ[CACHE_FOLDER_VARIABLE] = str(shared / "kept")
    yield


def _without_snapshots(changes: str) -> str:
    return "".join(line for line in changes.splitlines(keepends=True) if "tests/snapshots/" not in line)


def screenshots_folder(basetemp: Path) -> Path:
    """Where the suite saves its screenshots for review: MENA_SCREENSHOTS, or screenshots/ in
    the run's temporary folder (/tmp/pytest-of-USER/pytest-current/screenshots/)."""
    if os.environ.get("MENA_SCREENSHOTS"):
        return Path(os.environ["MENA_SCREENSHOTS"]).resolve()
    return (basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp) / "screenshots"


def pytest_terminal_summary(terminalreporter, config):
    """The screenshots' folder, at the end of a run that made them."""
    factory = getattr(config, "_tmp_path_factory", None)
    if factory is None or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    folder = screenshots_folder(factory.getbasetemp())
    if folder.is_dir() and any(folder.glob("*.jpg")):
        terminalreporter.write_line(f"Screenshots for review: {folder}")


@contextlib.contextmanager
def shared_by_the_run(tmp_path_factory, name: str) -> Iterator[Path]:
    """A folder shared by the run's workers (pytest-xdist), held under a lock while the caller
    looks into it or fills it: what one worker built, the other reuses."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, which holds each worker's own
    folder = shared / f"shared-{name}"
    folder.mkdir(exist_ok=True)
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        yield folder


def built_once_per_run(
    tmp_path_factory, name: str, site_url: str, production: bool = False, for_folder: bool = False
) -> BuiltSite:
    """The real site for ``site_url``, built once per test run and shared by the workers. The
    tests only read it."""
    with shared_by_the_run(tmp_path_factory, name) as folder:
        log_file = folder / "build.log"
        if not log_file.exists():
            log = build_site(folder / "site", site_url=site_url, production=production, for_folder=for_folder)
            log_file.write_text(log, encoding="utf-8")
    return BuiltSite(folder / "site", site_url, log_file.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The real site, under a subpath as on the council website."""
    return built_once_per_run(tmp_path_factory, "subpath", SUBPATH_URL)


@pytest.fixture(scope="session")
def production_site(tmp_path_factory) -> BuiltSite:
    """The real site as publish puts it live: a production build under the subpath."""
    return built_once_per_run(tmp_path_factory, "production", SUBPATH_URL, production=True)


@pytest.fixture(scope="session")
def folder_preview(tmp_path_factory) -> BuiltSite:
    """The preview an editor downloads and opens from a folder (--for-folder)."""
    return built_once_per_run(tmp_path_factory, "folder", SUBPATH_URL, for_folder=True)


@pytest.fixture(scope="session")
def root_site(tmp_path_factory) -> BuiltSite:
    """The real site at a domain root."""
    return built_once_per_run(tmp_path_factory, "root", DOMAIN_ROOT_URL)


# A git identity and one fixed time for the commits of fixture repositories: every commit in
# the same second, so that what a test checks comes from ancestry, not from times.
GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_AUTHOR_DATE": "2026-01-01T12:00:00+02:00",
    "GIT_COMMITTER_DATE": "2026-01-01T12:00:00+02:00",
}


def make_project(base: Path, *, remove: tuple[str, ...] = (), write: dict[str, str] | None = None) -> Path:
    """A copy of the project's sources to change for one test (templates and hooks linked)."""
    project = base / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "data", project / "data")
    for linked in ("overrides", "hooks", "deploy"):
        (project / linked).symlink_to(ROOT / linked)
    for relative in remove:
        (project / relative).unlink()
    for relative, text in (write or {}).items():
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text(text, encoding="utf-8")
    return project


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the text of <title>/<h1>."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())]


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- the browser: Debian's chromium through Playwright, on the built site served here ---------

CHROMIUM = "/usr/bin/chromium"
OFFLINE_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}
PREFIX = {"uk": "", "en": "en/", "pl": "pl/"}


@pytest.fixture(scope="session")
def served(site, tmp_path_factory):
    """The subpath build, served at http://127.0.0.1:PORT/partnership/ (404s as a server would)."""
    top = tmp_path_factory.mktemp("www")
    (top / "partnership").symlink_to(site.path)
    handler = functools.partial(_Handler, directory=str(top))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/partnership/"
    server.shutdown()


class _Handler(SimpleHTTPRequestHandler):
    """Serves files; an unknown address gets the 404 page of its language, as configured on
    the council's server (README, "Publishing")."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        lang = next((lang for lang in ("en", "pl") if self.path.startswith(f"/partnership/{lang}/")), "")
        body = (Path(self.directory) / "partnership" / (f"{lang}/" if lang else "") / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def browser():
    """One chromium per worker for the whole run (each test opens contexts of its own)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=OFFLINE_ARGS)
        yield browser
        browser.close()


def _visit(browser, url, viewport="desktop", **context):
    """Open a page in a context of its own; return it with every failed or off-site request
    and console error."""
    return _visit_in(browser.new_context(viewport=VIEWPORTS[viewport], **context), url)


def _visit_in(context, url):
    """Open a page in a context already open (cheaper when many pages share one)."""
    visitor = Visitor(context)
    return visitor.page, visitor.go(url)


class Visitor:
    """One page that goes from address to address, as a visitor clicking through the site: far
    cheaper than a page per address (the browser keeps its renderer and compiled scripts), and
    each address still gets its own list of failed, off-site or console-error requests."""

    def __init__(self, context) -> None:
        self.page = context.new_page()
        self.trouble: list[str] = []
        self.local = ""
        # A request cut short by leaving the page (a favicon still loading when a link is
        # clicked) is the visitor's doing, not the site's.
        self.page.on(
            "requestfailed",
            lambda request: request.failure != "net::ERR_ABORTED" and self._note(f"failed: {request.url}"),
        )
        self.page.on(
            "response",
            lambda r: r.status >= 400 and not r.url.endswith("404.html") and self._note(f"{r.status}: {r.url}"),
        )
        self.page.on(
            "request",
            lambda request: (
                urlsplit(request.url).netloc not in (self.local, "") and self._note(f"off-site: {request.url}")
            ),
        )
        self.page.on("console", lambda message: message.type == "error" and self._note(f"console: {message.text}"))

    def _note(self, what: str) -> None:
        self.trouble.append(what)

    def go(self, url: str) -> list[str]:
        """Open ``url``; return what went wrong while loading it (and later on that page)."""
        self.trouble = []
        self.local = urlsplit(url).netloc
        self.page.goto(url, wait_until="load")
        return self.trouble


def _close(page):
    page.context.close()
