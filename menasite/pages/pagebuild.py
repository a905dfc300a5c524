"""What a build does to each page, as plain functions the MkDocs hook calls.

The hook only adapts: it takes what it needs from MkDocs' objects (the page's path, its
markdown, the theme's templates) and hands it here as plain values and callables, so each
step can be tested without a build.
"""

from __future__ import annotations

import difflib
import functools
import json
import logging
import os
import pickle
import posixpath
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape as escape_html
from pathlib import Path

from menasite.data.programmes import programme_data_file, programme_of_page
from menasite.data.reports import report_data_file, report_of_page
from menasite.messages import Msg, message_language, render, t
from menasite.pages.figures import figure_problem
from menasite.pages.htmlblocks import SetAside, put_back, set_aside
from menasite.pages.htmlparts import wrap_tables
from menasite.pages.markers import expand_markers, insert_after_title, replace_page_markers
from menasite.pages.parts import PARTS, Part, programme_part, report_part
from menasite.pages.parts import RESULTS as RESULTS_FILE
from menasite.pages.rawhtml import Finding, cleaned_content, not_reported_by_scan, sanitise_content, scan_markdown
from menasite.pages.sitestate import CHECK_EVERYTHING_VARIABLE, SiteState, SiteStateCache, untranslated_report
from menasite.pages.views import View
from menasite.problems import PROBLEMS_FILE_VARIABLE, Problem, SourceError, problems_to_json, unexpected

# A template of the theme, rendered with these values: ("partials/mena/council.html", v=..., s=..., lang=...).
RenderTemplate = Callable[..., str]
# The placeholder mark of [[todo:...]] (the macro in partials/mena/markers.html): (label, text) -> HTML.
RenderPlaceholder = Callable[[str, str], str]

# Two footnote references side by side ("1654" then 5 then 4) would read as one number ("1654⁵⁴").
_ADJACENT_FOOTNOTE_REFS = re.compile(r'(<a class="footnote-ref"[^>]*>[^<]*</a></sup>)(?=<sup id="fnref)')


def separate_footnote_refs(html: str) -> str:
    """A comma between adjacent footnote references (¹,²): seen, and read by screen readers."""
    return _ADJACENT_FOOTNOTE_REFS.sub(r"\1<sup>,</sup>", html)


def placeholder_shown(fallback: str, mark: str, production: bool) -> str:
    """What a page shows for a placeholder: visitors (production) its fallback only; previews
    the fallback and, after it, the editors' mark of what is missing."""
    if production:
        return fallback
    return f"{fallback} {mark}" if fallback else mark


@dataclass(frozen=True)
class Skipped:
    """A marker of a page not filled in nor checked: it needs data files that have problems."""

    what: str | Msg  # as written: "<!-- mena:partners -->", "[[n:result.bus-2023-q1=1]]"; or a part
    page: str  # docs/uk/partners.md
    needs: tuple[str, ...]  # the data files with problems it needs


@dataclass
class CompletedPage:
    markdown: str
    problems: list[Problem]  # file and line of the markdown an editor wrote
    raw_html: list[Finding]  # what the scan of the raw HTML found (the sanitiser is compared with it)
    parts: set[str] = field(default_factory=set)  # the parts put in (the sanitiser allows the search part's form)
    skipped: list[Skipped] = field(default_factory=list)  # markers left out: their data has problems
    # The parts' HTML blocks set aside from Markdown (htmlblocks), put back into the page's HTML.
    blocks: dict[str, str] = field(default_factory=dict)
    block_originals: dict[str, str] = field(default_factory=dict)
    block_ids: set[str] = field(default_factory=set)  # their anchors, for MkDocs' link check
    block_parts: dict[str, str | Msg] = field(default_factory=dict)  # token -> its part's marker


