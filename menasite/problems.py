"""Problems found in the sources, reported in plain words for the editors.

Every problem names the file, the line, the field, what was expected and what was found, so
an editor can go straight to the place. A build collects all problems and stops once with the
full list, instead of stopping at the first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from menasite.messages import Msg, message_language, render, t


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str | Msg
    expected: str | Msg
    found: str | Msg

    def render(self, lang: str = "en") -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return render(
            t(
                "{where}: {field}: found {found}; expected {expected}.",
                where=where,
                field=self.field,
                found=self.found,
                expected=self.expected,
            ),
            lang,
        )

    def __str__(self) -> str:
        return self.render("en")

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, str(self.field), str(self.found), str(self.expected))


class SourceError(Exception):
    """One or more problems in the sources; the build must stop."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=Problem.sort_key)
        super().__init__(self.report("en"))

    def report(self, lang: str | None = None, headline: Msg | None = None) -> str:
        """All problems, in the editors' language (MENA_LANG; Ukrainian by default), under a
        headline that counts them (by default: the site was not built)."""
        lang = message_language(lang)
        headline = headline or t("The site was not built: problems to fix: {count}.", count=len(self.problems))
        lines = [render(headline, lang)]
        lines += [f"  - {problem.render(lang)}" for problem in self.problems]
        return "\n".join(lines)


def raise_if_any(problems: list[Problem]) -> None:
    if problems:
        raise SourceError(problems)


def unexpected(error: str, file: str | None) -> Msg:
    """A fault in the tools, not in the sources: one line, naming the file worked on if known."""
    if file:
        return t(
            "Something unexpected went wrong while working on {file}: {error}. This is a fault in the site's "
            "tools, not in your text: please report it to the developers with this line (run the command "
            "again with --debug to see the details).",
            file=file,
            error=error,
        )
    return t(
        "Something unexpected went wrong: {error}. This is a fault in the site's tools, not in your "
        "text: please report it to the developers with this line (run the command again with --debug to "
        "see the details).",
        error=error,
    )


# --- problems handed over from the MkDocs process to the command that started it -------------
#
# MkDocs runs as a child process; its problems come back as data, not as text in one language,
# so the command reports them in the editor's language with everything else.

PROBLEMS_FILE_VARIABLE = "MENA_PROBLEMS_FILE"


def problems_to_json(problems: list[Problem]) -> str:
    return json.dumps([[p.file, p.line, _encode(p.field), _encode(p.expected), _encode(p.found)] for p in problems])


def problems_from_json(text: str) -> list[Problem]:
    return [
        Problem(file, line, _decode(field), _decode(expected), _decode(found))
        for file, line, field, expected, found in json.loads(text)
    ]


def _encode(value):
    if isinstance(value, Msg):
        return {
            "template": value.template,
            "values": [[name, _encode(item)] for name, item in value.values],
            "uk": value.uk,
        }
    return value


def _decode(value):
    if isinstance(value, dict):
        values = tuple((name, _decode(item)) for name, item in value["values"])
        return Msg(value["template"], values, value["uk"])
    return value
