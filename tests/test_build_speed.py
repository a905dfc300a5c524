"""The build's faster paths give what the plain ones gave, and the benchmark's generators make
valid projects.

Each speed change keeps the output byte-identical; these tests hold each fast path against the
straightforward way it replaced, on the same input: the history of data files from one git log
against a git log and git show per file and commit, ancestry from one graph against git
merge-base, field names against counting ids for every field, and the translation status page
a build writes (from the data the hook handed over) against the page made from sources loaded
anew.
"""

from __future__ import annotations

import dataclasses
import functools
import random
import re
import shutil
import subprocess
import sys
from itertools import permutations
from pathlib import Path

import jinja2
import material
import pytest
from conftest import GIT_ENV, ROOT, make_project
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from menasite.data.fieldnames import FieldNames, _id_of
from menasite.data.git import Git
from menasite.data.history import ChangeDates, newest
from menasite.data.yamldoc import load_document
from menasite.pages import starttags
from menasite.pages.htmlblocks import SetAside
from menasite.pages.pagebuild import RenderedParts
from menasite.pages.siteconfig import load_site_config
from menasite.pages.sitestate import (
    STATE_FILE_VARIABLE,
    CheckedSources,
    SiteStateCache,
    hand_over_state,
    load_site_state,
    source_fingerprint,
)
from menasite.pages.starttags import _walked_start_tags, parsed_start_tags, start_tags
from menasite.pages.themefiles import template_names
from menasite.pages.translations import scan_pages
from menasite.site import ogimage, postbuild, translation_status
from menasite.site.build import build_site, translation_status_page
from menasite.site.postbuild import check_references

sys.path.insert(0, str(ROOT / "benchmarks"))
import build_speed  # noqa: E402
import sitegen  # noqa: E402


def git(repo, *args) -> str:
    return subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True, text=True).stdout


def write(repo, relative: str, text: str) -> None:
    (repo / relative).parent.mkdir(parents=True, exist_ok=True)
    (repo / relative).write_text(text, encoding="utf-8")


