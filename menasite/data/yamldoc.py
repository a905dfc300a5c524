"""YAML files read for validation: values with the line of every field.

The data is read from PyYAML's node tree, so every value keeps its line for the error message.
Dates stay text (the schema checks them; YAML would turn 2023-02-30 into an error without a
line, and 2023-01-05 into a date object). Everything else resolves as YAML 1.1 does, so a
bare ``no`` is a yes/no value: the schema then reports it, and the message shows what was
written.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from menasite.data.fieldnames import field_name
from menasite.data.textfiles import read_utf8
from menasite.messages import Msg, t
from menasite.problems import Problem, SourceError

Path_ = tuple  # a field's path: ("partners", 3, "country")
_Found = tuple  # a problem before its field is named: (line, path, expected, found)


# PyYAML's C loader (libyaml) where it is installed: the same node tree with the same line
# marks, about 14 times faster; the pure-Python loader otherwise.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DataLoader: type[yaml.SafeLoader] = type("_DataLoader", (_BaseLoader,), {})


# Dates stay text: copy the resolvers without the timestamp one.
_DataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# Limits of a data file: far above what the site needs, low enough that a hostile or broken
# file is refused in a moment, with a message, instead of a hang or gigabytes of memory.
MAX_DATA_BYTES = 1024 * 1024  # 1 MB per data file (the largest today is 13 KB)
MAX_DEPTH = 20  # levels of nested lists and groups (the data uses 5)
MAX_ITEMS = 5000  # entries in one list or group: partners, results, spending lines, strings
MAX_VALUES = 100_000  # values in one file


@dataclass
class Document:
    shown: str  # the path an editor knows: data/partners.yml
    value: Any = None
    lines: dict[Path_, int] = field(default_factory=dict)  # field -> line of its value
    key_lines: dict[Path_, int] = field(default_factory=dict)  # field -> line of its name
    written: dict[Path_, str] = field(default_factory=dict)  # field -> the text as written
    problems: list[Problem] = field(default_factory=list)  # read anyway: a field twice, a value YAML cannot read
    unread: set[Path_] = field(default_factory=set)  # the fields of those problems (not checked again)

    def line(self, path: Path_) -> int:
        """The line of a field, or of the nearest enclosing field that has one."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


_TAB = t("a tab character (indent with spaces, not tabs)")
_SYNTAX = t("YAML syntax")
_SYNTAX_HINTS = [
    ("found character '\\t'", _TAB),
    ("expected ',' or ']'", t("a list in [ ] that is not closed")),
    ("expected ',' or '}'", t("a group in {{ }} that is not closed")),
    ("while scanning a quoted scalar", t("a quoted text that is not closed")),
    ("found unexpected end of stream", t("a quoted text that is not closed")),
    ("expected <block end>, but found", t("more text after a value (a quote not closed, or a wrong indentation)")),
    ("but found another document", t("a second document (a --- line); a data file holds one")),
    ("mapping values are not allowed here", t("a ':' where YAML does not allow one (put the text in quotes)")),
]


def _syntax_problem(shown: str, error: yaml.MarkedYAMLError, source: str, first_line: int = 1) -> Problem:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or str(error)
    text = f"{error.context or ''} {problem}"
    line = mark.line + 1 if mark else None
    if "quoted scalar" in text and error.context_mark:
        line = error.context_mark.line + 1  # where the quote opens, not where YAML gave up
    elif line and "but found" in text and (opened := _unclosed_quote_before(source, line)):
        # A quote left open swallows the next lines until the next quote: YAML then fails
        # further down. The line with an odd number of quotes is where to look.
        return Problem(
            shown, opened + first_line - 1, t("YAML syntax"), t("valid YAML"), t("a quoted text that is not closed")
        )
    found = next((hint for needle, hint in _SYNTAX_HINTS if needle in text), problem)
    return Problem(shown, line + first_line - 1 if line else None, t("YAML syntax"), t("valid YAML"), found)


def _unclosed_quote_before(source: str, line: int) -> int | None:
    lines = source.split("\n")
    for number in range(line - 1, 0, -1):
        content = lines[number - 1].split(" #")[0]
        if content.count('"') % 2 == 1:
            return number
    return None


class _PurePythonLoader(yaml.SafeLoader):
    """For syntax errors only: its messages are the ones the hints below know."""

    yaml_implicit_resolvers = _DataLoader.yaml_implicit_resolvers


def load_document(path: Path, shown: str, *, expected: str | Msg) -> Document:
    """Read a data file; ``expected`` says what the file should hold (for an empty file)."""
    return load_text(read_utf8(path, shown, max_bytes=MAX_DATA_BYTES), shown, expected=expected)


def read_document(path: Path, shown: str, *, expected: str | Msg) -> tuple[Document | None, list[Problem]]:
    """Read a data file as far as it can be read: the document (None when nothing could be
    read) and every problem found on the way. A tab is reported and the file read as if the
    tab were spaces, so the rest of the file is still checked."""
    try:
        text = read_utf8(path, shown, max_bytes=MAX_DATA_BYTES)
    except SourceError as error:
        return None, error.problems
    return read_text(text, shown, expected=expected)


