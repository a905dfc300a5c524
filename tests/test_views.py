"""What the generated parts show, computed on the loaded sources without building a site."""

from __future__ import annotations

import copy

import pytest
from conftest import ROOT

from menasite.pages.sitestate import load_site_state
from menasite.pages.views import View


@pytest.fixture(scope="module")
def state():
    return load_site_state(ROOT / "mkdocs.yml")


def test_links_between_pages_are_relative_to_the_page_shown(state):
    assert (
        View(state, "uk", "reports/2023-q1.md").link("partners.md", "partner-gmina-dabrowa")
        == "../../partners/#partner-gmina-dabrowa"
    )
    assert View(state, "en", "index.md").link("reports/2023-q1.md") == "reports/2023-q1/"
    assert View(state, "pl", "partners.md").link("partners.md") == "./"


@pytest.mark.parametrize(
    ("lang", "money", "quarter"),
    [
        ("uk", "2000,00 грн", "I квартал 2023 року"),
        ("en", "UAH 2,000.00", "Q1 2023"),
        ("pl", "2000,00 UAH", "I kwartał 2023 r."),
    ],
)
def test_a_report_shows_its_money_and_quarter_as_each_language_writes_them(state, lang, money, quarter):
    report = View(state, lang, "reports/2023-q1.md").report("2023-q1")
    assert report["total"] == [money]
    assert report["quarter"] == quarter


def test_the_reports_index_lists_the_newest_quarter_first(state):
    later = copy.deepcopy(state)
    later.data.reports["2023-q2"] = dict(
        later.data.reports["2023-q1"], period={"year": 2023, "quarter": 2}, spending=[]
    )
    later.data.__dict__.pop("programme_of_report", None)  # derived once; the copy has one more report
    [programme] = View(later, "en", "reports/index.md").reports_index()
    assert programme["heading"] == "Programme for 2022–2024"
    index = programme["reports"]
    assert [entry["label"] for entry in index] == ["Report for Q2 2023", "Report for Q1 2023"]
    assert index[0]["href"] == "2023-q2/"
    # What the report names received (not a count of records) and what it spent.
    assert [entry["summary"] for entry in index] == [
        "received: vehicles, buses, generators, humanitarian aid; spending: no spending",
        "received: vehicles, buses, generators, humanitarian aid; spending: UAH 2,000.00",
    ]


def test_a_text_missing_in_a_language_is_the_ukrainian_one_marked_as_untranslated(state):
    view = View(state, "pl", "results.md")
    assert view.text({"uk": "Текст", "en": "Text"}) == {
        "text": "Текст",
        "lang": "uk",
        "untranslated": True,
        "parts": None,
    }
    assert view.text({"uk": "Текст", "pl": "Tekst"}) == {
        "text": "Tekst",
        "lang": "pl",
        "untranslated": False,
        "parts": None,
    }
    assert view.text(None) is None


def test_a_partner_without_an_english_name_keeps_its_own_spelling_in_its_own_language(state):
    entries = {
        entry["id"]: entry
        for group in View(state, "en", "partners.md").partners()["by_kind"]
        for entry in group["partners"]
    }
    assert entries["gmina-dabrowa"]["name"] == {
        "text": "Gmina Dąbrowa",
        "lang": "pl",
        "untranslated": False,
        "parts": None,
    }


def test_totals_count_records_that_may_overlap_once(state):
    totals = {row["label"]: row["value"] for row in View(state, "en", "results.md").results()["totals"]}
    assert totals["vehicles"] == "at least 12"
    assert totals["generators"] == "at least 6"


def test_the_council_block_comes_from_council_yml_in_the_visitors_language(state):
    council = View(state, "pl", "contact.md").council()
    assert council["name"] == "Rada Miejska w Menie"
    assert council["website_label"] == "mena.cg.gov.ua"
    assert council["place"] == "Mena, obwód czernihowski"
