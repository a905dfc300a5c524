"""All data of the site, loaded from ``data/`` and checked once per build.

Each file is checked against its schema (``data/schema/``); then the files are checked
against each other (ids unique, references that exist, a report's file name and period that
agree). All problems of all files are collected and reported together.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
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
from menasite.data.yamldoc import Document, load_document, read_document
from menasite.messages import Msg, t
from menasite.problems import Problem, raise_if_any


@dataclass
class Dataset:
    """The loaded documents, with indexes derived once (pages ask for them per row)."""

    documents: dict[str, Document] = field(default_factory=dict)  # shown path -> document
    broken: set[str] = field(default_factory=set)  # data files with problems (not in documents)

    @cached_property
    def glossary(self) -> dict:
        return self.documents["data/glossary.yml"].value

    @cached_property
    def strings(self) -> dict:
        return self.documents["data/strings.yml"].value

    @cached_property
    def partners(self) -> dict[str, dict]:
        """Empty when the file has problems (``broken``): what shows partners is skipped then."""
        document = self.documents.get("data/partners.yml")
        return {p["id"]: p for p in document.value["partners"]} if document else {}

    @cached_property
    def results(self) -> dict[str, dict]:
        """Empty when the file has problems (``broken``): what shows results is skipped then."""
        document = self.documents.get("data/results.yml")
        return {r["id"]: r for r in document.value["results"]} if document else {}

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
    dataset, problems = read_dataset(data_dir)
    raise_if_any(problems)
    return dataset


def read_dataset(data_dir: Path) -> tuple[Dataset, list[Problem]]:
    """Every data file checked as far as it can be read, and the files against each other
    (for every record with an id, even when other fields are wrong): the dataset of the files
    without problems (``broken`` names the others) and every problem found."""
    dataset = Dataset()
    # Links and file names first: nothing is read through a link that leaves data/.
    problems = (
        check_folder(data_dir.parent, data_dir)
        + check_file_names(data_dir.parent, data_dir / "reports", ".yml", recursive=False)
        + check_file_names(data_dir.parent, data_dir / "programmes", ".yml", recursive=False)
    )
    if problems:
        return dataset, problems
    problems = programme_files_missing(data_dir)
    files = [(data_dir / name, f"data/{name}", *spec) for name, spec in DATA_FILES.items()]
    files += [
        (path, programme_data_file(path.stem), *PROGRAMME_SCHEMA)
        for path in sorted((data_dir / "programmes").glob("*.yml"))
    ]
    files += [
        (path, report_data_file(path.stem), *REPORT_SCHEMA) for path in sorted((data_dir / "reports").glob("*.yml"))
    ]
    read: dict[str, Document] = {}  # every file that could be read, valid or not
    for path, shown, schema, expected in files:
        if not path.is_file():
            problems.append(
                Problem(shown, None, t("file"), t("a data file with {what}", what=expected), t("no such file"))
            )
            dataset.broken.add(shown)
            continue
        document, found = read_document(path, shown, expected=expected)
        if document is not None:
            found += check_document(document, data_dir / "schema", schema)
            read[shown] = document if not document.unread else without_unread(document)
        problems += found
        if found:
            dataset.broken.add(shown)
    present = {shown for path, shown, *_ in files if path.is_file()}
    crossed = cross_check(read, complete=not problems, present=present)
    problems += crossed
    dataset.broken |= {problem.file for problem in crossed}
    dataset.documents = {shown: document for shown, document in read.items() if shown not in dataset.broken}
    return dataset, problems


def without_unread(document: Document) -> Document:
    """The document without the values already reported as wrong or unreadable: what the
    checks across files may rely on."""
    return dataclasses.replace(document, value=_pruned(document.value, (), document.unread))


def _pruned(value, path: tuple, unread: set[tuple]):
    if isinstance(value, dict):
        return {key: _pruned(item, path + (key,), unread) for key, item in value.items() if path + (key,) not in unread}
    if isinstance(value, list):
        # Items keep their places (problems name them by position): a wrong one becomes None.
        return [
            None if path + (index,) in unread else _pruned(item, path + (index,), unread)
            for index, item in enumerate(value)
        ]
    return value


def load_strings_file(data_dir: Path) -> dict:
    """Only data/strings.yml, checked: for commands that need the words, not the data."""
    return _load_one_file(data_dir, "strings.yml")


def load_council(data_dir: Path) -> dict:
    """Only data/council.yml, checked: for ./run placeholders (what the council still supplies)."""
    return _load_one_file(data_dir, "council.yml")


def _load_one_file(data_dir: Path, name: str) -> dict:
    schema, expected = DATA_FILES[name]
    raise_if_any(check_folder(data_dir.parent, data_dir))
    document = load_document(data_dir / name, f"data/{name}", expected=expected)
    raise_if_any(check_document(document, data_dir / "schema", schema))
    return document.value


# --- checks across files ---------------------------------------------------------------------
#
# The files may have problems of their own: each check looks only at what is there and of the
# right kind (the schema has reported the rest), so that a misspelt id is found in the same
# run as a missing field.


def _at(value, *path):
    """The value at ``path``, or None where the data does not have it (or not of that kind)."""
    for key in path:
        if isinstance(key, int):
            if not isinstance(value, list) or key >= len(value):
                return None
        elif not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _records(document: Document | None, key: str) -> list[tuple[int, dict]]:
    """The records of a list (partners, results, spending) that are groups of fields."""
    items = _at(document.value, key) if document is not None else None
    return [(index, item) for index, item in enumerate(items or []) if isinstance(item, dict)]


def _texts(value) -> list[tuple[int, str]]:
    return [
        (index, item) for index, item in enumerate(value if isinstance(value, list) else []) if isinstance(item, str)
    ]


def _ids(document: Document | None, key: str) -> set[str] | None:
    """The ids of the records; None when they are not known: the file could not be read, or
    a record has no usable id or one used twice (it may be the one a reference means)."""
    if document is None:
        return None
    ids = [item.get("id") for _, item in _records(document, key)]
    if not all(_usable_id(found) for found in ids) or len(set(ids)) < len(ids):
        return None
    return set(ids)  # type: ignore[arg-type]


def _usable_id(value) -> bool:
    return isinstance(value, str) and bool(_ID.fullmatch(value)) and len(value) <= 64


_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # as common.schema.json says


def _years(period) -> tuple[int, int] | None:
    years = (_at(period, "from"), _at(period, "to"))
    return years if all(isinstance(year, int) and not isinstance(year, bool) for year in years) else None


def cross_check(
    documents: dict[str, Document], complete: bool = True, present: set[str] | None = None
) -> list[Problem]:
    """The files against each other. ``complete``: every file was read and is valid (only then
    can "no programme covers this year" be said); ``present``: every data file there is, read
    or not (a report that could not be read still exists)."""
    problems: list[Problem] = []
    partners = documents.get("data/partners.yml")
    results = documents.get("data/results.yml")
    glossary = documents.get("data/glossary.yml")
    if partners is not None:
        problems += _unique_ids(partners, "partners")
    if results is not None:
        problems += _unique_ids(results, "results")
    glossary_ids = set(glossary.value) if glossary is not None and isinstance(glossary.value, dict) else None
    partner_ids = _ids(partners, "partners")
    result_ids = _ids(results, "results")
    reports = {
        report_id: document.value
        for shown, document in sorted(documents.items())
        if (report_id := report_of_data_file(shown)) is not None and isinstance(document.value, dict)
    }
    report_ids = {found for shown in present or documents if (found := report_of_data_file(shown)) is not None}
    programmes = {
        found: document.value
        for shown, document in sorted(documents.items())
        if (found := programme_of_data_file(shown)) is not None and isinstance(document.value, dict)
    }

    for index, result in _records(results, "results"):
        assert results is not None  # it has records
        base = ("results", index)
        for position, partner in _texts(_at(result, "from", "partners")):
            problems += _reference(
                results, base + ("from", "partners", position), partner, partner_ids, "data/partners.yml"
            )
        problems += _check_report_partners(results, base, result, reports, report_ids)
        own_id = result.get("id")
        for position, other in _texts(result.get("may_overlap")):
            problems += _reference(
                results,
                base + ("may_overlap", position),
                other,
                None if result_ids is None else result_ids - {own_id},
                t("data/results.yml (another result)"),
            )

    for shown, document in sorted(documents.items()):
        if programme_of_data_file(shown) is not None:
            problems += _check_programme(document, glossary_ids)
    problems += _overlaps(programmes, documents)
    council = documents.get("data/council.yml")
    for path in (("name",), ("address", "locality"), ("address", "region")):
        if council is not None:
            problems += _reference(council, path, _at(council.value, *path), glossary_ids, "data/glossary.yml")

    for shown, document in sorted(documents.items()):
        report_id = report_of_data_file(shown)
        if report_id is not None and isinstance(document.value, dict):
            problems += _check_report(
                document, report_id, partner_ids, result_ids, glossary_ids, programmes if complete else None
            )
    return problems


def _check_report_partners(
    results: Document, base: tuple, result: dict, reports: dict[str, dict], report_ids: set[str]
) -> list[Problem]:
    """A result "from the partners named in a report" names a report that lists it, and no
    partner or country besides (that would credit it to them)."""
    given = result.get("from")
    report_id = _at(given, "report_partners")
    if not isinstance(given, dict) or not isinstance(report_id, str):
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
    if report_id not in report_ids:
        return _reference(results, path, report_id, report_ids, t("data/reports (a report, 2023-q1)"))
    if report_id not in reports:
        return []  # its file could not be read
    listed = _at(reports[report_id], "results")
    if isinstance(listed, list) and _usable_id(result.get("id")) and result["id"] not in listed:
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
        problems += _reference(document, ("name",), _at(programme, "name"), glossary_ids, "data/glossary.yml")
        problems += _reference(
            document, ("decision", "body"), _at(programme, "decision", "body"), glossary_ids, "data/glossary.yml"
        )
    stem = programme_of_data_file(document.shown) or ""
    years = years_of_id(stem)
    period = _at(programme, "period")
    written = _years(period)
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
    elif written is not None and years != written:
        problems.append(
            Problem(
                document.shown,
                document.line(("period",)),
                "period",
                t("{years}, as the file name says", years=stem),
                programme_id(period),
            )
        )
    if written is not None and written[0] > written[1]:
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


def _overlaps(programmes: dict[str, dict], documents: dict[str, Document]) -> list[Problem]:
    """Two programmes may not share a year: a report would belong to both."""
    problems = []
    programmes = {found: value for found, value in programmes.items() if _years(value.get("period"))}
    for later, earlier in overlapping(programmes):
        document = documents[programme_data_file(later)]
        problems.append(
            Problem(
                document.shown,
                document.line(("period",)),
                "period",
                t("years that no other programme covers"),
                t(
                    "{years}, which overlap the programme {other} ({file})",
                    years=programme_id(document.value["period"]),
                    other=programme_id(programmes[earlier]["period"]),
                    file=programme_data_file(earlier),
                ),
            )
        )
    return problems


def _unique_ids(document: Document, key: str) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for index, item in _records(document, key):
        line = document.line((key, index, "id"))
        if not isinstance(item.get("id"), str):
            continue
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


def _reference(document: Document, path: tuple, value, known: set[str] | None, where: str | Msg) -> list[Problem]:
    """An id that must exist in ``known``; not checked when the value is not a text (the schema
    said so) or the ids are unknown (their file could not be read)."""
    if not isinstance(value, str) or known is None or value in known:
        return []
    return [
        Problem(
            document.shown,
            document.line(path),
            field_name(path, document.value),
            t("an id from {where}", where=where),
            t("'{id}', which does not exist", id=value)
            if not (close := closest(value, known))
            else t("'{id}', which does not exist (did you mean {close}?)", id=value, close=close),
        )
    ]


def closest(value: str, known: set[str] | list[str]) -> str:
    """The existing names closest to a misspelt one, quoted: "'gmina-dabrowa'", or ""."""
    found = difflib.get_close_matches(value, sorted(known), n=2, cutoff=0.75)
    return ", ".join(f"'{name}'" for name in found)


def _check_report(document, stem, partner_ids, result_ids, glossary_ids, programmes) -> list[Problem]:
    """A report against its file name, the programmes (unless ``programmes`` is None: not all
    of them could be read) and the ids it names."""
    problems = []
    report = document.value
    year, number = _at(report, "period", "year"), _at(report, "period", "quarter")
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
    elif isinstance(year, int) and isinstance(number, int) and quarter != (year, number):
        problems.append(
            Problem(
                document.shown,
                document.line(("period",)),
                "period",
                t("year {year}, quarter {quarter}, as the file name says", year=quarter[0], quarter=quarter[1]),
                t("year {year}, quarter {quarter}", year=year, quarter=number),
            )
        )
    if programmes is not None and isinstance(year, int) and covering(programmes, year) is None:
        problems.append(
            Problem(
                document.shown,
                document.line(("period", "year")),
                "period.year",
                years_expected(programmes),
                t("{year}, which no programme covers", year=year),
            )
        )
    for position, partner in _texts(report.get("partners")):
        problems += _reference(document, ("partners", position), partner, partner_ids, "data/partners.yml")
    for position, result in _texts(report.get("results")):
        problems += _reference(document, ("results", position), result, result_ids, "data/results.yml")
    for role in ("name", "role"):
        problems += _reference(
            document, ("signatory", role), _at(report, "signatory", role), glossary_ids, "data/glossary.yml"
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
    raise_if_any(problems + _overlaps(dataset.programmes, dataset.documents))
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
