"""The real site, built once: pages, languages, switcher, alternates, 404s, addresses."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import LANGUAGES, Elements

PAGES = [
    "index.html",
    "programme/index.html",
    "programmes/2022-2024/index.html",
    "reports/index.html",
    "reports/2023-q1/index.html",
    "partners/index.html",
    "results/index.html",
    "contact/index.html",
    "accessibility/index.html",
    "open-data/index.html",
    "search/index.html",
]
PREFIX = {"uk": "", "en": "en/", "pl": "pl/"}
NAMES = {"uk": "Українська", "en": "English", "pl": "Polski"}


def test_each_language_has_exactly_the_expected_pages(site):
    expected = sorted(
        [PREFIX[lang] + page for lang in LANGUAGES for page in [*PAGES, "404.html"]]
        + ["editors/translations/index.html"]
    )
    assert site.pages() == expected


def test_the_strict_build_printed_no_warning(site):
    assert "WARNING" not in site.log
    assert "Documentation built" in site.log


def test_sources_are_loaded_once_per_build_not_once_per_language(site):
    assert site.log.count("sources loaded and checked (11 pages)") == 1
    assert "INFO    -  mena: sources loaded and checked (11 pages)" in site.log.splitlines()  # "mena: " once


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_declares_its_language(site, lang):
    for page in [*PAGES, "404.html"]:
        assert f'<html lang="{lang}"' in site.html(PREFIX[lang] + page), page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_switcher_leads_to_the_same_page_in_each_language_named_in_itself(site, lang):
    for page in PAGES:
        here = PREFIX[lang] + page
        links = Elements(site.html(here)).find("a")
        switcher = {a["hreflang"]: a for a in links if a.get("lang") and a.get("hreflang") == a.get("lang")}
        assert sorted(switcher) == sorted(LANGUAGES), here
        page_url = urljoin(site.site_url, here)
        for other in LANGUAGES:
            target = urljoin(page_url, switcher[other]["href"])
            assert target == urljoin(site.site_url, PREFIX[other] + page).removesuffix("index.html"), here
            assert (site.path / (PREFIX[other] + page)).is_file()
        html = site.html(here)
        for other in LANGUAGES:
            assert (
                f'lang="{other}">{NAMES[other]}</a>' in html
                or f'lang="{other}" aria-current="page">{NAMES[other]}</a>' in html
            )
        assert switcher[lang].get("aria-current") == "page"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hreflang_alternates_are_absolute_complete_and_have_x_default(site, lang):
    for page in PAGES:
        alternates = {
            a["hreflang"]: a["href"]
            for a in Elements(site.html(PREFIX[lang] + page)).find("link", rel="alternate")
            if "hreflang" in a  # the other alternate is the Atom feed (tests/test_opendata.py)
        }
        directory = page.removesuffix("index.html")
        assert alternates == {
            "uk": f"{site.site_url}{directory}",
            "en": f"{site.site_url}en/{directory}",
            "pl": f"{site.site_url}pl/{directory}",
            "x-default": f"{site.site_url}{directory}",
        }
        canonical = Elements(site.html(PREFIX[lang] + page)).find("link", rel="canonical")
        assert [c["href"] for c in canonical] == [alternates[lang]]


def test_one_sitemap_lists_every_page_with_its_alternates(site):
    sitemap = site.html("sitemap.xml")
    locations = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert sorted(locations) == sorted(
        site.site_url + PREFIX[lang] + p.removesuffix("index.html") for lang in LANGUAGES for p in PAGES
    )
    assert sitemap.count('hreflang="x-default"') == len(locations)
    assert not list(site.path.glob("*/sitemap.xml*"))


LOADING = re.compile(r'<(script|img|iframe|source|video|audio|embed|link)\b[^>]*?\s(src|href|srcset)="([^"]*)"')


def test_no_page_loads_anything_from_another_host(site):
    own_host = urlsplit(site.site_url).netloc
    for page in site.pages():
        for tag, attribute, value in LOADING.findall(site.html(page)):
            element = re.search(rf'<{tag}\b[^>]*{attribute}="{re.escape(value)}"', site.html(page)).group(0)
            if tag == "link" and re.search(r'rel="(alternate|canonical)"', element):
                assert urlsplit(value).netloc == own_host, (page, value)
                continue
            assert not urlsplit(value).netloc and not value.startswith("//"), (page, element)


def test_no_page_runs_materials_javascript(site):
    """Material's bundle fetches sitemap.xml next to every alternate link (404s): it is left out.
    The only scripts are the site's own (the phone menu and the language hint; search)."""
    for page in site.pages():
        scripts = re.findall(r"<script\b[^>]*>", site.html(page))
        allowed = {'<script type="application/ld+json">'} | {
            s
            for s in scripts
            if re.fullmatch(r'<script src="(\.\./|/partnership/)*assets/mena\.js\?v=[0-9a-f]{10}" defer>', s)
            or re.fullmatch(r'<script type="module" src="(\.\./)*assets/search\.js\?v=[0-9a-f]{10}">', s)
        }
        assert set(scripts) <= allowed, (page, scripts)
    assert not (site.path / "assets" / "javascripts").exists()


