"""The HTML blocks of the generated parts, set aside so that Markdown does not read them.

A generated part is Markdown headings (the table of contents needs them) and blocks of the
site's own HTML, inside ``<div markdown>``. Python-Markdown reads such a block with html.parser
(twice: MkDocs looks for its ids first), builds a tree of its block-level elements and writes
it again, one element to a line: the slowest step of a build, and it grows with every report
and partner. ``set_aside`` writes each block as Markdown would, in one pass of a regular
expression over the HTML, and leaves in its place a paragraph of one token, which
``put_back`` replaces in the page's HTML once the raw-HTML allow-list has read the editors'
HTML around it (the site's own HTML needs no allow-list).

A block it cannot be sure of (anything but the plain, well-formed HTML the templates write:
comments, attributes with entities or without values, ``<pre>``, a block element inside a
paragraph ...) stays in the Markdown, for Markdown to write. The output is byte-identical
either way: tests/test_html_blocks.py holds ``as_markdown_writes`` against Python-Markdown
on every part of a build and on blocks of every kind it refuses.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import secrets
from dataclasses import dataclass
from html import unescape

from markdown.util import BLOCK_LEVEL_ELEMENTS

_BLOCK_LEVEL = frozenset(BLOCK_LEVEL_ELEMENTS)
# Markdown treats these otherwise (raw content, an empty block, code): left to it.
_NOT_HANDLED = frozenset({"hr", "pre", "code", "script", "style", "textarea", "canvas", "math", "option"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SECTION_TAGS = frozenset({"h1", "h2", "h3"})
_SECTION_HEADING = re.compile(r"(?m)^#{2,3} ")

# A start or end tag whose attributes are name="value" or names alone, values without "<" or
# ">": where html.parser ends the tag. Any other "<" or ">" makes the block Markdown's.
_ATTRIBUTES = r'((?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:="[^"<>]*")?)*)\s*(/?)>'
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)" + _ATTRIBUTES)
_BLOCK_NAMES = "|".join(sorted(_BLOCK_LEVEL, key=len, reverse=True))
_BLOCK_TAG = re.compile(r"<(/?)(" + _BLOCK_NAMES + ")" + _ATTRIBUTES)
_CAPITAL_BLOCK_TAG = re.compile(r"</?(?=[a-z0-9]*[A-Z])(?i:" + _BLOCK_NAMES + r")\b")
# On a block-level element only these (lowercase, one space before each, a value in quotes):
# Markdown's writer writes them again, and writes them so.
_ATTRIBUTE = re.compile(r' ([a-z][a-z0-9_:.-]*)="([^"]*)"')
# What Markdown changes before reading (a line of spaces emptied, tabs, carriage returns, its
# own placeholder characters) or after (attr_list's {: #id .class} in an element's text).
_NORMALISED_BY_MARKDOWN = re.compile(r"\n *\n|[\t\r\x02\x03]|\{[^\n}]*\}")
# "&" outside a whole character reference: html.parser completes "&amp" without ";", and
# Markdown's writer writes a lone "&" as "&amp;".
_LONE_AMPERSAND = re.compile(r"&(?!(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)")


@dataclass
class _Open:
    """A block-level element being read."""

    tag: str
    started: bool = True  # nothing read inside it yet (Markdown then takes any block tag as one)
    has_children: bool = False


@dataclass
class SetAside:
    """A part's Markdown with its HTML blocks replaced by tokens, the HTML of each token as
    Markdown would have written it, and the ids in those blocks (MkDocs checks links to them)."""

    markdown: str
    blocks: dict[str, str]  # token -> the block as Markdown would write it
    originals: dict[str, str]  # token -> the block as the template wrote it
    ids: set[str]


# Tokens no editor can type: a random word per process, then a counter.
_TOKEN_WORD = "MENABLOCK" + secrets.token_hex(8).upper()
_numbers = itertools.count()


def set_aside(markdown: str) -> SetAside:
    """A generated part's Markdown with each HTML block that ``as_markdown_writes`` can write
    replaced by a token paragraph. Blocks are what blank lines separate. After a block with
    HTML (or a lone "&") that it leaves to Markdown, it leaves the rest too: Markdown may read
    what follows as inside that block."""
    aside = SetAside(markdown, {}, {}, set())
    if not _set_aside_here():
        return aside
    pieces = markdown.split("\n\n")
    under_a_section = False  # a heading of the part (## or ###) came before
    for index, piece in enumerate(pieces):
        block = piece.lstrip("\n")  # after more than one blank line
        written = as_markdown_writes(block, minor_headings=under_a_section) if block.startswith("<") else None
        if written is None:
            if "<" in piece or _LONE_AMPERSAND.search(piece):
                break
            under_a_section = under_a_section or bool(_SECTION_HEADING.search(piece))
            continue
        if not _ends_a_block(written, "\n\n".join(pieces[index + 1 :])):
            continue  # whole elements, which Markdown reads as such: only the token would differ
        token = f"{_TOKEN_WORD}N{next(_numbers)}"
        aside.blocks[token] = written
        aside.originals[token] = block
        aside.ids |= _ids_in(block)
        pieces[index] = piece[: len(piece) - len(block)] + token
    aside.markdown = "\n\n".join(pieces)
    return aside


# Left to Markdown altogether: for the test that compares whole builds both ways.
PLAIN_VARIABLE = "MENA_PARTS_THROUGH_MARKDOWN"


def _set_aside_here() -> bool:
    return not os.environ.get(PLAIN_VARIABLE) and _agrees_with_markdown()


@functools.cache
def _agrees_with_markdown() -> bool:
    """Whether this Python-Markdown writes a sample of every shape of block as this module
    does (checked once per process): another version may write otherwise, and then the
    blocks are left to it."""
    import markdown  # the whole package (not only its util): for the check, once

    converter = markdown.Markdown(extensions=["md_in_html"])
    wrapped = f'<div markdown="1">\n\n{_SAMPLE}\n\n</div>'
    expected = converter.convert(wrapped)
    return expected == f"<div>\n{as_markdown_writes(_SAMPLE, minor_headings=True)}\n</div>"


_SAMPLE = (
    '<ul class="b a"><li>one <a href="x?a=1&amp;b=2">two</a></li>\n<li><p>three</p><p>&#39;four&#39;</p></li></ul>\n'
    "<dl>\n<dt>term</dt><dd>raw <ul><li>five</li></ul></dd>\n</dl>\n"
    '<table><thead><tr><th scope="col">six</th></tr></thead><tbody>\n<tr><td>7</td></tr></tbody></table>\n'
    '<article id="p" aria-labelledby="p-name"><h4 id="p-name">eight</h4> <p>nine<br>ten</p></article>'
)


# What may follow a set-aside block: nothing, a heading, a block of HTML; a paragraph (a
# letter or a tag first) unless the block ends with a list.
_SAFE_AFTER = re.compile(r"\n*(?:\Z|#|<(?:" + _BLOCK_NAMES + r")[\s>])")
_SAFE_AFTER_ALL_BUT_LISTS = re.compile(r"\n*(?:\Z|[<#]|[^\W\d_])")


def _ends_a_block(written: str, following: str) -> bool:
    """Whether Markdown reads what follows a block apart from it: an indented block, a list,
    or a term and its definition would join a list before them, and ": text" the token."""
    after_a_list = written.endswith(("</ul>", "</ol>", "</dl>"))
    return bool((_SAFE_AFTER if after_a_list else _SAFE_AFTER_ALL_BUT_LISTS).match(following))


def with_blocks_as_written(markdown: str, originals: dict[str, str]) -> str:
    """Markdown with its tokens replaced by the HTML blocks they stand for (as the template
    wrote them): the page's Markdown as it was before ``set_aside``."""
    for token, piece in originals.items():
        markdown = markdown.replace(token, piece)
    return markdown


