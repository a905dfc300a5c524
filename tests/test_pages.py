"""Pages generated from the data, in three languages, and what a new quarter brings."""

from __future__ import annotations

import re

import pytest
from conftest import LANGUAGES, Elements, make_project

from menasite.data.strings import strings_by_language
from menasite.pages.formats import Formats
from menasite.site.build import build_site

PREFIX = {"uk": "", "en": "en/", "pl": "pl/"}


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("\u00a0", " ").replace("\u202f", " ").split())


# --- the real site -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "vehicles", "money", "purpose", "quarter"),
    [
        (
            "uk",
            "автомобілі, отримані в результаті співпраці : 12 — від партнерів, названих у звіті (без розподілу)",
            "2000,00 грн",
            "закупівля подарунків (календарі)",
            "I квартал 2023 року",
        ),
        (
            "en",
            "vehicles received as a result of cooperation : 12 — from the partners named in the report (not itemised)",
            "UAH 2,000.00",
            "purchase of gifts (calendars)",
            "Q1 2023",
        ),
        (
            "pl",
            "samochody otrzymane w wyniku współpracy : 12 — od partnerów wymienionych w sprawozdaniu (bez podziału)",
            "2000,00 UAH",
            "zakup upominków (kalendarze)",
            "I kwartał 2023 r.",
        ),
    ],
)
def test_the_q1_2023_report_page_shows_its_data_in_each_language(site, lang, vehicles, money, purpose, quarter):
    text = text_of(site.html(PREFIX[lang] + "reports/2023-q1/index.html"))
    assert vehicles in text
    assert f"{purpose} {money}" in text
    for category in {"uk": ("автобус", "генератори"), "en": ("a bus", "generators"), "pl": ("autobus", "generatory")}[
        lang
    ]:
        assert category in text
    index = text_of(site.html(PREFIX[lang] + "reports/index.html"))
    assert quarter in index


@pytest.mark.parametrize(
    ("lang", "decision"),
    [
        ("uk", "рішення 15 сесії Менської міської ради 8 скликання від 9 грудня 2021 р. № 797"),
        ("en", "decision No. 797 of the 15th session of the Mena City Council (8th convocation) of 9 December 2021"),
        ("pl", "uchwała nr 797 Rady Miejskiej w Menie z dnia 9 grudnia 2021 r. (XV sesja VIII kadencji)"),
    ],
)
def test_the_programme_page_shows_the_decision_and_every_quarter(site, lang, decision):
    text = text_of(site.html(PREFIX[lang] + "programme/index.html"))
    assert decision in text
    assert {"uk": "2000,00 грн", "en": "UAH 2,000.00", "pl": "2000,00 UAH"}[lang] in text


@pytest.mark.parametrize(
    ("lang", "poland", "norway"),
    [("uk", "Польща", "Норвегія"), ("en", "Poland", "Norway"), ("pl", "Polska", "Norwegia")],
)
def test_partners_are_grouped_by_country_with_cldr_names(site, lang, poland, norway):
    html = site.html(PREFIX[lang] + "partners/index.html")
    headings = [h.strip() for h in re.findall(r"<h3[^>]*>(.*?)</h3>", html)]
    assert poland in headings and norway in headings
    dabrowa = html.split('id="partner-gmina-dabrowa"')[1].split("</article>")[0]
    assert 'href="../results/#result-vehicles-dabrowa"' in dabrowa
    assert "https://cities4cities.eu/3432-2/" in dabrowa


def test_the_results_ledger_counts_nothing_twice_and_shows_joint_aid(site):
    html = site.html("en/results/index.html")
    totals = text_of(html.split('id="totals-by-category"')[1].split('id="totals-by-year"')[0])
    assert "vehicles at least 12" in totals and "generators at least 6" in totals
    row = html.split('id="result-generators-pl-nl"')[1].split("</tr>")[0]
    assert "Netherlands, Poland" in text_of(row) or "Poland, Netherlands" in text_of(row)
    assert "(jointly)" in text_of(row)
    q1 = html.split('id="result-vehicles-2023-q1"')[1].split("</tr>")[0]
    assert 'href="../reports/2023-q1/"' in q1


