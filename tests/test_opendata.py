"""Open data, feeds and charts: what the build publishes besides the pages, checked against the
data it comes from (the real site, built once per run; a fixture project for bad input)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET

import feedparser
import pytest
from conftest import LANGUAGES, PREFIX, ROOT, Elements, _visit_in, make_project
from jsonschema import Draft202012Validator, FormatChecker

from menasite.pages.opendata.csvfile import csv_text, original_cell
from menasite.pages.opendata.tables import REPORT_COLUMNS, Table
from menasite.pages.sitestate import load_site_state
from menasite.site.opendata import write_open_data

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def data():
    return load_site_state(ROOT / "mkdocs.yml").data


def read_csv(site, name: str) -> list[dict[str, str]]:
    raw = (site.path / "data" / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # UTF-8 without a BOM, one header row
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    return [{key: original_cell(value) for key, value in row.items()} for row in rows]


def read_json(site, name: str) -> list[dict]:
    return json.loads((site.path / "data" / name).read_text(encoding="utf-8"))["records"]


def texts(prefix: str, value: dict | None) -> dict:
    return {f"{prefix}_{lang}": (value or {}).get(lang) for lang in LANGUAGES}


def as_csv(record: dict) -> dict[str, str]:
    """What a JSON record's values look like in the CSV."""
    shown = {}
    for key, value in record.items():
        if value is None:
            shown[key] = ""
        elif isinstance(value, bool):
            shown[key] = "true" if value else "false"
        elif isinstance(value, float):
            shown[key] = f"{value:.2f}"
        elif isinstance(value, list):
            shown[key] = " ".join(value)
        else:
            shown[key] = str(value)
    return shown


# --- round trip: the published files hold the data, field by field -----------------------------


def shown_names(name: dict) -> dict:
    """What the partners' page shows in each language: the own name where none is given."""
    return {f"name_{lang}": name.get(lang) or (name.get("own") if lang != "uk" else None) for lang in LANGUAGES}


def expected_partners(data) -> list[dict]:
    return [
        {
            "id": p["id"],
            "name_own": p["name"].get("own"),
            "name_own_lang": p["name"].get("own_lang"),
            **shown_names(p["name"]),
            "kind": p["kind"],
            "country": p.get("country"),
            **texts("region", p.get("region")),
            **texts("city", p.get("city")),
            "since": p.get("since"),
            "agreement_kind": p.get("agreement", {}).get("kind"),
            "agreement_date": p.get("agreement", {}).get("date"),
            **texts("agreement_note", p.get("agreement", {}).get("note")),
            "areas": p.get("areas", []),
            "website": p.get("website"),
            **texts("note", p.get("note")),
            "sources": p["sources"],
        }
        for p in data.partners.values()
    ]


def expected_results(data) -> list[dict]:
    records = []
    for r in data.results.values():
        given = r.get("from", {})
        records.append(
            {
                "id": r["id"],
                "category": r["category"],
                "quantity": r.get("quantity"),
                "from_partners": given.get("partners", []),
                "from_countries": given.get("countries", []),
                "joint": bool(given.get("joint")),
                "from_report_partners": given.get("report_partners"),
                "when": r.get("when"),
                **texts("description", r["description"]),
                "may_overlap": r.get("may_overlap", []),
                "reports": [i for i in sorted(data.reports) if r["id"] in data.reports[i]["results"]],
                "sources": r["sources"],
            }
        )
    return records


def test_partners_and_results_round_trip_through_csv_and_json(site, data):
    for name, expected in (("partners", expected_partners(data)), ("results", expected_results(data))):
        published = read_json(site, f"{name}.json")
        assert len(published) == len(expected)
        assert [
            {key: record[key] for key in want} for record, want in zip(published, expected, strict=True)
        ] == expected
        assert read_csv(site, f"{name}.csv") == [as_csv(record) for record in published]