def put_back(html: str, blocks: dict[str, str]) -> tuple[str, list[str]]:
    """The page's HTML with each token paragraph replaced by its block, and the tokens that
    were not a paragraph of their own: Markdown read them as text, inside an element of the
    editor's raw HTML left open above the part (their blocks are put in all the same)."""
    misplaced = []
    for token, block in blocks.items():
        paragraph = f"<p>{token}</p>"
        if html.count(paragraph) == 1:
            html = html.replace(paragraph, block)
        else:
            misplaced.append(token)
            html = html.replace(token, block)
    return html, misplaced


def as_markdown_writes(block: str, *, minor_headings: bool = False) -> str | None:
    """The HTML Python-Markdown writes for ``block`` (a blank-line-separated block of HTML
    inside a ``<div markdown>``), or None if this function cannot be sure of it.

    Headings in a block are in MkDocs' table of contents of the page, which the block's
    tokens are not: h1 to h3 never (the page's sections, which the site shows), h4 to h6 only
    with ``minor_headings`` (the part's own ## or ### came before: they are below it)."""
    if not _plain_html(block):
        return None
    written: list[str] = []
    stack: list[_Open] = []
    paragraphs_open = 0
    end = 0  # of the last block-level tag read as one
    for match in _BLOCK_TAG.finditer(block):
        text = block[end : match.start()]  # inline tags as written, and texts
        closing, tag, attributes, self_closing = match.groups()
        if not stack:
            if text not in ("", "\n") or closing:
                return None  # text beside the elements, which Markdown reads as Markdown
        elif text:
            stack[-1].started = False
        if tag in _NOT_HANDLED or self_closing:
            return None
        if closing:
            if stack and stack[-1].tag == tag and not attributes:
                element = stack.pop()
                paragraphs_open -= tag == "p"
                # Markdown's line breaks: after the last child where only white space was.
                written.append("\n" if element.has_children and not text.strip() else text)
                written.append(f"</{tag}>")
                end = match.end()
            elif tag == "div" or any(open_element.tag == tag for open_element in stack):
                return None  # Markdown would close the elements open inside it (or the part)
            continue  # the end of an element Markdown took as text: part of the text, as written
        if not _starts_a_block(block, match.start(), stack):
            if not stack:
                return None
            continue  # Markdown takes it as text, as written
        if paragraphs_open:
            return None  # Markdown would close the paragraph first
        key = (tag, attributes, minor_headings)
        if key not in _start_tags:
            if len(_start_tags) > 50_000:  # ids make many distinct ones; serve runs for hours
                _start_tags.clear()
            _start_tags[key] = _start_tag(*key)
        start_tag = _start_tags[key]
        if start_tag is None:
            return None
        if stack:
            # Markdown's line breaks: before a first child, after every other, where only white space was.
            written.append("\n" if not text.strip() else text)
            stack[-1].has_children = True
        elif written:
            written.append("\n")
        written.append(start_tag)
        stack.append(_Open(tag))
        paragraphs_open += tag == "p"
        end = match.end()
    if stack or not written or block[end:] not in ("", "\n"):
        return None
    return "".join(written)


