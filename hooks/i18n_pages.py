"""MkDocs adapter for the site's languages: loads the sources once per build, fills the
markers of each page and hands the templates what they need. The logic is in ``menasite``.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import sys
import threading
from pathlib import Path

import jinja2
import jinja2.bccache
import mkdocs
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from watchdog.observers.polling import PollingObserver

from menasite.pages.frame import site_frame
from menasite.pages.langparts import footnote_settings, known_names, marked_html
from menasite.pages.pagebuild import (
    collect_warnings,
    collected_warnings,
    complete_markdown,
    finish_html,
    first_body_line,
    hand_over_everything,
    hand_over_state_to_build,
    hand_over_unexpected,
    load_sources,
    problems_report,
    rendered_parts,
    shown_file,
    title_as_html_text,
    unexpected_error_message,
    warning_problem,
)
from menasite.pages.pagecontext import not_found_context, page_context
from menasite.pages.pagemeta import not_found_head, page_head, sharing_image, short_title
from menasite.pages.sitestate import folder_fingerprint, shared_cache
from menasite.pages.themefiles import compiled_templates_folder, keep_compiled_templates, theme_file_names
from menasite.pages.translations import stub_files

_cache = shared_cache
log = get_plugin_logger("mena")


class _CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per process, and kept between builds in .cache/templates/
    (``menasite.kept``; outside every folder MkDocs copies or serve watches). MkDocs makes the
    theme's Jinja environment anew for each language build (and ``theme.get_env()`` for each
    page), and compiling the templates was half of a build's time. Jinja checks each entry
    against its template's source, so a template changed (under ``mkdocs serve`` too) is
    compiled again; the entries are filed under Jinja's and MkDocs' versions as well, which
    decide how a template is compiled."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self._folder: jinja2.FileSystemBytecodeCache | None = None

    def keep_in(self, folder: Path) -> None:
        if keep_compiled_templates():
            with contextlib.suppress(OSError):  # a read-only checkout still builds
                folder.mkdir(parents=True, exist_ok=True)
        if folder.is_dir():
            versions = f"jinja{jinja2.__version__}-mkdocs{mkdocs.__version__}"
            self._folder = jinja2.FileSystemBytecodeCache(str(folder), f"mena-{versions}-%s.jinja")

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        elif self._folder is not None:
            self._folder.load_bytecode(bucket)  # an entry of another source is left out by Jinja

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
        if self._folder is not None and keep_compiled_templates():
            with contextlib.suppress(OSError):
                self._folder.dump_bytecode(bucket)


_compiled_templates = _CompiledTemplates()


# The theme's Jinja environment for the pages of the language being built, made once per
# language build (on_config empties it) as MkDocs makes its own, not once per page: each new
# environment loaded and checked every template again.
_build_env: list = []


# What every page of the language being built shares (its header and footer, its sharing
# image): made once per language build (on_config empties it), not once per page.
_language_parts: dict = {}


def _same_on_every_page(state, lang: str) -> dict:
    if not _language_parts:
        _language_parts.update(image=sharing_image(state, lang), frame=site_frame(state, lang))
    return _language_parts


def _theme_env(config):
    if not _build_env:
        env = config.theme.get_env()
        env.bytecode_cache = _compiled_templates
        _build_env.append(env)
    return _build_env[0]


def on_env(env, config, files):
    env.bytecode_cache = _compiled_templates
    # The table of contents gives headings as plain text: their fragments in another language
    # ("платформа United for UA") get their lang="..." back.
    names = known_names(_state(config).data.partners)
    lang = _language(config)
    env.filters["mena_lang_parts"] = lambda text: marked_html(str(text), lang, names)
    return env


# Problems found in pages, collected over all pages of all languages and reported together
# when the last language is built (so an editor sees every problem at once), with the markers
# left out because their data has problems (./run check builds the pages even so).
_page_problems: list = []
_skipped: list = []


def _reported(event):
    """An unexpected exception in an event becomes one line that names the page being built
    (MkDocs would print a traceback); ``mkdocs build --verbose`` still logs the traceback."""

    @functools.wraps(event)
    def run(*args, **kwargs):
        try:
            return event(*args, **kwargs)
        except PluginError:
            raise
        except Exception as error:
            page = kwargs.get("page", args[1] if len(args) > 1 else None)
            message = unexpected_error_message(error, _page_file(page, kwargs.get("config")))
            if message is None:  # a problem in the sources: already in plain words
                raise
            log.debug("mena: unexpected error", exc_info=True)
            hand_over_unexpected(message)
            raise PluginError(message) from None

    return run


def _page_file(page, config) -> str:
    if page is None or getattr(page, "file", None) is None:
        return "mkdocs.yml"  # a template of the site, not a page
    try:
        return _shown_path(page, config)
    except Exception:  # the message must never fail itself
        return str(page.file.src_path)


def on_startup(command, dirty):
    _cache.serving = command == "serve"


def on_config(config):
    _list_theme_files_once(config.theme)
    _compiled_templates.keep_in(compiled_templates_folder(Path(config.config_file_path).parent))
    # Once per language build: reloads only when a source changed (mkdocs serve), and fails
    # before any page is written.
    # MkDocs' warnings (a broken link) are collected, not printed: strict mode would stop the
    # build before the other languages, and its lines are English whatever the editor reads.
    collect_warnings(logging.getLogger("mkdocs"))
    _build_env.clear()  # the theme's language and templates may differ from the last build's
    _language_parts.clear()
    state = _load_state(config)
    if _cache.serving:  # the parts the last build rendered hold while nothing they show changed
        templates = folder_fingerprint(Path(config.theme.custom_dir))
        rendered_parts.made_from(state.data, state.config, state.dates, state.times, templates)
    config.mdx_configs.setdefault("footnotes", {}).update(footnote_settings(state.strings[_language(config)]))
    if _language(config) == state.config.default:
        _page_problems.clear()  # a new build (mkdocs serve rebuilds in the same process)
        _skipped.clear()
        collected_warnings.messages.clear()


def _list_theme_files_once(theme) -> None:
    """The theme's Jinja environments (MkDocs makes one per language build) list the installed
    theme's files from a listing made once per process, without the hidden files MkDocs never
    copies (``menasite.pages.themefiles``)."""
    if getattr(theme.get_env, "lists_once", False):
        return
    make_env = theme.get_env

    def get_env():
        env = make_env()
        loader = env.loader
        loader.list_templates = functools.partial(theme_file_names, loader.searchpath, loader.followlinks)
        return env

    get_env.lists_once = True
    theme.get_env = get_env


@_reported
def on_files(files, config):
    # Runs before i18n's on_files (priority -100): a translation that is only placeholders is
    # taken away, so that i18n builds the Ukrainian fallback in its place.
    for src_uri in stub_files(_state(config).pages):
        stub = files.get_file_from_path(src_uri)
        if stub is not None:
            files.remove(stub)
    return files


@_reported
def on_page_markdown(markdown, page, config, files):
    # A report's or a programme's page: a short title from its data (its full name stays its heading).
    short = None if "title" in page.meta else short_title(_state(config), _page_path(page), _language(config))
    if short is not None:
        page.meta["title"] = short
    if "title" in page.meta:
        page.meta["title"] = title_as_html_text(page.meta["title"])
    env = _theme_env(config)
    macros = env.get_template("partials/mena/markers.html").module
    completed = complete_markdown(
        markdown,
        state=_state(config),
        lang=_language(config),
        page=_page_path(page),
        text_lang=page.file.locale,
        shown=_shown_path(page, config),
        first_line=first_body_line(_source(page), markdown),
        render_template=lambda template, **values: env.get_template(template).render(**values),
        render_placeholder=lambda label, text: str(macros.placeholder(label, text)),
        parts_kept=rendered_parts if _cache.serving else None,
    )
    page.meta["mena_completed"] = completed  # for on_page_content: the raw HTML found, the parts put in
    _page_problems.extend(completed.problems)  # reported together at the end of the build
    _skipped.extend(completed.skipped)
    page.meta["mena_problems"] = list(completed.problems)  # shown on the page itself under mkdocs serve
    return completed.markdown


@_reported
def on_page_content(html, page, config, files):
    shown, source, heading_ids = _shown_path(page, config), _source(page), _anchors_of(page.toc)
    table_label = _state(config).strings[_language(config)]["label.table"]
    finish = functools.partial(
        finish_html,
        html,
        completed=page.meta.get("mena_completed"),
        source=source,
        shown=shown,
        table_label=table_label,
        heading_ids=heading_ids,
    )
    if _cache.serving:  # a page whose HTML and parts did not change is not cleaned again
        made_from = (html, source, table_label, frozenset(heading_ids))
        clean, missed = rendered_parts.finished((shown, _language(config)), made_from, finish)
    else:
        clean, missed = finish()
    _page_problems.extend(missed)
    page.meta["mena_problems"] = page.meta.get("mena_problems", []) + missed
    completed = page.meta.get("mena_completed")
    if completed is not None and page.present_anchor_ids is not None:
        # MkDocs checks links to anchors against what its Markdown saw: the parts' HTML blocks too.
        page.present_anchor_ids |= completed.block_ids
    return clean


def _anchors_of(toc) -> set[str]:
    """The anchors of a page's headings (its table of contents, every level)."""
    return {anchor for item in toc for anchor in (item.id, *_anchors_of(item.children))}


