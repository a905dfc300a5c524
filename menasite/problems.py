"""Problems found in the sources, reported in plain words for the editors.

Every problem names the file, the line, the field, what was expected and what was found, so
an editor can go straight to the place. A build collects all problems and stops once with the
full list, instead of stopping at the first.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    field: str
    expected: str
    found: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: found {self.found}; expected {self.expected}."


class SourceError(Exception):
    """One or more problems in the sources; the build must stop."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        lines = [f"The site was not built: {head} to fix."]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


def raise_if_any(problems: list[Problem]) -> None:
    if problems:
        raise SourceError(problems)
