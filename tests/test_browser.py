"""What a visitor's browser does: Debian's chromium, driven by Playwright, on the built site
served from this machine under its subpath. The pages visited are every page of the built
sitemap plus the 404 pages, never a hand-written list."""

from __future__ import annotations

import re

import pytest
from conftest import LANGUAGES, PREFIX, VIEWPORTS, Visitor, _close, _visit

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]
# The widths every page is checked at: the narrowest phone WCAG's reflow asks for (320 CSS px),
# a common phone, and a desktop.
WIDTHS = (320, 390, 1280)
NAMES = {"uk": "Українська", "en": "English", "pl": "Polski"}


@pytest.fixture(scope="module")
def pages(site, served) -> list[str]:
    """Every page of the sitemap, and the 404 page of each language, as local addresses."""
    sitemap = (site.path / "sitemap.xml").read_text(encoding="utf-8")
    listed = [served + loc.removeprefix(site.site_url) for loc in re.findall(r"<loc>(.*?)</loc>", sitemap)]
    return listed + [served + PREFIX[lang] + "404.html" for lang in LANGUAGES]


def test_the_sitemap_has_every_page_in_every_language(pages):
    assert len(pages) == 11 * 3 + 3


def language_of(url: str, served: str) -> str:
    return next((lang for lang in ("en", "pl") if url.startswith(served + PREFIX[lang])), "uk")


# What a visitor meets first with the keyboard, and whether the page scrolls sideways.
_FIRST_FOCUSABLE = """() => {
  const e = document.querySelector('a[href], button, input, select, textarea, [tabindex="0"]');
  return e ? e.className : null;
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_loads_cleanly_and_has_no_axe_violation(browser, pages, served, lang):
    """One visit per page (the editors' page too), checked at each width in turn (the window
    resized, as a visitor turning a tablet would): no failed, off-site or console-error request,
    no axe violation (WCAG 2.2 AA and best practices, nothing excluded), no sideways scrolling
    (WCAG 1.4.10: at 320 px too), and the skip link first. (One test per language, so that the
    suite's workers share the pages.)"""
    from axe_playwright_python.sync_playwright import Axe

    axe_script = Axe().axe_script
    # Only violations are collected: what passes is not needed, and axe is a third faster.
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    troubles, found, wider, first = {}, {}, {}, {}
    editors = [served + "editors/translations/"] if lang == "uk" else []
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 800})
    visitor = Visitor(context)
    for url in [url for url in pages if language_of(url, served) == lang] + editors:
        visitor.page.set_viewport_size({"width": WIDTHS[0], "height": 800})
        trouble = visitor.go(url)
        visitor.page.evaluate(axe_script)  # once a page, not once a width
        for width in WIDTHS:
            visitor.page.set_viewport_size({"width": width, "height": 800})
            violations = visitor.page.evaluate("options => axe.run(document, options).then(r => r.violations)", options)
            if violations:
                found[url, width] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
            scroll_width = visitor.page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                wider[url, width] = scroll_width
        if url not in editors and visitor.page.evaluate(_FIRST_FOCUSABLE) != "mena-skip":
            first[url] = visitor.page.evaluate(_FIRST_FOCUSABLE)
        if trouble:  # what the page loaded at any width
            troubles[url] = trouble
    context.close()
    assert troubles == {}
    assert found == {}
    assert wider == {}
    assert first == {}


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_the_switcher_keeps_the_page_in_all_language_pairs(browser, served, viewport):
    visitor = Visitor(browser.new_context(viewport=VIEWPORTS[viewport]))
    page = visitor.page
    for start in LANGUAGES:
        for target in LANGUAGES:
            trouble = visitor.go(served + PREFIX[start] + "reports/2023-q1/")
            page.get_by_role("navigation", name=re.compile("мова|language|język", re.I)).get_by_role(
                "link", name=NAMES[target], exact=True
            ).click()
            page.wait_for_load_state()
            assert page.url == served + PREFIX[target] + "reports/2023-q1/", (start, target)
            assert page.evaluate("document.documentElement.lang") == target
            assert trouble == []
    _close(page)


def test_an_unknown_address_gets_the_404_page_in_its_language(browser, served):
    page, _ = _visit(browser, served + "en/no-such-page/")
    assert page.locator("h1").inner_text() == "Page not found"
    _close(page)


def test_a_preview_opened_from_a_folder_can_be_browsed(browser, folder_preview):
    out = folder_preview.path
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


