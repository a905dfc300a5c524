"""./run check finds every independent mistake in one run: mixed sets of mistakes in data and
pages, each reported once with its file and line, in English and in Ukrainian, with no word of
the other language (issue 14). One check (one build) per set; both languages are printed from
that same result by the code main_check prints with."""

from __future__ import annotations

import re

import pytest
from conftest import make_project

from menasite.cli.commands import Checked, check_sources, report_check_failure
from menasite.messages import Msg
from menasite.problems import Problem


def edit(project, relative: str, old: str, new: str) -> int:
    """Replace text in a file of the project; return the line where the change starts."""
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def line_of(project, relative: str, text: str) -> int:
    whole = (project / relative).read_text(encoding="utf-8")
    return whole[: whole.index(text)].count("\n") + 1


def printed(checked: Checked, lang: str, capsys, monkeypatch) -> list[str]:
    """What ./run check prints for ``checked`` in ``lang``."""
    monkeypatch.setenv("MENA_LANG", lang)
    capsys.readouterr()
    report_check_failure(checked)
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err.splitlines()


def problem_lines(lines: list[str]) -> list[str]:
    """The problems listed under the headline (up to the next headline)."""
    listed = []
    for line in lines[1:]:
        if not line.startswith("  - "):
            break
        listed.append(line)
    return listed


# --- the six mistakes of the issue ---------------------------------------------------------------


@pytest.fixture(scope="module")
def six(tmp_path_factory):
    """A wrong figure in a report text, a misspelt partner id, 2023-13-01, a tab in YAML, a
    broken link and a deleted required field: one check."""
    project = make_project(tmp_path_factory.mktemp("six"))
    lines = {
        "figure": edit(
            project,
            "docs/uk/reports/2023-q1.md",
            "[[n:spending.gifts-calendars=2000,00]]",
            "[[n:spending.gifts-calendars=200,00]]",
        ),
        "partner": edit(
            project, "data/results.yml", "      partners: [gmina-dabrowa]", "      partners: [gmina-dabrova]"
        ),
        "date": edit(project, "data/programmes/2022-2024.yml", '  date: "2021-12-09"', '  date: "2023-13-01"'),
        "tab": edit(project, "data/results.yml", "    category: bus", "\tcategory: bus"),
        "link": edit(project, "docs/en/programme.md", "(reports/index.md)", "(report/index.md)"),
        "kind": line_of(project, "data/partners.yml", "  - id: gmina-dabrowa"),
    }
    edit(project, "data/partners.yml", "    kind: municipality\n", "")
    return check_sources(project), lines


SIX_ENGLISH = [
    "  - data/partners.yml:{kind}: partners[gmina-dabrowa].kind: found none; expected a value for 'kind', one of: "
    "municipality, foundation, association, donor_organisation, programme, platform, country_donors.",
    "  - data/programmes/2022-2024.yml:{date}: decision.date: found the text '2023-13-01' (there is no month 13); "
    "expected a real date written YYYY-MM-DD (2021-12-09).",
    "  - data/results.yml:{tab}: YAML syntax: found a tab character (indent with spaces, not tabs); expected valid YAML.",
    "  - data/results.yml:{partner}: results[vehicles-dabrowa].from.partners[1]: found 'gmina-dabrova', which does "
    "not exist (did you mean 'gmina-dabrowa'?); expected an id from data/partners.yml.",
    "  - docs/en/programme.md:{link}: link report/index.md: found no such page or file (did you mean "
    "'reports/index.md', 'index.md'?); expected the path of a page or file of the site, from this file "
    "(../contact.md).",
    "  - docs/uk/reports/2023-q1.md:{figure}: [[n:spending.gifts-calendars=200,00]]: found 200.00; expected "
    "2000.00, as data/reports/2023-q1.yml, spending[gifts-calendars].amount says.",
]

