"""MkDocs adapter for the site's languages: loads the sources once per build, fills the
markers of each page and hands the templates what they need. The logic is in ``menasite``.
"""

from __future__ import annotations

import functools
import sys
from html import escape as escape_html
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from menasite.messages import message_language, render, t
from menasite.pages.figures import figure_problem
from menasite.pages.htmlparts import wrap_tables
from menasite.pages.markers import expand_markers, insert_after_title, replace_page_markers
from menasite.pages.pagecontext import not_found_context, page_context
from menasite.pages.rawhtml import not_reported_by_scan, sanitise_content, scan_markdown
from menasite.pages.sitestate import report_of_page, shared_cache, untranslated_report
from menasite.pages.views import View
from menasite.problems import SourceError

_cache = shared_cache
log = get_plugin_logger("mena")


# Problems found in pages, collected over all pages of all languages and reported together
# when the last language is built (so an editor sees every problem at once).
_page_problems: list = []


def _reported(event):
    """An unexpected exception in an event becomes one line that names the page being built
    (MkDocs would print a traceback); ``mkdocs build --verbose`` still logs the traceback."""

    @functools.wraps(event)
    def run(*args, **kwargs):
        try:
            return event(*args, **kwargs)
        except (PluginError, SourceError):
            raise
        except Exception as error:
            log.debug("mena: unexpected error", exc_info=True)
            page = kwargs.get("page", args[1] if len(args) > 1 else None)
            where = _page_file(page, kwargs.get("config"))
            # The same words as the commands' own message for an unexpected error (menasite.cli.commands).
            message = t("Something unexpected went wrong while working on {file}: {error}. This is a fault in the site's tools, not in your text: please report it to the developers with this line (run the command again with --debug to see the details).", file=where, error=f"{type(error).__name__}: {error}")
            raise PluginError(render(message, message_language())) from None

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
    # Once per language build: reloads only when a source changed (mkdocs serve), and fails
    # before any page is written.
    state = _load_state(config)
    if _language(config) == state.config.default:
        _page_problems.clear()  # a new build (mkdocs serve rebuilds in the same process)


@_reported
def on_page_markdown(markdown, page, config, files):
    state = _state(config)
    lang = _language(config)
    here = _page_path(page)
    shown = _shown_path(page, config)
    first_line = _first_body_line(page, markdown)
    _title_as_html_text(page)
    markdown, problems = _expand_text_markers(markdown, page, config, state, shown, first_line)
    # Raw HTML is checked before the generated parts (the site's own HTML) are put in.
    page.meta["mena_raw_html"] = scan_markdown(markdown, first_line)
    problems += [finding.problem(shown) for finding in page.meta["mena_raw_html"]]
    view = View(state, lang, here)
    used = page.meta["mena_parts"] = set()  # the sanitiser allows the search part's form
    renderers = {
        "partners": lambda: _render(config, "partners", view.partners(), state, lang),
        "results": lambda: _render(config, "results", view.results(), state, lang),
        "programme": lambda: _render(config, "programme", view.programme(), state, lang),
        "reports": lambda: _render(config, "reports-index", view.reports_index(), state, lang),
        "search": lambda: _render(config, "search", None, state, lang),
        "council": lambda: _render(config, "council", view.council(), state, lang),
    }
    parts = {name: functools.partial(_used_part, used, name, render) for name, render in renderers.items()}
    markdown, more = replace_page_markers(markdown, parts, shown=shown, first_line=first_line)
    _page_problems.extend(problems + more)  # reported together at the end of the build
    page.meta["mena_problems"] = problems + more  # shown on the page itself under mkdocs serve
    report_id = report_of_page(here)
    if report_id in state.data.reports:
        markdown = insert_after_title(markdown, _render(config, "report", view.report(report_id), state, lang))
    return markdown


def _used_part(used: set, name: str, render) -> str:
    used.add(name)
    return render()


def _title_as_html_text(page) -> None:
    """A front-matter title is plain text, while a title MkDocs takes from the H1 is HTML
    text (entities escaped): escaped here, every title is HTML text, which the templates
    print with ``| striptags | e`` in any context."""
    title = page.meta.get("title")
    if isinstance(title, str):
        page.meta["title"] = escape_html(title, quote=False)