class RenderedParts:
    """The generated parts a build rendered, kept for the next build in the same process
    (``mkdocs serve``): a saved page that changes no data, template, address or date renders
    no part again. Whatever parts are made from changing empties it: the data (a changed data
    file is read anew, as a new object), the site's configuration, the history's dates, the
    site's templates."""

    def __init__(self) -> None:
        self._data: object = None
        self._others: tuple = ()
        self._parts: dict[tuple[str, str, str, int], SetAside] = {}
        self._finished: dict[tuple[str, str], tuple[tuple, tuple[str, list[Problem]]]] = {}

    def made_from(self, data: object, *others: object) -> None:
        if data is not self._data or others != self._others:
            self._parts.clear()
            self._finished.clear()
            self._data, self._others = data, others

    def get(self, key: tuple[str, str, str, int], render: Callable[[], SetAside]) -> SetAside:
        """The part of this key (name, language, page, which time on the page) as rendered."""
        if key not in self._parts:
            self._parts[key] = render()
        return self._parts[key]

    def finished(
        self, key: tuple[str, str], made_from: tuple, finish: Callable[[], tuple[str, list[Problem]]]
    ) -> tuple[str, list[Problem]]:
        """A page's finished HTML and problems (``finish_html``), as the last build finished it
        if it was made from the same (its Markdown's HTML holds the same parts' tokens, so the
        same parts)."""
        kept = self._finished.get(key)
        if kept is None or kept[0] != made_from:
            kept = self._finished[key] = (made_from, finish())
        return kept[1]


# Lives in this module, which MkDocs does not load anew with every rebuild (the hook it does).
rendered_parts = RenderedParts()


def broken_needed(state: SiteState, needs: tuple[str, ...]) -> tuple[str, ...]:
    """The data files with problems among ``needs`` (a folder stands for every file in it)."""
    broken = state.data.broken
    return tuple(sorted(shown for shown in broken for need in needs if shown == need or shown.startswith(need + "/")))


def figure_needs(body: str, report_id: str | None) -> tuple[str, ...]:
    """The data files a [[n:...]] figure is checked against."""
    kind = body.partition("=")[0].strip().partition(".")[0]
    report = (report_data_file(report_id),) if report_id else ()
    return {"result": (RESULTS_FILE, *report), "spending": report}.get(kind, ())


