"""Which page exists in which language, and what that means for visitors and search engines.

Ukrainian is the original and must be at least as complete as any other language (law of
Ukraine on the state language, art. 27). A page missing in English or Polish is built from
the Ukrainian text (a *fallback*): it carries a notice, is marked ``lang="uk"``, is not
offered as an hreflang alternate, and is kept out of search engines and the sitemap.

A translation file that holds only placeholders (a *stub*, such as ``./run new-report``
writes) is no translation: nothing in it reads as one. It counts as missing and is built as
the fallback, whoever wrote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from menasite.messages import t
from menasite.pages.markers import MARKER
from menasite.pages.siteconfig import SiteConfig
from menasite.problems import Problem


@dataclass(frozen=True)
class PageSet:
    """The markdown pages of each language, as paths relative to the language folder."""

    config: SiteConfig
    sources: dict[str, frozenset[str]]  # language -> {"index.md", "reports/2023-q1.md", ...}
    # language -> the files of that language that are only placeholders (not in ``sources``)
    stubs: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def all_pages(self) -> list[str]:
        return sorted(self.sources[self.config.default])

    def has_translation(self, page: str, lang: str) -> bool:
        return page in self.sources.get(lang, frozenset())

    def is_stub(self, page: str, lang: str) -> bool:
        return page in self.stubs.get(lang, frozenset())

    def files(self, lang: str) -> frozenset[str]:
        """Every markdown file of the language, stubs included."""
        return self.sources.get(lang, frozenset()) | self.stubs.get(lang, frozenset())

    def translated_languages(self, page: str) -> list[str]:
        return [lang for lang in self.config.codes if self.has_translation(page, lang)]

    def url_path(self, page: str, lang: str) -> str:
        """The page's address relative to the site root: "en/reports/2023-q1/"."""
        return self.config.prefix(lang) + page_directory_url(page)

    def absolute_url(self, page: str, lang: str) -> str:
        return self.config.site_url + self.url_path(page, lang)

    def alternates(self, page: str) -> list[tuple[str, str]]:
        """hreflang -> absolute URL for the real (not fallback) versions, plus x-default."""
        links = [(lang, self.absolute_url(page, lang)) for lang in self.translated_languages(page)]
        return links + [("x-default", self.absolute_url(page, self.config.default))]


def page_directory_url(page: str) -> str:
    """MkDocs' directory URL of a markdown path: "index.md" -> "", "a/b.md" -> "a/b/"."""
    stem = page[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


# What a visitor would not read as a translation: front matter (as MkDocs finds it), headings,
# placeholders and comments. A generated part (<!-- mena:NAME -->) is text in the page's language.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t].*)?$", re.MULTILINE)
_COMMENT = re.compile(r"<!--(?! mena:[a-z-]+ -->).*?-->", re.DOTALL)
_LARGEST_STUB = 20_000  # bytes: a longer file holds text; it is not read here


def is_stub_text(markdown: str) -> bool:
    """True when the page holds nothing but placeholders, headings, comments, blank lines and front matter."""
    body = _FRONT_MATTER.sub("", markdown, count=1)
    body = MARKER.sub(lambda match: "" if match["kind"] == "todo" else match[0], body)
    body = _COMMENT.sub("", body)
    return not _HEADING.sub("", body).strip()


def is_stub_file(path: Path) -> bool:
    """A file that cannot be read as a small UTF-8 text is not a stub: the page checks report it as it is."""
    try:
        if not path.is_file() or path.stat().st_size > _LARGEST_STUB:
            return False
        return is_stub_text(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return False


def scan_pages(config: SiteConfig) -> PageSet:
    sources, stubs = {}, {}
    for lang in config.codes:
        folder = config.docs_dir / lang
        found = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*.md")} if folder.is_dir() else {}
        # The original is always built as itself; only a translation can be a stub.
        stub = {page for page, path in found.items() if lang != config.default and is_stub_file(path)}
        sources[lang] = frozenset(found.keys() - stub)
        stubs[lang] = frozenset(stub)
    return PageSet(config, sources, stubs)


def stub_files(pages: PageSet) -> list[str]:
    """The stubs as paths inside docs/ ("pl/reports/2023-q2.md"): the files the build must not use,
    so that the Ukrainian original is built in their place."""
    return [f"{lang}/{page}" for lang in pages.config.codes for page in sorted(pages.stubs.get(lang, frozenset()))]


def missing_ukrainian_originals(pages: PageSet) -> list[Problem]:
    """A page in English or Polish without a Ukrainian original breaks the law's rule."""
    default = pages.config.default
    problems = []
    for lang in pages.config.codes:
        for page in sorted(pages.files(lang) - pages.sources[default]):
            problems.append(
                Problem(
                    pages.config.page_file(lang, page),
                    None,
                    t("page"),
                    t(
                        "a Ukrainian original at {path}, since Ukrainian must be at least as complete as every other "
                        "language",
                        path=pages.config.page_file(default, page),
                    ),
                    t("no such file"),
                )
            )
    return problems


def untranslated_pages(pages: PageSet) -> dict[str, list[str]]:
    """Language -> Ukrainian pages it still lacks (shown as fallbacks with a notice)."""
    return {
        lang: sorted(pages.sources[pages.config.default] - pages.sources[lang])
        for lang in pages.config.codes
        if lang != pages.config.default
    }
