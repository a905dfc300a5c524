"""One Atom feed per language (RFC 4287): the quarterly reports, newest first.

Everything in a feed comes from the sources: titles and summaries in the feed's language (the
same words as the reports index), links absolute from the site's address (so they work under
a subpath), each entry's id the report page's canonical address in that language (stable from
build to build), and its date the exact time (UTC) of the last commit of any file the entry is
made from (``entry_sources``), from the history module, never the build's clock; without the
history, the last day of its quarter at midnight UTC (``undated``). News, when the
site gains them, are more entries of the same kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from menasite.data.history import newest
from menasite.data.reports import report_data_file, report_page

FEED_FILE = "feed.xml"
REPORTS_INDEX = "reports/index.md"
ATOM_TYPE = "application/atom+xml"
_QUARTER_ENDS = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}
_EPOCH = "1970-01-01T00:00:00Z"
RESULTS, STRINGS = "data/results.yml", "data/strings.yml"


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str
    summary: str
    updated: str  # RFC 3339, UTC: "2026-12-01T16:20:53Z"


def feed_path(config, lang: str) -> str:
    """Where a language's feed lies, from the site's root: "feed.xml", "en/feed.xml"."""
    return config.prefix(lang) + FEED_FILE


def feed_url(config, lang: str) -> str:
    return config.site_url + feed_path(config, lang)


def feed_link(state, lang: str) -> dict:
    """What a page's <head> links to: its language's feed (a template context value)."""
    return {"href": feed_url(state.config, lang), "title": state.strings[lang]["feed.title"], "type": ATOM_TYPE}


def report_entries(state, lang: str) -> list[Entry]:
    """One entry per quarterly report, newest quarter first."""
    from menasite.pages.views import View  # here: the views link to the feeds (feed_path)

    view = View(state, lang, REPORTS_INDEX)
    entries = []
    for report_id in sorted(state.data.reports, reverse=True):
        page = report_page(report_id)
        shown = lang if state.pages.has_translation(page, lang) else state.config.default
        period = state.data.reports[report_id]["period"]
        dated = newest(state.times, entry_sources(state, report_id, shown))
        found = view.report_entry(report_id)
        entries.append(
            Entry(
                id=state.pages.absolute_url(page, lang),
                title=found["label"],
                link=state.pages.absolute_url(page, lang),
                summary=found["summary"],
                updated=dated or undated(period),
            )
        )
    return entries


def entry_sources(state, report_id: str, shown: str) -> list[str]:
    """Every file a report's entry is made from: the report's data, its page in the language
    shown, the results (the summary names their categories) and the interface words (the
    title and the summary's phrasing)."""
    page = state.config.page_file(shown, report_page(report_id))
    return [report_data_file(report_id), page, RESULTS, STRINGS]


def undated(period: dict) -> str:
    """Without the history (an exported copy): the last day of the report's quarter, at
    midnight UTC, the same in every build rather than a clock's time."""
    return f"{period['year']}-{_QUARTER_ENDS[period['quarter']]}T00:00:00Z"


def atom_feed(state, lang: str) -> str:
    strings = state.strings[lang]
    entries = report_entries(state, lang)
    updated = max((entry.updated for entry in entries), default=None) or newest(state.times, ["data"]) or _EPOCH
    council = state.glossary.name(state.data.council["name"], lang)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(lang)}>',
        f"  <id>{escape(feed_url(state.config, lang))}</id>",
        f'  <title type="text">{escape(strings["feed.title"])}</title>',
        f'  <subtitle type="text">{escape(strings["feed.subtitle"])}</subtitle>',
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(council)}</name><uri>{escape(state.data.council['website'])}</uri></author>",
        f'  <link rel="self" type="{ATOM_TYPE}" href={quoteattr(feed_url(state.config, lang))}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(state.pages.absolute_url(REPORTS_INDEX, lang))}/>',
    ]
    for entry in entries:
        lines += [
            "  <entry>",
            f"    <id>{escape(entry.id)}</id>",
            f'    <title type="text">{escape(entry.title)}</title>',
            f'    <link rel="alternate" type="text/html" href={quoteattr(entry.link)}/>',
            f"    <updated>{entry.updated}</updated>",
            f'    <summary type="text">{escape(entry.summary)}</summary>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
