"""What a page says about itself in its <head>: its title ("Page — Site") and its description.

One pattern for every page and language. A report's or a programme's page gets a short title
and a description made from its data (its full name stays the page's heading); a markdown page
has its description in its front matter. Everything returned is plain text: the templates escape it.
"""

from __future__ import annotations

import html
import re

from menasite.data.aggregate import overlap_groups
from menasite.data.programmes import programme_of_page
from menasite.data.reports import report_of_page
from menasite.pages.parts import programme_part, report_part
from menasite.pages.views import View

# Search engines show about this many characters of a description; the rest is cut off.
DESCRIPTION_LIMIT = 160
TITLE_SEPARATOR = " — "
_TAG = re.compile(r"<[^>]*>")


def plain_text(html_text: str) -> str:
    """A title as MkDocs holds it (HTML text: entities escaped, maybe a tag) as plain text."""
    return " ".join(html.unescape(_TAG.sub("", html_text)).split())


def document_title(page_title: str | None, site_name: str) -> str:
    """ "Page — Site"; the site's name alone for the home page (``page_title`` None)."""
    return f"{page_title}{TITLE_SEPARATOR}{site_name}" if page_title else site_name


def fitted(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` cut at a word to at most ``limit`` characters, with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:·—")
    return cut + "…"


def short_title(state, page: str, lang: str) -> str | None:
    """The title of a report's or a programme's page, from its data ("Звіт за I квартал 2023
    року", "Programme for 2022–2024"); None for other pages (their own title is used)."""
    view = View(state, lang, page)
    report_id = report_of_page(page)
    if report_id is not None and report_id in state.data.reports:
        return view.s["label.report_for"].format(quarter=view.quarter_name(report_id))
    programme_id = programme_of_page(page)
    if programme_id is not None and programme_id in state.data.programmes:
        return view.s["label.programme_for"].format(period=view.period(programme_id))
    return None


def _readable(state, needs: tuple[str, ...]) -> bool:
    """Whether none of the data files (or folders) ``needs`` has problems (./run check builds
    the pages even so, and a description is not worth an error of its own)."""
    return not any(shown == need or shown.startswith(need + "/") for shown in state.data.broken for need in needs)


def generated_description(state, page: str, lang: str) -> str | None:
    """A report's or a programme's description from its data, in ``lang``; None for other pages."""
    view = View(state, lang, page)
    strings = view.s
    report_id = report_of_page(page)
    if report_id is not None and report_id in state.data.reports and _readable(state, report_part(report_id).data):
        report = state.data.reports[report_id]
        text = strings["meta.report_description"].format(
            quarter=view.quarter_name(report_id),
            period=view.period(state.data.programme_of_report[report_id]),
            results=_kinds_received(view, report["results"]),
            partners=view.f.number(len(report.get("partners", []))),
            spending=", ".join(view.spending_total(report["spending"])) or strings["label.no_spending"],
        )
        return fitted(text)
    programme_id = programme_of_page(page)
    if (
        programme_id is not None
        and programme_id in state.data.programmes
        and _readable(state, programme_part(programme_id).data)
    ):
        reports = state.data.reports_of_programme(programme_id)
        spending = [line for report_id in reports for line in state.data.reports[report_id]["spending"]]
        received = [result for report_id in reports for result in state.data.reports[report_id]["results"]]
        text = strings["meta.programme_description"].format(
            period=view.period(programme_id),
            reports=view.f.number(len(reports)),
            results=_kinds_received(view, received),
            spending=", ".join(view.spending_total(spending)) or strings["label.no_spending"],
        )
        return fitted(text)
    return None


def _kinds_received(view: View, result_ids: list[str]) -> str:
    """The kinds of things received, each once, in the order first named: "автомобілі, автобуси"."""
    kinds = dict.fromkeys(view.s[f"category.{view.data.results[i]['category']}"] for i in result_ids)
    return ", ".join(kinds) or view.s["label.unknown"]


def page_head(state, page: str, lang: str, *, title: str | None, description: str | None, fallback: bool) -> dict:
    """The title and description of a page: ``title`` is the page's own (MkDocs': front matter,
    ``short_title`` or the first heading, as HTML text), ``description`` its front matter's. A page not translated yet
    is described by the notice its visitors read, in their language (the text is Ukrainian)."""
    home = page == "index.md"
    own_title = None if home or not title else plain_text(title)
    strings = state.strings[lang]
    if fallback:
        described = strings["untranslated.notice"]
    else:
        described = description or generated_description(state, page, lang) or ""
    return {
        "title": document_title(own_title, state.config.site_name(lang)),
        "description": described,
    }


def not_found_head(state, lang: str) -> dict:
    """The 404 page says so in its title: "Сторінку не знайдено — Менська громада — …"."""
    strings = state.strings[lang]
    return {
        "title": document_title(strings["notfound.title"], state.config.site_name(lang)),
        "description": strings["notfound.text"],
    }


# --- the sharing image (og:image) of each language ------------------------------------------

SHARING_IMAGE_WIDTH, SHARING_IMAGE_HEIGHT = 1200, 630


def sharing_image_path(lang: str) -> str:
    """Where a language's sharing image lies in the site: "assets/social/en.png"."""
    return f"assets/social/{lang}.png"


def sharing_image_lines(state, lang: str) -> list[str]:
    """What the image of a language shows, from the data: the site's name, the council and its
    region, and the site's key figures."""
    view = View(state, lang, "index.md")
    council = view.council()
    data = state.data
    facts = view.s["meta.image_facts"].format(
        partners=view.f.number(len(data.partners)),
        # Records that may count the same things are one result, as in every total.
        results=view.f.number(len(overlap_groups(data.results))),
        reports=view.f.number(len(data.reports)),
    )
    return [state.config.site_name(lang), f"{council['name']} · {council['place']}", facts]


def sharing_image(state, lang: str) -> dict:
    """The og:image of every page of a language: its absolute address (under the site's path),
    size, type and text alternative (what the image says, in the language)."""
    lines = sharing_image_lines(state, lang)
    return {
        "url": state.config.site_url + sharing_image_path(lang),
        "width": SHARING_IMAGE_WIDTH,
        "height": SHARING_IMAGE_HEIGHT,
        "type": "image/png",
        "alt": ". ".join(line.replace(" · ", ", ") for line in lines) + ".",
    }
