"""Cache busting, the meta policy and precompressed gzip (menasite/site/webfiles.py): on the
shared preview build, and on small folders for the rules themselves. The production build and
the servers are in tests/test_servers.py."""

from __future__ import annotations

import gzip
import re

import pytest
from conftest import Elements

from menasite.site.webfiles import (
    CONTENT_SECURITY_POLICY,
    META_CONTENT_SECURITY_POLICY,
    META_POLICY_WITHOUT_WEBASSEMBLY,
    add_meta_policy,
    check_web_files,
    content_version,
    site_file,
    version_script_references,
    write_precompressed,
)


def test_every_page_asks_for_the_sites_files_by_their_content(site):
    seen = set()
    for page in site.path.rglob("*.html"):
        folder = page.parent.relative_to(site.path).as_posix()
        for tag, attrs in Elements(page.read_text(encoding="utf-8")).tags:
            value = attrs.get("src") or (attrs.get("href") if tag == "link" else None)
            if not value or value.startswith(("https:", "http:", "#")):
                continue
            path, _, query = value.partition("?")
            target = site_file(path, folder, "/partnership/")
            if target and target.startswith(("assets/", "pagefind/")):
                assert query == f"v={content_version(site.path / target)}", (page, value)
                seen.add(target.rsplit("/", 1)[-1])
    assert {"site.css", "mena.js", "search.js", "favicon.svg"} <= seen
    assert any(name.startswith("main.") and name.endswith(".css") for name in seen)  # Material's


def test_search_asks_for_the_stemmers_and_pagefind_by_their_content(site):
    script = (site.path / "assets/search.js").read_text(encoding="utf-8")
    pagefind = content_version(site.path / "pagefind/pagefind.js")
    for stemmer in ("stem-uk.js", "stem-pl.js"):
        assert f'from "./{stemmer}?v={content_version(site.path / "assets" / stemmer)}";' in script
    assert f'new URL("pagefind/pagefind.js?v={pagefind}", siteRoot)' in script


def test_a_preview_has_no_meta_policy_and_no_precompressed_pages(site):
    for page in site.path.rglob("*.html"):
        assert "Content-Security-Policy" not in page.read_text(encoding="utf-8"), page
    assert sorted(p.name for p in site.path.rglob("*.gz")) == ["sitemap.xml.gz"]  # the sitemap's own


def test_the_meta_policy_is_the_header_without_frame_ancestors():
    assert "frame-ancestors" not in META_CONTENT_SECURITY_POLICY
    assert META_CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'" == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert "'unsafe-eval'" not in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    ("value", "folder", "expected"),
    [
        ("assets/site.css", ".", "assets/site.css"),
        ("../../assets/site.css", "en/programme", "assets/site.css"),
        ("/partnership/assets/site.css", "en", "assets/site.css"),  # the 404 pages
        ("/elsewhere/site.css", ".", None),
        ("https://example.org/assets/site.css", ".", None),
        ("//example.org/assets/site.css", ".", None),
        ("assets/site.css?v=1", ".", None),  # versioned already
        ("../../../outside.css", "en", None),
        ("#top", ".", None),
    ],
)
def test_site_file_names_the_file_an_address_loads(value, folder, expected):
    assert site_file(value, folder, "/partnership/") == expected


# The build's step, and what ./run check runs instead (it throws its output away): both refuse.
BUILDING_OR_CHECKING = pytest.mark.parametrize(
    "step",
    [
        lambda site, production: version_script_references(site) if not production else add_meta_policy(site),
        check_web_files,
    ],
    ids=["build", "check"],
)


@BUILDING_OR_CHECKING
@pytest.mark.parametrize(("renamed", "missing"), [("stem-uk.js", "./stem-uk.js"), ("stem-pl.js", "./stem-pl.js")])
def test_a_script_that_no_longer_names_its_import_stops_the_build(tmp_path, renamed, missing, step):
    (tmp_path / "assets").mkdir()
    for name in ("stem-uk.js", "stem-pl.js"):
        (tmp_path / "assets" / name).write_text("export {};\n", encoding="utf-8")
    imports = [f'import {{ x }} from "./{name}";' for name in ("stem-pl.js", "stem-uk.js") if name != renamed]
    script = "\n".join([*imports, 'import { y } from "./stemmer.js";', 'new URL("pagefind/pagefind.js");\n'])
    (tmp_path / "assets/search.js").write_text(script, encoding="utf-8")
    with pytest.raises(RuntimeError) as raised:
        step(tmp_path, False)
    assert str(raised.value) == f'assets/search.js must name "{missing}" exactly once, to add its version to it'


