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
from menasite.data.programmes import (
    PROGRAMMES_FOLDER,
    covering,
    overlapping,
    programme_data_file,
    programme_id,
    programme_of_data_file,
    years_of_id,
)
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
    def programmes(self) -> dict[str, dict]:
        """Programme id ("2022-2024") -> its data, oldest first."""
        found = {programme_of_data_file(shown): document.value for shown, document in sorted(self.documents.items())}
        return {found_id: value for found_id, value in found.items() if found_id is not None}

    @cached_property
    def current_programme(self) -> str:
        """The newest programme: the one the programme page shows first."""
        return list(self.programmes)[-1]

    @cached_property
    def programme_of_report(self) -> dict[str, str]:
        """Report id -> the id of the programme its quarter belongs to (checked: exactly one)."""
        return {
            report_id: covering(self.programmes, report["period"]["year"]) or ""
            for report_id, report in self.reports.items()
        }

    def reports_of_programme(self, programme: str) -> list[str]:
        """The programme's reports, in time order."""
        return [report_id for report_id, found in self.programme_of_report.items() if found == programme]

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
    "council.yml": ("council.schema.json", t("the council's fields (name, website, address, sources)")),
}
PROGRAMME_SCHEMA = ("programme.schema.json", t("the programme's fields (name, decision, period, aims)"))
REPORT_SCHEMA = ("report.schema.json", t("the report's fields (period, areas, results, spending, signatory)"))


def load_dataset(data_dir: Path) -> Dataset:
    """Load and check every data file; raise SourceError with all problems found."""
    dataset = Dataset()
    # Links and file names first: nothing is read through a link that leaves data/.
    raise_if_any(
        check_folder(data_dir.parent, data_dir)
        + check_file_names(data_dir.parent, data_dir / "reports", ".yml", recursive=False)
        + check_file_names(data_dir.parent, data_dir / "programmes", ".yml", recursive=False)
    )
    problems: list[Problem] = programme_files_missing(data_dir)
    files = [(data_dir / name, f"data/{name}", *spec) for name, spec in DATA_FILES.items()]
    files += [
        (path, programme_data_file(path.stem), *PROGRAMME_SCHEMA)
        for path in sorted((data_dir / "programmes").glob("*.yml"))
    ]
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
        problems += _check_report_partners(results, base, result, dataset.reports)
        for position, other in enumerate(result.get("may_overlap", [])):
            problems += _reference(
                results,
                base + ("may_overlap", position),
                other,
                result_ids - {result["id"]},
                t("data/results.yml (another result)"),
            )

    for shown, document in sorted(dataset.documents.items()):
        if programme_of_data_file(shown) is not None:
            problems += _check_programme(document, glossary_ids)
    problems += _overlaps(dataset)
    council = dataset.documents["data/council.yml"]
    for path in (("name",), ("address", "locality"), ("address", "region")):
        value = council.value
        for key in path:
            value = value[key]
        problems += _reference(council, path, value, glossary_ids, "data/glossary.yml")

    for shown, document in sorted(dataset.documents.items()):
        report_id = report_of_data_file(shown)
        if report_id is not None:
            problems += _check_report(document, report_id, partner_ids, result_ids, glossary_ids, dataset.programmes)
    return problems


def _check_report_partners(results: Document, base: tuple, result: dict, reports: dict[str, dict]) -> list[Problem]:
    """A result "from the partners named in a report" names a report that lists it, and no
    partner or country besides (that would credit it to them)."""
    given = result.get("from", {})
    report_id = given.get("report_partners")
    if report_id is None:
        return []
    path = base + ("from", "report_partners")
    if given.get("partners") or given.get("countries"):
        return [
            Problem(
                results.shown,
                results.line(path),
                field_name(base + ("from",), results.value),
                t("either report_partners (not itemised) or partners and countries (credited to them)"),
                t("both"),
            )
        ]
    if report_id not in reports:
        return _reference(results, path, report_id, set(reports), t("data/reports (a report, 2023-q1)"))
    if result["id"] not in reports[report_id]["results"]:
        return [
            Problem(
                results.shown,
                results.line(path),
                field_name(path, results.value),
                t("a report whose results include {id}", id=result["id"]),
                t("'{report}', which does not list it", report=report_id),
            )
        ]
    return []


