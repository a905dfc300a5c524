"""The editors' guide quotes real output (guide/en.md and guide/uk.md): the messages of ./run
check (section 9), of ./run new-report (section 5) and the table of ./run translations (section
8). Each quoted block is marked ``<!-- example: NAME -->`` and is reproduced here by doing to a
fixture project what the guide's text says the editor did, then checked against the real
output, so the guide cannot go stale (issue 14).

Data and page-file mistakes are found by the check before it builds (no build); the mistakes
that need a build share one project and one check. Both languages come from the same result.
new-report and translations need no build: they write files and read git."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
from conftest import ROOT, make_project

from menasite.cli.commands import check_sources, main_new_report, main_translations
from menasite.pages.sitestate import load_site_state
from menasite.problems import Problem, SourceError

GUIDES = {"en": ROOT / "guide/en.md", "uk": ROOT / "guide/uk.md"}
# A marked block, maybe indented in a list item: the mark, then the block at the same indent.
EXAMPLE = re.compile(r"<!-- example: ([a-z0-9-]+) -->\n+( *)```\n(.*?)\n\2```", re.S)
# One line of another language's output quoted in a sentence: the mark (at a line's end, so it
# stays inside the paragraph), then the line in quotes.
QUOTED_LINE = re.compile(r'<!-- example: ([a-z0-9-]+) \((en|uk), last line\) -->\n"(.*?)"', re.S)
# A quoted message of the check: its headline, then "  - file:line: ..." lines.
HEADLINES = ("The site was not built", "Сайт не зібрано")
# How the other quoted outputs begin: new-report's files, the translation table, --reviewed's answer.
OUTPUT_STARTS = ("  + ", "data/results.yml: ", "docs/*/", "Marked as reviewed", "Позначено як перевірене")
# The guide's commit id in the translation table; a real run has its own, put in its place.
GUIDE_COMMIT = "cf297c1"
BUS_DESCRIPTION = "data/results.yml: results[bus-2023-q1].description"
# The other commands' quoted output: new-report 2023-q2; translations, then --reviewed for the
# bus description in Polish, then translations again.
COMMAND_CASES = ("new-report", "translations", "translations-reviewed", "translations-after-review")


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` by ``new`` in ``file`` (``old=None``: the whole file; ``encoding``: the
    file saved in another encoding, as an old Windows editor does)."""

    file: str
    old: str | None
    new: str
    encoding: str = "utf-8"


NEW_REPORT = Edit("new-report", None, "2023-q2")  # ./run new-report 2023-q2 before the edits
Q2_SIGNED = Edit(
    "data/reports/2023-q2.yml",
    "# signatory:\n#   name: ...\n#   role: council_secretary\n",
    "signatory:\n  name: stalnychenko\n  role: council_secretary\n",
)

