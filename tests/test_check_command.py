"""./run check on fixture projects: one problem of each kind, and several at once; the exact
file, line and message in Ukrainian and in English, and the exit code."""

from __future__ import annotations

import pytest
from conftest import make_project

from menasite.cli.commands import check_sources, main_check
from menasite.pages.sitestate import load_site_state
from menasite.problems import SourceError

# (file, text to replace, replacement, field, English found; expected, Ukrainian found; expected)
CASES = {
    "tab": (
        "data/results.yml",
        "    category: bus",
        "\tcategory: bus",
        "YAML syntax",
        "found a tab character (indent with spaces, not tabs); expected valid YAML.",
        "синтаксис YAML: знайдено: символ табуляції (відступи робіть пробілами, а не табуляцією); очікувалося: правильний YAML.",
    ),
    "duplicate key": (
        "data/programmes/2022-2024.yml",
        "  session: 15\n",
        "  session: 15\n  session: 15\n",
        "decision.session",
        "found 'session' a second time (first on line {line}); expected each field once.",
        "decision.session: знайдено: 'session' удруге (уперше в рядку {line}); очікувалося: кожне поле один раз.",
    ),
    "bare no": (
        "data/partners.yml",
        '    country: "NO"',
        "    country: NO",
        "partners[donors-no].country",
        'found NO, which YAML reads as a yes/no value: put it in quotes; expected an ISO 3166 country code in capitals (PL, UA, "NO").',
        'partners[donors-no].country: знайдено: NO, що YAML читає як «так/ні»: візьміть це в лапки; очікувалося: код країни ISO 3166 великими літерами (PL, UA, "NO").',
    ),
    "wrong type": (
        "data/programmes/2022-2024.yml",
        "  number: 797",
        "  number: seven",
        "decision.number",
        "found the text 'seven'; expected a whole number.",
        "decision.number: знайдено: текст 'seven'; очікувалося: ціле число.",
    ),
    "negative amount": (
        "data/reports/2023-q1.yml",
        "    amount: 2000.00",
        "    amount: -1.00",
        "spending[gifts-calendars].amount",
        "found -1.00; expected a number that is not negative.",
        "spending[gifts-calendars].amount: знайдено: -1.00; очікувалося: невід'ємне число.",
    ),
    "unknown currency": (
        "data/reports/2023-q1.yml",
        "    currency: UAH",
        "    currency: HRN",
        "spending[gifts-calendars].currency",
        "found the text 'HRN'; expected an ISO 4217 currency code (UAH, EUR, PLN).",
        "spending[gifts-calendars].currency: знайдено: текст 'HRN'; очікувалося: код валюти ISO 4217 (UAH, EUR, PLN).",
    ),
    "impossible date": (
        "data/programmes/2022-2024.yml",
        '  date: "2021-12-09"',
        '  date: "2021-02-30"',
        "decision.date",
        "found the text '2021-02-30' (month 2 of 2021 has 28 days); expected a real date written YYYY-MM-DD (2021-12-09).",
        "decision.date: знайдено: текст '2021-02-30' (у місяці 2 року 2021 днів: 28); очікувалося: справжню дату у вигляді РРРР-ММ-ДД (2021-12-09).",
    ),
    "dangling reference": (
        "data/results.yml",
        "      partners: [gmina-dabrowa]",
        "      partners: [gmina-dabrova]",
        "results[vehicles-dabrowa].from.partners[1]",
        "found 'gmina-dabrova', which does not exist (did you mean 'gmina-dabrowa'?); expected an id from data/partners.yml.",
        "results[vehicles-dabrowa].from.partners[1]: знайдено: 'gmina-dabrova', якого не існує (можливо, ви мали на увазі 'gmina-dabrowa'?); очікувалося: ідентифікатор із data/partners.yml.",
    ),
    "missing ukrainian": (
        "data/results.yml",
        "      uk: автобус\n",
        "",
        "results[bus-2023-q1].description.uk",
        "found none; expected the Ukrainian text (uk), which every text needs.",
        "results[bus-2023-q1].description.uk: знайдено: нічого; очікувалося: український текст (uk), обов'язковий для кожного тексту.",
    ),
    "unknown name in a page": (
        "docs/uk/accessibility.md",
        "[[g:council]]",
        "[[g:counsil]]",
        "[[g:counsil]]",
        "found 'counsil', which is not in the glossary; expected an id from data/glossary.yml.",
        "[[g:counsil]]: знайдено: 'counsil', якого немає в глосарії; очікувалося: ідентифікатор із data/glossary.yml.",
    ),
    "figure disagrees": (
        "docs/pl/reports/2023-q1.md",
        "[[n:spending.gifts-calendars=2000,00]]",
        "[[n:spending.gifts-calendars=200,00]]",
        "[[n:spending.gifts-calendars=200,00]]",
        "found 200.00; expected 2000.00, as data/reports/2023-q1.yml, spending[gifts-calendars].amount says.",
        "[[n:spending.gifts-calendars=200,00]]: знайдено: 200.00; очікувалося: 2000.00, як у data/reports/2023-q1.yml, spending[gifts-calendars].amount.",
    ),
}


