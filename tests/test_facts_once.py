"""Facts kept once: what a report is, how a field is named, the one git wrapper, !ENV in
mkdocs.yml."""

from __future__ import annotations

import os
import subprocess

import pytest
from conftest import ROOT

from menasite.data.fieldnames import field_name
from menasite.data.git import Git, GitError
from menasite.data.reports import (
    quarter_of_id,
    report_data_file,
    report_of_data_file,
    report_of_page,
    report_page,
    written_quarter,
)
from menasite.data.yamldoc import load_text
from menasite.pages.siteconfig import load_site_config
from menasite.problems import SourceError

# --- a report -----------------------------------------------------------------------------------


def test_a_report_is_its_id_its_data_file_and_its_page():
    assert report_data_file("2023-q2") == "data/reports/2023-q2.yml"
    assert report_page("2023-q2") == "reports/2023-q2.md"
    assert report_of_page("reports/2023-q2.md") == "2023-q2"
    assert report_of_data_file("data/reports/2023-q2.yml") == "2023-q2"
    assert report_of_page("reports/index.md") is None
    assert report_of_data_file("data/results.yml") is None


def test_a_quarter_as_an_editor_types_it():
    assert written_quarter("2023-q2") == written_quarter("2023-Q2") == (2023, 2)
    assert written_quarter("2023-q5") is None
    assert written_quarter("23-q1") is None
    assert quarter_of_id("2023-q4") == (2023, 4)
    assert quarter_of_id("2023-Q4") is None  # a file name is lower-case
    assert report_of_page("reports/2023-q5.md") == "2023-q5"  # seen as a report, then told quarters are 1-4


# --- field names --------------------------------------------------------------------------------

DATA = {"partners": [{"id": "gmina-dabrowa", "areas": ["culture", "sport"]}, {"name": "no id"}]}


def test_an_item_is_named_by_its_id_else_by_its_position_from_1():
    assert field_name(("partners", 0, "areas", 1), DATA) == "partners[gmina-dabrowa].areas[2]"
    assert field_name(("partners", 1, "name"), DATA) == "partners[2].name"
    assert field_name(("partners", 0, "areas", 1)) == "partners[1].areas[2]"  # before the data is read
    assert field_name(()) == "(the whole file)"


def test_an_item_whose_id_is_used_twice_is_named_by_its_position():
    twice = {"partners": [{"id": "gmina-dabrowa"}, {"id": "gmina-dabrowa"}]}
    assert field_name(("partners", 1, "id"), twice) == "partners[2].id"


def test_problems_found_while_reading_yaml_name_items_by_id_like_the_schema_does():
    text = "partners:\n  - id: gmina-dabrowa\n    since: !foo 2021\n"
    with pytest.raises(SourceError) as tag:
        load_text(text, "data/partners.yml", expected="partners")
    assert tag.value.problems[0].field == "partners[gmina-dabrowa].since"
    text = "partners:\n  - id: gmina-dabrowa\n    since: 2021\n    since: 2022\n"
    with pytest.raises(SourceError) as twice:
        load_text(text, "data/partners.yml", expected="partners")
    assert twice.value.problems[0].field == "partners[gmina-dabrowa].since"


# --- git ----------------------------------------------------------------------------------------


def test_without_a_repository_git_answers_plainly(tmp_path):
    git = Git(tmp_path)
    assert git.usable() == "no git"
    assert not git.has_full_history()
    assert git.last_commit_time() is None
    assert git.show("HEAD", "mkdocs.yml") is None
    with pytest.raises(GitError):
        git.tracked_files()


def test_ancestry_and_files_through_the_one_wrapper(tmp_path):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "E",
        "GIT_AUTHOR_EMAIL": "e@example.org",
        "GIT_COMMITTER_NAME": "E",
        "GIT_COMMITTER_EMAIL": "e@example.org",
        "GIT_AUTHOR_DATE": "2026-01-01T23:30:00+00:00",
        "GIT_COMMITTER_DATE": "2026-01-01T23:30:00+00:00",
    }
    for step in ("one", "two"):
        (tmp_path / "docs").mkdir(exist_ok=True)
        (tmp_path / "docs" / f"{step}.md").write_text(step, encoding="utf-8")
        subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, env=env)
        subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True, env=env)
        subprocess.run(["git", "commit", "-q", "-m", step], cwd=tmp_path, check=True, env=env)
    git = Git(tmp_path)
    first, second = git.commits_touching("docs")
    assert git.is_ancestor(first, second) and not git.is_ancestor(second, first)
    assert git.tracked_files() == ["docs/one.md", "docs/two.md"]
    assert git.has_full_history() and git.usable() is None
    assert git.last_change_dates(("docs",)) == {
        "docs/one.md": "2026-01-02",
        "docs/two.md": "2026-01-02",
    }  # a day in Kyiv


# --- !ENV in mkdocs.yml -------------------------------------------------------------------------


def test_the_site_address_from_the_environment_a_build_gives_without_changing_this_process(monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    assert (
        load_site_config(ROOT / "mkdocs.yml", {"SITE_URL": "https://example.org/x/"}).site_url
        == "https://example.org/x/"
    )
    assert "SITE_URL" not in os.environ
    assert (
        load_site_config(ROOT / "mkdocs.yml").site_url == "https://mena.cg.gov.ua/partnership/"
    )  # the default of !ENV
    monkeypatch.setenv("SITE_URL", "https://example.org/y/")
    assert load_site_config(ROOT / "mkdocs.yml").site_url == "https://example.org/y/"


def test_an_empty_site_address_is_named_as_typed():
    with pytest.raises(SourceError) as empty:
        load_site_config(ROOT / "mkdocs.yml", {"SITE_URL": ""})
    assert empty.value.problems[0].found == "''"
