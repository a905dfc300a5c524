"""Markers in markdown pages, filled in for the language being built.

- ``[[g:ID]]``, ``[[g:ID|gen]]``: a name from the glossary, in a grammatical case;
- ``[[todo:what is missing|what visitors see until then]]``: a placeholder the council must
  fill in (a phone, an e-mail). Previews show it clearly marked, after what visitors will see;
  a production build shows only what follows ``|`` (markdown, may be empty), never the mark.
  ``./run placeholders`` lists them;
- ``[[n:result.ID=12]]``: a figure of a report's text that its data also holds; the text is
  shown as written and the build proves it agrees with the data (see ``figures``).

Names are inserted as plain text: characters that mean something in markdown or HTML are
escaped, so a name can never turn into markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from menasite.data.glossary import Glossary
from menasite.data.textfiles import read_utf8
from menasite.messages import Msg, t
from menasite.problems import Problem, SourceError, raise_if_any

# A body may hold a single "]" (a link in a placeholder's fallback: "[the page](address)"),
# never "]]", which ends the marker.
MARKER = re.compile(r"\[\[(?P<kind>[a-z]+):(?P<body>(?:[^\]\n]|\](?!\]))*)\]\]")
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]{}#|])")  # { } would start an attribute list


@dataclass(frozen=True)
class Placeholder:
    file: str
    line: int
    text: str  # what is missing, for the council
    fallback: str = ""  # what visitors see until then (markdown)


def split_placeholder(body: str) -> tuple[str, str | None]:
    """``what is missing|fallback`` -> (what is missing, fallback); None when there is no ``|``."""
    text, bar, fallback = body.partition("|")
    return text.strip(), (fallback.strip() if bar else None)


def plain_text_for_markdown(text: str) -> str:
    """Escape a text so that markdown and HTML show it literally. Quotes stay as they are:
    the text is element content, never an attribute, and an entity for an apostrophe would be
    escaped once more in the table of contents ("The programme&amp;#x27;s")."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False))


class LineCounter:
    """The line of each position, for positions asked in increasing order (as re.sub visits
    matches): the text is counted once, not once per marker, so a long page stays fast."""

    def __init__(self, text: str, first_line: int = 1):
        self.text, self.line, self.position = text, first_line, 0

    def at(self, position: int) -> int:
        self.line += self.text.count("\n", self.position, position)
        self.position = position
        return self.line


def expand_markers(
    markdown: str,
    *,
    lang: str,
    shown: str,
    glossary: Glossary,
    render_placeholder: Callable[[str, str], str],
    check_figure: Callable[[str], tuple[str | Msg, str | Msg] | None] = lambda body: None,
    first_line: int = 1,
) -> tuple[str, list[Problem]]:
    """Replace every marker; return the new markdown and the problems found.

    ``first_line`` is the line of the file where ``markdown`` starts (after front matter)."""
    problems: list[Problem] = []
    lines = LineCounter(markdown, first_line)

    def replace(match: re.Match[str]) -> str:
        line = lines.at(match.start())
        kind, body = match["kind"], match["body"].strip()
        if kind == "g":
            return _glossary_name(body, lang, shown, line, glossary, problems) or match[0]
        if kind == "todo":
            text, fallback = split_placeholder(body)
            if not text or fallback is None:
                problems.append(
                    Problem(
                        shown,
                        line,
                        match[0],
                        t(
                            "what is missing, then after | what visitors see until it is filled in (may be empty): "
                            "[[todo:phone number|see the council's contacts page]]"
                        ),
                        t("an empty placeholder") if not text else t("no | and nothing for visitors"),
                    )
                )
            return render_placeholder(text, fallback or "")
        if kind == "n":
            disagreement = check_figure(body)
            if disagreement:
                problems.append(Problem(shown, line, match[0], *disagreement))
            return plain_text_for_markdown(body.partition("=")[2].strip())
        problems.append(
            Problem(
                shown,
                line,
                match[0],
                t("a marker [[g:name-id]], [[n:result.ID=12]] or [[todo:what is missing]]"),
                t("an unknown marker kind '{kind}'", kind=kind),
            )
        )
        return match[0]

    return MARKER.sub(replace, markdown), problems


def _glossary_name(body, lang, shown, line, glossary, problems) -> str | None:
    name_id, _, case = body.partition("|")
    name_id, case = name_id.strip(), case.strip() or "nom"
    if name_id not in glossary.names:
        problems.append(
            Problem(
                shown,
                line,
                f"[[g:{body}]]",
                t("an id from {where}", where="data/glossary.yml"),
                t("'{id}', which is not in the glossary", id=name_id),
            )
        )
        return None
    name = glossary.name(name_id, lang, case)
    if name is None:
        forms = ", ".join(glossary.cases(name_id, lang)) or "none"
        problems.append(
            Problem(
                shown,
                line,
                f"[[g:{body}]]",
                t(
                    "a case that data/glossary.yml gives for '{id}' in '{lang}' ({forms})",
                    id=name_id,
                    lang=lang,
                    forms=forms,
                ),
                f"'{case}'",
            )
        )
        return None
    return plain_text_for_markdown(name)


def find_placeholders(docs_dir: Path, root: Path) -> list[Placeholder]:
    """Every [[todo:...]] still in the pages, for the council's to-do list.

    Raises SourceError (file and line) for a page that is not UTF-8."""
    found = []
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        shown = path.relative_to(root).as_posix()
        try:
            text = read_utf8(path, shown)
        except SourceError as error:
            problems += error.problems
            continue
        lines = LineCounter(text)
        found += [
            Placeholder(shown, lines.at(match.start()), *_text_and_fallback(match["body"]))
            for match in MARKER.finditer(text)
            if match["kind"] == "todo"
        ]
    raise_if_any(problems)
    return found


def _text_and_fallback(body: str) -> tuple[str, str]:
    text, fallback = split_placeholder(body)
    return text, fallback or ""


PAGE_MARKER = re.compile(r"^<!-- mena:(?P<name>[a-z-]+) -->[ \t]*$", re.MULTILINE)


def replace_page_markers(
    markdown: str, blocks: dict[str, Callable[[], str]], *, shown: str, first_line: int = 1
) -> tuple[str, list[Problem]]:
    """Replace ``<!-- mena:NAME -->`` lines by the generated block NAME (rendered only if used)."""
    problems: list[Problem] = []
    lines = LineCounter(markdown, first_line)

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        line = lines.at(match.start())
        if name not in blocks:
            problems.append(
                Problem(
                    shown,
                    line,
                    match[0],
                    t(
                        "one of the generated parts {names}",
                        names=", ".join(f"<!-- mena:{n} -->" for n in sorted(blocks)),
                    ),
                    f"'{name}'",
                )
            )
            return match[0]
        return "\n" + blocks[name]() + "\n"

    return PAGE_MARKER.sub(replace, markdown), problems


def insert_after_title(markdown: str, block: str) -> str:
    """Put a block right after the page's first-level heading (or at the top if none)."""
    match = re.search(r"^# .*$", markdown, re.MULTILINE)
    at = match.end() if match else 0
    return markdown[:at] + "\n\n" + block + "\n\n" + markdown[at:]