@_reported
def on_page_context(context, page, config, nav):
    state = _state(config)
    lang = _language(config)
    context["mena"] = mena = page_context(state, _page_path(page), lang)
    mena["head"] = page_head(
        state,
        _page_path(page),
        lang,
        title=page.meta.get("title") or page.title,  # a front-matter title before the navigation's label
        description=page.meta.get("description"),
        fallback=mena["fallback"],
    )
    shared = _same_on_every_page(state, lang)
    mena["image"], context["mena_frame"] = shared["image"], shared["frame"]
    if _cache.serving:
        context["mena_problems"] = [str(p) for p in _cache.problems + page.meta.get("mena_problems", [])]
    return context


@_reported
def on_template_context(context, template_name, config):
    if template_name == "404.html":
        state = _state(config)
        lang = _language(config)
        context["mena"] = mena = not_found_context(state, lang)
        mena["head"] = not_found_head(state, lang)
        shared = _same_on_every_page(state, lang)
        mena["image"], context["mena_frame"] = shared["image"], shared["frame"]
    return context


# The "page not found" page of each language built so far. MkDocs writes every language's
# 404.html to the site root (the last language wins); each build puts all of them back in
# their places: /404.html, /en/404.html, /pl/404.html.
_not_found_pages: dict[str, str] = {}


