"""The safe build: MkDocs into a work folder, site-wide steps, then a one-step swap.

The output folder is replaced only when everything passed, so a failed build (a data error
found while building Polish, a broken link) leaves the previous output exactly as it was.
Only a folder a build made (or a new or empty one) is ever replaced (``outputdir``); one
build at a time per folder, and what a killed build left is removed by the next one
(``lifecycle``).
"""

from __future__ import annotations

import json
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path

from menasite.data.git import Git
from menasite.kept import kept_folder
from menasite.messages import Msg, message_language
from menasite.pages.pagebuild import BUILD_STATE_FILE_VARIABLE, Skipped, skipped_from_problems
from menasite.pages.siteconfig import BUILD_KIND_VARIABLE, PRODUCTION, SiteConfig, load_site_config
from menasite.pages.sitestate import (
    CHECK_EVERYTHING_VARIABLE,
    STATE_FILE_VARIABLE,
    CheckedSources,
    SiteState,
    hand_over_state,
)
from menasite.pages.translations import scan_pages
from menasite.problems import PROBLEMS_FILE_VARIABLE, Problem, SourceError, problems_from_json
from menasite.site.failures import EXIT_UNEXPECTED, crash_report
from menasite.site.lifecycle import folder_lock, leftovers, raise_if_stopped, run_child, work_folder
from menasite.site.ogimage import write_sharing_images
from menasite.site.opendata import write_open_data_and_feeds, write_what_loads
from menasite.site.outputdir import checked_output_folder, restore_interrupted_swap, swap_in, write_marker
from menasite.site.postbuild import (
    check_site,
    complete_site,
    finish_search_index,
    make_browsable_from_folder,
    remove_source_maps,
    run_site_steps,
    start_search_index,
    stop_search_index,
)
from menasite.site.release import describe_release, write_release
from menasite.site.serverfiles import write_server_files
from menasite.site.translation_status import Status, all_statuses, status_page
from menasite.site.webfiles import check_web_files, prepare_web_files

ROOT = Path(__file__).resolve().parents[2]  # menasite/site/build.py -> the project
STATE_FILE_NAME = "built-state.pickle"  # in the work folder, beside the output


class PagesChecked(SourceError):
    """The problems of a build, with the markers it left out because their data has problems."""

    def __init__(self, problems: list[Problem], skipped: list[Skipped] | None = None):
        super().__init__(problems)
        self.skipped = skipped or []


# What a build tells its caller about the translations (./run check prints it): every status,
# or why the history could not tell them.
TranslationStatuses = tuple[list[Status], str | None]


class BuildFailed(Exception):
    def __init__(self, report: str, exit_code: int = 1):
        super().__init__(report)
        self.exit_code = exit_code


def build_environment(
    root: Path, site_url: str | None = None, production: bool = False, check_everything: bool = False
) -> dict[str, str]:
    """The environment MkDocs runs in: reproducible and quiet."""
    env = dict(os.environ)
    env.pop(CHECK_EVERYTHING_VARIABLE, None)
    if check_everything:
        env[CHECK_EVERYTHING_VARIABLE] = "1"
    env.pop(BUILD_KIND_VARIABLE, None)  # only the build command says what kind of build it makes
    if production:
        env[BUILD_KIND_VARIABLE] = PRODUCTION
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONHASHSEED"] = "0"  # set order never leaks into the output
    env.setdefault("SOURCE_DATE_EPOCH", last_commit_time(root))
    if site_url is not None:
        env["SITE_URL"] = site_url
    return env


def last_commit_time(root: Path) -> str:
    """Dates come from the repository history, never from the clock of the build machine."""
    # Not a git checkout (an exported archive): a fixed date, still reproducible.
    return Git(root).last_commit_time() or "0"


