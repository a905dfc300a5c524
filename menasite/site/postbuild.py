"""Site-wide steps over the finished output, after MkDocs built every language.

They must see all three languages at once, which no MkDocs hook can (i18n builds English and
Polish from inside the Ukrainian build). Each step works on the temporary output folder; the
build command swaps it in only when every step passed.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.sax.saxutils import escape, quoteattr

from menasite.messages import Msg, t
from menasite.pages.rawhtml import unsafe_scheme
from menasite.pages.starttags import start_tags
from menasite.pages.translations import PageSet
from menasite.problems import Problem, raise_if_any
from menasite.site.lifecycle import die_with_parent

# Elements whose address the browser loads by itself (as opposed to links a visitor follows).
_LOADING_ATTRIBUTES = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("iframe", "src"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
    ("track", "src"),
}
_LINK_RELS_NOT_LOADED = {"alternate", "canonical", "prev", "next", "author", "license", "me"}


def run_site_steps(site: Path, pages: PageSet) -> None:
    """All site-wide steps, in order; raises SourceError listing every problem found."""
    complete_site(site, pages)
    check_site(site, pages)


def complete_site(site: Path, pages: PageSet) -> None:
    """What the site-wide steps change in the output (before anything reads it whole)."""
    remove_unused_theme_scripts(site)
    write_sitemap(site, pages)


def check_site(site: Path, pages: PageSet) -> None:
    """The site-wide checks: they only read the output."""
    raise_if_any(check_not_found_pages(site, pages) + check_references(site, pages))


def remove_unused_theme_scripts(site: Path) -> None:
    """The pages run no JavaScript (see overrides/main.html): Material's bundle, search worker
    and lunr files would only be dead weight on the council's server."""
    shutil.rmtree(site / "assets" / "javascripts", ignore_errors=True)


def remove_source_maps(site: Path) -> None:
    """Source maps (Material ships them beside its CSS) help developers, not visitors: a
    production build leaves them out. (The CSS carries no comment pointing to them.)"""
    for source_map in sorted(site.rglob("*.map")):
        source_map.unlink()


# --- sitemap -------------------------------------------------------------------------------


