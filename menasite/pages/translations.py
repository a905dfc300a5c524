"""Which page exists in which language, and what that means for visitors and search engines.

Ukrainian is the original and must be at least as complete as any other language (law of
Ukraine on the state language, art. 27). A page missing in English or Polish is built from
the Ukrainian text (a *fallback*): it carries a notice, is marked ``lang="uk"``, is not
offered as an hreflang alternate, and is kept out of search engines and the sitemap.
"""

from __future__ import annotations

from dataclasses import dataclass

from menasite.messages import t
from menasite.pages.siteconfig import SiteConfig
from menasite.problems import Problem


@dataclass(frozen=True)
class PageSet:
    """The markdown pages of each language, as paths relative to the language folder."""

    config: SiteConfig
    sources: dict[str, frozenset[str]]  # language -> {"index.md", "reports/2023-q1.md", ...}

    @property
    def all_pages(self) -> list[str]:
        return sorted(self.sources[self.config.default])

    def has_translation(self, page: str, lang: str) -> bool:
        return page in self.sources.get(lang, frozenset())

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


def scan_pages(config: SiteConfig) -> PageSet:
    sources = {}
    for lang in config.codes:
        folder = config.docs_dir / lang
        sources[lang] = (
            frozenset(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))
            if folder.is_dir()
            else frozenset()
        )
    return PageSet(config, sources)


def missing_ukrainian_originals(pages: PageSet) -> list[Problem]:
    """A page in English or Polish without a Ukrainian original breaks the law's rule."""
    default = pages.config.default
    problems = []
    for lang in pages.config.codes:
        for page in sorted(pages.sources[lang] - pages.sources[default]):
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
