"""The open datasets as tables of plain values, made from the loaded and checked data.

One table per dataset: the partners, the results, every programme (its quarters and their
spending) and every quarterly report (its partners, countries, areas, measures, results,
spending lines, signatory and note). Each column
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

from babel import Locale

from menasite.data.aggregate import by_country, overlap_groups, total, totals_by_category
from menasite.data.dataset import Dataset
from menasite.data.glossary import Glossary
from menasite.data.programmes import programme_data_file
from menasite.data.reports import report_data_file

PARTNERS, RESULTS = "data/partners.yml", "data/results.yml"
GLOSSARY, STRINGS, REPORTS_FOLDER = "data/glossary.yml", "data/strings.yml", "data/reports"

# A column's kind: how the CSV writes it and what the JSON Schema says of it.
STRING, TEXT, INTEGER, NUMBER, BOOLEAN, DATE, LIST = ("string", "text", "integer", "number", "boolean", "date", "list")


@dataclass(frozen=True)
class Column:
    name: str  # a text column stands for one column per language: name_uk, name_en, name_pl
    kind: str
    description: str  # English, for the schema, the passport and the README
    required: bool = True  # False: may be empty (CSV) or null (JSON)
    values: tuple[str, ...] = ()  # the only values it may hold (the schema's enum), when fixed


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


def partner_names(name: dict, languages: list[str]) -> dict:
    """The name the site shows in each language: the partner's own name where it has none in
    that language (as the partners' page does); None only where the site shows the Ukrainian
    name as "not translated yet"."""
    default = languages[0]
    return {f"name_{lang}": name.get(lang) or (name.get("own") if lang != default else None) for lang in languages}


def country_names(code: str, languages: list[str]) -> dict:
    """A country's name in each language, as the pages show it (CLDR, through Babel)."""
    return {f"text_{lang}": Locale.parse(lang).territories.get(code, code) for lang in languages}


def year_counted(result: dict, reports_naming: list[dict]) -> int | None:
    """The year a result is counted under: when it was received, else the year of the first
    report that names it (the results page's totals by year)."""
    if result.get("when"):
        return int(str(result["when"])[:4])
    return reports_naming[0]["period"]["year"] if reports_naming else None


# The kinds of rows of a report's dataset, in the order they come.
REPORT_ITEMS = ("partner", "country", "area", "measure", "result", "spending", "signatory", "note")

PARTNER_COLUMNS = (
    Column("id", STRING, "the partner's id, stable across releases"),
    Column("name_own", STRING, "the name as the partner writes it", required=False),
    Column("name_own_lang", STRING, "the language of name_own (ISO 639-1)", required=False),
    Column(
        "name",
        TEXT,
        "the name as the site shows it in Ukrainian, English and Polish (its own name where it has none in that "
        "language); English or Polish empty: not translated yet",
    ),
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
    Column(
        "year",
        INTEGER,
        "the year it is counted under: the year of when, else of the first report that names it",
        required=False,
    ),
    Column(
        "counted_in_year_total",
        BOOLEAN,
        "whether its quantity counts in its year's total of its category (each group once among that year's records)",
    ),
    Column(
        "attributed_country",
        STRING,
        "the one country its givers are all from (ISO 3166-1 alpha-2); empty for joint aid, a report's partners "
        "or no country",
        required=False,
    ),
    Column(
        "counted_in_country_total",
        BOOLEAN,
        "whether its quantity counts in its attributed country's total of its category (each group once among "
        "that country's records)",
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
    Column(
        "item",
        STRING,
        "what the row is: partner, country, area, measure, result, spending, signatory or note",
        values=REPORT_ITEMS,
    ),
    Column(
        "item_id",
        STRING,
        "the partner's, result's or spending line's id, the country's ISO 3166-1 alpha-2 code, the area's id, "
        "the signatory's name id; the measure's or note's number",
    ),
    Column(
        "text",
        TEXT,
        "the partner's or country's name, the area, the measure, the result's description, the spending's purpose, "
        "the signatory (role: name) or the note",
    ),
    Column("quantity", INTEGER, "a result's quantity, where known", required=False),
    Column("amount", NUMBER, "a spending line's amount", required=False),
    Column("currency", STRING, "the currency of amount (ISO 4217)", required=False),
)


def open_tables(data: Dataset, glossary: Glossary, languages: list[str]) -> list[Table]:
    """Every dataset the site publishes, in a stable order; when some data files have problems
    (``data.broken``, ./run check), those whose data loaded."""
    # The results' countries and a report's partners need the partners; every report names
    # results, whose descriptions it needs: as the pages that show them, they wait for both.
    whole = PARTNERS not in data.broken and RESULTS not in data.broken
    tables = [] if PARTNERS in data.broken else [partners_table(data, languages)]
    tables += [results_table(data, languages)] if whole else []
    tables += [programme_table(data, glossary, programme, languages) for programme in data.programmes]
    tables += [report_table(data, glossary, report, languages) for report in sorted(data.reports)] if whole else []
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
                **partner_names(partner["name"], languages),
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
    years = {
        result_id: year_counted(result, [data.reports[i] for i in named_by.get(result_id, [])])
        for result_id, result in results.items()
    }
    counted_in_year = _counted_in_rows(results, years)
    shares = by_country(results, data.partners)
    country_of = {result_id: code for code, share in shares.items() for result_id in share.alone}
    counted_in_country = {i for share in shares.values() for t in share.totals.values() for i in t.counted}
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
                "year": years[result_id],
                "counted_in_year_total": result_id in counted_in_year,
                "attributed_country": country_of.get(result_id),
                "counted_in_country_total": result_id in counted_in_country,
                "reports": named_by.get(result_id, []),
                "sources": list(result["sources"]),
            }
        )
    # The years and the attributed countries come from the reports and the partners' countries.
    return Table("results", "results", "", RESULT_COLUMNS, tuple(records), (RESULTS, REPORTS_FOLDER, PARTNERS))