SIX_UKRAINIAN = [
    "  - data/partners.yml:{kind}: partners[gmina-dabrowa].kind: знайдено: нічого; очікувалося: значення для "
    "'kind', одне з: municipality, foundation, association, donor_organisation, programme, platform, country_donors.",
    "  - data/programmes/2022-2024.yml:{date}: decision.date: знайдено: текст '2023-13-01' (місяця 13 не буває); "
    "очікувалося: справжню дату у вигляді РРРР-ММ-ДД (2021-12-09).",
    "  - data/results.yml:{tab}: синтаксис YAML: знайдено: символ табуляції (відступи робіть пробілами, а не "
    "табуляцією); очікувалося: правильний YAML.",
    "  - data/results.yml:{partner}: results[vehicles-dabrowa].from.partners[1]: знайдено: 'gmina-dabrova', якого "
    "не існує (можливо, ви мали на увазі 'gmina-dabrowa'?); очікувалося: ідентифікатор із data/partners.yml.",
    "  - docs/en/programme.md:{link}: посилання report/index.md: знайдено: такої сторінки чи файлу немає (можливо, "
    "ви мали на увазі 'reports/index.md', 'index.md'?); очікувалося: шлях до сторінки або файлу сайту від цього "
    "файлу (../contact.md).",
    "  - docs/uk/reports/2023-q1.md:{figure}: [[n:spending.gifts-calendars=200,00]]: знайдено: 200.00; "
    "очікувалося: 2000.00, як у data/reports/2023-q1.yml, spending[gifts-calendars].amount.",
]


@pytest.mark.parametrize(
    ("lang", "headline", "expected"),
    [
        ("en", "The site was not built: problems to fix: 6.", SIX_ENGLISH),
        ("uk", "Сайт не зібрано: проблем, які треба виправити: 6.", SIX_UKRAINIAN),
    ],
)
def test_the_six_mistakes_of_the_issue_in_one_run(six, lang, headline, expected, capsys, monkeypatch):
    checked, lines = six
    output = printed(checked, lang, capsys, monkeypatch)
    assert output[0] == headline
    assert problem_lines(output) == [line.format(**lines) for line in expected]


def test_what_needs_the_broken_data_is_named_not_checked(six, capsys, monkeypatch):
    checked, _ = six
    output = printed(checked, "en", capsys, monkeypatch)
    notes = output[1 + len(problem_lines(output)) :]
    assert notes[0] == f"Not checked until the data above is fixed: {len(notes) - 1}."
    assert (
        "  - <!-- mena:partners --> in docs/uk/partners.md, docs/en/partners.md, docs/pl/partners.md: "
        "needs data/partners.yml, data/results.yml"
    ) in notes
    assert (
        "  - [[n:result.vehicles-2023-q1=12]] in docs/uk/index.md, docs/uk/reports/2023-q1.md, docs/en/index.md, "
        "docs/en/reports/2023-q1.md, docs/pl/index.md, docs/pl/reports/2023-q1.md: needs data/results.yml"
    ) in notes
    # Every note waits for files that have problems above; nothing else was left out.
    broken = {"data/partners.yml", "data/results.yml", "data/programmes/2022-2024.yml"}
    for note in notes[1:]:
        assert set(note.rsplit(": needs ", 1)[1].split(", ")) <= broken, note


