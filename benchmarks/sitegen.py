"""Projects of a chosen size for the build-speed benchmark, made through the real data formats.

A generated project is the site's sources (``docs/``, ``data/``, ``mkdocs.yml``; templates
and hooks linked) with further quarters: copies of the Q1 2023 report (its data file, its text
in every language and its four results, ids renamed), spread over as many three-year
programmes as they need (each with its data file and its page), and generated partners, some
of which each report names. Each added quarter is one commit, so that the history grows with
the site as it does for the council. Nothing here is a fact about the community: every
generated name says it is a benchmark's.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST_YEAR, FIRST_QUARTER = 2023, 1
PROGRAMME_YEARS = 3  # 2022-2024, 2025-2027, ...
FIRST_PROGRAMME = 2022
TEMPLATE_REPORT = "2023-q1"
TEMPLATE_PROGRAMME = "2022-2024"
LANGUAGES = ("uk", "en", "pl")
# One commit for every file the generator writes: reproducible ids for the same size.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "benchmark",
    "GIT_AUTHOR_EMAIL": "benchmark@example.invalid",
    "GIT_COMMITTER_NAME": "benchmark",
    "GIT_COMMITTER_EMAIL": "benchmark@example.invalid",
    "GIT_AUTHOR_DATE": "2026-01-01T12:00:00+02:00",
    "GIT_COMMITTER_DATE": "2026-01-01T12:00:00+02:00",
}


def quarter_ids(count: int) -> list[str]:
    """The first ``count`` quarters from Q1 2023: "2023-q1", "2023-q2", ..."""
    ids = []
    for index in range(count):
        year, quarter = divmod(FIRST_QUARTER - 1 + index, 4)
        ids.append(f"{FIRST_YEAR + year}-q{quarter + 1}")
    return ids


def programme_of(quarter: str) -> str:
    year = int(quarter[:4])
    start = FIRST_PROGRAMME + (year - FIRST_PROGRAMME) // PROGRAMME_YEARS * PROGRAMME_YEARS
    return f"{start}-{start + PROGRAMME_YEARS - 1}"


def generate_project(dest: Path, quarters: int, partners: int, *, history: bool = True) -> Path:
    """A project at ``dest`` (a new folder) with ``quarters`` reports and ``partners`` partners."""
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(ROOT / "data", dest / "data")
    for linked in ("overrides", "hooks", "deploy"):
        (dest / linked).symlink_to(ROOT / linked)
    existing = len(re.findall(r"^  - id: ", _read(dest / "data/partners.yml"), re.MULTILINE))
    added = [f"bench-partner-{number:04d}" for number in range(1, max(0, partners - existing) + 1)]
    _append(dest / "data/partners.yml", "".join(_partner(partner_id) for partner_id in added))
    if history:
        _git(dest, "init", "-q", "-b", "main")
        _commit(dest, "the site as it is, with generated partners")
    ids = quarter_ids(quarters)
    for number, quarter in enumerate(ids[1:], start=1):
        _add_programme(dest, programme_of(quarter), quarter)
        named = added[(number * 3) % len(added) :][:3] if added else []  # a few partners per report
        _add_quarter(dest, quarter, named)
        if history:
            _commit(dest, f"report {quarter}")
    return dest


def _add_programme(dest: Path, programme: str, first_report: str) -> None:
    data = dest / "data/programmes" / f"{programme}.yml"
    if data.exists():
        return
    start, end = programme.split("-")
    text = _read(dest / "data/programmes" / f"{TEMPLATE_PROGRAMME}.yml")
    text = text.replace("from: 2022", f"from: {start}").replace("to: 2024", f"to: {end}")
    text = text.replace(f"report:{TEMPLATE_REPORT}", f"report:{first_report}")
    data.write_text(text, encoding="utf-8")
    for lang in LANGUAGES:
        page = _read(dest / "docs" / lang / "programmes" / f"{TEMPLATE_PROGRAMME}.md")
        page = page.replace("2022–2024", f"{start}–{end}").replace("2022-2024", programme)
        (dest / "docs" / lang / "programmes" / f"{programme}.md").write_text(page, encoding="utf-8")


def _add_quarter(dest: Path, quarter: str, named: list[str]) -> None:
    year, number = quarter.split("-q")
    report = _read(dest / "data/reports" / f"{TEMPLATE_REPORT}.yml")
    report = report.replace("year: 2023", f"year: {year}").replace("quarter: 1", f"quarter: {number}")
    report = report.replace(TEMPLATE_REPORT, quarter)
    if named:
        report = report.replace("partners: [", f"partners: [{', '.join(named)}, ", 1)
    (dest / "data/reports" / f"{quarter}.yml").write_text(report, encoding="utf-8")
    for lang in LANGUAGES:
        text = _read(dest / "docs" / lang / "reports" / f"{TEMPLATE_REPORT}.md").replace(TEMPLATE_REPORT, quarter)
        (dest / "docs" / lang / "reports" / f"{quarter}.md").write_text(text, encoding="utf-8")
    _append(dest / "data/results.yml", _results_of(dest, quarter))


def _results_of(dest: Path, quarter: str) -> str:
    """The template report's results (proportionate: four a quarter), ids renamed, without the
    may_overlap links (those name records of the template quarter only)."""
    text = _read(ROOT / "data/results.yml")
    records = re.split(r"(?m)^(?=  - id: )", text)[1:]
    copies = [record for record in records if re.match(rf"  - id: \S+-{TEMPLATE_REPORT}\n", record)]
    renamed = [re.sub(r"(?m)^    may_overlap: .*\n", "", record).replace(TEMPLATE_REPORT, quarter) for record in copies]
    return "\n" + "".join(record.rstrip("\n") + "\n" for record in renamed)


def _partner(partner_id: str) -> str:
    number = int(partner_id.rsplit("-", 1)[1])
    return (
        f"\n  - id: {partner_id}\n"
        f"    name: {{uk: бенчмарк-партнер {number}, en: benchmark partner {number}, pl: partner testowy {number}}}\n"
        "    kind: country_donors\n"
        "    country: PL\n"
        f"    sources: [report:{TEMPLATE_REPORT}]\n"
    )


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(_read(path).rstrip("\n") + "\n" + text, encoding="utf-8")


def _git(dest: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=dest, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def _commit(dest: Path, message: str) -> None:
    _git(dest, "add", "-A")
    _git(dest, "-c", "commit.gpgsign=false", "commit", "-q", "-m", message)
