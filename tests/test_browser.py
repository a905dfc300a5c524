"""What a visitor's browser does: Debian's chromium, driven by Playwright, on the built site
served from this machine. No request may fail and none may leave the machine."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from conftest import LANGUAGES

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
OFFLINE_ARGS = [
    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
PAGES = ["", "programme/", "reports/", "reports/2023-q1/", "partners/", "results/", "contact/"]
PREFIX = {"uk": "", "en": "en/", "pl": "pl/"}


@pytest.fixture(scope="module")
def served(site, tmp_path_factory):
    """The subpath build, served at http://127.0.0.1:PORT/partnership/."""
    top = tmp_path_factory.mktemp("www")
    (top / "partnership").symlink_to(site.path)
    handler = functools.partial(_QuietHandler, directory=str(top))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/partnership/"
    server.shutdown()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=OFFLINE_ARGS)
        yield browser
        browser.close()


def _visit(browser, url, viewport=None):
    """Open a page; return it with every failed or off-site request and console error."""
    page = browser.new_page(viewport=viewport or {"width": 1280, "height": 900})
    trouble: list[str] = []
    local = urlsplit(url).netloc
    page.on("requestfailed", lambda request: trouble.append(f"failed: {request.url}"))
    page.on("response", lambda response: response.status >= 400 and trouble.append(f"{response.status}: {response.url}"))
    page.on("request", lambda request: urlsplit(request.url).netloc != local and trouble.append(f"off-site: {request.url}"))
    page.on("console", lambda message: message.type == "error" and trouble.append(f"console: {message.text}"))
    page.goto(url, wait_until="load")
    return page, trouble


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_loads_without_a_failed_or_off_site_request(browser, served, lang):
    for path in PAGES:
        page, trouble = _visit(browser, served + PREFIX[lang] + path)
        assert page.evaluate("document.documentElement.lang") == lang
        page.close()
        assert trouble == [], path


def test_switching_language_keeps_the_visitor_on_the_same_page(browser, served):
    page, trouble = _visit(browser, served + "reports/2023-q1/")
    page.get_by_role("link", name="English", exact=True).click()
    page.wait_for_load_state()
    assert page.url == served + "en/reports/2023-q1/"
    page.get_by_role("link", name="Polski", exact=True).click()
    page.wait_for_load_state()
    assert page.url == served + "pl/reports/2023-q1/"
    page.get_by_role("link", name="Українська", exact=True).click()
    page.wait_for_load_state()
    assert page.url == served + "reports/2023-q1/"
    assert trouble == []
    page.close()


def test_the_language_links_are_visible_on_a_phone(browser, served):
    for lang in LANGUAGES:
        page, _ = _visit(browser, served + PREFIX[lang] + "contact/", viewport={"width": 360, "height": 740})
        for name in ("Українська", "English", "Polski"):
            link = page.get_by_role("link", name=name, exact=True)
            assert link.is_visible(), (lang, name)
            box = link.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (lang, name, box)
        page.close()


def test_an_unknown_address_gets_the_404_page_in_its_language(browser, served):
    page, _ = _visit(browser, served + "en/404.html")
    assert page.locator("h1").inner_text() == "Page not found"
    page.close()


def test_a_preview_opened_from_a_folder_can_be_browsed(browser, tmp_path):
    from menasite.build import build_site

    out = tmp_path / "preview"
    build_site(out, for_folder=True)
    page = browser.new_page()
    page.goto((out / "reports/index.html").as_uri())
    page.get_by_role("link", name="English", exact=True).click()
    page.wait_for_load_state()
    assert page.url == (out / "en/reports/index.html").as_uri()
    page.get_by_role("link", name="Report for Q1 2023").click()
    page.wait_for_load_state()
    assert page.url == (out / "en/reports/2023-q1/index.html").as_uri()
    assert page.evaluate("document.documentElement.lang") == "en"
    page.close()
