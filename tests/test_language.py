"""The language of the built pages: names in the case the sentence needs (from the glossary),
the council's formats, one term for one thing, no repetition, nothing promised that the site
does not have, and a fallback for visitors behind every placeholder."""

from __future__ import annotations

import html
import re

import pytest
from conftest import ROOT

from menasite.pages.formats import roman
from menasite.pages.markers import MARKER, split_placeholder

PREFIX = {"uk": "", "en": "en/", "pl": "pl/"}
CONTACTS = "https://mena.cg.gov.ua/index.php?id=446169&amp;tp=page"


def text(site, page: str) -> str:
    """What a visitor reads in the page's article: tags removed without adding spaces (so
    that two footnote numbers side by side read as the visitor sees them), spaces made one."""
    page_html = site.html(page)
    article = page_html[page_html.index("<article") : page_html.rindex("</article>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", article)).replace("\u00a0", " ").split())


# --- names in the case the sentence needs -------------------------------------------------------


def test_ukrainian_names_are_declined(site):
    home = text(site, "index.html")
    assert "за 12 км вище її впадіння в Десну" in home
    assert "171 км на північний схід від Києва" in home
    assert "батьківщина кобзарів і «чернігівської бандури»" in home
    assert "в Десна" not in home and "від міста Київ" not in home
    assert "начальником відділу названо Сергія Скорохода" in text(site, "contact/index.html")


def test_polish_names_are_declined(site):
    home = text(site, "pl/index.html")
    assert "miasto Mena leży nad Meną, 12 km powyżej jej ujścia do Desny" in home
    assert "171 km na północny wschód od Kijowa" in home
    assert "rzeką Mena" not in home and "rzeki Desna" not in home and "miasta Kijów" not in home


# --- formats ---------------------------------------------------------------------------------------

POLISH_RESOLUTION = "uchwała nr 797 Rady Miejskiej w Menie z dnia 9 grudnia 2021 r. (XV sesja VIII kadencji)"


def test_the_polish_pages_write_the_resolution_as_polish_councils_do(site):
    assert POLISH_RESOLUTION in text(site, "pl/programme/index.html")
    assert "uchwałą nr 797 Rady Miejskiej w Menie z dnia 9 grudnia 2021 r. (XV sesja VIII kadencji)" in text(
        site, "pl/reports/2023-q1/index.html"
    )


@pytest.mark.parametrize(("number", "numeral"), [(1, "I"), (4, "IV"), (8, "VIII"), (9, "IX"), (15, "XV"), (44, "XLIV")])
def test_roman_numerals(number, numeral):
    assert roman(number) == numeral


def test_the_english_report_writes_money_as_the_site_does_and_says_no_more_than_the_original(site):
    report = text(site, "en/reports/2023-q1/index.html").split("Text of the report")[1]
    funds = re.search(r"In the reporting period, [^.]*\.[^.]*\.", report)[0]
    assert funds.startswith("In the reporting period, UAH 2,000.00 was allocated")
    # The Ukrainian sentence names the programme without its years.
    assert "2022" not in funds
    assert "2,000.00 UAH" not in report
    assert "short video presentations" in report and "business cards" not in report


def test_english_says_was_first_mentioned(site):
    assert "Mena was first mentioned in 1408" in text(site, "en/index.html")


def test_polish_says_nie_podano_roku_and_one_term_for_one_thing(site):
    assert "Nie podano roku" in text(site, "pl/results/index.html")
    pages = [page for page in site.pages() if page.startswith("pl/")]
    for wrong in ("Rok nie podano", "pomoc socjaln", "donorsk"):
        assert [page for page in pages if wrong in site.html(page)] == [], wrong
    assert "pomoc społeczną i humanitarną" in text(site, "pl/reports/2023-q1/index.html")
    assert "organizacjami donatorskimi" in text(site, "pl/reports/2023-q1/index.html")


@pytest.mark.parametrize("lang", PREFIX)
def test_two_footnote_references_side_by_side_are_separated(site, lang):
    page_html = site.html(PREFIX[lang] + "index.html")
    assert re.search(r"</a></sup><sup id=\"fnref", page_html) is None
    # "1654" and the references 5 and 4 read "1654 ... 5,4", never "...54".
    assert re.search(r"1654[^0-9]*5,4", text(site, PREFIX[lang] + "index.html"))


