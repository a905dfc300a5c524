"""The generated parts' HTML blocks, set aside from Markdown (``menasite.pages.htmlblocks``),
come out as Markdown writes them: on crafted blocks of every kind it takes or leaves, on
random blocks, and on the whole site (one build each way, compared byte for byte)."""

from __future__ import annotations

import filecmp
import random
from html.parser import HTMLParser

import markdown
import pytest
from conftest import ROOT, SUBPATH_URL, make_project
from mkdocs.config import load_config

from menasite.pages import htmlblocks
from menasite.pages.htmlblocks import as_markdown_writes, put_back, set_aside, with_blocks_as_written
from menasite.pages.pagebuild import CompletedPage, finish_html
from menasite.problems import SourceError
from menasite.site.build import build_site

CONFIG = load_config(str(ROOT / "mkdocs.yml"))


def converter() -> markdown.Markdown:
    """Python-Markdown with the site's extensions, as MkDocs builds a page."""
    return markdown.Markdown(extensions=CONFIG.markdown_extensions, extension_configs=CONFIG.mdx_configs)


def in_a_part(markdown_text: str) -> str:
    return f'<div class="mena-generated" lang="en" markdown>\n\n{markdown_text}\n\n</div>'


def by_markdown(part: str) -> tuple[str, list]:
    md = converter()
    return md.convert(in_a_part(part)), md.toc_tokens


def set_aside_then_put_back(part: str) -> tuple[str, list]:
    aside = set_aside(part)
    md = converter()
    html, misplaced = put_back(md.convert(in_a_part(aside.markdown)), aside.blocks)
    assert misplaced == []  # every token a paragraph of its own
    return html, md.toc_tokens


def sections(toc_tokens: list) -> list:
    """What the site shows of a page's table of contents: its headings down to ###."""
    return [(t["level"], t["id"], sections(t["children"])) for t in toc_tokens if t["level"] <= 3]


TAKEN = [
    '<ul class="mena-chips"><li><a href="partners/#p-1">Gmina &amp; Co</a></li><li>it&#39;s</li></ul>',
    '<table><thead><tr><th scope="col">a</th></tr></thead><tbody>\n<tr><td>1</td></tr></tbody></table>',
    '<dl class="mena-facts">\n<dt>Name</dt><dd>raw, <ul><li>as written</li></ul></dd>\n</dl>',
    '<p class="x" id="y">one<br>two <small>three</small></p>\n<p>four</p>',
    "<ul>\n  <li>indented</li>\n</ul>",
    '<p data-x="y" >a space before the end of its tag</p>',
    "<p>a paragraph <ul><li>with a list, which Markdown takes as text</li></ul></p>",
    '<figure class="c"><svg viewBox="0 0 1 1" role="img"><title id="t">T</title><rect width="1"/></svg></figure>',
    '<form class="s" role="search" action="./">\n<label for="q">Q</label>\n<input id="q" name="q" required>\n</form>',
    "<div><p>a</p>\n\n<p>b</p></div>",  # a blank line inside an element: every piece is Markdown's
]
LEFT_TO_MARKDOWN = [
    "<!-- a comment --><p>x</p>",
    '<p title="a &amp; b">html.parser unescapes it</p>',
    "<details open><summary>s</summary></details>",
    '<p class="a" class="b">twice</p>',
    "<P>capitals</P>",
    "<pre>  code </pre>",
    "<hr>",
    "<p>x</p> text after",
    "text before <p>x</p>",
    "<span>inline first</span>",
    "<p>a lone & </p>",
    "<p>a > sign</p>",
    "<ul>\n<li>a line of spaces\n  \n</li></ul>",
    "<p>\ta tab</p>",
    "<ul><li>unclosed</ul>",
    "<p>x</p><p>on one line</p>",
    "<section><h2 id='s'>a section</h2></section>",
    '<section><h3 id="s">a section</h3></section>',
    "<section><h4>no id</h4></section>",
    '<section><h4 id="s" data-toc-label="S">a label for the contents</h4></section>',
    '<div markdown="1">*markdown*</div>',
    "<ul><li>x</li></ul></div>",
    "<ul><li>text first <ul><li>then a list</li></ul></li></ul>",  # its </ul> would close both lists
]


@pytest.mark.parametrize("block", TAKEN + LEFT_TO_MARKDOWN)
def test_a_block_comes_out_as_markdown_writes_it(block):
    part = f"## Partners\n\n{block}\n\nSome *Markdown* text.\n\n{block}"
    fast, fast_toc = set_aside_then_put_back(part)
    plain, plain_toc = by_markdown(part)
    assert fast == plain
    assert sections(fast_toc) == sections(plain_toc)


