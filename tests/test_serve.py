"""./run serve for editors: a data error is printed and shown on the pages without killing the
server (the last good version stays), and the site follows again once the error is fixed.
Stopping the command (SIGTERM, SIGINT) stops the preview and frees its port; a preview that
dies is reported as such; 404 pages and search work as on the council's server."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, _visit, make_project

from menasite.site.lifecycle import SCRATCH_MIN_AGE, remove_leftovers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def fetch_error(url: str) -> tuple[int, str]:
    """The status and page of an address that does not exist."""
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(url, timeout=5)
    return error.value.code, error.value.read().decode("utf-8")


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def preview_processes(project: Path) -> list[int]:
    """The `mkdocs serve` processes that preview ``project`` (its folder in their arguments or
    as their folder), read from /proc: what a stopped command must not leave behind."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            arguments = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
            folder = os.readlink(f"/proc/{entry}/cwd")
        except OSError:
            continue  # ended meanwhile, or not ours to look at
        words = [argument.decode(errors="replace") for argument in arguments]
        is_preview = "mkdocs" in " ".join(words) and "serve" in words
        if is_preview and (folder == str(project) or any(str(project) in word for word in words)):
            found.append(int(entry))
    return found


class Previews:
    """The ./run serve commands a test starts; whatever happens in the test, none of them and
    none of their `mkdocs serve` children is left running (a left one fails the test)."""

    def __init__(self, tmp_path: Path) -> None:
        self.temporary = tmp_path / "tmp"  # the commands' scratch folders, to see them removed
        self.temporary.mkdir()
        self.started: list[tuple[subprocess.Popen, Path]] = []

    def start(
        self, project: Path, port: int, *options: str, messages: str | None = "en"
    ) -> tuple[subprocess.Popen, list[str]]:
        """./run serve in the background; its output lines are collected as they come."""
        environment = {name: value for name, value in os.environ.items() if name != "MENA_LANG"}
        if messages:  # MENA_LANG; None: the default (Ukrainian)
            environment["MENA_LANG"] = messages
        server = subprocess.Popen(
            [sys.executable, "-m", "menasite", "serve", "--project", str(project), "--dev-addr", f"127.0.0.1:{port}"]
            + list(options),
            cwd=ROOT,
            env={**environment, "TMPDIR": str(self.temporary)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.started.append((server, project))
        output: list[str] = []
        threading.Thread(target=lambda: output.extend(iter(server.stdout.readline, "")), daemon=True).start()
        return server, output

    def leftovers(self) -> list[int]:
        """Stop what is still running (a failed test); return the `mkdocs serve` processes that
        outlived their command, stopped too."""
        left = []
        for server, project in self.started:
            if server.poll() is None:
                server.kill()
            server.wait(timeout=10)
            for pid in self._wait_gone(project):
                left.append(pid)
                os.kill(pid, signal.SIGKILL)
        return left

    @staticmethod
    def _wait_gone(project: Path) -> list[int]:
        """A child Linux has just been told to stop may take a moment to end."""
        deadline = time.monotonic() + 5
        while (pids := preview_processes(project)) and time.monotonic() < deadline:
            time.sleep(0.1)
        return pids


@pytest.fixture
def previews(tmp_path):
    started = Previews(tmp_path)
    yield started
    assert started.leftovers() == [], "a `mkdocs serve` process outlived its ./run serve"


def stop(server: subprocess.Popen, how: signal.Signals) -> int:
    server.send_signal(how)
    return server.wait(timeout=15)


def assert_stopped_cleanly(previews: Previews, project: Path, port: int, output: list[str]) -> None:
    """Nothing answers on the port, no `mkdocs serve` is left, the scratch folder is gone."""
    assert port_is_free(port)
    assert preview_processes(project) == []
    assert list(previews.temporary.iterdir()) == []
    assert [line for line in output if "Traceback" in line] == []


def test_serve_survives_a_data_error_and_follows_the_fix(tmp_path, previews):
    """And it serves like the council's server meanwhile (404 pages), and stops with the command."""
    project = make_project(tmp_path)
    port = free_port()
    server, output = previews.start(project, port)
    page = f"http://127.0.0.1:{port}/en/partners/"
    results = project / "data/partners.yml"
    original = results.read_text(encoding="utf-8")
    wait_for(lambda: "Kuyavian-Pomeranian Voivodeship" in (fetch(page) or ""), 60, "the first build")
    assert_404_pages_per_language(f"http://127.0.0.1:{port}/")
    results.write_text(original.replace("    country: UA", "    country: UKR"), encoding="utf-8")
    wait_for(lambda: any("found the text 'UKR'" in line for line in output), 30, "the error in the terminal")
    assert server.poll() is None, "the server stopped"
    wait_for(lambda: "found the text &#39;UKR&#39;" in (fetch(page) or ""), 30, "the problem on the page")
    assert "Kuyavian-Pomeranian Voivodeship" in fetch(page)  # the last good version stays
    results.write_text(
        original.replace("Kuyavian-Pomeranian Voivodeship", "Kuyavian-Pomeranian Province"), encoding="utf-8"
    )
    wait_for(lambda: "Kuyavian-Pomeranian Province" in (fetch(page) or ""), 30, "the fixed site")
    assert "The site has problems to fix" not in fetch(page)
    # A YAML tag once made every request hang: now it is a problem like any other.
    results.write_text(original.replace("    country: UA", "    country: !foo UA"), encoding="utf-8")
    wait_for(lambda: any("found the tag !foo" in line for line in output), 30, "the tag in the terminal")
    wait_for(lambda: "found the tag !foo" in (fetch(page) or ""), 30, "the tag on the page")
    # kill PID: the command stops, and the preview with it.
    assert stop(server, signal.SIGTERM) == 128 + signal.SIGTERM
    assert_stopped_cleanly(previews, project, port, output)


def test_serve_waits_for_a_fix_when_the_site_cannot_start(tmp_path, previews):
    project = make_project(tmp_path)
    partners = project / "data/partners.yml"
    original = partners.read_text(encoding="utf-8")
    partners.write_text(original.replace("    country: UA", "    country: UKR"), encoding="utf-8")
    port = free_port()
    server, output = previews.start(project, port)
    wait_for(lambda: any("it starts again when a file is saved" in line for line in output), 60, "the waiting message")
    assert any("found the text 'UKR'" in line for line in output)
    assert server.poll() is None
    partners.write_text(original, encoding="utf-8")
    wait_for(
        lambda: "Kuyavian-Pomeranian Voivodeship" in (fetch(f"http://127.0.0.1:{port}/en/partners/") or ""),
        60,
        "the site after the fix",
    )
    # Ctrl+C (SIGINT to the command alone, as `kill -INT PID` sends it): the same.
    assert stop(server, signal.SIGINT) == 128 + signal.SIGINT
    assert_stopped_cleanly(previews, project, port, output)


def test_a_preview_that_dies_is_reported_as_stopped_not_as_problems_in_the_sources(tmp_path, previews):
    project = make_project(tmp_path)
    port = free_port()
    server, output = previews.start(project, port)
    wait_for(lambda: fetch(f"http://127.0.0.1:{port}/en/") is not None, 60, "the preview")
    [mkdocs] = preview_processes(project)
    os.kill(mkdocs, signal.SIGKILL)
    assert server.wait(timeout=15) == 128 + signal.SIGKILL
    time.sleep(0.2)  # the last line on its way through the pipe
    assert output[-1] == (
        "The preview stopped: MkDocs was ended by signal 9 (SIGKILL). Nothing is served any more; start it again "
        "with ./run serve.\n"
    )
    assert not any("could not start because of the problems above" in line for line in output)
    assert_stopped_cleanly(previews, project, port, output)


def test_serve_on_an_address_in_use_says_so_before_starting(tmp_path, previews):
    project = make_project(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        # The option after the command: English although the default is Ukrainian.
        server, output = previews.start(project, port, "--lang", "en", messages=None)
        assert server.wait(timeout=15) == 1
    time.sleep(0.2)
    assert output == [
        f"The address 127.0.0.1:{port} is already in use (is another preview still running?). Stop that one, or "
        "choose another port: ./run serve --dev-addr 127.0.0.1:8001\n"
    ]


def assert_404_pages_per_language(address: str) -> None:
    """An unknown address gets the 404 page of its language, as on the council's server."""
    for path, lang in [("en/no-such-page/", "en"), ("pl/reports/2099-q1/", "pl"), ("no-such-page/", "uk")]:
        status, page = fetch_error(address + path)
        assert status == 404
        assert f'<html lang="{lang}"' in page, path


@pytest.mark.browser
def test_search_works_in_the_preview_and_follows_each_rebuild(browser, tmp_path, previews):
    project = make_project(tmp_path)
    port = free_port()
    server, _ = previews.start(project, port)
    address = f"http://127.0.0.1:{port}/"
    wait_for(lambda: fetch(address + "pagefind/pagefind-entry.json") is not None, 60, "the preview's search index")
    # The open data and the feeds, which ./run build writes after MkDocs, are in the preview too.
    entry = f"<id>{address}en/reports/2023-q1/</id>"
    wait_for(lambda: entry in (fetch(address + "en/feed.xml") or ""), 30, "the preview's feed")
    assert fetch(address + "data/results.csv") is not None
    found, trouble = search(browser, address + "en/search/?q=calendar")
    assert "/en/reports/2023-q1/" in found
    assert trouble == []
    # A word saved into a page is found once the preview has rebuilt.
    contact = project / "docs/en/contact.md"
    contact.write_text(contact.read_text(encoding="utf-8") + "\nZanzibarian liaison.\n", encoding="utf-8")
    wait_for(lambda: "Zanzibarian" in (fetch(address + "en/contact/") or ""), 30, "the rebuild")
    # MkDocs emptied the folder for the rebuild: the index is there again once it is made anew.
    wait_for(lambda: fetch(address + "pagefind/pagefind-entry.json") is not None, 30, "the new index")
    assert search(browser, address + "en/search/?q=zanzibarian")[0] == ["/en/contact/"]
    # Killed outright (kill -9, no handler runs): Linux stops the preview all the same, and the
    # scratch folder left behind is removed by the next command once no run holds it.
    assert stop(server, signal.SIGKILL) == -signal.SIGKILL
    wait_for(lambda: port_is_free(port) and preview_processes(project) == [], 10, "the preview to stop")
    [left] = previews.temporary.iterdir()
    os.utime(left, (time.time() - SCRATCH_MIN_AGE - 1,) * 2)
    assert remove_leftovers(previews.temporary, "mena-serve-*", SCRATCH_MIN_AGE) == [left]
    assert not left.exists()


def search(browser, url: str) -> tuple[list[str], list[str]]:
    """The addresses a search page lists, once its status says how many (or that none were),
    and what went wrong on the page (failed requests, console errors)."""
    page, trouble = _visit(browser, url)
    try:
        status = page.locator(".mena-search-status")
        status.filter(has_text=":").or_(status.filter(has_text=".")).wait_for()
        return [link.get_attribute("href") or "" for link in page.locator(".mena-search-results a").all()], trouble
    finally:
        page.context.close()


def test_check_takes_the_language_option_after_the_command(tmp_path):
    project = make_project(tmp_path)
    environment = {name: value for name, value in os.environ.items() if name != "MENA_LANG"}  # Ukrainian by default
    environment["SITE_URL"] = "nonsense"  # a problem found at once, before any page is built
    result = subprocess.run(
        [sys.executable, "-m", "menasite", "check", "--project", str(project), "--lang", "en"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert (
        "  - --site-url or SITE_URL: site_url: found 'nonsense'; expected an absolute http or https address with a "
        "host and without ? or #, for example https://mena.cg.gov.ua/partnership/."
    ) in result.stderr.splitlines()
    assert "знайдено" not in result.stderr


def test_serve_renders_the_parts_again_only_when_what_they_show_changes(tmp_path, previews):
    """A saved page reuses the generated parts of the last build (the same page served); a
    changed template or data file renders them anew."""
    project = make_project(tmp_path)
    (project / "overrides").unlink()  # a copy of the templates, to change one
    shutil.copytree(ROOT / "overrides", project / "overrides")
    port = free_port()
    server, output = previews.start(project, port)
    partners, contact = (f"http://127.0.0.1:{port}/en/{page}/" for page in ("partners", "contact"))
    wait_for(lambda: "Kuyavian-Pomeranian Voivodeship" in (fetch(partners) or ""), 60, "the first build")
    before = without_build_numbers(fetch(partners))
    page = project / "docs/en/contact.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA line saved under serve.\n", encoding="utf-8")
    wait_for(lambda: "A line saved under serve." in (fetch(contact) or ""), 30, "the saved page")
    assert without_build_numbers(fetch(partners)) == before
    # A part asked for twice on a page: each time its own (a kept part is not put in twice).
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- mena:council -->\n\nTwice.\n", encoding="utf-8")
    wait_for(lambda: "Twice." in (fetch(contact) or ""), 30, "the page with the part twice")
    assert fetch(contact).count("<dt>Authority</dt>") == 2 and "problems to fix" not in fetch(contact)
    template = project / "overrides/partials/mena/partners.html"
    template.write_text(template.read_text(encoding="utf-8") + '\n<p class="mena-note">Template saved.</p>\n', "utf-8")
    wait_for(lambda: "Template saved." in (fetch(partners) or ""), 30, "the saved template")
    data = project / "data/partners.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("Pomeranian Voivodeship", "Pomeranian Province"), "utf-8")
    wait_for(lambda: "Kuyavian-Pomeranian Province" in (fetch(partners) or ""), 30, "the saved data")
    assert "Template saved." in fetch(partners)
    assert stop(server, signal.SIGTERM) == 128 + signal.SIGTERM
    assert_stopped_cleanly(previews, project, port, output)


def without_build_numbers(page: str | None) -> str:
    """A served page without the numbers of MkDocs' live-reload script, new with every build."""
    return re.sub(r"livereload\(\d+, \d+\)", "livereload()", page or "")
