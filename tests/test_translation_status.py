"""Translation status from the git history: missing, stale, current, reviewed; shallow clones."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import GIT_ENV, ROOT, make_project


def git(repo, *args):
    return subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True, text=True).stdout


def commit(repo, message):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def change(repo, relative, old, new):
    path = repo / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def translations(repo, *args):
    return subprocess.run(
        [sys.executable, "-m", "menasite", "translations", "--project", str(repo), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def repo(tmp_path):
    project = make_project(tmp_path)
    git(project, "init", "-q", "-b", "main")
    commit(project, "The site as it is")
    return project


def test_everything_is_current_after_the_first_commit(repo):
    assert translations(repo).stdout == "All translations are current.\n"


def test_a_missing_translation(repo):
    (repo / "docs/pl/programme.md").unlink()
    commit(repo, "Polish programme page removed")
    assert translations(repo).stdout == "docs/*/programme.md: en ok; pl MISSING\n"


def test_a_ukrainian_change_makes_translations_stale_until_they_are_updated(repo):
    change(repo, "docs/uk/contact.md", "# Контакти та співпраця", "# Контакти і співпраця")
    commit(repo, "Ukrainian contact page changed")
    ukrainian = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    assert (
        f"docs/*/contact.md: en STALE (Ukrainian changed in {ukrainian}); pl STALE (Ukrainian changed in {ukrainian})"
        in translations(repo).stdout
    )
    change(repo, "docs/en/contact.md", "# Contact", "# Contact and cooperation")
    commit(repo, "English contact page follows")
    assert f"docs/*/contact.md: en ok; pl STALE (Ukrainian changed in {ukrainian})" in translations(repo).stdout


def test_a_reviewed_mark_keeps_a_translation_current_until_the_next_change(repo):
    change(repo, "docs/uk/contact.md", "Міська рада", "Міська рада ")
    commit(repo, "Typo in the Ukrainian contact page")
    marked = translations(repo, "--reviewed", "docs/pl/contact.md")
    assert marked.returncode == 0, marked.stderr
    assert "docs/pl/contact.md" in (repo / "data/translations-reviewed.yml").read_text(encoding="utf-8")
    # The translation itself is untouched: only the record of reviews changed (or was made).
    assert [line[3:] for line in git(repo, "status", "--short").splitlines()] == ["data/translations-reviewed.yml"]
    assert "docs/*/contact.md: en STALE" in translations(repo).stdout and "pl STALE" not in translations(repo).stdout
    commit(repo, "Polish contact page reviewed")
    change(repo, "docs/uk/contact.md", "Міська рада ", "Міська рада, адреса")
    commit(repo, "A real change")
    assert "pl STALE" in translations(repo).stdout


def test_data_texts_are_judged_per_field(repo):
    change(repo, "data/results.yml", "      uk: автобус\n", "      uk: автобус (пасажирський)\n")
    commit(repo, "Bus description more precise")
    output = translations(repo).stdout
    assert "data/results.yml: results[bus-2023-q1].description: en STALE" in output
    assert "results[vehicles-2023-q1]" not in output  # other texts of the same file are current
    change(repo, "data/results.yml", "      en: a bus\n", "      en: a (passenger) bus\n")
    commit(repo, "English follows")
    output = translations(repo).stdout
    assert "data/results.yml: results[bus-2023-q1].description: en ok; pl STALE" in output
    marked = translations(repo, "--reviewed", "data/results.yml: results[bus-2023-q1].description", "--language", "pl")
    assert marked.returncode == 0, marked.stderr
    assert translations(repo).stdout == "All translations are current.\n"


def test_a_shallow_clone_is_refused_with_a_clear_message(repo, tmp_path):
    change(repo, "docs/uk/contact.md", "# Контакти та співпраця", "# Контакти і співпраця")
    commit(repo, "Second commit")
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(shallow)], check=True, capture_output=True)
    for command in ("translations", "check"):
        result = subprocess.run(
            [sys.executable, "-m", "menasite", command, "--project", str(shallow)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 1
        assert (
            "  - .git: history: found a shallow clone, which has only the last commits; expected the full history, "
            "to tell which translations are stale: run  git fetch --unshallow  (on GitHub Actions: fetch-depth: 0)."
        ) in result.stderr


def test_the_editors_status_page_is_published_but_not_for_visitors(repo, tmp_path):
    from menasite.site.build import build_site

    change(repo, "docs/uk/contact.md", "# Контакти та співпраця", "# Контакти і співпраця")
    commit(repo, "Ukrainian change")
    build_site(tmp_path / "site", root=repo)
    page = (tmp_path / "site/editors/translations/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in page
    assert "docs/*/contact.md" in page and "застарів / stale" in page
    assert "editors" not in (tmp_path / "site/sitemap.xml").read_text(encoding="utf-8")
    assert "editors/" not in (tmp_path / "site/index.html").read_text(encoding="utf-8")
