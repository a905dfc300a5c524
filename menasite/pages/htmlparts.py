"""Small changes to a page's finished HTML that every page needs."""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)
_HEADING = re.compile(r"<h[1-6][^>]*>(.*?)</h[1-6]>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def wrap_tables(page_html: str, label: str) -> str:
    """Every table in a box that scrolls sideways on a phone and takes keyboard focus, so a
    keyboard user can scroll it too (WCAG 2.1.1). The box is a region named after the heading
    above the table ("Totals by category: Table (scrollable)"), each name used once."""
    used: set[str] = set()

    def wrap(match: re.Match[str]) -> str:
        headings = _HEADING.findall(page_html, 0, match.start())
        heading = html.unescape(_TAGS.sub("", headings[-1])).strip() if headings else ""
        base = f"{heading}: {label}" if heading else label
        name, number = base, 2
        while name in used:
            name, number = f"{base} ({number})", number + 1
        used.add(name)
        attributes = f'class="mena-table-scroll" role="region" tabindex="0" aria-label="{html.escape(name)}"'
        return f"<div {attributes}>{match[0]}</div>"

    return _TABLE.sub(wrap, page_html)
