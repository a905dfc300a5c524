"""Programmes as data: any number of them, one file each; a report belongs to exactly one, by its
quarter. Tested with fixture programmes (the sources name no programme after 2022-2024)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import LANGUAGES, ROOT, make_project

from menasite.data.dataset import load_dataset
from menasite.problems import SourceError
from menasite.site.build import build_site

PREFIX = {"uk": "", "en": "en/", "pl": "pl/"}
REAL_PROGRAMME = (ROOT / "data/programmes/2022-2024.yml").read_text(encoding="utf-8")


def programme(start: int, end: int) -> str:
    """A fixture programme: the real one's fields under other years."""
    return REAL_PROGRAMME.replace("  from: 2022\n  to: 2024\n", f"  from: {start}\n  to: {end}\n")


def report(year: int, quarter: int) -> str:
    return f"""\
period:
  year: {year}
  quarter: {quarter}
areas: [security]
results: []
spending: []
signatory:
  name: stalnychenko
  role: council_secretary
"""


@pytest.fixture
def data(tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    return copy


def problems(data: Path) -> list[str]:
    with pytest.raises(SourceError) as failure:
        load_dataset(data)
    return [str(problem) for problem in failure.value.problems]


def period_line(text: str) -> int:
    """The line the messages name for the period: where its value starts."""
    return text[: text.index("\n  from:")].count("\n") + 2


# --- the data ----------------------------------------------------------------------------------


def test_two_consecutive_programmes_each_get_their_reports(data):
    (data / "programmes/2025-2027.yml").write_text(programme(2025, 2027), encoding="utf-8")
    (data / "reports/2025-q1.yml").write_text(report(2025, 1), encoding="utf-8")
    dataset = load_dataset(data)
    assert list(dataset.programmes) == ["2022-2024", "2025-2027"]
    assert dataset.current_programme == "2025-2027"
    assert dataset.programme_of_report == {"2023-q1": "2022-2024", "2025-q1": "2025-2027"}
    assert dataset.reports_of_programme("2022-2024") == ["2023-q1"]


def test_overlapping_programmes_are_an_error(data):
    (data / "programmes/2024-2026.yml").write_text(programme(2024, 2026), encoding="utf-8")
    assert problems(data) == [
        f"data/programmes/2024-2026.yml:{period_line(REAL_PROGRAMME)}: period: found 2024-2026, which overlap the "
        "programme 2022-2024 (data/programmes/2022-2024.yml); expected years that no other programme covers."
    ]


def test_a_report_outside_every_programme_names_the_programmes_that_exist(data):
    (data / "programmes/2025-2027.yml").write_text(programme(2025, 2027), encoding="utf-8")
    (data / "reports/2021-q4.yml").write_text(report(2021, 4), encoding="utf-8")
    assert problems(data) == [
        "data/reports/2021-q4.yml:2: period.year: found 2021, which no programme covers; expected a year of one of "
        "the programmes: 2022-2024 (data/programmes/2022-2024.yml), 2025-2027 (data/programmes/2025-2027.yml)."
    ]


def test_a_programme_file_named_for_other_years(data):
    (data / "programmes/2022-2024.yml").rename(data / "programmes/2022-2025.yml")
    assert problems(data) == [
        f"data/programmes/2022-2025.yml:{period_line(REAL_PROGRAMME)}: period: found 2022-2024; "
        "expected 2022-2025, as the file name says."
    ]


def test_a_programme_file_not_named_by_its_years(data):
    (data / "programmes/2022-2024.yml").rename(data / "programmes/current.yml")
    assert (
        "data/programmes/current.yml: file name: found 'current.yml'; expected a programme's years: "
        "FROM-TO.yml (2022-2024.yml)." in problems(data)
    )


def test_no_programme_at_all(data):
    (data / "programmes/2022-2024.yml").unlink()
    assert problems(data) == [
        "data/programmes: programmes: found no programme; expected at least one programme's data file, named by "
        "its years: data/programmes/2022-2024.yml."
    ]


def test_new_report_picks_the_programme_by_the_quarter(tmp_path):
    project = make_project(tmp_path, write={"data/programmes/2025-2027.yml": programme(2025, 2027)})

    def new_report(quarter):
        return subprocess.run(
            [sys.executable, "-m", "menasite", "new-report", "--project", str(project), quarter],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )

    started = new_report("2026-q3")
    assert started.returncode == 0, started.stderr
    data = (project / "data/reports/2026-q3.yml").read_text(encoding="utf-8")
    assert data.startswith(
        "# The facts of the report for III квартал 2026 року, under the programme 2025-2027\n"
        "# (data/programmes/2025-2027.yml)."
    )
    refused = new_report("2028-q1")
    assert refused.returncode == 1
    assert (
        "  - 2028-q1: year: found 2028, which no programme covers; expected a year of one of the programmes: "
        "2022-2024 (data/programmes/2022-2024.yml), 2025-2027 (data/programmes/2025-2027.yml)."
    ) in refused.stderr
    assert not (project / "data/reports/2028-q1.yml").exists()


# --- the pages of two programmes ---------------------------------------------------------------

PAGE = {
    "uk": "# Програма на 2025–2027 роки\n",
    "en": "# Programme for 2025–2027\n",
    "pl": "# Program na lata 2025–2027\n",
}


@pytest.fixture(scope="module")
def two_programmes(tmp_path_factory):
    """The real site plus a fixture programme 2025-2027 with one report (Ukrainian text only)."""
    base = tmp_path_factory.mktemp("programmes")
    written = {
        "data/programmes/2025-2027.yml": programme(2025, 2027),
        "data/reports/2025-q2.yml": report(2025, 2).replace("results: []", "results: [street-lighting-sudep]"),
        "docs/uk/reports/2025-q2.md": "# Звіт за II квартал 2025 року\n\nТекст звіту.\n",
    }
    written |= {f"docs/{lang}/programmes/2025-2027.md": text for lang, text in PAGE.items()}
    project = make_project(base, write=written)
    build_site(base / "site", root=project, site_url="https://example.org/")
    return base / "site"


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("\u00a0", " ").split())


