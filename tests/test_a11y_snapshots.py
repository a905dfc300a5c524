"""Golden snapshots of the accessibility tree: what a screen reader user relies on (landmarks,
headings, links, controls and their names) of one page of each kind, from Playwright's
``aria_snapshot``, kept in tests/snapshots/. A change to that structure shows in review as a
change of these files.

After an intended change, regenerate them and review the diff:

    MENA_UPDATE_SNAPSHOTS=1 ./run test tests/test_a11y_snapshots.py
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest
from conftest import PREFIX, VIEWPORTS, Visitor

pytestmark = pytest.mark.browser

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE_VARIABLE = "MENA_UPDATE_SNAPSHOTS"
UPDATE_COMMAND = f"{UPDATE_VARIABLE}=1 ./run test tests/test_a11y_snapshots.py"

# One page of each kind, in Ukrainian; the home page and a report in English too.
KINDS = {
    "home": "",
    "markdown": "contact/",
    "reports-index": "reports/",
    "report": "reports/2023-q1/",
    "partners": "partners/",
    "results": "results/",
    "programme": "programme/",
    "404": "404.html",
    "editors": "editors/translations/",
}
CASES = [("uk", kind) for kind in KINDS] + [("en", "home"), ("en", "report")]

# What the snapshot keeps: the structure, not the running text (a paragraph's words, a table's
# cells), which changes with every edit and is read anyway.
KEPT_ROLES = {
    "banner",
    "navigation",
    "main",
    "contentinfo",
    "complementary",
    "region",
    "search",
    "form",
    "dialog",
    "alert",
    "heading",
    "link",
    "/url",
    "button",
    "checkbox",
    "textbox",
    "searchbox",
    "combobox",
    "table",
    "img",
}
_LINE = re.compile(r"^(?P<indent> *)- '?(?P<role>/?[\w-]+)")  # a line with a colon in it comes quoted


def structure(snapshot: str) -> str:
    """The lines of an aria snapshot whose role is kept, indented by their kept ancestors."""
    kept: list[str] = []
    ancestors: list[tuple[int, bool]] = []  # (indent, kept) of the lines above that hold this one
    for line in snapshot.splitlines():
        match = _LINE.match(line)
        if match is None:
            continue  # the rest of a text on several lines
        indent = len(match["indent"])
        while ancestors and ancestors[-1][0] >= indent:
            ancestors.pop()
        keep = match["role"] in KEPT_ROLES
        if keep:
            depth = sum(1 for _, was_kept in ancestors if was_kept)
            kept.append("  " * depth + line.lstrip())
        ancestors.append((indent, keep))
    return "\n".join(kept) + "\n"


@pytest.fixture(scope="module")
def tab(browser):
    """One tab for every snapshot of the module, in a browser that prefers Ukrainian (so that no
    language hint shows: the snapshots do not depend on the machine's languages)."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="uk-UA")
    yield Visitor(context)
    context.close()


@pytest.mark.parametrize(("lang", "kind"), CASES, ids=[f"{lang}-{kind}" for lang, kind in CASES])
def test_the_accessibility_tree_is_as_reviewed(tab, served, lang, kind):
    prefix = "" if kind == "editors" else PREFIX[lang]
    assert tab.go(served + prefix + KINDS[kind]) == []
    actual = structure(tab.page.locator("body").aria_snapshot())
    golden = SNAPSHOTS / f"{lang}-{kind}.yml"
    if os.environ.get(UPDATE_VARIABLE):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.is_file(), f"no snapshot {golden.name} yet: make it with {UPDATE_COMMAND}"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                f"tests/snapshots/{golden.name} (reviewed)",
                f"{lang}/{KINDS[kind] or 'index'} (now)",
            )
        )
        pytest.fail(
            f"The accessibility tree of {lang}/{KINDS[kind]} changed:\n{diff}\n"
            f"If the change is intended, update the snapshots with {UPDATE_COMMAND} and commit them.",
            pytrace=False,
        )


def test_the_structure_keeps_landmarks_headings_and_links_without_the_running_text():
    snapshot = """- banner:
  - link "Менська громада":
    - /url: ./
- main:
  - 'link "Партнерів: 15"':
    - /url: partners/
  - paragraph:
    - text: Some words
    - link "Партнери":
      - /url: partners/
  - heading "Звіти" [level=2]
  - table "Таблиця":
    - row "a b":
      - cell "a"
"""
    assert structure(snapshot) == (
        '- banner:\n  - link "Менська громада":\n    - /url: ./\n- main:\n'
        "  - 'link \"Партнерів: 15\"':\n    - /url: partners/\n"
        '  - link "Партнери":\n    - /url: partners/\n'
        '  - heading "Звіти" [level=2]\n  - table "Таблиця":\n'
    )
