"""Everything a build needs from the sources, loaded and checked once per build.

i18n runs one MkDocs build per language; the hook asks ``SiteStateCache.get`` at the start of
each and gets the same state back unless a source changed (``mkdocs serve`` reloads then,
since hook modules themselves are never reloaded).
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from menasite.data.dataset import Dataset, read_dataset, untranslated_texts
from menasite.data.documents import DocumentKind
from menasite.data.glossary import Glossary
from menasite.data.history import last_changes
from menasite.data.programmes import PROGRAMMES
from menasite.data.reports import REPORTS
from menasite.data.sourcetree import check_file_names, check_source_tree
from menasite.data.strings import strings_by_language
from menasite.messages import Msg, t
from menasite.pages.pagefiles import check_page_files
from menasite.pages.parts import markers_in
from menasite.pages.siteconfig import SiteConfig, load_site_config
from menasite.pages.translations import PageSet, missing_ukrainian_originals, scan_pages, untranslated_pages
from menasite.problems import Problem, raise_if_any


@dataclass(frozen=True)
class SiteState:
    config: SiteConfig
    pages: PageSet
    data: Dataset
    glossary: Glossary
    strings: dict[str, dict[str, str]]  # language -> key -> text
    dates: dict[str, str]  # source file -> date of its last commit (empty without git)
    page_parts: dict[str, tuple[str, ...]]  # page file ("docs/uk/contact.md") -> the parts it asks for
    problems: tuple[Problem, ...] = ()  # the data's problems, when loaded ``lenient``ly
    # source file -> the exact time of its last commit, UTC, RFC 3339 (empty without git):
    # the open data's last change and the feeds' dates
    times: dict[str, str] = field(default_factory=dict)


# Every page shows the interface words, names and the council's footer: without them no page
# can be built, so the pages are checked once these files are valid.
FOUNDATION = ("data/strings.yml", "data/glossary.yml", "data/council.yml")

# Set in the build that ./run check makes: pages are built and checked even when some data
# has problems (what needs that data is skipped), so that one run reports everything.
CHECK_EVERYTHING_VARIABLE = "MENA_CHECK_EVERYTHING"


ReadData = Callable[[Path], tuple[Dataset, list[Problem]]]


def load_site_state(
    config_file: Path,
    environ: Mapping[str, str] | None = None,
    *,
    lenient: bool = False,
    read_data: ReadData = read_dataset,
) -> SiteState:
    """Pages and data, with every problem of every file reported together. ``environ`` is the
    environment the site is built in (SITE_URL), this process's by default.

    ``lenient``: the data's problems are kept in the state instead of raised, and only the
    data files with problems are left out (``data.broken``), unless a file every page needs
    has problems (``FOUNDATION``) or the pages' files themselves do."""
    config = load_site_config(config_file, environ)
    # Before any source is read (and before MkDocs sees a file): links that could publish a
    # file from outside, and file names that would end up in every page's links.
    raise_if_any(source_tree_problems(config))
    pages = scan_pages(config)
    problems: list[Problem] = check_page_files(config.docs_dir, config.root) + missing_ukrainian_originals(pages)
    data, data_problems = read_data(config.root / "data")
    problems += reports_without_text(pages, data) + texts_without_report(pages, data)
    problems += programmes_without_page(pages, data) + pages_without_programme(pages, data)
    if not lenient or problems or any(shown in data.broken for shown in FOUNDATION) or not data.documents:
        raise_if_any(problems + data_problems)
    glossary = Glossary.from_data(data.glossary)
    strings = strings_by_language(data.strings, config.codes, config.default)
    dates, times = last_changes(config.root)
    return SiteState(
        config,
        pages,
        data,
        glossary,
        strings,
        dates,
        parts_of_pages(pages),
        tuple(sorted(set(data_problems), key=Problem.sort_key)),
        times,
    )


def foundation_problems(problems: list[Problem]) -> list[str]:
    """The files every page needs that have problems (the pages wait for them)."""
    return sorted({problem.file for problem in problems if problem.file in FOUNDATION})


def parts_of_pages(pages: PageSet) -> dict[str, tuple[str, ...]]:
    """The generated parts each page's markdown asks for (its <!-- mena:NAME --> lines), read
    once: they decide which data files date the page."""
    config = pages.config
    return {
        config.page_file(lang, page): markers_in((config.docs_dir / lang / page).read_text(encoding="utf-8"))
        for lang in config.codes
        for page in sorted(pages.sources[lang])
    }


def source_tree_problems(config: SiteConfig) -> list[Problem]:
    root = config.root
    folders = [config.docs_dir, root / "data", root / "overrides"]
    return (
        check_source_tree(root, folders)
        + check_file_names(root, config.docs_dir, ".md")
        + check_file_names(root, root / "data" / "reports", ".yml", recursive=False)
        + check_file_names(root, root / "data" / "programmes", ".yml", recursive=False)
    )


def reports_without_text(pages: PageSet, data: Dataset) -> list[Problem]:
    return data_without_page(
        pages, REPORTS, data.reports, t("report text"), lambda path: t("the report's text at {path}", path=path)
    )


def texts_without_report(pages: PageSet, data: Dataset) -> list[Problem]:
    return pages_without_data(pages, data, REPORTS, data.reports, t("report data"))


def programmes_without_page(pages: PageSet, data: Dataset) -> list[Problem]:
    """Every programme has its page of quarters and totals: its text in Ukrainian at least."""
    return data_without_page(
        pages,
        PROGRAMMES,
        data.programmes,
        t("programme page"),
        lambda path: t("the programme's page at {path}", path=path),
    )