def test_partner_names_are_the_names_the_site_shows_in_each_language(site):
    """Empty means "not translated yet": a partner shown under its own name in English and
    Polish has that name there, as on the partners page."""
    rows = {row["id"]: row for row in read_csv(site, "partners.csv")}
    assert [rows["gmina-dabrowa"][f"name_{lang}"] for lang in LANGUAGES] == [
        "Гміна Домброва",
        "Gmina Dąbrowa",
        "Gmina Dąbrowa",
    ]
    assert [rows["gmina-zyrakow"][f"name_{lang}"] for lang in LANGUAGES] == [
        "Гміна Жиракув",
        "Gmina Żyraków",
        "Gmina Żyraków",
    ]
    for lang in ("en", "pl"):
        page = site.html(PREFIX[lang] + "partners/index.html")
        assert ">Gmina Dąbrowa<" in page and ">Gmina Żyraków<" in page
    assert all(row[f"name_{lang}"] for row in rows.values() for lang in LANGUAGES)  # every name is shown


def test_a_partner_without_a_name_in_a_language_is_empty_there_as_not_translated(tmp_path):
    partners = (ROOT / "data" / "partners.yml").read_text(encoding="utf-8")
    partners = partners.replace("{uk: донори США, en: donors in the USA, ", "{uk: донори США, ", 1)
    project = make_project(tmp_path, write={"data/partners.yml": partners})
    write_open_data(tmp_path / "out", load_site_state(project / "mkdocs.yml", lenient=True))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out/data/partners.csv").read_text("utf-8"), newline="")))
    donors = next(row for row in rows if row["id"] == "donors-us")
    assert (donors["name_uk"], donors["name_en"], donors["name_pl"]) == ("донори США", "", "darczyńcy z USA")


def test_each_overlap_group_counts_once_in_the_published_results(site):
    """The seed report's 12 vehicles may be the same as the 2 from Dąbrowa and the 4 from
    Żyraków: one group, counted once by its largest figure, as on the results page."""
    records = {record["id"]: record for record in read_json(site, "results.json")}
    vehicles = [records[i] for i in ("vehicles-2023-q1", "vehicles-dabrowa", "vehicles-zyrakow-2022")]
    assert {record["overlap_group"] for record in vehicles} == {"vehicles-2023-q1"}
    assert [record["counted_in_totals"] for record in vehicles] == [True, False, False]
    assert records["generators-pl-nl"]["joint"] is True
    assert records["generators-pl-nl"]["from_countries"] == ["PL", "NL"]


def reproduced(rows: list[dict[str, str]], row_of: str, counted: str) -> dict[tuple[str, str], int]:
    """The README's rule: a row's (a year's, a country's, "" for all) total of a category is
    the sum of the quantities of its records marked as counted in it."""
    totals: dict[tuple[str, str], int] = {}
    for row in rows:
        if row[counted] == "true":
            key = (row[row_of] if row_of else "", row["category"])
            totals[key] = totals.get(key, 0) + int(row["quantity"])
    return totals


def test_every_total_the_pages_show_can_be_reproduced_from_the_published_results(site, data):
    """Poland's vehicles are "at least 6" on the results page (2 from Dąbrowa and 4 from
    Żyraków, whose group's largest record, the report's 12, is in no country): the CSV says so."""
    from menasite.data.aggregate import by_country, totals_by_category

    rows = read_csv(site, "results.csv")
    assert reproduced(rows, "", "counted_in_totals") == {("", "vehicles"): 12, ("", "bus"): 1, ("", "generators"): 6}
    assert reproduced(rows, "attributed_country", "counted_in_country_total") == {("PL", "vehicles"): 6}
    assert reproduced(rows, "year", "counted_in_year_total") == {
        ("2023", "vehicles"): 12,
        ("2023", "bus"): 1,
        ("2022", "vehicles"): 4,
        ("", "vehicles"): 2,
        ("", "generators"): 6,
    }
    # The same figures as the site's own counting, for whatever the data holds.
    assert reproduced(rows, "", "counted_in_totals") == {
        ("", category): t.at_least for category, t in totals_by_category(data.results).items() if t.counted
    }
    assert reproduced(rows, "attributed_country", "counted_in_country_total") == {
        (code, category): t.at_least
        for code, share in by_country(data.results, data.partners).items()
        for category, t in share.totals.items()
        if t.counted
    }
    page = site.html("en/results/index.html")
    assert "Poland: vehicles — at least 6" in page
    assert {row["id"]: row["attributed_country"] for row in rows if row["attributed_country"]} == {
        "vehicles-dabrowa": "PL",
        "vehicles-zyrakow-2022": "PL",
    }  # never joint aid (generators-pl-nl) nor what a report gives without itemising
    passports = json.loads((site.path / "data" / "passports.json").read_text(encoding="utf-8"))["datasets"]
    assert passports[1]["description"]["en"].endswith(
        "A category's total is the sum of quantity over its records with counted_in_totals = true; a year's, over "
        "those with that year and counted_in_year_total = true; a country's, over those with that attributed_country "
        "and counted_in_country_total = true."
    )  # the passport states the rule the test above applies


