"""The CSV of a dataset: UTF-8, one header row, RFC 4180 quoting, and no cell a spreadsheet
would run as a formula.

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula to Excel, LibreOffice and Google Sheets (``=cmd|' /C calc'!A0``): such a cell gets a
leading apostrophe, which spreadsheets show as text. A cell that already begins with an
apostrophe gets one too, so the rule can be undone without loss: a reader drops the first
character of every text cell that begins with an apostrophe (``original_cell``). Numbers are
written as numbers and never changed. The passport says so.
"""

from __future__ import annotations

import csv
import io

from babel.lists import format_list

from menasite.pages.opendata.tables import BOOLEAN, LIST, NUMBER, TEXT, Column, Table, column_names

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
NEUTRALISER = "'"
# The starts the passport's note names in words (``opendata.char.*`` in data/strings.yml).
CHARACTER_NAMES = {"\t": "tab", "\r": "carriage_return", "'": "apostrophe"}
LIST_SEPARATOR = " "  # ids, codes and addresses never hold a space


def neutralised(text: str) -> str:
    """A text cell that no spreadsheet can take for a formula."""
    return NEUTRALISER + text if text.startswith(FORMULA_STARTS) else text


def formula_note(strings: dict[str, str], lang: str) -> str:
    """The passport's note on formulas, naming exactly the starts ``neutralised`` acts on
    (made from FORMULA_STARTS, so the note and the code cannot drift apart)."""
    starts = [strings[f"opendata.char.{CHARACTER_NAMES[c]}"] if c in CHARACTER_NAMES else c for c in FORMULA_STARTS]
    return strings["opendata.csv_note"].format(starts=format_list(starts, style="or", locale=lang))


def original_cell(cell: str) -> str:
    """What ``neutralised`` was given (for readers of the CSV, and the tests)."""
    return cell[1:] if cell.startswith(NEUTRALISER) else cell


def cell(value: object, kind: str) -> str:
    """One value as the CSV writes it: empty for none, numbers plain, lists space-separated."""
    if value is None:
        return ""
    if kind == BOOLEAN:
        return "true" if value else "false"
    if kind == NUMBER:
        return f"{value:.2f}"  # amounts: two decimals, a dot, no grouping
    if isinstance(value, int):
        return str(value)
    if kind == LIST:
        assert isinstance(value, list)
        return neutralised(LIST_SEPARATOR.join(value))
    return neutralised(str(value))


def kinds_by_column(columns: tuple[Column, ...], languages: list[str]) -> dict[str, str]:
    kinds = {}
    for column in columns:
        names = [f"{column.name}_{lang}" for lang in languages] if column.kind == TEXT else [column.name]
        kinds.update(dict.fromkeys(names, column.kind))
    return kinds


def csv_text(table: Table, languages: list[str]) -> str:
    """The whole CSV file (CRLF line ends, as RFC 4180 says; every field quoted where needed)."""
    names = column_names(table.columns, languages)
    kinds = kinds_by_column(table.columns, languages)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(names)
    for record in table.records:
        writer.writerow([cell(record[name], kinds[name]) for name in names])
    return out.getvalue()