@pytest.mark.parametrize("block", TAKEN[:-1])
def test_plain_html_is_set_aside(block):
    assert as_markdown_writes(block) is not None


def test_nothing_is_taken_from_inside_an_element_left_open_over_a_blank_line():
    assert set_aside(TAKEN[-1]).blocks == {}


@pytest.mark.parametrize("block", LEFT_TO_MARKDOWN)
def test_what_it_cannot_be_sure_of_is_left_to_markdown(block):
    assert as_markdown_writes(block, minor_headings=True) is None


def test_minor_headings_are_set_aside_only_below_a_section_of_the_part():
    """An h4 in a partner's card is in MkDocs' table of contents, which the site shows down to
    ###: below the part's own ## it changes nothing shown; first in a part it would."""
    card = '<article id="p"><h4 id="p-name">Gmina Dąbrowa</h4><p>Poland</p></article>'
    assert set_aside(f"## Partners\n\n{card}").blocks
    assert not set_aside(card).blocks
    fast, fast_toc = set_aside_then_put_back(f"## Partners\n\n### Cities\n\n{card}")
    plain, plain_toc = by_markdown(f"## Partners\n\n### Cities\n\n{card}")
    assert fast == plain and sections(fast_toc) == sections(plain_toc)


def test_the_ids_of_a_set_aside_block_are_the_anchors_mkdocs_finds_in_raw_html():
    block = (
        '<ul id="list"><li><a name="old" href="#x">a</a> <span id="s&amp;t">b</span> <span ID="Caps">c</span>'
        ' <span data-name="not-an-anchor">d</span></li></ul>'
    )

    class Anchors(HTMLParser):
        found: set[str] = set()

        def handle_starttag(self, tag, attrs):
            self.found |= {v for k, v in attrs if k == "id" or (k == "name" and tag == "a")}

    reader = Anchors()
    reader.feed(block)
    assert set_aside(block).ids == reader.found == {"list", "old", "s&t", "Caps"}


def test_the_baseline_gets_the_blocks_back_as_the_template_wrote_them():
    part = "## A\n\n<table>\n<tr><td>x</td></tr>\n</table>\n\nText.\n\n<p>y</p>"
    aside = set_aside(part)
    assert len(aside.blocks) == 2 and with_blocks_as_written(aside.markdown, aside.originals) == part