def test_every_programme_and_report_round_trips_through_csv_and_json(site, data):
    for programme_id, programme in data.programmes.items():
        published = read_json(site, f"programmes/{programme_id}.json")
        reports = data.reports_of_programme(programme_id)
        assert [record["report"] for record in published] == reports  # one currency here: one row each
        for record, report_id in zip(published, reports, strict=True):
            report = data.reports[report_id]
            assert record["decision_number"] == str(programme["decision"]["number"])
            assert record["decision_date"] == programme["decision"]["date"]
            assert (record["period_from"], record["period_to"]) == (
                programme["period"]["from"],
                programme["period"]["to"],
            )
            assert (record["year"], record["quarter"]) == (report["period"]["year"], report["period"]["quarter"])
            assert record["spent"] == sum(line["amount"] for line in report["spending"])
            assert record["currency"] == report["spending"][0]["currency"]
            assert record["results"] == report["results"]
        assert read_csv(site, f"programmes/{programme_id}.csv") == [as_csv(record) for record in published]
    for report_id, report in data.reports.items():
        published = read_json(site, f"reports/{report_id}.json")
        measures = [r for r in published if r["item"] == "measure"]
        results = [r for r in published if r["item"] == "result"]
        spending = [r for r in published if r["item"] == "spending"]
        assert [{k: r[k] for k in texts("text", {})} for r in measures] == [
            texts("text", measure) for measure in report["measures"]
        ]
        assert [(r["item_id"], r["quantity"], r["text_uk"]) for r in results] == [
            (i, data.results[i].get("quantity"), data.results[i]["description"]["uk"]) for i in report["results"]
        ]
        assert [(r["item_id"], r["amount"], r["currency"], r["text_en"]) for r in spending] == [
            (line["id"], line["amount"], line["currency"], line["purpose"].get("en")) for line in report["spending"]
        ]
        by_item = {item: [r for r in published if r["item"] == item] for item in ("partner", "country", "area")}
        assert [(r["item_id"], {k: r[k] for k in texts("text", {})}) for r in by_item["partner"]] == [
            (i, {f"text_{k.removeprefix('name_')}": v for k, v in shown_names(data.partners[i]["name"]).items()})
            for i in report.get("partners", [])
        ]
        assert [r["item_id"] for r in by_item["country"]] == report.get("countries", [])
        assert [(r["item_id"], r["text_uk"], r["text_en"]) for r in by_item["area"]] == [
            (area, data.strings[f"area.{area}"]["uk"], data.strings[f"area.{area}"]["en"])
            for area in report.get("areas", [])
        ]
        assert {(r["report"], r["programme"], r["year"], r["quarter"]) for r in published} == {
            (report_id, data.programme_of_report[report_id], report["period"]["year"], report["period"]["quarter"])
        }
        assert read_csv(site, f"reports/{report_id}.csv") == [as_csv(record) for record in published]


def test_a_report_dataset_says_who_its_partners_were_who_signed_it_and_its_note(site, data):
    """results.csv credits the 12 vehicles to "the report's partners" (from_report_partners):
    the report's own dataset names them, with its countries and areas, as its page does."""
    rows = read_json(site, "reports/2023-q1.json")
    assert [r["item"] for r in rows] == ["partner"] * 10 + ["country"] * 8 + ["area"] * 6 + ["measure"] * 5 + [
        "result"
    ] * 4 + ["spending", "signatory", "note"]
    named = {(r["item"], r["item_id"]): (r["text_uk"], r["text_en"], r["text_pl"]) for r in rows}
    assert named["partner", "donors-us"] == ("донори США", "donors in the USA", "darczyńcy z USA")
    assert named["partner", "cities4cities"] == ("платформа Cities4Cities", "Cities4Cities", "Cities4Cities")
    assert [r["item_id"] for r in rows if r["item"] == "country"] == ["US", "GB", "PL", "IT", "DE", "FI", "DK", "NO"]
    assert named["country", "PL"] == ("Польща", "Poland", "Polska")
    assert named["area", "material_base"] == (
        "матеріально-технічна база",
        "facilities and equipment",
        "baza materialno-techniczna",
    )
    assert named["signatory", "stalnychenko"] == (
        "секретар міської ради: Юрій Стальниченко",
        "Secretary of the City Council: Yurii Stalnychenko",
        "sekretarz rady miejskiej: Jurij Stalniczenko",
    )
    assert named["note", "1"][1] == "The report also mentions donors from other EU countries without naming them."
    csv_rows = read_csv(site, "reports/2023-q1.csv")
    assert (csv_rows[17]["item"], csv_rows[17]["item_id"], csv_rows[17]["text_pl"]) == ("country", "NO", "Norwegia")
    credited = {row["from_report_partners"] for row in read_csv(site, "results.csv")} - {""}
    assert credited == {"2023-q1"} and named["partner", "unitedforua"][1] == "United for UA"


