"""The language of parts (WCAG 3.1.2): every fragment in another language than its page's is
inside an element with its lang="...", on every built page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import yaml
from conftest import ROOT

from menasite.pages.langparts import known_names, language_parts, marked_html

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
SPOKEN_ATTRIBUTES = {"title", "aria-label", "alt", "placeholder"}
# Words only an English text has (not Polish or Ukrainian written in Latin letters).
ENGLISH = re.compile(r"\b(the|jump|footnote|back to|click|page|of the)\b", re.IGNORECASE)


class TextLanguages(HTMLParser):
    """Each text of a page with the language it is in (the nearest lang="..." around it)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str | None]] = []
        self.texts: list[tuple[int, str | None, str]] = []  # (line, language, text)
        self.attributes: list[tuple[int, str | None, str]] = []  # the same for texts in attributes
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        inherited = self.open[-1][1] if self.open else None
        lang = dict(attrs).get("lang", inherited)
        # What a browser shows or reads out of an element: a tooltip, a name, an image's text.
        self.attributes += [
            (self.getpos()[0], lang, value) for name, value in attrs if name in SPOKEN_ATTRIBUTES and value
        ]
        if tag not in VOID:
            self.open.append((tag, lang))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def handle_data(self, data):
        if data.strip() and not (self.open and self.open[-1][0] in ("script", "style")):
            self.texts.append((self.getpos()[0], self.open[-1][1] if self.open else None, data))


def page_language(page: str) -> str:
    return next((lang for lang in ("en", "pl") if page.startswith(f"{lang}/")), "uk")


def partners_own_names() -> dict[str, str]:
    data = yaml.safe_load((ROOT / "data/partners.yml").read_text(encoding="utf-8"))
    return known_names({partner["id"]: partner for partner in data["partners"]})


def test_ukrainian_words_on_english_and_polish_pages_are_marked_lang_uk(site):
    unmarked = [
        f"{page}:{line}: {text.strip()[:80]!r} (lang={lang})"
        for page in site.pages()
        if page_language(page) != "uk"
        for texts in [TextLanguages(site.html(page))]
        for line, lang, text in texts.texts + texts.attributes
        if CYRILLIC.search(text) and lang != "uk"
    ]
    assert unmarked == []


def test_no_english_tooltip_or_name_on_ukrainian_and_polish_pages(site):
    """Footnotes' links back to the text had an English title ("Jump back to footnote 1 in the
    text") on every page; now each language has its own."""
    english = [
        f"{page}:{line}: {text!r} (lang={lang})"
        for page in site.pages()
        if page_language(page) != "en"
        for line, lang, text in TextLanguages(site.html(page)).attributes
        if ENGLISH.search(text) and lang != "en"
    ]
    assert english == []
    backlinks = {
        lang: re.findall(r'class="footnote-backref" href="[^"]*" title="([^"]*)"', site.html(prefix + "index.html"))[0]
        for lang, prefix in (("uk", ""), ("en", "en/"), ("pl", "pl/"))
    }
    assert backlinks == {
        "uk": "Повернутися до виноски 1 у тексті",
        "en": "Back to footnote 1 in the text",
        "pl": "Powrót do przypisu 1 w tekście",
    }


def test_the_partners_own_names_are_marked_with_their_language_on_every_page(site):
    names = partners_own_names()
    assert {"United for UA": "en", "Gmina Dąbrowa": "pl", "SUDeP": "en"}.items() <= names.items()
    unmarked = [
        f"{page}:{line}: {name!r} in {text.strip()[:80]!r} (lang={lang}, not {name_lang})"
        for page in site.pages()
        for line, lang, text in TextLanguages(site.html(page)).texts
        for name, name_lang in names.items()
        if name_lang != lang and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
    ]
    assert unmarked == []


@pytest.mark.parametrize(
    ("text", "lang", "parts"),
    [
        (
            'A memorandum under the "Side by Side" (Пліч-о-пліч) programme.',
            "en",
            [('A memorandum under the "Side by Side" (', None), ("Пліч-о-пліч", "uk"), (") programme.", None)],
        ),
        ("платформа United for UA", "uk", [("платформа ", None), ("United for UA", "en")]),
        ("Gmina Dąbrowa i Менська громада", "en", [("Gmina Dąbrowa", "pl"), (" i ", None), ("Менська громада", "uk")]),
        ("Gmina Dąbrowa", "pl", [("Gmina Dąbrowa", None)]),
        ("Менська громада", "uk", [("Менська громада", None)]),
        ("", "en", [("", None)]),
    ],
)
def test_fragments_in_another_language_are_found(text, lang, parts):
    names = {"United for UA": "en", "Gmina Dąbrowa": "pl"}
    assert language_parts(text, lang, names) == parts


def test_marked_fragments_are_escaped_text():
    assert marked_html("<b> United for UA & зв'язок's", "pl", {"United for UA": "en"}) == (
        '&lt;b&gt; <span lang="en">United for UA</span> &amp; <span lang="uk">зв\'язок</span>\'s'
    )