def load_text(
    text: str, shown: str, *, expected: str | Msg, first_line: int = 1, allow_empty: bool = False
) -> Document:
    """Read YAML text (a data file, or a page's front matter starting on ``first_line``)."""
    document, problems = read_text(text, shown, expected=expected, first_line=first_line, allow_empty=allow_empty)
    if problems or document is None:
        raise SourceError(problems)
    return document


def read_text(
    text: str, shown: str, *, expected: str | Msg, first_line: int = 1, allow_empty: bool = False
) -> tuple[Document | None, list[Problem]]:
    """``load_text`` that returns what it could read with the problems instead of raising."""
    try:
        document = _read_text(text, shown, expected=expected, first_line=first_line, allow_empty=allow_empty)
        return document, list(document.problems)
    except SourceError as error:
        problems = error.problems
    spaced = _tabs_as_spaces(text, shown, expected, first_line, allow_empty) if _is_tab_problem(problems) else None
    if spaced is None:
        return None, problems
    return spaced[0], problems + spaced[1]


def _is_tab_problem(problems: list[Problem]) -> bool:
    return len(problems) == 1 and problems[0].found == _TAB


def _tabs_as_spaces(
    text: str, shown: str, expected: str | Msg, first_line: int, allow_empty: bool
) -> tuple[Document | None, list[Problem]] | None:
    """The file read with its indenting tabs as spaces: as wide as the first width (2, 4 or 8
    spaces) that makes valid YAML, since the editor meant some indentation. None when no
    width does: the tab is then the only problem reported."""
    for width in (2, 4, 8):
        spaced = _INDENT.sub(functools.partial(_expanded, width=width), text).replace("\t", " ")
        try:
            document = _read_text(spaced, shown, expected=expected, first_line=first_line, allow_empty=allow_empty)
            return document, list(document.problems)
        except SourceError as error:
            if any(problem.field == _SYNTAX for problem in error.problems):
                continue
            return None, [problem for problem in error.problems if problem.found != _TAB]
    return None


def _expanded(match: re.Match[str], width: int) -> str:
    return match.group(0).expandtabs(width)


_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


def _read_text(text: str, shown: str, *, expected: str | Msg, first_line: int, allow_empty: bool) -> Document:
    try:
        problem = _structure_problem(text, shown, first_line, _DataLoader)
        root = None if problem else yaml.compose(text, Loader=_DataLoader)
    except yaml.MarkedYAMLError as error:
        raise SourceError(
            [_python_parser_account(text, shown, first_line) or _syntax_problem(shown, error, text, first_line)]
        ) from None
    except yaml.YAMLError as error:  # a character YAML refuses (a control character)
        raise SourceError([_reader_problem(shown, error, text, first_line)]) from None
    if problem:
        raise SourceError([problem])
    if root is None and allow_empty:
        return Document(shown, {})
    if root is None:
        raise SourceError([Problem(shown, first_line, t("file"), expected, t("an empty file"))])
    document = Document(shown)
    found: list[_Found] = []
    constructor = _DataLoader("")
    document.value = _convert(root, (), document, constructor, found, first_line)
    # Named once the whole file is read: items by their ids. The document is still checked
    # (its other fields), without its values that could not be read.
    document.problems = [
        Problem(shown, line, field_name(path, document.value), expected, what) for line, path, expected, what in found
    ]
    document.unread = {path for _, path, _, _ in found}
    return document


def _python_parser_account(text: str, shown: str, first_line: int) -> Problem | None:
    """The pure-Python parser's account of a file libyaml refused: its messages are the ones
    the hints know, and it reaches the nesting limit where libyaml scans ahead and gives up."""
    try:
        return _structure_problem(text, shown, first_line, _PurePythonLoader)
    except yaml.MarkedYAMLError as error:
        return _syntax_problem(shown, error, text, first_line)
    except yaml.YAMLError:
        return None


# --- what data never needs, refused from the parser's events before anything is built ------