def test_with_the_partners_broken_only_what_needs_no_partner_is_published(tmp_path):
    """./run check with a mistake in partners.yml: the results (their countries) and the
    reports (their partners' names) wait, as their pages do; the programme is still written."""
    partners = (ROOT / "data" / "partners.yml").read_text(encoding="utf-8").replace("kind: platform", "kind: platfrom")
    project = make_project(tmp_path, write={"data/partners.yml": partners})
    state = load_site_state(project / "mkdocs.yml", lenient=True)
    assert "data/partners.yml" in state.data.broken
    write_open_data(tmp_path / "out", state)
    written = sorted(p.relative_to(tmp_path / "out/data").as_posix() for p in (tmp_path / "out/data").rglob("*.json"))
    assert written == [
        "passports.json",
        "passports.schema.json",
        "programmes/2022-2024.json",
        "programmes/2022-2024.schema.json",
    ]


def test_every_json_file_validates_against_the_schema_published_beside_it(site, data):
    files = sorted(p for p in (site.path / "data").rglob("*.json") if not p.name.endswith(".schema.json"))
    names = [p.relative_to(site.path / "data").as_posix() for p in files]
    expected = ["partners.json", "passports.json", "results.json"]
    expected += [f"programmes/{i}.json" for i in data.programmes] + [f"reports/{i}.json" for i in data.reports]
    assert names == sorted(expected)
    for path in files:
        document = json.loads(path.read_text(encoding="utf-8"))
        schema = json.loads((path.parent / document["schema"]).read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        assert schema["$id"] == site.site_url + "data/" + path.relative_to(site.path / "data").as_posix().replace(
            ".json", ".schema.json"
        )
        errors = list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(document))
        assert errors == [], path


def test_a_record_that_breaks_its_schema_is_caught(site):
    """The schemas are strict enough to notice: a column too many, a quantity as text."""
    document = json.loads((site.path / "data" / "results.json").read_text(encoding="utf-8"))
    schema = json.loads((site.path / "data" / "results.schema.json").read_text(encoding="utf-8"))
    document["records"][0]["quantity"] = "12"
    document["records"][1]["colour"] = "red"
    messages = sorted(error.message for error in Draft202012Validator(schema).iter_errors(document))
    assert messages == [
        "'12' is not of type 'integer', 'null'",
        "Additional properties are not allowed ('colour' was unexpected)",
    ]


def test_a_report_row_of_an_unknown_kind_breaks_the_report_schema(site):
    document = json.loads((site.path / "data/reports/2023-q1.json").read_text(encoding="utf-8"))
    schema = json.loads((site.path / "data/reports/2023-q1.schema.json").read_text(encoding="utf-8"))
    document["records"][0]["item"] = "donor"
    assert [error.message for error in Draft202012Validator(schema).iter_errors(document)] == [
        "'donor' is not one of ['partner', 'country', 'area', 'measure', 'result', 'spending', 'signatory', 'note']"
    ]