# The mistakes the check finds before building: one fixture project each (a copy and a load,
# a tenth of a second).
BEFORE_BUILD: dict[str, tuple[Edit, ...]] = {
    "tab": (Edit("data/partners.yml", "    kind: municipality", "\tkind: municipality"),),
    "unclosed-list": (Edit("data/partners.yml", "    areas: [energy]", "    areas: [energy"),),
    "same-field-twice": (
        Edit(
            "data/partners.yml",
            '      kind: memorandum\n      date: "2025"\n',
            '      kind: memorandum\n      date: "2025"\n      kind: memorandum\n',
        ),
    ),
    "bare-no": (
        Edit(
            "data/partners.yml", '    country: "NO"  # in quotes: bare NO is read by YAML as false', "    country: NO"
        ),
    ),
    "text-for-number": (Edit("data/results.yml", "    quantity: 12", "    quantity: дванадцять"),),
    "unknown-field": (Edit("data/partners.yml", "    country: PL", "    contry: PL"),),
    "missing-field": (
        Edit(
            "data/partners.yml",
            "    areas: [energy]\n    sources:\n      - https://decentralization.gov.ua/en/news/9209\n",
            "    areas: [energy]\n",
        ),
    ),
    "impossible-date": (Edit("data/programmes/2022-2024.yml", '  date: "2021-12-09"', '  date: "2021-02-30"'),),
    "year-without-quotes": (Edit("data/partners.yml", '    since: "2025"', "    since: 2025"),),
    "negative-amount": (Edit("data/reports/2023-q1.yml", "    amount: 2000.00", "    amount: -2000.00"),),
    "unknown-currency": (Edit("data/reports/2023-q1.yml", "    currency: UAH", "    currency: ГРН"),),
    "unknown-country": (Edit("data/partners.yml", "    country: GB", "    country: UK"),),
    "same-id-twice": (Edit("data/partners.yml", "  - id: gmina-zyrakow", "  - id: gmina-dabrowa"),),
    "unknown-id": (Edit("data/results.yml", "      partners: [gmina-dabrowa]", "      partners: [gmina-dabrova]"),),
    "missing-ukrainian": (Edit("data/results.yml", "      uk: автобус\n", ""),),
    "empty-file": (Edit("data/results.yml", None, ""),),
    "not-utf8": (
        Edit("docs/uk/partners.md", None, (ROOT / "docs/uk/partners.md").read_text(encoding="utf-8"), "cp1251"),
    ),
    "no-ukrainian-original": (Edit("docs/en/news.md", None, "# News\n"),),
    "colon-in-text": (
        Edit(
            "data/partners.yml",
            "        uk: Підписано 11 червня; рік у джерелі не вказано.",
            "        uk: Підписано 11 червня. Увага: рік у джерелі не вказано.",
        ),
    ),
    "value-not-in-list": (Edit("data/partners.yml", "    kind: municipality", "    kind: city"),),
    "period-of-another-quarter": (
        NEW_REPORT,
        Q2_SIGNED,
        Edit("data/reports/2023-q2.yml", "  quarter: 2", "  quarter: 1"),
    ),
    "no-signatory": (NEW_REPORT,),
    "front-matter-field": (
        # A report's page has no front matter of its own (its title and description come from its data).
        Edit("docs/uk/reports/2023-q1.md", "# Звіт про стан", "---\nreport: 2023-q1\n---\n\n# Звіт про стан"),
    ),
}

# The mistakes only a build finds, all in one project and one check: (edits, what picks the
# case's problems out of that check: a text of their English message).
IN_ONE_BUILD: dict[str, tuple[tuple[Edit, ...], str]] = {
    "unknown-glossary-name": ((Edit("docs/uk/contact.md", "[[g:prymakov]]", "[[g:prymakow]]"),), "[[g:prymakow]]"),
    "case-not-in-glossary": (
        (Edit("docs/uk/index.md", "[[g:mena]] вперше", "[[g:mena|loc]] вперше"),),
        "[[g:mena|loc]]",
    ),
    "figure-disagrees": (
        (Edit("docs/uk/reports/2023-q1.md", "[[n:result.vehicles-2023-q1=12]]", "[[n:result.vehicles-2023-q1=14]]"),),
        "[[n:result.vehicles-2023-q1=14]]",
    ),
    "amount-changed": ((Edit("data/reports/2023-q1.yml", "    amount: 2000.00", "    amount: 2500.00"),), "2500.00"),
    "result-not-in-report": (
        (
            NEW_REPORT,
            Q2_SIGNED,
            Edit(
                "docs/uk/reports/2023-q2.md",
                "[[todo:текст звіту, як у підписаному оригіналі; числа, що є в даних, позначте n-позначками "
                "(див. посібник)|]]",
                "[[n:result.bus-2023-q1=1]]",
            ),
        ),
        "[[n:result.bus-2023-q1=1]]",
    ),
    "broken-link": ((Edit("docs/uk/index.md", "(reports/2023-q1.md)", "(report/2023-q1.md)"),), "link report/"),
    "anchor-of-a-part": (
        (
            Edit(
                "docs/uk/partners.md",
                "<!-- mena:partners -->",
                "<!-- mena:partners -->\n\n## Донори з Данії {#partner-donors-dk}\n\nДив. звіт.",
            ),
        ),
        "anchor #partner-donors-dk",
    ),
    "part-inside-html": (
        (
            Edit(
                "docs/uk/programme.md",
                "<!-- mena:programme -->",
                "<details>\n<summary>Дані програми</summary>\n\n<!-- mena:programme -->\n\n</details>",
            ),
        ),
        "inside an HTML element",
    ),
}
# Needs its own build: it is on the line "amount-changed" shows in every language.
OWN_BUILD = {
    "number-format": (
        (
            Edit(
                "docs/uk/reports/2023-q1.md",
                "[[n:spending.gifts-calendars=2000,00]]",
                "[[n:spending.gifts-calendars=2000.00]]",
            ),
        ),
        "2000.00]]",
    ),
}