def _structure_problem(text: str, shown: str, first_line: int, loader) -> Problem | None:
    """The first alias, tag, too deep nesting or too long list, with its line.

    Read from the parser's events, one at a time: nothing is built or expanded yet, so a
    6 KB alias bomb ("billion laughs") or [ 10000 times is refused at once. What is kept is
    the shape of the lists and groups with the ids seen so far, to name the field."""
    frames: list[list] = []  # open lists and groups: [path, is_group, children seen, last key, shape]
    shape: list = []  # the top value's shape, inside a list

    def name(path: Path_) -> str:
        return field_name(path, shape[0] if shape else None)

    values = 0
    for event in yaml.parse(text, Loader=loader):
        if not isinstance(event, yaml.NodeEvent) and not isinstance(event, yaml.CollectionEndEvent):
            continue
        assert event.start_mark is not None  # the parser marks every event it makes
        line = event.start_mark.line + first_line
        if isinstance(event, yaml.CollectionEndEvent):
            frames.pop()
            continue
        path = _event_path(frames)
        if frames:
            frame = frames[-1]
            frame[2] += 1
            if frame[1] and frame[2] % 2 == 1 and isinstance(event, yaml.ScalarEvent):
                frame[3] = event.value  # a key: the next value is this field
            if frame[2] > MAX_ITEMS * (2 if frame[1] else 1):
                return Problem(
                    shown,
                    line,
                    name(frame[0]),
                    t("a list or group of at most {limit} entries", limit=MAX_ITEMS),
                    t("more than {limit}", limit=MAX_ITEMS),
                )
        values += 1
        if values > MAX_VALUES:
            return Problem(
                shown,
                line,
                t("file"),
                t("a data file of at most {limit} values", limit=MAX_VALUES),
                t("more than {limit}", limit=MAX_VALUES),
            )
        if isinstance(event, yaml.AliasEvent):
            return Problem(shown, line, name(path), _WRITTEN_OUT, t("the YAML alias *{name}", name=event.anchor))
        tag = getattr(event, "tag", None)  # scalars and collections have one; aliases not
        if tag is not None:
            return Problem(
                shown,
                line,
                name(path),
                t("a plain value; YAML tags like !foo are not used in data"),
                t("the tag {tag}", tag=_tag_as_written(tag)),
            )
        if isinstance(event, yaml.CollectionStartEvent):
            if len(frames) + 1 > MAX_DEPTH:
                return Problem(
                    shown,
                    line,
                    name(path),
                    t("at most {limit} levels of lists and groups inside each other", limit=MAX_DEPTH),
                    t("more levels (a [ or {{ not closed, or too deep an indentation?)"),
                )
            is_group = isinstance(event, yaml.MappingStartEvent)
            container: dict | list = {} if is_group else []
            _add_to_shape(frames, shape, event, container)
            frames.append([path, is_group, 0, None, container])
        else:
            _add_to_shape(frames, shape, event, None)
    return None


def _add_to_shape(frames: list[list], shape: list, event, container) -> None:
    """Keep a list or group (``container``) or a scalar in the shape: a list keeps a place for
    each item (positions), a group keeps its lists, groups and id."""
    if not frames:
        shape.append(container)
        return
    _, is_group, seen, key, parent = frames[-1]
    if not is_group:
        parent.append(container)
    elif seen % 2 == 0:  # a value (its key came just before)
        if container is not None:
            parent[key] = container
        elif key == "id" and isinstance(event, yaml.ScalarEvent):
            parent["id"] = event.value


_WRITTEN_OUT = t("a value written out in full (YAML aliases like *name are not used in data)")


def _event_path(frames: list[list]) -> Path_:
    """The path of the node an event starts, from the open lists and groups."""
    if not frames:
        return ()
    path, is_group, seen, key, _ = frames[-1]
    if is_group:
        return path + ((key,) if seen % 2 == 1 else ())  # a value: its field; a key: the group
    return path + (seen,)


def _tag_as_written(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _reader_problem(shown: str, error: yaml.YAMLError, text: str, first_line: int) -> Problem:
    position = getattr(error, "position", None)
    line = text.count("\n", 0, position) + first_line if isinstance(position, int) else first_line
    character = getattr(error, "character", None)
    code = (
        f"U+{ord(character):04X}"
        if isinstance(character, str)
        else (f"U+{character:04X}" if isinstance(character, int) else "?")
    )
    return Problem(
        shown, line, t("encoding"), t("text without control characters"), t("the control character {code}", code=code)
    )


def _convert(
    node: yaml.Node, path: Path_, document: Document, constructor, problems: list[_Found], first_line: int = 1
) -> Any:
    document.lines[path] = node.start_mark.line + first_line
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            if key in result:
                first = document.key_lines[path + (key,)]
                problems.append(
                    (
                        key_node.start_mark.line + first_line,
                        path + (key,),
                        t("each field once"),
                        t("'{key}' a second time (first on line {line})", key=key, line=first),
                    )
                )
                continue
            document.key_lines[path + (key,)] = key_node.start_mark.line + first_line
            result[key] = _convert(value_node, path + (key,), document, constructor, problems, first_line)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, path + (index,), document, constructor, problems, first_line)
            for index, item in enumerate(node.value)
        ]
    assert isinstance(node, yaml.ScalarNode)  # aliases were refused before the tree was made
    document.written[path] = node.value
    return _scalar(node, path, constructor, problems, first_line)


def _scalar(node: yaml.ScalarNode, path: Path_, constructor, problems: list[_Found], first_line: int) -> Any:
    """A plain value; numbers the site cannot compute with are reported, never passed on."""
    line = node.start_mark.line + first_line
    try:
        value = constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError):
        # A number of thousands of digits (Python refuses to read it), a broken base64 ...
        problems.append((line, path, t("a value YAML can read"), t("'{text}'", text=_shortened(node.value))))
        return None
    if isinstance(value, float) and not math.isfinite(value):
        problems.append(
            (
                line,
                path,
                t("a finite number (like 2000.00)"),
                t("{written}, which is not a finite number", written=node.value),
            )
        )
        return None
    return value


def _shortened(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "..."
