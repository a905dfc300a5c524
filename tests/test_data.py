"""Data files and their contract: one test per kind of error, with the exact message."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, make_project, tree_bytes

from menasite.data.dataset import load_dataset, untranslated_texts
from menasite.problems import SourceError


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of data/ to break."""
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    return copy


def edit(data: Path, name: str, old: str, new: str, count: int = 1) -> int:
    """Replace text in a data file; return the line where the change starts."""
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def problems(data: Path) -> list[str]:
    with pytest.raises(SourceError) as failure:
        load_dataset(data)
    return [str(problem) for problem in failure.value.problems]


def test_the_real_data_is_valid():
    dataset = load_dataset(ROOT / "data")
    assert list(dataset.reports) == ["2023-q1"]
    assert dataset.results["vehicles-2023-q1"]["quantity"] == 12
    assert dataset.reports["2023-q1"]["spending"][0]["amount"] == 2000.00
    assert dataset.partners["donors-no"]["country"] == "NO"


def test_a_tab_in_yaml(data):
    line = edit(data, "results.yml", "    category: bus", "\tcategory: bus")
    assert problems(data) == [
        f"data/results.yml:{line}: YAML syntax: found a tab character (indent with spaces, not tabs); expected valid YAML."
    ]


def test_an_unclosed_bracket(data):
    line = edit(data, "reports/2023-q1.yml", "areas: [security,", "areas: [security")
    edit(data, "reports/2023-q1.yml", "joint_projects]\nmeasures", "joint_projects\nmeasures")
    assert problems(data) == [
        f"data/reports/2023-q1.yml:{line + 1}: YAML syntax: found a list in [ ] that is not closed; expected valid YAML."
    ]


def test_a_duplicate_key(data):
    line = edit(data, "programmes/2022-2024.yml", "  session: 15\n", "  session: 15\n  session: 16\n")
    assert problems(data) == [
        f"data/programmes/2022-2024.yml:{line + 1}: decision.session: found 'session' a second time (first on line {line}); expected each field once."
    ]


def test_a_wrong_type(data):
    line = edit(data, "programmes/2022-2024.yml", "  number: 797", "  number: seven")
    assert problems(data) == [
        f"data/programmes/2022-2024.yml:{line}: decision.number: found the text 'seven'; expected a whole number."
    ]


def test_a_bare_no_is_read_as_false_and_reported(data):
    line = edit(
        data, "partners.yml", '    country: "NO"  # in quotes: bare NO is read by YAML as false', "    country: NO"
    )
    assert problems(data) == [
        f"data/partners.yml:{line}: partners[donors-no].country: found NO, which YAML reads as a yes/no value: put it in quotes; "
        'expected an ISO 3166 country code in capitals (PL, UA, "NO").'
    ]


def test_an_unknown_field(data):
    line = edit(data, "results.yml", "    category: bus\n", "    category: bus\n    colour: yellow\n")
    assert problems(data) == [
        f"data/results.yml:{line + 1}: results[bus-2023-q1].colour: found an unknown field 'colour'; expected one of the fields "
        "category, description, from, id, may_overlap, quantity, recipient, sources, when."
    ]


def test_a_missing_required_field(data):
    edit(data, "partners.yml", "    kind: programme\n", "")
    entry = (data / "partners.yml").read_text(encoding="utf-8").split("\n").index("  - id: sudep") + 1
    assert problems(data) == [
        f"data/partners.yml:{entry}: partners[sudep].kind: found none; expected a value for 'kind', one of: municipality, foundation, association, donor_organisation, programme, platform, country_donors."
    ]


def test_an_impossible_date(data):
    line = edit(data, "programmes/2022-2024.yml", '  date: "2021-12-09"', '  date: "2021-02-30"')
    assert problems(data) == [
        f"data/programmes/2022-2024.yml:{line}: decision.date: found the text '2021-02-30' (month 2 of 2021 has 28 days); expected a real date written YYYY-MM-DD (2021-12-09)."
    ]


def test_an_impossible_quarter_in_the_data(data):
    line = edit(data, "reports/2023-q1.yml", "  quarter: 1", "  quarter: 5")
    assert problems(data) == [
        f"data/reports/2023-q1.yml:{line}: period.quarter: found 5; expected a number of at most 4."
    ]


