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


def workflow_jobs() -> dict:
    import yaml

    return yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))["jobs"]


def test_every_action_is_pinned_to_a_full_commit():
    """A tag such as @v4 can be moved to other code; a commit cannot."""
    import re

    uses = [step["uses"] for job in workflow_jobs().values() for step in job["steps"] if "uses" in step]
    assert uses and [use for use in uses if not re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", use)] == []


def test_every_job_runs_on_debian_12_with_a_time_limit():
    """Debian 12 as here (Ubuntu has no Debian chromium); a hung browser never holds a runner for 6 hours."""
    jobs = workflow_jobs()
    assert {name: (job.get("container"), job.get("timeout-minutes", 0) <= 90) for name, job in jobs.items()} == {
        name: ("debian:12", True) for name in jobs
    }
    assert all("sudo" not in step.get("run", "") for job in jobs.values() for step in job["steps"])


def test_main_uploads_the_production_site_after_the_checks():
    job = workflow_jobs()["production-site"]
    assert job["needs"] == "check-test-preview"
    assert "refs/heads/main" in job["if"]
    assert any("--production" in step.get("run", "") for step in job["steps"])