def build_site(
    site_dir: str | os.PathLike,
    *,
    root: Path = ROOT,
    site_url: str | None = None,
    for_folder: bool = False,
    production: bool = False,
    on_wait: Callable[[], None] = lambda: None,
    check_everything: bool = False,
    on_statuses: Callable[[TranslationStatuses], None] = lambda statuses: None,
    sources: CheckedSources | None = None,
    checks_only: bool = False,
) -> str:
    """Build into a work folder beside ``site_dir`` and swap it in on success.

    Refuses an output folder it must not replace (``OutputRefused``) and a wrong site address
    (``SourceError``) before anything is written. One build at a time per folder that holds
    the output: a second one waits (``on_wait`` says so). A ``production`` build is the one
    visitors get: without the editors' pages and the theme's source maps. ``check_everything``
    (./run check): the pages are built and checked even when some data has problems.
    ``on_statuses`` gets the translation statuses of a build that is not for production (the
    ones its editors' page shows). ``sources``: the sources the caller has loaded and checked
    already (./run check), which MkDocs' process takes instead of reading them again if they
    have not changed. ``checks_only`` (./run check, whose output is thrown away): without what
    only visitors use and no check looks at (the search index, the sharing images, the release
    note). Returns MkDocs' log (the tests check it has no warning)."""
    site_dir = checked_output_folder(site_dir, root)
    env = build_environment(root, site_url, production, check_everything)
    config = load_site_config(root / "mkdocs.yml", env)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with folder_lock(site_dir.parent, on_wait):
        checked_output_folder(site_dir, root)  # a build that held the lock may have changed it
        prefix = f".{site_dir.name}-build-"
        restore_interrupted_swap(site_dir, leftovers(site_dir.parent, f"{prefix}*"))
        with work_folder(site_dir.parent, prefix) as work:
            fresh = work / "site"
            log = build_into(fresh, root, env, config, for_folder, production, on_statuses, sources, checks_only)
            write_marker(fresh)
            raise_if_stopped()  # a build asked to stop never publishes, even if Python lost the signal
            swap_in(fresh, site_dir, work)
            return log


def build_into(
    fresh: Path,
    root: Path,
    env: dict[str, str],
    config: SiteConfig,
    for_folder: bool,
    production: bool,
    on_statuses: Callable[[TranslationStatuses], None] = lambda statuses: None,
    sources: CheckedSources | None = None,
    checks_only: bool = False,
) -> str:
    try:
        log = run_mkdocs(root, fresh, env, sources)
    except SourceError as error:
        # Pages were written even so (problems are raised at the end of the build): check
        # them too, so that an editor sees every problem at once (a link MkDocs reported once).
        write_what_loads(fresh, root, env)  # the open data those pages link to
        skipped = getattr(error, "skipped", [])
        more = not_reported_yet(site_step_problem_list(fresh, config), error.problems)
        if skipped:
            more = [problem for problem in more if not _to_a_missing_anchor(problem)]
        raise PagesChecked(error.problems + more, skipped) from None
    except BuildFailed as failure:
        if failure.exit_code != 1:
            raise  # MkDocs crashed: what it wrote is not worth checking
        raise BuildFailed("\n".join([str(failure), *site_step_problems(fresh, config)])) from None
    # The sources as MkDocs' process read and checked them, for the address it built for: not
    # read again here.
    state = state_from_build(fresh.parent)
    write_open_data_and_feeds(fresh, state)  # data/*.csv, *.json, schemas, passports; feed.xml per language
    if not checks_only:
        write_sharing_images(fresh, state, kept_in=kept_folder(root, "sharing-images"))  # each language's og:image
    pages = scan_pages(config)
    complete_site(fresh, pages)
    if checks_only:
        check_site(fresh, pages)
    else:
        search_index = start_search_index(fresh)  # meanwhile the site-wide checks, on the other core
        try:
            check_site(fresh, pages)
        except BaseException:
            stop_search_index(search_index)
            raise
        finish_search_index(fresh, search_index)
    if production:
        remove_source_maps(fresh)
        write_server_files(fresh, config.base_path, root / "deploy")  # Apache's .htaccess in every release
    else:
        on_statuses(write_translation_status(fresh, root, state))  # for editors, never for visitors
    if for_folder:
        make_browsable_from_folder(fresh)
    if checks_only:
        check_web_files(fresh, production)  # what the next step would refuse
        return log
    prepare_web_files(fresh, config.base_path, production)  # ?v= on assets; production: meta CSP, .gz
    write_release(fresh, describe_release(root, config.site_url, production))
    return log


def site_address(root: Path = ROOT, site_url: str | None = None) -> str:
    """The address a build is made for (--site-url, SITE_URL or mkdocs.yml)."""
    return load_site_config(root / "mkdocs.yml", build_environment(root, site_url)).site_url


