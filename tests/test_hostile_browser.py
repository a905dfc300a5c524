"""The hostile-but-allowed fixture (tests/test_hostile_pages.py) in a real browser: Debian's
chromium opens every page of it, and no script of an author runs (no dialog, no flag set)."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from test_hostile_pages import hostile_site  # noqa: F401 (the fixture, built once per session)

pytestmark = pytest.mark.browser

# Runs before any script of a page: whatever an injected script would use to prove it ran
# (alert, confirm, prompt, or setting window.__pwned) sets the flag instead.
TRAP = """
(() => {
  let hit = false;
  Object.defineProperty(window, "__pwned", {get: () => hit, set: () => { hit = true; }, configurable: false});
  Object.defineProperty(window, "__trapped", {get: () => hit});
  for (const name of ["alert", "confirm", "prompt"]) window[name] = () => { hit = true; };
})();
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def hostile_served(hostile_site):  # noqa: F811
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(hostile_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def trapped(browser):
    context = browser.new_context()
    context.add_init_script(TRAP)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page, dialogs
    context.close()


def test_the_trap_catches_a_script(trapped):
    """The test can fail: a page that runs a script is caught."""
    page, dialogs = trapped
    page.set_content("<p>x</p><script>window.__pwned = 1</script>")
    assert page.evaluate("window.__trapped") is True


def test_no_page_of_the_hostile_fixture_runs_a_script(trapped, hostile_site, hostile_served):  # noqa: F811
    page, dialogs = trapped
    pages = sorted(path.relative_to(hostile_site).as_posix() for path in hostile_site.rglob("*.html"))
    assert "contact/index.html" in pages and "reports/2023-q1/index.html" in pages
    ran = []
    for relative in pages:
        page.goto(hostile_served + relative, wait_until="load")
        if page.evaluate("window.__trapped"):
            ran.append(relative)
    assert ran == []
    assert dialogs == []
