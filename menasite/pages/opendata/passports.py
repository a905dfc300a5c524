"""Dataset passports, in the form data.gov.ua uses: name and description in each language,
publisher, responsible person, update frequency, format, licence, language and last change.

Everything in a passport comes from the sources: the names from ``data/strings.yml`` (keys
``opendata.*``) and the glossary, the last change from the repository history of the data
files the dataset is made from (never the build's clock). The responsible person is for the
council to name: the open-data page holds the placeholder (``./run placeholders`` lists it),
and the passport points to it.
"""

from __future__ import annotations

from menasite.data.history import newest
from menasite.pages.formats import Formats
from menasite.pages.opendata.csvfile import formula_note
from menasite.pages.opendata.jsonfiles import SCHEMA_DIALECT
from menasite.pages.opendata.tables import Table, column_names

OPEN_DATA_PAGE = "open-data.md"
RESPONSIBLE_ANCHOR = "responsible-person"  # the id of the placeholder's paragraph on the page
DATA_FOLDER = "data/"  # where the files are published, from the site's root (all languages)
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
FORMATS = ("CSV", "JSON")
PASSPORTS = "passports"  # data/passports.json, with data/passports.schema.json


def file_paths(dataset: str) -> dict[str, str]:
    """A dataset's files ("reports/2023-q1"), relative to the site's root."""
    return {
        "csv": f"{DATA_FOLDER}{dataset}.csv",
        "json": f"{DATA_FOLDER}{dataset}.json",
        "schema": f"{DATA_FOLDER}{dataset}.schema.json",
    }


def dataset_anchor(dataset: str) -> str:
    """The id of a dataset's passport on the open-data page: "dataset-reports-2023-q1"."""
    return "dataset-" + dataset.replace("/", "-")


def title(table: Table, strings: dict[str, str], formats: Formats, data) -> str:
    key = f"opendata.{table.kind}.title"
    if table.kind == "report":
        period = data.reports[table.subject]["period"]
        return strings[key].format(quarter=formats.quarter(period["year"], period["quarter"]))
    if table.kind == "programme":
        period = data.programmes[table.subject]["period"]
        return strings[key].format(period=strings["format.period"].format(start=period["from"], end=period["to"]))
    return strings[key]


def last_change(table: Table, times: dict[str, str]) -> str | None:
    """The exact time (UTC, RFC 3339) of the newest commit of the files the dataset is made
    from (every one of them: ``Table.sources``), or None without the history; given the
    history's calendar dates (``SiteState.dates``), the day the open-data page shows."""
    return newest(times, list(table.sources))


def passport(table: Table, state, languages: list[str]) -> dict:
    """One dataset's passport, every text in every language."""
    council = state.data.council["name"]
    page = state.pages.absolute_url(OPEN_DATA_PAGE, state.config.default)
    return {
        "id": table.id,
        "title": {
            lang: title(table, state.strings[lang], Formats(lang, state.strings[lang]), state.data)
            for lang in languages
        },
        "description": {lang: state.strings[lang][f"opendata.{table.kind}.description"] for lang in languages},
        "publisher": {lang: state.glossary.name(council, lang) for lang in languages},
        "responsible_person": {"page": f"{page}#{RESPONSIBLE_ANCHOR}"},
        "update_frequency": {lang: state.strings[lang]["opendata.frequency"] for lang in languages},
        "formats": list(FORMATS),
        "licence": dict(LICENCE),
        "languages": list(languages),
        "last_change": last_change(table, state.times),
        "files": {kind: state.config.site_url + path for kind, path in file_paths(table.id).items()},
        "columns": column_names(table.columns, languages),
        "csv_formulas": {lang: formula_note(state.strings[lang], lang) for lang in languages},
    }


def passports_document(tables: list[Table], state, languages: list[str]) -> dict:
    return {"schema": f"{PASSPORTS}.schema.json", "datasets": [passport(table, state, languages) for table in tables]}


def passports_schema(base_url: str, languages: list[str]) -> dict:
    texts = {
        "type": "object",
        "required": [languages[0]],
        "additionalProperties": False,
        "properties": {lang: {"type": "string"} for lang in languages},
    }
    strings = {"type": "array", "items": {"type": "string"}}
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{base_url}{PASSPORTS}.schema.json",
        "title": "Passports of the open datasets",
        "type": "object",
        "required": ["schema", "datasets"],
        "additionalProperties": False,
        "properties": {
            "schema": {"const": f"{PASSPORTS}.schema.json"},
            "datasets": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": [
                        "id",
                        "title",
                        "description",
                        "publisher",
                        "responsible_person",
                        "update_frequency",
                        "formats",
                        "licence",
                        "languages",
                        "last_change",
                        "files",
                        "columns",
                        "csv_formulas",
                    ],
                    "properties": {
                        "id": {"type": "string", "description": "the file name without extension, under data/"},
                        "title": texts,
                        "description": texts,
                        "publisher": texts,
                        "responsible_person": {
                            "type": "object",
                            "description": "where the council names the person responsible for the data",
                            "properties": {"page": {"type": "string", "format": "uri"}},
                            "required": ["page"],
                        },
                        "update_frequency": texts,
                        "formats": strings,
                        "licence": {
                            "type": "object",
                            "required": ["name", "url"],
                            "properties": {"name": {"type": "string"}, "url": {"type": "string", "format": "uri"}},
                        },
                        "languages": strings,
                        "last_change": {
                            "type": ["string", "null"],
                            "format": "date-time",
                            "description": "the time of the last commit that changed a file it is made from, UTC "
                            "(RFC 3339; null without the history)",
                        },
                        "files": {
                            "type": "object",
                            "required": ["csv", "json", "schema"],
                            "additionalProperties": {"type": "string", "format": "uri"},
                        },
                        "columns": strings,
                        "csv_formulas": texts,
                    },
                },
            },
        },
    }
