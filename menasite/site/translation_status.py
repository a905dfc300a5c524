"""Which translations are missing, current or stale, from the git history.

A translation is *stale* when the Ukrainian original changed in a commit that the translation
has not caught up with: the last commit that changed the Ukrainian text is not an ancestor of
(or the same as) the last commit that changed the translation. Ancestry, not timestamps, so
commits made in the same second and rebased branches are judged right. Pages are judged per
file, data texts per field (``results[bus-2023-q1].description``), in the data files that the
generated parts of pages show (``pages.parts``).

A translator can mark a translation "reviewed, still current" after a Ukrainian change that
needs no translation (a typo fix): ``data/translations-reviewed.yml`` records the fingerprint of
the Ukrainian text it was reviewed against; the mark lapses when that text changes again.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from menasite.data import dataset as dataset_module
from menasite.data import fieldnames as fieldnames_module
from menasite.data.dataset import text_fields
from menasite.data.fieldnames import FieldNames, field_name
from menasite.data.git import FileChange, Git
from menasite.data.schema import check_document
from menasite.data.yamldoc import Document, load_document
from menasite.kept import file_hash, keep, kept_folder, read_kept
from menasite.messages import Msg, message_language, render, t
from menasite.pages.parts import shown_by_some_part
from menasite.pages.translations import PageSet
from menasite.problems import Problem, SourceError, raise_if_any

REVIEWED_FILE = "data/translations-reviewed.yml"


@dataclass(frozen=True)
class Status:
    item: str  # "docs/en/contact.md" or "data/results.yml: results[bus-2023-q1].description"
    lang: str
    state: str  # "current", "stale", "missing", "reviewed", "uncommitted"
    since: str = ""  # for stale: the Ukrainian commit not caught up with (short hash)
    stub: bool = False  # for missing: the file is there but holds only placeholders


def reviewed_key(item: str, lang: str) -> str:
    """How a reviewed mark names a translation: the file of a page, or a data text and language."""
    return item if item.startswith("docs/") else f"{item} [{lang}]"


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def require_full_history(git: Git) -> None:
    if git.usable() == "shallow":  # the other case, no git at all (an exported copy), is not an error
        raise SourceError(
            [
                Problem(
                    ".git",
                    None,
                    t("history"),
                    t(
                        "the full history, to tell which translations are stale: run  git fetch --unshallow  "
                        "(on GitHub Actions: fetch-depth: 0)"
                    ),
                    t("a shallow clone, which has only the last commits"),
                )
            ]
        )


def load_reviewed(root: Path) -> dict[str, str]:
    """The reviewed marks (an optional file, checked against its schema like all data)."""
    path = root / REVIEWED_FILE
    if not path.is_file():
        return {}
    document = load_document(path, REVIEWED_FILE, expected="a list of reviewed translations")
    raise_if_any(check_document(document, root / "data" / "schema", "translations-reviewed.schema.json"))
    return {entry["translation"]: entry["reviewed_against"] for entry in document.value}


def page_statuses(git: Git, pages: PageSet, reviewed: dict[str, str]) -> list[Status]:
    config = pages.config
    last_commits = git.last_commits(config.docs_folder)  # one git log for every page
    statuses = []
    for page in pages.all_pages:
        original = config.page_file(config.default, page)
        original_text = (config.docs_dir / config.default / page).read_text(encoding="utf-8")
        for lang in config.codes[1:]:
            translation = config.page_file(lang, page)
            if not pages.has_translation(page, lang):
                statuses.append(Status(translation, lang, "missing", stub=pages.is_stub(page, lang)))
                continue
            statuses.append(
                _judge(
                    git,
                    translation,
                    lang,
                    last_commits.get(original),
                    last_commits.get(translation),
                    reviewed.get(translation),
                    fingerprint(original_text),
                )
            )
    return statuses


def _judge(
    git: Git, item: str, lang: str, original_commit, translation_commit, reviewed_against, original_fingerprint
) -> Status:
    if original_commit is None or translation_commit is None:
        return Status(item, lang, "uncommitted")
    if git.is_ancestor(original_commit, translation_commit):
        return Status(item, lang, "current")
    if reviewed_against == original_fingerprint:
        return Status(item, lang, "reviewed")
    return Status(item, lang, "stale", original_commit[:7])


def data_text_statuses(
    git: Git,
    data_files: dict[str, Document],
    languages: list[str],
    reviewed: dict[str, str],
    kept_in: Path | None = None,
) -> list[Status]:
    default, others = languages[0], languages[1:]
    shown_files = sorted(shown for shown in data_files if shown_by_some_part(shown))
    # Names and interface words (in no part's files) are required in every language, never stale.
    histories = git.file_histories(shown_files)  # one git log for every file
    texts = _TextsOfBlobs(
        git, [blob for changes in histories.values() for c in changes for blob in (c.before, c.after)], kept_in
    )
    statuses = []
    for shown in shown_files:
        document = data_files[shown]
        changes = _last_changes(histories.get(shown, []), texts)
        names = FieldNames(document.value)
        for path, field_texts in text_fields(document.value, ()):
            field = names(path)
            for lang in others:
                item = f"{shown}: {field}"
                if lang not in field_texts:
                    statuses.append(Status(item, lang, "missing"))
                    continue
                key = reviewed_key(item, lang)
                statuses.append(
                    _judge(
                        git,
                        item,
                        lang,
                        changes.get((field, default)),
                        changes.get((field, lang)),
                        reviewed.get(key),
                        fingerprint(field_texts[default]),
                    )
                )
    return statuses


def _last_changes(history: list[FileChange], texts: _TextsOfBlobs) -> dict[tuple[str, str], str]:
    """(field, language) -> the last commit (in history order) that changed that text."""
    last: dict[tuple[str, str], str] = {}
    for change in history:
        before = texts.of(change.before)  # at the first parent; nothing where the file was new
        for key, value in texts.of(change.after).items():
            if before.get(key) != value:
                last[key] = change.commit
    return last


class _TextsOfBlobs:
    """The texts of a data file's versions, by blob: every version read from git in one
    command and parsed once, however many commits share it. A version never changes, so its
    texts are kept for the next builds (``kept``, under the blob's id and a hash of the code
    that reads it): a build parses only the versions it has not seen, not every version of a
    file that grows with each quarter again."""

    def __init__(self, git: Git, blobs: list[str | None], kept_in: Path | None = None) -> None:
        self._kept_in = kept_in
        self._parsed: dict[str, dict[tuple[str, str], str]] = {}
        wanted = sorted({blob for blob in blobs if blob})
        for blob in wanted:
            kept = _kept_texts(read_kept(kept_in, _kept_name(blob))) if kept_in is not None else None
            if kept is not None:
                self._parsed[blob] = kept
        self._sources = git.blob_texts(blob for blob in wanted if blob not in self._parsed)

    def of(self, blob: str | None) -> dict[tuple[str, str], str]:
        if blob is None:
            return {}
        if blob not in self._parsed:
            if blob not in self._sources:
                return {}
            self._parsed[blob] = texts = _texts_in(self._sources[blob])
            # Kept only when JSON gives back the same: texts, not a date or a number YAML read.
            if self._kept_in is not None and all(isinstance(text, str) for text in texts.values()):
                entries = [[field, lang, text] for (field, lang), text in texts.items()]
                keep(self._kept_in, _kept_name(blob), json.dumps(entries, ensure_ascii=False).encode("utf-8"))
        return self._parsed[blob]


def _kept_texts(kept: bytes | None) -> dict[tuple[str, str], str] | None:
    """A kept entry's texts; None for none, or for one that cannot be read (read anew)."""
    if kept is None:
        return None
    try:
        return {(field, lang): text for field, lang, text in json.loads(kept)}
    except ValueError:
        return None


