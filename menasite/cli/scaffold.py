"""Start a new quarterly report: its data file with the period filled in, and its text in
each language from a template. Never overwrites an existing quarter."""

from __future__ import annotations

from pathlib import Path

from menasite.data.dataset import load_programmes, years_expected
from menasite.data.programmes import covering, programme_data_file
from menasite.data.reports import report_data_file, report_page, written_quarter
from menasite.data.reports import report_id as id_of_quarter
from menasite.messages import t
from menasite.pages.formats import Formats
from menasite.problems import Problem, SourceError

DATA_TEMPLATE = """\
# The facts of the report for {quarter_uk}, under the programme {programme}
# ({programme_file}). The fields are described in
# data/schema/report.schema.json; ./run check says what is still missing.
period:
  year: {year}
  quarter: {number}
partners: []      # ids from data/partners.yml
countries: []     # ISO codes, e.g. [PL, "NO"]
areas: []         # e.g. [security, education]
measures: []      # each: {{uk: ..., en: ..., pl: ...}}
results: []       # ids from data/results.yml
spending: []      # each: {{id: ..., amount: 0.00, currency: UAH, purpose: {{uk: ...}}}}
# Who signed the report, as ids from data/glossary.yml (add the name there first if new):
# signatory:
#   name: ...
#   role: council_secretary
"""

# The text is a placeholder with nothing for visitors after "|": until it is written, a
# production build shows the report's data alone. In English and Polish such a page is a stub
# (menasite.pages.translations): it counts as missing, and the Ukrainian page, with its notice,
# is built in its place until someone translates it.
TEXT_TEMPLATE = """\
# {title}

[[todo:{body}|]]
"""

TEXT_PLACEHOLDER = {
    "uk": "текст звіту, як у підписаному оригіналі; числа, що є в даних, позначте n-позначками (див. посібник)",
    "en": "the English translation of the report's text",
    "pl": "polskie tłumaczenie tekstu sprawozdania",
}


def report_files(root: Path, written: str, languages: list[str]) -> tuple[int, int, str, dict[str, Path]]:
    """The year, the quarter, the programme (picked by the year) and the files of a new report
    ("data" and one per language).

    Raises SourceError for a wrong quarter name, a year no programme covers (the same rule
    as the check of a report's data) or a quarter that already has a file."""
    quarter = written_quarter(written)
    if quarter is None:
        raise SourceError(
            [
                Problem(
                    written,
                    None,
                    t("quarter"),
                    t("a quarter written YYYY-qN with N from 1 to 4 (2023-q2)"),
                    f"'{written}'",
                )
            ]
        )
    year, number = quarter
    programmes = load_programmes(root / "data")
    programme = covering(programmes, year)
    if programme is None:
        found = t("{year}, which no programme covers", year=written[:4])
        raise SourceError([Problem(written, None, t("year"), years_expected(programmes), found)])
    report_id = id_of_quarter(year, number)  # 2023-Q3 as the file name 2023-q3
    files = {"data": root / report_data_file(report_id)}
    files |= {lang: root / "docs" / lang / report_page(report_id) for lang in languages}
    existing = [path for path in files.values() if path.exists() or path.is_symlink()]  # a dangling link too
    if existing:
        raise SourceError(
            [
                Problem(
                    path.relative_to(root).as_posix(),
                    None,
                    t("new report"),
                    t("a quarter that has no files yet (nothing was written)"),
                    t("a file that already exists"),
                )
                for path in existing
            ]
        )
    return year, number, programme, files


def new_report(root: Path, report_id: str, strings: dict[str, dict[str, str]], languages: list[str]) -> list[Path]:
    """Write the files of a new quarter; return them."""
    year, number, programme, files = report_files(root, report_id, languages)
    texts = {
        files["data"]: DATA_TEMPLATE.format(
            quarter_uk=Formats("uk", strings["uk"]).quarter(year, number),
            year=year,
            number=number,
            programme=programme,
            programme_file=programme_data_file(programme),
        )
    }
    for lang in languages:
        title = strings[lang]["label.report_for"].format(quarter=Formats(lang, strings[lang]).quarter(year, number))
        texts[files[lang]] = TEXT_TEMPLATE.format(title=title, body=TEXT_PLACEHOLDER[lang])
    for path, text in texts.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(texts)
