"""The commands of ./run (python -m menasite): what they print to editors and their exit codes.

The work itself is in the other modules; messages go through ``messages`` (Ukrainian by
default, English with --lang en or MENA_LANG=en).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from menasite.cli.scaffold import new_report, report_files
from menasite.data.dataset import load_council, load_strings_file
from menasite.data.history import has_full_history
from menasite.data.strings import strings_by_language
from menasite.messages import message_language, render, t
from menasite.pages.frame import missing_council_supplies
from menasite.pages.markers import find_placeholders
from menasite.pages.pagebuild import Skipped
from menasite.pages.siteconfig import load_site_config
from menasite.pages.sitestate import (
    CheckedSources,
    SiteState,
    foundation_problems,
    load_site_state,
    source_fingerprint,
)
from menasite.problems import Problem, SourceError
from menasite.site.build import (
    ROOT,
    BuildFailed,
    TranslationStatuses,
    build_environment,
    build_site,
    site_address,
)
from menasite.site.failures import EXIT_SYSTEM, system_error
from menasite.site.lifecycle import scratch_folder
from menasite.site.outputdir import OutputRefused
from menasite.site.translation_status import (
    REVIEWED_FILE,
    Git,
    all_statuses,
    mark_reviewed,
    require_full_history,
    status_table,
)


def say(template: str, file=None, **values) -> None:
    """Print a message to editors in their language (MENA_LANG, Ukrainian by default)."""
    print(render(t(template, **values), message_language()), file=file or sys.stdout, flush=True)


def untranslated_lines(log: str) -> list[str]:
    marker = "mena: untranslated: "
    return [line.split(marker, 1)[1] for line in log.splitlines() if marker in line]


def main_build(
    site_dir: str | Path, site_url: str | None, root: Path = ROOT, for_folder: bool = False, production: bool = False
) -> int:
    shown = shown_path(site_dir)
    try:
        log = build_site(
            site_dir,
            root=root,
            site_url=site_url,
            for_folder=for_folder,
            production=production,
            on_wait=lambda: say(
                "Another build is writing into {folder} now: waiting for it to finish ...",
                folder=Path(site_dir).resolve().parent,
                file=sys.stderr,
            ),
        )
    except OutputRefused as refused:
        print(render(refused.message, message_language()), file=sys.stderr)
        return 1
    except (BuildFailed, SourceError, OSError) as error:
        exit_code = report_build_failure(error)
        say("The previous output in {folder} was left untouched.", folder=shown, file=sys.stderr)
        return exit_code
    if not has_full_history(root):
        say(
            "Warning: no full git history (a shallow clone, or a copy without .git): pages are built without "
            "'last updated' dates. For the dates, build from a full clone (git fetch --unshallow).",
            file=sys.stderr,
        )
    untranslated = untranslated_lines(log)
    if untranslated:
        say("Not translated yet (shown in Ukrainian with a notice):")
        print("\n".join(f"  - {line}" for line in untranslated))
    address = site_address(root, site_url)
    if for_folder:
        say(
            "Site built in {folder}/ for {address}, to open from a folder: open {folder}/index.html in a browser.",
            folder=shown,
            address=address,
        )
    elif production:
        say(
            "Production site built in {folder}/ for {address}. To put the site live, use ./run publish TARGET: it "
            'checks and builds the last commit and uploads it (README, "Publishing").',
            folder=shown,
            address=address,
        )
    else:
        # A preview can be uploaded by mistake: say what it is, and what goes live instead.
        say(
            "Preview built in {folder}/ for {address} (with the editors' pages and source maps; ./run serve shows "
            "it live). It is not for the web server: ./run publish TARGET checks and builds the last commit for "
            'visitors and puts it live (README, "Publishing").',
            folder=shown,
            address=address,
        )
    return 0


def report_nothing_done(error: SourceError) -> int:
    """Print the problems that stopped a command before it changed anything; exit code 1."""
    headline = t("Nothing was done: problems to fix: {count}.", count=len(error.problems))
    print(error.report(headline=headline), file=sys.stderr)
    return 1


def report_build_failure(error: Exception) -> int:
    """Print why a build failed; returns the exit code."""
    if isinstance(error, SourceError):
        print(error.report(), file=sys.stderr)
        return 1
    if isinstance(error, BuildFailed):
        print(str(error), file=sys.stderr)
        return error.exit_code
    message = system_error(error) if isinstance(error, OSError) else None
    if message is None:
        raise error  # not the disk or a permission: the last-resort handler reports it
    print(message, file=sys.stderr)
    return EXIT_SYSTEM


def shown_path(path: str | Path) -> str:
    """A path as the editor would type it: relative to the current folder when inside it."""
    text = os.fspath(path)
    if os.path.isabs(text) and text.startswith(os.getcwd() + os.sep):
        return os.path.relpath(text)
    return text


def main_placeholders(root: Path = ROOT) -> int:
    """Every [[todo:...]] still waiting for the council, with file and line."""
    try:
        found = find_placeholders(root / "docs", root)
        council = load_council(root / "data")
    except SourceError as error:
        return report_nothing_done(error)
    for placeholder in found:
        print(f"{placeholder.file}:{placeholder.line}: {placeholder.text}")
    missing = missing_council_supplies(council)
    for field_name, what in missing:
        print(f"data/council.yml: {field_name}: {render(what, message_language())}")
    say("{count} placeholder(s) to be filled in by the council.", count=len(found) + len(missing))
    return 0


@dataclass(frozen=True)
class Checked:
    """What ./run check found, as data (rendered in either language by whoever shows it)."""

    state: SiteState | None  # None when the sources themselves are not valid
    problems: list[Problem]
    skipped: list[Skipped] = field(default_factory=list)  # markers not checked: their data has problems
    statuses: TranslationStatuses | None = None  # the translations, as the build found them (not in production)


def check_sources(
    root: Path, *, into: Path | None = None, site_url: str | None = None, production: bool = False
) -> Checked:
    """Everything a pull request can break, all problems at once, without touching site/:
    the sources (data, pages, UTF-8, front matter), then a full build into a temporary folder
    (or ``into``, where publish keeps it) with its checks (figures, links, anchors, switcher
    and asset links, images' alt text). MkDocs failing by itself (BuildFailed) or the machine
    (OSError) are raised."""
    try:
        environ = None if site_url is None else build_environment(root, site_url)
        fingerprint = source_fingerprint(root)  # before reading: a file saved meanwhile is read again
        # Lenient: data with problems does not stop the pages from being checked; only files
        # every page needs, or the pages' own files, do.
        state = load_site_state(root / "mkdocs.yml", environ, lenient=into is None)
    except SourceError as error:
        return Checked(None, error.problems)
    # The build takes the sources as read and checked here (once per check).
    sources = CheckedSources(fingerprint, into is None, state)
    if into is not None:
        return checked_build(sources, into, root, site_url, production)
    with scratch_folder("mena-check-") as scratch:  # thrown away: only its checks count
        return checked_build(sources, scratch / "site", root, site_url, production, checks_only=True)


def checked_build(
    sources: CheckedSources,
    into: Path,
    root: Path,
    site_url: str | None,
    production: bool,
    checks_only: bool = False,
) -> Checked:
    state = sources.state
    found: list[TranslationStatuses] = []
    try:
        build_site(
            into,
            root=root,
            site_url=site_url,
            production=production,
            check_everything=True,
            on_statuses=found.append,
            sources=sources,
            checks_only=checks_only,
        )
    except SourceError as error:
        return Checked(state, error.problems, getattr(error, "skipped", []))
    return Checked(state, [], statuses=found[0] if found else None)


def main_check(root: Path = ROOT) -> int:
    """./run check: the problems of ``check_sources``, then the translation status and the
    placeholders still to fill in."""
    try:
        checked = check_sources(root)
    except (BuildFailed, OSError) as error:
        return report_build_failure(error)
    if checked.problems:
        report_check_failure(checked)
        return 1
    state = checked.state
    assert state is not None  # no problems: the sources loaded
    try:
        require_full_history(Git(root))
    except SourceError as error:
        print(error.report(), file=sys.stderr)
        return 1
    # The build has told them (one pass over the history per check).
    statuses, unavailable = checked.statuses or all_statuses(root, state.pages, state.data.documents)
    table = status_table(statuses, state.config.codes[1:])
    if unavailable:
        say("Translations: status unavailable ({why}).", why=unavailable)
    else:
        say("Translations:")
    for line in table:
        print(f"  - {line}")
    if not unavailable and not table:
        say("  all current")
    placeholders = [
        (f"{placeholder.file}:{placeholder.line}", placeholder.text)
        for placeholder in find_placeholders(state.config.docs_dir, root)
    ]
    placeholders += [
        (f"data/council.yml: {field_name}", render(what, message_language()))
        for field_name, what in missing_council_supplies(state.data.council)
    ]
    for where, what in placeholders:
        say("  - to be filled in by the council: {where}: {what}", where=where, what=what)
    say(
        "Everything is valid: {pages} pages in {languages} languages, {reports} reports, {placeholders} "
        "placeholders still to fill in.",
        pages=len(state.pages.all_pages),
        languages=len(state.config.codes),
        reports=len(state.data.reports),
        placeholders=len(placeholders),
    )
    return 0


def report_check_failure(checked: Checked) -> None:
    """What ./run check prints when something is wrong: every problem under a headline that
    counts them, then what could not be checked because of them."""
    print(SourceError(checked.problems).report(), file=sys.stderr)
    if checked.state is None:
        waiting = foundation_problems(checked.problems)
        if waiting:
            say(
                "The pages were not checked: every page needs {files}. Fix these first, then run ./run check again.",
                files=", ".join(waiting),
                file=sys.stderr,
            )
        else:
            say("Fix these first: the pages are built and checked once the files are valid.", file=sys.stderr)
    report_skipped(checked.skipped)


def report_skipped(skipped: list[Skipped]) -> None:
    """The markers left out of the check because the data they need has problems: each with
    the pages that hold it and the files it waits for."""
    if not skipped:
        return
    pages: dict[tuple, list[str]] = {}
    for item in skipped:
        pages.setdefault((item.what, item.needs), []).append(item.page)
    say("Not checked until the data above is fixed: {count}.", count=len(pages), file=sys.stderr)
    for (what, needs), files in sorted(pages.items(), key=lambda entry: (str(entry[0][0]), entry[0][1])):
        say(
            "  - {what} in {pages}: needs {files}",
            what=what,
            pages=", ".join(dict.fromkeys(files)),
            files=", ".join(needs),
            file=sys.stderr,
        )


def main_new_report(root: Path, quarter: str) -> int:
    try:
        config = load_site_config(root / "mkdocs.yml")
        report_files(root, quarter, config.codes)  # refuses before anything else is read
        strings = strings_by_language(load_strings_file(root / "data"), config.codes, config.default)
        written = new_report(root, quarter, strings, config.codes)
    except SourceError as error:
        headline = t("No report was started: problems to fix: {count}.", count=len(error.problems))
        print(error.report(headline=headline), file=sys.stderr)
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
            say(
                "Marked as reviewed against the current Ukrainian text: {key} (commit {path}).",
                key=key,
                path=REVIEWED_FILE,
            )
            return 0
    except SourceError as error:
        return report_nothing_done(error)
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
