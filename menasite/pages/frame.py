"""The frame around every page in one language: the header's names, the council's footer, and
what the council still has to supply (its coat of arms, the content licence).

Kept apart from ``pagecontext`` (what one page needs): the frame is the same on every page of
a language, the 404 pages included. The HTML is in ``overrides/partials/``.
"""

from __future__ import annotations

from menasite.pages.views import View

ACCESSIBILITY_PAGE = "accessibility.md"


def capitalised(name: str) -> str:
    """A name at the start of a line ("hromada Mena" -> "Hromada Mena")."""
    return name[:1].upper() + name[1:]


def site_frame(state, lang: str, *, logo: str | None = None) -> dict:
    """The header and footer of every page in ``lang``. ``logo`` is the coat of arms the council
    supplied (``theme.logo`` in mkdocs.yml), if any."""
    strings = state.strings[lang]
    pages = state.pages
    return {
        # The header on a phone: the community's short name, which fits at 320 px.
        "short_name": capitalised(state.glossary.name("community_short", lang)),
        "council": View(state, lang, "index.md").council(),
        "accessibility_path": pages.url_path(ACCESSIBILITY_PAGE, lang)
        if pages.has_translation(ACCESSIBILITY_PAGE, state.config.default)
        else None,
        # Previews show what the council still has to supply, marked; visitors see nothing in
        # its place (as for the [[todo:...]] placeholders of pages).
        "arms": {"src": logo, "alt": strings["label.coat_of_arms"]} if logo else None,
        "placeholders": not state.config.production,
    }