def complete_markdown(
    markdown: str,
    *,
    state: SiteState,
    lang: str,
    page: str,
    text_lang: str,
    shown: str,
    first_line: int,
    render_template: RenderTemplate,
    render_placeholder: RenderPlaceholder,
    parts_kept: RenderedParts | None = None,
) -> CompletedPage:
    """A page's markdown with its markers filled in for the language being built.

    ``page`` is the path inside the language folder ("reports/2023-q1.md"), ``text_lang`` the
    language the markdown is written in (Ukrainian on a page not translated yet), ``shown``
    the file as the editor knows it and ``first_line`` its line where ``markdown`` starts.
    ``parts_kept``: the parts of the last build, when they may still hold (mkdocs serve)."""
    report_id = report_of_page(page)
    report = state.data.reports.get(report_id) if report_id else None
    label = state.strings[text_lang]["placeholder.label"]
    skipped: list[Skipped] = []

    def check_figure(body: str):
        needs = broken_needed(state, figure_needs(body, report_id))
        if needs:
            skipped.append(Skipped(f"[[n:{body}]]", shown, needs))
            return None
        return figure_problem(
            body, text_lang, report_id, report, state.data.results, state.data.council.get("community")
        )

    # [[g:]], [[n:]] and [[todo:]] in the markdown's own language.
    markdown, problems = expand_markers(
        markdown,
        lang=text_lang,
        shown=shown,
        glossary=state.glossary,
        render_placeholder=lambda text, fallback: placeholder_shown(
            fallback, render_placeholder(label, text).strip(), state.config.production
        ),
        check_figure=check_figure,
        first_line=first_line,
    )
    # Raw HTML is checked before the generated parts (the site's own HTML) are put in.
    raw_html = scan_markdown(markdown, first_line)
    problems += [finding.problem(shown) for finding in raw_html]
    view = View(state, lang, page)
    used: set[str] = set()
    aside = SetAside("", {}, {}, set())
    block_parts: dict[str, str | Msg] = {}  # token -> the marker (or part) it belongs to
    times_asked: Counter[str] = Counter()

    def part_or_skipped(part: Part, what: str | Msg) -> str:
        used.add(part.name)  # a report's or programme's part too: the sanitiser allows what it needs
        needs = broken_needed(state, part.data)
        if needs:
            skipped.append(Skipped(what, shown, needs))
            return ""
        render = functools.partial(render_part, part, view, state, lang, render_template)
        times_asked[part.name] += 1  # a part asked for twice gets blocks (tokens) of its own each time
        key = (part.name, lang, page, times_asked[part.name])
        rendered = parts_kept.get(key, render) if parts_kept else render()
        aside.blocks.update(rendered.blocks)
        aside.originals.update(rendered.originals)
        aside.ids.update(rendered.ids)
        block_parts.update(dict.fromkeys(rendered.blocks, what))
        return rendered.markdown

    def block(part: Part) -> Callable[[], str]:
        def rendered() -> str:
            used.add(part.name)
            return part_or_skipped(part, part.marker)

        return rendered

    blocks = {name: block(part) for name, part in PARTS.items()}
    markdown, unknown = replace_page_markers(markdown, blocks, shown=shown, first_line=first_line)
    if report_id is not None and (report is not None or report_data_file(report_id) in state.data.broken):
        report_html = part_or_skipped(report_part(report_id), t("the report's data part"))
        markdown = insert_after_title(markdown, report_html) if report_html else markdown
    programme_id = programme_of_page(page)
    if programme_id is not None and (
        programme_id in state.data.programmes or programme_data_file(programme_id) in state.data.broken
    ):
        programme_html = part_or_skipped(programme_part(programme_id), t("the programme's data part"))
        markdown = insert_after_title(markdown, programme_html) if programme_html else markdown
    return CompletedPage(
        markdown,
        problems + unknown,
        raw_html,
        used,
        skipped,
        blocks=aside.blocks,
        block_originals=aside.originals,
        block_ids=aside.ids,
        block_parts=block_parts,
    )


def render_part(part: Part, view: View, state: SiteState, lang: str, render_template: RenderTemplate) -> SetAside:
    """A generated part of a page, from its template in overrides/partials/mena/, with its
    HTML blocks set aside (``htmlblocks``: the page's HTML gets them back after Markdown).

    It is marked with the visitor's language: on a page not translated yet, the text around
    it is Ukrainian, but the data part is in the visitor's language."""
    html = render_template(part.template_path, v=part.view(view), s=state.strings[lang], lang=lang)
    aside = set_aside(html)
    aside.markdown = f'<div class="mena-generated" lang="{lang}" markdown>\n\n{aside.markdown}\n\n</div>'
    return aside


def finish_html(
    page_html: str,
    *,
    completed: CompletedPage | None,
    source: str,
    shown: str,
    table_label: str,
    heading_ids: set[str] | frozenset[str] = frozenset(),
) -> tuple[str, list[Problem]]:
    """The page's HTML cleaned by the raw-HTML allow-list, its tables made scrollable; and
    the problems for what the sanitiser removed that the markdown scan did not report, for
    headings (``heading_ids``: the table of contents) whose anchor a part already has, and for
    parts whose marker is inside an element of raw HTML."""
    parts = completed.parts if completed else set()
    # The allow-list's findings are the editors' HTML only (the parts' blocks are set aside: the
    # site's own HTML, from its templates and from data the schemas have checked); the page is
    # cleaned whole, as before, since an element an editor left open reaches into a part.
    _, found = sanitise_content(page_html, parts=parts, source=source)
    whole, misplaced = put_back(page_html, completed.blocks if completed else {})
    clean = cleaned_content(whole, parts)
    if misplaced:  # the part's own <div markdown> is then raw HTML too: said once, as the marker's place
        found = [finding for finding in found if (finding.tag, finding.attribute) != ("div", "markdown")]
    missed = [
        finding.problem(shown) for finding in not_reported_by_scan(completed.raw_html if completed else [], found)
    ]
    missed += anchors_used_twice(heading_ids & (completed.block_ids if completed else set()), shown)
    missed += parts_inside_raw_html([completed.block_parts[token] for token in misplaced] if completed else [], shown)
    return wrap_tables(separate_footnote_refs(clean), table_label), missed


