"""The commands of ./run (python -m menasite): what they print to editors and their exit codes.

The work itself is in the other modules; messages go through ``messages`` (Ukrainian by
default, English with --lang en or MENA_LANG=en).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from menasite.build import ROOT, BuildFailed, build_site
from menasite.dataset import load_strings_file
from menasite.markers import find_placeholders
from menasite.messages import message_language, render, t
from menasite.problems import SourceError
from menasite.scaffold import new_report, report_files
from menasite.siteconfig import load_site_config
from menasite.sitestate import load_site_state
from menasite.strings import strings_by_language
from menasite.translation_status import REVIEWED_FILE, Git, all_statuses, mark_reviewed, require_full_history, status_table


def say(template: str, file=None, **values) -> None:
    """Print a message to editors in their language (MENA_LANG, Ukrainian by default)."""
    print(render(t(template, **values), message_language()), file=file or sys.stdout, flush=True)


def untranslated_lines(log: str) -> list[str]:
    marker = "mena: untranslated: "
    return [line.split(marker, 1)[1] for line in log.splitlines() if marker in line]


def main_build(site_dir: Path, site_url: str | None, root: Path = ROOT, for_folder: bool = False) -> int:
    try:
        log = build_site(site_dir, root=root, site_url=site_url, for_folder=for_folder)
    except (BuildFailed, SourceError) as error:
        print(error.report() if isinstance(error, SourceError) else str(error), file=sys.stderr)
        say("The previous output in {folder} was left untouched.", folder=site_dir, file=sys.stderr)
        return 1
    untranslated = untranslated_lines(log)
    if untranslated:
        say("Not translated yet (shown in Ukrainian with a notice):")
        print("\n".join(f"  - {line}" for line in untranslated))
    say("Site built in {folder}/ (open {folder}/index.html, or run ./run serve).", folder=site_dir)
    return 0


def main_check(root: Path = ROOT) -> int:
    """Everything a pull request can break, all problems at once, without touching site/:
    the sources (data, pages, UTF-8, front matter), then a full build into a temporary folder
    with its checks (figures, links, anchors, switcher and asset links, images' alt text)."""
    try:
        state = load_site_state(root / "mkdocs.yml")
    except SourceError as error:
        print(error.report(), file=sys.stderr)
        say("Fix these first: the pages are built and checked once the data and files are valid.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="mena-check-") as scratch:
        try:
            build_site(Path(scratch) / "site", root=root)
        except (BuildFailed, SourceError) as error:
            print(error.report() if isinstance(error, SourceError) else str(error), file=sys.stderr)
            return 1
    try:
        require_full_history(Git(root))
    except SourceError as error:
        print(error.report(), file=sys.stderr)
        return 1
    statuses, unavailable = all_statuses(root, state.pages, state.data.documents)
    table = status_table(statuses, state.config.codes[1:])
    if unavailable:
        say("Translations: status unavailable ({why}).", why=unavailable)
    else:
        say("Translations:")
    for line in table:
        print(f"  - {line}")
    if not unavailable and not table:
        say("  all current")
    placeholders = find_placeholders(state.config.docs_dir, root)
    for placeholder in placeholders:
        say("  - to be filled in by the council: {where}: {what}", where=f"{placeholder.file}:{placeholder.line}", what=placeholder.text)
    say(
        "Everything is valid: {pages} pages in {languages} languages, {reports} reports, {placeholders} placeholders still to fill in.",
        pages=len(state.pages.all_pages), languages=len(state.config.codes), reports=len(state.data.reports), placeholders=len(placeholders),
    )
    return 0


def main_new_report(root: Path, quarter: str) -> int:
    config = load_site_config(root / "mkdocs.yml")
    try:
        report_files(root, quarter, config.codes)  # refuses before anything else is read
        strings = strings_by_language(load_strings_file(root / "data"), config.codes, config.default)
        written = new_report(root, quarter, strings, config.codes)
    except SourceError as error:
        print(error.report(headline="No report was started: problems to fix: {count}."), file=sys.stderr)
        return 1
    for path in written:
        print(f"  + {path.relative_to(root).as_posix()}")
    say("Report {quarter} started: fill in the files above, then run ./run check.", quarter=quarter)
    return 0


def main_translations(root: Path, reviewed: str | None, lang: str | None) -> int:
    try:
        state = load_site_state(root / "mkdocs.yml")
        require_full_history(Git(root))
        if reviewed:
            key = mark_reviewed(root, state.pages, state.data.documents, reviewed, lang)
            say("Marked as reviewed against the current Ukrainian text: {key} (commit {path}).", key=key, path=REVIEWED_FILE)
            return 0
    except SourceError as error:
        print(error.report(headline="Nothing was done: problems to fix: {count}."), file=sys.stderr)
        return 1
    statuses, unavailable = all_statuses(root, state.pages, state.data.documents)
    if unavailable:
        say("Translation status unavailable: {why}.", why=unavailable, file=sys.stderr)
        return 1
    table = status_table(statuses, state.config.codes[1:])
    if table:
        print("\n".join(table))
    else:
        say("All translations are current.")
    return 0
