"""Totals of the results of cooperation, never counting anything twice.

- Aid given jointly is one record: its quantity belongs to the givers together. It is never
  split or added to any one country's total; a country's page lists it as joint.
- Records that may count the same things (``may_overlap``) form a group; a total counts each
  group once, by its largest quantity. Totals are therefore "at least" figures.
- Records without a quantity are listed, not counted.
- A result a report lists without saying who gave it (``from: report_partners``) has no givers'
  countries: it is in no country's or partner's total, only in the totals of all results.
- A group whose records fall in several rows of one table (years, countries) is counted once
  in each row; ``rows_sharing_groups`` says which rows share one, so the table can say so
  next to the figure instead of inviting a sum across rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Total:
    at_least: int = 0  # the sum over overlap groups of each group's largest quantity
    counted: list[str] = field(default_factory=list)  # ids whose quantity the total includes
    overlapping: list[str] = field(default_factory=list)  # ids left out as possible duplicates
    without_quantity: list[str] = field(default_factory=list)


def overlap_groups(results: dict[str, dict]) -> list[list[str]]:
    """Connected groups of results that may overlap (may_overlap works both ways)."""
    neighbours: dict[str, set[str]] = {result_id: set() for result_id in results}
    for result_id, result in results.items():
        for other in result.get("may_overlap", []):
            if other in neighbours:
                neighbours[result_id].add(other)
                neighbours[other].add(result_id)
    groups, seen = [], set()
    for start in sorted(results):
        if start in seen:
            continue
        group, todo = [], [start]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            group.append(current)
            todo.extend(sorted(neighbours[current] - seen))
        groups.append(sorted(group))
    return groups


def total(results: dict[str, dict]) -> Total:
    """The total quantity of the given results (one category), each thing counted once."""
    summary = Total()
    for group in overlap_groups(results):
        known = [result_id for result_id in group if results[result_id].get("quantity") is not None]
        summary.without_quantity += [result_id for result_id in group if result_id not in known]
        if known:
            largest = max(known, key=lambda result_id: (results[result_id]["quantity"], result_id))
            summary.at_least += results[largest]["quantity"]
            summary.counted.append(largest)
            summary.overlapping += [result_id for result_id in known if result_id != largest]
    return summary


def totals_by_category(results: dict[str, dict]) -> dict[str, Total]:
    categories = sorted({result["category"] for result in results.values()})
    return {category: total({i: r for i, r in results.items() if r["category"] == category}) for category in categories}


def givers_countries(result: dict, partners: dict[str, dict]) -> set[str]:
    """The countries of a result's givers (partners' countries and countries named directly)."""
    given = result.get("from", {})
    countries = set(given.get("countries", []))
    countries |= {partners[p]["country"] for p in given.get("partners", []) if partners[p].get("country")}
    return countries


@dataclass
class CountryShare:
    totals: dict[str, Total]  # category -> total of what this country's partners gave alone
    joint: list[str]  # ids given together with other countries: listed, never summed here
    alone: list[str] = field(default_factory=list)  # ids this country's partners gave alone


def by_country(results: dict[str, dict], partners: dict[str, dict]) -> dict[str, CountryShare]:
    countries = sorted({c for result in results.values() for c in givers_countries(result, partners)})
    shares = {}
    for country in countries:
        alone = {i: r for i, r in results.items() if givers_countries(r, partners) == {country}}
        joint = sorted(
            i
            for i, r in results.items()
            if country in givers_countries(r, partners) and len(givers_countries(r, partners)) > 1
        )
        shares[country] = CountryShare(totals_by_category(alone), joint, sorted(alone))
    return shares


def rows_sharing_groups(rows: dict[str, dict[str, dict]], results: dict[str, dict]) -> dict[str, dict[str, list[str]]]:
    """For rows of one table family (row key -> its results): row -> category -> the other
    rows holding a record of the same overlap group (the groups of all results)."""
    group_of = {result_id: index for index, group in enumerate(overlap_groups(results)) for result_id in group}
    shared: dict[str, dict[str, list[str]]] = {}
    for key, items in rows.items():
        shared[key] = {}
        for result_id, result in items.items():
            others = [
                other
                for other, other_items in rows.items()
                if other != key and any(group_of.get(i) == group_of.get(result_id) for i in other_items)
            ]
            if others:
                found = shared[key].setdefault(result["category"], [])
                found += [other for other in others if other not in found]
    return shared