def parts_inside_raw_html(parts: list[str | Msg], shown: str) -> list[Problem]:
    """Generated parts that Markdown read as text: their marker inside an element of the
    editor's raw HTML (a <details> around it, or an element opened above it and not closed),
    whose content Markdown leaves as written."""
    return [
        Problem(
            shown,
            None,
            part,
            t("the marker on a line of its own, outside any HTML element"),
            t("the marker inside an HTML element, whose content Markdown leaves as written"),
        )
        for part in dict.fromkeys(parts)
    ]


def anchors_used_twice(anchors: set[str] | frozenset[str], shown: str) -> list[Problem]:
    """Headings whose anchor an element of a generated part has too. Markdown numbered such a
    heading's automatic anchor apart ("#partners_1") when it saw the parts' HTML, which it no
    longer does (``htmlblocks``), and kept a written one ({#partner-donors-dk}) twice: either
    way a link to it could land on the wrong place. Said to the editor, who words the heading
    otherwise or gives it an anchor of its own."""
    return [
        Problem(
            shown,
            None,
            t("the heading with the anchor #{id}", id=anchor),
            t("an anchor of its own: the heading worded otherwise, or {{#another-anchor}} written after it"),
            t("#{id}, which is also an anchor in the data the page shows", id=anchor),
        )
        for anchor in sorted(anchors)
    ]


def title_as_html_text(title: object) -> object:
    """A front-matter title is plain text, while a title MkDocs takes from the H1 is HTML
    text (entities escaped): escaped here, every title is HTML text, which the templates
    print with ``| striptags | e`` in any context."""
    return escape_html(title, quote=False) if isinstance(title, str) else title


def first_body_line(source: str, markdown: str) -> int:
    """The file's line where ``markdown`` starts: MkDocs has removed the front matter."""
    body = markdown.lstrip("\n")
    start = source.find(body[:200])
    if start < 0:
        return 1
    blank_lines_before_body = len(markdown) - len(body)
    return source.count("\n", 0, start) + 1 - blank_lines_before_body


def shown_file(source_file: str | Path, project: Path) -> str:
    """A source file as the editor knows it: "docs/en/contact.md"."""
    return Path(source_file).resolve().relative_to(project.resolve()).as_posix()


# --- what the build says -----------------------------------------------------------------------


def unexpected_error_message(error: Exception, where: str) -> str | None:
    """One line for an unexpected exception in a page event, naming the file being worked on
    (MkDocs would print a traceback); None for a problem in the sources, already in plain words."""
    if isinstance(error, SourceError):
        return None
    return render(unexpected(f"{type(error).__name__}: {error}", where), message_language())


def hand_over_unexpected(message: str) -> None:
    """Tell the build command that the tools failed (exit 70), not the sources (exit 1)."""
    path = os.environ.get(PROBLEMS_FILE_VARIABLE)
    if path:
        Path(path).write_text(json.dumps({"unexpected": message}), encoding="utf-8")


def problems_report(problems: list[Problem]) -> str:
    """Every problem found in the pages, reported together in the editors' language."""
    return SourceError(list(problems)).report()


