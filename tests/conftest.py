"""Shared fixtures: the real site built once per test session, and small fixture projects.

Builds go through the same safe build command the README gives (menasite.build.build_site),
into temporary folders; nothing is written into the repository.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from menasite.build import build_site

ROOT = Path(__file__).resolve().parents[1]

# Messages to editors are Ukrainian by default; most tests read them in English, and the tests
# of Ukrainian messages ask for Ukrainian explicitly.
os.environ["MENA_LANG"] = "en"
LANGUAGES = ("uk", "en", "pl")
SUBPATH_URL = "https://mena.cg.gov.ua/partnership/"
DOMAIN_ROOT_URL = "https://partnership.example.org/"


@dataclass
class BuiltSite:
    path: Path
    site_url: str
    log: str

    def html(self, relative: str) -> str:
        return (self.path / relative).read_text(encoding="utf-8")

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.path).as_posix() for p in self.path.rglob("*.html"))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The real site, under a subpath as on the council website."""
    out = tmp_path_factory.mktemp("subpath") / "site"
    log = build_site(out, site_url=SUBPATH_URL)
    return BuiltSite(out, SUBPATH_URL, log)


@pytest.fixture(scope="session")
def root_site(tmp_path_factory) -> BuiltSite:
    """The real site at a domain root."""
    out = tmp_path_factory.mktemp("root") / "site"
    log = build_site(out, site_url=DOMAIN_ROOT_URL)
    return BuiltSite(out, DOMAIN_ROOT_URL, log)


def make_project(base: Path, *, remove: tuple[str, ...] = (), write: dict[str, str] | None = None) -> Path:
    """A copy of the project's sources to change for one test (templates and hooks linked)."""
    project = base / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "data", project / "data")
    for linked in ("overrides", "hooks"):
        (project / linked).symlink_to(ROOT / linked)
    for relative in remove:
        (project / relative).unlink()
    for relative, text in (write or {}).items():
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text(text, encoding="utf-8")
    return project


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the text of <title>/<h1>."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())]


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
