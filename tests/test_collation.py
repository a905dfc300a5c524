"""Alphabetical order in the visitor's language (CLDR-like), not by code point."""

from __future__ import annotations

import re

from menasite.pages.collation import sorted_in


def test_ukrainian_order():
    countries = ["США", "Італія", "Фінляндія", "Велика Британія", "Норвегія", "Данія", "Німеччина", "Польща"]
    assert sorted(countries)[0] == "Італія"  # by code point: wrong
    assert sorted_in(countries, "uk") == [
        "Велика Британія",
        "Данія",
        "Італія",
        "Німеччина",
        "Норвегія",
        "Польща",
        "США",
        "Фінляндія",
    ]
    assert sorted_in(["їжа", "ґанок", "як", "єнот", "и", "гора", "іній", "Ґава"], "uk") == [
        "гора",
        "Ґава",
        "ґанок",
        "єнот",
        "и",
        "іній",
        "їжа",
        "як",
    ]
    # Cyrillic before Latin in Ukrainian; an apostrophe does not break a word's place.
    assert sorted_in(["SUDeP", "Мена", "м'ята", "мати"], "uk") == ["мати", "Мена", "м'ята", "SUDeP"]


def test_polish_order():
    assert sorted_in(["Żyraków", "Źródło", "Zamość", "Łódź", "Lublin", "Śrem", "Szczecin", "Ąb", "Azja"], "pl") == [
        "Azja",
        "Ąb",
        "Lublin",
        "Łódź",
        "Szczecin",
        "Śrem",
        "Zamość",
        "Źródło",
        "Żyraków",
    ]
    assert sorted_in(["Włochy", "Wielka Brytania", "Dania", "Stany Zjednoczone", "Czechy", "Ćma"], "pl") == [
        "Czechy",
        "Ćma",
        "Dania",
        "Stany Zjednoczone",
        "Wielka Brytania",
        "Włochy",
    ]


def test_english_order_ignores_accents_and_case():
    assert sorted_in(["Żyraków", "zebra", "Dąbrowa", "Denmark", "Éire", "Estonia"], "en") == [
        "Dąbrowa",
        "Denmark",
        "Éire",
        "Estonia",
        "zebra",
        "Żyraków",
    ]


def test_the_partners_page_lists_countries_in_the_visitors_alphabet(site):
    headings = {
        lang: re.findall(r"<h3 id=\"[^\"]*\">([^<]*)</h3>", site.html(prefix + "partners/index.html"))[:-1]
        for lang, prefix in {"uk": "", "pl": "pl/"}.items()
    }
    assert headings["uk"][:3] == ["Велика Британія", "Данія", "Італія"]
    assert headings["pl"][-3:] == ["Ukraina", "Wielka Brytania", "Włochy"]
    for lang, found in headings.items():
        assert found == sorted_in(found, lang)
