"""Figures that a report's text states and its data also holds, proven to agree.

The text of a report keeps its figures as written ("12 автомобілів", "2000,00 грн"), so the
Ukrainian original stays faithful; each such figure is marked with the data it states:
``[[n:result.vehicles-2023-q1=12]]``, ``[[n:spending.gifts-calendars=2000,00]]`` (spending
only on the report's own page); on any page, the community's figures too:
``[[n:community.population=26 014]]``. The build reads the number as the page's language writes it
and compares it with the data.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from menasite.data.reports import report_data_file
from menasite.messages import Msg, t

# How each language writes numbers: digits grouped by three with these separators (or not
# grouped at all), then the decimal separator.
NUMBER_STYLE = {"uk": ("[ \u00a0\u202f]", ","), "pl": ("[ \u00a0\u202f]", ","), "en": (",", "\\.")}


def parse_number(text: str, lang: str) -> Decimal | None:
    group, decimal = NUMBER_STYLE.get(lang, NUMBER_STYLE["en"])
    text = text.strip()
    pattern = rf"(?P<int>\d{{1,3}}(?:{group}\d{{3}})+|\d+)(?:{decimal}(?P<frac>\d+))?"
    match = re.fullmatch(pattern, text)
    if not match:
        return None
    digits = re.sub(r"\D", "", match["int"])
    try:
        return Decimal(f"{digits}.{match['frac']}" if match["frac"] else digits)
    except InvalidOperation:
        return None


def figure_in_data(
    reference: str,
    report_id: str | None,
    report: dict | None,
    results: dict[str, dict],
    community: dict | None = None,
) -> tuple[Decimal | None, str]:
    """The value a figure reference names, and where it lives (for the message).

    Raises LookupError with a plain explanation when the reference names nothing."""
    kind, _, item_id = reference.partition(".")
    if kind == "community":
        return community_figure(item_id, community or {})
    if kind == "result":
        if report is not None and report_id is not None and item_id not in report["results"]:
            raise LookupError(
                t(
                    "a result of this report in {file} ({ids})",
                    file=report_data_file(report_id),
                    ids=", ".join(report["results"]),
                )
            )
        if item_id not in results:
            raise LookupError(t("a result id from data/results.yml"))
        quantity = results[item_id].get("quantity")
        return (None if quantity is None else Decimal(quantity)), f"data/results.yml, results[{item_id}].quantity"
    if kind == "spending":
        if report is None or report_id is None:
            raise LookupError(t("spending.ID only on a report's page (docs/<language>/reports/YYYY-qN.md)"))
        lines = {line["id"]: line for line in report["spending"]}
        if item_id not in lines:
            raise LookupError(
                t("a spending line of {file} ({ids})", file=report_data_file(report_id), ids=", ".join(lines))
            )
        amount = Decimal(str(lines[item_id]["amount"])).quantize(Decimal("0.01"))  # money: two decimals
        return amount, f"{report_data_file(report_id)}, spending[{item_id}].amount"
    raise LookupError(t("result.ID, spending.ID or community.population"))


def community_figure(name: str, community: dict) -> tuple[Decimal | None, str]:
    """A figure of the community (data/council.yml, community): the population; the
    settlements, added up from their kinds as the home page does."""
    if name == "population" and "population" in community:
        return Decimal(community["population"]["value"]), "data/council.yml, community.population.value"
    if name == "settlements" and "settlements" in community:
        kinds = community["settlements"]["kinds"]
        return Decimal(sum(kind["count"] for kind in kinds)), "data/council.yml, community.settlements (all kinds)"
    raise LookupError(t("community.population or community.settlements"))


def figure_problem(
    body: str,
    lang: str,
    report_id: str | None,
    report: dict | None,
    results: dict[str, dict],
    community: dict | None = None,
) -> tuple[Msg, str] | None:
    """(expected, found) when the marked figure disagrees with the data, else None.

    ``report`` is the data of the report whose page this is (None on other pages)."""
    reference, sep, written = body.partition("=")
    if not sep or not written.strip():
        return (t("a figure marker with its text: [[n:result.ID=12]]"), f"[[n:{body}]]")
    try:
        value, where = figure_in_data(reference.strip(), report_id, report, results, community)
    except LookupError as error:
        return (error.args[0], f"'{reference.strip()}'")
    number = parse_number(written, lang)
    if number is None:
        return (t("a number as {lang} writes it", lang=lang), f"'{written}'")
    if value is None:
        return (t("a figure the data holds, but {where} is not given", where=where), f"'{written}'")
    if number != value:
        return (t("{value}, as {where} says", value=f"{value:f}", where=where), f"{number:f}")
    return None
