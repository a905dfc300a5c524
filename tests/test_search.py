"""Search in each language with Pagefind: results per language, inflected forms, keyboard use,
and no search data downloaded before the visitor searches."""

from __future__ import annotations

import pytest
from conftest import PREFIX, _close, _visit

pytestmark = pytest.mark.browser

# Word forms that differ from the words on the page -> the page they must find.
# Add a row when a page is added.
QUERIES = [
    ("uk", "автомобіль", "reports/2023-q1/"),  # the page says "автомобілів"
    ("uk", "генератор", "reports/2023-q1/"),  # "генератори"
    ("uk", "календар", "reports/2023-q1/"),  # "календарі"
    ("uk", "співпраця", "reports/2023-q1/"),  # "співпраці", "співпрацювала"
    ("uk", "партнер", "partners/"),  # "партнерів", "Партнери"
    ("en", "vehicle", "reports/2023-q1/"),  # "vehicles"
    ("en", "calendar", "reports/2023-q1/"),  # "calendars"
    ("pl", "samochód", "reports/2023-q1/"),  # "samochody"
    ("pl", "kalendarz", "reports/2023-q1/"),  # "kalendarze"
    # Pagefind alone finds none of these pages (its Polish stems differ from form to form):
    ("pl", "generatorów", "reports/2023-q1/"),  # genitive plural; the page says "generatory"
    ("pl", "projektów", "results/"),  # "projekty"
    ("pl", "kwartałami", "reports/2023-q1/"),  # instrumental plural; "kwartał"
    ("pl", "programami", "results/"),  # "program"
    ("pl", "placówce", "reports/2023-q1/"),  # locative, k/c; "placówki"
    ("pl", "zespole", "reports/2023-q1/"),  # locative, ł/l; "zespołów"
    ("pl", "partnerzy", "results/"),  # nominative plural, r/rz; "partnerami", "partnerów"
    ("pl", "mieszkaniec", "reports/2023-q1/"),  # e dropped, ń/ni; "mieszkańców"
]

# Ukrainian word forms -> the stem the query is reduced to (a prefix of every form).
STEMS = [
    ("автомобіль", "автомобіл"),
    ("автомобілів", "автомобіл"),
    ("автомобілі", "автомобіл"),
    ("генератори", "генератор"),
    ("генератор", "генератор"),
    ("календарі", "календар"),
    ("календар", "календар"),
    ("співпраця", "співпрац"),
    ("співпраці", "співпрац"),
    ("співпрацю", "співпрац"),
    ("громади", "громад"),
    ("громадою", "громад"),
    ("партнерів", "партнер"),
    ("партнерами", "партнер"),
    ("Мена", "мена"),
    ("звіт", "звіт"),
]

# Polish stems -> word forms reduced to them (cases, singular and plural). Pagefind matches the
# stem as a prefix of its own stems of the words on the pages, letters without their accents.
# Not joined (left): vowel changes inside the stem, miasto/mieście, pojazd/pojeździe.
STEMS_PL = [
    ("gmin", "gmina gminy gminie gminę gminą gmin gminom gminami gminach"),
    ("partner", "partner partnera partnerowi partnerem partnerze partnerzy partnerów partnerami partnerach"),
    ("generator", "generator generatory generatorów generatorami generatorach generatorze"),
    ("umow", "umowa umowy umowie umowę umową umów umowami"),
    ("dotacj", "dotacja dotacji dotację dotacje dotacjom dotacjach"),
    ("histor", "historia historii historię"),
    ("samochod", "samochód samochodu samochodzie samochody samochodów"),  # ó/o, d/dz
    ("kalendar", "kalendarz kalendarze kalendarzy"),
    ("placow", "placówka placówki placówce placówek placówkami"),  # k/c, e in the genitive plural
    ("projek", "projekt projekcie projekty projektów"),  # t/c
    ("budyn", "budynek budynku budynków"),  # e dropped
    ("mieszkan", "mieszkaniec mieszkańca mieszkańcy mieszkańców"),  # e dropped, ń/ni
    ("pracowni", "pracownik pracownicy pracowników"),  # k/c
    ("szko", "szkoła szkole szkół szkołami"),  # ł/l, o/ó
    ("urz", "urząd urzędu urzędzie urzędów"),  # ą/ę
    ("miesi", "miesiąc miesiąca miesięcy"),  # ą/ę
    ("społecznos", "społeczność społeczności społecznością"),  # ć/ci
    ("stowarzyszen", "stowarzyszenie stowarzyszenia stowarzyszeń stowarzyszeniami"),
    ("wojewodztw", "województwo województwa województw województwie"),
    ("miedzynarodow", "międzynarodowy międzynarodowa międzynarodowej międzynarodowych międzynarodowymi"),
    ("pols", "polski polskiego polska polską Polsce"),
    ("miast", "miasto miasta miast miastach"),
    ("men", "Mena Meny Menie"),
    ("do", "do"),
    ("rok", "rok"),
    ("2023", "2023"),
]


