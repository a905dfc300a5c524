"""The glossary: one spelling of every name (people, places, bodies, programmes) per language.

``data/glossary.yml`` maps an id to its name in each language, either one text or its forms
by grammatical case (Ukrainian and Polish decline names: "Менська міська рада",
"Менської міської ради"). Pages write ``[[g:id]]`` or ``[[g:id|gen]]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from menasite.problems import Problem, raise_if_any
from menasite.textfiles import STR_TAG, compose_yaml, describe_node, line_of

CASES = ("nom", "gen", "dat", "acc", "ins", "loc", "voc")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Glossary:
    names: dict[str, dict[str, dict[str, str]]]  # id -> language -> case -> text

    def name(self, name_id: str, lang: str, case: str = "nom") -> str | None:
        return self.names.get(name_id, {}).get(lang, {}).get(case)

    def cases(self, name_id: str, lang: str) -> list[str]:
        return sorted(self.names.get(name_id, {}).get(lang, {}))


def load_glossary(path: Path, shown: str, languages: list[str]) -> Glossary:
    root = compose_yaml(path, shown)
    problems: list[Problem] = []
    if root is None:
        raise_if_any([Problem(shown, None, "file", "names with their texts in " + ", ".join(languages), "an empty file")])
    if not isinstance(root, yaml.MappingNode):
        raise_if_any([Problem(shown, line_of(root), "file", "a group of names (id: texts)", describe_node(root))])
    names: dict[str, dict[str, dict[str, str]]] = {}
    for key, value in root.value:
        name_id = key.value
        if not ID_PATTERN.match(name_id):
            problems.append(Problem(shown, line_of(key), name_id, "an id of small Latin letters, digits and _", repr(name_id)))
            continue
        names[name_id] = _read_entry(shown, name_id, value, languages, problems)
    raise_if_any(problems)
    return Glossary(names)


def _read_entry(shown, name_id, node, languages, problems) -> dict[str, dict[str, str]]:
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(shown, line_of(node), name_id, "the name in " + ", ".join(languages), describe_node(node)))
        return {}
    entry: dict[str, dict[str, str]] = {}
    for key, value in node.value:
        lang = key.value
        if lang not in languages:
            problems.append(Problem(shown, line_of(key), f"{name_id}.{lang}", "one of the languages " + ", ".join(languages), repr(lang)))
            continue
        entry[lang] = _read_forms(shown, f"{name_id}.{lang}", value, problems)
    for lang in languages:
        if lang not in entry:
            problems.append(Problem(shown, line_of(node), f"{name_id}.{lang}", f"the name in '{lang}'", "no text for that language"))
    return entry


def _read_forms(shown, field, node, problems) -> dict[str, str]:
    if isinstance(node, yaml.ScalarNode) and node.tag == STR_TAG and node.value.strip():
        return {"nom": node.value}
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(shown, line_of(node), field, "a text, or forms by case (nom, gen, ...)", describe_node(node)))
        return {}
    forms: dict[str, str] = {}
    for key, value in node.value:
        if key.value not in CASES:
            problems.append(Problem(shown, line_of(key), f"{field}.{key.value}", "a case: " + ", ".join(CASES), repr(key.value)))
        elif not (isinstance(value, yaml.ScalarNode) and value.tag == STR_TAG and value.value.strip()):
            problems.append(Problem(shown, line_of(value), f"{field}.{key.value}", "a text", describe_node(value)))
        else:
            forms[key.value] = value.value
    if "nom" not in forms:
        problems.append(Problem(shown, line_of(node), f"{field}.nom", "the nominative form (nom)", "no nom"))
    return forms