def run_check(project, lang, capsys, monkeypatch):
    monkeypatch.setenv("MENA_LANG", lang)
    code = main_check(project)
    return code, capsys.readouterr().err


def reports_of_one_check(project, data_only: bool = False) -> dict[str, list[str]]:
    """One check (one build at most), its problems as editors read them in each language.
    ``data_only``: the sources' problems as the check finds them before it builds (the build
    itself is tested in test_one_run.py)."""
    problems = list(load_site_state(project / "mkdocs.yml", lenient=True).problems) if data_only else []
    problems = problems or check_sources(project).problems
    assert problems, "the check found nothing"
    return {lang: SourceError(problems).report(lang).splitlines() for lang in ("en", "uk")}


@pytest.mark.parametrize("case", sorted(CASES))
def test_one_problem_in_both_languages(case, tmp_path, capsys, monkeypatch):
    relative, old, new, field, english, ukrainian = CASES[case]
    project = make_project(tmp_path)
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    if case == "duplicate key":
        english, ukrainian, line = english.format(line=line), ukrainian.format(line=line), line + 1
    reports = reports_of_one_check(project, data_only=relative.startswith("data/"))
    assert f"  - {relative}:{line}: {field}: {english}" in reports["en"]
    assert f"  - {relative}:{line}: {ukrainian}" in reports["uk"]


def test_several_problems_in_several_files_are_reported_together(tmp_path, capsys, monkeypatch):
    project = make_project(tmp_path)
    for case in ("wrong type", "unknown currency", "bare no"):
        relative, old, new, *_ = CASES[case]
        path = project / relative
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    code, output = run_check(project, "uk", capsys, monkeypatch)
    assert code == 1
    assert output.splitlines()[0] == "Сайт не зібрано: проблем, які треба виправити: 3."
    assert [line.split(":")[0] for line in output.splitlines()[1:4]] == [
        "  - data/partners.yml",
        "  - data/programmes/2022-2024.yml",
        "  - data/reports/2023-q1.yml",
    ]


def _write(project, relative, text):
    (project / relative).parent.mkdir(parents=True, exist_ok=True)
    (project / relative).write_text(text, encoding="utf-8")


SPECIAL = {
    # name: (set-up, English line, Ukrainian line)
    "front matter": (
        lambda p: _write(p, "docs/en/contact.md", "---\nsummary: x\n---\n\n# Contact\n"),
        "  - docs/en/contact.md:2: front matter summary: found an unknown field 'summary'; expected one of title (the page title in the browser tab), description (a one-sentence summary for search engines).",
        "  - docs/en/contact.md:2: заголовок сторінки, поле summary: знайдено: невідоме поле 'summary'; очікувалося: одне з полів: title (назва сторінки у вкладці браузера), description (опис в одне речення для пошукових систем).",
    ),
    "not UTF-8": (
        lambda p: (p / "docs/pl/contact.md").write_bytes("# Kontakt\n\nŁódź\n".encode("cp1250")),
        "  - docs/pl/contact.md:3: encoding: found the byte 0xa3, which is not UTF-8; expected text in UTF-8 (save the file as UTF-8).",
        "  - docs/pl/contact.md:3: кодування: знайдено: байт 0xa3, неприпустимий в UTF-8; очікувалося: текст у кодуванні UTF-8 (збережіть файл як UTF-8).",
    ),
    "no Ukrainian original": (
        lambda p: _write(p, "docs/pl/news.md", "# Aktualności\n"),
        "  - docs/pl/news.md: page: found no such file; expected a Ukrainian original at docs/uk/news.md, since Ukrainian must be at least as complete as every other language.",
        "  - docs/pl/news.md: сторінка: знайдено: такого файлу немає; очікувалося: український оригінал у файлі docs/uk/news.md, бо українська версія має бути не менш повною, ніж будь-яка інша.",
    ),
    "image without alt text": (
        lambda p: _write(
            p,
            "docs/en/contact.md",
            (p / "docs/en/contact.md").read_text(encoding="utf-8") + '\n<img src="../assets/favicon.svg">\n',
        ),
        "  - docs/en/contact.md: <img src=../assets/favicon.svg> (in the built page en/contact/index.html, line {line}): found an image without alt text; expected a text alternative that says what the image shows: ![what it shows](file).",
        "  - docs/en/contact.md: <img src=../assets/favicon.svg> (на зібраній сторінці en/contact/index.html, рядок {line}): знайдено: зображення без текстового опису (alt); очікувалося: текстовий опис того, що на зображенні: ![що зображено](файл).",
    ),
}


@pytest.mark.parametrize("case", sorted(SPECIAL))
def test_more_kinds_of_problem_in_both_languages(case, tmp_path, capsys, monkeypatch):
    import re

    set_up, english, ukrainian = SPECIAL[case]
    project = make_project(tmp_path)
    set_up(project)
    reports = reports_of_one_check(project)
    for lang, expected in (("en", english), ("uk", ukrainian)):
        output = "\n".join(reports[lang])
        if "{line}" in expected:
            found = re.search(r"(?:line|рядок) (\d+)\)", output)
            expected = expected.format(line=found.group(1) if found else "?")
        assert expected in reports[lang], output
