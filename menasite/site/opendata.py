"""The open data and the feeds, written into the build's work folder after MkDocs.

Language-neutral files under ``data/`` at the site's root (CSV, JSON and JSON Schema of every
dataset, and the passports); one Atom feed per language (``feed.xml``, ``en/feed.xml``,
``pl/feed.xml``). They are made from the same loaded and checked data as the pages, in the
work folder that is swapped in only when everything passed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from menasite.pages.feeds import atom_feed, feed_path
from menasite.pages.formats import Formats
from menasite.pages.opendata.csvfile import csv_text
from menasite.pages.opendata.jsonfiles import dumped, json_document, json_schema, schema_name
from menasite.pages.opendata.passports import (
    DATA_FOLDER,
    PASSPORTS,
    passports_document,
    passports_schema,
    title,
)
from menasite.pages.opendata.tables import open_tables
from menasite.pages.sitestate import SiteState, load_site_state
from menasite.problems import SourceError


def write_open_data_and_feeds(site: Path, state: SiteState) -> None:
    """Everything machine-readable the site publishes, from the sources as the build read them."""
    write_open_data(site, state)
    if not state.data.broken:  # a feed's entries need every report and the results
        write_feeds(site, state)


def write_what_loads(site: Path, root: Path, env: Mapping[str, str]) -> None:
    """After a build that found problems (./run check, ./run serve): the files of the data that
    loaded, so that the site-wide checks of the pages written find what those pages link to
    (and report only the real problems); nothing when the sources do not load at all."""
    try:
        state = load_site_state(root / "mkdocs.yml", env, lenient=True)
    except SourceError:
        return
    write_open_data_and_feeds(site, state)


def write_open_data(site: Path, state: SiteState) -> None:
    languages = state.config.codes
    base = state.config.site_url + DATA_FOLDER
    tables = open_tables(state.data, state.glossary, languages)
    english = state.strings.get("en", state.strings[state.config.default])
    for table in tables:
        name = title(table, english, Formats("en", english), state.data)
        _write(site / DATA_FOLDER / f"{table.id}.csv", csv_text(table, languages))
        _write(site / DATA_FOLDER / f"{table.id}.json", dumped(json_document(table)))
        _write(site / DATA_FOLDER / schema_name(table), dumped(json_schema(table, languages, base, name)))
    _write(site / DATA_FOLDER / f"{PASSPORTS}.json", dumped(passports_document(tables, state, languages)))
    _write(site / DATA_FOLDER / f"{PASSPORTS}.schema.json", dumped(passports_schema(base, languages)))


def write_feeds(site: Path, state: SiteState) -> None:
    for lang in state.config.codes:
        _write(site / feed_path(state.config, lang), atom_feed(state, lang))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))  # bytes: no newline translation, the same on every system
