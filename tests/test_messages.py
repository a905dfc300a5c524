"""Messages to editors in Ukrainian (the default) and English, with the same facts."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import ROOT, make_project
from menasite.messages_uk import CATALOG


def templates_in_code() -> set[str]:
    found = set()
    for path in (ROOT / "menasite").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= {m.group(1) for m in re.finditer(r'\b(?:t|say)\(\s*"((?:[^"\\]|\\.)*)"', text)}
        found |= {m.group(1) for m in re.finditer(r'headline="((?:[^"\\]|\\.)*)"', text)}
        found |= {m.group(1) for m in re.finditer(r'headline: str = "((?:[^"\\]|\\.)*)"', text)}
    return {template.encode().decode("unicode_escape") if "\\" in template else template for template in found}


def test_every_message_in_the_code_has_its_ukrainian_translation():
    missing = sorted(templates_in_code() - set(CATALOG))
    assert missing == []


def test_translations_keep_every_value_of_the_english_message():
    for english, ukrainian in CATALOG.items():
        assert sorted(re.findall(r"\{\w+\}", english)) == sorted(re.findall(r"\{\w+\}", ukrainian)), english


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


def check(project, *options, env_lang=None):
    import os

    env = {**os.environ}
    if env_lang:
        env["MENA_LANG"] = env_lang
    else:
        env.pop("MENA_LANG", None)
    return subprocess.run([sys.executable, "-m", "menasite", *options, "check", "--project", str(project)], cwd=ROOT, capture_output=True, text=True, env=env)


@pytest.fixture
def broken(tmp_path):
    project = make_project(tmp_path)
    path = project / "data/partners.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    country: UA", "    country: UKR", 1), encoding="utf-8")
    line = text[: text.index("    country: UA")].count("\n") + 1
    return project, line


def test_messages_are_ukrainian_by_default(broken):
    project, line = broken
    result = check(project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        "Сайт не зібрано: проблем, які треба виправити: 1.",
        f"  - data/partners.yml:{line}: partners[kalush-community].country: знайдено: текст 'UKR'; "
        "очікувалося: код країни ISO 3166 великими літерами (PL, UA, \"NO\").",
    ]


@pytest.mark.parametrize("how", ["option", "environment"])
def test_messages_in_english_on_request_state_the_same_facts(broken, how):
    project, line = broken
    result = check(project, "--lang", "en") if how == "option" else check(project, env_lang="en")
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        "The site was not built: problems to fix: 1.",
        f"  - data/partners.yml:{line}: partners[kalush-community].country: found the text 'UKR'; "
        "expected an ISO 3166 country code in capitals (PL, UA, \"NO\").",
    ]


def test_a_page_problem_in_ukrainian(tmp_path):
    project = make_project(tmp_path)
    page = project / "docs/uk/accessibility.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("[[g:council]]", "[[g:counsil]]", 1), encoding="utf-8")
    line = text[: text.index("[[g:council]]")].count("\n") + 1
    result = check(project)
    assert f"  - docs/uk/accessibility.md:{line}: [[g:counsil]]: знайдено: 'counsil', якого немає в глосарії; очікувалося: ідентифікатор із data/glossary.yml." in result.stderr
