"""A translation that holds only placeholders (a stub) is no translation: it counts as missing and
is built as the Ukrainian fallback, whether ./run new-report wrote it or an editor did."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT, Elements, make_project

from menasite.pages.siteconfig import load_site_config
from menasite.pages.translations import is_stub_text, missing_ukrainian_originals, scan_pages
from menasite.site.build import build_site

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
}
SIGNATORY = "signatory:\n  name: stalnychenko\n  role: council_secretary\n"


def menasite(project, *args):
    return subprocess.run(
        [sys.executable, "-m", "menasite", *args, "--project", str(project)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def git(project, *args):
    subprocess.run(["git", *args], cwd=project, env=GIT_ENV, check=True, capture_output=True)


@pytest.fixture(scope="module")
def new_quarter(tmp_path_factory):
    """./run new-report 2023-q2, its data completed (the text left as written), committed, built."""
    base = tmp_path_factory.mktemp("stubs")
    project = make_project(base)
    started = menasite(project, "new-report", "2023-q2")
    assert started.returncode == 0, started.stderr
    with open(project / "data/reports/2023-q2.yml", "a", encoding="utf-8") as data:
        data.write(SIGNATORY)  # the one thing the check asks for before the site is built
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Report 2023-q2 started")
    build_site(base / "site", root=project, site_url="https://example.org/")
    return project, base / "site"


def test_the_new_reports_english_and_polish_stubs_count_as_missing(new_quarter):
    project, _ = new_quarter
    result = menasite(project, "translations")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "docs/*/reports/2023-q2.md: en MISSING (only placeholders so far); pl MISSING (only placeholders so far)\n"
    )


def page_description(html: str) -> str:
    return Elements(html).find("meta", name="description")[0]["content"]


def test_a_polish_stub_is_built_as_the_ukrainian_fallback(new_quarter):
    _, site = new_quarter
    html = (site / "pl/reports/2023-q2/index.html").read_text(encoding="utf-8")
    assert "Ta strona nie została jeszcze przetłumaczona." in html
    assert "Звіт за II квартал 2023 року</h1>" in html.split('<div lang="uk" class="mena-original">')[1]
    assert (
        "Sprawozdanie za II kwartał 2023 r.</h1>" not in html and "polskie tłumaczenie" not in html
    )  # nothing of the stub
    # Its title, from the report's data, is in the visitor's language.
    assert "<title>Sprawozdanie za II kwartał 2023 r. — Hromada Mena — współpraca międzynarodowa</title>" in html
    # Its description is the notice its visitors read, in Polish (the text below it is Ukrainian).
    assert (
        page_description(html)
        == "Ta strona nie została jeszcze przetłumaczona. Poniżej znajduje się oryginał w języku ukraińskim."
    )
    page = Elements(html)
    assert page.find("meta", name="robots", content="noindex")
    assert not page.find("link", rel="canonical") and not [
        a for a in page.find("link", rel="alternate") if "hreflang" in a
    ]
    assert "data-pagefind-body" not in html


def test_a_stub_is_offered_nowhere_as_a_translation(new_quarter):
    _, site = new_quarter
    original = Elements((site / "reports/2023-q2/index.html").read_text(encoding="utf-8"))
    assert [a["hreflang"] for a in original.find("link", rel="alternate") if "hreflang" in a] == ["uk", "x-default"]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/reports/2023-q2/</loc>" in sitemap
    assert "https://example.org/pl/reports/2023-q2/" not in sitemap
    assert "https://example.org/en/reports/2023-q2/" not in sitemap
    indexed = {pagefind_url(fragment) for fragment in (site / "pagefind/fragment").iterdir()}
    assert "/reports/2023-q2/" in indexed and "/pl/reports/2023-q1/" in indexed
    assert not {"/pl/reports/2023-q2/", "/en/reports/2023-q2/"} & indexed


def pagefind_url(fragment) -> str:
    """The address of the page a Pagefind fragment indexes (gzip, a signature, then JSON)."""
    return json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]


def test_the_editors_status_page_says_missing_for_a_stub(new_quarter):
    _, site = new_quarter
    page = (site / "editors/translations/index.html").read_text(encoding="utf-8")
    row = page.split("docs/*/reports/2023-q2.md")[1].split("</tr>")[0]
    assert row.count("немає / missing (лише заготовка / placeholders only)") == 2


def test_a_stub_cannot_be_marked_reviewed(new_quarter):
    project, _ = new_quarter
    result = menasite(project, "translations", "--reviewed", "docs/pl/reports/2023-q2.md")
    assert result.returncode == 1
    assert (
        "  - docs/pl/reports/2023-q2.md: reviewed: found a page of placeholders only, which counts as missing; "
        "expected an English or Polish page that exists (docs/en/contact.md)."
    ) in result.stderr


HAND_MADE_STUB = """\
---
description: Kontakt
---

# Kontakt i współpraca

## Rada miejska
<!-- do przetłumaczenia -->

[[todo:polskie tłumaczenie|Do uzupełnienia przez radę: zob. [stronę](https://mena.cg.gov.ua/)]]

"""


@pytest.mark.parametrize(
    "text",
    [HAND_MADE_STUB, "", "# Tytuł\n", "[[todo:tłumaczenie|]]\n[[todo:telefon|zob. stronę]]\n"],
    ids=["front matter, headings, comment, placeholder with a fallback", "empty", "a title", "placeholders"],
)
def test_a_page_of_placeholders_only_is_a_stub_whatever_its_fallbacks_say(text):
    assert is_stub_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "# Kontakt\n\nJedno zdanie.\n",
        "# Wyszukiwanie\n\n<!-- mena:search -->\n",  # a generated part is text in the page's language
        "# Kontakt\n\nTelefon\n:   [[todo:numer telefonu|zob. stronę]]\n",
        "[[g:community]]\n",
    ],
    ids=["a sentence", "a generated part", "a word beside a placeholder", "a name"],
)
def test_a_page_with_anything_to_read_is_a_translation(text):
    assert not is_stub_text(text)


def test_a_hand_made_stub_is_missing_and_the_ukrainian_original_stays(tmp_path):
    project = make_project(tmp_path, write={"docs/pl/contact.md": HAND_MADE_STUB, "docs/uk/news.md": "# Новини\n"})
    pages = scan_pages(load_site_config(project / "mkdocs.yml"))
    assert not pages.has_translation("contact.md", "pl") and pages.is_stub("contact.md", "pl")
    assert pages.has_translation("contact.md", "en")
    assert pages.has_translation("news.md", "uk")  # an original is never a stub


def test_a_stub_without_a_ukrainian_original_is_still_refused(tmp_path):
    project = make_project(tmp_path, write={"docs/pl/news.md": HAND_MADE_STUB})
    problems = missing_ukrainian_originals(scan_pages(load_site_config(project / "mkdocs.yml")))
    assert [str(problem) for problem in problems] == [
        "docs/pl/news.md: page: found no such file; expected a Ukrainian original at docs/uk/news.md, since "
        "Ukrainian must be at least as complete as every other language."
    ]
