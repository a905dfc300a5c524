"""How the built files are served: cache busting, the Content-Security-Policy, precompressed gzip.

Web servers may keep the site's CSS and JavaScript for a year (deploy/): so every page asks for
them with a query string made of their content (``site.css?v=0123456789``), and a changed file
is a new address. In a production build, every page also carries the policy in a
``<meta http-equiv>`` (for hosts where headers cannot be set) and every text file gets a
``.gz`` twin that nginx (``gzip_static``), Apache and a bucket serve without compressing again.
Everything here is deterministic: two builds of one commit stay byte-identical.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

# The policy every server configuration in deploy/ sends (tests/test_servers.py checks each
# carries exactly this). Pagefind compiles its WebAssembly ('wasm-unsafe-eval': WebAssembly
# only, never JavaScript eval) and may start a worker of its own file. Material's CSS draws its
# icons as data: SVG masks (img-src data:). style-src is 'self' only: the pages carry no
# <style> element and no style="" attribute, and no script sets a style (search.js inserts
# only <li>, <a>, <p> and Pagefind's <mark>), so no 'unsafe-inline' is needed.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "worker-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# A <meta> policy cannot carry frame-ancestors (browsers ignore it there and say so): a host
# that cannot send the header cannot forbid other sites to frame the pages.
META_CONTENT_SECURITY_POLICY = "; ".join(
    part for part in CONTENT_SECURITY_POLICY.split("; ") if not part.startswith("frame-ancestors")
)
# Only the search pages run Pagefind (they load assets/search.js): every other page's own policy
# forbids WebAssembly too. (The servers' header cannot tell pages apart; the <meta> can.)
META_POLICY_WITHOUT_WEBASSEMBLY = META_CONTENT_SECURITY_POLICY.replace(" 'wasm-unsafe-eval'", "")
_LOADS_SEARCH = re.compile(r'<script [^>]*src="[^"]*assets/search\.js')
# Features the site never uses, turned off for it and anything it could be made to embed.
# Only features Chromium knows: an unknown one is reported as an error on every page.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)
REFERRER_POLICY = "strict-origin-when-cross-origin"

# Kinds of file worth compressing; images other than SVG, Pagefind's index files and .gz are
# compressed already.
COMPRESSED_SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv")
# Folders whose files the pages load by address with ?v= (or, in Pagefind's index, under
# names that are hashes already): the server configurations give them a year.
VERSIONED_FOLDERS = ("assets/", "pagefind/")

# Addresses inside scripts, which no page can add a query string to: (script, the literal
# as written in it, the file it names). search.js is hashed after these are rewritten.
_SCRIPT_REFERENCES = (
    ("assets/search.js", '"./stem-pl.js"', "assets/stem-pl.js"),
    ("assets/search.js", '"./stem-uk.js"', "assets/stem-uk.js"),
    ("assets/search.js", '"pagefind/pagefind.js"', "pagefind/pagefind.js"),
)
# href="" and src="" (not data-src="") whose address names one of those folders: only they can
# name a versioned file (no page is in them), and a page has thousands of other addresses.
_ADDRESS = re.compile(r'(?<![\w-])(href|src)="([^"]*(?:' + "|".join(map(re.escape, VERSIONED_FOLDERS)) + r')[^"]*)"')
_META_CHARSET = '<meta charset="utf-8">'


def prepare_web_files(site: Path, base_path: str, production: bool) -> None:
    """The last step of a build over its finished pages (before RELEASE is written)."""
    version_script_references(site)
    version_page_references(site, base_path)
    if production:
        add_meta_policy(site)
        write_precompressed(site)


def check_web_files(site: Path, production: bool) -> None:
    """What ``prepare_web_files`` would refuse, without changing anything (./run check, whose
    output is thrown away)."""
    for script, literal, _target in _SCRIPT_REFERENCES:
        _named_once(script, (site / script).read_text(encoding="utf-8"), literal)
    if production:
        for page in sorted(site.rglob("*.html")):
            _one_charset(site, page, page.read_text(encoding="utf-8"))


def _named_once(script: str, text: str, literal: str) -> None:
    if text.count(literal) != 1:
        # A developer renamed or moved something: better no build than a stale cache.
        raise RuntimeError(f"{script} must name {literal} exactly once, to add its version to it")


def _one_charset(site: Path, page: Path, html: str) -> None:
    if html.count(_META_CHARSET) != 1:
        raise RuntimeError(f"{page.relative_to(site).as_posix()} must have one {_META_CHARSET}")


def content_version(path: Path) -> str:
    """The first 10 hex digits of the file's SHA-256: changes whenever a byte does."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10]


def version_script_references(site: Path) -> None:
    for script, literal, target in _SCRIPT_REFERENCES:
        path = site / script
        text = path.read_text(encoding="utf-8")
        _named_once(script, text, literal)
        versioned = f'{literal[:-1]}?v={content_version(site / target)}"'
        path.write_text(text.replace(literal, versioned), encoding="utf-8")


def version_page_references(site: Path, base_path: str) -> None:
    """Every address of a page that names a file under assets/ or pagefind/ gets ?v=."""
    versions: dict[str, str] = {}  # each file hashed once, however many pages name it
    for page in sorted(site.rglob("*.html")):
        folder = page.parent.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8")
        replace = functools.partial(_versioned, site=site, folder=folder, base_path=base_path, versions=versions)
        versioned = _ADDRESS.sub(replace, html)
        if versioned != html:
            page.write_text(versioned, encoding="utf-8")


def _versioned(match: re.Match[str], *, site: Path, folder: str, base_path: str, versions: dict[str, str]) -> str:
    attribute, value = match[1], match[2]
    target = site_file(value, folder, base_path)
    if target is None or not target.startswith(VERSIONED_FOLDERS):
        return match[0]
    if target not in versions:
        if not (site / target).is_file():
            return match[0]
        versions[target] = content_version(site / target)
    return f'{attribute}="{value}?v={versions[target]}"'


def site_file(value: str, folder: str, base_path: str) -> str | None:
    """The file an address names, relative to the site root; None for another host, a page
    fragment, an address with a query already, or one outside the site."""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.query or parts.fragment or not parts.path:
        return None
    if parts.path.startswith("/"):  # the 404 pages use absolute paths (served at any depth)
        if not parts.path.startswith(base_path):
            return None
        return posixpath.normpath(parts.path[len(base_path) :])
    resolved = posixpath.normpath(posixpath.join(folder, parts.path))
    return None if resolved.startswith("..") else resolved


def add_meta_policy(site: Path) -> None:
    """The policy in every page, first thing after the charset: it covers only what follows it."""
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        _one_charset(site, page, html)
        tag = f'<meta http-equiv="Content-Security-Policy" content="{meta_policy(html)}">'
        page.write_text(html.replace(_META_CHARSET, _META_CHARSET + tag), encoding="utf-8")


def meta_policy(html: str) -> str:
    return META_CONTENT_SECURITY_POLICY if _LOADS_SEARCH.search(html) else META_POLICY_WITHOUT_WEBASSEMBLY


def write_precompressed(site: Path) -> None:
    """A .gz beside every text file where it saves bytes."""
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in COMPRESSED_SUFFIXES:
            data = path.read_bytes()
            packed = gzip_bytes(data)
            target = path.with_name(path.name + ".gz")
            if len(packed) < len(data):
                target.write_bytes(packed)
            else:
                target.unlink(missing_ok=True)


def gzip_bytes(data: bytes) -> bytes:
    """gzip at level 9 with no file name and time 0 in its header: the same bytes every build."""
    return gzip.compress(data, compresslevel=9, mtime=0)
