"""The safe build on fixture projects: completeness, fallbacks, failures, reproducibility."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import feedparser
import pytest
from conftest import ROOT, Elements, make_project, tree_bytes

from menasite.problems import SourceError
from menasite.site.build import build_site


def test_an_english_page_without_ukrainian_original_stops_the_build(tmp_path):
    project = make_project(tmp_path, write={"docs/en/news.md": "# News\n"})
    with pytest.raises(SourceError) as failure:
        build_site(tmp_path / "site", root=project)
    assert (
        "  - docs/en/news.md: page: found no such file; expected a Ukrainian original at docs/uk/news.md, "
        "since Ukrainian must be at least as complete as every other language."
    ) in str(failure.value)
    assert not (tmp_path / "site").exists()


@pytest.fixture(scope="module")
def fallback_site(tmp_path_factory):
    """Polish contact page missing: Polish visitors get the Ukrainian text with a notice."""
    base = tmp_path_factory.mktemp("fallback")
    project = make_project(base, remove=("docs/pl/contact.md",))
    build_site(base / "site", root=project, site_url="https://example.org/")
    return base / "site"


def test_a_missing_translation_shows_the_ukrainian_text_with_a_notice(fallback_site):
    html = (fallback_site / "pl/contact/index.html").read_text(encoding="utf-8")
    assert '<html lang="pl"' in html
    assert "Ta strona nie została jeszcze przetłumaczona. Poniżej znajduje się oryginał w języku ukraińskim." in html
    notice_link = [a for a in Elements(html).find("a") if a.get("href") == "../../contact/"]
    assert notice_link and notice_link[0]["hreflang"] == "uk"
    assert '<div lang="uk" class="mena-original">' in html
    assert "Контакти та співпраця</h1>" in html.split('<div lang="uk" class="mena-original">')[1]


def test_a_fallback_page_is_kept_out_of_search_engines_and_alternates(fallback_site):
    html = (fallback_site / "pl/contact/index.html").read_text(encoding="utf-8")
    page = Elements(html)
    assert page.find("meta", name="robots", content="noindex")
    assert "data-pagefind-body" not in html  # not in the Polish search index either
    assert not page.find("link", rel="canonical")
    assert not [a for a in page.find("link", rel="alternate") if "hreflang" in a]  # the feed's link stays
    for other in ("contact/index.html", "en/contact/index.html"):
        hreflangs = [
            a["hreflang"]
            for a in Elements((fallback_site / other).read_text(encoding="utf-8")).find("link", rel="alternate")
            if "hreflang" in a
        ]
        assert hreflangs == ["uk", "en", "x-default"], other
    sitemap = (fallback_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.org/pl/contact/" not in sitemap
    assert "<loc>https://example.org/pl/programme/</loc>" in sitemap


def test_the_switcher_still_offers_the_fallback_page(fallback_site):
    html = (fallback_site / "en/contact/index.html").read_text(encoding="utf-8")
    assert '<a href="../../pl/contact/" hreflang="pl" lang="pl">Polski</a>' in html


def test_a_failed_build_leaves_the_previous_output_byte_identical(tmp_path, site):
    project = make_project(tmp_path)
    out = tmp_path / "site"
    shutil.copytree(site.path, out, symlinks=True)  # a build's output, as the last build left it
    before = tree_bytes(out)
    page = project / "docs/pl/programme.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[[g:no_such_name]]\n", encoding="utf-8")
    with pytest.raises(SourceError) as failure:
        build_site(out, root=project)
    assert "docs/pl/programme.md:" in str(failure.value)
    assert (
        "[[g:no_such_name]]: found 'no_such_name', which is not in the glossary; expected an id from data/glossary.yml."
        in str(failure.value)
    )
    assert tree_bytes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no temporary folder left


def test_a_failed_build_from_the_command_line_exits_non_zero_with_the_message(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "menasite", "build", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env={**os.environ, "SITE_URL": "not a web address"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert f"The previous output in {tmp_path / 'site'} was left untouched." in result.stderr


def test_two_builds_with_different_clocks_zones_and_hash_seeds_are_byte_identical(tmp_path):
    """Production builds, as published: with their .gz copies, meta CSP, .htaccess and RELEASE."""
    assert shutil.which("faketime"), "this test needs Debian's faketime: run ./run system-deps"
    outputs = []
    for run, (clock, zone, seed) in enumerate([("-400d", "UTC", "1"), ("+3y", "Pacific/Kiritimati", "4242")]):
        out = tmp_path / f"site{run}"
        env = {**os.environ, "TZ": zone, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        subprocess.run(
            [
                "faketime",
                "-f",
                clock,
                sys.executable,
                "-m",
                "menasite",
                "build",
                "--production",
                "--site-dir",
                str(out),
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        outputs.append(tree_bytes(out))
    assert outputs[0].keys() == outputs[1].keys()
    # The sharing images, the open data and the feeds are made anew by each build: the same bytes too.
    expected = {".htaccess", "RELEASE", "index.html.gz", "assets/social/uk.png", "assets/social/pl.png"}
    expected |= {"feed.xml", "data/results.csv", "data/passports.json"}
    assert expected <= outputs[0].keys()
    differing = [name for name in outputs[0] if outputs[0][name] != outputs[1][name]]
    assert differing == []
    # The feeds' ids as a feed reader sees them: the same in both builds (readers show no entry twice).
    ids = [
        [entry.id for lang in ("", "en/", "pl/") for entry in feedparser.parse(out[f"{lang}feed.xml"]).entries]
        for out in outputs
    ]
    assert ids[0] == ids[1] and len(ids[0]) == 3


def test_a_preview_for_a_folder_links_to_files_not_folders(folder_preview):
    from urllib.parse import urljoin, urlsplit

    out = folder_preview.path
    for page in out.rglob("*.html"):
        if page.name == "404.html":
            continue  # served by a web server at any depth; absolute paths by design
        for _tag, attrs in Elements(page.read_text(encoding="utf-8")).tags:
            value = attrs.get("href") or attrs.get("src")
            if not value or urlsplit(value).scheme or value.startswith("#"):
                continue
            target = urlsplit(urljoin(page.as_uri(), value)).path
            assert os.path.isfile(target), (page.relative_to(out), value)