def _kept_name(blob: str) -> str:
    """A version's entry: its blob, and the code that finds its texts (another reading, another entry)."""
    return f"{blob}-{_reader_version()}.json"


@functools.cache
def _reader_version() -> str:
    """A hash of what reads a version's texts: PyYAML and its loader, and this site's code."""
    reader = f"{yaml.__version__} {yaml.__with_libyaml__} {_SAFE_LOADER.__name__}"
    code = hashlib.sha256(reader.encode("utf-8"))
    for module in (__file__, dataset_module.__file__, fieldnames_module.__file__):
        code.update(file_hash(Path(module)))
    return code.hexdigest()[:16]


def _texts_in(text: str) -> dict[tuple[str, str], str]:
    try:
        value = yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError:
        return {}  # a broken version in the history: nothing to compare
    names = FieldNames(value)
    return {(names(path), lang): body for path, texts in text_fields(value, ()) for lang, body in texts.items()}


# libyaml's loader (with the same safe constructors): old versions of data files are read as
# they are, not checked; the pure-Python loader only where PyYAML was built without libyaml.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


UNUSABLE = {
    "shallow": t("a shallow clone: run git fetch --unshallow"),
    "no git": t("not a git repository with commits"),
}


def all_statuses(root: Path, pages: PageSet, data_files: dict[str, Document]) -> tuple[list[Status], str | None]:
    """Every translation's status, or why it cannot be told (shallow clone, no git)."""
    git = Git(root)
    unusable = git.usable()
    if unusable:
        return [], render(UNUSABLE[unusable], message_language())
    reviewed = load_reviewed(root)
    texts = data_text_statuses(git, data_files, pages.config.codes, reviewed, kept_folder(root, "texts"))
    return page_statuses(git, pages, reviewed) + texts, None


