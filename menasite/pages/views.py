"""What each generated part of a page shows, in one language: plain data for the templates.

Everything shown is computed here (names in the right language, numbers and dates formatted,
links between pages); each part's template in ``overrides/partials/mena/`` (the registry in
``parts``) only lays it out and escapes it.
A data text missing in the page's language comes with ``lang="uk"`` and a flag, so the
template marks it as not translated yet.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from functools import cache, cached_property
from urllib.parse import urlsplit

from menasite.data.aggregate import Total, by_country, rows_sharing_groups, totals_by_category
from menasite.data.programmes import programme_page
from menasite.data.reports import report_page
from menasite.pages.charts import Bar, Chart, chart_svg, items_text
from menasite.pages.collation import sorted_in
from menasite.pages.feeds import feed_path
from menasite.pages.formats import Formats, english_ordinal, roman
from menasite.pages.langparts import known_names, language_parts
from menasite.pages.markers import plain_text_for_markdown
from menasite.pages.opendata.passports import (
    OPEN_DATA_PAGE,
    PASSPORTS,
    RESPONSIBLE_ANCHOR,
    dataset_anchor,
    file_paths,
    last_change,
    passport,
)
from menasite.pages.opendata.tables import open_tables, spending_by_currency, year_counted
from menasite.pages.translations import page_directory_url

PARTNERS_PAGE = "partners.md"
RESULTS_PAGE = "results.md"
PROGRAMME_PAGE = "programme.md"
KINDS = ["municipality", "foundation", "association", "donor_organisation", "programme", "platform", "country_donors"]


def only_the_category(description: dict | None, category: str) -> bool:
    """Whether a description is no more than its category's name ("генератори" in the row
    "генератори"): naming the record by it in that row would say the same word twice."""
    return description is not None and description["text"].strip().casefold() == category.strip().casefold()


def lower_first(text: str) -> str:
    """A heading ("Рік не вказано") inside a sentence; a year stays as it is."""
    return text[:1].lower() + text[1:]


@cache  # the same few pages linked thousands of times (every partner's, every result's)
def relative_page_link(here: str, page: str) -> str:
    """The relative address of ``page`` from ``here`` (paths inside a language folder)."""
    start = page_directory_url(here) or "."
    target = page_directory_url(page) or "."
    relative = posixpath.relpath(target, start)
    return "./" if relative == "." else relative + "/"


class View:
    """The data of the site as one page in one language shows it."""

    def __init__(self, state, lang: str, here: str):
        self.state = state
        self.data = state.data
        self.glossary = state.glossary
        self.lang = lang
        self.default = state.config.default
        self.s = state.strings[lang]
        self.f = Formats(lang, self.s)
        self.here = here
        self.names = known_names(self.data.partners)  # the partners' own names, in their languages

    # --- small pieces ------------------------------------------------------------------

    def link(self, page: str, anchor: str | None = None) -> str:
        """A relative link from this page to another page of the same language."""
        return relative_page_link(self.here, page) + (f"#{anchor}" if anchor else "")

    def root_link(self, path: str) -> str:
        """A relative link from this page to a file at the site's root (the open data, shared
        by all languages), so that it works under any address and from a folder."""
        depth = (self.state.config.prefix(self.lang) + page_directory_url(self.here)).count("/")
        return "../" * depth + path

    def text(self, texts: dict | None) -> dict | None:
        """A data text in this language, or the Ukrainian one marked as such."""
        if not texts:
            return None
        if self.lang in texts:
            return self.shown(texts[self.lang], self.lang, untranslated=False)
        return self.shown(texts[self.default], self.default, untranslated=True)

    def counted(self, count: int, names: dict) -> dict | None:
        """A count and the name of what is counted, in the form that count takes ("34 села")."""
        return self.text({lang: f"{self.f.number(count)} {name}" for lang, name in names.items()})

    def shown(self, text: str, lang: str, *, untranslated: bool) -> dict:
        """A text as the templates print it, with its fragments in other languages (``parts``,
        marked lang="..."; None when it has none)."""
        parts = language_parts(text, lang, self.names)
        return {
            "text": text,
            "lang": lang,
            "untranslated": untranslated,
            "parts": parts if any(part_lang for _, part_lang in parts) else None,
        }

    def name(self, name_id: str, case: str = "nom") -> str:
        return self.glossary.name(name_id, self.lang, case) or self.glossary.name(name_id, self.lang)

    def partner_name(self, partner: dict) -> dict:
        name = partner["name"]
        if self.lang in name:
            return self.shown(name[self.lang], self.lang, untranslated=False)
        if "own" in name and self.lang != self.default:
            return self.shown(name["own"], name.get("own_lang", self.lang), untranslated=False)
        return self.shown(name[self.default], self.default, untranslated=self.lang != self.default)

    def sorted_names(self, items, name=str) -> list:
        """Alphabetical in this page's language (CLDR-like, not by code point)."""
        return sorted_in(items, self.lang, name)

    def partner_links(self, partner_ids) -> list[dict]:
        return self.sorted_names([self.partner_link(i) for i in partner_ids], lambda link: link["name"]["text"])

    def countries(self, codes) -> list[str]:
        return self.sorted_names([self.f.country(code) for code in codes])

    def partner_link(self, partner_id: str) -> dict:
        return {
            "name": self.partner_name(self.data.partners[partner_id]),
            "href": self.link(PARTNERS_PAGE, f"partner-{partner_id}"),
        }

    def result_link(self, result_id: str) -> dict:
        result = self.data.results[result_id]
        return {"text": self.text(result["description"]), "href": self.link(RESULTS_PAGE, f"result-{result_id}")}

    def quarter_name(self, report_id: str) -> str:
        period = self.data.reports[report_id]["period"]
        return self.f.quarter(period["year"], period["quarter"])

    def sources(self, sources: list[str]) -> list[dict]:
        shown = []
        for source in sources:
            if source.startswith("report:"):
                report_id = source.removeprefix("report:")
                shown.append(
                    {
                        "href": self.link(report_page(report_id)),
                        "label": self.s["label.report_for"].format(quarter=self.quarter_name(report_id)),
                    }
                )
            else:
                parts = urlsplit(source)
                shown.append(
                    {
                        "href": source,
                        "label": parts.netloc.removeprefix("www.") + (parts.path if len(parts.path) > 1 else ""),
                    }
                )
        return shown

    def reports_naming(self, result_id: str) -> list[str]:
        return self.reports_of_result.get(result_id, [])

    @cached_property
    def reports_of_result(self) -> dict[str, list[str]]:
        """Result id -> the reports that name it (one pass, not one per ledger row)."""
        found: dict[str, list[str]] = defaultdict(list)
        for report_id, report in self.data.reports.items():
            for result_id in report["results"]:
                found[result_id].append(report_id)
        return found

    def spending_total(self, spending: list[dict]) -> list[str]:
        sums: dict[str, float] = defaultdict(float)
        for line in spending:
            sums[line["currency"]] += line["amount"]
        return [self.f.money(amount, currency) for currency, amount in sorted(sums.items())]

    def heading(self, key: str) -> str:
        """A label used as a markdown heading (so it is in the page's table of contents)."""
        return plain_text_for_markdown(self.s[key])

    # --- the partners directory ---------------------------------------------------------

    def partners(self) -> dict:
        partners = self.data.partners
        entries = {partner_id: self.partner_entry(partner) for partner_id, partner in partners.items()}
        entries = dict(self.sorted_names(entries.items(), lambda item: item[1]["name"]["text"]))
        by_kind = [
            {
                "label": self.s[f"kind.{kind}"],
                "partners": [entry for i, entry in entries.items() if partners[i]["kind"] == kind],
            }
            for kind in KINDS
            if any(p["kind"] == kind for p in partners.values())
        ]
        countries = self.sorted_names({p["country"] for p in partners.values() if p.get("country")}, self.f.country)
        by_country = [
            {
                "heading": plain_text_for_markdown(self.f.country(code)),
                "code": code,
                "partners": [entry for i, entry in entries.items() if partners[i].get("country") == code],
            }
            for code in countries
        ]
        without = [entry for i, entry in entries.items() if not partners[i].get("country")]
        if without:
            by_country.append({"heading": self.heading("label.no_country"), "code": "", "partners": without})
        return {
            "files": self.dataset_files("partners"),
            "by_kind": by_kind,
            "by_country": by_country,
            "by_country_heading": self.heading("label.by_country"),
            "by_kind_heading": self.heading("label.by_kind"),
        }

    @cached_property
    def results_from(self) -> dict[str, list[str]]:
        """Partner id -> the results from it, in the data's order (looked up once per page,
        not once per partner)."""
        found: dict[str, list[str]] = defaultdict(list)
        for result_id, result in self.data.results.items():
            for partner_id in dict.fromkeys(result.get("from", {}).get("partners", [])):
                found[partner_id].append(result_id)
        return found

    def partner_entry(self, partner: dict) -> dict:
        agreement = partner.get("agreement")
        results = self.results_from.get(partner["id"], [])
        shown = self.partner_name(partner)
        own = partner["name"].get("own")
        return {
            "id": partner["id"],
            "anchor": f"partner-{partner['id']}",
            "name": shown,
            "own_name": {"text": own, "lang": partner["name"].get("own_lang")}
            if own and own != shown["text"]
            else None,
            "kind": self.s[f"kind.{partner['kind']}"],
            "country": self.f.country(partner["country"]) if partner.get("country") else None,
            "region": self.text(partner.get("region")),
            "city": self.text(partner.get("city")),
            "since": self.f.date(partner["since"]) if partner.get("since") else None,
            "agreement": {
                "label": self.s[f"agreement.{agreement['kind']}"],
                "date": self.f.date(agreement["date"]) if agreement.get("date") else None,
                "note": self.text(agreement.get("note")),
            }
            if agreement
            else None,
            "areas": [self.s[f"area.{area}"] for area in partner.get("areas", [])],
            "results": [self.result_link(result_id) for result_id in results],
            "website": partner.get("website"),
            "note": self.text(partner.get("note")),
            "sources": self.sources(partner["sources"]),
        }

    # --- the results ledger -------------------------------------------------------------

    def total_rows(self, totals: dict[str, Total], shared: dict[str, list[str]] | None = None) -> list[dict]:
        """One row per category, alphabetical; ``shared``: category -> the other rows of the same
        table family holding things that may be the same (said next to the figure)."""
        rows = [
            {
                "label": self.s[f"category.{category}"],
                "value": self.f.at_least(total.at_least) if total.counted else self.s["label.unknown"],
                "counted": bool(total.counted),
                "without_quantity": [
                    self.uncounted_link(result_id, self.s[f"category.{category}"])
                    for result_id in total.without_quantity
                ],
                "unattributed": any(self.unattributed(result_id) for result_id in total.counted),
                "shared_with": self.s["label.same_things_in"].format(rows=", ".join(shared[category]))
                if shared and shared.get(category)
                else None,
            }
            for category, total in totals.items()
        ]
        return self.sorted_names(rows, lambda row: row["label"])

    def uncounted_link(self, result_id: str, category: str) -> dict:
        """A record without a number, in its category's row: by its description, or, where that
        is only the category's name, by when it was received or reported."""
        link = self.result_link(result_id)
        when = self.when(result_id)["text"]
        if only_the_category(link["text"], category) and when != self.s["label.unknown"]:
            link["text"] = {"text": when, "lang": self.lang, "untranslated": False}
        return link

    def unattributed(self, result_id: str) -> str | None:
        """The report whose partners a result comes from, not itemised (None: it is credited)."""
        return self.data.results[result_id].get("from", {}).get("report_partners")

    def year_of(self, result_id: str) -> str:
        """The year a result is counted under: when it was received, else its report's year."""
        # The same rule as the published results' year (open data), from one function.
        naming = [self.data.reports[i] for i in self.reports_naming(result_id)]
        year = year_counted(self.data.results[result_id], naming)
        return "" if year is None else str(year)

    def year_heading(self, year: str) -> str:
        return plain_text_for_markdown(year) if year else self.heading("label.year_unknown")

    def results(self) -> dict:
        results = self.data.results
        years: dict[str, dict] = defaultdict(dict)
        for result_id, result in results.items():
            years[self.year_of(result_id)][result_id] = result
        ordered = sorted(years, key=lambda year: year or "9999")
        shared = rows_sharing_groups(years, results)
        by_year = [
            {
                "heading": self.year_heading(year),
                "rows": self.total_rows(
                    totals_by_category(years[year]),
                    {
                        category: [lower_first(self.year_heading(other)) for other in ordered if other in others]
                        for category, others in shared[year].items()
                    },
                ),
            }
            for year in ordered
        ]
        shares = by_country(results, self.data.partners)
        alone = {code: {i: results[i] for i in share.alone} for code, share in shares.items()}
        shared_countries = rows_sharing_groups(alone, results)
        by_country_rows = []
        for code in self.sorted_names(shares, self.f.country):
            by_country_rows.append(
                {
                    "country": self.f.country(code),
                    "alone": self.total_rows(
                        shares[code].totals,
                        {category: self.countries(others) for category, others in shared_countries[code].items()},
                    ),
                    "joint": [self.result_link(result_id) for result_id in shares[code].joint],
                }
            )
        return {
            "files": self.dataset_files("results"),
            "category_chart": self.category_chart(),
            "country_chart": self.country_chart(shares),
            "totals": self.total_rows(totals_by_category(results)),
            "by_year": by_year,
            "by_country": by_country_rows,
            "ledger": [self.ledger_row(result_id, result) for result_id, result in results.items()],
            "headings": {
                key: self.heading(f"label.{key}")
                for key in ("totals_by_category", "totals_by_year", "totals_by_country", "ledger")
            },
        }

    def givers(self, result_id: str) -> dict:
        """Who gave a result, as its sources say: named partners and countries, or the partners
        a report names without saying who gave what."""
        given = self.data.results[result_id].get("from", {})
        report_id = self.unattributed(result_id)
        return {
            "partners": self.partner_links(given.get("partners", [])),
            "countries": self.countries(given.get("countries", [])),
            "joint": bool(given.get("joint")),
            "report_partners": {"label": self.s["label.report_partners"], "href": self.link(report_page(report_id))}
            if report_id
            else None,
        }

    def when(self, result_id: str) -> dict:
        """When it was received, where a source says; otherwise the report it was reported in."""
        result = self.data.results[result_id]
        if result.get("when"):
            return {"text": self.f.date(result["when"]), "href": None}
        reports = self.reports_naming(result_id)
        if reports:
            quarter = self.quarter_name(reports[0])
            return {
                "text": self.s["label.reported_in"].format(quarter=quarter),
                "href": self.link(report_page(reports[0])),
            }
        return {"text": self.s["label.unknown"], "href": None}

    def ledger_row(self, result_id: str, result: dict) -> dict:
        """One record as its source describes it; its category is the label of its row in the
        totals above, not repeated after the description (which always says what was received)."""
        return {
            "anchor": f"result-{result_id}",
            "description": self.text(result["description"]),
            "quantity": self.f.number(result["quantity"])
            if result.get("quantity") is not None
            else self.s["label.unknown"],
            "from": self.givers(result_id),
            "when": self.when(result_id),
            "sources": self.sources(result["sources"]),
        }

    # --- the council -------------------------------------------------------------------

    def council(self) -> dict:
        """The council's name, address and website, from data/council.yml."""
        council = self.data.council
        address = council["address"]
        street = self.text(address["street"])
        return {
            "name": self.name(council["name"]),
            "street": street,
            "place": f"{self.name(address['locality'])}, {self.name(address['region'])}",
            "as_of": self.s["format.as_of"].format(date=self.f.date(address["as_of"])),
            "website": council["website"],
            "website_label": urlsplit(council["website"]).netloc,
            "sources": self.sources(council["sources"]),
        }

    # --- the home page's key facts ---------------------------------------------------------

    def key_facts(self) -> dict:
        """The community at a glance, each figure from data/ with its source: population,
        settlements, the current programme, the partners and what cooperation brought; then the
        latest report and the partners by name."""
        community = self.data.council["community"]
        population, settlements = community["population"], community["settlements"]
        programme = self.data.current_programme
        partners = self.data.partners
        reports = sorted(self.data.reports, key=lambda i: (self.data.reports[i]["period"]["year"], i))
        countries = {partner["country"] for partner in partners.values() if partner.get("country")}
        return {
            "cards": [
                {
                    "label": self.s["label.population"],
                    "value": self.f.number(population["value"]),
                    "detail": self.s["format.as_of"].format(date=self.f.date(population["as_of"])),
                    "sources": self.sources(population["sources"]),
                },
                {
                    "label": self.s["label.settlements"],
                    "value": self.f.number(sum(kind["count"] for kind in settlements["kinds"])),
                    "details": [self.counted(kind["count"], kind["name"]) for kind in settlements["kinds"]],
                    "sources": self.sources(settlements["sources"]),
                },
                {
                    "label": self.s["label.programme"],
                    "value": self.period(programme),
                    "href": self.link(PROGRAMME_PAGE),
                    "detail": self.name(self.data.programmes[programme]["name"]),
                    "note": self.s["label.approved_by"] + ": " + self.decision(self.data.programmes[programme]),
                    "sources": self.sources(self.data.programmes[programme]["sources"]),
                },
                {
                    "label": self.s["label.partners_count"],
                    "value": self.f.number(len(partners)),
                    "href": self.link(PARTNERS_PAGE),
                    "detail": ", ".join(self.countries(countries)),
                    "page_source": {"href": self.link(PARTNERS_PAGE), "label": self.s["label.sources_in_each"]},
                },
                {
                    "label": self.s["label.results"],
                    "rows": [row for row in self.total_rows(totals_by_category(self.data.results)) if row["counted"]],
                    "href": self.link(RESULTS_PAGE),
                    "page_source": {"href": self.link(RESULTS_PAGE), "label": self.s["label.sources_in_each"]},
                },
            ],
            "latest_report": self.report_entry(reports[-1]) if reports else None,
            "partners": self.partner_links(partners),
            "partners_href": self.link(PARTNERS_PAGE),
            "headings": {key: self.heading(f"label.{key}") for key in ("key_facts", "latest_report", "our_partners")},
        }

    # --- the programmes, their quarters, and one report ----------------------------------

    def decision(self, programme: dict) -> str:
        decision = programme["decision"]
        return self.s["format.decision"].format(
            number=decision["number"],
            date=self.f.date(decision["date"]),
            session=decision["session"],
            convocation=decision["convocation"],
            session_ordinal=english_ordinal(decision["session"]),
            convocation_ordinal=english_ordinal(decision["convocation"]),
            session_roman=roman(decision["session"]),
            convocation_roman=roman(decision["convocation"]),
            body=self.name(decision["body"]),
            body_gen=self.name(decision["body"], "gen"),
        )

    def period(self, programme: str) -> str:
        period = self.data.programmes[programme]["period"]
        return self.s["format.period"].format(start=period["from"], end=period["to"])

    def programme_data(self, programme: str, areas: bool = True) -> dict:
        """The programme's main data; a report's page leaves out the areas (the report lists its own)."""
        data = self.data.programmes[programme]
        return {
            "name": self.name(data["name"]),
            "decision": self.decision(data),
            "period": self.period(programme),
            "aims": [self.text(aim) for aim in data["aims"]],
            "areas": [self.s[f"area.{area}"] for area in data.get("areas", [])] if areas else [],
            "href": self.link(programme_page(programme)),
        }

    def quarters(self, programme: str) -> dict:
        """The programme's quarters with their spending and results, and the spending in total."""
        quarters = []
        all_spending = []
        for report_id in self.data.reports_of_programme(programme):
            report = self.data.reports[report_id]
            all_spending += report["spending"]
            quarters.append(
                {
                    "label": self.quarter_name(report_id),
                    "href": self.link(report_page(report_id)),
                    "spending": self.spending_total(report["spending"]) or [self.s["label.no_spending"]],
                    "results": [self.result_link(result_id) for result_id in report["results"]],
                }
            )
        return {"quarters": quarters, "total_spending": self.spending_total(all_spending)}

    def programme_link(self, programme: str) -> dict:
        return {
            "label": self.s["label.programme_for"].format(period=self.period(programme)),
            "href": self.link(programme_page(programme)),
        }

    def programme(self) -> dict:
        """The programme page: the newest programme, its quarters, and the earlier programmes."""
        current = self.data.current_programme
        return {
            "data": self.programme_data(current),
            **self.quarters(current),
            "charts": self.spending_charts(current),
            "files": self.dataset_files(f"programmes/{current}"),
            "page": self.programme_link(current),
            "earlier": [self.programme_link(i) for i in reversed(list(self.data.programmes)) if i != current],
            "headings": {
                key: self.heading(f"label.{key}") for key in ("programme_data", "by_quarter", "earlier_programmes")
            },
        }

    def programme_totals(self, programme: str) -> list[dict]:
        """Totals by category of what the programme's reports name, each thing counted once."""
        named = {
            result_id: self.data.results[result_id]
            for report_id in self.data.reports_of_programme(programme)
            for result_id in self.data.reports[report_id]["results"]
        }
        return self.total_rows(totals_by_category(named))

    def programme_own_page(self, programme: str) -> dict:
        """One programme's own page: its data, its quarters and the totals of its results."""
        return {
            "data": self.programme_data(programme),
            **self.quarters(programme),
            "charts": self.spending_charts(programme),
            "files": self.dataset_files(f"programmes/{programme}"),
            "totals": self.programme_totals(programme),
            "headings": {
                key: self.heading(f"label.{key}") for key in ("programme_data", "by_quarter", "programme_totals")
            },
        }

    def report(self, report_id: str) -> dict:
        report = self.data.reports[report_id]
        results = self.data.results
        return {
            "quarter": self.quarter_name(report_id),
            "programme": self.programme_data(self.data.programme_of_report[report_id], areas=False),
            "partners": self.partner_links(report.get("partners", [])),
            "countries": self.countries(report.get("countries", [])),
            "areas": [self.s[f"area.{area}"] for area in report["areas"]],
            "measures": [self.text(measure) for measure in report.get("measures", [])],
            "results": [
                dict(
                    self.result_link(result_id),
                    quantity=self.f.number(results[result_id]["quantity"])
                    if results[result_id].get("quantity") is not None
                    else None,
                    unattributed=self.unattributed(result_id) == report_id,
                )
                for result_id in report["results"]
            ],
            "spending": [
                {"purpose": self.text(line["purpose"]), "amount": self.f.money(line["amount"], line["currency"])}
                for line in report["spending"]
            ],
            "total": self.spending_total(report["spending"]),
            "original": report.get("original"),
            "files": self.dataset_files(f"reports/{report_id}"),
            "signatory": f"{self.name(report['signatory']['role'])}: {self.name(report['signatory']['name'])}",
            "note": self.text(report.get("note")),
            "headings": {
                key: self.heading(f"label.{key}")
                for key in ("programme_data", "partners_worked_with", "measures", "results", "financing", "report_text")
            },
        }

    def reports_index(self) -> list[dict]:
        """Grouped by programme, newest first; each report with what it names received and spent."""
        groups = []
        for programme in reversed(list(self.data.programmes)):
            reports = self.data.reports_of_programme(programme)
            if not reports:
                continue
            groups.append(
                {
                    "heading": plain_text_for_markdown(self.programme_link(programme)["label"]),
                    "programme": self.programme_link(programme),
                    "reports": [self.report_entry(report_id) for report_id in reversed(reports)],
                }
            )
        return groups

    def report_entry(self, report_id: str) -> dict:
        report = self.data.reports[report_id]
        categories = dict.fromkeys(self.s[f"category.{self.data.results[i]['category']}"] for i in report["results"])
        return {
            "label": self.s["label.report_for"].format(quarter=self.quarter_name(report_id)),
            "href": self.link(report_page(report_id)),
            "summary": self.s["label.reports_count"].format(
                results=", ".join(categories) or self.s["label.unknown"],
                spending=", ".join(self.spending_total(report["spending"])) or self.s["label.no_spending"],
            ),
        }

    # --- charts (the same figures as the tables beside them) ------------------------------

    def chart(
        self,
        chart_id: str,
        key: str,
        bars: list[Bar],
        columns: tuple[str, str],
        total: str | None = None,
        **values: str,
    ) -> dict:
        """A chart as the page shows it: the SVG, and its figures for the table beside it
        (``columns``: the keys of its headings; ``total``: its last row, already formatted)."""
        desc = self.s[f"chart.{key}.desc"].format(items=items_text(bars, self.s["chart.item"]), total=total, **values)
        chart = Chart(chart_id, self.s[f"chart.{key}.title"], desc, tuple(bars))
        return {
            "svg": chart_svg(chart),
            "title": chart.title,
            "bars": bars,
            "columns": [self.s[c] for c in columns],
            "total": total,
        }

    def category_chart(self) -> dict | None:
        """The results by category, each overlap group counted once (the totals' figures)."""
        totals = totals_by_category(self.data.results)
        bars = [
            Bar(self.s[f"category.{category}"], total.at_least, self.f.at_least(total.at_least))
            for category, total in totals.items()
            if total.counted
        ]
        bars = self.sorted_names(bars, lambda bar: bar.label)
        return (
            self.chart("chart-results-by-category", "results", bars, ("label.category", "label.quantity"))
            if bars
            else None
        )

    def country_chart(self, shares) -> dict | None:
        """What each country's partners gave alone, by category: only results the sources
        attribute to a country (never joint aid, never the partners a report names together)."""
        bars = []
        for code in self.sorted_names(shares, self.f.country):
            rows = [(category, total) for category, total in shares[code].totals.items() if total.counted]
            for category, total in self.sorted_names(rows, lambda row: self.s[f"category.{row[0]}"]):
                label = self.s["chart.country_category"].format(
                    country=self.f.country(code), category=self.s[f"category.{category}"]
                )
                bars.append(Bar(label, total.at_least, self.f.at_least(total.at_least)))
        return (
            self.chart("chart-results-by-country", "countries", bars, ("label.country", "label.quantity"))
            if bars
            else None
        )

    def spending_charts(self, programme: str) -> list[dict]:
        """The programme's spending by quarter, one chart per currency, with its total."""
        quarters = {
            report_id: spending_by_currency(self.data.reports[report_id]["spending"])
            for report_id in self.data.reports_of_programme(programme)
        }
        currencies = sorted({currency for sums in quarters.values() for currency in sums})
        charts = []
        for currency in currencies:
            bars = [
                Bar(
                    self.quarter_name(report_id),
                    sums.get(currency, 0.0),
                    self.f.money(sums.get(currency, 0.0), currency),
                )
                for report_id, sums in quarters.items()
            ]
            total = sum(bar.value for bar in bars)
            suffix = "" if len(currencies) == 1 else f"-{currency.lower()}"
            charts.append(
                self.chart(
                    f"chart-spending{suffix}",
                    "spending",
                    bars,
                    ("label.quarter", "label.spending"),
                    self.f.money(total, currency),
                    period=self.period(programme),
                    currency=currency,
                )
            )
        return charts

    # --- open data ------------------------------------------------------------------------

    def dataset_files(self, dataset: str) -> dict:
        """Links from a data page to its files and to its passport on the open-data page."""
        paths = file_paths(dataset)
        return {
            "links": [
                {"label": "CSV", "href": self.root_link(paths["csv"])},
                {"label": "JSON", "href": self.root_link(paths["json"])},
                {"label": "JSON Schema", "href": self.root_link(paths["schema"])},
            ],
            "passport": {"label": self.s["label.passport"], "href": self.link(OPEN_DATA_PAGE, dataset_anchor(dataset))},
        }

    def open_data(self) -> dict:
        """The open-data page: every dataset with its passport, in this page's language."""
        languages = self.state.config.codes
        datasets = []
        for table in open_tables(self.data, self.glossary, languages):
            found = passport(table, self.state, languages)
            datasets.append(
                {
                    "heading": plain_text_for_markdown(found["title"][self.lang]),
                    "anchor": dataset_anchor(table.id),
                    "description": found["description"][self.lang],
                    "publisher": found["publisher"][self.lang],
                    "responsible": {"label": self.s["label.see_above"], "href": f"#{RESPONSIBLE_ANCHOR}"},
                    "frequency": found["update_frequency"][self.lang],
                    "formats": ", ".join(found["formats"]),
                    "licence": found["licence"],
                    "languages": self.s["opendata.languages"],
                    # The day in Kyiv, as every page dates its changes; the exact time in datetime.
                    "last_change": self.f.date(day)
                    if (day := last_change(table, self.state.dates))
                    else self.s["label.unknown"],
                    "last_change_iso": found["last_change"],
                    "files": self.dataset_files(table.id)["links"],
                    "columns": found["columns"],
                    "csv_formulas": found["csv_formulas"][self.lang],
                }
            )
        return {
            "datasets": datasets,
            "passports": {"label": self.s["label.passports_file"], "href": self.root_link(f"data/{PASSPORTS}.json")},
            "feed": {"label": self.s["label.feed"], "href": self.root_link(feed_path(self.state.config, self.lang))},
            "spreadsheet": self.s["opendata.spreadsheet"],
        }
