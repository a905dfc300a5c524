"""The start tags of an HTML text (line, tag, attributes), exactly as Python's ``html.parser``
reports them, several times faster.

Both walls read start tags only: the raw-HTML allow-list (before and after the sanitiser, on
every page, in MkDocs' process) and the link check (every built page). ``html.parser`` also
hands over every piece of text and every end tag, one Python call each, which was most of the
time of both. The fast path walks from one ``<`` to the next with ``html.parser``'s own
patterns and does what ``HTMLParser.goahead`` does for start tags, end tags, comments and the
doctype; on anything else (``<?``, ``<![``, a bogus comment, a tag cut off, the text of a
script or style not closed as expected) it gives up and the whole text goes through
``html.parser`` itself. ``tests/test_build_speed.py`` holds the two against each other, on
every built page and on random markup.
"""

from __future__ import annotations

import functools
import re
from html import parser as html_parser
from html import unescape
from html.parser import HTMLParser

StartTag = tuple[int, str, list[tuple[str, str | None]]]  # line, tag, [(attribute, value or None)]

# html.parser's own patterns (module internals, not in its type stubs; a Python without them
# reads every text with html.parser, see ``_fast_path_agrees``).
_NEVER = re.compile(r"(?!)")
_LOCATE_END: re.Pattern[str] = getattr(html_parser, "locatestarttagend_tolerant", _NEVER)
_TAG_NAME: re.Pattern[str] = getattr(html_parser, "tagfind_tolerant", _NEVER)
_ATTRIBUTE: re.Pattern[str] = getattr(html_parser, "attrfind_tolerant", _NEVER)
_END_TAG: re.Pattern[str] = getattr(html_parser, "endtagfind", _NEVER)
_COMMENT_END = re.compile(r"--\s*>")  # _markupbase.parse_comment (what HTMLParser uses for <!--)
# The plain form of a start tag: a name of letters, digits and hyphens; each attribute after
# white space, a name of the characters XML allows, and a value in double quotes or none. For
# such a tag html.parser's patterns find the same name, attributes and end (the tests hold it).
_PLAIN_TAG = re.compile(r'<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*)\s*(/?)>')
_PLAIN_ATTRIBUTE = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:(=)"([^"]*)")?')
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_RAW_TEXT = {tag: re.compile(rf"</\s*{tag}\s*>", re.I) for tag in HTMLParser.CDATA_CONTENT_ELEMENTS}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[StartTag] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((self.getpos()[0], tag, attrs))


def parsed_start_tags(text: str) -> list[StartTag]:
    """The start tags as ``html.parser`` reports them (``<br/>`` too): the plain way."""
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser.tags


def start_tags(text: str) -> list[StartTag]:
    """The start tags of ``text``: the same list as ``parsed_start_tags``."""
    fast = _walked_start_tags(text) if _fast_path_agrees() else None
    return parsed_start_tags(text) if fast is None else fast


# Markup on which the fast path was written against html.parser (Python 3.11): comments, a
# script's text, tags of every form. Later Pythons have changed how html.parser reads some of
# it; if this one reads any of it otherwise, every text goes to html.parser.
_SAMPLES = (
    '<!doctype html>\n<html lang="uk"><script type="application/ld+json">{"a": "<b id=x>"}</script>',
    '<p id=bare class=\'single\' data-x="a &amp; b" hidden>\n<br/><img src="a.png" alt="">',
    '<A HREF="/x" Title="T">x</A><!-- <a href="c"> --><!-- x --!><a href="d"> --><a href="e">',
    "<style>p > a {}</style><script>x('</scr' + 'ipt>')</script ><i id=z></i >",
    '<a href="x"/><p/ id="y"><div\nclass="m"\n>\n</div ><a href="x"onclick="y"><b id=\'q\'r=s>',
    "<p>a < b and c<d</p><a",
)


@functools.cache
def _fast_path_agrees() -> bool:
    return all(_walked_start_tags(sample) in (None, parsed_start_tags(sample)) for sample in _SAMPLES)


