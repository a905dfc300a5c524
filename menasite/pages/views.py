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
from functools import cached_property
from urllib.parse import urlsplit

from menasite.data.aggregate import Total, by_country, totals_by_category
from menasite.data.reports import report_page
from menasite.pages.formats import Formats, english_ordinal
from menasite.pages.markers import plain_text_for_markdown
from menasite.pages.translations import page_directory_url

PARTNERS_PAGE = "partners.md"
RESULTS_PAGE = "results.md"
KINDS = ["municipality", "foundation", "association", "donor_organisation", "programme", "platform", "country_donors"]


class View:
    """The data of the site as one page in one language shows it."""

    def __init__(self, state, lang: str, here: str):
        self.data = state.data
        self.glossary = state.glossary
        self.lang = lang
        self.default = state.config.default
        self.s = state.strings[lang]
        self.f = Formats(lang, self.s)
        self.here = here

    # --- small pieces ------------------------------------------------------------------

    def link(self, page: str, anchor: str | None = None) -> str:
        """A relative link from this page to another page of the same language."""
        start = page_directory_url(self.here) or "."
        target = page_directory_url(page) or "."
        relative = posixpath.relpath(target, start)
        relative = "./" if relative == "." else relative + "/"
        return relative + (f"#{anchor}" if anchor else "")

    def text(self, texts: dict | None) -> dict | None:
        """A data text in this language, or the Ukrainian one marked as such."""
        if not texts:
            return None
        if self.lang in texts:
            return {"text": texts[self.lang], "lang": self.lang, "untranslated": False}
        return {"text": texts[self.default], "lang": self.default, "untranslated": True}

    def name(self, name_id: str, case: str = "nom") -> str:
        return self.glossary.name(name_id, self.lang, case) or self.glossary.name(name_id, self.lang)

    def partner_name(self, partner: dict) -> dict:
        name = partner["name"]
        if self.lang in name:
            return {"text": name[self.lang], "lang": self.lang, "untranslated": False}
        if "own" in name and self.lang != self.default:
            return {"text": name["own"], "lang": name.get("own_lang", self.lang), "untranslated": False}
        return {"text": name[self.default], "lang": self.default, "untranslated": self.lang != self.default}

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
        by_kind = [
            {
                "label": self.s[f"kind.{kind}"],
                "partners": [entries[i] for i, p in partners.items() if p["kind"] == kind],
            }
            for kind in KINDS
            if any(p["kind"] == kind for p in partners.values())
        ]
        countries = sorted({p["country"] for p in partners.values() if p.get("country")}, key=self.f.country)
        by_country = [
            {
                "heading": plain_text_for_markdown(self.f.country(code)),
                "code": code,
                "partners": [entries[i] for i, p in partners.items() if p.get("country") == code],
            }
            for code in countries
        ]
        without = [entries[i] for i, p in partners.items() if not p.get("country")]
        if without:
            by_country.append({"heading": self.heading("label.no_country"), "code": "", "partners": without})
        return {
            "by_kind": by_kind,
            "by_country": by_country,
            "by_country_heading": self.heading("label.by_country"),
            "by_kind_heading": self.heading("label.by_kind"),
        }

    def partner_entry(self, partner: dict) -> dict:
        agreement = partner.get("agreement")
        results = [
            result_id
            for result_id, result in self.data.results.items()
            if partner["id"] in result.get("from", {}).get("partners", [])
        ]
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

    def total_rows(self, totals: dict[str, Total]) -> list[dict]:
        return [
            {
                "label": self.s[f"category.{category}"],
                "value": self.f.at_least(total.at_least) if total.counted else self.s["label.unknown"],
                "without_quantity": [self.result_link(result_id) for result_id in total.without_quantity],
            }
            for category, total in totals.items()
        ]

    def results(self) -> dict:
        results = self.data.results
        years: dict[str, dict] = defaultdict(dict)
        for result_id, result in results.items():
            years[result["when"][:4] if result.get("when") else ""][result_id] = result
        by_year = [
            {
                "heading": plain_text_for_markdown(year) if year else self.heading("label.year_unknown"),
                "rows": self.total_rows(totals_by_category(items)),
            }
            for year, items in sorted(years.items(), key=lambda item: item[0] or "9999", reverse=False)
        ]
        by_country_rows = []
        for code, share in sorted(
            by_country(results, self.data.partners).items(), key=lambda item: self.f.country(item[0])
        ):
            by_country_rows.append(
                {
                    "country": self.f.country(code),
                    "alone": self.total_rows(share.totals),
                    "joint": [self.result_link(result_id) for result_id in share.joint],
                }
            )
        return {
            "totals": self.total_rows(totals_by_category(results)),
            "by_year": by_year,
            "by_country": by_country_rows,
            "ledger": [self.ledger_row(result_id, result) for result_id, result in results.items()],
            "headings": {
                key: self.heading(f"label.{key}")
                for key in ("totals_by_category", "totals_by_year", "totals_by_country", "ledger")
            },
        }

    def ledger_row(self, result_id: str, result: dict) -> dict:
        given = result.get("from", {})
        return {
            "anchor": f"result-{result_id}",
            "description": self.text(result["description"]),
            "category": self.s[f"category.{result['category']}"],
            "quantity": self.f.number(result["quantity"])
            if result.get("quantity") is not None
            else self.s["label.unknown"],
            "partners": [self.partner_link(partner_id) for partner_id in given.get("partners", [])],
            "countries": [self.f.country(code) for code in given.get("countries", [])],
            "joint": bool(given.get("joint")),
            "when": self.f.date(result["when"]) if result.get("when") else self.s["label.unknown"],
            "reports": [
                {"label": self.quarter_name(r), "href": self.link(report_page(r))}
                for r in self.reports_naming(result_id)
            ],
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

    # --- the programme, its quarters, and one report -------------------------------------

    def decision(self) -> str:
        decision = self.data.programme["decision"]
        return self.s["format.decision"].format(
            number=decision["number"],
            date=self.f.date(decision["date"]),
            session=decision["session"],
            convocation=decision["convocation"],
            session_ordinal=english_ordinal(decision["session"]),
            convocation_ordinal=english_ordinal(decision["convocation"]),
            body=self.name(decision["body"]),
            body_gen=self.name(decision["body"], "gen"),
        )

    def programme_data(self) -> dict:
        programme = self.data.programme
        period = programme["period"]
        return {
            "name": self.name(programme["name"]),
            "decision": self.decision(),
            "period": self.s["format.period"].format(start=period["from"], end=period["to"]),
            "aims": [self.text(aim) for aim in programme["aims"]],
            "areas": [self.s[f"area.{area}"] for area in programme.get("areas", [])],
        }

    def programme(self) -> dict:
        quarters = []
        all_spending = []
        for report_id, report in self.data.reports.items():
            all_spending += report["spending"]
            quarters.append(
                {
                    "label": self.quarter_name(report_id),
                    "href": self.link(report_page(report_id)),
                    "spending": self.spending_total(report["spending"]) or [self.s["label.no_spending"]],
                    "results": [self.result_link(result_id) for result_id in report["results"]],
                }
            )
        return {
            "data": self.programme_data(),
            "quarters": quarters,
            "total_spending": self.spending_total(all_spending),
            "headings": {key: self.heading(f"label.{key}") for key in ("programme_data", "by_quarter")},
        }

    def report(self, report_id: str) -> dict:
        report = self.data.reports[report_id]
        return {
            "quarter": self.quarter_name(report_id),
            "programme": self.programme_data(),
            "partners": [self.partner_link(partner_id) for partner_id in report.get("partners", [])],
            "countries": [self.f.country(code) for code in report.get("countries", [])],
            "areas": [self.s[f"area.{area}"] for area in report["areas"]],
            "measures": [self.text(measure) for measure in report.get("measures", [])],
            "results": [
                dict(
                    self.result_link(result_id),
                    quantity=self.f.number(self.data.results[result_id]["quantity"])
                    if self.data.results[result_id].get("quantity") is not None
                    else None,
                )
                for result_id in report["results"]
            ],
            "spending": [
                {"purpose": self.text(line["purpose"]), "amount": self.f.money(line["amount"], line["currency"])}
                for line in report["spending"]
            ],
            "total": self.spending_total(report["spending"]),
            "original": report.get("original"),
            "signatory": f"{self.name(report['signatory']['role'])}: {self.name(report['signatory']['name'])}",
            "note": self.text(report.get("note")),
            "headings": {
                key: self.heading(f"label.{key}")
                for key in ("programme_data", "partners_worked_with", "measures", "results", "financing", "report_text")
            },
        }

    def reports_index(self) -> list[dict]:
        """Newest first."""
        return [
            {
                "label": self.s["label.report_for"].format(quarter=self.quarter_name(report_id)),
                "href": self.link(report_page(report_id)),
                "summary": self.s["label.reports_count"].format(
                    results=len(report["results"]),
                    spending=", ".join(self.spending_total(report["spending"])) or self.s["label.no_spending"],
                ),
            }
            for report_id, report in reversed(list(self.data.reports.items()))
        ]