def sitemap_xml(pages: PageSet) -> str:
    """One sitemap for all languages, with hreflang alternates and x-default.

    Fallback pages (Ukrainian text under /en/ or /pl/) are left out: they are noindex.
    No <lastmod>: a date the build cannot vouch for is worse than none.
    """
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for page in pages.all_pages:
        alternates = pages.alternates(page)
        for lang in pages.translated_languages(page):
            lines.append("  <url>")
            lines.append(f"    <loc>{escape(pages.absolute_url(page, lang))}</loc>")
            for hreflang, href in alternates:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{hreflang}" href={quoteattr(href)}/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(site: Path, pages: PageSet) -> None:
    for stray in site.glob("*/sitemap.xml*"):
        stray.unlink()
    data = sitemap_xml(pages).encode("utf-8")
    (site / "sitemap.xml").write_bytes(data)
    # Reproducible: no file name and no time in the gzip header.
    with (
        open(site / "sitemap.xml.gz", "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed,
    ):
        packed.write(data)


# --- checks --------------------------------------------------------------------------------


def check_not_found_pages(site: Path, pages: PageSet) -> list[Problem]:
    problems = []
    for language in pages.config.languages:
        path = site / pages.config.prefix(language.code) / "404.html"
        if not path.is_file():
            problems.append(
                Problem(
                    path.relative_to(site).as_posix(),
                    None,
                    t("404 page"),
                    t("a 'page not found' page in {language}", language=language.name),
                    t("none was written"),
                )
            )
        elif f'<html lang="{language.code}"' not in path.read_text(encoding="utf-8"):
            problems.append(
                Problem(
                    path.relative_to(site).as_posix(),
                    None,
                    t("404 page"),
                    f'<html lang="{language.code}">',
                    t("another language"),
                )
            )
    return problems


@dataclass
class _References:
    """What the link check needs of a page: its addresses, its ids and its images without alt text."""

    references: list[tuple[int, str, str, str, str]] = field(default_factory=list)  # line, tag, attribute, rel, value
    ids: set[str] = field(default_factory=set)
    images_without_alt: list[tuple[int, str]] = field(default_factory=list)  # line, src


def page_references(html: str) -> _References:
    """One reading of the page's start tags (``starttags``: as html.parser reads them)."""
    found = _References()
    for line, tag, attrs in start_tags(html):
        values = dict(attrs)
        if tag == "img" and not (values.get("alt") or "").strip():
            found.images_without_alt.append((line, values.get("src") or ""))
        if values.get("id"):
            found.ids.add(values["id"])  # type: ignore[arg-type]
        for name in ("href", "src", "srcset", "poster", "data", "action"):
            value = values.get(name)
            if value is not None:
                found.references.append((line, tag, name, (values.get("rel") or "").lower(), value))
    return found


def parse_html(path: Path) -> _References:
    return page_references(path.read_text(encoding="utf-8"))


def check_references(site: Path, pages: PageSet) -> list[Problem]:
    """Every address on every page: nothing loaded from another host, no broken link,
    no link that leaves the site's base path, no anchor that does not exist."""
    site_url = urlsplit(pages.config.site_url)
    base = pages.config.base_path
    parsed = {path: parse_html(path) for path in sorted(site.rglob("*.html"))}
    ids = {path: result.ids for path, result in parsed.items()}
    sources = source_files(pages)
    problems = []
    # The same address on many pages (the navigation, the assets) is judged once per folder of
    # pages: a relative address means the same from every page of a folder.
    judged: dict[tuple[str, str, str, str, str], tuple | None] = {}
    exists = functools.cache(Path.is_file)  # many addresses from many folders name the same file
    for path, result in parsed.items():
        built = path.relative_to(site).as_posix()
        page_url = base + _url_of(path.relative_to(site))
        source = sources.get(_url_of(path.relative_to(site)))
        for line, tag, attribute, rel, value in result.references:
            if value[:1] == "#" and attribute != "srcset":  # an anchor of the page itself
                problem = _missing_anchor(value, value[1:], result.ids)
            else:
                key = (_judged_from(page_url, base, value), tag, attribute, rel, value)
                if key not in judged:
                    judged[key] = _check_reference(
                        site, ids, site_url, base, page_url, tag, attribute, rel, value, exists
                    )
                problem = judged[key]
            if problem:
                problems.append(_on_page(source, built, line, f"<{tag} {attribute}>", *problem))
        for line, src in result.images_without_alt:
            problems.append(
                _on_page(
                    source,
                    built,
                    line,
                    f"<img src={src}>",
                    t("a text alternative that says what the image shows: ![what it shows](file)"),
                    t("an image without alt text"),
                )
            )
    return problems


def _judged_from(page_url: str, base: str, value: str) -> str:
    """What a relative address means depends on: the page itself for "#top" or "?q", its
    folder for "../2023-q2/", only the folder's depth for "../../assets/site.css" (an address
    that climbs to the site's root, as the navigation's and the assets' do: the same from
    every folder as deep)."""
    if value[:1] in ("", "#", "?"):
        return page_url
    folder = page_url.rsplit("/", 1)[0]
    depth = folder[len(base) :].count("/") + 1 if len(folder) >= len(base) else 0
    if depth and value.startswith("../" * depth):
        return f"{depth} folders deep"
    return folder


def source_files(pages: PageSet) -> dict[str, str]:
    """Built page address -> the markdown file it comes from (Ukrainian for a fallback)."""
    return {
        pages.url_path(page, lang): pages.config.page_file(
            lang if pages.has_translation(page, lang) else pages.config.default, page
        )
        for page in pages.all_pages
        for lang in pages.config.codes
    }


def _on_page(source: str | None, built: str, line: int, field: str, expected: str | Msg, found: str | Msg) -> Problem:
    """Name the markdown file an editor can change; the built page only for template parts."""
    if source:
        return Problem(
            source,
            None,
            t("{field} (in the built page {built}, line {line})", field=field, built=built, line=line),
            expected,
            found,
        )
    return Problem(built, line, field, expected, found)


def _url_of(relative: Path) -> str:
    """The address path of an output file, relative to the site root."""
    posix = relative.as_posix()
    return posix[: -len("index.html")] if posix.endswith("index.html") else posix


def _loads_by_itself(tag: str, attribute: str, rel: str) -> bool:
    if tag == "link":
        return not (set(rel.split()) & _LINK_RELS_NOT_LOADED) or "icon" in rel
    return (tag, attribute) in _LOADING_ATTRIBUTES


def _check_reference(site, ids, site_url, base, page_url, tag, attribute, rel, value, exists=Path.is_file):
    if attribute == "srcset":
        value = value.split(",")[0].split()[0] if value.strip() else value
    parts = urlsplit(value)
    if unsafe_scheme(value):  # javascript:, data: ... however written (rawhtml.address_scheme)
        return (
            t("an address starting with https:, http:, mailto: or tel:, or the path of a page or file of the site"),
            value,
        )
    if parts.scheme in ("mailto", "tel"):
        return None
    if parts.scheme in ("http", "https") or value.startswith("//"):
        if parts.netloc == site_url.netloc and parts.path.startswith(base):
            return None
        if _loads_by_itself(tag, attribute, rel):
            return (t("nothing loaded from another host (the site must work offline and leak nothing)"), value)
        return None  # a link the visitor may choose to follow
    if parts.scheme:
        return (t("a web address"), value)
    resolved = urlsplit(urljoin(f"{site_url.scheme}://{site_url.netloc}{page_url}", value))
    if not resolved.path.startswith(base):
        return (t("an address under the site's path {base}", base=base), value)
    target = site / unquote(resolved.path[len(base) :])
    if resolved.path.endswith("/"):
        target = target / "index.html"
    if not exists(target):
        return (
            t("an existing page or file"),
            t("{value} (no {target} in the output)", value=value, target=target.relative_to(site).as_posix()),
        )
    if target.suffix == ".html":
        return _missing_anchor(value, parts.fragment, ids.get(target, set()))
    return None


def _missing_anchor(value: str, fragment: str, ids: set[str]) -> tuple | None:
    """The problem of an address whose fragment names no id of its page (none without one)."""
    if not fragment or unquote(fragment) in ids:
        return None
    return (t("an existing heading or anchor"), t("{value} (no id '{id}')", value=value, id=unquote(fragment)))


# --- a copy to open from a folder (previews) ---------------------------------------------------

_RELATIVE_HREF = re.compile(r'(href|src)="(?![a-z][a-z0-9+.-]*:|/|#)([^"#]*)(#[^"]*)?"')


def make_browsable_from_folder(site: Path) -> None:
    """Links to folders ("../programme/") become links to their index.html, so that the site
    can be opened from a downloaded folder (file://), where no web server adds index.html."""
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        path.write_text(_RELATIVE_HREF.sub(_to_index_file, html), encoding="utf-8")


def _to_index_file(match: re.Match[str]) -> str:
    attribute, target, fragment = match[1], match[2], match[3] or ""
    if target == "" or not (target.endswith("/") or target.rsplit("/", 1)[-1] in (".", "..")):
        return match[0]
    return f'{attribute}="{target.rstrip("/")}/index.html{fragment}"'


# --- search -------------------------------------------------------------------------------------

# What a visitor's browser needs of Pagefind's output; its ready-made UIs are not used.
_PAGEFIND_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


def build_search_index(site: Path) -> None:
    """Pagefind's index of the pages' own text (data-pagefind-body), one per language."""
    finish_search_index(site, start_search_index(site))


def start_search_index(site: Path) -> subprocess.Popen:
    """Pagefind started on the built pages: it reads only the pages and writes only into
    pagefind/, so the site-wide checks run meanwhile, on the other core (``finish_search_index``
    waits for it; ``stop_search_index`` when they fail)."""
    return subprocess.Popen(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=die_with_parent(),  # a killed build does not leave it writing on
    )


def stop_search_index(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
    process.communicate()


def finish_search_index(site: Path, process: subprocess.Popen) -> None:
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"Pagefind failed:\n{stdout}{stderr}")
    folder = site / "pagefind"
    for name in _PAGEFIND_UNUSED:
        (folder / name).unlink(missing_ok=True)
    # Pagefind lists the languages in a different order on every run: sorted, the output of
    # two builds of the same commit is byte-identical.
    entry = folder / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
