"""Documents kept as one data file each, named by an id, with a page of the same name in every
language folder of ``docs/``: quarterly reports (``2023-q1``) and programmes (``2022-2024``).
One shape for both; ``reports`` and ``programmes`` say what their ids mean."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentKind:
    folder: str  # the data files' folder, as the repository names it: "data/reports"
    pages: str  # the pages' folder inside each language folder: "reports"
    id_pattern: re.Pattern[str]  # an id as a file name writes it

    def data_file(self, document_id: str) -> str:
        """ "2023-q1" -> "data/reports/2023-q1.yml"."""
        return f"{self.folder}/{document_id}.yml"

    def page(self, document_id: str) -> str:
        """ "2023-q1" -> "reports/2023-q1.md", the page inside each language folder."""
        return f"{self.pages}/{document_id}.md"

    def of_data_file(self, shown: str) -> str | None:
        """ "data/reports/2023-q1.yml" -> "2023-q1"; None for any other data file."""
        folder, _, name = shown.rpartition("/")
        return name.removesuffix(".yml") if folder == self.folder and name.endswith(".yml") else None

    def of_page(self, page: str) -> str | None:
        """The document whose page this is: "reports/2023-q1.md" -> "2023-q1"; None for another page."""
        folder, _, name = page.rpartition("/")
        if folder != self.pages or not name.endswith(".md"):
            return None
        document_id = name.removesuffix(".md")
        return document_id if self.id_pattern.fullmatch(document_id) else None
