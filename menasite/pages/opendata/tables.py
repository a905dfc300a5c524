"""The open datasets as tables of plain values, made from the loaded and checked data.

One table per dataset: the partners, the results, every programme (its quarters and their
spending) and every quarterly report (its measures, results and spending lines). Each column
has a stable name, a kind and a description (the README, the JSON Schema and the passport say
the same); the CSV and the JSON files hold the same records (``csvfile``, ``jsonfiles``).

A text kept in three languages is one column per language (``name_uk``, ``name_en``,
``name_pl``; empty where the translation is missing); amounts are plain numbers with their
ISO 4217 currency in a column of their own; dates are ISO 8601, as precise as the source
("2022", "2022-11", "2021-12-09").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from menasite.data.aggregate import overlap_groups, total
from menasite.data.dataset import Dataset
from menasite.data.glossary import Glossary
from menasite.data.programmes import programme_data_file
from menasite.data.reports import report_data_file

PARTNERS, RESULTS = "data/partners.yml", "data/results.yml"

# A column's kind: how the CSV writes it and what the JSON Schema says of it.
STRING, TEXT, INTEGER, NUMBER, BOOLEAN, DATE, LIST = ("string", "text", "integer", "number", "boolean", "date", "list")


@dataclass(frozen=True)
class Column:
    name: str  # a text column stands for one column per language: name_uk, name_en, name_pl
    kind: str
    description: str  # English, for the schema, the passport and the README
    required: bool = True  # False: may be empty (CSV) or null (JSON)


@dataclass(frozen=True)
class Table:
    id: str  # the file name without its extension: "partners", "reports/2023-q1"
    kind: str  # partners, results, programme, report: which passport texts describe it
    subject: str  # the programme's or report's id, "" for partners and results
    columns: tuple[Column, ...]
    records: tuple[dict, ...]
    sources: tuple[str, ...]  # the data files it is made from (their last change dates it)


def column_names(columns: tuple[Column, ...], languages: list[str]) -> list[str]:
    """The header row: a text column once per language."""
    names: list[str] = []
    for column in columns:
        names += [f"{column.name}_{lang}" for lang in languages] if column.kind == TEXT else [column.name]
    return names


def texts(name: str, value: dict | None, languages: list[str]) -> dict:
    """A text in every language: {"name_uk": ..., "name_en": None} (None: not translated)."""
    return {f"{name}_{lang}": (value or {}).get(lang) for lang in languages}


PARTNER_COLUMNS = (
    Column("id", STRING, "the partner's id, stable across releases"),
    Column("name_own", STRING, "the name as the partner writes it", required=False),
    Column("name_own_lang", STRING, "the language of name_own (ISO 639-1)", required=False),
    Column("name", TEXT, "the name in Ukrainian, English and Polish"),
    Column(
        "kind",
        STRING,
        "municipality, foundation, association, donor_organisation, programme, platform or country_donors",
    ),
    Column("country", STRING, "the country (ISO 3166-1 alpha-2)", required=False),
    Column("region", TEXT, "the region", required=False),
    Column("city", TEXT, "the city", required=False),
    Column("since", DATE, "cooperation since (ISO 8601, as precise as the source)", required=False),
    Column("agreement_kind", STRING, "the kind of agreement signed", required=False),
    Column("agreement_date", DATE, "when it was signed (ISO 8601, as precise as the source)", required=False),
    Column("agreement_note", TEXT, "a note on the agreement", required=False),
    Column("areas", LIST, "areas of cooperation (ids, space-separated in CSV)"),
    Column("website", STRING, "the partner's website", required=False),
    Column("note", TEXT, "a note", required=False),
    Column("sources", LIST, "sources: web addresses, or report:ID for a quarterly report (space-separated in CSV)"),
)

RESULT_COLUMNS = (
    Column("id", STRING, "the result's id, stable across releases"),
    Column("category", STRING, "vehicles, bus, generators, humanitarian_aid, project, ..."),
    Column("quantity", INTEGER, "how many, where a source says", required=False),
    Column("from_partners", LIST, "the partners who gave it, as the sources say (ids)"),
    Column("from_countries", LIST, "the countries it came from, as the sources say (ISO 3166-1 alpha-2)"),
    Column("joint", BOOLEAN, "given jointly by several givers: one record, never split per country"),
    Column(
        "from_report_partners",
        STRING,
        "the report whose partners gave it without saying who gave what: credited to no partner or country",
        required=False,
    ),
    Column("when", DATE, "when it was received, where a source says (ISO 8601)", required=False),
    Column("description", TEXT, "what was received or done"),
    Column("may_overlap", LIST, "other results that may count the same things (ids)"),
    Column("overlap_group", STRING, "the group of records that may count the same things (its first id)"),
    Column(
        "counted_in_totals",
        BOOLEAN,
        "whether its quantity counts in the totals (each group once, by its largest quantity)",
    ),
    Column("reports", LIST, "the quarterly reports that name it (ids)"),
    Column("sources", LIST, "sources: web addresses, or report:ID (space-separated in CSV)"),
)

PROGRAMME_COLUMNS = (
    Column("programme", STRING, "the programme's id (its years)"),
    Column("programme_name", TEXT, "the programme's name"),
    Column("decision_number", STRING, "the number of the council's decision that approved it"),
    Column("decision_date", DATE, "the date of that decision (ISO 8601)"),
    Column("period_from", INTEGER, "the first year of the programme"),
    Column("period_to", INTEGER, "the last year of the programme"),
    Column("report", STRING, "the quarterly report's id (one row per report and currency)"),
    Column("year", INTEGER, "the report's year"),
    Column("quarter", INTEGER, "the report's quarter (1-4)"),
    Column("spent", NUMBER, "the quarter's spending in this currency (0 when the report names none)"),
    Column("currency", STRING, "the currency of spent (ISO 4217)", required=False),
    Column("results", LIST, "the results the report names (ids, see results.csv)"),
)

REPORT_COLUMNS = (
    Column("report", STRING, "the report's id"),
    Column("programme", STRING, "the programme it belongs to (its years)"),
    Column("year", INTEGER, "the report's year"),
    Column("quarter", INTEGER, "the report's quarter (1-4)"),
    Column("item", STRING, "what the row is: measure, result or spending"),
    Column("item_id", STRING, "the result's or spending line's id; the measure's number", required=True),
    Column("text", TEXT, "the measure, the result's description or the spending's purpose"),
    Column("quantity", INTEGER, "a result's quantity, where known", required=False),
    Column("amount", NUMBER, "a spending line's amount", required=False),
    Column("currency", STRING, "the currency of amount (ISO 4217)", required=False),
)


def open_tables(data: Dataset, glossary: Glossary, languages: list[str]) -> list[Table]:
    """Every dataset the site publishes, in a stable order; when some data files have problems
    (``data.broken``, ./run check), those whose data loaded."""
    tables = [] if PARTNERS in data.broken else [partners_table(data, languages)]
    if RESULTS in data.broken:  # every report names results: their descriptions are needed
        return tables + [programme_table(data, glossary, programme, languages) for programme in data.programmes]
    tables.append(results_table(data, languages))
    tables += [programme_table(data, glossary, programme, languages) for programme in data.programmes]
    tables += [report_table(data, report, languages) for report in sorted(data.reports)]
    return tables


def partners_table(data: Dataset, languages: list[str]) -> Table:
    records = []
    for partner in data.partners.values():
        agreement = partner.get("agreement") or {}
        records.append(
            {
                "id": partner["id"],
                "name_own": partner["name"].get("own"),
                "name_own_lang": partner["name"].get("own_lang"),
                **texts("name", partner["name"], languages),
                "kind": partner["kind"],
                "country": partner.get("country"),
                **texts("region", partner.get("region"), languages),
                **texts("city", partner.get("city"), languages),
                "since": partner.get("since"),
                "agreement_kind": agreement.get("kind"),
                "agreement_date": agreement.get("date"),
                **texts("agreement_note", agreement.get("note"), languages),
                "areas": list(partner.get("areas", [])),
                "website": partner.get("website"),
                **texts("note", partner.get("note"), languages),
                "sources": list(partner["sources"]),
            }
        )
    return Table("partners", "partners", "", PARTNER_COLUMNS, tuple(records), (PARTNERS,))


def results_table(data: Dataset, languages: list[str]) -> Table:
    results = data.results
    group_of = {result_id: group[0] for group in overlap_groups(results) for result_id in group}
    counted = {
        result_id for category in {r["category"] for r in results.values()} for result_id in _counted(results, category)
    }
    named_by: dict[str, list[str]] = defaultdict(list)
    for report_id in sorted(data.reports):
        for result_id in data.reports[report_id]["results"]:
            named_by[result_id].append(report_id)
    records = []
    for result_id, result in results.items():
        given = result.get("from", {})
        records.append(
            {
                "id": result_id,
                "category": result["category"],
                "quantity": result.get("quantity"),
                "from_partners": list(given.get("partners", [])),
                "from_countries": list(given.get("countries", [])),
                "joint": bool(given.get("joint")),
                "from_report_partners": given.get("report_partners"),
                "when": result.get("when"),
                **texts("description", result["description"], languages),
                "may_overlap": list(result.get("may_overlap", [])),
                "overlap_group": group_of[result_id],
                "counted_in_totals": result_id in counted,
                "reports": named_by.get(result_id, []),
                "sources": list(result["sources"]),
            }
        )
    return Table("results", "results", "", RESULT_COLUMNS, tuple(records), (RESULTS, "data/reports"))


def _counted(results: dict[str, dict], category: str) -> list[str]:
    """The records whose quantity the category's total counts (aggregate decides, not here)."""
    return total({i: r for i, r in results.items() if r["category"] == category}).counted