def test_random_blocks_come_out_as_markdown_writes_them():
    """Random nests of block and inline elements, texts, entities, white space and Markdown,
    between Markdown of every kind (lists, definitions, code, quotes): wherever a block is
    set aside, the page is what Markdown alone makes of it (or, where a heading's anchor is
    one of the block's, the build says so: ``pagebuild.anchors_used_twice``)."""
    blocks = ["div", "p", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td", "section", "article", "h4", "h2"]
    blocks += ["figure", "pre", "hr", "details", "summary", "blockquote"]
    inline = ["a", "span", "strong", "small", "br", "img", "svg", "title"]
    texts = ["x", " ", "\n", "  ", "&amp;", "&#39;", "'", '"', "Ґ", "\n  ", "a b", "&", ">", "&amp", "*em*", "# h"]
    texts += ["- li", "1. x", "    code", "{: #x}", "[^1]", "<!-- c -->", "\n\n", "\n    ", ": def", "===", "\n> q"]
    attributes = ["", "", ' class="c"', ' id="i"', ' lang="uk" class="z"', ' id="h"', ' title="a&amp;b"', " hidden"]
    attributes += [" markdown", " id='s'"]
    before = ["## S\n\n", "", "### T\n\n", "Text *x*\n\n- item\n\n", "Term\n: def\n\n", "> quote\n\n", "1. one\n\n"]
    after = ["", "\n\nText", "\n\n<p>z</p>", "\n\n## After\n\n<ul><li>q</li></ul>", "\n\n: def", "\n\n    code"]
    after += ["\n\n- x", "\n\n\n\n* y", "\n\nWord\n: def", "\n\n<a>x</a>\nT\n: d", "\n\n| a |\n|---|\n| b |"]
    rng = random.Random(16)

    def element(depth: int) -> str:
        if depth > 3 or rng.random() < 0.3:
            return rng.choice(texts) if rng.random() < 0.7 else rng.choice(["<br>", "<br/>", '<img src="x">', "</p>"])
        tag = rng.choice(blocks + inline)
        inside = "".join(element(depth + 1) for _ in range(rng.randint(0, 3)))
        return f"<{tag}{rng.choice(attributes)}>{inside}</{tag}>{rng.choice(['', '', chr(10), ' ', chr(10) * 2])}"

    def anchors(toc: list) -> set[str]:
        return {token["id"] for token in toc} | {anchor for token in toc for anchor in anchors(token["children"])}

    taken = 0
    for _ in range(6000):
        part = rng.choice(before) + "".join(element(0) for _ in range(rng.randint(1, 3))).strip(" ") + rng.choice(after)
        aside = set_aside(part)
        if not aside.blocks:
            continue
        try:
            plain, plain_toc = by_markdown(part)
        except IndexError:
            continue  # Markdown itself fails on a few of these nests
        taken += 1
        fast, fast_toc = set_aside_then_put_back(part)
        if anchors(fast_toc) & aside.ids:
            continue  # reported to the editor
        assert fast == plain and sections(fast_toc) == sections(plain_toc), part
    assert taken > 150  # the fast path is what is tested, not only its refusals


def test_another_markdown_that_writes_otherwise_gets_every_block(monkeypatch):
    """A Python-Markdown that breaks lines otherwise (say, a later version) writes every block."""
    assert htmlblocks._agrees_with_markdown()
    monkeypatch.setattr(markdown.treeprocessors.PrettifyTreeprocessor, "run", lambda self, root: None)
    htmlblocks._agrees_with_markdown.cache_clear()
    try:
        assert not htmlblocks._agrees_with_markdown()
        assert set_aside("<p>x</p>").blocks == {}
    finally:
        htmlblocks._agrees_with_markdown.cache_clear()


def test_the_site_is_byte_identical_with_the_parts_set_aside_and_left_to_markdown(site, tmp_path, monkeypatch):
    monkeypatch.setenv(htmlblocks.PLAIN_VARIABLE, "1")
    plain = tmp_path / "plain"
    build_site(plain, site_url=SUBPATH_URL)
    compared = filecmp.dircmp(site.path, plain)
    different = []

    def walk(comparison, prefix=""):
        different.extend(prefix + name for name in comparison.diff_files + comparison.left_only + comparison.right_only)
        for name, sub in comparison.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(compared)
    assert different == []
    assert len(list(plain.rglob("index.html"))) > 30


def test_a_heading_with_the_anchor_of_a_part_stops_the_build(tmp_path):
    """Markdown does not see the parts' blocks, so it would not number such a heading's anchor
    apart: the editor is told, instead of a page with the anchor twice."""
    page = (ROOT / "docs/en/partners.md").read_text(encoding="utf-8")
    project = make_project(
        tmp_path, write={"docs/en/partners.md": page + "\n## Danish donors {#partner-donors-dk}\n\nText.\n"}
    )
    with pytest.raises(SourceError) as failure:
        build_site(tmp_path / "site", root=project)
    assert (
        "  - docs/en/partners.md: the heading with the anchor #partner-donors-dk: found #partner-donors-dk, "
        "which is also an anchor in the data the page shows; expected an anchor of its own: the heading "
        "worded otherwise, or {#another-anchor} written after it."
    ) in str(failure.value)
    assert not (tmp_path / "site").exists()


def test_an_element_an_editor_left_open_reaches_into_a_part_as_it_did():
    """The page is cleaned whole, blocks put back: an editor's <a> left open before a part
    changes the part as it did when Markdown wrote the blocks (html5ever closes and reopens it)."""
    part = '## Partners\n\n<ul class="mena-chips"><li><a href="partners/#p-1">Gmina</a> <b>x</b></li></ul>'
    editor = 'Text <a href="https://example.org/">not closed\n\n'
    aside = set_aside(part)
    assert aside.blocks
    plain = converter().convert(editor + in_a_part(part))
    fast = converter().convert(editor + in_a_part(aside.markdown))
    shown = {"source": editor, "shown": "docs/en/partners.md", "table_label": "Table"}
    expected = finish_html(plain, completed=CompletedPage("", [], [], {"partners"}), **shown)
    found = finish_html(fast, completed=CompletedPage("", [], [], {"partners"}, blocks=aside.blocks), **shown)
    assert found == expected and expected[0].count('href="partners/#p-1"') == 1


def test_a_part_inside_raw_html_is_said_to_the_editor(tmp_path):
    page = (ROOT / "docs/en/contact.md").read_text(encoding="utf-8")
    opened = page.replace(
        "<!-- mena:council -->", "<details>\n<summary>The council</summary>\n\n<!-- mena:council -->\n\n</details>"
    )
    project = make_project(tmp_path, write={"docs/en/contact.md": opened})
    with pytest.raises(SourceError) as failure:
        build_site(tmp_path / "site", root=project)
    assert (
        "  - docs/en/contact.md: <!-- mena:council -->: found the marker inside an HTML element, whose content "
        "Markdown leaves as written; expected the marker on a line of its own, outside any HTML element."
    ) in str(failure.value)
    assert "markdown=" not in str(failure.value)  # the part's own wrapper is not blamed on the editor
