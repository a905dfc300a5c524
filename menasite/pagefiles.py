"""The markdown files themselves: UTF-8, and front matter that is valid YAML with known keys.

Checked before MkDocs reads them, so an editor gets a message with the file and line instead
of a Python traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from menasite.messages import t
from menasite.problems import Problem, SourceError
from menasite.textfiles import read_utf8

FRONT_MATTER_KEYS = {"title": t("the page title in the browser tab"), "description": t("a one-sentence summary for search engines")}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*\n", re.DOTALL)


def check_page_files(docs_dir: Path, root: Path) -> list[Problem]:
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        shown = path.relative_to(root).as_posix()
        try:
            text = read_utf8(path, shown)
        except SourceError as error:
            problems += error.problems
            continue
        problems += _check_front_matter(text, shown)
    return problems


def _check_front_matter(text: str, shown: str) -> list[Problem]:
    match = _FRONT_MATTER.match(text)
    if not match:
        if text.startswith("---"):
            return [Problem(shown, 1, t("front matter"), t("a closing --- line after the front matter"), t("no closing ---"))]
        return []
    try:
        meta = yaml.safe_load(match["yaml"] or "") or {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return [Problem(shown, (mark.line + 2) if mark else 1, t("front matter"), t("valid YAML (key: value)"), error.problem or str(error))]
    if not isinstance(meta, dict):
        return [Problem(shown, 2, t("front matter"), t("fields written key: value"), t("something else"))]
    known = t("title ({title}), description ({description})", **FRONT_MATTER_KEYS)
    lines = (match["yaml"] or "").split("\n")
    return [
        Problem(shown, 2 + next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), 0), t("front matter {key}", key=key), t("one of {known}", known=known), t("an unknown field '{field}'", field=key))
        for key in meta
        if key not in FRONT_MATTER_KEYS
    ]