def _counted_in_rows(results: dict[str, dict], row_of: dict[str, int | None]) -> set[str]:
    """The records each row's totals count (a row: a year), each group once among the row's
    own records, as the results page's tables count them (aggregate decides)."""
    rows: dict[int | None, dict[str, dict]] = defaultdict(dict)
    for result_id, result in results.items():
        rows[row_of[result_id]][result_id] = result
    return {i for items in rows.values() for t in totals_by_category(items).values() for i in t.counted}


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
    # The programme's name comes from the glossary.
    sources = (programme_data_file(programme), *(report_data_file(report_id) for report_id in reports), GLOSSARY)
    return Table(f"programmes/{programme}", "programme", programme, PROGRAMME_COLUMNS, tuple(records), sources)


def report_table(data: Dataset, glossary: Glossary, report_id: str, languages: list[str]) -> Table:
    """The report as its page shows it: who its partners were (partners, countries, areas),
    its measures, results and spending, who signed it and its note."""
    report = data.reports[report_id]
    common = {
        "report": report_id,
        "programme": data.programme_of_report[report_id],
        "year": report["period"]["year"],
        "quarter": report["period"]["quarter"],
    }
    empty = {"quantity": None, "amount": None, "currency": None}

    def row(item: str, item_id: str, text: dict, **values: object) -> dict:
        return {**common, "item": item, "item_id": item_id, **text, **empty, **values}

    records = [
        row("partner", partner_id, rename(partner_names(data.partners[partner_id]["name"], languages), "name", "text"))
        for partner_id in report.get("partners", [])
    ]
    records += [row("country", code, country_names(code, languages)) for code in report.get("countries", [])]
    areas = report.get("areas", [])
    records += [row("area", area, texts("text", data.strings.get(f"area.{area}"), languages)) for area in areas]
    records += [
        row("measure", str(number), texts("text", measure, languages))
        for number, measure in enumerate(report.get("measures", []), start=1)
    ]
    records += [
        row("result", result_id, texts("text", data.results[result_id]["description"], languages),
            quantity=data.results[result_id].get("quantity"))
        for result_id in report["results"]
    ]  # fmt: skip
    records += [
        row("spending", line["id"], texts("text", line["purpose"], languages),
            amount=line["amount"], currency=line["currency"])
        for line in report["spending"]
    ]  # fmt: skip
    if report.get("signatory"):
        signatory = report["signatory"]
        records.append(row("signatory", signatory["name"], signed(glossary, signatory, languages)))
    if report.get("note"):
        records.append(row("note", "1", texts("text", report["note"], languages)))
    # Names of partners, areas, the signatory and results come from these files as well.
    sources = (report_data_file(report_id), RESULTS, PARTNERS, GLOSSARY, STRINGS)
    return Table(f"reports/{report_id}", "report", report_id, REPORT_COLUMNS, tuple(records), sources)


def rename(values: dict, old: str, new: str) -> dict:
    """{"name_uk": ...} -> {"text_uk": ...}: one text under another column's name."""
    return {new + key.removeprefix(old): value for key, value in values.items()}


def signed(glossary: Glossary, signatory: dict, languages: list[str]) -> dict:
    """ "Role: Name" in each language, as the report's page shows who signed it."""
    found = {}
    for lang in languages:
        role, name = glossary.name(signatory["role"], lang), glossary.name(signatory["name"], lang)
        found[f"text_{lang}"] = f"{role}: {name}" if role and name else None
    return found
