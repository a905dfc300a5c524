"""YAML files read for validation: values with the line of every field.

The data is read from PyYAML's node tree, so every value keeps its line for the error message.
Dates stay text (the schema checks them; YAML would turn 2023-02-30 into an error without a
line, and 2023-01-05 into a date object). Everything else resolves as YAML 1.1 does, so a
bare ``no`` is a yes/no value: the schema then reports it, and the message shows what was
written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from menasite.messages import Msg, t
from menasite.problems import Problem, SourceError
from menasite.textfiles import read_utf8

Path_ = tuple  # a field's path: ("partners", 3, "country")


class _DataLoader(yaml.SafeLoader):
    pass


# Dates stay text: copy the resolvers without the timestamp one.
_DataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Document:
    shown: str  # the path an editor knows: data/partners.yml
    value: Any = None
    lines: dict[Path_, int] = field(default_factory=dict)  # field -> line of its value
    key_lines: dict[Path_, int] = field(default_factory=dict)  # field -> line of its name
    written: dict[Path_, str] = field(default_factory=dict)  # field -> the text as written

    def line(self, path: Path_) -> int:
        """The line of a field, or of the nearest enclosing field that has one."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


_SYNTAX_HINTS = [
    ("found character '\\t'", t("a tab character (indent with spaces, not tabs)")),
    ("expected ',' or ']'", t("a list in [ ] that is not closed")),
    ("expected ',' or '}'", t("a group in {{ }} that is not closed")),
    ("while scanning a quoted scalar", t("a quoted text that is not closed")),
    ("found unexpected end of stream", t("a quoted text that is not closed")),
    ("expected <block end>, but found", t("more text after a value (a quote not closed, or a wrong indentation)")),
    ("mapping values are not allowed here", t("a ':' where YAML does not allow one (put the text in quotes)")),
]


def _syntax_problem(shown: str, error: yaml.MarkedYAMLError, source: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or str(error)
    text = f"{error.context or ''} {problem}"
    line = mark.line + 1 if mark else None
    if "quoted scalar" in text and error.context_mark:
        line = error.context_mark.line + 1  # where the quote opens, not where YAML gave up
    elif line and "but found" in text and (opened := _unclosed_quote_before(source, line)):
        # A quote left open swallows the next lines until the next quote: YAML then fails
        # further down. The line with an odd number of quotes is where to look.
        return Problem(shown, opened, t("YAML syntax"), t("valid YAML"), t("a quoted text that is not closed"))
    found = next((hint for needle, hint in _SYNTAX_HINTS if needle in text), problem)
    return Problem(shown, line, t("YAML syntax"), t("valid YAML"), found)


def _unclosed_quote_before(source: str, line: int) -> int | None:
    for number in range(line - 1, 0, -1):
        content = source.split("\n")[number - 1].split(" #")[0]
        if content.count('"') % 2 == 1:
            return number
    return None


def load_document(path: Path, shown: str, *, expected: str | Msg) -> Document:
    """Read a data file; ``expected`` says what the file should hold (for an empty file)."""
    text = read_utf8(path, shown)
    try:
        root = yaml.compose(text, Loader=_DataLoader)
    except yaml.MarkedYAMLError as error:
        raise SourceError([_syntax_problem(shown, error, text)]) from None
    if root is None:
        raise SourceError([Problem(shown, 1, t("file"), expected, t("an empty file"))])
    document = Document(shown)
    problems: list[Problem] = []
    constructor = _DataLoader("")
    document.value = _convert(root, (), document, constructor, problems)
    if problems:
        raise SourceError(problems)
    return document


def _convert(node: yaml.Node, path: Path_, document: Document, constructor, problems) -> Any:
    document.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            if key in result:
                first = document.key_lines[path + (key,)]
                problems.append(Problem(document.shown, key_node.start_mark.line + 1, _dotted(path + (key,)), t("each field once"), t("'{key}' a second time (first on line {line})", key=key, line=first)))
                continue
            document.key_lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _convert(value_node, path + (key,), document, constructor, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (index,), document, constructor, problems) for index, item in enumerate(node.value)]
    document.written[path] = node.value
    return constructor.construct_object(node, deep=True)


def _dotted(path: Path_) -> str:
    """partners[3].agreement.kind: list items counted from 1, as editors count."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top)"