def test_the_navigation_lists_the_reports_index_not_each_report(site):
    html = site.html("index.html")
    nav = html[html.index('<nav class="mena-nav"') : html.index("</nav>", html.index('<nav class="mena-nav"'))]
    links = [a["href"] for a in Elements(nav).find("a")]
    assert "reports/" in links
    assert not [link for link in links if "2023-q1" in link]


# --- formats ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def formats():
    from conftest import ROOT

    from menasite.data.dataset import load_dataset

    strings = strings_by_language(load_dataset(ROOT / "data").strings, list(LANGUAGES), "uk")
    return {lang: Formats(lang, strings[lang]) for lang in LANGUAGES}


@pytest.mark.parametrize(
    ("lang", "money", "big", "date", "month", "quarter", "country"),
    [
        (
            "uk",
            "2000,00 грн",
            "26\u00a0014",
            "9 грудня 2021\u202fр.",
            "листопад 2022\u202fр.",
            "I квартал 2023 року",
            "Нідерланди",
        ),
        ("en", "UAH 2,000.00", "26,014", "9 December 2021", "November 2022", "Q1 2023", "Netherlands"),
        ("pl", "2000,00 UAH", "26\u00a0014", "9 grudnia 2021", "listopad 2022", "I kwartał 2023 r.", "Holandia"),
    ],
)
def test_formats_follow_cldr_and_the_councils_patterns(formats, lang, money, big, date, month, quarter, country):
    f = formats[lang]
    assert f.money(2000, "UAH") == money  # the council's pattern, not Babel's "₴" / "UAH2,000.00"
    assert f.number(26014) == big
    assert f.number(2000) == ("2,000" if lang == "en" else "2000")  # no grouping of four digits in uk/pl
    assert f.date("2021-12-09") == date
    assert f.date("2022-11") == month
    assert f.date("2023-Q1") == quarter
    assert f.country("NL") == country


def test_a_currency_without_a_council_pattern_uses_cldr(formats):
    assert formats["en"].money(150, "EUR") == "€150.00"


# --- fixture projects --------------------------------------------------------------------------

Q2_DATA = """\
period:
  year: 2023
  quarter: 2
areas: [education]
measures:
  - uk: проведено зустріч з партнерами
    en: a meeting with partners was held
results: [generators-pl-nl]
spending:
  - id: translation
    amount: 1500.50
    currency: UAH
    purpose:
      uk: переклад матеріалів
      en: translation of materials
      pl: tłumaczenie materiałów
signatory:
  name: stalnychenko
  role: council_secretary
"""

Q2_TEXT = """\
# Звіт за II квартал 2023 року

Видатки склали [[n:spending.translation=1500,50]] грн.
"""


@pytest.fixture(scope="module")
def second_quarter(tmp_path_factory):
    """A new quarter: its data file and its Ukrainian text, nothing else."""
    base = tmp_path_factory.mktemp("q2")
    project = make_project(base, write={"data/reports/2023-q2.yml": Q2_DATA, "docs/uk/reports/2023-q2.md": Q2_TEXT})
    build_site(base / "site", root=project, site_url="https://example.org/")
    return base / "site"


def test_a_new_quarter_gets_its_page_in_three_languages(second_quarter):
    for lang in LANGUAGES:
        html = (second_quarter / PREFIX[lang] / "reports/2023-q2/index.html").read_text(encoding="utf-8")
        assert {"uk": "1500,50 грн", "en": "UAH 1,500.50", "pl": "1500,50 UAH"}[lang] in text_of(html)
        links = {a["hreflang"]: a["href"] for a in Elements(html).find("a") if a.get("lang") and a.get("hreflang")}
        assert sorted(links) == ["en", "pl", "uk"]


def test_a_new_quarter_in_ukrainian_only_is_a_fallback_with_its_data_in_the_visitors_language(second_quarter):
    html = (second_quarter / "en/reports/2023-q2/index.html").read_text(encoding="utf-8")
    assert "This page has not been translated yet." in html
    assert '<div lang="uk" class="mena-original">' in html
    assert '<div class="mena-generated" lang="en">' in html
    assert "translation of materials" in html
    # The measure has no Polish text: shown in Ukrainian, marked, with a notice.
    polish = (second_quarter / "pl/reports/2023-q2/index.html").read_text(encoding="utf-8")
    assert (
        '<span lang="uk">проведено зустріч з партнерами</span> <small class="mena-untranslated-mark">(jeszcze nie przetłumaczono)</small>'
        in polish
    )


