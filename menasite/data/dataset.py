"""All data of the site, loaded from ``data/`` and checked once per build.

Each file is checked against its schema (``data/schema/``); then the files are checked
against each other (ids unique, references that exist, a report's file name and period that
agree). All problems of all files are collected and reported together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from menasite.data.fieldnames import field_name
from menasite.data.reports import quarter_of_id, report_data_file, report_of_data_file
from menasite.data.schema import check_document
from menasite.data.sourcetree import check_file_names, check_folder
from menasite.data.yamldoc import Document, load_document
from menasite.messages import Msg, t
from menasite.problems import Problem, SourceError, raise_if_any


@dataclass
class Dataset:
    """The loaded documents, with indexes derived once (pages ask for them per row)."""

    documents: dict[str, Document] = field(default_factory=dict)  # shown path -> document

    @cached_property
    def glossary(self) -> dict:
        return self.documents["data/glossary.yml"].value

    @cached_property
    def strings(self) -> dict:
        return self.documents["data/strings.yml"].value

    @cached_property
    def partners(self) -> dict[str, dict]:
        return {p["id"]: p for p in self.documents["data/partners.yml"].value["partners"]}

    @cached_property
    def results(self) -> dict[str, dict]:
        return {r["id"]: r for r in self.documents["data/results.yml"].value["results"]}

    @cached_property
    def programme(self) -> dict:
        return self.documents["data/programme.yml"].value

    @cached_property
    def council(self) -> dict:
        return self.documents["data/council.yml"].value

    @cached_property
    def reports(self) -> dict[str, dict]:
        """Report id ("2023-q1") -> its data, in time order."""
        found = {report_of_data_file(shown): document.value for shown, document in sorted(self.documents.items())}
        return {report_id: value for report_id, value in found.items() if report_id is not None}


# file -> (schema, what the file holds: for the message about an empty file)
DATA_FILES = {
    "glossary.yml": ("glossary.schema.json", t("names with their texts in uk, en and pl")),
    "strings.yml": ("strings.schema.json", t("interface texts by key")),
    "partners.yml": ("partners.schema.json", t("a list of partners (partners:)")),
    "results.yml": ("results.schema.json", t("a list of results (results:)")),
    "programme.yml": ("programme.schema.json", t("the programme's fields (name, decision, period, aims)")),
    "council.yml": ("council.schema.json", t("the council's fields (name, website, address, sources)")),
}
REPORT_SCHEMA = ("report.schema.json", t("the report's fields (period, areas, results, spending, signatory)"))


def load_dataset(data_dir: Path) -> Dataset:
    """Load and check every data file; raise SourceError with all problems found."""
    dataset = Dataset()
    # Links and file names first: nothing is read through a link that leaves data/.
    raise_if_any(
        check_folder(data_dir.parent, data_dir)
        + check_file_names(data_dir.parent, data_dir / "reports", ".yml", recursive=False)
    )
    problems: list[Problem] = []
    files = [(data_dir / name, f"data/{name}", *spec) for name, spec in DATA_FILES.items()]
    files += [
        (path, report_data_file(path.stem), *REPORT_SCHEMA) for path in sorted((data_dir / "reports").glob("*.yml"))
    ]
    for path, shown, schema, expected in files:
        if not path.is_file():
            problems.append(
                Problem(shown, None, t("file"), t("a data file with {what}", what=expected), t("no such file"))
            )
            continue
        try:
            document = load_document(path, shown, expected=expected)
        except SourceError as error:
            problems += error.problems
            continue
        found = check_document(document, data_dir / "schema", schema)
        problems += found
        if not found:
            dataset.documents[shown] = document
    if not problems:
        problems += cross_check(dataset)
    raise_if_any(problems)
    return dataset


def load_strings_file(data_dir: Path) -> dict:
    """Only data/strings.yml, checked: for commands that need the words, not the data."""
    schema, expected = DATA_FILES["strings.yml"]
    raise_if_any(check_folder(data_dir.parent, data_dir))
    document = load_document(data_dir / "strings.yml", "data/strings.yml", expected=expected)
    raise_if_any(check_document(document, data_dir / "schema", schema))
    return document.value


# --- checks across files ---------------------------------------------------------------------


def cross_check(dataset: Dataset) -> list[Problem]:
    problems: list[Problem] = []
    partners = dataset.documents["data/partners.yml"]
    results = dataset.documents["data/results.yml"]
    problems += _unique_ids(partners, "partners")
    problems += _unique_ids(results, "results")
    glossary_ids = set(dataset.glossary)
    partner_ids = {p["id"] for p in partners.value["partners"]}
    result_ids = {r["id"] for r in results.value["results"]}

    for index, result in enumerate(results.value["results"]):
        base = ("results", index)
        for position, partner in enumerate(result.get("from", {}).get("partners", [])):
            problems += _reference(
                results, base + ("from", "partners", position), partner, partner_ids, "data/partners.yml"
            )
        for position, other in enumerate(result.get("may_overlap", [])):
            problems += _reference(
                results,
                base + ("may_overlap", position),
                other,
                result_ids - {result["id"]},
                t("data/results.yml (another result)"),
            )

    programme = dataset.documents["data/programme.yml"]
    problems += _reference(programme, ("name",), programme.value["name"], glossary_ids, "data/glossary.yml")
    problems += _reference(
        programme, ("decision", "body"), programme.value["decision"]["body"], glossary_ids, "data/glossary.yml"
    )
    council = dataset.documents["data/council.yml"]
    for path in (("name",), ("address", "locality"), ("address", "region")):
        value = council.value
        for key in path:
            value = value[key]
        problems += _reference(council, path, value, glossary_ids, "data/glossary.yml")

    for shown, document in sorted(dataset.documents.items()):
        report_id = report_of_data_file(shown)
        if report_id is not None:
            problems += _check_report(
                document, report_id, partner_ids, result_ids, glossary_ids, programme.value["period"]
            )
    return problems


def _unique_ids(document: Document, key: str) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for index, item in enumerate(document.value[key]):
        line = document.line((key, index, "id"))
        if item["id"] in seen:
            problems.append(
                Problem(
                    document.shown,
                    line,
                    field_name((key, index, "id"), document.value),
                    t("an id used once (it is first used on line {line})", line=seen[item["id"]]),
                    t("'{id}' again", id=item["id"]),
                )
            )
        else:
            seen[item["id"]] = line
    return problems


def _reference(document: Document, path: tuple, value: str, known: set[str], where: str | Msg) -> list[Problem]:
    if value in known:
        return []
    return [
        Problem(
            document.shown,
            document.line(path),
            field_name(path, document.value),
            t("an id from {where}", where=where),
            t("'{id}', which does not exist", id=value),
        )
    ]


def _check_report(document, stem, partner_ids, result_ids, glossary_ids, programme_period) -> list[Problem]:
    problems = []
    report = document.value
    period = report["period"]
    quarter = quarter_of_id(stem)
    if quarter is None:
        problems.append(
            Problem(
                document.shown,
                None,
                t("file name"),
                t("a quarter's name: YYYY-qN.yml with N from 1 to 4 (2023-q1.yml)"),
                f"'{stem}.yml'",
            )
        )
    elif quarter != (period["year"], period["quarter"]):
        problems.append(
            Problem(
                document.shown,
                document.line(("period",)),
                "period",
                t("year {year}, quarter {quarter}, as the file name says", year=quarter[0], quarter=quarter[1]),
                t("year {year}, quarter {quarter}", year=period["year"], quarter=period["quarter"]),
            )
        )
    if period["year"] not in programme_years(programme_period):
        problems.append(
            Problem(
                document.shown,
                document.line(("period", "year")),
                "period.year",
                years_expected(programme_period),
                str(period["year"]),
            )
        )
    for position, partner in enumerate(report.get("partners", [])):
        problems += _reference(document, ("partners", position), partner, partner_ids, "data/partners.yml")
    for position, result in enumerate(report["results"]):
        problems += _reference(document, ("results", position), result, result_ids, "data/results.yml")
    for role in ("name", "role"):
        problems += _reference(
            document, ("signatory", role), report["signatory"][role], glossary_ids, "data/glossary.yml"
        )
    problems += _unique_ids(document, "spending")
    return problems


def programme_years(period: dict) -> range:
    """The years a report may cover: the programme's period (data/programme.yml)."""
    return range(period["from"], period["to"] + 1)