def pages_without_programme(pages: PageSet, data: Dataset) -> list[Problem]:
    return pages_without_data(pages, data, PROGRAMMES, data.programmes, t("programme data"))


def data_without_page(
    pages: PageSet, kind: DocumentKind, ids: Iterable[str], field: Msg, expected: Callable[[str], Msg]
) -> list[Problem]:
    """Every document's data file needs its page in the default language (Ukrainian)."""
    config = pages.config
    return [
        Problem(
            kind.data_file(document_id),
            None,
            field,
            expected(config.page_file(config.default, kind.page(document_id))),
            t("no such file"),
        )
        for document_id in ids
        if not pages.has_translation(kind.page(document_id), config.default)
    ]


def pages_without_data(
    pages: PageSet, data: Dataset, kind: DocumentKind, known: Iterable[str], field: Msg
) -> list[Problem]:
    """A document's page in any language needs its data file (one that exists but has problems
    is reported with the data)."""
    known = set(known)
    return [
        Problem(
            pages.config.page_file(lang, page),
            None,
            field,
            t("its data at {path}", path=kind.data_file(document_id)),
            t("no such file"),
        )
        for lang in pages.config.codes
        for page in sorted(pages.sources[lang])
        if (document_id := kind.of_page(page))
        and document_id not in known
        and kind.data_file(document_id) not in data.broken
    ]


def untranslated_report(state: SiteState) -> list[str]:
    """What English and Polish visitors still see in Ukrainian (not an error)."""
    original = state.config.default
    pages = [
        f"{state.config.page_file(lang, page)}: no translation yet ({state.config.page_file(original, page)} is shown)"
        for lang, missing in untranslated_pages(state.pages).items()
        for page in missing
    ]
    return pages + untranslated_texts(state.data, state.config.codes)


def source_fingerprint(root: Path) -> tuple:
    """Names, sizes and times of every source file: changes when an editor saves one."""
    return _fingerprint([root / "mkdocs.yml", *(root / "data").rglob("*"), *(root / "docs").rglob("*")])


def data_fingerprint(root: Path) -> tuple:
    """The same for the data files alone (with their schemas)."""
    return _fingerprint(list((root / "data").rglob("*")))


def folder_fingerprint(folder: Path) -> tuple:
    """The same for every file in a folder (the site's templates)."""
    return _fingerprint(list(folder.rglob("*")))


def _fingerprint(paths: list[Path]) -> tuple:
    return tuple(sorted((p.as_posix(), s.st_size, s.st_mtime_ns) for p in paths if p.is_file() for s in [p.stat()]))


# Where a command that has loaded and checked the sources (./run check) leaves them for the
# MkDocs process it starts, so that they are read and checked once per check, not twice.
STATE_FILE_VARIABLE = "MENA_STATE_FILE"


@dataclass(frozen=True)
class CheckedSources:
    """The state a command loaded, with the fingerprint of the sources taken before it read
    them and how it read them: MkDocs' process takes it only if all three still hold."""

    fingerprint: tuple
    lenient: bool
    state: SiteState


def hand_over_state(sources: CheckedSources, path: Path) -> None:
    """Pickled: the state holds plain values and the site's own classes, and the file is read
    back only by the process the command starts, from the command's own work folder."""
    path.write_bytes(pickle.dumps(sources, protocol=pickle.HIGHEST_PROTOCOL))


def handed_over_state(config_file: Path, lenient: bool, fingerprint: tuple) -> SiteState | None:
    """The state the command that started this build handed over, if the sources have not
    changed since it read them and it read them for the same build (address, kind, leniency)."""
    path = os.environ.get(STATE_FILE_VARIABLE)
    if not path or not Path(path).is_file():
        return None
    sources = pickle.loads(Path(path).read_bytes())
    if not isinstance(sources, CheckedSources) or (sources.fingerprint, sources.lenient) != (fingerprint, lenient):
        return None
    return sources.state if sources.state.config == load_site_config(config_file) else None


class SiteStateCache:
    def __init__(self) -> None:
        self._key: tuple | None = None
        self._state: SiteState | None = None
        self.loads = 0  # how many times the sources were read (tests check: once per build)
        self.data_reads = 0  # how many times the data files among them were read
        self._data: tuple[tuple, tuple[Dataset, list[Problem]]] | None = None  # (data fingerprint, what was read)
        self.serving = False  # under mkdocs serve: show problems on the pages, keep serving
        self.problems: list[Problem] = []  # the sources' problems while serving the last good state

    @property
    def current(self) -> SiteState | None:
        return self._state

    def get(self, config_file: Path, lenient: bool = False) -> SiteState:
        fingerprint = source_fingerprint(config_file.parent)
        key = (str(config_file), lenient, fingerprint)
        if key != self._key or self._state is None:
            handed = handed_over_state(config_file, lenient, fingerprint) if self._state is None else None
            self._state = handed or load_site_state(config_file, lenient=lenient, read_data=self._read_data)
            self._key = key
            self.loads += 1
        return self._state

    def _read_data(self, folder: Path) -> tuple[Dataset, list[Problem]]:
        """The data read and checked anew only when a data file changed: a page saved under
        mkdocs serve rebuilds without reading the data again (the pages are checked anew)."""
        key = data_fingerprint(folder.parent)
        if self._data is None or self._data[0] != key:
            self._data = (key, read_dataset(folder))
            self.data_reads += 1
        return self._data[1]


# MkDocs loads the hook module anew with every configuration (every rebuild of mkdocs serve);
# what must outlive a rebuild (the last good state) lives here, in a module loaded once.
shared_cache = SiteStateCache()