def test_the_index_the_programme_and_the_ledger_follow_a_new_quarter(second_quarter):
    index = (second_quarter / "en/reports/index.html").read_text(encoding="utf-8")
    assert text_of(index).index("Report for Q2 2023") < text_of(index).index("Report for Q1 2023")  # newest first
    programme = text_of((second_quarter / "programme/index.html").read_text(encoding="utf-8"))
    assert "II квартал 2023 року 1500,50 грн" in programme
    assert "Разом 3500,50 грн" in programme
    ledger = (second_quarter / "pl/results/index.html").read_text(encoding="utf-8")
    row = ledger.split('id="result-generators-pl-nl"')[1].split("</tr>")[0]
    assert 'href="../reports/2023-q2/"' in row
    sitemap = (second_quarter / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/reports/2023-q2/</loc>" in sitemap
    assert "<loc>https://example.org/en/reports/2023-q2/</loc>" not in sitemap  # a fallback is not indexed


def test_a_report_without_its_ukrainian_text_stops_the_build(tmp_path):
    from menasite.problems import SourceError

    project = make_project(tmp_path, write={"data/reports/2023-q2.yml": Q2_DATA})
    with pytest.raises(SourceError) as failure:
        build_site(tmp_path / "site", root=project)
    assert (
        "  - data/reports/2023-q2.yml: report text: found no such file; expected the report's text at docs/uk/reports/2023-q2.md."
        in str(failure.value)
    )


def test_a_partner_name_with_markup_is_shown_as_text(tmp_path):
    project = make_project(tmp_path)
    path = project / "data/partners.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("uk: Гміна Домброва", "uk: Гміна <script>alert(1)</script> & Co"),
        encoding="utf-8",
    )
    build_site(tmp_path / "site", root=project)
    html = (tmp_path / "site/partners/index.html").read_text(encoding="utf-8")
    assert "Гміна &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert "<script>" not in html


def test_a_data_text_missing_in_english_is_shown_in_ukrainian_with_a_notice(tmp_path):
    project = make_project(tmp_path)
    path = project / "data/results.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("      en: a bus\n", ""), encoding="utf-8")
    log = build_site(tmp_path / "site", root=project)
    marked = '<span lang="uk">автобус</span> <small class="mena-untranslated-mark">(not translated yet)</small>'
    for page in ("en/results/index.html", "en/reports/2023-q1/index.html"):
        assert marked in (tmp_path / "site" / page).read_text(encoding="utf-8"), page
    assert "results[bus-2023-q1].description: no en text yet" in log


def test_every_vocabulary_value_has_a_label_in_every_language():
    import json

    from conftest import ROOT

    from menasite.data.dataset import load_dataset

    strings = load_dataset(ROOT / "data").strings
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (ROOT / "data/schema").glob("*.json")}
    vocabularies = {
        "area": schemas["common.schema.json"]["$defs"]["area"]["enum"],
        "kind": schemas["partners.schema.json"]["$defs"]["partner"]["properties"]["kind"]["enum"],
        "agreement": schemas["partners.schema.json"]["$defs"]["partner"]["properties"]["agreement"]["properties"][
            "kind"
        ]["enum"],
        "category": schemas["results.schema.json"]["$defs"]["result"]["properties"]["category"]["enum"],
    }
    missing = [
        f"{prefix}.{value}.{lang}"
        for prefix, values in vocabularies.items()
        for value in values
        for lang in LANGUAGES
        if lang not in strings.get(f"{prefix}.{value}", {})
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("lang", "address"),
    [
        ("uk", "вул. Героїв АТО, 6, Мена, Чернігівська область (станом на 2021)"),
        ("en", "6 Heroiv ATO Street, Mena, Chernihiv Oblast (as of 2021)"),
        ("pl", "ul. Bohaterów ATO 6, Mena, obwód czernihowski (stan na 2021)"),
    ],
)
def test_the_contact_page_shows_the_council_from_its_data_file(site, lang, address):
    text = text_of(site.html(PREFIX[lang] + "contact/index.html"))
    assert address in text
    assert "https://mena.cg.gov.ua/index.php?id=446169&amp;tp=page" in site.html(PREFIX[lang] + "contact/index.html")
