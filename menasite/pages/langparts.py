"""The language of parts (WCAG 3.1.2): the fragments of a text in another language than the
text's own, so that a screen reader pronounces each in its language.

Two kinds are found by themselves, with nothing for editors to mark:
- Cyrillic words in an English or Polish text are Ukrainian ("Side by Side" (Пліч-о-пліч));
- the own names of partners (``name.own`` with ``own_lang`` in data/partners.yml), wherever a
  text of another language holds them ("платформа United for UA").
In the markdown pages, an editor marks a fragment with ``<span lang="uk">...</span>``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape

DEFAULT_FOREIGN_SCRIPT = "uk"  # the Cyrillic words this site's texts hold are Ukrainian
_CYRILLIC_WORD = r"[\u0400-\u04ff]+(?:['’ʼ][\u0400-\u04ff]+)*"  # with its apostrophes: "зв'язок"
# Words joined by spaces or hyphens ("Пліч-о-пліч", "Менська громада").
_CYRILLIC_RUN = re.compile(rf"{_CYRILLIC_WORD}(?:[\s\-‐]+{_CYRILLIC_WORD})*")

Part = tuple[str, str | None]  # (text, its language when not the text's own)


def known_names(partners: Mapping[str, dict]) -> dict[str, str]:
    """The partners' own names and their languages: {"United for UA": "en", "Gmina Dąbrowa": "pl"}.
    Every page's view asks: found once for the partners of a build (the data is not changed
    once loaded; a new load is a new mapping)."""
    kept = _names_of_last_partners
    if kept and kept[0] is partners:
        return kept[1]
    names = {}
    for partner in partners.values():
        name = partner.get("name") or {}
        if name.get("own") and name.get("own_lang"):
            names[name["own"]] = name["own_lang"]
    _names_of_last_partners[:] = [partners, names]
    return names


_names_of_last_partners: list = []  # [the partners, their names]


def language_parts(text: str, lang: str, names: Mapping[str, str]) -> list[Part]:
    """``text`` (written in ``lang``) cut into parts, each foreign part with its language."""
    spans: list[tuple[int, int, str]] = []
    for name in sorted(names, key=len, reverse=True):  # the longest first: "Gmina Dąbrowa" before "Dąbrowa"
        if names[name] == lang:
            continue
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if not any(start < match.end() and match.start() < end for start, end, _ in spans):
                spans.append((match.start(), match.end(), names[name]))
    if lang != DEFAULT_FOREIGN_SCRIPT:
        for match in _CYRILLIC_RUN.finditer(text):
            if not any(start < match.end() and match.start() < end for start, end, _ in spans):
                spans.append((match.start(), match.end(), DEFAULT_FOREIGN_SCRIPT))
    parts: list[Part] = []
    position = 0
    for start, end, part_lang in sorted(spans):
        if start > position:
            parts.append((text[position:start], None))
        parts.append((text[start:end], part_lang))
        position = end
    if position < len(text) or not parts:
        parts.append((text[position:], None))
    return parts


def marked_html(text: str, lang: str, names: Mapping[str, str]) -> str:
    """``text`` as HTML text (for element content, not attributes), each fragment in another
    language in <span lang="..."> (for the table of contents, which MkDocs gives as plain text)."""
    return "".join(
        f'<span lang="{part_lang}">{escape(part, quote=False)}</span>' if part_lang else escape(part, quote=False)
        for part, part_lang in language_parts(text, lang, names)
    )


def footnote_settings(strings: dict) -> dict:
    """Python-Markdown's footnotes in the page's language: the link back from a footnote has a
    title, English by default ("Jump back to footnote 1 in the text") on every page."""
    return {"BACKLINK_TITLE": strings["footnote.back"].replace("{number}", "%d")}