# --- another mixed set ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """A report file YAML cannot read, a value outside its list, an impossible day, an id used
    twice, a link to an anchor that does not exist, a name not in the glossary."""
    project = make_project(tmp_path_factory.mktemp("mixed"))
    lines = {
        "quote": edit(project, "data/reports/2023-q1.yml", "    currency: UAH", '    currency: "UAH'),
        "category": edit(project, "data/results.yml", "    category: bus", "    category: buss"),
        "day": edit(project, "data/programmes/2022-2024.yml", '  date: "2021-12-09"', '  date: "2021-02-30"'),
        "twice": edit(project, "data/partners.yml", "  - id: gmina-zyrakow", "  - id: gmina-dabrowa"),
        "glossary": edit(project, "docs/uk/accessibility.md", "[[g:council]]", "[[g:counsil]]"),
        "anchor": edit(
            project,
            "docs/pl/contact.md",
            "## Źródła\n",
            "## Źródła\n\nZobacz [niżej](#nigdzie).\n",
        )
        + 2,
    }
    return check_sources(project), lines


MIXED_ENGLISH = [
    "  - data/partners.yml:{twice}: partners[2].id: found 'gmina-dabrowa' again; expected an id used once (it is "
    "first used on line 4).",
    "  - data/programmes/2022-2024.yml:{day}: decision.date: found the text '2021-02-30' (month 2 of 2021 has 28 "
    "days); expected a real date written YYYY-MM-DD (2021-12-09).",
    "  - data/reports/2023-q1.yml:{quote}: YAML syntax: found a quoted text that is not closed; expected valid YAML.",
    "  - data/results.yml:{category}: results[bus-2023-q1].category: found the text 'buss'; expected one of: "
    "vehicles, bus, generators, humanitarian_aid, project.",
    "  - docs/pl/contact.md:{anchor}: link #nigdzie: found no anchor '#nigdzie'; expected a heading or anchor that "
    "exists.",
    "  - docs/uk/accessibility.md:{glossary}: [[g:counsil]]: found 'counsil', which is not in the glossary; "
    "expected an id from data/glossary.yml.",
]


def test_another_mixed_set_in_one_run(mixed, capsys, monkeypatch):
    checked, lines = mixed
    output = printed(checked, "en", capsys, monkeypatch)
    assert output[0] == "The site was not built: problems to fix: 6."
    assert problem_lines(output) == [line.format(**lines) for line in MIXED_ENGLISH]
    # The report's own page waits for its data; its figures too, and nothing is reported about them.
    notes = output[1 + len(problem_lines(output)) :]
    assert notes[0] == f"Not checked until the data above is fixed: {len(notes) - 1}."
    assert any(
        note.startswith("  - [[n:spending.gifts-calendars=2000,00]] in docs/uk/reports/2023-q1.md") for note in notes
    )


def test_a_file_every_page_needs_stops_only_the_pages(tmp_path, capsys, monkeypatch):
    project = make_project(tmp_path)
    strings = edit(project, "data/strings.yml", "\n", "\n\t\n")
    results = edit(project, "data/results.yml", "    category: bus", "    category: buss")
    checked = check_sources(project)
    for lang, closing in (
        (
            "en",
            "The pages were not checked: every page needs data/strings.yml. Fix these first, then run ./run check again.",
        ),
        (
            "uk",
            "Сторінки не перевірено: кожна сторінка потребує data/strings.yml. Спершу виправте це, потім знову "
            "запустіть ./run check.",
        ),
    ):
        output = printed(checked, lang, capsys, monkeypatch)
        assert len(problem_lines(output)) == 2
        assert [line.split(": ")[0] for line in problem_lines(output)] == [
            f"  - data/results.yml:{results}",
            f"  - data/strings.yml:{strings + 1}",
        ] or [line.split(": ")[0] for line in problem_lines(output)] == [
            f"  - data/strings.yml:{strings + 1}",
            f"  - data/results.yml:{results}",
        ]
        assert output[-1] == closing


# --- one language at a time -------------------------------------------------------------------


def facts(checked: Checked) -> set[str]:
    """The words that are facts, not message text: files, ids, values as written."""
    found: set[str] = set()

    def add(value) -> None:
        if isinstance(value, Msg):
            for _, item in value.values:
                add(item)
        elif value is not None:
            found.update(re.findall(r"[^\W\d_]+", str(value)))

    for problem in checked.problems:
        for part in (problem.file, problem.field, problem.expected, problem.found):
            add(part)
    for item in checked.skipped:
        for part in (item.what, item.page, *item.needs):
            add(part)
    return found


# Names that stay as they are in both languages.
PROPER = {"YAML", "MkDocs", "UTF", "ISO", "run", "check", "docs", "data", "yml", "md", "contact"}


@pytest.mark.parametrize("fixture", ["six", "mixed"])
def test_no_word_of_the_other_language(fixture, request, capsys, monkeypatch):
    checked, _ = request.getfixturevalue(fixture)
    allowed = facts(checked) | PROPER
    ukrainian = "\n".join(printed(checked, "uk", capsys, monkeypatch))
    english = "\n".join(printed(checked, "en", capsys, monkeypatch))
    latin_in_ukrainian = {word for word in re.findall(r"[A-Za-z]+", ukrainian) if word not in allowed}
    assert not latin_in_ukrainian, ukrainian
    cyrillic_in_english = {word for word in re.findall(r"[А-Яа-яІіЇїЄєҐґ']+", english) if word not in allowed}
    assert not {word for word in cyrillic_in_english if re.search(r"[А-Яа-яІіЇїЄєҐґ]", word)}, english
    for words in ("WARNING", "Aborted", "strict mode"):
        assert words not in ukrainian and words not in english


def test_problems_are_listed_once_and_counted(six, mixed):
    for checked, _ in (six, mixed):
        rendered = [problem.render("en") for problem in checked.problems]
        assert len(rendered) == len(set(rendered))
        assert all(isinstance(problem, Problem) for problem in checked.problems)
