"""Page weight on a first visit, for a slow phone: at most 64 KB compressed of HTML, CSS,
JavaScript and fonts for the home page and a report page in each language (search data is
downloaded only when searching), and a budget of its own for images."""

from __future__ import annotations

import gzip
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import LANGUAGES, Elements

PREFIX = {"uk": "", "en": "en/", "pl": "pl/"}
TEXT_BUDGET = 64 * 1024
IMAGE_BUDGET = 16 * 1024


def first_visit(site, page: str) -> dict[str, int]:
    """Compressed bytes by kind of every file the page loads by itself."""
    html = site.html(page)
    sizes = {"html": len(gzip.compress(html.encode("utf-8"), 9)), "css": 0, "js": 0, "font": 0, "image": 0}
    page_url = urljoin(site.site_url, page)
    for tag, attrs in Elements(html).tags:
        if tag == "link" and "stylesheet" in attrs.get("rel", ""):
            kind, href = "css", attrs["href"]
        elif tag == "link" and "icon" in attrs.get("rel", ""):
            kind, href = "image", attrs["href"]
        elif tag == "script" and attrs.get("src"):
            kind, href = "js", attrs["src"]
        elif tag == "img" and attrs.get("src"):
            kind, href = "image", attrs["src"]
        else:
            continue
        path = urlsplit(urljoin(page_url, href)).path.removeprefix(urlsplit(site.site_url).path)
        data = (site.path / path).read_bytes()
        sizes[kind] += (
            len(data) if kind == "image" and path.endswith((".png", ".jpg", ".webp")) else len(gzip.compress(data, 9))
        )
    return sizes


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", ["index.html", "reports/2023-q1/index.html"])
def test_a_first_visit_stays_within_the_budgets(site, lang, page):
    sizes = first_visit(site, PREFIX[lang] + page)
    text = sizes["html"] + sizes["css"] + sizes["js"] + sizes["font"]
    assert text <= TEXT_BUDGET, sizes
    assert sizes["image"] <= IMAGE_BUDGET, sizes
    assert sizes["font"] == 0  # system fonts: nothing to download