_MARK_FOCUSABLE = """() => {
  let i = 0;
  for (const e of document.querySelectorAll('a[href], [tabindex="0"], input, button')) e.dataset.kb = String(i++);
}"""
_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e.dataset.kb === undefined) return null;
  const s = getComputedStyle(e);
  return [e.dataset.kb, [s.outlineStyle, s.outlineWidth, s.boxShadow].join(' | ')];
}"""
_UNFOCUSED_STYLES = """() => {
  document.activeElement.blur();
  const out = {};
  for (const e of document.querySelectorAll('[data-kb]')) {
    const s = getComputedStyle(e);
    out[e.dataset.kb] = [s.outlineStyle, s.outlineWidth, s.boxShadow].join(' | ');
  }
  return out;
}"""
_VISIBLE_LINKS = """() => [...document.querySelectorAll('a[href]')].filter(a => {
  const r = a.getBoundingClientRect(), s = getComputedStyle(a);
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && a.closest('[hidden]') === null;
}).map(a => a.dataset.kb)"""


def _tab_through(page, limit=600):
    """Press Tab until focus comes back round; return what was reached and its focus style."""
    reached: dict[str, str] = {}
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None:
            continue
        if focused[0] in reached:
            break
        reached[focused[0]] = focused[1]
    return reached


@pytest.mark.parametrize("path", ["", "reports/2023-q1/", "en/results/", "pl/partners/"])
def test_every_link_is_reachable_by_keyboard_with_a_visible_focus(browser, served, path):
    page, _ = _visit(browser, served + path)
    page.evaluate(_MARK_FOCUSABLE)
    visible = page.evaluate(_VISIBLE_LINKS)
    reached = _tab_through(page)
    unfocused = page.evaluate(_UNFOCUSED_STYLES)
    assert set(visible) <= set(reached), "links not reached by Tab"
    unchanged = [kb for kb, style in reached.items() if style == unfocused[kb]]
    assert unchanged == [], "focus not visible"
    _close(page)


_ACTIVE = "document.activeElement.className + '|' + document.activeElement.textContent.trim()"


@pytest.mark.parametrize(("lang", "name"), [("uk", "Меню"), ("en", "Menu"), ("pl", "Menu")])
def test_on_a_phone_the_menu_is_a_disclosure_button_after_the_skip_link(browser, served, lang, name):
    """The phone menu: one short name in the page's language, aria-expanded, aria-controls; the
    skip link comes first; Escape closes it and gives the focus back to the button; while it is
    open, Tab and Shift+Tab go round the button and the menu's links only."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(served + PREFIX[lang])
    button = page.get_by_role("button", name=name, exact=True)
    menu = page.locator("#" + button.get_attribute("aria-controls"))
    links = menu.get_by_role("link")
    assert button.get_attribute("aria-expanded") == "false" and not links.first.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "mena-skip"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-controls')") == "mena-nav":
            break
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true" and links.first.is_visible()
    in_menu = [page.evaluate(_ACTIVE)]
    for _ in range(links.count() + 1):
        page.keyboard.press("Tab")
        in_menu.append(page.evaluate(_ACTIVE))
    # Round the menu: the button, its 7 links, and the button again.
    assert in_menu[0] == in_menu[-1] == "mena-menu-button|" + name
    assert [entry.split("|", 1)[1] for entry in in_menu[1:-1]] == [
        links.nth(i).inner_text() for i in range(links.count())
    ]
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == links.last.inner_text()
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and not links.first.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "mena-nav"
    context.close()


def test_on_a_phone_a_page_of_the_menu_is_reached_by_keyboard(browser, served):
    page, _ = _visit(browser, served + "en/", "phone")
    page.get_by_role("button", name="Menu", exact=True).focus()
    page.keyboard.press("Space")
    seen = []
    for _ in range(10):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.textContent.trim()"))
        if seen[-1] == "Results of cooperation":
            break
    assert seen[-1] == "Results of cooperation", seen
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == served + "en/results/"
    assert page.locator('#mena-nav a[aria-current="page"]').text_content() == "Results of cooperation"
    _close(page)


def test_without_javascript_the_navigation_is_shown_on_a_phone(browser, served):
    context = browser.new_context(viewport={"width": 320, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "pl/")
    assert not page.get_by_role("button", name="Menu").is_visible()
    navigation = page.get_by_role("navigation", name="Nawigacja")
    assert navigation.get_by_role("link", name="Wyniki współpracy").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_a_wide_table_scrolls_on_a_small_screen_and_by_keyboard(browser, served):
    """500 px (a phone turned sideways): the results ledger is a table wider than the screen
    (an upright phone gets it as cards)."""
    page = browser.new_page(viewport={"width": 500, "height": 800})
    page.goto(served + "en/results/")
    box = page.locator(".mena-table-scroll").last
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")
    box.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelectorAll('.mena-table-scroll')[document.querySelectorAll('.mena-table-scroll').length - 1].scrollLeft > 0"
    )
    assert (
        box.get_attribute("role") == "region" and box.get_attribute("aria-label") == "All results: Table (scrollable)"
    )
    _close(page)


def test_on_a_phone_the_results_ledger_reads_as_cards_and_keeps_its_table_roles(browser, served):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(served + "en/results/")
    box = page.get_by_role("region", name="All results: Table (scrollable)")
    assert box.evaluate("e => e.scrollWidth <= e.clientWidth")  # nothing to scroll sideways
    table = box.get_by_role("table")
    assert table.get_by_role("columnheader").count() == 5
    bus = table.get_by_role("row", name=re.compile("^a bus"))
    assert bus.get_by_role("rowheader").inner_text() == "a bus"
    assert bus.get_by_role("cell").first.inner_text() == "Quantity: 1"  # the column's name leads
    assert bus.get_by_role("rowheader").evaluate("e => getComputedStyle(e).display") == "block"
    _close(page)


