"""The site's own interface words per language (``data/strings.yml``).

A missing English or Polish text falls back to Ukrainian, the default language, and is
reported as untranslated; a missing Ukrainian text is an error.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from menasite.problems import Problem, raise_if_any
from menasite.textfiles import STR_TAG, compose_yaml, describe_node, line_of


def load_strings(path: Path, shown: str, languages: list[str], default: str) -> dict[str, dict[str, str]]:
    """Return language -> key -> text, every key present in every language."""
    root = compose_yaml(path, shown)
    problems: list[Problem] = []
    if not isinstance(root, yaml.MappingNode):
        found = "an empty file" if root is None else describe_node(root)
        raise_if_any([Problem(shown, None if root is None else line_of(root), "file", "texts by key (key: {uk: ..., en: ..., pl: ...})", found)])
    table: dict[str, dict[str, str]] = {lang: {} for lang in languages}
    for key, value in root.value:
        if not isinstance(value, yaml.MappingNode):
            problems.append(Problem(shown, line_of(value), key.value, "texts by language", describe_node(value)))
            continue
        for lang_node, text_node in value.value:
            lang = lang_node.value
            if lang not in languages:
                problems.append(Problem(shown, line_of(lang_node), f"{key.value}.{lang}", "one of " + ", ".join(languages), repr(lang)))
            elif text_node.tag != STR_TAG or not text_node.value.strip():
                problems.append(Problem(shown, line_of(text_node), f"{key.value}.{lang}", "a text", describe_node(text_node)))
            else:
                table[lang][key.value] = text_node.value
        if key.value not in table[default]:
            problems.append(Problem(shown, line_of(key), f"{key.value}.{default}", "the Ukrainian text", "none"))
    raise_if_any(problems)
    for lang in languages:
        table[lang] = {**table[default], **table[lang]}
    return table
