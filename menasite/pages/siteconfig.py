"""The site's settings, read from ``mkdocs.yml`` without importing MkDocs.

``mkdocs.yml`` stays the one place for the site address and the languages; the site-wide
steps after MkDocs (sitemap, checks) read them from here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from yaml_env_tag import construct_env_tag  # type: ignore[import-untyped]  # no type information shipped

from menasite.messages import t
from menasite.problems import Problem, raise_if_any

# Set by the build command for a production build (the site visitors get): pages then show
# what visitors should see where previews show editors' marks (placeholders).
BUILD_KIND_VARIABLE = "MENA_BUILD"
PRODUCTION = "production"


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # the language's name in itself: Українська, English, Polski
    site_name: str = ""  # the site's name in this language (i18n's site_name, else mkdocs.yml's)


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    site_url: str  # always ends with "/"
    docs_dir: Path
    languages: tuple[Language, ...]  # the default language first
    production: bool = False  # a build for visitors (./run publish, build --production), not a preview

    @property
    def default(self) -> str:
        return self.languages[0].code

    @property
    def codes(self) -> list[str]:
        return [language.code for language in self.languages]

    @property
    def base_path(self) -> str:
        """The path the site lives under: "/" or "/partnership/"."""
        return urlsplit(self.site_url).path or "/"

    @property
    def docs_folder(self) -> str:
        """The pages' folder as the repository names it: "docs"."""
        return self.docs_dir.relative_to(self.root).as_posix()

    def site_name(self, lang: str) -> str:
        """The site's name in a language: "Mena community — international cooperation"."""
        return next(language.site_name for language in self.languages if language.code == lang)

    def page_file(self, lang: str, page: str) -> str:
        """A page's markdown as the editors know it: ("en", "contact.md") -> "docs/en/contact.md"."""
        return f"{self.docs_folder}/{lang}/{page}"

    def prefix(self, lang: str) -> str:
        """Where a language's pages live, relative to the site root: "" or "en/"."""
        return "" if lang == self.default else f"{lang}/"


def _config_loader() -> type[yaml.SafeLoader]:
    """A loader for mkdocs.yml: resolves !ENV as MkDocs does (with the same package,
    pyyaml_env_tag), ignores Python object tags."""

    class ConfigLoader(yaml.SafeLoader):
        pass

    ConfigLoader.add_constructor("!ENV", construct_env_tag)
    ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return ConfigLoader


@contextmanager
def _environment(environ: Mapping[str, str]) -> Iterator[None]:
    """``construct_env_tag`` reads ``os.environ``: while mkdocs.yml is read, it holds the
    variables MkDocs will run with (a build's own SITE_URL), then what it held before."""
    if environ is os.environ:
        yield
        return
    before = dict(os.environ)
    os.environ.clear()
    os.environ.update(environ)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(before)


def normalise_site_url(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def site_url_problem(url: object, origin: str, written: object = None) -> Problem | None:
    """The site address must be absolute: http(s), a host, no query or fragment (every link,
    the sitemap and the canonical addresses are made from it). ``written``: the address as
    typed, when YAML read it as something else (an empty SITE_URL is null to YAML)."""
    if is_site_address(url):
        return None
    return Problem(
        origin,
        None,
        "site_url",
        t(
            "an absolute http or https address with a host and without ? or #, for example https://mena.cg.gov.ua/partnership/"
        ),
        repr(url if written is None else written),
    )


def is_site_address(url: object) -> bool:
    if (
        not isinstance(url, str)
        or not url
        or "?" in url
        or "#" in url
        or any(c.isspace() or not c.isprintable() for c in url)
    ):
        return False
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises on a port that is not a number
    except ValueError:  # "https://[x": a bracket not closed
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def load_site_config(config_file: Path, environ: Mapping[str, str] | None = None) -> SiteConfig:
    environ = os.environ if environ is None else environ
    with _environment(environ):
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_config_loader())
    i18n = next(plugin["i18n"] for plugin in data["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    built = [item for item in i18n["languages"] if item.get("build", True)]
    built.sort(key=lambda item: not item.get("default", False))  # the default language first
    languages = tuple(
        Language(item["locale"], item["name"], str(item.get("site_name") or data.get("site_name") or ""))
        for item in built
    )
    root = config_file.parent
    origin = "--site-url or SITE_URL" if "SITE_URL" in environ else config_file.name
    written = environ.get("SITE_URL") if "SITE_URL" in environ else None
    raise_if_any([problem for problem in [site_url_problem(data.get("site_url"), origin, written)] if problem])
    return SiteConfig(
        root=root,
        site_url=normalise_site_url(data["site_url"]),
        docs_dir=root / data.get("docs_dir", "docs"),
        languages=tuple(languages),
        production=environ.get(BUILD_KIND_VARIABLE) == PRODUCTION,
    )
