"""Results credited only where the sources credit them, dated only where they give a date, and
totals that count an overlap group once and say so where it spans rows; the editorial fixes
checked on the built text."""

from __future__ import annotations

import re

import pytest
from conftest import LANGUAGES, ROOT

from menasite.data.aggregate import by_country, rows_sharing_groups, total, totals_by_category
from menasite.data.dataset import load_dataset

PREFIX = {"uk": "", "en": "en/", "pl": "pl/"}
UNATTRIBUTED = {
    "uk": "від партнерів, названих у звіті (без розподілу)",
    "en": "from the partners named in the report (not itemised)",
    "pl": "od partnerów wymienionych w sprawozdaniu (bez podziału)",
}
REPORTED = {
    "uk": "за звітом за I квартал 2023 року",
    "en": "reported in Q1 2023",
    "pl": "według sprawozdania za I kwartał 2023 r.",
}
NOT_ITEMISED = ["vehicles-2023-q1", "bus-2023-q1", "generators-2023-q1", "humanitarian-aid-2023-q1"]


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("\u00a0", " ").split())


def article(site, page: str) -> str:
    html = site.html(page)
    return html[html.index("<article") : html.rindex("</article>")]


def section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def ledger_row(site, lang: str, result_id: str) -> str:
    html = site.html(PREFIX[lang] + "results/index.html")
    return section(html, f'<tr id="result-{result_id}">', "</tr>")


# --- the data ----------------------------------------------------------------------------------


def test_a_result_the_report_does_not_attribute_is_in_no_country_total():
    data = load_dataset(ROOT / "data")
    for share in by_country(data.results, data.partners).values():
        named = share.joint + share.alone
        assert not set(NOT_ITEMISED) & set(named)
    # Its category total still counts it (once, with what may be the same vehicles).
    assert totals_by_category(data.results)["vehicles"].counted == ["vehicles-2023-q1"]


def test_every_total_counts_an_overlap_group_once():
    results = {
        "a": {"category": "vehicles", "quantity": 12, "from": {"partners": ["p"]}, "may_overlap": ["b"]},
        "b": {"category": "vehicles", "quantity": 4, "from": {"partners": ["p"]}, "when": "2022-11"},
        "c": {"category": "vehicles", "quantity": 2, "from": {"partners": ["p"]}},
    }
    partners = {"p": {"country": "PL"}}
    assert total(results).at_least == 14  # a and b once (12), c besides
    assert totals_by_category(results)["vehicles"].at_least == 14
    assert by_country(results, partners)["PL"].totals["vehicles"].at_least == 14
    # Split over rows (years), the group is in two rows: each row says which other holds it.
    rows = {"2022": {"b": results["b"]}, "2023": {"a": results["a"], "c": results["c"]}}
    assert rows_sharing_groups(rows, results) == {"2022": {"vehicles": ["2023"]}, "2023": {"vehicles": ["2022"]}}


# --- the built pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_unattributed_results_show_in_the_ledger_the_report_and_the_programme_totals(site, lang):
    row = ledger_row(site, lang, "vehicles-2023-q1")
    assert UNATTRIBUTED[lang] in text_of(row)
    assert f'<a href="../reports/2023-q1/">{REPORTED[lang]}</a>' in row  # when: its report, not a date
    assert UNATTRIBUTED[lang] in text_of(article(site, PREFIX[lang] + "reports/2023-q1/index.html"))
    assert UNATTRIBUTED[lang] in text_of(article(site, PREFIX[lang] + "programmes/2022-2024/index.html"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_country_or_partner_card_and_no_country_total_shows_an_unattributed_result(site, lang):
    partners = article(site, PREFIX[lang] + "partners/index.html")
    results = site.html(PREFIX[lang] + "results/index.html")
    by_country = section(results, '<dl class="mena-by-country">', "</dl>")
    for result_id in NOT_ITEMISED:
        assert f"#result-{result_id}" not in partners
        assert f"#result-{result_id}" not in by_country
    assert UNATTRIBUTED[lang] not in text_of(partners)
    assert {"uk": "автомобілі — щонайменше 6", "en": "vehicles — at least 6", "pl": "samochody — co najmniej 6"}[
        lang
    ] in text_of(by_country)  # Poland: Dąbrowa's 2 and Żyraków's 4, not the report's 12


def test_results_a_source_attributes_stay_with_their_givers(site):
    partners = article(site, "en/partners/index.html")
    dabrowa = section(partners, 'id="partner-gmina-dabrowa"', "</article>")
    zyrakow = section(partners, 'id="partner-gmina-zyrakow"', "</article>")
    assert "#result-vehicles-dabrowa" in dabrowa and "#result-vehicles-zyrakow-2022" in zyrakow
    assert "November 2022" in text_of(ledger_row(site, "en", "vehicles-zyrakow-2022"))
    assert "Netherlands, Poland (jointly)" in text_of(ledger_row(site, "en", "generators-pl-nl"))


def test_a_year_table_says_where_the_same_things_may_be_in_another_year(site):
    results = text_of(article(site, "en/results/index.html"))
    assert "vehicles at least 4 may be the same things as in: 2023, year not given; do not add them up" in results
    uk = text_of(article(site, "results/index.html"))
    assert "автомобілі щонайменше 2 можуть бути ті самі, що й у: 2022, 2023; не додавайте" in uk


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_claims_a_report_every_quarter(site, lang):
    claims = {"uk": ["щокварт", "Кожен квартал"], "en": ["every quarter"], "pl": ["co kwartał", "Każdy kwartał"]}
    for page in site.pages():
        if page.startswith(("en/", "pl/")) == (lang != "uk") and page.startswith(PREFIX[lang]):
            text = text_of(site.html(page))
            assert not [claim for claim in claims[lang] if claim in text], page


def test_the_home_page_says_no_more_than_the_report(site):
    expected = {
        "uk": "за звітом за I квартал 2023 року громада отримала 12 автомобілів",
        "en": "according to the report for the first quarter of 2023, the community received 12 vehicles",
        "pl": "według sprawozdania za I kwartał 2023 roku hromada otrzymała 12 samochodów",
    }
    for lang in LANGUAGES:
        text = text_of(article(site, PREFIX[lang] + "index.html"))
        assert expected[lang] in text
    assert "у I кварталі 2023 року громада отримала" not in text_of(site.html("index.html"))


def test_the_generated_text_does_not_repeat_itself(site):
    results = text_of(article(site, "results/index.html"))
    assert "отриманих у результаті співпраці: 12" not in results
    assert "генератори (кількість у звіті не вказано) (генератори)" not in results
    assert "шість генераторів від партнерів із Польщі та Нідерландів (генератори)" not in results
    headers = re.findall(r'<th scope="col">([^<]*)</th>', site.html("results/index.html"))
    assert headers[-5:] == ["Що отримано", "Кількість", "Від кого", "Коли", "Джерела"]  # no "Звіт" beside "Коли"
    partners = text_of(article(site, "partners/index.html"))
    assert "угода про дружбу та співпрацю. Підписано в Ясло." in partners
    assert "Угоду про дружбу та співпрацю підписано" not in partners
    report = article(site, "reports/2023-q1/index.html")
    assert text_of(report).count("Напрями співпраці") == 1
    index = text_of(article(site, "reports/index.html"))
    assert "результатів: 4" not in index
    assert "отримано: автомобілі, автобуси, генератори, гуманітарна допомога; видатки: 2000,00 грн" in index
