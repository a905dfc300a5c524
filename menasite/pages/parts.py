"""The generated parts of pages, each kept once: its marker, its view, its template and the data
files it shows.

A page asks for a part with a line ``<!-- mena:NAME -->`` in its markdown; a report's page
gets its report part above its text by itself. Everything else follows from this registry:
the hook renders a part with its view and template, a page's "last updated" date counts the
data files of the parts its markdown really uses, and the translation status judges the data
texts that parts show.

The site's interface words and names (``data/strings.yml``, ``data/glossary.yml``) are on
every page, markers included, and are not counted as a part's data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from menasite.data.programmes import PROGRAMMES_FOLDER
from menasite.data.reports import REPORTS_FOLDER, report_data_file
from menasite.pages.markers import PAGE_MARKER
from menasite.pages.views import View

PARTNERS, RESULTS, COUNCIL = ("data/partners.yml", "data/results.yml", "data/council.yml")


@dataclass(frozen=True)
class Part:
    name: str  # the marker's name: <!-- mena:NAME -->
    template: str  # overrides/partials/mena/TEMPLATE.html
    view: Callable[[View], Any]  # what the template gets as ``v``
    data: tuple[str, ...]  # the data files (a folder: every file in it) the part shows

    @property
    def marker(self) -> str:
        return f"<!-- mena:{self.name} -->"

    @property
    def template_path(self) -> str:
        """The template as the theme's loader names it."""
        return f"partials/mena/{self.template}.html"


PARTS: dict[str, Part] = {
    part.name: part
    for part in [
        # Partners and results cite sources, and a source may be a report ("report:2023-q1").
        Part("partners", "partners", View.partners, (PARTNERS, RESULTS, REPORTS_FOLDER)),
        Part("results", "results", View.results, (RESULTS, PARTNERS, REPORTS_FOLDER)),
        Part("programme", "programme", View.programme, (PROGRAMMES_FOLDER, REPORTS_FOLDER, RESULTS)),
        Part("reports", "reports-index", View.reports_index, (REPORTS_FOLDER, PROGRAMMES_FOLDER, RESULTS)),
        Part("council", "council", View.council, (COUNCIL,)),
        Part("keyfacts", "keyfacts", View.key_facts, (COUNCIL, PROGRAMMES_FOLDER, PARTNERS, RESULTS, REPORTS_FOLDER)),
        Part("search", "search", lambda view: None, ()),
        # Every dataset with its passport: the data it publishes, as on the data pages.
        Part("open-data", "open-data", View.open_data, (PARTNERS, RESULTS, PROGRAMMES_FOLDER, REPORTS_FOLDER)),
    ]
}


def report_part(report_id: str) -> Part:
    """The data part of a report's page (programme, partners, measures, results, financing)."""
    return Part(
        "report",
        "report",
        lambda view: view.report(report_id),
        (report_data_file(report_id), PROGRAMMES_FOLDER, PARTNERS, RESULTS),
    )


def programme_part(programme_id: str) -> Part:
    """The data part of a programme's own page (its data, quarters and totals)."""
    return Part(
        "programme-page",
        "programme-page",
        lambda view: view.programme_own_page(programme_id),
        (PROGRAMMES_FOLDER, REPORTS_FOLDER, RESULTS),
    )


def markers_in(markdown: str) -> tuple[str, ...]:
    """The names of the parts a page's markdown asks for, in order, each once."""
    return tuple(dict.fromkeys(match["name"] for match in PAGE_MARKER.finditer(markdown)))


def data_shown(names: Iterable[str]) -> list[str]:
    """The data files the parts of these names show (names without a part show nothing: the
    build reports them)."""
    return [source for name in names if name in PARTS for source in PARTS[name].data]


def shown_by_some_part(data_file: str) -> bool:
    """Whether a page can show a data file's texts through one of the parts."""
    sources = {source for part in PARTS.values() for source in part.data} | {REPORTS_FOLDER, PROGRAMMES_FOLDER}
    return any(data_file == source or data_file.startswith(source.rstrip("/") + "/") for source in sources)