def write_translation_status(site: Path, root: Path, state: SiteState) -> TranslationStatuses:
    """editors/translations/: the translation status page for editors (not for visitors)."""
    html, (statuses, unavailable) = translation_status_page(root, state)
    target = site / "editors" / "translations" / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    return statuses, unavailable


def translation_status_page(root: Path, state: SiteState) -> tuple[str, TranslationStatuses]:
    """The editors' translation status page for the sources of ``state``, and the statuses."""
    statuses, unavailable = all_statuses(root, state.pages, state.data.documents)
    html = status_page(
        root / "overrides",
        statuses,
        unavailable,
        state.config.codes[1:],
        base="../../",
        site_name=state.config.site_name(state.config.default),
    )
    return html, (statuses, unavailable)


def state_from_build(work: Path) -> SiteState:
    """The sources as the hook read and checked them (``pagebuild.hand_over_state_to_build``)."""
    state = pickle.loads((work / STATE_FILE_NAME).read_bytes())
    assert isinstance(state, SiteState)
    return state


def site_step_problems(site: Path, config) -> list[str]:
    return [f"  - {problem.render(message_language())}" for problem in site_step_problem_list(site, config)]


def site_step_problem_list(site: Path, config) -> list[Problem]:
    """The site-wide checks over what a failed build wrote, if it wrote the pages."""
    if not (site / "index.html").is_file():
        return []
    try:
        run_site_steps(site, scan_pages(config))
    except SourceError as error:
        return error.problems
    return []


def not_reported_yet(found: list[Problem], reported: list[Problem]) -> list[Problem]:
    """The site-wide checks' problems, without the links MkDocs' warnings have already named
    (the same broken link in the markdown and in the built page)."""
    links = {(problem.file, _value(problem.field, "link")) for problem in reported}
    return [problem for problem in found if (problem.file, _value(problem.found, "value")) not in links]


def _to_a_missing_anchor(problem: Problem) -> bool:
    """A link to an anchor of a generated part: when parts were left out (their data has
    problems), their anchors are missing too, which is not a problem of its own."""
    return isinstance(problem.found, Msg) and problem.found.template == "{value} (no id '{id}')"


def _value(message, name: str):
    return dict(message.values).get(name) if isinstance(message, Msg) else None


def run_mkdocs(root: Path, site: Path, env: dict[str, str], sources: CheckedSources | None = None) -> str:
    # Not strict: MkDocs' warnings are collected by the hook and reported with every other
    # problem once all languages are built (strict mode stops after the first).
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--no-strict",
        "--config-file",
        str(root / "mkdocs.yml"),
        "--site-dir",
        str(site),
    ]
    handed_over = site.parent / "problems.json"  # the hook writes the pages' problems here
    state = site.parent / STATE_FILE_NAME  # and the sources as it read them, once the build passed
    env = {**env, PROBLEMS_FILE_VARIABLE: str(handed_over), BUILD_STATE_FILE_VARIABLE: str(state)}
    if sources is not None:
        hand_over_state(sources, site.parent / "state.pickle")
        env[STATE_FILE_VARIABLE] = str(site.parent / "state.pickle")
    result = run_child(command, cwd=root, env=env)
    if result.returncode != 0:
        if handed_over.is_file():
            text = handed_over.read_text(encoding="utf-8")
            handed = json.loads(text)
            if isinstance(handed, dict) and "unexpected" in handed:  # the tools failed, not the sources
                raise BuildFailed(handed["unexpected"], EXIT_UNEXPECTED)
            if isinstance(handed, dict):
                raise PagesChecked(
                    problems_from_json(json.dumps(handed["problems"])),
                    skipped_from_problems(problems_from_json(json.dumps(handed["skipped"]))),
                )
            raise SourceError(problems_from_json(text))
        crash = None if os.environ.get("MENA_DEBUG") else crash_report(result.stdout)
        if crash is not None:
            raise BuildFailed(*crash)
        raise BuildFailed(mkdocs_failure_report(result.stdout))
    return result.stdout


def mkdocs_failure_report(output: str) -> str:
    """MkDocs' own output, without its progress lines, which only hide the error."""
    kept = [line for line in output.splitlines() if line.strip() and not line.startswith("INFO")]
    return "\n".join(kept) or output