def test_the_passports_say_what_data_gov_ua_asks_for(site, data):
    passports = json.loads((site.path / "data" / "passports.json").read_text(encoding="utf-8"))["datasets"]
    assert [p["id"] for p in passports] == ["partners", "results"] + [f"programmes/{i}" for i in data.programmes] + [
        f"reports/{i}" for i in sorted(data.reports)
    ]
    report = passports[-1]
    assert report["title"] == {
        "uk": "Звіт за I квартал 2023 року",
        "en": "Report for Q1 2023",
        "pl": "Sprawozdanie za I kwartał 2023 r.",
    }
    assert report["publisher"] == {"uk": "Менська міська рада", "en": "Mena City Council", "pl": "Rada Miejska w Menie"}
    assert report["licence"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    assert report["responsible_person"] == {"page": site.site_url + "open-data/#responsible-person"}
    assert report["formats"] == ["CSV", "JSON"] and report["languages"] == ["uk", "en", "pl"]
    assert report["update_frequency"]["en"] == "within 3 working days of a change of the data"
    assert report["csv_formulas"] == CSV_NOTES
    # The last change is the last commit of the files it is made from (the history module).
    from menasite.data.history import last_changes

    times = last_changes(ROOT)[1]
    assert passports[0]["last_change"] == times.get("data/partners.yml")
    made_from = ["data/reports/2023-q1.yml", "data/results.yml", "data/partners.yml", "data/glossary.yml"]
    assert report["last_change"] == max(times[name] for name in [*made_from, "data/strings.yml"])
    for passport in passports:
        for kind, url in passport["files"].items():
            assert url.startswith(site.site_url + "data/")
            assert (site.path / url.removeprefix(site.site_url)).is_file(), (passport["id"], kind)


CSV_NOTES = {
    "uk": "Комірки CSV, що починаються з =, +, -, @, символу табуляції, символу повернення каретки або апострофа, "
    "мають на початку додатковий апостроф ('), щоб електронні таблиці не виконали їх як формули; у JSON тексти без змін.",
    "en": "CSV cells that begin with =, +, -, @, a tab, a carriage return, or an apostrophe get an extra apostrophe (') "
    "in front, so that spreadsheets never run them as formulas; the JSON keeps the texts unchanged.",
    "pl": "Komórki CSV zaczynające się od =, +, -, @, znaku tabulacji, znaku powrotu karetki lub apostrofu mają na "
    "początku dodatkowy apostrof ('), aby arkusze kalkulacyjne nie wykonały ich jako formuł; JSON zawiera teksty bez "
    "zmian.",
}


def test_the_formula_note_names_exactly_what_the_csv_neutralises(monkeypatch):
    """The note is made from FORMULA_STARTS: the code and the passport cannot disagree."""
    from menasite.pages.opendata import csvfile

    strings = load_site_state(ROOT / "mkdocs.yml").strings
    monkeypatch.setattr(csvfile, "FORMULA_STARTS", ("=", "\t"))
    assert csvfile.formula_note(strings["en"], "en").startswith("CSV cells that begin with = or a tab get")
    assert csvfile.neutralised("\tx") == "'\tx" and csvfile.neutralised("+1") == "+1"


def git(repo, *args: str, date: str = "2026-01-01T12:00:00+02:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    env |= {f"GIT_{who}_{what}": value for who in ("AUTHOR", "COMMITTER") for what, value in IDENTITY.items()}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


IDENTITY = {"NAME": "Editor", "EMAIL": "editor@example.org"}


def change(repo, relative: str, date: str) -> None:
    path = repo / relative
    path.write_text(path.read_text(encoding="utf-8") + "# checked again\n", encoding="utf-8")
    git(repo, "commit", "-q", "-m", relative, "--", relative, date=date)


def test_datasets_and_feed_entries_are_dated_by_the_exact_commit_of_every_file_they_come_from(tmp_path):
    """A change of the results dates the results, the reports that list them and their feed
    entries; a later one on the same Kyiv day (the glossary: programme names, the signatory)
    is still seen; times are the commits' own, in UTC (00:30 in Kyiv is 22:30 UTC the day before)."""
    from menasite.pages.views import View
    from menasite.site.opendata import write_feeds

    repo = make_project(tmp_path)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "the site")
    change(repo, "data/results.yml", "2026-03-03T00:30:00+02:00")
    change(repo, "data/glossary.yml", "2026-03-03T09:15:00+02:00")
    state = load_site_state(repo / "mkdocs.yml")
    write_open_data(tmp_path / "out", state)
    write_feeds(tmp_path / "out", state)
    passports = json.loads((tmp_path / "out/data/passports.json").read_text(encoding="utf-8"))["datasets"]
    assert {p["id"]: p["last_change"] for p in passports} == {
        "partners": "2026-01-01T10:00:00Z",
        "results": "2026-03-02T22:30:00Z",
        "programmes/2022-2024": "2026-03-03T07:15:00Z",
        "reports/2023-q1": "2026-03-03T07:15:00Z",
    }
    for lang in LANGUAGES:
        feed = feedparser.parse((tmp_path / "out" / PREFIX[lang] / "feed.xml").read_bytes())
        assert [entry.updated for entry in feed.entries] == ["2026-03-02T22:30:00Z"]
        assert feed.feed.updated == "2026-03-02T22:30:00Z"
    shown = View(state, "en", "open-data.md").open_data()["datasets"][1]
    assert (shown["last_change"], shown["last_change_iso"]) == ("3 March 2026", "2026-03-02T22:30:00Z")


# --- bad input: CSV that no spreadsheet runs ----------------------------------------------------

HOSTILE = [
    "=cmd|' /C calc'!A0",
    'a, "quoted"\nnext line',
    "+1 and more",
    "-2",
    "@SUM(A1:A9)",
    "'already quoted",
    "plain, with a comma",
]


def test_csv_cells_are_quoted_and_can_never_start_a_formula():
    records = tuple(
        {"report": "2023-q1", "programme": "2022-2024", "year": 2023, "quarter": 1, "item": "measure",
         "item_id": str(n), "text_uk": text, "text_en": None, "text_pl": None, "quantity": None,
         "amount": None, "currency": None}
        for n, text in enumerate(HOSTILE, start=1)
    )  # fmt: skip
    text = csv_text(Table("reports/2023-q1", "report", "2023-q1", REPORT_COLUMNS, records, ()), ["uk", "en", "pl"])
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert [row[6] for row in rows[1:]] == [
        "'=cmd|' /C calc'!A0",
        'a, "quoted"\nnext line',
        "'+1 and more",
        "'-2",
        "'@SUM(A1:A9)",
        "''already quoted",
        "plain, with a comma",
    ]
    assert '"a, ""quoted""\nnext line"' in text  # RFC 4180: quoted, quotes doubled, the line end kept
    assert [original_cell(row[6]) for row in rows[1:]] == HOSTILE  # and nothing is lost


def test_a_hostile_description_in_the_data_is_neutralised_in_csv_and_kept_in_json(tmp_path):
    results = (ROOT / "data" / "results.yml").read_text(encoding="utf-8")
    hostile = '"=cmd|\' /C calc\'!A0, \\"a\\"\\nnext"'
    results = results.replace("uk: автобус\n", f"uk: {hostile}\n", 1)
    project = make_project(tmp_path, write={"data/results.yml": results})
    state = load_site_state(project / "mkdocs.yml")
    write_open_data(tmp_path / "out", state)
    raw = (tmp_path / "out" / "data" / "results.csv").read_text(encoding="utf-8")
    row = next(r for r in csv.DictReader(io.StringIO(raw, newline="")) if r["id"] == "bus-2023-q1")
    assert row["description_uk"] == "'=cmd|' /C calc'!A0, \"a\"\nnext"
    assert row["description_en"] == "a bus"
    published = json.loads((tmp_path / "out" / "data" / "results.json").read_text(encoding="utf-8"))["records"]
    assert next(r for r in published if r["id"] == "bus-2023-q1")["description_uk"] == "=cmd|' /C calc'!A0, \"a\"\nnext"


# --- feeds --------------------------------------------------------------------------------------

FEED_TITLES = {
    "uk": ("Звіти Менської громади про міжнародне співробітництво", "Звіт за I квартал 2023 року"),
    "en": ("Reports of the Mena community on international cooperation", "Report for Q1 2023"),
    "pl": ("Sprawozdania hromady Mena ze współpracy międzynarodowej", "Sprawozdanie za I kwartał 2023 r."),
}


def parsed_feed(site, lang: str):
    return feedparser.parse((site.path / PREFIX[lang] / "feed.xml").read_bytes())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_an_atom_feed_of_the_reports_in_it(site, data, lang):
    feed = parsed_feed(site, lang)
    assert not feed.bozo and feed.version == "atom10"
    assert feed.feed.language == lang
    assert feed.feed.title == FEED_TITLES[lang][0]
    assert feed.feed.id == f"{site.site_url}{PREFIX[lang]}feed.xml"
    assert len(feed.entries) == len(data.reports)  # one entry per report
    entry = feed.entries[0]
    assert entry.title == FEED_TITLES[lang][1]
    assert entry.title_detail.language == lang
    assert entry.id == entry.link == f"{site.site_url}{PREFIX[lang]}reports/2023-q1/"  # absolute, under the subpath
    assert entry.summary.endswith({"uk": "2000,00 грн", "en": "UAH 2,000.00", "pl": "2000,00 UAH"}[lang])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.updated)  # a commit's time, UTC


