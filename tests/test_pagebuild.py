"""What the MkDocs hook does to each page, tested as plain functions, without a build."""

from __future__ import annotations

import pytest
from conftest import ROOT, make_project

from menasite.pages.pagebuild import (
    complete_markdown,
    finish_html,
    first_body_line,
    load_sources,
    problems_report,
    unexpected_error_message,
)
from menasite.pages.sitestate import SiteStateCache, load_site_state
from menasite.problems import Problem, SourceError


@pytest.fixture(scope="module")
def state():
    return load_site_state(ROOT / "mkdocs.yml")


def rendered_as_names(template, **values):
    """A stand-in for the theme: says which template got which data."""
    return f"[{template} {values['lang']} {type(values['v']).__name__}]"


def complete(state, markdown, *, page="contact.md", lang="en", text_lang="en", first_line=1):
    return complete_markdown(
        markdown,
        state=state,
        lang=lang,
        page=page,
        text_lang=text_lang,
        shown=f"docs/{text_lang}/{page}",
        first_line=first_line,
        render_template=rendered_as_names,
        render_placeholder=lambda label, text: f" <mark>{label} {text}</mark> ",  # stripped by the build
    )


def test_a_marker_becomes_its_part_rendered_from_its_template_in_the_visitors_language(state):
    completed = complete(state, "# Contact\n\n<!-- mena:council -->\n", lang="pl", text_lang="uk")
    assert (
        '<div class="mena-generated" lang="pl" markdown>\n\n[partials/mena/council.html pl dict]\n\n</div>'
        in completed.markdown
    )
    assert completed.parts == {"council"}
    assert completed.problems == []


def test_a_report_page_gets_its_data_part_right_after_its_title(state):
    completed = complete(state, "# Report\n\nThe text.\n", page="reports/2023-q1.md")
    assert completed.markdown.startswith(
        "# Report\n\n" + '<div class="mena-generated" lang="en" markdown>\n\n[partials/mena/report.html en dict]'
    )
    assert completed.markdown.endswith("The text.\n")


def test_text_markers_are_in_the_markdowns_own_language(state):
    completed = complete(state, "[[g:council]]: [[todo:phone|див. [контакти](https://x.example/)]]\n", text_lang="uk")
    assert completed.markdown == (
        "Менська міська рада: див. [контакти](https://x.example/) <mark>Заповнює міська рада: phone</mark>\n"
    )
    assert completed.problems == []


def test_a_production_page_shows_a_placeholders_fallback_and_never_its_mark(state):
    import dataclasses

    production = dataclasses.replace(state, config=dataclasses.replace(state.config, production=True))
    markdown = "Phone: [[todo:phone number|see the [contacts page](https://x.example/)]]. [[todo:confirm the date|]]\n"
    assert complete(production, markdown).markdown == "Phone: see the [contacts page](https://x.example/). \n"
    assert complete(state, markdown).markdown == (
        "Phone: see the [contacts page](https://x.example/) <mark>To be filled in by the council: phone number</mark>. "
        "<mark>To be filled in by the council: confirm the date</mark>\n"
    )


@pytest.mark.parametrize(
    ("marker", "found"),
    [("[[todo:phone]]", "no | and nothing for visitors"), ("[[todo: |see the page]]", "an empty placeholder")],
)
def test_a_placeholder_without_what_visitors_see_is_named(state, marker, found):
    problems = complete(state, f"Text.\n{marker}\n", first_line=5).problems
    assert [str(problem) for problem in problems] == [
        f"docs/en/contact.md:6: {marker}: found {found}; expected what is missing, then after | what visitors see "
        "until it is filled in (may be empty): [[todo:phone number|see the council's contacts page]]."
    ]


def test_raw_html_outside_the_allow_list_is_named_with_its_line_before_the_parts_go_in(state):
    completed = complete(
        state, "# Search\n\n<!-- mena:search -->\n\n<script>alert(1)</script>\n", page="search.md", first_line=4
    )
    assert [problem.line for problem in completed.problems] == [8]
    assert "<script>" in str(completed.problems[0])
    assert [finding.problem("x").line for finding in completed.raw_html] == [8]


def test_what_only_the_sanitiser_removes_is_a_problem_too(state):
    completed = complete(state, "# Page\n\nText.\n")
    html, missed = finish_html(
        "<p>Text.</p><script>x</script><table><tr><td>1</td></tr></table>",
        completed=completed,
        source="# Page\n\nText.\n",
        shown="docs/en/page.md",
        table_label="Table",
    )
    assert "<script>" not in html
    assert '<div class="mena-table-scroll" role="region" tabindex="0" aria-label="Table"><table>' in html
    assert len(missed) == 1 and missed[0].file == "docs/en/page.md"


def test_the_line_where_the_markdown_starts_after_the_front_matter():
    source = "---\ntitle: Contact\n---\n\n# Contact\n"
    assert first_body_line(source, "\n# Contact\n") == 4
    assert first_body_line(source, "something MkDocs made") == 1


def test_an_unexpected_error_is_one_line_naming_the_file_and_a_problem_in_the_sources_stays_as_it_is():
    message = unexpected_error_message(KeyError("label.table"), "docs/en/contact.md")
    assert message.startswith(
        "Something unexpected went wrong while working on docs/en/contact.md: KeyError: 'label.table'. "
    )
    assert "\n" not in message
    assert (
        unexpected_error_message(
            SourceError([Problem("data/council.yml", 3, "name", "an id", "'x'")]), "docs/en/contact.md"
        )
        is None
    )


def test_the_problems_of_all_pages_are_reported_together():
    report = problems_report([Problem("docs/pl/a.md", 2, "x", "y", "z"), Problem("docs/en/a.md", 1, "x", "y", "z")])
    assert report.splitlines() == [
        "The site was not built: problems to fix: 2.",
        "  - docs/en/a.md:1: x: found z; expected y.",
        "  - docs/pl/a.md:2: x: found z; expected y.",
    ]


def test_sources_are_read_once_and_a_mistake_under_serve_keeps_the_last_good_version(tmp_path):
    project = make_project(tmp_path)
    config_file = project / "mkdocs.yml"
    cache = SiteStateCache()
    first = load_sources(cache, config_file)
    assert first.log_lines[0].startswith("sources loaded and checked (")
    again = load_sources(cache, config_file)
    assert again.state is first.state and again.log_lines == ()

    council = project / "data" / "council.yml"
    council.write_text(
        council.read_text(encoding="utf-8").replace("name: council", "name: no_such_name", 1), encoding="utf-8"
    )
    failed = load_sources(cache, config_file)
    assert failed.state is None and "no_such_name" in failed.failure  # a build stops

    cache.serving = True
    shown = load_sources(cache, config_file)
    assert shown.state is first.state  # the last good version stays on screen
    assert "no_such_name" in shown.notice and shown.notice.endswith(
        "Showing the last good version until this is fixed."
    )
    assert load_sources(cache, config_file).notice is None  # said once, not at every rebuild
    assert cache.problems and "no_such_name" in str(cache.problems[0])
