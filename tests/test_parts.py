"""The registry of generated parts: what a page shows decides its "last updated" date, and a
marker the registry does not know is a problem with its file and line."""

from __future__ import annotations

import os
import subprocess

import pytest
from conftest import ROOT, make_project

from menasite.pages.pagebuild import complete_markdown
from menasite.pages.pagecontext import page_context
from menasite.pages.parts import PARTS, data_shown, markers_in, report_part, shown_by_some_part
from menasite.pages.sitestate import load_site_state


def git(repo, *args, date="2026-01-01T12:00:00+02:00"):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def state():
    return load_site_state(ROOT / "mkdocs.yml")


def test_a_change_to_the_council_data_moves_the_contact_page_date_and_only_where_it_is_shown(tmp_path):
    repo = make_project(tmp_path)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "the site", date="2026-01-01T12:00:00+02:00")
    council = repo / "data" / "council.yml"
    council.write_text(council.read_text(encoding="utf-8") + "# the address checked again\n", encoding="utf-8")
    git(repo, "commit", "-q", "-m", "council", "--", "data/council.yml", date="2026-03-15T12:00:00+02:00")

    state = load_site_state(repo / "mkdocs.yml")
    for lang in ("uk", "en", "pl"):
        assert page_context(state, "contact.md", lang)["updated"]["iso"] == "2026-03-15", lang
    # Pages without the council part keep the date of their own sources.
    assert page_context(state, "partners.md", "uk")["updated"]["iso"] == "2026-01-01"
    assert page_context(state, "accessibility.md", "en")["updated"]["iso"] == "2026-01-01"
    assert page_context(state, "contact.md", "en")["updated"]["text"] == "15 March 2026"


def test_a_page_is_dated_by_the_parts_its_markdown_uses(state):
    assert state.page_parts["docs/uk/contact.md"] == ("council",)
    assert state.page_parts["docs/en/reports/index.md"] == ("reports",)
    assert state.page_parts["docs/uk/index.md"] == ("keyfacts",)
    assert state.page_parts["docs/uk/accessibility.md"] == ()
    assert data_shown(["council"]) == ["data/council.yml"]
    assert "data/reports/2023-q1.yml" in report_part("2023-q1").data


def test_every_part_has_its_template_and_every_marker_of_the_pages_a_part():
    for part in PARTS.values():
        assert (ROOT / "overrides" / part.template_path).is_file(), part.name
        assert markers_in(f"# Title\n\n{part.marker}\n") == (part.name,)
        assert all((ROOT / source).exists() for source in part.data), part.name
    assert (ROOT / "overrides" / report_part("2023-q1").template_path).is_file()
    used = {name for path in (ROOT / "docs").rglob("*.md") for name in markers_in(path.read_text(encoding="utf-8"))}
    assert used <= set(PARTS)


def test_the_translation_status_judges_the_texts_that_parts_show():
    assert shown_by_some_part("data/council.yml")
    assert shown_by_some_part("data/reports/2023-q1.yml")
    assert not shown_by_some_part("data/glossary.yml")  # names: required in every language
    assert not shown_by_some_part("data/strings.yml")


def test_a_marker_without_a_registry_entry_is_a_problem_with_its_line(state):
    completed = complete_markdown(
        "# Contact\n\nText.\n\n<!-- mena:counsil -->\n",
        state=state,
        lang="en",
        page="contact.md",
        text_lang="en",
        shown="docs/en/contact.md",
        first_line=5,
        render_template=lambda template, **values: pytest.fail("nothing is rendered for an unknown part"),
        render_placeholder=lambda label, text: text,
    )
    assert [str(problem) for problem in completed.problems] == [
        "docs/en/contact.md:9: <!-- mena:counsil -->: found 'counsil'; expected one of the generated parts "
        "<!-- mena:council -->, <!-- mena:keyfacts -->, <!-- mena:open-data -->, <!-- mena:partners -->, <!-- mena:programme -->, <!-- mena:reports -->, "
        "<!-- mena:results -->, <!-- mena:search -->."
    ]
    assert "<!-- mena:counsil -->" in completed.markdown  # left as written