def hand_over_problems(problems: list[Problem]) -> None:
    """When the build command started MkDocs, it reads the problems back as data from the file
    it named, to report them with everything else in the editor's language."""
    path = os.environ.get(PROBLEMS_FILE_VARIABLE)
    if path:
        Path(path).write_text(problems_to_json(problems), encoding="utf-8")


@dataclass(frozen=True)
class Loaded:
    """The sources as one language's build starts."""

    state: SiteState | None  # None: the build must stop with ``failure``
    failure: str | None = None  # the problems, in the editors' language
    notice: str | None = None  # to print (not log: in strict mode a logged error stops mkdocs serve)
    log_lines: tuple[str, ...] = ()  # to log when the sources were read anew


def load_sources(cache: SiteStateCache, config_file: Path) -> Loaded:
    """The state of the sources, read again only when one changed.

    Under ``mkdocs serve`` a mistake keeps the last good version on screen, with the
    problems on top of every page, until it is fixed."""
    loads = cache.loads
    lenient = bool(os.environ.get(CHECK_EVERYTHING_VARIABLE)) and not cache.serving
    try:
        state = cache.get(config_file, lenient)
    except SourceError as error:
        if cache.serving and cache.current is not None:
            notice = (
                None
                if cache.problems == error.problems
                else error.report()
                + "\n"
                + render(t("Showing the last good version until this is fixed."), message_language())
            )
            cache.problems = error.problems
            return Loaded(cache.current, notice=notice)
        hand_over_problems(error.problems)
        return Loaded(None, failure=error.report())
    cache.problems = []
    if cache.loads == loads:
        return Loaded(state)
    lines = [f"sources loaded and checked ({len(state.pages.all_pages)} pages)"] + [
        f"untranslated: {line}" for line in untranslated_report(state)
    ]
    return Loaded(state, log_lines=tuple(lines))


# --- MkDocs' own warnings, as the project's problems ------------------------------------------
#
# MkDocs logs a broken link or anchor as an English "WARNING -" line, and in strict mode stops
# after the first language. The hook collects the warnings from MkDocs' logger instead (the
# build goes on through every language) and reports each once, with the markdown file and its
# line, in the editor's language.


