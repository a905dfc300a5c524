"""Screenshots for review (not pixel tests; JPEG): the home, partners, results and report pages in
each language, at a phone's width (390 px) and a desktop's (1280 px), whole pages, saved into
one folder: MENA_SCREENSHOTS, or screenshots/ in the run's temporary folder (printed at the
end of the run)."""

from __future__ import annotations

import pytest
from conftest import LANGUAGES, PREFIX, Visitor, screenshots_folder
from PIL import Image

pytestmark = pytest.mark.browser

PAGES = {"home": "", "partners": "partners/", "results": "results/", "report": "reports/2023-q1/"}
WIDTHS = (390, 1280)


def test_screenshots_of_the_main_pages_in_every_language_at_two_widths(browser, served, tmp_path_factory):
    folder = screenshots_folder(tmp_path_factory.getbasetemp())
    folder.mkdir(parents=True, exist_ok=True)
    # One tab for all of them; a browser that prefers the page's language would show no
    # language hint, so Ukrainian is preferred and the uk pages show none either.
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 844}, locale="uk-UA")
    visitor = Visitor(context)
    saved = []
    for lang in LANGUAGES:
        for name, path in PAGES.items():
            visitor.page.set_viewport_size({"width": WIDTHS[0], "height": 844})
            assert visitor.go(served + PREFIX[lang] + path) == []
            for width in WIDTHS:
                visitor.page.set_viewport_size({"width": width, "height": 844 if width < 1000 else 900})
                target = folder / f"{lang}-{name}-{width}.jpg"
                # JPEG: a third cheaper than PNG to make, and as readable for a review.
                visitor.page.screenshot(path=str(target), full_page=True, type="jpeg", quality=80)
                saved.append(target)
    context.close()
    assert len(saved) == len(LANGUAGES) * len(PAGES) * len(WIDTHS)
    for target in saved:
        with Image.open(target) as image:
            assert image.format == "JPEG" and image.width == int(target.stem.rpartition("-")[2]), target.name