@pytest.mark.parametrize(
    ("lang", "locale", "others"),
    [("uk", "uk_UA", ["en_GB", "pl_PL"]), ("en", "en_GB", ["uk_UA", "pl_PL"]), ("pl", "pl_PL", ["uk_UA", "en_GB"])],
)
def test_every_page_has_open_graph_data_in_its_language(site, lang, locale, others):
    for page in PAGES:
        tags = Elements(site.html(PREFIX[lang] + page))
        meta = {
            m["property"]: m["content"]
            for m in tags.find("meta")
            if m.get("property", "").startswith("og:") and m["property"] != "og:locale:alternate"
        }
        assert meta["og:locale"] == locale
        assert meta["og:url"] == site.site_url + PREFIX[lang] + page.removesuffix("index.html")
        assert meta["og:description"] == tags.find("meta", name="description")[0]["content"]
        assert sorted(m["content"] for m in tags.find("meta", property="og:locale:alternate")) == sorted(others)


def test_the_home_page_describes_the_council_as_structured_data(site):
    import json

    for lang, name in (("uk", "Менська міська рада"), ("en", "Mena City Council"), ("pl", "Rada Miejska w Menie")):
        html = site.html(PREFIX[lang] + "index.html")
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
        assert data["@type"] == "GovernmentOrganization" and data["name"] == name
        assert data["url"] == "https://mena.cg.gov.ua/" and data["address"]["addressCountry"] == "UA"
    assert "ld+json" not in site.html("contact/index.html")


