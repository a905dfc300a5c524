"""The frame around every page in one language: the header's names, the council's footer, and
what the council still has to supply (its coat of arms, the content licence).

Kept apart from ``pagecontext`` (what one page needs): the frame is the same on every page of
a language, the 404 pages included. The HTML is in ``overrides/partials/``.
"""

from __future__ import annotations

from menasite.messages import Msg, t
from menasite.pages.views import View

ACCESSIBILITY_PAGE = "accessibility.md"


def capitalised(name: str) -> str:
    """A name at the start of a line ("hromada Mena" -> "Hromada Mena")."""
    return name[:1].upper() + name[1:]


def site_frame(state, lang: str) -> dict:
    """The header and footer of every page in ``lang``, with what the council supplies in
    data/council.yml (its coat of arms, the content licence) when it has."""
    strings = state.strings[lang]
    pages = state.pages
    view = View(state, lang, "index.md")
    arms, licence = council_supplied(view.data.council)
    return {
        # The header on a phone: the community's short name, which fits at 320 px.
        "short_name": capitalised(state.glossary.name("community_short", lang)),
        "council": view.council(),
        "accessibility_path": pages.url_path(ACCESSIBILITY_PAGE, lang)
        if pages.has_translation(ACCESSIBILITY_PAGE, state.config.default)
        else None,
        "arms": {"src": arms, "alt": strings["label.coat_of_arms"]} if arms else None,
        "licence": {"name": view.text(licence["name"]), "url": licence["url"]} if licence else None,
        # Previews show what the council still has to supply, marked; visitors see nothing in
        # its place (as for the [[todo:...]] placeholders of pages).
        "placeholders": not state.config.production,
    }


def council_supplied(council: dict) -> tuple[str | None, dict | None]:
    """The coat of arms and the content licence, if the council has supplied them."""
    return council.get("coat_of_arms"), council.get("content_licence")


# What ./run placeholders lists while the council has not supplied it.
COUNCIL_SUPPLIES = {
    "coat_of_arms": t("the coat of arms of the community (a square SVG or PNG in overrides/assets/)"),
    "content_licence": t("the licence of the site's texts (its name and address)"),
}


def missing_council_supplies(council: dict) -> list[tuple[str, Msg]]:
    """(field, what it is) for each thing of the frame the council has not supplied yet."""
    return [(field, what) for field, what in COUNCIL_SUPPLIES.items() if field not in council]
