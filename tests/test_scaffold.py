"""./run new-report: a new quarter's files from templates, never over an existing quarter."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, make_project, tree_bytes


def new_report(project, quarter):
    return subprocess.run(
        [sys.executable, "-m", "menasite", "new-report", "--project", str(project), quarter],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_a_new_report_gets_its_data_file_and_a_text_per_language(tmp_path):
    project = make_project(tmp_path)
    result = new_report(project, "2023-q2")
    assert result.returncode == 0, result.stderr
    data = (project / "data/reports/2023-q2.yml").read_text(encoding="utf-8")
    assert "period:\n  year: 2023\n  quarter: 2\n" in data
    assert (
        (project / "docs/uk/reports/2023-q2.md")
        .read_text(encoding="utf-8")
        .startswith("# Звіт за II квартал 2023 року\n")
    )
    assert (project / "docs/en/reports/2023-q2.md").read_text(encoding="utf-8").startswith("# Report for Q2 2023\n")
    assert (
        (project / "docs/pl/reports/2023-q2.md")
        .read_text(encoding="utf-8")
        .startswith("# Sprawozdanie za II kwartał 2023 r.\n")
    )
    # What is still missing is for the check command to say, in plain words.
    check = subprocess.run(
        [sys.executable, "-m", "menasite", "check", "--project", str(project)], cwd=ROOT, capture_output=True, text=True
    )
    assert "data/reports/2023-q2.yml:4: signatory: found none; expected a value for 'signatory'." in check.stderr


def test_a_new_report_never_overwrites_an_existing_quarter(tmp_path):
    project = make_project(tmp_path)
    before = tree_bytes(project / "docs") | tree_bytes(project / "data")
    result = new_report(project, "2023-q1")
    assert result.returncode == 1
    assert (
        "  - data/reports/2023-q1.yml: new report: found a file that already exists; expected a quarter that has no files yet (nothing was written)."
        in result.stderr
    )
    assert "  - docs/uk/reports/2023-q1.md: new report:" in result.stderr
    assert tree_bytes(project / "docs") | tree_bytes(project / "data") == before


def test_a_quarter_name_that_is_not_a_quarter(tmp_path):
    project = make_project(tmp_path)
    result = new_report(project, "2023-q5")
    assert result.returncode == 1
    assert (
        "  - 2023-q5: quarter: found '2023-q5'; expected a quarter written YYYY-qN with N from 1 to 4 (2023-q2)."
        in result.stderr
    )
    assert not (project / "data/reports/2023-q5.yml").exists()