def commit(repo, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def branched_history(tmp_path):
    """Files added, changed, removed and brought back, on two branches merged twice (once
    with a conflict resolved by hand, which changes the file against both parents)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(repo, "data/a.yml", "a: {uk: один, en: one}\n")
    commit(repo, "a")
    write(repo, "data/b.yml", "b: {uk: два}\n")
    write(repo, "data/a.yml", "a: {uk: один, en: one, pl: jeden}\n")
    commit(repo, "b, a in Polish")
    git(repo, "checkout", "-q", "-b", "side")
    write(repo, "data/b.yml", "b: {uk: два, en: two}\n")
    commit(repo, "side: b in English")
    write(repo, "data/a.yml", "a: {uk: одна, en: one, pl: jeden}\n")
    commit(repo, "side: a")
    git(repo, "checkout", "-q", "main")
    write(repo, "data/c.yml", "c: {uk: три}\n")
    commit(repo, "c")
    git(repo, "merge", "-q", "--no-edit", "side")
    git(repo, "checkout", "-q", "side")
    write(repo, "data/c.yml", "c: {uk: три, en: three}\n")
    commit(repo, "side: c")
    git(repo, "checkout", "-q", "main")
    write(repo, "data/c.yml", "c: {uk: три, pl: trzy}\n")
    commit(repo, "main: c")
    subprocess.run(["git", "merge", "-q", "--no-edit", "side"], cwd=repo, env=GIT_ENV, capture_output=True)
    write(repo, "data/c.yml", "c: {uk: три, en: three, pl: trzy}\n")  # the conflict, resolved
    commit(repo, "merge side, c resolved")
    git(repo, "rm", "-q", "data/b.yml")
    commit(repo, "b removed")
    write(repo, "data/b.yml", "b: {uk: два знову}\n")
    commit(repo, "b again")
    return repo


def test_the_history_of_every_file_in_one_git_log_is_what_git_log_and_git_show_per_file_give(branched_history):
    repo = branched_history
    paths = ["data/a.yml", "data/b.yml", "data/c.yml"]
    histories = Git(repo).file_histories(paths)
    blobs = [blob for changes in histories.values() for c in changes for blob in (c.before, c.after) if blob]
    texts = Git(repo).blob_texts(blobs)
    for path in paths:
        commits = git(repo, "log", "--format=%H", "--topo-order", "--reverse", "--", path).split()
        assert [change.commit for change in histories[path]] == commits
        for change in histories[path]:
            after = texts.get(change.after) if change.after else None
            before = texts.get(change.before) if change.before else None
            assert after == show(repo, change.commit, path)
            assert before == show(repo, f"{change.commit}^", path)
    assert any(len(git(repo, "rev-list", "--parents", "-1", c.commit).split()) == 3 for c in histories["data/c.yml"])


def show(repo, revision: str, path: str) -> str | None:
    done = subprocess.run(["git", "show", f"{revision}:{path}"], cwd=repo, capture_output=True)
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else None


def test_ancestry_from_one_graph_is_what_git_merge_base_says(branched_history):
    repo = branched_history
    commits = git(repo, "rev-list", "--all").split()
    fast = Git(repo)
    for older, newer in permutations(commits, 2):
        expected = subprocess.run(["git", "merge-base", "--is-ancestor", older, newer], cwd=repo).returncode == 0
        assert fast.is_ancestor(older, newer) == expected, (older, newer)


def test_field_names_counted_once_per_list_are_those_counted_for_every_field():
    def one_by_one(path, value):
        name = ""
        for part in path:
            if isinstance(part, int):
                item = value[part] if isinstance(value, list) and 0 <= part < len(value) else None
                item_id = _id_of(item)
                unique = item_id is not None and sum(_id_of(other) == item_id for other in value or []) == 1
                name += f"[{item_id if unique else part + 1}]"
                value = item
            else:
                name += f".{part}" if name else str(part)
                value = value.get(part) if isinstance(value, dict) else None
        return name or "(the whole file)"

    twice = {"items": [{"id": "x", "t": 1}, {"id": "x", "t": 2}, {"id": "y", "t": [{"id": "z"}]}, "plain"]}
    documents = [twice] + [
        load_document(path, path.name, expected="data").value for path in sorted((ROOT / "data").glob("*.yml"))
    ]
    for value in documents:
        names = FieldNames(value)
        for path in all_paths(value, ()):
            assert names(path) == one_by_one(path, value)


def all_paths(value, path):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from all_paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from all_paths(item, path + (index,))


def test_the_status_page_a_build_writes_is_the_one_made_from_the_sources_loaded_anew(site):
    """The build writes it from the sources its MkDocs process checked and handed over; loading
    and checking the sources again (as builds did) gives the same page, byte for byte."""
    expected, _ = translation_status_page(ROOT, load_site_state(ROOT / "mkdocs.yml", {"SITE_URL": site.site_url}))
    written = (site.path / "editors" / "translations" / "index.html").read_text(encoding="utf-8")
    assert re.sub(r"\?v=[0-9a-f]+", "", written) == expected  # the ?v= of its stylesheet aside (webfiles)


def test_texts_of_past_versions_kept_for_the_next_builds_are_those_parsed_from_git(branched_history, monkeypatch):
    """Every version of the data files, parsed by one build, is taken from .cache/texts/ by the
    next (a version never changes): the same texts, and git is not asked for it again."""
    monkeypatch.delenv("MENA_NO_CACHE", raising=False)
    repo, paths = branched_history, ["data/a.yml", "data/b.yml", "data/c.yml"]
    blobs = [
        blob for changes in Git(repo).file_histories(paths).values() for c in changes for blob in (c.before, c.after)
    ]
    kept = repo / ".cache" / "texts"
    plain = translation_status._TextsOfBlobs(Git(repo), blobs)
    first = translation_status._TextsOfBlobs(Git(repo), blobs, kept)
    parsed = {blob: first.of(blob) for blob in blobs}
    assert parsed == {blob: plain.of(blob) for blob in blobs} and any(parsed.values())
    asked: list = []
    monkeypatch.setattr(Git, "blob_texts", lambda self, wanted: asked.extend(wanted) or {})
    second = translation_status._TextsOfBlobs(Git(repo), blobs, kept)
    assert {blob: second.of(blob) for blob in blobs} == parsed and asked == []


# --- start tags read without html.parser's per-token calls (both HTML walls) ------------------


def test_start_tags_of_every_built_page_and_source_are_those_html_parser_reads(site):
    """The link check reads every built page and the raw-HTML wall every page's content (and
    the markdown) through ``start_tags``: the same lines, tags and attributes as html.parser."""
    pages = [site.path / page for page in site.pages()]
    sources = sorted((ROOT / "docs").rglob("*.md"))
    assert len(pages) > 30
    for path in pages + sources:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            assert _walked_start_tags(text) is not None, path  # the fast path itself, not its fallback
        assert start_tags(text) == parsed_start_tags(text), path


@pytest.mark.parametrize(
    "markup",
    [
        '<!doctype html>\n<html lang="uk"><head><script type="application/ld+json">{"a": "<b id=x>"}</script>',
        '<p id=bare class=\'single\' data-x="a &amp; b" hidden>\n<br/><img src="a.png" alt="">',
        '<A HREF="/x" Title="T">x</A><!-- <a href="in-comment"> --><a href="after">',
        '<style>p > a { color: red }</style><a href="y">',
        "<script>if (a < b) { x('</scr' + 'ipt>') }</script><i id=z>",
        '<a href="x"/><p/ id="y"><div\nclass="m"\n>\n</div >',
        '<a href="x"onclick="y"><b id=\'q\'r=s>',
        "<p>a < b and c<d</p><a",
        '<?php echo 1 ?><![CDATA[<a href="x">]]></ bogus><a href="z">',
        '<a href="cut',
        "<script>never closed <a href=x>",
        "<!-- never closed <a href=x>",
        "</>",
    ],
)
def test_start_tags_of_unusual_markup_are_those_html_parser_reads(markup):
    assert start_tags(markup) == parsed_start_tags(markup)


def test_start_tags_of_random_markup_are_those_html_parser_reads():
    """Random pieces of markup, such as an editor's raw HTML might hold: wherever the fast path
    answers (it leaves the strangest to html.parser), it answers as html.parser does."""
    pieces = ["<", ">", "/", "!", "-", "--", '"', "'", "=", " ", "\n", "\t", "a", "p", "B", "img", "script"]
    pieces += ["style", "href", "id", "src=", "&amp;", "&", "?", "[", ":", ".", "<!--", "-->", "<!doctype"]
    pieces += ["</", "/>", '<a href="', "<p>", "</script>", "<br/>", "SCRIPT"]
    rng = random.Random(16)
    answered = 0
    for _ in range(20000):
        markup = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        fast = _walked_start_tags(markup)
        if fast is not None:
            answered += 1
            assert fast == parsed_start_tags(markup), markup
    assert answered > 5000  # the fast path is what is tested, not only its fallback


def test_start_tags_go_to_html_parser_on_a_python_whose_html_parser_reads_otherwise(monkeypatch):
    """Later Pythons changed how html.parser reads some markup (comments, a script's end): the
    fast path checks itself against html.parser once, and steps aside if they disagree."""
    assert starttags._fast_path_agrees()  # this Python: the fast path is the one used
    markup = '<a href="x">'
    monkeypatch.setattr(starttags, "parsed_start_tags", lambda text: [(1, "a", [("href", "read otherwise")])])
    monkeypatch.setattr(starttags, "_fast_path_agrees", functools.cache(starttags._fast_path_agrees.__wrapped__))
    assert starttags.start_tags(markup) == [(1, "a", [("href", "read otherwise")])]


def test_addresses_judged_once_per_folder_depth_are_judged_as_on_each_page(site, tmp_path, monkeypatch):
    """The link check judges an address that climbs to the site's root once for every folder
    as deep: the same problems, with the same pages and lines, as judging it on each page."""
    copy = tmp_path / "site"
    shutil.copytree(site.path, copy)
    broken = (
        '<a href="../../nowhere/">x</a><img src="../../assets/missing.png" alt="x">'
        '<a href="../../#no-such-id">x</a><a href="../../../../../outside/">x</a><a href="../#nor-this">x</a>'
    )
    # The same addresses on pages one and two folders deep (en/index.html, en/partners/index.html):
    # from the first they leave the site, from the others they name missing files and anchors.
    deep_pages = [page for page in site.pages() if page.count("/") == 1][:3]
    deep_pages += [page for page in site.pages() if page.count("/") == 2][:6]
    assert len(deep_pages) == 9
    for page in deep_pages:
        path = copy / page
        path.write_text(path.read_text(encoding="utf-8").replace("</main>", broken + "</main>"), encoding="utf-8")
    pages = scan_pages(load_site_config(ROOT / "mkdocs.yml", {"SITE_URL": site.site_url}))
    once_per_depth = check_references(copy, pages)
    monkeypatch.setattr(postbuild, "_judged_from", lambda page_url, base, value: page_url)  # on each page
    on_each_page = check_references(copy, pages)
    assert len(once_per_depth) == 5 * len(deep_pages)
    assert [str(problem) for problem in once_per_depth] == [str(problem) for problem in on_each_page]


def test_the_theme_files_listed_once_are_those_jinja_lists_and_a_file_added_to_the_site_is_seen(tmp_path):
    """MkDocs copies the theme's files listed by Jinja, for each language build: the installed
    theme's folder is listed once per process, the site's own folder each time."""
    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    folders = [str(overrides), str(Path(material.__file__).parent / "templates")]
    assert template_names(folders) == jinja2.FileSystemLoader(folders).list_templates()
    (overrides / "assets" / "added.svg").write_text("<svg/>", encoding="utf-8")
    assert "assets/added.svg" in template_names(folders)
    assert template_names(folders) == jinja2.FileSystemLoader(folders).list_templates()


def test_mkdocs_copies_the_same_theme_files_from_the_listing_made_once():
    """What MkDocs takes from the theme for each language build (its own filter over the
    listing) is the same from the hook's listing as from Jinja's."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    plain = Files([])
    plain.add_files_from_theme(config.theme.get_env(), config)
    config.plugins["hooks/i18n_pages.py"]._list_theme_files_once(config.theme)
    listed_once = Files([])
    listed_once.add_files_from_theme(config.theme.get_env(), config)
    assert len(plain) > 50  # the theme's CSS, fonts, the site's assets
    assert [(f.src_uri, f.abs_src_path) for f in listed_once] == [(f.src_uri, f.abs_src_path) for f in plain]


def test_the_newest_date_under_each_path_from_the_index_is_the_newest_of_the_files_under_it():
    """Every page asks for the newest date of the files and folders it shows: answered from an
    index made once instead of a search of every file for every page."""

    def searched(dates, paths):
        def covered(name):
            return any(name == path or name.startswith(path.rstrip("/") + "/") for path in paths)

        return max((date for name, date in dates.items() if covered(name)), default=None)

    rng = random.Random(16)
    folders = ["data", "data/reports", "data/programmes", "docs/uk", "docs/uk/reports", "docs/en"]
    dates = {
        f"{rng.choice(folders)}/{rng.choice('abcdefgh')}{n}.yml": f"2026-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"
        for n in range(300)
    }
    queries = folders + [name for name in list(dates)[:40]] + ["data/reports/", "docs", "nowhere", "data/res", ""]
    indexed = ChangeDates(dates)
    for _ in range(2000):
        paths = rng.sample(queries, rng.randint(0, 4))
        assert newest(indexed, paths) == newest(dates, paths) == searched(dates, paths), paths


def test_compiled_templates_are_kept_between_builds_and_compiled_again_once_changed(tmp_path, monkeypatch):
    """Templates compiled by one build are taken by the next from .cache/templates/ (as Python
    takes its compiled modules); a changed template is compiled again; nothing is written
    with MENA_NO_CACHE=1."""
    hook = load_config(str(ROOT / "mkdocs.yml")).plugins["hooks/i18n_pages.py"]
    sources = {"page.html": "Hello {{ name }}"}
    compiled = []
    monkeypatch.setattr(jinja2.Environment, "_compile", _counting(jinja2.Environment._compile, compiled))
    monkeypatch.delenv("MENA_NO_CACHE", raising=False)

    def render_in_a_new_process(folder):
        cache = hook._CompiledTemplates()
        cache.keep_in(folder)
        env = jinja2.Environment(loader=jinja2.DictLoader(sources), bytecode_cache=cache)
        return env.get_template("page.html").render(name="Mena")

    folder = tmp_path / ".cache" / "templates"
    assert render_in_a_new_process(folder) == "Hello Mena" and len(compiled) == 1
    assert len(list(folder.iterdir())) == 1
    assert render_in_a_new_process(folder) == "Hello Mena" and len(compiled) == 1  # taken from the folder
    sources["page.html"] = "Вітаємо, {{ name }}"
    assert render_in_a_new_process(folder) == "Вітаємо, Mena" and len(compiled) == 2
    monkeypatch.setenv("MENA_NO_CACHE", "1")
    elsewhere = tmp_path / "other" / "templates"
    assert render_in_a_new_process(elsewhere) == "Вітаємо, Mena" and not elsewhere.exists()


def test_a_sharing_image_is_drawn_once_and_taken_as_drawn_by_the_next_builds(tmp_path, monkeypatch):
    """The images are the same bytes for the same texts: an earlier build's is taken, another
    text is drawn anew, and nothing is kept with MENA_NO_CACHE=1."""
    monkeypatch.delenv("MENA_NO_CACHE", raising=False)
    lines = ("Міжнародне співробітництво", "Менська міська рада", "26 014 жителів")
    first = ogimage.kept_image(lines, tmp_path)
    assert first == ogimage.draw_image.__wrapped__(*lines) and first.startswith(b"\x89PNG")
    drawn: list = []
    monkeypatch.setattr(ogimage, "draw_image", lambda *texts: drawn.append(texts) or b"drawn")
    assert ogimage.kept_image(lines, tmp_path) == first and drawn == []
    assert ogimage.kept_image(("Partnership", *lines[1:]), tmp_path) == b"drawn" and len(drawn) == 1
    assert len(list(tmp_path.glob("*.png"))) == 2
    monkeypatch.setenv("MENA_NO_CACHE", "1")
    assert ogimage.kept_image(("Partnerstwo", *lines[1:]), tmp_path) == b"drawn"
    assert len(list(tmp_path.glob("*.png"))) == 2 and list(tmp_path.glob("*.part")) == []


def _counting(function, calls: list):
    def counted(*args, **kwargs):
        calls.append(args[1:2])
        return function(*args, **kwargs)

    return counted


# --- the benchmark's generators --------------------------------------------------------------


def test_quarters_and_programmes_of_a_generated_project():
    assert sitegen.quarter_ids(6) == ["2023-q1", "2023-q2", "2023-q3", "2023-q4", "2024-q1", "2024-q2"]
    assert [sitegen.programme_of(q) for q in ("2023-q1", "2024-q4", "2025-q1", "2032-q4")] == [
        "2022-2024",
        "2022-2024",
        "2025-2027",
        "2031-2033",
    ]


def test_a_generated_project_is_valid_and_the_baseline_config_is_stock(tmp_path):
    """A 3-quarter project with 20 partners has valid sources (it is built above), so the
    benchmark measures a site the council could have."""
    project = sitegen.generate_project(tmp_path / "project", 3, 20, history=False)
    assert "2023-q3" in (project / "docs/pl/reports/2023-q3.md").read_text(encoding="utf-8")
    state = load_site_state(project / "mkdocs.yml")  # raises with every problem of the sources
    assert sorted(state.data.reports) == ["2023-q1", "2023-q2", "2023-q3"]
    assert (project / "data/partners.yml").read_text(encoding="utf-8").count("\n  - id: ") == 20
    stock = build_speed.stock_config((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in stock and "custom_dir" not in stock and "extra_css" not in stock
    assert "plugins:\n  - search\n" in stock and "\n  - i18n:\n" in stock


# --- the sources read and checked once ----------------------------------------------------------


def test_a_build_takes_the_sources_its_command_checked_instead_of_reading_them_again(tmp_path):
    """./run check hands the state it loaded to MkDocs' process. Here the handed state says a
    page last changed in 2001: the built page shows it, so the build did not read the sources
    again. The project is one the benchmark generates (3 quarters, 20 partners): it builds
    without a problem, its added quarters in every language."""
    project = sitegen.generate_project(tmp_path / "project", 3, 20, history=False)
    fingerprint = source_fingerprint(project)
    state = load_site_state(project / "mkdocs.yml")
    marked = dataclasses.replace(state, dates={"docs/en/contact.md": "2001-02-03", "data/council.yml": "2001-02-03"})
    build_site(tmp_path / "handed", root=project, sources=CheckedSources(fingerprint, False, marked))
    assert "3 February 2001" in (tmp_path / "handed/en/contact/index.html").read_text(encoding="utf-8")
    for prefix in ("", "en/", "pl/"):
        assert (tmp_path / "handed" / prefix / "reports/2023-q3/index.html").is_file()


def test_handed_sources_are_read_again_once_a_file_is_saved_or_for_another_build(tmp_path, monkeypatch):
    project = make_project(tmp_path)
    fingerprint = source_fingerprint(project)
    marked = dataclasses.replace(load_site_state(project / "mkdocs.yml"), dates={"docs/uk/index.md": "2001-02-03"})
    hand_over_state(CheckedSources(fingerprint, False, marked), tmp_path / "state.pickle")
    monkeypatch.setenv(STATE_FILE_VARIABLE, str(tmp_path / "state.pickle"))
    assert SiteStateCache().get(project / "mkdocs.yml").dates == {"docs/uk/index.md": "2001-02-03"}
    assert SiteStateCache().get(project / "mkdocs.yml", lenient=True).dates != marked.dates  # read for ./run check
    monkeypatch.setenv("SITE_URL", "https://example.org/elsewhere/")
    assert SiteStateCache().get(project / "mkdocs.yml").dates != marked.dates  # built for another address
    monkeypatch.delenv("SITE_URL")
    page = project / "docs/uk/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nЩе один рядок.\n", encoding="utf-8")
    assert SiteStateCache().get(project / "mkdocs.yml").dates != marked.dates  # a source saved since


def test_under_serve_a_saved_page_reuses_the_data_and_a_saved_data_file_is_read_again(tmp_path):
    project = make_project(tmp_path)
    cache = SiteStateCache()
    cache.get(project / "mkdocs.yml")
    page = project / "docs/uk/contact.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nЩе один рядок.\n", encoding="utf-8")
    state = cache.get(project / "mkdocs.yml")
    assert (cache.loads, cache.data_reads) == (2, 1)
    results = project / "data/results.yml"
    results.write_text(results.read_text(encoding="utf-8").replace("uk: автобус\n", "uk: автобус міський\n"), "utf-8")
    state = cache.get(project / "mkdocs.yml")
    assert (cache.loads, cache.data_reads) == (3, 2)
    assert "автобус міський" in str(state.data.documents["data/results.yml"].value)


def test_parts_kept_for_the_next_build_until_what_they_are_made_from_changes():
    """Under serve a saved page renders no part again; new data (a new object), another
    configuration, other dates or changed templates render them anew."""
    kept = RenderedParts()
    rendered: list[str] = []

    def render(name):
        return lambda: rendered.append(name) or SetAside(name, {}, {}, set())

    data, config, dates, templates = object(), ("site", "uk"), {"data/a.yml": "2026-12-01"}, (("t.html", 1, 2),)
    kept.made_from(data, config, dict(dates), templates)
    first = kept.get(("partners", "en", "partners.md", 1), render("a"))
    kept.made_from(data, config, dict(dates), templates)  # the next build: equal, not the same, dates
    assert kept.get(("partners", "en", "partners.md", 1), render("b")) is first and rendered == ["a"]
    assert kept.get(("partners", "uk", "partners.md", 1), render("c")).markdown == "c"
    for changed in [(object(), config, dates, templates), (data, ("site", "en"), dates, templates)]:
        kept.made_from(*changed)
        assert kept.get(("partners", "en", "partners.md", 1), render("new")).markdown == "new"
    kept.made_from(data, ("site", "en"), {"data/a.yml": "2026-12-02"}, templates)
    kept.made_from(data, ("site", "en"), {"data/a.yml": "2026-12-02"}, (("t.html", 1, 3),))
    assert kept.get(("partners", "en", "partners.md", 1), render("again")).markdown == "again"
    assert rendered == ["a", "c", "new", "new", "again"]


def test_a_page_finished_under_serve_is_finished_again_only_when_its_html_or_parts_change():
    kept = RenderedParts()
    data = object()
    kept.made_from(data, "config")
    finished: list[str] = []

    def finish(html):
        return lambda: finished.append(html) or (html.upper(), [])

    key = ("docs/uk/contact.md", "uk")
    assert kept.finished(key, ("<p>a</p>", "source"), finish("<p>a</p>")) == ("<P>A</P>", [])
    assert kept.finished(key, ("<p>a</p>", "source"), finish("<p>a</p>")) == ("<P>A</P>", [])
    assert kept.finished(key, ("<p>b</p>", "source"), finish("<p>b</p>")) == ("<P>B</P>", [])
    kept.made_from(object(), "config")  # new data: nothing kept
    assert kept.finished(key, ("<p>b</p>", "source"), finish("<p>b</p>")) == ("<P>B</P>", [])
    assert finished == ["<p>a</p>", "<p>b</p>", "<p>b</p>"]