def test_an_impossible_quarter_in_a_date(data):
    line = edit(data, "results.yml", "    when: 2022-11", "    when: 2023-Q5")
    assert problems(data) == [
        f"data/results.yml:{line}: results[vehicles-zyrakow-2022].when: found the text '2023-Q5'; expected a year, month, date "
        "(2022, 2022-11, 2022-11-03) or a quarter (2023-Q1)."
    ]


def test_a_report_file_whose_name_is_not_a_quarter(data):
    (data / "reports/2023-q1.yml").rename(data / "reports/2023-q5.yml")
    assert problems(data) == [
        "data/reports/2023-q5.yml: file name: found '2023-q5.yml'; expected a quarter's name: YYYY-qN.yml with N from 1 to 4 (2023-q1.yml).",
    ] + [  # the results it lists come from the partners of the report 2023-q1, which is gone
        f"data/results.yml:{line}: results[{result}].from.report_partners: found '2023-q1', which does not exist (did you mean '2023-q5'?); "
        "expected an id from data/reports (a report, 2023-q1)."
        for line, result in [
            (13, "vehicles-2023-q1"),
            (25, "bus-2023-q1"),
            (35, "generators-2023-q1"),
            (46, "humanitarian-aid-2023-q1"),
        ]
    ]


def test_a_report_whose_period_disagrees_with_its_file_name(data):
    shutil.copy(data / "reports/2023-q1.yml", data / "reports/2023-q2.yml")
    assert problems(data) == [
        "data/reports/2023-q2.yml:4: period: found year 2023, quarter 1; expected year 2023, quarter 2, as the file name says."
    ]


def test_a_negative_amount(data):
    line = edit(data, "reports/2023-q1.yml", "    amount: 2000.00", "    amount: -2000.00")
    assert problems(data) == [
        f"data/reports/2023-q1.yml:{line}: spending[gifts-calendars].amount: found -2000.00; expected a number that is not negative."
    ]


def test_an_unknown_currency(data):
    line = edit(data, "reports/2023-q1.yml", "    currency: UAH", "    currency: HRN")
    assert problems(data) == [
        f"data/reports/2023-q1.yml:{line}: spending[gifts-calendars].currency: found the text 'HRN'; expected an ISO 4217 currency code (UAH, EUR, PLN)."
    ]


def test_an_unknown_country_code(data):
    line = edit(data, "partners.yml", "    country: UA", "    country: UKR")
    assert problems(data) == [
        f"data/partners.yml:{line}: partners[kalush-community].country: found the text 'UKR'; expected an ISO 3166 country code in capitals (PL, UA, \"NO\")."
    ]


def test_a_duplicate_id(data):
    line = edit(data, "results.yml", "  - id: bus-2023-q1", "  - id: vehicles-2023-q1")
    assert (
        f"data/results.yml:{line}: results[2].id: found 'vehicles-2023-q1' again; expected an id used once (it is first used on line 9)."
        in problems(data)
    )


def test_a_reference_to_an_id_that_does_not_exist(data):
    line = edit(data, "results.yml", "      partners: [gmina-dabrowa]", "      partners: [gmina-dabrova]")
    assert problems(data) == [
        f"data/results.yml:{line}: results[vehicles-dabrowa].from.partners[1]: found 'gmina-dabrova', which does not exist (did you mean 'gmina-dabrowa'?); expected an id from data/partners.yml."
    ]


def test_a_report_referring_to_a_missing_result(data):
    line = edit(data, "reports/2023-q1.yml", "results: [vehicles-2023-q1,", "results: [vehicles-2023-q9,")
    assert problems(data) == [
        f"data/reports/2023-q1.yml:{line}: results[1]: found 'vehicles-2023-q9', which does not exist (did you mean 'vehicles-2023-q1'?); expected an id from data/results.yml.",
        "data/results.yml:13: results[vehicles-2023-q1].from.report_partners: found '2023-q1', which does not list it; "
        "expected a report whose results include vehicles-2023-q1.",
    ]