def on_post_template(output, template_name, config):
    if template_name == "404.html":
        _not_found_pages[_language(config)] = output
    return output


def on_post_build(config):
    state = _state(config)
    for lang, html in _not_found_pages.items():
        target = Path(config.site_dir) / state.config.prefix(lang) / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    if _language(config) != state.config.codes[-1]:
        return
    warnings = [warning_problem(message, state) for message in collected_warnings.messages]
    problems = list(state.problems) + _page_problems + warnings
    if problems:
        if _cache.serving:  # keep serving: the problems are on the pages and in the terminal
            print(problems_report(problems), file=sys.stderr, flush=True)
            return
        hand_over_everything(problems, _skipped)
        raise PluginError(problems_report(problems))
    hand_over_state_to_build(state)


def _load_state(config):
    loaded = load_sources(_cache, Path(config.config_file_path))
    if loaded.notice:
        print(loaded.notice, file=sys.stderr, flush=True)
    if loaded.state is None:
        raise PluginError(loaded.failure)
    for line in loaded.log_lines:
        log.info("%s", line)  # the plugin logger says "mena: " itself
    return loaded.state


def _state(config):
    """The state loaded by on_config: page events do not look at the sources again."""
    return _cache.current or _load_state(config)


def _language(config) -> str:
    return config.plugins["i18n"].current_language or config.theme["language"]


def _page_path(page) -> str:
    """The page's path inside its language folder: "reports/2023-q1.md"."""
    return page.file.src_uri.split("/", 1)[1]


def _source(page) -> str:
    """The page's markdown file as the editor saved it (front matter included)."""
    return Path(page.file.abs_src_path).read_text(encoding="utf-8")


def _shown_path(page, config) -> str:
    """The source file as the editor knows it: "docs/en/contact.md"."""
    return shown_file(page.file.abs_src_path, Path(config.config_file_path).parent)


# --- mkdocs serve ---------------------------------------------------------------------------------


def on_serve(server, config, builder):
    """An unknown address of the preview gets the 404 page of its language (under /en/ the
    English one), as on the council's server; MkDocs itself always answers with /404.html."""
    requested = threading.local()  # the address each request thread is answering
    answer = server.serve_request
    answer_other_errors = server.error_handler

    def remember_the_address(environ, start_response):
        requested.path = environ.get("PATH_INFO", "/")
        return answer(environ, start_response)

    def error_page(code):
        state = _cache.current
        if code != 404 or state is None:
            return answer_other_errors(code)
        page = Path(server.root) / _not_found_prefix(state.config, getattr(requested, "path", "/")) / "404.html"
        return page.read_bytes() if page.is_file() else answer_other_errors(code)

    server.set_app(remember_the_address)
    server.error_handler = error_page
    _poll_sooner(server, config)
    return server


# MkDocs looks for saved files every 0.5 s; every 0.1 s takes 0.2 s off an editor's wait on
# average, for a few hundred stat calls a second. The watches MkDocs has made so far (docs/,
# mkdocs.yml, the theme with --watch-theme) move to the faster observer; those of ``watch:``
# in mkdocs.yml are made after this event, on it.
POLL_SECONDS = 0.1


def _poll_sooner(server, config) -> None:
    watched = []
    for path in [config.docs_dir, config.config_file_path, *config.theme.dirs]:
        try:
            server.unwatch(path)
        except (KeyError, ValueError):
            continue  # not watched
        watched.append(path)
    server.observer = PollingObserver(timeout=POLL_SECONDS)
    for path in watched:
        server.watch(path)


def _not_found_prefix(site_config, path: str) -> str:
    """The language folder an address lies in: "en/" for /en/..., "" (the default) elsewhere."""
    inside = path.removeprefix(site_config.base_path.rstrip("/")).lstrip("/")
    others = [site_config.prefix(code) for code in site_config.codes if site_config.prefix(code)]
    return next((prefix for prefix in others if inside.startswith(prefix)), "")
