"""What a programme is, kept in one place: its id, its data file, its page, and which
programme a quarter belongs to.

A programme's id is its years as its file name writes them: ``2022-2024``. Its data is
``data/programmes/2022-2024.yml``; its page (its quarters and totals) is
``programmes/2022-2024.md`` in each language folder of ``docs/``. Programmes never overlap, so
every quarter belongs to at most one of them, and a report to exactly one.
"""

from __future__ import annotations

import re

from menasite.data.documents import DocumentKind

PROGRAMMES_FOLDER = "data/programmes"  # every programme's data file, as the repository names it
PROGRAMME_ID = re.compile(r"(?P<start>\d{4})-(?P<end>\d{4})")
PROGRAMMES = DocumentKind(PROGRAMMES_FOLDER, "programmes", PROGRAMME_ID)
programme_data_file = PROGRAMMES.data_file  # "2022-2024" -> "data/programmes/2022-2024.yml"
programme_page = PROGRAMMES.page  # "2022-2024" -> "programmes/2022-2024.md"
programme_of_data_file = PROGRAMMES.of_data_file  # "data/programmes/2022-2024.yml" -> "2022-2024"
programme_of_page = PROGRAMMES.of_page  # "programmes/2022-2024.md" -> "2022-2024"


def years_of_id(programme_id: str) -> tuple[int, int] | None:
    """(first year, last year) of an id written as a file name ("2022-2024"), None if it is not one."""
    match = PROGRAMME_ID.fullmatch(programme_id)
    return (int(match["start"]), int(match["end"])) if match else None


def programme_id(period: dict) -> str:
    """The id (and file name) a programme's period gives: {from: 2022, to: 2024} -> "2022-2024"."""
    return f"{period['from']}-{period['to']}"


def covering(programmes: dict[str, dict], year: int) -> str | None:
    """The programme whose years include ``year`` (reports are by quarter, programmes by year)."""
    for found, programme in programmes.items():
        if programme["period"]["from"] <= year <= programme["period"]["to"]:
            return found
    return None


def overlapping(programmes: dict[str, dict]) -> list[tuple[str, str]]:
    """Pairs (later, earlier) of programmes whose years overlap, in file order."""
    ids = sorted(programmes)
    pairs = []
    for position, later in enumerate(ids):
        for earlier in ids[:position]:
            a, b = programmes[earlier]["period"], programmes[later]["period"]
            if a["from"] <= b["to"] and b["from"] <= a["to"]:
                pairs.append((later, earlier))
    return pairs
