"""The markdown files themselves: UTF-8, of a bounded size, and front matter that is valid
YAML with known keys and values of the right kind (``data/schema/front-matter.schema.json``).

Checked before MkDocs reads them, so an editor gets a message with the file and line instead
of a Python traceback.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from menasite.data.schema import check_document
from menasite.data.textfiles import read_utf8
from menasite.data.yamldoc import load_text
from menasite.messages import t
from menasite.problems import Problem, SourceError

# The longest page today has 61 lines and 9 KB. Past these, a page is refused before MkDocs
# spends minutes on it (a 100,000-line page took 277 s to build).
MAX_PAGE_BYTES = 512 * 1024
MAX_PAGE_LINES = 10_000

FRONT_MATTER_KEYS = {
    "title": t("the page title in the browser tab"),
    "description": t("a one-sentence summary for search engines"),
}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*\n", re.DOTALL)


def check_page_files(docs_dir: Path, root: Path, schema_dir: Path | None = None) -> list[Problem]:
    schema_dir = schema_dir or root / "data" / "schema"
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        shown = path.relative_to(root).as_posix()
        try:
            text = read_utf8(path, shown, max_bytes=MAX_PAGE_BYTES)
        except SourceError as error:
            problems += error.problems
            continue
        lines = text.count("\n") + 1
        if lines > MAX_PAGE_LINES:
            problems.append(
                Problem(
                    shown,
                    MAX_PAGE_LINES + 1,
                    t("page length"),
                    t("a page of at most {limit} lines (split it into pages)", limit=f"{MAX_PAGE_LINES:,}"),
                    t("{count} lines", count=f"{lines:,}"),
                )
            )
            continue
        problems += _check_front_matter(text, shown, schema_dir)
    return problems


def _check_front_matter(text: str, shown: str, schema_dir: Path) -> list[Problem]:
    match = _FRONT_MATTER.match(text)
    if not match:
        if text.startswith("---"):
            return [
                Problem(
                    shown, 1, t("front matter"), t("a closing --- line after the front matter"), t("no closing ---")
                )
            ]
        return []
    try:
        document = load_text(
            match["yaml"] or "", shown, expected=t("fields written key: value"), first_line=2, allow_empty=True
        )
    except SourceError as error:
        return [_as_front_matter_problem(problem) for problem in error.problems]
    meta = document.value
    if not isinstance(meta, dict):
        return [Problem(shown, 2, t("front matter"), t("fields written key: value"), t("something else"))]
    known = t("title ({title}), description ({description})", **FRONT_MATTER_KEYS)
    unknown = [
        Problem(
            shown,
            document.key_lines[(key,)],
            t("front matter {key}", key=key),
            t("one of {known}", known=known),
            t("an unknown field '{field}'", field=key),
        )
        for key in meta
        if key not in FRONT_MATTER_KEYS
    ]
    wrong = [
        dataclasses.replace(problem, field=t("front matter {key}", key=problem.field))
        for problem in check_document(document, schema_dir, "front-matter.schema.json")
    ]
    return unknown + wrong


def _as_front_matter_problem(problem: Problem) -> Problem:
    """YAML's problems in front matter, worded as before: 'valid YAML (key: value)'."""
    if str(problem.field) == "YAML syntax":
        return dataclasses.replace(problem, field=t("front matter"), expected=t("valid YAML (key: value)"))
    if str(problem.field) in FRONT_MATTER_KEYS:
        return dataclasses.replace(problem, field=t("front matter {key}", key=problem.field))
    return problem