def _search(browser, served, lang, query, viewport="desktop"):
    page, trouble = _visit(browser, served + PREFIX[lang] + "search/?q=" + query, viewport)
    return page, trouble, _results(page)


def _results(page):
    """The addresses found, once the status says how many (or that none were)."""
    status = page.locator(".mena-search-status")
    status.filter(has_text=":").or_(status.filter(has_text=".")).wait_for()
    return [a.get_attribute("href") for a in page.locator(".mena-search-results a").all()]


@pytest.mark.parametrize("lang", ["uk", "en", "pl"])
def test_a_word_form_finds_the_page_in_its_language(browser, served, lang):
    # One search page per language, the queries typed one after another as a visitor would.
    page, trouble = _visit(browser, served + PREFIX[lang] + "search/")
    base = served.removeprefix(served.split("/partnership/")[0])
    misses = []
    for query, expected in [(query, expected) for row_lang, query, expected in QUERIES if row_lang == lang]:
        page.evaluate("document.querySelector('.mena-search-status').textContent = ''")  # the last query's
        page.locator("#mena-search-query").fill(query)
        page.keyboard.press("Enter")
        found = _results(page)
        if base + PREFIX[lang] + expected not in found:
            misses.append((query, expected, found))
    _close(page)
    assert trouble == []
    assert misses == []


@pytest.mark.parametrize("lang", ["uk", "en", "pl"])
def test_results_come_from_the_visitors_language_only(browser, served, lang):
    page, _, found = _search(browser, served, lang, {"uk": "Мена", "en": "Mena", "pl": "Mena"}[lang])
    _close(page)
    assert found
    other_languages = [f"/partnership/{PREFIX[other]}" for other in ("en", "pl") if other != lang]
    for url in found:
        assert url.startswith(f"/partnership/{PREFIX[lang]}"), url
        assert not url.startswith(tuple(other_languages)), url


def test_real_pages_are_indexed_and_the_search_page_is_not(site):
    # An untranslated page is left out too: test_build.py, test_a_fallback_page_is_kept_out_...
    html = (site.path / "en/reports/2023-q1/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in html  # a real translation is indexed
    assert "data-pagefind-body" not in (site.path / "en/search/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("module", "function", "expected"),
    [
        ("stem-uk.js", "stemUkrainian", STEMS),
        ("stem-pl.js", "stemPolish", [(word, stem) for stem, words in STEMS_PL for word in words.split()]),
    ],
    ids=["uk", "pl"],
)
def test_the_stemmer_reduces_word_forms_to_a_shared_stem(browser, served, module, function, expected):
    page, _ = _visit(browser, served)
    stems = page.evaluate(
        f"async (words) => {{ const m = await import('./assets/{module}'); return words.map(m.{function}); }}",
        [word for word, _ in expected],
    )
    _close(page)
    assert list(zip([word for word, _ in expected], stems, strict=True)) == expected


def test_search_data_is_downloaded_only_when_the_visitor_searches(browser, served):
    requests: list[str] = []
    page, _ = _visit(browser, served + "en/")
    page.on("request", lambda request: requests.append(request.url))
    page.get_by_role("link", name="Search", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "/pagefind/" in url]
    page.get_by_label("What to search for").fill("calendar")
    page.keyboard.press("Enter")
    page.locator(".mena-search-results a").first.wait_for()
    assert [url for url in requests if "/pagefind/" in url]
    _close(page)


def test_search_by_keyboard_with_the_result_count_announced(browser, served):
    page, _ = _visit(browser, served + "pl/reports/2023-q1/")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('mena-search-link')"):
            break
    assert page.evaluate("document.activeElement.textContent.trim()") == "Szukaj"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # skip link, then the switcher ... until the search field
    for _ in range(30):
        if page.evaluate("document.activeElement.id") == "mena-search-query":
            break
        page.keyboard.press("Tab")
    page.keyboard.type("kalendarz")
    page.keyboard.press("Enter")
    status = page.locator(".mena-search-status")
    status.filter(has_text="Znalezione strony").wait_for()
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.mena-search-results') !== null")
    _close(page)