def _plain_html(block: str) -> bool:
    """Every "<" and ">" in tags of the plain form, "&" only in character references, no
    block-level tag in capitals, nothing Markdown changes before reading: html.parser and
    this module then read the same tags and texts."""
    if _NORMALISED_BY_MARKDOWN.search(block):
        return False
    tags = len(_TAG.findall(block))
    return (
        block.count("<") == tags == block.count(">")
        and not _LONE_AMPERSAND.search(block)
        and not _CAPITAL_BLOCK_TAG.search(block)
    )


# The same few start tags come again and again (<li>, <td>, <p class="...">): written once.
_start_tags: dict[tuple[str, str, bool], str | None] = {}


def _start_tag(tag: str, attributes: str, minor_headings: bool) -> str | None:
    """A block-level start tag as Markdown's writer writes it (attributes in alphabetical
    order), or None where it would write it otherwise."""
    parsed = _ATTRIBUTE.findall(attributes)
    names = [name for name, _ in parsed]
    if _ATTRIBUTE.sub("", attributes) or len(set(names)) != len(names) or "markdown" in names:
        return None  # not name="value" each, once
    if "&" in attributes or any(name == value for name, value in parsed):
        return None  # html.parser would unescape it; Markdown writes checked="checked" as checked
    if tag in _HEADINGS and (tag in _SECTION_TAGS or not minor_headings or "id" not in names):
        return None
    if tag in _HEADINGS and "data-toc-label" in names:
        return None  # Markdown's table of contents takes it off the heading
    return f"<{tag}" + "".join(f' {name}="{value}"' for name, value in sorted(parsed)) + ">"


def _starts_a_block(block: str, start: int, stack: list[_Open]) -> bool:
    """Whether Markdown takes a block-level start tag here as an element (at the start of a
    line, or first in its parent) and not as text."""
    if not stack:
        return start == 0 or block[start - 1] == "\n"
    if stack[-1].started:
        return True
    newline = block.rfind("\n", max(0, start - 4), start)
    if newline < 0 and start > 3:
        return False  # more than three characters into its line
    return not block[newline + 1 : start].strip()


# As html.parser reads attribute names: in any case; "name" on <a> only, not "data-name".
_IDS = re.compile(r'\sid="([^"]*)"', re.IGNORECASE)
_ANCHOR_NAMES = re.compile(r'<a\s(?:[^>]*?\s)?name="([^"]*)"', re.IGNORECASE)


def _ids_in(block: str) -> set[str]:
    """The anchors MkDocs finds in raw HTML: every id, and the name of an <a>."""
    return {unescape(value) for value in _IDS.findall(block)} | {
        unescape(value) for value in _ANCHOR_NAMES.findall(block)
    }