class WarningCollector(logging.Handler):
    """MkDocs' warnings of one build, each once, in the order they came."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno != logging.WARNING:
            return  # an error stops MkDocs: it is reported from MkDocs' output (crash_report)
        message = record.getMessage()
        if message not in self.messages:
            self.messages.append(message)


collected_warnings = WarningCollector()  # in this module: loaded once per process, unlike the hook


def collect_warnings(logger: logging.Logger) -> None:
    """Collect the warnings of ``logger`` (MkDocs') instead of printing them."""
    if collected_warnings not in logger.handlers:
        logger.addHandler(collected_warnings)
    for handler in logger.handlers:
        if handler is not collected_warnings and _below_warnings not in handler.filters:
            handler.addFilter(_below_warnings)


def _below_warnings(record: logging.LogRecord) -> bool:
    """MkDocs' console output without the warnings (collected); errors are still printed."""
    return record.levelno != logging.WARNING


_DOC_FILE = r"Doc file '(?P<src>[^']+)' contains "
_WARNINGS = [
    # (pattern, what was found, what is expected); the link's target is looked up for "did you mean"
    (
        re.compile(_DOC_FILE + r"a link '(?P<link>[^']+)', but the target( '[^']+')? is not found among documentation"),
        "link",
    ),
    (re.compile(_DOC_FILE + r"an unrecognized relative link '(?P<link>[^']+)'"), "link"),
    (
        re.compile(
            _DOC_FILE + r"a link '(?P<link>[^']+)', but the doc '[^']+' does not contain an anchor '#(?P<anchor>[^']+)'"
        ),
        "anchor",
    ),
    (re.compile(_DOC_FILE + r"a link '(?P<link>[^']+)', but there is no such anchor on this page"), "anchor"),
    (re.compile(_DOC_FILE + r"an absolute link '(?P<link>[^']+)'"), "absolute"),
    (re.compile(_DOC_FILE + r"a link to '(?P<link>[^']+)' which is excluded"), "excluded"),
]


def warning_problem(message: str, state: SiteState) -> Problem:
    """One MkDocs warning in the editor's words: the markdown file, the line of the link, what
    is wrong and, for a link to no page, the closest pages."""
    docs = state.config.docs_dir.relative_to(state.config.root).as_posix()
    for pattern, kind in _WARNINGS:
        match = pattern.match(message)
        if match is None:
            continue
        source, link = match["src"], match["link"]
        shown = f"{docs}/{source}"
        line = line_of(state.config.docs_dir / source, link)
        field = t("link {link}", link=link)
        if kind == "anchor":
            return Problem(
                shown,
                line,
                field,
                t("a heading or anchor that exists"),
                t("no anchor '#{anchor}'", anchor=match.groupdict().get("anchor") or link.partition("#")[2]),
            )
        if kind == "absolute":
            return Problem(shown, line, field, t("a link relative to this file (../contact.md)"), t("an absolute link"))
        if kind == "excluded":
            return Problem(shown, line, field, t("a page that is published"), t("a page left out of the site"))
        close = closest_pages(source, link, state)
        found = t("no such page or file (did you mean {close}?)", close=close) if close else t("no such page or file")
        return Problem(
            shown, line, field, t("the path of a page or file of the site, from this file (../contact.md)"), found
        )
    return Problem("mkdocs.yml", None, t("MkDocs"), t("a build without warnings"), message)


def line_of(path: Path, link: str) -> int | None:
    """The first line of a markdown file that holds ``link`` as a link's address."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    written = [f"]({link}", f"({link})", f"<{link}>", f'"{link}"', f"'{link}'", f"]: {link}", link]
    for candidate in written:
        for number, text in enumerate(lines, 1):
            if candidate in text:
                return number
    return None


def closest_pages(source: str, link: str, state: SiteState) -> str:
    """The pages of the same language closest to a link that leads nowhere, as written from
    ``source`` ("en/programme.md"): "'reports/index.md'"."""
    lang, _, page = source.partition("/")
    folder = posixpath.dirname(page)
    path = link.split("#")[0]
    candidates = sorted(posixpath.relpath(other, folder or ".") for other in state.pages.sources.get(lang, ()))
    found = difflib.get_close_matches(path, candidates, n=2, cutoff=0.6)
    return ", ".join(f"'{name}'" for name in found)


# Where the build command wants the data's values once the build has passed (the translation
# status page reads them): the data is read and checked once per build, in MkDocs' process.
BUILD_STATE_FILE_VARIABLE = "MENA_BUILD_STATE_FILE"


def hand_over_state_to_build(state: SiteState) -> None:
    """The sources as this build read and checked them (pages, data, words, its address), for
    the build command that started MkDocs: it writes the open data, the feeds, the sharing
    images and the editors' page from them instead of reading them again. Pickled, into the
    command's own work folder."""
    path = os.environ.get(BUILD_STATE_FILE_VARIABLE)
    if path:
        Path(path).write_bytes(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))


def hand_over_everything(problems: list[Problem], skipped: list[Skipped]) -> None:
    """The problems and the markers left out, for the build command that started MkDocs."""
    path = os.environ.get(PROBLEMS_FILE_VARIABLE)
    if path:
        notes = [Problem(item.page, None, item.what, ", ".join(item.needs), "") for item in skipped]
        Path(path).write_text(
            json.dumps(
                {"problems": json.loads(problems_to_json(problems)), "skipped": json.loads(problems_to_json(notes))}
            ),
            encoding="utf-8",
        )


def skipped_from_problems(notes: list[Problem]) -> list[Skipped]:
    return [Skipped(note.field, note.file, tuple(str(note.expected).split(", "))) for note in notes]