def spending_by_currency(spending: list[dict]) -> dict[str, float]:
    """A report's spending summed per currency, currencies in alphabetical order."""
    sums: dict[str, float] = defaultdict(float)
    for line in spending:
        sums[line["currency"]] += line["amount"]
    return {currency: round(sums[currency], 2) for currency in sorted(sums)}


def programme_table(data: Dataset, glossary: Glossary, programme: str, languages: list[str]) -> Table:
    found = data.programmes[programme]
    decision = found["decision"]
    common = {
        "programme": programme,
        **{f"programme_name_{lang}": glossary.name(found["name"], lang) for lang in languages},
        "decision_number": str(decision["number"]),
        "decision_date": decision["date"],
        "period_from": found["period"]["from"],
        "period_to": found["period"]["to"],
    }
    records = []
    reports = data.reports_of_programme(programme)
    for report_id in reports:
        report = data.reports[report_id]
        # A quarter without spending is one row with 0 and no currency: every quarter is there.
        sums: list[tuple[str | None, float]] = list(spending_by_currency(report["spending"]).items()) or [(None, 0.0)]
        for currency, spent in sums:
            records.append(
                {
                    **common,
                    "report": report_id,
                    "year": report["period"]["year"],
                    "quarter": report["period"]["quarter"],
                    "spent": spent,
                    "currency": currency,
                    "results": list(report["results"]),
                }
            )
    sources = (programme_data_file(programme), *(report_data_file(report_id) for report_id in reports))
    return Table(f"programmes/{programme}", "programme", programme, PROGRAMME_COLUMNS, tuple(records), sources)


def report_table(data: Dataset, report_id: str, languages: list[str]) -> Table:
    report = data.reports[report_id]
    common = {
        "report": report_id,
        "programme": data.programme_of_report[report_id],
        "year": report["period"]["year"],
        "quarter": report["period"]["quarter"],
    }
    empty = {"quantity": None, "amount": None, "currency": None}
    records = [
        {**common, "item": "measure", "item_id": str(number), **texts("text", measure, languages), **empty}
        for number, measure in enumerate(report.get("measures", []), start=1)
    ]
    for result_id in report["results"]:
        result = data.results[result_id]
        records.append(
            {
                **common,
                "item": "result",
                "item_id": result_id,
                **texts("text", result["description"], languages),
                **empty,
                "quantity": result.get("quantity"),
            }
        )
    for line in report["spending"]:
        records.append(
            {
                **common,
                "item": "spending",
                "item_id": line["id"],
                **texts("text", line["purpose"], languages),
                **empty,
                "amount": line["amount"],
                "currency": line["currency"],
            }
        )
    return Table(
        f"reports/{report_id}", "report", report_id, REPORT_COLUMNS, tuple(records), (report_data_file(report_id),)
    )
