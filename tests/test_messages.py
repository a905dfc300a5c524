"""Messages to editors in Ukrainian (the default) and English, with the same facts; the
Ukrainian gettext catalogue (menasite/locale/uk/LC_MESSAGES/menasite.po) kept in step with the
code by Babel (./run messages)."""

from __future__ import annotations

import ast
import json
import string
import subprocess
import sys

import pytest
from conftest import ROOT, make_project

from menasite import messages
from menasite.locale import SOURCES, extract_templates, read_catalogue, update_catalogue
from menasite.messages import t

# --- the catalogue and the code -------------------------------------------------------------


@pytest.fixture(scope="module")
def templates():
    """The templates in the code, as Babel's extractor finds them (keywords t and say)."""
    return [message for message in extract_templates() if message.id]


@pytest.fixture(scope="module")
def catalogue():
    return read_catalogue()


def where(message) -> str:
    return ", ".join(sorted({path for path, _ in message.locations}))


def test_babel_finds_the_templates_of_t_say_and_the_headlines(templates):
    found = {message.id for message in templates}
    assert "an id from {where}" in found  # t() in the data layer
    assert "All translations are current." in found  # say() in the commands
    assert "The site was not built: problems to fix: {count}." in found  # a report's headline
    assert "No report was started: problems to fix: {count}." in found
    assert len(found) > 150


def test_every_message_in_the_code_has_its_ukrainian_translation(templates, catalogue):
    missing = []
    for message in templates:
        entry = catalogue.get(message.id)
        if entry is None or not entry.string:
            missing.append(f"{message.id!r} ({where(message)}): no Ukrainian translation")
        elif entry.fuzzy:
            missing.append(f"{message.id!r} ({where(message)}): the translation is fuzzy (to be checked)")
    assert not missing, "translate in menasite/locale/uk/LC_MESSAGES/menasite.po:\n" + "\n".join(missing)


def placeholders(text: str) -> set[str]:
    """The {names} a template fills in; a brace that is not closed or doubled is named too."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as error:
        return {f"<{error}>"}


def test_translations_keep_every_value_of_the_english_message(catalogue):
    differing = [
        f"{message.id!r}: {sorted(placeholders(message.id))} in English, "
        f"{sorted(placeholders(message.string))} in Ukrainian"
        for message in catalogue
        if message.id and message.string and placeholders(message.id) != placeholders(message.string)
    ]
    assert not differing, "other {names} in the translation:\n" + "\n".join(differing)


def test_the_catalogue_holds_no_message_the_code_no_longer_has(templates, catalogue):
    in_code = {message.id for message in templates}
    stale = [message.id for message in catalogue if message.id and message.id not in in_code]
    stale += [f"{msgid} (#~ obsolete)" for msgid in catalogue.obsolete]
    assert not stale, "no longer in the code (./run messages drops them):\n" + "\n".join(stale)


def test_every_message_names_its_english_text_where_babel_can_read_it():
    """t("...") and say("...") with the text itself, not a variable or an f-string, which
    Babel's extractor would skip (only say() hands its own template on to t())."""
    hidden = []
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            calls = CallsOfTOrSay()
            calls.visit(ast.parse(path.read_text(encoding="utf-8")))
            hidden += [
                f"{path.relative_to(ROOT)}:{call.lineno}: {ast.unparse(call)[:80]}" for call in calls.without_text
            ]
    assert not hidden, "a message Babel cannot extract:\n" + "\n".join(hidden)


class CallsOfTOrSay(ast.NodeVisitor):
    def __init__(self):
        self.function: str | None = None
        self.without_text: list[ast.Call] = []

    def visit_FunctionDef(self, node):
        outer, self.function = self.function, node.name
        self.generic_visit(node)
        self.function = outer

    def visit_Call(self, node):
        if isinstance(node.func, ast.Name) and node.func.id in ("t", "say") and self.function != "say":
            first = node.args[0] if node.args else None
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                self.without_text.append(node)
        self.generic_visit(node)


def test_every_schema_hint_has_its_ukrainian_translation():
    def hints(node):
        if isinstance(node, dict):
            if "x-expected" in node:
                yield node
            for child in node.values():
                yield from hints(child)
        elif isinstance(node, list):
            for child in node:
                yield from hints(child)

    for path in (ROOT / "data/schema").glob("*.json"):
        for node in hints(json.loads(path.read_text(encoding="utf-8"))):
            assert node.get("x-expected-uk"), (path.name, node["x-expected"])


# --- ./run messages --------------------------------------------------------------------------