def test_a_missing_ukrainian_text(data):
    line = edit(data, "results.yml", "      uk: автобус\n", "")
    assert problems(data) == [
        f"data/results.yml:{line}: results[bus-2023-q1].description.uk: found none; expected the Ukrainian text (uk), which every text needs."
    ]


def test_a_missing_english_or_polish_text_is_reported_as_untranslated_not_an_error(data):
    line = edit(data, "results.yml", "      en: a bus\n      pl: autobus\n", "")
    dataset = load_dataset(data)
    assert untranslated_texts(dataset, ["uk", "en", "pl"]) == [
        f"data/results.yml:{line - 1}: results[bus-2023-q1].description: no en, pl text yet"
    ]


def test_an_empty_file(data):
    (data / "programmes/2022-2024.yml").write_text("# nothing yet\n", encoding="utf-8")
    assert problems(data) == [
        "data/programmes/2022-2024.yml:1: file: found an empty file; expected the programme's fields (name, decision, period, aims)."
    ]


def test_a_file_that_is_not_utf8(data):
    path = data / "partners.yml"
    path.write_bytes(
        path.read_text(encoding="utf-8").replace("Гміна Домброва", "Gmina").encode("utf-8")
        + "    # Примітка\n".encode("cp1251")
    )
    lines = path.read_bytes().count(b"\n")
    assert problems(data) == [
        f"data/partners.yml:{lines}: encoding: found the byte 0xcf, which is not UTF-8; expected text in UTF-8 (save the file as UTF-8)."
    ]


def test_all_errors_of_all_files_are_reported_together(data):
    edit(data, "programmes/2022-2024.yml", '  date: "2021-12-09"', '  date: "2021-13-01"')
    edit(data, "results.yml", "    quantity: 6", "    quantity: -6")
    edit(data, "partners.yml", "    country: UA", "    country: ua")
    (data / "strings.yml").write_text("", encoding="utf-8")
    found = problems(data)
    assert [line.split(":")[0] for line in found] == [
        "data/partners.yml",
        "data/programmes/2022-2024.yml",
        "data/results.yml",
        "data/strings.yml",
    ]


def test_a_data_error_stops_the_build_with_exit_1_and_keeps_the_previous_output(tmp_path, site):
    project = make_project(tmp_path)
    out = tmp_path / "site"
    command = [sys.executable, "-m", "menasite", "build", "--project", str(project), "--site-dir", str(out)]
    shutil.copytree(site.path, out, symlinks=True)  # a build's output, as the last build left it
    before = tree_bytes(out)
    line = edit(project / "data", "reports/2023-q1.yml", "    currency: UAH", "    currency: XYZ")
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert (
        f"data/reports/2023-q1.yml:{line}: spending[gifts-calendars].currency: found the text 'XYZ'; expected an ISO 4217 currency code (UAH, EUR, PLN)."
        in result.stderr
    )
    assert tree_bytes(out) == before