def programme_files_missing(data_dir: Path) -> list[Problem]:
    """The site needs at least one programme: every report belongs to one."""
    if any((data_dir / "programmes").glob("*.yml")):
        return []
    return [
        Problem(
            PROGRAMMES_FOLDER,
            None,
            t("programmes"),
            t("at least one programme's data file, named by its years: data/programmes/2022-2024.yml"),
            t("no programme"),
        )
    ]


def _check_programme(document: Document, glossary_ids: set[str] | None) -> list[Problem]:
    """Its names (unless ``glossary_ids`` is None: only the programmes are loaded), its file
    name and its years."""
    programme = document.value
    problems = []
    if glossary_ids is not None:
        problems += _reference(document, ("name",), programme["name"], glossary_ids, "data/glossary.yml")
        problems += _reference(
            document, ("decision", "body"), programme["decision"]["body"], glossary_ids, "data/glossary.yml"
        )
    stem = programme_of_data_file(document.shown) or ""
    years = years_of_id(stem)
    period = programme["period"]
    if years is None:
        problems.append(
            Problem(
                document.shown,
                None,
                t("file name"),
                t("a programme's years: FROM-TO.yml (2022-2024.yml)"),
                f"'{stem}.yml'",
            )
        )
    elif years != (period["from"], period["to"]):
        problems.append(
            Problem(
                document.shown,
                document.line(("period",)),
                "period",
                t("{years}, as the file name says", years=stem),
                programme_id(period),
            )
        )
    if period["from"] > period["to"]:
        problems.append(
            Problem(
                document.shown,
                document.line(("period",)),
                "period",
                t("a first year (from) no later than the last year (to)"),
                programme_id(period),
            )
        )
    return problems


def _overlaps(dataset: Dataset) -> list[Problem]:
    """Two programmes may not share a year: a report would belong to both."""
    problems = []
    for later, earlier in overlapping(dataset.programmes):
        document = dataset.documents[programme_data_file(later)]
        problems.append(
            Problem(
                document.shown,
                document.line(("period",)),
                "period",
                t("years that no other programme covers"),
                t(
                    "{years}, which overlap the programme {other} ({file})",
                    years=programme_id(document.value["period"]),
                    other=programme_id(dataset.programmes[earlier]["period"]),
                    file=programme_data_file(earlier),
                ),
            )
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


def _check_report(document, stem, partner_ids, result_ids, glossary_ids, programmes) -> list[Problem]:
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
    if covering(programmes, period["year"]) is None:
        problems.append(
            Problem(
                document.shown,
                document.line(("period", "year")),
                "period.year",
                years_expected(programmes),
                t("{year}, which no programme covers", year=period["year"]),
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


def years_expected(programmes: dict[str, dict]) -> Msg:
    """What a report's year must be: a year of one of the programmes, each named with its file."""
    named = ", ".join(f"{programme_id(p['period'])} ({programme_data_file(i)})" for i, p in programmes.items())
    return t("a year of one of the programmes: {programmes}", programmes=named)


def load_programmes(data_dir: Path) -> dict[str, dict]:
    """Only the programmes' files, checked (schema, names, overlaps): for new-report, before
    anything is written. Programme id -> its data, oldest first."""
    raise_if_any(
        check_folder(data_dir.parent, data_dir)
        + check_file_names(data_dir.parent, data_dir / "programmes", ".yml", recursive=False)
        + programme_files_missing(data_dir)
    )
    dataset = Dataset()
    problems: list[Problem] = []
    for path in sorted((data_dir / "programmes").glob("*.yml")):
        document = load_document(path, programme_data_file(path.stem), expected=PROGRAMME_SCHEMA[1])
        found = check_document(document, data_dir / "schema", PROGRAMME_SCHEMA[0])
        problems += found
        if not found:
            dataset.documents[document.shown] = document
    raise_if_any(problems)
    problems += [problem for document in dataset.documents.values() for problem in _check_programme(document, None)]
    raise_if_any(problems + _overlaps(dataset))
    return dataset.programmes


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