def status_table(statuses: list[Status], languages: list[str]) -> list[str]:
    """A plain-text table: one row per page or text that is not current in some language."""
    rows: dict[str, dict[str, Status]] = {}
    for status in statuses:
        key = status.item.replace(f"docs/{status.lang}/", "docs/*/")
        rows.setdefault(key, {})[status.lang] = status
    words = {
        "current": t("ok"),
        "reviewed": t("ok (reviewed)"),
        "missing": t("MISSING"),
        "uncommitted": t("not committed yet"),
    }
    lang = message_language()
    lines = []
    for item, by_lang in sorted(rows.items()):
        if all(s.state in ("current", "reviewed") for s in by_lang.values()):
            continue
        cells = {code: render(_status_word(status, words), lang) for code, status in by_lang.items()}
        lines.append(f"{item}: " + "; ".join(f"{code} {cells[code]}" for code in languages if code in cells))
    return lines


def _status_word(status: Status, words: dict[str, Msg]) -> Msg:
    if status.stub:  # the file is there, so say why it still counts as missing
        return t("MISSING (only placeholders so far)")
    return words.get(status.state) or t("STALE (Ukrainian changed in {commit})", commit=status.since)


STATE_WORDS = {
    "current": "актуальний / current",
    "reviewed": "перевірено / reviewed",
    "stale": "застарів / stale",
    "missing": "немає / missing",
    "uncommitted": "не закомічено / not committed",
}
STUB_NOTE = "лише заготовка / placeholders only"


def status_page(
    overrides: Path,
    statuses: list[Status],
    unavailable: str | None,
    languages: list[str],
    base: str,
    site_name: str = "",
) -> str:
    """The editors' page (HTML from overrides/editors/translations.html)."""
    import jinja2

    rows: dict[str, dict[str, Status]] = {}
    for status in statuses:
        shown = dataclasses.replace(status, since=STUB_NOTE) if status.stub else status  # "missing (…)"
        rows.setdefault(status.item.replace(f"docs/{status.lang}/", "docs/*/"), {})[status.lang] = shown
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(overrides), autoescape=True)
    return environment.get_template("editors/translations.html").render(
        unavailable=unavailable,
        languages=languages,
        rows=[{"item": item, "states": states} for item, states in sorted(rows.items())],
        counts={state: sum(1 for s in statuses if s.state == state) for state in ("current", "stale", "missing")},
        words=STATE_WORDS,
        base=base,
        site_name=site_name,  # the title follows the site's pattern: "Page — Site"
    )


def mark_reviewed(root: Path, pages: PageSet, data_files: dict[str, Document], item: str, lang: str | None) -> str:
    """Record that a translation was reviewed against the current Ukrainian text; return the key."""
    config = pages.config
    if item.startswith("docs/"):
        lang = item.split("/")[1]
        page = item.split("/", 2)[2]
        if lang not in config.codes[1:] or not pages.has_translation(page, lang):
            raise SourceError(
                [
                    Problem(
                        item,
                        None,
                        t("reviewed"),
                        t("an English or Polish page that exists (docs/en/contact.md)"),
                        t("a page of placeholders only, which counts as missing")
                        if pages.is_stub(page, lang)
                        else t("no such translation"),
                    )
                ]
            )
        original = (config.docs_dir / config.default / page).read_text(encoding="utf-8")
    else:
        shown, _, field = item.partition(": ")
        document = data_files.get(shown)
        texts = {field_name(path, document.value): t for path, t in text_fields(document.value, ())} if document else {}
        if field not in texts or lang not in config.codes[1:] or lang not in texts[field]:
            raise SourceError(
                [
                    Problem(
                        item,
                        None,
                        t("reviewed"),
                        t("a data text with its translation, as the table shows it, and --language en or pl"),
                        f"'{item}' ({lang})",
                    )
                ]
            )
        original = texts[field][config.default]
    key = reviewed_key(item, lang)
    marks = load_reviewed(root)
    marks[key] = fingerprint(original)
    lines = [
        "# Translations reviewed after a Ukrainian change that needed no translation (a typo fix).",
        "# Written by ./run translations --reviewed ...; a mark lapses when the Ukrainian text changes.",
    ]
    for name, value in sorted(marks.items()):
        lines += [
            f"- translation: {json.dumps(name, ensure_ascii=False)}",
            f"  reviewed_against: '{value}'",
        ]  # JSON strings are YAML
    (root / REVIEWED_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return key