def test_a_visitor_preferring_english_gets_a_hint_never_a_redirect(browser, served):
    context = browser.new_context(locale="en-GB", viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(served + "programme/")
    assert page.url == served + "programme/"  # Ukrainian loads, by law
    hint = page.locator('[data-mena-hint="en"]')
    assert hint.is_visible() and not page.locator('[data-mena-hint="pl"]').is_visible()
    assert hint.get_attribute("lang") == "en"
    assert hint.get_by_role("link", name="Read it in English").get_attribute("href") == "../en/programme/"
    hint.get_by_role("button", name="Dismiss").click()
    assert not hint.is_visible()
    page.reload()
    assert not page.locator('[data-mena-hint="en"]').is_visible()  # remembered
    context.close()


# The element that has the focus (its number from _MARK_FOCUSABLE), and what of it the hint
# covers, if anything.
_FOCUS_UNDER_HINT = """() => {
  const hint = document.querySelector('[data-mena-hint]:not([hidden])');
  const e = document.activeElement;
  if (!e || e.dataset.kb === undefined) return [null, null];
  if (!hint || hint.contains(e)) return [e.dataset.kb, null];
  const a = e.getBoundingClientRect(), b = hint.getBoundingClientRect();
  const covered = a.bottom > b.top && a.top < b.bottom && a.right > b.left && a.left < b.right;
  return [e.dataset.kb, covered ? (e.textContent.trim() || e.getAttribute('href')) : null];
}"""
_LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 200);
})"""


@pytest.mark.parametrize(
    ("path", "width"), [("", 390), ("", 1280), ("reports/2023-q1/", 390), ("results/", 1280), ("open-data/", 390)]
)
def test_the_language_hint_never_covers_what_has_the_focus(browser, served, path, width):
    """WCAG 2.4.11: on a Ukrainian page in an English browser, the hint floats at the bottom of
    the window; every element reached by Tab (links in the text, footnotes, the footer) is
    scrolled clear of it, and showing it moves nothing (cumulative layout shift 0)."""
    context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(served + path)
    assert page.locator('[data-mena-hint="en"]').is_visible()
    assert page.evaluate(_LAYOUT_SHIFT) == 0
    page.evaluate(_MARK_FOCUSABLE)
    reached, covered = set(), []
    for _ in range(400):
        page.keyboard.press("Tab")
        kb, what = page.evaluate(_FOCUS_UNDER_HINT)
        if kb is None:
            continue
        if kb in reached:
            break
        reached.add(kb)
        if what is not None:
            covered.append(what)
    assert len(reached) > 20  # the whole page was walked: the footer's links are the last
    assert covered == []
    assert page.evaluate(_LAYOUT_SHIFT) == 0
    context.close()


@pytest.mark.parametrize(("locale", "shown"), [("pl-PL", "pl"), ("uk-UA", None), ("de-DE", None)])
def test_the_hint_follows_the_browsers_languages(browser, served, locale, shown):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(served)
    visible = [code for code in ("en", "pl") if page.locator(f'[data-mena-hint="{code}"]').is_visible()]
    assert visible == ([shown] if shown else [])
    page.goto(served + "en/")
    assert page.locator("[data-mena-hint]").count() == 0  # only on Ukrainian pages
    context.close()


def test_the_total_row_of_the_financing_table_has_its_border_across_the_whole_row(browser, served):
    page, _ = _visit(browser, served + "en/reports/2023-q1/", "phone")
    borders = page.locator("tfoot tr").first.evaluate(
        "row => [...row.children].map(c => { const s = getComputedStyle(c); return [s.borderTopStyle, s.borderTopWidth]; })"
    )
    _close(page)
    assert len(borders) == 2 and borders[0] == borders[1] and borders[0][0] == "solid", borders


def test_a_report_prints_on_a4_without_navigation_with_link_targets_and_whole_tables(browser, served, tmp_path):
    from io import BytesIO

    from pypdf import PdfReader

    page, _ = _visit(browser, served + "en/reports/2023-q1/")
    reader = PdfReader(BytesIO(page.pdf(format="A4", print_background=False)))
    _close(page)
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5  # A4 in points (210 x 297 mm)
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Report on the implementation" in text
    assert "purchase of gifts (calendars) UAH 2,000.00" in text  # the financing table, whole
    assert "Українська" not in text and "Polski" not in text  # no language switcher
    assert "Made with" not in text and "Skip to content" not in text  # no footer, no skip link
    partners, _ = _visit(browser, served + "en/partners/")
    partners_text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(BytesIO(partners.pdf(format="A4"))).pages
    )
    _close(partners)
    assert "(https://cities4cities.eu/3432-2/)" in partners_text.replace(" ", "")  # link targets shown