def years_expected(period: dict):
    return t("a year of the programme ({start}-{end}, data/programme.yml)", start=period["from"], end=period["to"])


def load_programme_period(data_dir: Path) -> dict:
    """Only data/programme.yml's period, checked: for new-report, before anything is written."""
    schema, expected = DATA_FILES["programme.yml"]
    raise_if_any(check_folder(data_dir.parent, data_dir))
    document = load_document(data_dir / "programme.yml", "data/programme.yml", expected=expected)
    raise_if_any(check_document(document, data_dir / "schema", schema))
    return document.value["period"]


# --- untranslated texts ----------------------------------------------------------------------


def untranslated_texts(dataset: Dataset, languages: list[str]) -> list[str]:
    """Texts with Ukrainian but no English or Polish yet: shown in Ukrainian with a notice."""
    found = []
    for shown, document in sorted(dataset.documents.items()):
        if shown == "data/glossary.yml":
            continue  # names must exist in every language: the schema requires them
        for path, text in text_fields(document.value, ()):
            missing = [lang for lang in languages if lang not in text]
            if missing:
                field = field_name(path, document.value)
                found.append(f"{shown}:{document.line(path)}: {field}: no {', '.join(missing)} text yet")
    return found


def text_fields(value, path) -> list[tuple[tuple, dict]]:
    if isinstance(value, dict):
        # A partner's name with its own spelling ("own") falls back to that, not to Ukrainian.
        if "uk" in value and set(value) <= {"uk", "en", "pl"}:
            return [(path, value)]
        return [found for key, item in value.items() for found in text_fields(item, path + (key,))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in text_fields(item, path + (index,))]
    return []