def test_feeds_at_a_domain_root_link_to_the_root(root_site):
    feed = feedparser.parse((root_site.path / "en" / "feed.xml").read_bytes())
    assert feed.entries[0].link == "https://partnership.example.org/en/reports/2023-q1/"


def test_every_page_links_to_the_feed_of_its_language_in_its_head(site):
    for page in site.pages():
        if page.startswith("editors/"):
            continue
        lang = next((code for code in ("en", "pl") if page.startswith(f"{code}/")), "uk")
        head = site.html(page).split("</head>")[0]
        feeds = Elements(head).find("link", rel="alternate", type="application/atom+xml")
        assert [(f["href"], f["title"]) for f in feeds] == [
            (f"{site.site_url}{PREFIX[lang]}feed.xml", FEED_TITLES[lang][0])
        ], page


# --- charts ------------------------------------------------------------------------------------

CHART_PAGES = ["results/index.html", "programme/index.html", "programmes/2022-2024/index.html"]
CHART_WORDS = {
    "uk": {"chart-results-by-category": "Результати за категоріями", "at_least": "щонайменше", "money": "2000,00 грн"},
    "en": {"chart-results-by-category": "Results by category", "at_least": "at least", "money": "UAH 2,000.00"},
    "pl": {"chart-results-by-category": "Wyniki według kategorii", "at_least": "co najmniej", "money": "2000,00 UAH"},
}