# --- no repetition on the results page -------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "row", "description"),
    [
        ("en", "result-vehicles-dabrowa", "two cars from Gmina Dąbrowa"),
        ("pl", "result-vehicles-zyrakow-2022", "cztery pojazdy, w tym pojazdy specjalne marki Mercedes"),
        ("en", "result-street-lighting-sudep", "modernisation of street lighting, funded by the EU programme SUDeP"),
    ],
)
def test_a_ledger_row_shows_its_description_without_its_category_after_it(site, lang, row, description):
    page_html = site.html(PREFIX[lang] + "results/index.html")
    header = page_html.split(f'id="{row}"')[1].split(">", 1)[1].split("</th>")[0]
    assert " ".join(re.sub(r"<[^>]+>", "", header).split()).startswith(description)
    assert "(" not in header


@pytest.mark.parametrize(
    ("lang", "row"),
    [
        ("uk", "генератори щонайменше 6 Без кількості в джерелах: за звітом за I квартал 2023 року"),
        ("en", "generators at least 6 Without a number in the sources: reported in Q1 2023"),
        ("pl", "generatory co najmniej 6 Bez liczby w źródłach: według sprawozdania za I kwartał 2023 r."),
        ("en", "humanitarian aid not given (other humanitarian aid)"),
    ],
)
def test_a_category_row_does_not_repeat_its_name_or_say_twice_that_no_number_is_given(site, lang, row):
    page = text(site, PREFIX[lang] + "results/index.html")
    assert row in page
    assert "not given Without a number" not in page


# --- what the site offers for contact ---------------------------------------------------------------

ADDRESS = {
    "uk": "вул. Героїв АТО, 6",
    "en": "6 Heroiv ATO Street",
    "pl": "ul. Bohaterów ATO 6",
}
# The text sends the visitor to the address in the footer (data/council.yml), never types it again.
ADDRESS_BELOW = {
    "uk": "внизу кожної сторінки",
    "en": "bottom of every page",
    "pl": "na dole każdej strony",
}


def footer_text(site, page: str) -> str:
    page_html = site.html(page)
    footer = page_html[page_html.index('<footer class="mena-footer">') : page_html.index("</footer>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", footer)).split())


@pytest.mark.parametrize("lang", PREFIX)
def test_the_home_page_promises_no_phone_and_gives_the_councils_contacts_page_and_address(site, lang):
    page_html = site.html(PREFIX[lang] + "index.html")
    home = text(site, PREFIX[lang] + "index.html")
    assert f'href="{CONTACTS}"' in page_html
    assert ADDRESS_BELOW[lang] in home and ADDRESS[lang] not in home
    assert ADDRESS[lang] in footer_text(site, PREFIX[lang] + "index.html")
    assert "2021)" in footer_text(site, PREFIX[lang] + "index.html").split(ADDRESS[lang])[1][:80]  # as of when
    for promise in ("зателефонуйте", "call the city council", "Write to or call", "telefonicznie"):
        assert promise not in home


@pytest.mark.parametrize("lang", PREFIX)
def test_the_accessibility_page_gives_visitors_a_way_to_write(site, lang):
    page = PREFIX[lang] + "accessibility/index.html"
    assert f'href="{CONTACTS}"' in site.html(page)
    assert ADDRESS_BELOW[lang] in text(site, page) and ADDRESS[lang] in footer_text(site, page)


# --- placeholders and markers ---------------------------------------------------------------------


def test_every_placeholder_in_the_pages_has_a_fallback_for_visitors():
    missing = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        for match in MARKER.finditer(path.read_text(encoding="utf-8")):
            if match["kind"] == "todo" and split_placeholder(match["body"])[1] is None:
                missing.append(f"{path.relative_to(ROOT)}: {match[0]}")
    assert missing == []


def test_no_page_shows_a_marker_left_unexpanded(site):
    """A marker broken over two lines is not a marker: it would show as typed."""
    left = {page: re.findall(r"\[\[(?:g|n|todo):", site.html(page)) for page in site.pages()}
    assert {page: found for page, found in left.items() if found} == {}


def test_the_reports_measures_use_the_sites_terms(site):
    """The measures (from data/reports/2023-q1.yml) say what the report's text says."""
    assert "przygotowano pisma z propozycjami" in site.html("pl/reports/2023-q1/index.html")
    assert "listy z propozycjami" not in site.html("pl/reports/2023-q1/index.html")
    assert "short video presentations with cooperation proposals" in site.html("en/reports/2023-q1/index.html")