def _expand_text_markers(markdown, page, config, state, shown, first_line):
    """[[g:]], [[n:]] and [[todo:]] in the markdown's own language (Ukrainian on a page that
    is not translated yet, whatever language is being built)."""
    text_lang = page.file.locale
    report_id = report_of_page(_page_path(page))
    macros = config.theme.get_env().get_template("partials/mena/markers.html").module
    label = state.strings[text_lang]["placeholder.label"]
    return expand_markers(
        markdown,
        lang=text_lang,
        shown=shown,
        glossary=state.glossary,
        render_placeholder=lambda text: str(macros.placeholder(label, text)).strip(),
        check_figure=lambda body: figure_problem(body, text_lang, report_id, state.data.reports.get(report_id), state.data.results),
        first_line=first_line,
    )


def _render(config, template: str, data, state, lang: str) -> str:
    """A generated part of a page, from its template in overrides/partials/mena/.

    It is marked with the visitor's language: on a page not translated yet, the text around
    it is Ukrainian, but the data part is in the visitor's language."""
    env = config.theme.get_env()
    html = env.get_template(f"partials/mena/{template}.html").render(v=data, s=state.strings[lang], lang=lang)
    return f'<div class="mena-generated" lang="{lang}" markdown>\n\n{html}\n\n</div>'


@_reported
def on_page_content(html, page, config, files):
    lang = _language(config)
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    clean, found = sanitise_content(html, parts=page.meta.get("mena_parts", set()), source=source)
    # Anything the sanitiser removed that the markdown scan did not report is a problem too.
    missed = [finding.problem(_shown_path(page, config)) for finding in not_reported_by_scan(page.meta.get("mena_raw_html", []), found)]
    _page_problems.extend(missed)
    page.meta["mena_problems"] = page.meta.get("mena_problems", []) + missed
    return wrap_tables(clean, _state(config).strings[lang]["label.table"])


@_reported
def on_page_context(context, page, config, nav):
    state = _state(config)
    lang = _language(config)
    context["mena"] = page_context(state, _page_path(page), lang)
    if _cache.serving:
        context["mena_problems"] = [str(p) for p in _cache.problems + page.meta.get("mena_problems", [])]
    return context


@_reported
def on_template_context(context, template_name, config):
    if template_name == "404.html":
        state = _state(config)
        lang = _language(config)
        context["mena"] = not_found_context(state, lang)
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
    if _language(config) == state.config.codes[-1] and _page_problems:
        if _cache.serving:  # keep serving: the problems are on the pages and in the terminal
            print(SourceError(list(_page_problems)).report(), file=sys.stderr, flush=True)
            return
        raise PluginError(SourceError(list(_page_problems)).report())


def _load_state(config):
    loads = _cache.loads
    try:
        state = _cache.get(Path(config.config_file_path))
    except SourceError as error:
        if _cache.serving and _cache.current is not None:
            # mkdocs serve: keep the last good version on screen, with the problems on top.
            # (Printed, not logged: in strict mode a logged error would stop the rebuild.)
            if _cache.problems != error.problems:
                print(error.report() + "\nShowing the last good version until this is fixed.", file=sys.stderr, flush=True)
            _cache.problems = error.problems
            return _cache.current
        raise PluginError(error.report()) from None
    _cache.problems = []
    if _cache.loads != loads:
        log.info("mena: sources loaded and checked (%d pages)", len(state.pages.all_pages))
        for line in untranslated_report(state):
            log.info("mena: untranslated: %s", line)
    return state


def _state(config):
    """The state loaded by on_config: page events do not look at the sources again."""
    return _cache.current or _load_state(config)


def _language(config) -> str:
    return config.plugins["i18n"].current_language or config.theme["language"]


def _page_path(page) -> str:
    """The page's path inside its language folder: "reports/2023-q1.md"."""
    return page.file.src_uri.split("/", 1)[1]


def _first_body_line(page, markdown: str) -> int:
    """The file's line where the markdown starts: MkDocs has removed the front matter."""
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    body = markdown.lstrip("\n")
    start = source.find(body[:200])
    if start < 0:
        return 1
    blank_lines_before_body = len(markdown) - len(body)
    return source.count("\n", 0, start) + 1 - blank_lines_before_body


def _shown_path(page, config) -> str:
    """The source file as the editor knows it: "docs/en/contact.md"."""
    project = Path(config.config_file_path).resolve().parent
    return Path(page.file.abs_src_path).resolve().relative_to(project).as_posix()