def svgs(html: str) -> list[ET.Element]:
    return [
        ET.fromstring(found.replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))
        for found in re.findall(r'<svg class="mena-chart-svg".*?</svg>', html)
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_charts_are_well_formed_svg_named_and_described_in_the_page_language(site, lang):
    strings = load_site_state(ROOT / "mkdocs.yml").strings[lang]
    words = CHART_WORDS[lang]
    results = svgs(site.html(PREFIX[lang] + "results/index.html"))
    assert len(results) == 2
    for svg in results + svgs(site.html(PREFIX[lang] + "programme/index.html")):
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert title.text in {
            strings["chart.results.title"],
            strings["chart.countries.title"],
            strings["chart.spending.title"],
        }
        assert desc.text and "style" not in ET.tostring(svg, encoding="unicode")
    category = results[0]
    assert category.find(f"{SVG}title").text == words["chart-results-by-category"]
    shown = [text.text for text in category.iter(f"{SVG}text")]
    # The seed report's 12 vehicles, once (the 2 and 4 from partners may be the same cars).
    assert f"{words['at_least']} 12" in shown and f"{words['at_least']} 18" not in shown
    assert f"{words['at_least']} 12" in category.find(f"{SVG}desc").text
    country = [text.text for text in results[1].iter(f"{SVG}text")]
    # Only what sources attribute to a country: Poland's partners' 2 + 4 cars; not the joint
    # generators of Poland and the Netherlands, not the report's unitemised results.
    assert country == [
        f"{strings['chart.country_category'].format(country={'uk': 'Польща', 'en': 'Poland', 'pl': 'Polska'}[lang], category=strings['category.vehicles'])}",
        f"{words['at_least']} 6",
    ]
    spending = svgs(site.html(PREFIX[lang] + "programmes/2022-2024/index.html"))[0]
    assert words["money"] in [text.text for text in spending.iter(f"{SVG}text")]
    assert words["money"] in spending.find(f"{SVG}desc").text
    # The same figures in the table beside it, with the programme's total.
    programme_page = site.html(PREFIX[lang] + "programmes/2022-2024/index.html")
    table = programme_page.split('class="mena-chart-table"')[1].split("</details>")[0]
    assert f'<th scope="row">{strings["label.total"]}</th><td>{words["money"]}</td>' in table