def break_project(base: Path, edits: tuple[Edit, ...]) -> Path:
    project = make_project(base)
    for edit in edits:
        if edit is NEW_REPORT:
            assert main_new_report(project, edit.new) == 0
            continue
        path = project / edit.file
        text = path.read_text(encoding="utf-8") if edit.old is not None else ""
        if edit.old is not None:
            assert edit.old in text, f"{edit.file} no longer holds {edit.old!r}: update the case"
        changed = edit.new if edit.old is None else text.replace(edit.old, edit.new, 1)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(changed.encode(edit.encoding))
    return project


def problems_before_build(project: Path) -> list[Problem]:
    """What ./run check finds in the sources before it builds (it builds only when the pages'
    own files are sound; the data's problems come first in its report either way)."""
    try:
        return list(load_site_state(project / "mkdocs.yml", lenient=True).problems)
    except SourceError as error:
        return error.problems


def reports(problems: list[Problem]) -> dict[str, str]:
    """The problem list as ./run check prints it, in each language."""
    return {lang: SourceError(problems).report(lang) for lang in GUIDES}


def guide_examples(lang: str) -> dict[str, str]:
    return {
        name: unindent(body, indent) for name, indent, body in EXAMPLE.findall(GUIDES[lang].read_text(encoding="utf-8"))
    }


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    """Every fenced block of a guide, as (the 80 characters before it, its unindented text): the
    fences paired line by line, so a block with a language (```yaml) is one block too."""
    blocks, opened, lines = [], None, text.split("\n")
    for number, line in enumerate(lines):
        fence = re.fullmatch(r"( *)```[a-z]*", line)
        if opened is None and fence:
            opened = (number, fence.group(1))
        elif opened is not None and line == opened[1] + "```":
            start, indent = opened
            before = "\n".join(lines[:start])[-80:]
            blocks.append((before, unindent("\n".join(lines[start + 1 : number]), indent)))
            opened = None
    return blocks


def unindent(body: str, indent: str) -> str:
    """A block's text without the indent of its list item."""
    return "\n".join(line.removeprefix(indent) for line in body.split("\n"))


def run_command(lang: str, command: Callable[..., int], *args) -> str:
    """What a command of ./run prints to an editor whose messages are in ``lang``."""
    printed = io.StringIO()
    with mock.patch.dict(os.environ, {"MENA_LANG": lang}), contextlib.redirect_stdout(printed):
        assert command(*args) == 0
    return printed.getvalue().removesuffix("\n")


def git(project: Path, *args: str) -> str:
    editor = {"GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org"}
    committer = {"GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    env = {**os.environ, **editor, **committer}
    return subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True, text=True).stdout


def changed_as_in_the_guide(base: Path) -> tuple[Path, str]:
    """Section 8's example: a project in git, then one commit that changes a word of the Ukrainian
    contact page, adds one to the bus description and deletes the Polish results page. Returns
    the project and that commit's short id."""
    project = make_project(base)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "The site as it is")
    for edit in (
        Edit("docs/uk/contact.md", "# Контакти та співпраця", "# Контакти і співпраця"),
        Edit("data/results.yml", "      uk: автобус\n", "      uk: пасажирський автобус\n"),
    ):
        text = (project / edit.file).read_text(encoding="utf-8")
        assert edit.old is not None and edit.old in text, f"{edit.file} no longer holds {edit.old!r}: update the case"
        (project / edit.file).write_text(text.replace(edit.old, edit.new, 1), encoding="utf-8")
    (project / "docs/pl/results.md").unlink()
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "A word changed in Ukrainian; the Polish results page deleted")
    return project, git(project, "rev-parse", "--short=7", "HEAD").strip()


