"""Numbers, money, dates, quarters and country names as each language writes them.

Babel (CLDR) does the formatting; where the council's usage differs from CLDR (it writes
"грн", and does not group four-digit numbers), the pattern is in ``data/strings.yml``
(keys ``format.*``), once per language, never in code.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal

LOCALES = {"uk": "uk_UA", "en": "en_GB", "pl": "pl_PL"}
ROMAN_DIGITS = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")]
ROMAN_DIGITS += [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


class Formats:
    """Formatting for one language, with the council's patterns from the strings file."""

    def __init__(self, lang: str, strings: dict[str, str]):
        self.lang = lang
        self.locale = LOCALES.get(lang, lang)
        self.strings = strings

    def number(self, value, decimals: int = 0) -> str:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        grouping = int(self.strings.get("format.min_grouping_digits", "1"))
        group = abs(Decimal(str(value))) >= 10 ** (2 + grouping)
        return format_decimal(value, format=pattern, locale=self.locale, group_separator=group)

    def money(self, amount, currency: str) -> str:
        pattern = self.strings.get(f"format.money.{currency}")
        if pattern is None:
            return format_currency(amount, currency, locale=self.locale)
        return pattern.format(amount=self.number(amount, decimals=2))

    def date(self, text: str) -> str:
        """A date as precise as the source: "2022", "2022-11", "2021-12-09" or "2023-Q1"."""
        if "-Q" in text:
            year, quarter = text.split("-Q")
            return self.quarter(int(year), int(quarter))
        if len(text) == 4:
            return text
        if len(text) == 7:
            return format_skeleton("yMMMM", dt.date(int(text[:4]), int(text[5:]), 1), locale=self.locale)
        return format_date(dt.date.fromisoformat(text), format="long", locale=self.locale)

    def quarter(self, year: int, quarter: int) -> str:
        return self.strings["format.quarter"].format(roman=roman(quarter), number=quarter, year=year)

    def country(self, code: str) -> str:
        return Locale.parse(self.locale).territories.get(code, code)

    def at_least(self, value: int) -> str:
        return self.strings["format.at_least"].format(value=self.number(value))


def roman(number: int) -> str:
    """A positive number in Roman numerals (15 -> XV): quarters, and Polish sessions and terms."""
    digits = []
    for value, letters in ROMAN_DIGITS:
        count, number = divmod(number, value)
        digits.append(letters * count)
    return "".join(digits)


def english_ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