def test_every_page_with_a_chart_is_in_the_sitemap_the_browser_checks_with_axe(site):
    """tests/test_browser.py runs axe over every page of the sitemap, charts included."""
    sitemap = site.html("sitemap.xml")
    for lang in LANGUAGES:
        for page in CHART_PAGES:
            assert 'class="mena-chart-svg"' in site.html(PREFIX[lang] + page)
            assert f"<loc>{site.site_url}{PREFIX[lang]}{page.removesuffix('index.html')}</loc>" in sitemap


# --- the open-data page and the links to it -----------------------------------------------------

DATA_PAGES = {
    "partners/index.html": "partners",
    "results/index.html": "results",
    "programmes/2022-2024/index.html": "programmes/2022-2024",
    "reports/2023-q1/index.html": "reports/2023-q1",
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_data_page_links_to_its_files_and_passport(site, lang):
    from urllib.parse import urljoin, urlsplit

    for page, dataset in DATA_PAGES.items():
        here = site.site_url + PREFIX[lang] + page.removesuffix("index.html")
        hrefs = [urljoin(here, a["href"]) for a in Elements(site.html(PREFIX[lang] + page)).find("a")]
        for suffix in (".csv", ".json", ".schema.json"):
            assert f"{site.site_url}data/{dataset}{suffix}" in hrefs, (page, suffix)
            assert (site.path / "data" / f"{dataset}{suffix}").is_file()
        passport = f"{site.site_url}{PREFIX[lang]}open-data/#dataset-{dataset.replace('/', '-')}"
        assert passport in hrefs
        target = site.html(urlsplit(passport).path.removeprefix("/partnership/") + "index.html")
        assert f'id="dataset-{dataset.replace("/", "-")}"' in target


SPREADSHEET_STEPS = {
    "uk": "Файли CSV записано в кодуванні UTF-8, поля розділено комами, десятковий знак — крапка.",
    "en": "The CSV files are in UTF-8, with fields separated by commas and a decimal point.",
    "pl": "Pliki CSV są zapisane w kodowaniu UTF-8, pola rozdzielają przecinki, a separatorem dziesiętnym jest kropka.",
}


def test_the_open_data_page_lists_every_dataset_with_its_passport_in_each_language(site, production_site):
    labels = {"uk": "Відповідальна особа", "en": "Responsible person", "pl": "Osoba odpowiedzialna"}
    for lang in LANGUAGES:
        html = site.html(PREFIX[lang] + "open-data/index.html")
        assert html.count('class="mena-facts mena-passport"') == 4
        assert html.count(f"<dt>{labels[lang]}</dt>") == 4
        assert 'id="responsible-person"' in html and 'class="mena-placeholder"' in html  # a preview shows the mark
        assert "CC BY 4.0" in html
        assert f'<p id="spreadsheets">{SPREADSHEET_STEPS[lang]}' in html  # how to open the CSV files
        published = production_site.html(PREFIX[lang] + "open-data/index.html")
        assert 'class="mena-placeholder"' not in published and "mena.cg.gov.ua" in published


def test_the_readme_documents_every_column_of_every_dataset():
    from menasite.pages.opendata.tables import PARTNER_COLUMNS, PROGRAMME_COLUMNS, REPORT_COLUMNS, RESULT_COLUMNS, TEXT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for columns in (PARTNER_COLUMNS, RESULT_COLUMNS, PROGRAMME_COLUMNS, REPORT_COLUMNS):
        for column in columns:
            names = [f"{column.name}_{lang}" for lang in LANGUAGES] if column.kind == TEXT else [column.name]
            assert "| " + ", ".join(f"`{name}`" for name in names) + " |" in readme, column.name
            assert f"| {column.description} |" in readme, column.name


@pytest.mark.browser
def test_the_charts_are_readable_on_a_320_px_screen(browser, served):
    """The charts scale down with the page, never wider than the screen, and their smallest
    text stays at least 10 px high (one visit of the results page in Ukrainian, the longest labels)."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page, trouble = _visit_in(context, served + "results/")
        assert trouble == []
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('svg.mena-chart-svg')].map(svg => ({
                right: svg.getBoundingClientRect().right,
                smallest: Math.min(...[...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect().height)),
            }))"""
        )
        assert len(sizes) == 2
        for size in sizes:
            assert size["right"] <= 320 and size["smallest"] >= 10, size
    finally:
        context.close()