OLD_CATALOGUE = """\
# A translator's note on the whole file.
msgid ""
msgstr ""
"Language: uk\\n"
"Content-Type: text/plain; charset=utf-8\\n"

# Commands
#: menasite/cli.py
#, python-brace-format
msgid "Report {quarter} started."
msgstr "Звіт {quarter} створено."

#: menasite/cli.py
#, python-brace-format
msgid "The disk is full (while writing {path})."
msgstr "Диск заповнено (під час запису {path})."

#: menasite/cli.py
msgid "Gone: nobody writes this any more"
msgstr "Цього вже ніхто не пише"
"""

CODE = """\
from menasite.messages import t

def report(quarter, path):
    say("Report {quarter} started.", quarter=quarter)
    say("A message that is new: {count}.", count=1)
    return t("The disk is full (while writing {path}) .", path=path)
"""


def test_run_messages_brings_the_catalogue_up_to_date_with_the_code(tmp_path):
    (tmp_path / "menasite").mkdir()
    (tmp_path / "menasite/cli.py").write_text(CODE, encoding="utf-8")
    po, pot = tmp_path / "menasite.po", tmp_path / "menasite.pot"
    po.write_text(OLD_CATALOGUE, encoding="utf-8")

    changes = update_catalogue(tmp_path, po, pot)

    assert changes.untranslated == ["A message that is new: {count}."]
    assert changes.fuzzy == ["The disk is full (while writing {path}) ."]
    assert changes.dropped == ["Gone: nobody writes this any more"]
    updated = po.read_text(encoding="utf-8")
    assert "# A translator's note on the whole file." in updated
    assert (
        "# Commands\n#: menasite/cli.py\n#, python-brace-format\n"
        'msgid "Report {quarter} started."\nmsgstr "Звіт {quarter} створено."' in updated
    )
    assert '#, fuzzy, python-brace-format\n#| msgid "The disk is full (while writing {path})."' in updated
    assert 'msgid "A message that is new: {count}."\nmsgstr ""' in updated
    assert "nobody writes this" not in updated
    assert 'msgid "A message that is new: {count}."' in pot.read_text(encoding="utf-8")

    update_catalogue(tmp_path, po, pot)
    assert po.read_text(encoding="utf-8") == updated  # a second run changes nothing


def test_a_fuzzy_translation_is_not_used_and_a_saved_catalogue_counts_at_once(tmp_path, monkeypatch):
    po = tmp_path / "menasite.po"
    po.write_text(
        OLD_CATALOGUE.replace(
            '#: menasite/cli.py\n#, python-brace-format\nmsgid "The disk', '#, fuzzy\nmsgid "The disk'
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(messages, "UKRAINIAN_CATALOGUE", po)
    messages.ukrainian_catalogue.cache_clear()
    try:
        assert t("Report {quarter} started.", quarter="2023-q2").render("uk") == "Звіт 2023-q2 створено."
        assert (
            t("The disk is full (while writing {path}).", path="site").render("uk")
            == "The disk is full (while writing site)."
        )
    finally:
        messages.ukrainian_catalogue.cache_clear()


# --- what editors read -----------------------------------------------------------------------


def check(project, *options, env_lang=None):
    import os

    env = {**os.environ}
    if env_lang:
        env["MENA_LANG"] = env_lang
    else:
        env.pop("MENA_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "menasite", *options, "check", "--project", str(project)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.fixture
def broken(tmp_path):
    """A mistake in data/council.yml, which every page needs: the check stops before building,
    so the three runs below cost no build (the language of the output is what they test)."""
    project = make_project(tmp_path)
    path = project / "data/council.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  country: UA", "  country: UKR", 1), encoding="utf-8")
    line = text[: text.index("  country: UA")].count("\n") + 1
    return project, line


def test_messages_are_ukrainian_by_default(broken):
    project, line = broken
    result = check(project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        "Сайт не зібрано: проблем, які треба виправити: 1.",
        f"  - data/council.yml:{line}: address.country: знайдено: текст 'UKR'; "
        'очікувалося: код країни ISO 3166 великими літерами (PL, UA, "NO").',
    ]


@pytest.mark.parametrize("how", ["option", "environment"])
def test_messages_in_english_on_request_state_the_same_facts(broken, how):
    project, line = broken
    result = check(project, "--lang", "en") if how == "option" else check(project, env_lang="en")
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        "The site was not built: problems to fix: 1.",
        f"  - data/council.yml:{line}: address.country: found the text 'UKR'; "
        'expected an ISO 3166 country code in capitals (PL, UA, "NO").',
    ]


def test_a_page_problem_in_ukrainian(tmp_path):
    project = make_project(tmp_path)
    page = project / "docs/uk/accessibility.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("[[g:council]]", "[[g:counsil]]", 1), encoding="utf-8")
    line = text[: text.index("[[g:council]]")].count("\n") + 1
    result = check(project)
    assert (
        f"  - docs/uk/accessibility.md:{line}: [[g:counsil]]: знайдено: 'counsil', якого немає в глосарії; "
        "очікувалося: ідентифікатор із data/glossary.yml." in result.stderr
    )
