"""What a quarterly report is, kept in one place: its id, its data file and its page.

A report's id is its quarter as a file name writes it: ``2023-q1``. Its data is
``data/reports/2023-q1.yml``; its text is the page ``reports/2023-q1.md`` in each language
folder of ``docs/``.
"""

from __future__ import annotations

import re

from menasite.data.documents import DocumentKind

REPORTS_FOLDER = "data/reports"  # every report's data file, as the repository names it
# The id as a file name writes it. The quarter is any digit here, so that "2023-q5" is still
# seen as a report and told that quarters are 1 to 4, rather than ignored.
REPORT_ID = re.compile(r"(?P<year>\d{4})-q(?P<quarter>\d)")
_WRITTEN_QUARTER = re.compile(r"(?P<year>\d{4})-[qQ](?P<quarter>[1-4])")
REPORTS = DocumentKind(REPORTS_FOLDER, "reports", REPORT_ID)
report_data_file = REPORTS.data_file  # "2023-q1" -> "data/reports/2023-q1.yml"
report_page = REPORTS.page  # "2023-q1" -> "reports/2023-q1.md"
report_of_data_file = REPORTS.of_data_file  # "data/reports/2023-q1.yml" -> "2023-q1"
report_of_page = REPORTS.of_page  # "reports/2023-q1.md" -> "2023-q1"


def quarter_of_id(report_id: str) -> tuple[int, int] | None:
    """(year, quarter) of a report id written as a file name ("2023-q1"), None if it is not one
    (quarters 1 to 4)."""
    match = REPORT_ID.fullmatch(report_id)
    return (int(match["year"]), int(match["quarter"])) if match and 1 <= int(match["quarter"]) <= 4 else None


def written_quarter(text: str) -> tuple[int, int] | None:
    """(year, quarter) of a quarter an editor typed: "2023-q2" or "2023-Q2"; None otherwise."""
    match = _WRITTEN_QUARTER.fullmatch(text)
    return (int(match["year"]), int(match["quarter"])) if match else None


def report_id(year: int, quarter: int) -> str:
    """The id (and file name) of a quarter: (2023, 2) -> "2023-q2"."""
    return f"{year}-q{quarter}"