def _walked_start_tags(text: str) -> list[StartTag] | None:
    """The start tags, or None where the text holds something only ``html.parser`` should judge."""
    tags: list[StartTag] = []
    find = text.find
    length = len(text)
    line, counted = 1, 0
    i = find("<")
    while i >= 0:
        following = text[i + 1 : i + 2]
        if following in _LETTERS:
            plain = _PLAIN_TAG.match(text, i)
            if plain is not None:  # most tags: read by one pattern
                tag_end = plain.end()
                tag, attrs, closing = _plain_start_tag(plain)
            else:
                tag_end = _start_tag_end(text, i)
                if tag_end < 0:
                    return None
                tag, attrs, closing = _start_tag(text, i, tag_end)
            if closing:  # a start tag (a closing that is not ">" or "/>" is text to html.parser)
                line += text.count("\n", counted, i)
                counted = i
                tags.append((line, tag, attrs))
            i = tag_end
            if closing == ">" and tag in _RAW_TEXT:  # a script's or style's text: no tags in it
                raw_end = _RAW_TEXT[tag].search(text, tag_end)
                if raw_end is None:
                    return None
                i = raw_end.end()
        elif following == "/":
            i = _end_tag_end(text, i)
            if i < 0:
                return None
        elif text.startswith("<!--", i):
            comment_end = _COMMENT_END.search(text, i + 4)
            if comment_end is None:
                return None
            i = comment_end.end()
        elif text[i : i + 9].lower() == "<!doctype":
            i = find(">", i + 9)
            if i < 0:
                return None
            i += 1
        elif following in ("!", "?"):
            return None  # <![CDATA[, a bogus comment, a processing instruction
        elif i + 1 < length:
            i += 1  # a "<" that is text
        else:
            return tags  # a "<" at the very end is text
        i = find("<", i)
    return tags


def _plain_start_tag(match: re.Match[str]) -> tuple[str, list[tuple[str, str | None]], str]:
    """A tag of the plain form: what ``_start_tag`` would find in it."""
    attrs: list[tuple[str, str | None]] = [
        (name.lower(), (unescape(value) if "&" in value else value) if equals else None)
        for name, equals, value in _PLAIN_ATTRIBUTE.findall(match[2])
    ]
    return match[1].lower(), attrs, match[3] + ">"


def _start_tag_end(text: str, i: int) -> int:
    """Where the start tag at ``i`` ends (``check_for_whole_start_tag``), or -1 for the cases
    left to ``html.parser`` (a tag cut off or otherwise unusual)."""
    match = _LOCATE_END.match(text, i)
    if match is None:
        return -1
    j = match.end()
    if text.startswith(">", j):
        return j + 1
    if text.startswith("/>", j):
        return j + 2
    return -1


def _start_tag(text: str, i: int, tag_end: int) -> tuple[str, list[tuple[str, str | None]], str]:
    """The tag, its attributes and how it closes (``HTMLParser.parse_starttag``)."""
    match = _TAG_NAME.match(text, i + 1)
    assert match is not None  # "<" and a letter
    k = match.end()
    tag = match.group(1).lower()
    attrs: list[tuple[str, str | None]] = []
    while k < tag_end:
        found = _ATTRIBUTE.match(text, k)
        if not found:
            break
        name, rest, value = found.group(1, 2, 3)
        if not rest:
            value = None
        elif value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
            value = value[1:-1]
        if value:
            value = unescape(value)
        attrs.append((name.lower(), value))
        k = found.end()
    closing = text[k:tag_end].strip()
    return tag, attrs, closing if closing in (">", "/>") else ""


def _end_tag_end(text: str, i: int) -> int:
    """Where the end tag at ``i`` ends (``HTMLParser.parse_endtag`` outside a script or style),
    or -1 for the cases left to ``html.parser``."""
    greater = text.find(">", i + 1)
    if greater < 0:
        return -1
    if _END_TAG.match(text, i):
        return greater + 1
    name = _TAG_NAME.match(text, i + 2)
    if name is None:
        return -1  # "</>" or a bogus comment
    greater = text.find(">", name.end())
    return -1 if greater < 0 else greater + 1