def test_the_meta_policy_comes_right_after_the_charset(tmp_path):
    (tmp_path / "index.html").write_text('<head><meta charset="utf-8"><link rel="stylesheet" href="a.css">')
    add_meta_policy(tmp_path)
    assert (tmp_path / "index.html").read_text() == (
        '<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
        f'content="{META_POLICY_WITHOUT_WEBASSEMBLY}"><link rel="stylesheet" href="a.css">'
    )


def test_only_the_search_pages_may_run_webassembly(tmp_path):
    search = '<head><meta charset="utf-8"><script type="module" src="../assets/search.js?v=0123456789"></script>'
    (tmp_path / "search.html").write_text(search)
    (tmp_path / "other.html").write_text('<head><meta charset="utf-8"><script src="assets/mena.js" defer></script>')
    add_meta_policy(tmp_path)
    assert f'content="{META_CONTENT_SECURITY_POLICY}"' in (tmp_path / "search.html").read_text()
    assert f'content="{META_POLICY_WITHOUT_WEBASSEMBLY}"' in (tmp_path / "other.html").read_text()
    assert "script-src 'self';" in META_POLICY_WITHOUT_WEBASSEMBLY
    assert "script-src 'self' 'wasm-unsafe-eval';" in META_CONTENT_SECURITY_POLICY


@BUILDING_OR_CHECKING
def test_a_page_without_its_charset_stops_the_build(tmp_path, step):
    (tmp_path / "en").mkdir()
    (tmp_path / "en/index.html").write_text("<head><title>x</title>")
    (tmp_path / "assets").mkdir()
    script = 'import "./stem-pl.js"; import "./stem-uk.js"; new URL("pagefind/pagefind.js");\n'
    (tmp_path / "assets/search.js").write_text(script, encoding="utf-8")  # as it should be
    with pytest.raises(RuntimeError) as raised:
        step(tmp_path, True)
    assert str(raised.value) == 'en/index.html must have one <meta charset="utf-8">'


def test_gzip_is_written_where_it_saves_bytes_and_is_the_same_every_time(tmp_path):
    page = "<p>" + "Менська громада " * 200 + "</p>"
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "tiny.txt").write_text("x")
    (tmp_path / "tiny.txt.gz").write_bytes(b"stale")  # from an earlier step: not worth keeping
    (tmp_path / "photo.png").write_bytes(b"\x89PNG" + b"\0" * 500)
    write_precompressed(tmp_path)
    first = (tmp_path / "index.html.gz").read_bytes()
    write_precompressed(tmp_path)
    assert (tmp_path / "index.html.gz").read_bytes() == first
    assert gzip.decompress(first).decode("utf-8") == page
    assert first[3] == 0  # no file name (nor any other optional field) in the header
    assert first[4:8] == b"\0\0\0\0"  # time 0
    assert first[8] == 2  # the best compression
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "index.html.gz", "photo.png", "tiny.txt"]


def test_the_html_address_pattern_leaves_other_attributes_and_addresses_alone():
    """Only href="" and src="" that name the versioned folders: a page has thousands of other
    addresses (every partner's, every result's), which no ?v= concerns."""
    from menasite.site.webfiles import _ADDRESS

    html = (
        '<a data-src="assets/x.css" href="../assets/y.css"><img srcset="assets/z.png" src="/b/pagefind/w.js">'
        '<a href="../partners/#partner-x"><img src="images/q.png" alt="">'
    )
    found = [m.group(1, 2) for m in _ADDRESS.finditer(html)]
    assert found == [("href", "../assets/y.css"), ("src", "/b/pagefind/w.js")]
    assert not re.search(_ADDRESS, 'data-href="assets/q.css"')
