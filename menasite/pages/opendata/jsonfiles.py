"""The JSON of a dataset and the JSON Schema (draft 2020-12) published beside it.

Both come from the table's columns, so the file, its schema and the CSV can never disagree:
a JSON record has exactly the CSV's columns, with JSON types (numbers, booleans, null for
none, arrays for lists).
"""

from __future__ import annotations

import json
import posixpath

from menasite.pages.opendata.tables import BOOLEAN, DATE, INTEGER, LIST, NUMBER, TEXT, Column, Table

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# ISO 8601 as precise as the source: a year, a month, a day or a quarter.
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?|-Q[1-4])?$"
_TYPES = {INTEGER: "integer", NUMBER: "number", BOOLEAN: "boolean"}


def schema_name(table: Table) -> str:
    """ "programmes/2022-2024" -> "programmes/2022-2024.schema.json" (beside its JSON)."""
    return f"{table.id}.schema.json"


def json_document(table: Table) -> dict:
    return {
        "dataset": table.id,
        "schema": posixpath.basename(schema_name(table)),  # relative to the file: it lies beside it
        "records": list(table.records),
    }


def dumped(value: object) -> str:
    """JSON as published: UTF-8 text (not \\u escapes), keys in the columns' order, one line end."""
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def value_schema(column: Column, required: bool) -> dict:
    if column.kind == LIST:
        found: dict = {"type": "array", "items": {"type": "string"}}
    elif column.kind == DATE:
        found = {"type": "string", "pattern": DATE_PATTERN}
    else:
        found = {"type": _TYPES.get(column.kind, "string")}
    if column.values:
        found["enum"] = list(column.values)
    if not required:
        found["type"] = [found["type"], "null"]
        if "enum" in found:
            found["enum"].append(None)  # an enum names every value allowed, none included
    return {"description": column.description, **found}


def record_properties(columns: tuple[Column, ...], languages: list[str]) -> dict[str, dict]:
    """Every column's schema; a text's first language (Ukrainian) is there whenever the text is."""
    properties = {}
    for column in columns:
        if column.kind == TEXT:
            for index, lang in enumerate(languages):
                text = value_schema(column, column.required and index == 0)
                text["description"] = f"{column.description} ({lang})"
                properties[f"{column.name}_{lang}"] = text
        else:
            properties[column.name] = value_schema(column, column.required)
    return properties


def json_schema(table: Table, languages: list[str], base_url: str, title: str) -> dict:
    """The schema of ``table``'s JSON file; ``base_url``: where /data/ is published."""
    properties = record_properties(table.columns, languages)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": base_url + schema_name(table),
        "title": title,
        "type": "object",
        "required": ["dataset", "schema", "records"],
        "additionalProperties": False,
        "properties": {
            "dataset": {"const": table.id},
            "schema": {"const": posixpath.basename(schema_name(table))},
            "records": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": list(properties),
                    "additionalProperties": False,
                    "properties": properties,
                },
            },
        },
    }
