"""Reading the project's text files: UTF-8 only, YAML with line numbers."""

from __future__ import annotations

from pathlib import Path

import yaml

from menasite.problems import Problem, SourceError


def display_path(path: Path, root: Path | None = None) -> str:
    """The path as an editor sees it in the repository (``data/glossary.yml``)."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def read_utf8(path: Path, shown: str) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SourceError(
            [
                Problem(
                    shown,
                    line,
                    "encoding",
                    "text in UTF-8 (save the file as UTF-8)",
                    f"byte 0x{raw[error.start]:02x}, which is not UTF-8",
                )
            ]
        ) from None


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses the same key twice in one mapping."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict[object, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first on line {seen[key]})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path, shown: str):
    """Load a YAML file, turning syntax errors into a Problem with the line."""
    text = read_utf8(path, shown)
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        what = error.problem or str(error)
        raise SourceError(
            [Problem(shown, line, "YAML syntax", "valid YAML (spaces, not tabs; closed brackets and quotes)", what)]
        ) from None


def compose_yaml(path: Path, shown: str) -> yaml.Node | None:
    """The YAML node tree of a file: values with their line numbers and resolved types.

    Validating nodes rather than loaded values keeps the line of every field for the error
    message, and shows YAML 1.1 surprises (``no`` read as false) by their resolved tag.
    """
    load_yaml(path, shown)  # reports syntax errors and duplicate keys with their lines
    return yaml.compose(read_utf8(path, shown), Loader=yaml.SafeLoader)


STR_TAG = "tag:yaml.org,2002:str"

_TAG_WORDS = {
    "tag:yaml.org,2002:bool": "a yes/no value",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "nothing (an empty value)",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:map": "a group of fields",
    "tag:yaml.org,2002:seq": "a list",
    STR_TAG: "a text",
}


def describe_node(node: yaml.Node) -> str:
    """How an editor would name what they wrote: 'a yes/no value (no)'."""
    kind = _TAG_WORDS.get(node.tag, node.tag)
    if isinstance(node, yaml.ScalarNode):
        return f"{kind} ({node.value!r})" if node.value else kind
    return kind


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1
