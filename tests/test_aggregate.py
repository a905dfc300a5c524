"""Totals never count joint or overlapping records twice."""

from __future__ import annotations

from conftest import ROOT

from menasite.data.aggregate import by_country, overlap_groups, total, totals_by_category
from menasite.data.dataset import load_dataset

PARTNERS = {
    "town-a": {"country": "PL"},
    "town-b": {"country": "PL"},
    "town-c": {"country": "NL"},
}


def result(category, quantity=None, partners=(), countries=(), joint=False, overlaps=()):
    record = {"category": category, "from": {"partners": list(partners), "countries": list(countries), "joint": joint}}
    if quantity is not None:
        record["quantity"] = quantity
    if overlaps:
        record["may_overlap"] = list(overlaps)
    return record


def test_overlapping_records_are_counted_once_by_the_largest():
    results = {
        "q1-report": result("vehicles", 12, overlaps=["from-a"]),
        "from-a": result("vehicles", 2, partners=["town-a"], overlaps=["q1-report", "from-b"]),
        "from-b": result("vehicles", 4, partners=["town-b"]),
        "separate": result("vehicles", 3, partners=["town-c"]),
    }
    assert overlap_groups(results) == [["from-a", "from-b", "q1-report"], ["separate"]]
    summary = total(results)
    assert summary.at_least == 15  # 12 (for the group of 12, 2 and 4) + 3
    assert summary.counted == ["q1-report", "separate"]
    assert summary.overlapping == ["from-a", "from-b"]


def test_records_without_a_quantity_are_listed_not_counted():
    summary = total({"some": result("generators"), "six": result("generators", 6, overlaps=["some"])})
    assert (summary.at_least, summary.counted, summary.without_quantity) == (6, ["six"], ["some"])


def test_joint_aid_is_never_split_or_added_to_a_country():
    results = {
        "joint-pl-nl": result("generators", 6, countries=["PL", "NL"], joint=True),
        "from-a": result("vehicles", 2, partners=["town-a"]),
        "from-a-and-b": result("vehicles", 3, partners=["town-a", "town-b"], joint=True),
    }
    shares = by_country(results, PARTNERS)
    assert sorted(shares) == ["NL", "PL"]
    assert shares["PL"].totals["vehicles"].at_least == 5  # both givers are Polish
    assert "generators" not in shares["PL"].totals and "generators" not in shares["NL"].totals
    assert shares["PL"].joint == ["joint-pl-nl"] and shares["NL"].joint == ["joint-pl-nl"]
    assert totals_by_category(results)["generators"].at_least == 6  # counted once overall


def test_totals_of_the_real_data():
    data = load_dataset(ROOT / "data")
    totals = totals_by_category(data.results)
    assert totals["vehicles"].at_least == 12  # the Q1 2023 twelve may include the Polish cars
    assert totals["generators"].at_least == 6
    assert totals["bus"].at_least == 1
    poland = by_country(data.results, data.partners)["PL"]
    assert poland.totals["vehicles"].at_least == 6  # Dąbrowa 2 + Żyraków 4, given by Polish partners alone
    # The report's twelve are not itemised by country: not Poland's, alone or jointly.
    assert poland.joint == ["generators-pl-nl"]