def test_the_check_command_lists_the_values_a_field_allows(tmp_path):
    project = make_project(tmp_path)
    edit(project / "data", "partners.yml", "    kind: platform\n", "    kind: platfrom\n")
    result = subprocess.run(
        [sys.executable, "-m", "menasite", "check", "--project", str(project)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert (
        "partners[cities4cities].kind: found the text 'platfrom'; expected one of: municipality, foundation, association, donor_organisation, programme, platform, country_donors."
        in result.stderr
    )


def test_sources_are_reloaded_when_a_file_changes_and_only_then(tmp_path):
    from menasite.pages.sitestate import SiteStateCache

    project = make_project(tmp_path)
    cache = SiteStateCache()
    first = cache.get(project / "mkdocs.yml")
    assert cache.get(project / "mkdocs.yml") is first and cache.loads == 1
    edit(project / "data", "results.yml", "    quantity: 6", "    quantity: 7")
    assert cache.get(project / "mkdocs.yml").data.results["generators-pl-nl"]["quantity"] == 7
    assert cache.loads == 2


def test_text_from_data_is_escaped_in_html(tmp_path):
    from menasite.site.build import build_site

    project = make_project(tmp_path)
    edit(
        project / "data",
        "glossary.yml",
        "  en: Mena City Territorial Community",
        "  en: Mena <script>alert(1)</script> & Co",
    )
    edit(project / "data", "strings.yml", "  en: Go to the home page", "  en: Home <img src=x onerror=alert(1)>")
    build_site(tmp_path / "site", root=project)
    home = (tmp_path / "site/en/index.html").read_text(encoding="utf-8")
    assert "Mena &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in home and "<script>alert" not in home
    not_found = (tmp_path / "site/en/404.html").read_text(encoding="utf-8")
    assert "Home &lt;img src=x onerror=alert(1)&gt;" in not_found and "<img src=x" not in not_found


def test_the_check_command_reports_every_page_problem_of_every_language_at_once(tmp_path):
    project = make_project(tmp_path)
    edit(project / "docs", "uk/accessibility.md", "[[g:council]]", "[[g:counsil]]")
    edit(
        project / "docs",
        "pl/reports/2023-q1.md",
        "[[n:result.vehicles-2023-q1=12]]",
        "[[n:result.vehicles-2023-q1=13]]",
    )
    edit(
        project / "docs",
        "en/index.md",
        "## History and heritage",
        '<img src="../assets/favicon.svg">\n\n## History and heritage',
    )
    edit(project / "docs", "en/programme.md", "description:", "summary: x\ndescription:")
    result = subprocess.run(
        [sys.executable, "-m", "menasite", "check", "--project", str(project)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert (
        "docs/en/programme.md:2: front matter summary: found an unknown field 'summary'; expected one of title (the page title in the browser tab), description (a one-sentence summary for search engines)."
        in result.stderr
    )
    edit(project / "docs", "en/programme.md", "summary: x\n", "")
    result = subprocess.run(
        [sys.executable, "-m", "menasite", "check", "--project", str(project)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("  - ")]
    assert any(
        line.startswith("  - docs/uk/accessibility.md:")
        and "[[g:counsil]]: found 'counsil', which is not in the glossary" in line
        for line in lines
    )
    assert any(line.startswith("  - docs/pl/reports/2023-q1.md:") and "found 13; expected 12" in line for line in lines)
    assert (
        "  - docs/en/index.md: <img src=../assets/favicon.svg> (in the built page en/index.html, line" in result.stderr
    )
    assert (
        "found an image without alt text; expected a text alternative that says what the image shows: ![what it shows](file)."
        in result.stderr
    )
    assert not (project / "site").exists()


def test_a_markdown_file_that_is_not_utf8_is_named(tmp_path):
    project = make_project(tmp_path)
    (project / "docs/pl/contact.md").write_bytes("# Kontakt\n\nŁódź\n".encode("cp1250"))
    result = subprocess.run(
        [sys.executable, "-m", "menasite", "check", "--project", str(project)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert (
        "docs/pl/contact.md:3: encoding: found the byte 0xa3, which is not UTF-8; expected text in UTF-8 (save the file as UTF-8)."
        in result.stderr
    )


def test_an_unclosed_quote_points_at_the_opening_quote(data):
    line = edit(data, "partners.yml", '    since: "2025"', '    since: "2025')
    assert problems(data) == [
        f"data/partners.yml:{line}: YAML syntax: found a quoted text that is not closed; expected valid YAML."
    ]


def test_a_year_without_quotes_is_told_to_be_quoted(data):
    line = edit(data, "partners.yml", '    since: "2025"', "    since: 2025")
    assert problems(data) == [
        f"data/partners.yml:{line}: partners[zdolbuniv-community].since: found 2025, a number: put it in quotes to make it a text; "
        "expected a year (2022), a month (2022-06) or a real date (2022-06-11)."
    ]


def test_a_duplicate_key_inside_a_list_counts_items_from_one(data):
    line = edit(
        data,
        "partners.yml",
        "      kind: friendship_partnership\n",
        "      kind: friendship_partnership\n      kind: memorandum\n",
    )
    assert problems(data) == [
        f"data/partners.yml:{line + 1}: partners[gmina-dabrowa].agreement.kind: found 'kind' a second time (first on line {line}); expected each field once."
    ]
