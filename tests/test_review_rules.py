"""Pull requests that change what runs during a build or in CI need a developer's review."""

from __future__ import annotations

from conftest import ROOT

# Everything a build or CI executes or renders: mkdocs.yml can run Python (!!python tags).
RUNS_CODE = [
    "mkdocs.yml",
    "hooks/i18n_pages.py",
    "menasite/site/build.py",
    "overrides/main.html",
    ".github/workflows/pull-request.yml",
    ".ci/run",
    "run",
    "requirements/build.txt",
    "pyproject.toml",
    "tests/conftest.py",
]
EDITORS_CHANGE_FREELY = ["docs/uk/index.md", "data/partners.yml", "data/reports/2023-q1.yml"]


def owned_patterns() -> list[str]:
    lines = (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line.strip() and not line.startswith("#") and len(line.split()) > 1]


def needs_review(path: str) -> bool:
    for pattern in owned_patterns():
        anchored = pattern.lstrip("/")
        if anchored.endswith("/") and path.startswith(anchored) or path == anchored:
            return True
    return False


def test_every_file_that_runs_code_needs_a_developers_review():
    assert [path for path in RUNS_CODE if not needs_review(path)] == []
    assert all((ROOT / path).exists() for path in RUNS_CODE)


def test_editors_pages_and_data_need_no_developer():
    assert [path for path in EDITORS_CHANGE_FREELY if needs_review(path)] == []


def test_the_pull_request_workflow_keeps_no_token_in_the_checkout():
    workflow = (ROOT / ".github/workflows/pull-request.yml").read_text(encoding="utf-8")
    assert "persist-credentials: false" in workflow
    assert "contents: read" in workflow
