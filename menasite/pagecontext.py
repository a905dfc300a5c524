"""What the templates need to know about one page in one language.

Returned as plain dicts and strings; the HTML is in ``overrides/``.
"""

from __future__ import annotations

from menasite.translations import PageSet


def page_context(pages: PageSet, page: str, lang: str, strings: dict[str, str]) -> dict:
    config = pages.config
    fallback = not pages.has_translation(page, lang)
    return {
        "lang": lang,
        "strings": strings,
        "fallback": fallback,
        "source_lang": config.default if fallback else lang,
        "original_path": pages.url_path(page, config.default),
        "canonical": None if fallback else pages.absolute_url(page, lang),
        # A fallback page is not offered as an alternate, and offers none (it is noindex).
        "alternates": [] if fallback else pages.alternates(page),
        "switcher": [
            {"code": language.code, "name": language.name, "path": pages.url_path(page, language.code), "current": language.code == lang}
            for language in config.languages
        ],
    }


def not_found_context(pages: PageSet, lang: str, strings: dict[str, str]) -> dict:
    """The 404 page: its switcher leads to the other languages' home pages."""
    context = page_context(pages, "index.md", lang, strings)
    context.update(fallback=False, canonical=None, alternates=[], home_path=pages.url_path("index.md", lang))
    return context