@pytest.fixture(scope="module")
def command_output(tmp_path_factory) -> dict[str, dict[str, str]]:
    """The real output of new-report and translations, as section 5 and 8 tell: case -> lang -> text."""
    output: dict[str, dict[str, str]] = {case: {} for case in COMMAND_CASES}
    for lang in GUIDES:  # a project each: new-report refuses a quarter that exists
        project = make_project(tmp_path_factory.mktemp(f"new-report-{lang}"))
        output["new-report"][lang] = run_command(lang, main_new_report, project, "2023-q2")
    project, commit = changed_as_in_the_guide(tmp_path_factory.mktemp("translations"))
    for lang in GUIDES:
        output["translations"][lang] = run_command(lang, main_translations, project, None, None)
    for lang in GUIDES:  # marking twice records the same mark
        output["translations-reviewed"][lang] = run_command(lang, main_translations, project, BUS_DESCRIPTION, "pl")
    for lang in GUIDES:
        output["translations-after-review"][lang] = run_command(lang, main_translations, project, None, None)
    # The guide shows one commit id for the commit of the example; the real run made another.
    assert commit != GUIDE_COMMIT
    return {
        case: {lang: text.replace(commit, GUIDE_COMMIT) for lang, text in by_lang.items()}
        for case, by_lang in output.items()
    }


@pytest.fixture(scope="module")
def real_output(tmp_path_factory) -> dict[str, dict[str, str]]:
    """Each case's real output in each language: case -> lang -> text."""
    output: dict[str, dict[str, str]] = {}
    for case, edits in BEFORE_BUILD.items():
        project = break_project(tmp_path_factory.mktemp(case), edits)
        output[case] = reports(problems_before_build(project))
    for group in (IN_ONE_BUILD, OWN_BUILD):
        output |= checked_together(tmp_path_factory.mktemp("build"), group)
    return output


def checked_together(base: Path, cases: dict[str, tuple[tuple[Edit, ...], str]]) -> dict[str, dict[str, str]]:
    """Every case's mistake in one project, one check (one build); each case's problems picked
    out of it by their text."""
    every_edit = tuple(edit for edits, _ in cases.values() for edit in edits)
    edits = tuple(dict.fromkeys(every_edit))  # new-report and its signature once
    problems = check_sources(break_project(base, edits)).problems
    output, picked = {}, []
    for case, (_, pick) in cases.items():
        mine = [problem for problem in problems if pick in problem.render("en")]
        picked += mine
        output[case] = reports(mine)
    assert sorted(picked, key=Problem.sort_key) == sorted(problems, key=Problem.sort_key), "a problem no case names"
    return output


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_every_quoted_message_is_marked_with_its_case(lang):
    """A quoted message of the check without its mark would go unchecked."""
    text = GUIDES[lang].read_text(encoding="utf-8")
    unmarked = [
        body.splitlines()[-1]
        for before, body in fenced_blocks(text)
        if (body.startswith(HEADLINES) and "\n  - " in body or body.startswith(OUTPUT_STARTS))
        and "<!-- example:" not in before
    ]
    assert unmarked == []
    assert sorted(guide_examples(lang)) == sorted([*BEFORE_BUILD, *IN_ONE_BUILD, *OWN_BUILD, *COMMAND_CASES])


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_the_guide_quotes_the_real_messages(real_output, lang):
    stale = {
        case: real_output[case][lang]
        for case, quoted in guide_examples(lang).items()
        if case in real_output and real_output[case][lang] != quoted
    }
    assert stale == {}, (
        "paste the real output into guide/"
        + lang
        + ".md:\n\n"
        + "\n\n".join(f"<!-- example: {case} -->\n```\n{text}\n```" for case, text in stale.items())
    )


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_the_guide_quotes_the_real_output_of_new_report_and_translations(command_output, lang):
    stale = {
        case: command_output[case][lang]
        for case, quoted in guide_examples(lang).items()
        if case in COMMAND_CASES and command_output[case][lang] != quoted
    }
    assert stale == {}, (
        f"paste the real output into guide/{lang}.md (with the commit id {GUIDE_COMMIT}):\n\n"
        + "\n\n".join(f"<!-- example: {case} -->\n```\n{text}\n```" for case, text in stale.items())
    )


def test_the_english_guide_quotes_the_ukrainian_last_line_of_new_report(command_output):
    """Section 5 of the English guide tells in a sentence what new-report says in Ukrainian."""
    quoted = QUOTED_LINE.findall(GUIDES["en"].read_text(encoding="utf-8"))
    assert [(case, lang) for case, lang, _ in quoted] == [("new-report", "uk")]
    assert [line for _, _, line in quoted] == [command_output["new-report"]["uk"].splitlines()[-1]]
