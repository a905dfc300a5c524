"""What the templates need to know about one page in one language.

Returned as plain dicts and strings; the HTML is in ``overrides/``.
"""

from __future__ import annotations

from menasite.data.history import newest
from menasite.data.programmes import programme_of_page
from menasite.data.reports import report_of_page
from menasite.pages.feeds import REPORTS_INDEX, feed_link
from menasite.pages.formats import LOCALES, Formats
from menasite.pages.parts import data_shown, programme_part, report_part
from menasite.pages.views import PROGRAMME_PAGE

SEARCH_PAGE = "search.md"


def page_context(state, page: str, lang: str) -> dict:
    pages, config, strings = state.pages, state.config, state.strings[lang]
    fallback = not pages.has_translation(page, lang)
    source_lang = config.default if fallback else lang
    return {
        "lang": lang,
        "strings": strings,
        "fallback": fallback,
        "source_lang": source_lang,
        "original_path": pages.url_path(page, config.default),
        "canonical": None if fallback else pages.absolute_url(page, lang),
        # A fallback page is not offered as an alternate, and offers none (it is noindex).
        "alternates": [] if fallback else pages.alternates(page),
        "og_locale": LOCALES[lang],
        "og_alternates": []
        if fallback
        else [LOCALES[other] for other in pages.translated_languages(page) if other != lang],
        "updated": updated(state, page, source_lang, lang),
        "switcher": [
            {
                "code": language.code,
                "name": language.name,
                "path": pages.url_path(page, language.code),
                "current": language.code == lang,
            }
            for language in config.languages
        ],
        "language_hints": language_hints(state, page) if lang == config.default else [],
        "search_path": pages.url_path(SEARCH_PAGE, lang)
        if pages.has_translation(SEARCH_PAGE, config.default)
        else None,
        # What Pagefind indexes: the page's own text, not the search page, not a fallback.
        "searchable": not fallback and page != SEARCH_PAGE,
        "is_search": page == SEARCH_PAGE,
        "structured_data": government_organization(state, lang) if page == "index.md" else None,
        "feed": feed_link(state, lang),  # <link rel="alternate"> to the language's Atom feed
        # The menu's section this page is under ("Programme" for a programme's own page).
        "section_path": pages.url_path(section, lang) if (section := menu_section(page)) else None,
    }


def menu_section(page: str) -> str | None:
    """The page of the menu a page not in the menu belongs under: a report under the reports'
    index, a programme's own page under the programme page."""
    if report_of_page(page) is not None:
        return REPORTS_INDEX
    if programme_of_page(page) is not None:
        return PROGRAMME_PAGE
    return None


def updated(state, page: str, source_lang: str, lang: str) -> dict | None:
    """When the page last changed: the newest of its markdown and the data files of the
    generated parts it shows (the parts registry), from git."""
    markdown = state.config.page_file(source_lang, page)
    sources = [markdown, *data_shown(state.page_parts.get(markdown, ()))]
    report_id = report_of_page(page)
    if report_id is not None and report_id in state.data.reports:
        sources += report_part(report_id).data
    programme_id = programme_of_page(page)
    if programme_id is not None and programme_id in state.data.programmes:
        sources += programme_part(programme_id).data
    date = newest(state.dates, sources)
    return {"iso": date, "text": Formats(lang, state.strings[lang]).date(date)} if date else None


def language_hints(state, page: str) -> list[dict]:
    """On a Ukrainian page: for a visitor whose browser prefers English or Polish, a notice in
    that language linking to the same page in it (shown by assets/mena.js, never a redirect)."""
    return [
        {
            "code": language.code,
            "path": state.pages.url_path(page, language.code),
            "strings": state.strings[language.code],
        }
        for language in state.config.languages
        if language.code != state.config.default
    ]


def government_organization(state, lang: str) -> dict:
    """schema.org data about the council, from data/council.yml and the glossary."""
    council, glossary = state.data.council, state.glossary
    address = council["address"]
    return {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": glossary.name(council["name"], lang),
        "alternateName": sorted(
            {glossary.name(council["name"], other) for other in state.config.codes}
            - {glossary.name(council["name"], lang)}
        ),
        "url": council["website"],
        "address": {
            "@type": "PostalAddress",
            "streetAddress": address["street"].get(lang, address["street"][state.config.default]),
            "addressLocality": glossary.name(address["locality"], lang),
            "addressRegion": glossary.name(address["region"], lang),
            "addressCountry": address["country"],
        },
        "subjectOf": {"@type": "WebSite", "url": state.pages.absolute_url("index.md", lang), "inLanguage": lang},
    }


def not_found_context(state, lang: str) -> dict:
    """The 404 page: its switcher leads to the other languages' home pages."""
    context = page_context(state, "index.md", lang)
    context.update(
        fallback=False,
        canonical=None,
        alternates=[],
        og_alternates=[],
        updated=None,
        language_hints=[],
        structured_data=None,
        searchable=False,
        home_path=state.pages.url_path("index.md", lang),
    )
    return context
