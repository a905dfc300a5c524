"""Markers in markdown: glossary names, placeholders, and report figures checked against data."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from conftest import ROOT, make_project

from menasite.data.glossary import Glossary
from menasite.pages.figures import figure_problem, parse_number
from menasite.pages.markers import expand_markers
from menasite.problems import SourceError
from menasite.site.build import build_site

GLOSSARY = Glossary.from_data(
    {
        "council": {
            "uk": {"nom": "Менська міська рада", "gen": "Менської міської ради"},
            "en": "Mena City Council",
            "pl": "Rada Miejska w Menie",
        },
        "tricky": {"uk": "<b>Bold</b> & *stars*", "en": "x", "pl": "x"},
    }
)


def expand(text, lang="uk", check_figure=lambda body: None):
    return expand_markers(
        text,
        lang=lang,
        shown="docs/uk/page.md",
        glossary=GLOSSARY,
        render_placeholder=lambda t: f"<mark>{t}</mark>",
        check_figure=check_figure,
    )


def test_a_name_in_the_page_language_and_case():
    assert expand("[[g:council]] / [[g:council|gen]]") == ("Менська міська рада / Менської міської ради", [])
    assert expand("[[g:council]]", lang="en") == ("Mena City Council", [])


def test_a_name_is_plain_text_never_markup():
    text, problems = expand("[[g:tricky]]")
    assert text == r"&lt;b&gt;Bold&lt;/b&gt; &amp; \*stars\*" and problems == []


def test_an_unknown_name_names_the_file_and_line():
    _, problems = expand("Title\n\nSee [[g:counsil]].")
    assert [str(p) for p in problems] == [
        "docs/uk/page.md:3: [[g:counsil]]: found 'counsil', which is not in the glossary; expected an id from data/glossary.yml."
    ]


def test_a_case_the_glossary_does_not_give():
    _, problems = expand("[[g:council|loc]]")
    assert [str(p) for p in problems] == [
        "docs/uk/page.md:1: [[g:council|loc]]: found 'loc'; expected a case that data/glossary.yml gives for 'council' in 'uk' (gen, nom)."
    ]


def test_an_unknown_marker_kind():
    _, problems = expand("[[x:1]]")
    assert [str(p) for p in problems] == [
        "docs/uk/page.md:1: [[x:1]]: found an unknown marker kind 'x'; expected a marker [[g:name-id]], [[n:result.ID=12]] or [[todo:what is missing]]."
    ]


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("2000,00", "uk", "2000.00"),
        ("2 000,00", "pl", "2000.00"),
        ("2,000.00", "en", "2000.00"),
        ("12", "en", "12"),
        ("2.000,00", "en", None),
    ],
)
def test_numbers_are_read_as_each_language_writes_them(text, lang, value):
    assert parse_number(text, lang) == (None if value is None else Decimal(value))


REPORT = {"results": ["vehicles"], "spending": [{"id": "gifts", "amount": 2000.0, "currency": "UAH"}]}
RESULTS = {"vehicles": {"quantity": 12}, "unknown": {}}


def figure_problem_text(*args):
    problem = figure_problem(*args)
    return None if problem is None else (str(problem[0]), str(problem[1]))


def test_figures_that_agree_with_the_data():
    assert figure_problem("result.vehicles=12", "uk", "2023-q1", REPORT, RESULTS) is None
    assert figure_problem("spending.gifts=2,000.00", "en", "2023-q1", REPORT, RESULTS) is None


def test_a_figure_that_disagrees_with_the_data():
    assert figure_problem_text("result.vehicles=11", "uk", "2023-q1", REPORT, RESULTS) == (
        "12, as data/results.yml, results[vehicles].quantity says",
        "11",
    )
    assert figure_problem_text("spending.gifts=200,00", "pl", "2023-q1", REPORT, RESULTS) == (
        "2000.00, as data/reports/2023-q1.yml, spending[gifts].amount says",
        "200.00",
    )


def test_a_figure_naming_something_the_report_does_not_hold():
    assert figure_problem_text("result.buses=1", "uk", "2023-q1", REPORT, RESULTS) == (
        "a result of this report in data/reports/2023-q1.yml (vehicles)",
        "'result.buses'",
    )
    assert figure_problem("result.vehicles=12", "uk", None, None, RESULTS) is None  # any page may state a result
    assert figure_problem_text("spending.gifts=2000,00", "uk", None, None, RESULTS) == (
        "spending.ID only on a report's page (docs/<language>/reports/YYYY-qN.md)",
        "'spending.gifts'",
    )


COMMUNITY = {"population": {"value": 26014}, "settlements": {"kinds": [{"count": 1}, {"count": 3}, {"count": 34}]}}


def test_the_communitys_figures_on_any_page_agree_with_council_yml():
    assert figure_problem("community.population=26 014", "uk", None, None, RESULTS, COMMUNITY) is None
    assert figure_problem("community.population=26,014", "en", None, None, RESULTS, COMMUNITY) is None
    assert figure_problem("community.settlements=38", "pl", None, None, RESULTS, COMMUNITY) is None  # added up
    assert figure_problem_text("community.population=26 041", "pl", None, None, RESULTS, COMMUNITY) == (
        "26014, as data/council.yml, community.population.value says",
        "26041",
    )
    assert figure_problem_text("community.inhabitants=1", "en", None, None, RESULTS, COMMUNITY) == (
        "community.population or community.settlements",
        "'community.inhabitants'",
    )


def test_the_build_fails_when_a_report_text_disagrees_with_its_data(tmp_path):
    project = make_project(tmp_path)
    page = project / "docs/en/reports/2023-q1.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("[[n:result.vehicles-2023-q1=12]]", "[[n:result.vehicles-2023-q1=11]]"), encoding="utf-8"
    )
    line = text[: text.index("[[n:result.vehicles-2023-q1=12]]")].count("\n") + 1
    with pytest.raises(SourceError) as failure:
        build_site(tmp_path / "site", root=project)
    assert (
        f"docs/en/reports/2023-q1.md:{line}: [[n:result.vehicles-2023-q1=11]]: "
        "found 11; expected 12, as data/results.yml, results[vehicles-2023-q1].quantity says."
    ) in str(failure.value)


def test_every_report_page_states_its_figures_through_the_data(tmp_path):
    for lang in ("uk", "en", "pl"):
        text = (ROOT / f"docs/{lang}/reports/2023-q1.md").read_text(encoding="utf-8")
        assert "[[n:result.vehicles-2023-q1=12]]" in text
        assert "[[n:spending.gifts-calendars=" in text


def test_every_field_of_every_schema_has_a_description():
    common = json.loads((ROOT / "data/schema/common.schema.json").read_text(encoding="utf-8"))["$defs"]

    def described(node):
        if "description" in node:
            return True
        target = node.get("$ref", "").rpartition("/")[2]
        return bool(common.get(target, {}).get("description"))

    def walk(node, where):
        if isinstance(node, dict):
            for name, child in node.get("properties", {}).items():
                assert described(child), f"{where}.{name}"
            for key, child in node.items():
                walk(child, f"{where}.{key}")
        elif isinstance(node, list):
            for index, child in enumerate(node):
                walk(child, f"{where}[{index}]")

    for path in sorted((ROOT / "data/schema").glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert schema.get("description"), path.name
        walk(schema, path.name)
        for name, definition in schema.get("$defs", {}).items():
            assert definition.get("description"), f"{path.name}#{name}"


def test_a_name_is_plain_text_even_where_markdown_would_read_an_attribute_list_or_html():
    from menasite.pages.markers import plain_text_for_markdown

    assert plain_text_for_markdown('Rada {: onclick="x" }') == 'Rada \\{: onclick="x" \\}'
    assert plain_text_for_markdown("<b>*x*</b>") == "&lt;b&gt;\\*x\\*&lt;/b&gt;"