def test_pages_say_when_they_were_last_updated_from_the_history(site):
    import subprocess

    from conftest import ROOT

    date = subprocess.run(
        ["git", "log", "-1", "--format=%cd", "--date=format-local:%Y-%m-%d", "--", "docs/en/contact.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "TZ": "Europe/Kyiv"},
    ).stdout.strip()
    html = site.html("en/contact/index.html")
    assert f'<p class="mena-updated">Last updated: <time datetime="{date}">' in html


@pytest.mark.parametrize(
    ("lang", "title"),
    [("uk", "Сторінку не знайдено"), ("en", "Page not found"), ("pl", "Nie znaleziono strony")],
)
def test_each_language_has_its_own_404_page(site, lang, title):
    html = site.html(PREFIX[lang] + "404.html")
    assert f'<html lang="{lang}"' in html
    assert f"<h1>{title}</h1>" in html
    # A 404 page is served at any depth, so its links are absolute paths under the site's path.
    links = [urljoin(site.site_url + "404.html", a["href"]) for a in Elements(html).find("a") if a.get("href")]
    assert site.site_url + PREFIX[lang] in links


def test_headings_have_readable_anchors_in_cyrillic_and_polish(site):
    assert 'id="громада-коротко"' in site.html("index.html")
    assert 'id="historia-i-dziedzictwo"' in site.html("pl/index.html")
    for page in site.pages():
        assert not re.search(r'id="_\d+"', site.html(page)), page


def _internal_references(site, page):
    html = site.html(page)
    page_url = urljoin(site.site_url, page)
    for tag, attrs in Elements(html).tags:
        for attribute in ("href", "src"):
            value = attrs.get(attribute)
            if value is None or value.startswith(("mailto:", "tel:", "data:")):
                continue
            if urlsplit(value).scheme and tag == "a":
                continue  # a link to another website, followed only if the visitor chooses
            yield tag, value, urljoin(page_url, value)


@pytest.mark.parametrize("which", ["site", "root_site"])
def test_every_link_and_asset_is_under_the_site_path_and_exists(request, which):
    built = request.getfixturevalue(which)
    base = urlsplit(built.site_url).path
    for page in built.pages():
        for _tag, value, absolute in _internal_references(built, page):
            parts = urlsplit(absolute)
            assert parts.path.startswith(base), (page, value)
            target = built.path / parts.path[len(base) :]
            if parts.path.endswith("/"):
                target = target / "index.html"
            assert target.is_file(), (page, value)


def test_report_page_shows_the_ukrainian_original_faithfully(site):
    from pathlib import Path

    seed = (Path(__file__).parent / "fixtures" / "seed-2023-q1.uk.txt").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", site.html("reports/2023-q1/index.html"))
    text = " ".join(text.replace("&#x27;", "'").replace("&#39;", "'").split())
    for paragraph in filter(None, (" ".join(p.split()) for p in seed.split("\n"))):
        assert paragraph in text, paragraph


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("en/index.html", "Mena City Territorial Community"),
        ("pl/index.html", "Miejska hromada terytorialna Mena"),
        ("pl/contact/index.html", "Jurij Stalniczenko"),
        ("en/contact/index.html", "Yurii Stalnychenko"),
        ("contact/index.html", "Юрій Стальниченко"),
    ],
)
def test_names_come_from_the_glossary(site, page, expected):
    html = site.html(page)
    assert expected in html
    assert "[[g:" not in html


def test_placeholders_are_visibly_marked_in_the_visitor_language(site):
    assert '<mark class="mena-placeholder"><strong>To be filled in by the council:</strong>' in site.html(
        "en/contact/index.html"
    )
    assert '<mark class="mena-placeholder"><strong>Заповнює міська рада:</strong>' in site.html("contact/index.html")


def test_no_banner_is_shown_when_nothing_is_wrong(site):
    for page in site.pages():
        assert "md-banner" not in site.html(page), page


def test_no_text_on_any_page_is_escaped_twice(site):
    """An entity escaped once more shows its code to the visitor ("The programme&#x27;s")."""
    twice = {
        page: sorted(set(re.findall(r".{0,30}(?:&amp;(?:#|[a-z]+;)).{0,10}", site.html(page)))) for page in site.pages()
    }
    assert {page: found for page, found in twice.items() if found} == {}
    # An apostrophe from data is a plain character: a stray &#x27; once escaped twice.
    assert [page for page in site.pages() if "&#x27;" in site.html(page)] == []


def test_a_production_build_shows_visitors_no_placeholder_mark_and_no_editors_page(production_site):
    """Previews mark what the council must still fill in; visitors get each placeholder's
    fallback (for contact details: the council's official contacts page) instead."""
    pages = production_site.pages()
    assert [page for page in pages if "mena-placeholder" in production_site.html(page)] == []
    assert [page for page in pages if page.startswith("editors/")] == []
    contacts = "https://mena.cg.gov.ua/index.php?id=446169&amp;tp=page"
    for page in ("contact/index.html", "en/contact/index.html", "pl/contact/index.html"):
        assert contacts in production_site.html(page), page