def article(site: Path, page: str) -> str:
    html = (site / page).read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


def test_the_programme_page_shows_the_current_programme_and_lists_the_earlier_ones(two_programmes):
    expected = {
        "uk": ("2025–2027 роки", "Попередні програми", "Програма на 2022–2024 роки"),
        "en": ("2025–2027", "Earlier programmes", "Programme for 2022–2024"),
        "pl": ("lata 2025–2027", "Wcześniejsze programy", "Program na lata 2022–2024"),
    }
    for lang in LANGUAGES:
        html = article(two_programmes, PREFIX[lang] + "programme/index.html")
        period, earlier, link = expected[lang]
        text = text_of(html)
        assert period in text and earlier in text
        assert f'<a href="../programmes/2022-2024/">{link}</a>' in html
        # The quarters shown are the current programme's.
        assert {"uk": "II квартал 2025 року", "en": "Q2 2025", "pl": "II kwartał 2025 r."}[lang] in text
        assert {"uk": "I квартал 2023 року", "en": "Q1 2023", "pl": "I kwartał 2023 r."}[lang] not in text


def test_each_programme_has_its_own_page_of_quarters_and_totals_in_three_languages(two_programmes):
    for lang in LANGUAGES:
        old = text_of(article(two_programmes, PREFIX[lang] + "programmes/2022-2024/index.html"))
        new = text_of(article(two_programmes, PREFIX[lang] + "programmes/2025-2027/index.html"))
        assert {"uk": "I квартал 2023 року", "en": "Q1 2023", "pl": "I kwartał 2023 r."}[lang] in old
        assert {"uk": "II квартал 2025 року", "en": "Q2 2025", "pl": "II kwartał 2025 r."}[lang] in new
        assert {"uk": "II квартал 2025", "en": "Q2 2025", "pl": "II kwartał 2025"}[lang] not in old
        totals = {"uk": "Підсумки за програму", "en": "Totals for the programme", "pl": "Podsumowanie programu"}
        assert totals[lang] in old and totals[lang] in new
        assert {"uk": "щонайменше 12", "en": "at least 12", "pl": "co najmniej 12"}[lang] in old
        assert {"uk": "щонайменше 12", "en": "at least 12", "pl": "co najmniej 12"}[lang] not in new


def test_the_reports_index_groups_reports_by_programme_newest_first(two_programmes):
    text = text_of(article(two_programmes, "en/reports/index.html"))
    assert text.index("Programme for 2025–2027") < text.index("Report for Q2 2025")
    assert text.index("Report for Q2 2025") < text.index("Programme for 2022–2024")
    assert text.index("Programme for 2022–2024") < text.index("Report for Q1 2023")


def test_programme_pages_are_not_in_the_navigation(two_programmes):
    html = (two_programmes / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="mena-nav"') :]
    assert "programmes/" not in nav[: nav.index("</nav>")]
