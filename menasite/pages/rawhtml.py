"""Raw HTML in pages: an allow-list, so that nothing a page's author writes can run as script.

Markdown lets an author write HTML, and attribute lists (``{: .class }``, ``{#id}``) let them
add attributes to what markdown makes. Both are limited to what pages need. Two walls:

1. ``scan_markdown`` reads the page's markdown (code spans left out) and names the line of
   every HTML element, attribute, attribute list and link address outside the allow-list;
2. ``sanitise_content`` cleans the rendered page with nh3 (Ammonia) using the same allow-list,
   widened by what markdown's extensions and the site's own templates add; anything it had to
   remove that the scan did not report is a problem too (the scan cannot see everything
   markdown does: it only has to agree with the sanitiser, which is the real wall).

Allowed HTML elements in pages:
  text: p br hr span div strong em b i u s del ins mark small sub sup abbr cite q dfn code kbd
  samp var time bdi bdo wbr blockquote pre address; headings h1-h6; lists ul ol li dl dt dd;
  tables table caption thead tbody tfoot tr th td colgroup col; links and images a img figure
  figcaption; sections section article aside details summary.
Allowed attributes: on every element id, class, lang, dir, title (and markdown="1", for
  markdown inside HTML); a: href hreflang; img: src alt width height loading; th, td:
  colspan rowspan headers (th also scope abbr); ol: start reversed type; li: value;
  time: datetime; del, ins: cite datetime; q, blockquote: cite; col, colgroup: span;
  details: open. Attribute lists may set id, class, lang, dir, title, width, height.
Addresses (href, src, cite, markdown links and images) are relative (a page or file of the
  site) or start with https:, http:, mailto: or tel:. Anything else (javascript:, vbscript:,
  data:, also written JaVaScRiPt:, java&#x09;script: or with leading spaces) is refused;
  images are files of the site, never data: addresses.
ids and classes are letters, digits, "-", "_", "." and ":" only.
Refused, among others: script, style, form and its fields, meta, base, link, iframe, object,
  embed, svg, math, every on...= event handler, style= and unknown elements or attributes.

To show HTML as text in a page, put it in backticks: `<script>`.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

import nh3
from markdown.extensions.attr_list import get_attrs_and_remainder, sanitize_name

from menasite.messages import Msg, t
from menasite.pages.starttags import start_tags
from menasite.problems import Problem

ELEMENTS = frozenset(
    [
        "p",
        "br",
        "hr",
        "span",
        "div",
        "strong",
        "em",
        "b",
        "i",
        "u",
        "s",
        "del",
        "ins",
        "mark",
        "small",
        "sub",
        "sup",
        "abbr",
        "cite",
        "q",
        "dfn",
        "code",
        "kbd",
        "samp",
        "var",
        "time",
        "bdi",
        "bdo",
        "wbr",
        "blockquote",
        "pre",
        "address",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "colgroup",
        "col",
        "a",
        "img",
        "figure",
        "figcaption",
        "section",
        "article",
        "aside",
        "details",
        "summary",
    ]
)
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "lang", "dir", "title"})
ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "td": {"colspan", "rowspan", "headers"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
}
ATTR_LIST_ATTRIBUTES = GLOBAL_ATTRIBUTES | {"width", "height"}
MARKDOWN_IN_HTML = "markdown"  # md_in_html's switch; consumed by markdown, never published
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
SAFE_SCHEMES = ("https", "http", "mailto", "tel")
NAME_ATTRIBUTES = ("id", "class")
_SAFE_NAME = re.compile(r"^[\w\-.:]+$")

# What markdown's extensions (footnotes, tables, admonitions, toc) and the site's templates add
# to a page's content, besides the authors' allow-list. Tables aligned with :--- get a style.
GENERATED_ATTRIBUTES = {"article": {"aria-labelledby"}, "th": {"scope"}}
GENERATED_VALUES = {
    cell: {"style": {f"text-align: {side};" for side in ("left", "right", "center")}} for cell in ("th", "td")
}
# Generated parts (<!-- mena:NAME -->) that need more: the search page's form; the charts' SVG
# (menasite/pages/charts.py; authors still may not write <svg>); the results ledger's table and
# row-group roles (kept when a phone lays its rows out as cards) and the column names that lead
# each of its cells there (hidden from screen readers, which have the headers).
CHART_ELEMENTS = {"svg", "title", "desc", "rect", "text", "line"}
CHART_ATTRIBUTES = {
    "svg": {"viewBox", "role", "aria-labelledby"},
    "rect": {"x", "y", "width", "height", "fill"},
    "text": {"x", "y", "font-size", "font-weight", "fill"},
    "line": {"x1", "y1", "x2", "y2", "stroke", "stroke-width"},
}
CHART_PARTS = ("results", "programme", "programme-page")
SEARCH_ELEMENTS = {"form", "input", "button", "label", "noscript"}
PART_ELEMENTS = {"search": SEARCH_ELEMENTS} | dict.fromkeys(CHART_PARTS, CHART_ELEMENTS)
PART_ATTRIBUTES = dict.fromkeys(CHART_PARTS, CHART_ATTRIBUTES) | {
    "search": {
        "form": {"role", "method", "action"},
        "input": {"type", "name", "autocomplete", "required"},
        "button": {"type"},
        "label": {"for"},
        "p": {"role", "aria-live", "data-found", "data-none"},
    },
    "results": CHART_ATTRIBUTES
    | {
        **{tag: {"role"} for tag in ("table", "thead", "tbody")},
        "span": {"aria-hidden"},
    },
}


# --- what is allowed ------------------------------------------------------------------------


def allowed_attributes(tag: str) -> set[str]:
    return set(GLOBAL_ATTRIBUTES) | ATTRIBUTES.get(tag, set())


def address_scheme(value: str) -> str | None:
    """The scheme a browser sees in an address: entities decoded, tabs, newlines and spaces
    dropped (browsers ignore them), any case ("JaVaScRiPt:" is "javascript")."""
    text = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(value)).lower()
    match = re.match(r"([a-z][a-z0-9+.\-]*):", text)
    return match[1] if match else None


def unsafe_scheme(value: str) -> str | None:
    scheme = address_scheme(value)
    return scheme if scheme and scheme not in SAFE_SCHEMES else None


# --- findings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One thing a page may not contain; ``tag`` is None for an attribute list or a link."""

    line: int | None
    kind: str  # "element", "attribute", "address" or "name"
    field: str | Msg
    tag: str | None = None
    attribute: str | None = None
    value: str | None = None

    @property
    def key(self) -> tuple:
        """What the two walls compare: the same thing found by both is reported once."""
        if self.kind == "element":
            return ("element", self.tag)
        if self.kind == "attribute":
            return ("attribute", self.attribute)
        if self.kind == "address":
            return ("address", address_scheme(self.value or ""))
        return ("name", self.attribute, self.value)

    def problem(self, file: str) -> Problem:
        return Problem(file, self.line, self.field, self._expected(), self._found())

    def _found(self):
        if self.kind == "element":
            return t("the HTML element <{tag}>, which pages may not use", tag=self.tag)
        if self.kind == "attribute" and (self.attribute or "").startswith("on"):
            return t("the event handler {attribute}=, which would run a script", attribute=self.attribute)
        if self.kind == "attribute":
            return t("the attribute {attribute}=, which pages may not use there", attribute=self.attribute)
        if self.kind == "address":
            return t(
                "the address {address}, which starts with {scheme}:",
                address=_short(self.value or ""),
                scheme=address_scheme(self.value or ""),
            )
        return t("{value}, with characters an id or a class may not have", value=_short(self.value or ""))

    def _expected(self):
        if self.kind == "element":
            return t("markdown, or an HTML element from the list allowed in pages (README: Raw HTML in pages)")
        if self.kind == "attribute":
            allowed = ATTR_LIST_ATTRIBUTES if self.tag is None else allowed_attributes(self.tag)
            return t("only these attributes: {allowed}", allowed=", ".join(sorted(allowed)))
        if self.kind == "address":
            return t(
                "an address starting with https:, http:, mailto: or tel:, or the path of a page or file of the site"
            )
        return t("letters, digits, -, _, . and : only")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_attribute(line, tag: str | None, name: str, value: str | None, field) -> list[Finding]:
    """One attribute of an element (``tag``) or of an attribute list (``tag`` None)."""
    allowed = ATTR_LIST_ATTRIBUTES if tag is None else allowed_attributes(tag) | {MARKDOWN_IN_HTML}
    if name not in allowed:
        return [Finding(line, "attribute", field, tag, name, value)]
    if name in URL_ATTRIBUTES and value is not None and unsafe_scheme(value):
        return [Finding(line, "address", field, tag, name, value)]
    if name in NAME_ATTRIBUTES and value and not all(_SAFE_NAME.match(word) for word in value.split()):
        return [Finding(line, "name", field, tag, name, value)]
    return []


# --- wall 1: the markdown ---------------------------------------------------------------------

# Python-Markdown's own patterns: autolinks and code spans (which may cross lines in a paragraph).
_AUTOLINK = re.compile(r"<(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*>|<[^<> !]+@[^@<> ]+>")
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_ATTR_LIST = re.compile(r"\{(:?)[ ]*([^}\n ][^\n]*)\}")
_REFERENCE = re.compile(r"^[ ]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(\S+)", re.MULTILINE)
_INLINE_ENDS = ")]*_`"


def scan_markdown(markdown: str, first_line: int = 1) -> list[Finding]:
    """Every element, attribute, attribute list and link address outside the allow-list, with
    the file's line (``first_line``: the file's line where ``markdown`` starts)."""
    text = _without_code(markdown)
    found = _scan_html(_AUTOLINK.sub(lambda m: " " * len(m[0]), text), first_line)
    found += _scan_attr_lists(text, first_line)
    found += _scan_link_addresses(text, first_line)
    return sorted(found, key=lambda finding: finding.line or 0)


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _without_code(markdown: str) -> str:
    """Code spans blanked out (same length and lines): HTML in them is shown as text."""
    paragraphs = re.split(r"(\n[ \t]*\n)", markdown)
    return "".join(_CODE_SPAN.sub(lambda m: _blank(m[0]), part) for part in paragraphs)


def _scan_html(text: str, first_line: int) -> list[Finding]:
    found = []
    for line, tag, attrs in start_tags(text):
        line += first_line - 1
        if tag not in ELEMENTS:
            found.append(Finding(line, "element", f"<{tag}>", tag))
            continue
        for name, value in attrs:
            found += check_attribute(line, tag, name, value, f"<{tag} {name}>")
    return found


def _scan_attr_lists(text: str, first_line: int) -> list[Finding]:
    found = []
    for number, line_text in enumerate(text.replace("\\{", "  ").split("\n")):
        for match in _ATTR_LIST.finditer(line_text):
            attrs, _ = get_attrs_and_remainder(match[2])
            if not _is_attr_list(line_text, match, attrs):
                continue
            field = t("attribute list {written}", written=_short(match[0]))
            for name, value in attrs:
                name = "class" if name == "." else sanitize_name(name)
                found += check_attribute(number + first_line, None, name, value, field)
    return found


def _is_attr_list(line: str, match: re.Match[str], attrs) -> bool:
    """Whether markdown would read these braces as an attribute list (prose may use braces)."""
    if match[1] or any(value is not None for _, value in attrs):
        return True
    whole_line = not line[: match.start()].strip() or line.lstrip().startswith(("#", "|")) or "|" in line
    at_end = not line[match.end() :].strip()
    after_inline = match.start() > 0 and line[match.start() - 1] in _INLINE_ENDS
    return (whole_line and at_end) or after_inline


def _scan_link_addresses(text: str, first_line: int) -> list[Finding]:
    """[text](address), ![alt](address) and [id]: address."""
    found = []
    addresses = [(m.end(), _link_destination(text, m.end())) for m in re.finditer(r"\]\(", text)]
    addresses += [(m.start(1), m[1]) for m in _REFERENCE.finditer(text)]
    for position, address in addresses:
        address = address.strip("<>")
        if unsafe_scheme(address):
            line = text.count("\n", 0, position) + first_line
            found.append(Finding(line, "address", f"[…]({_short(address)})", None, "href", address))
    return found


def _link_destination(text: str, start: int) -> str:
    """The address of an inline link starting at ``start`` (after "]("), nested brackets kept."""
    position = start
    while position < len(text) and text[position] in " \t\n":
        position += 1
    if text.startswith("<", position):
        return text[position : text.find(">", position) + 1 or len(text)]
    depth, end = 0, position
    while end < len(text) and not text[end].isspace():
        if text[end] == "(":
            depth += 1
        elif text[end] == ")":
            if depth == 0:
                break
            depth -= 1
        end += 1
    return text[position:end]


# --- wall 2: the rendered page ----------------------------------------------------------------


def content_allow_list(parts: frozenset[str] | set[str] = frozenset()) -> tuple[set[str], dict[str, set[str]], dict]:
    """Elements, attributes and attribute values allowed in a page's rendered content."""
    tags = set(ELEMENTS)
    attributes: dict[str, set[str]] = {"*": set(GLOBAL_ATTRIBUTES)}
    for table in (ATTRIBUTES, GENERATED_ATTRIBUTES, *(PART_ATTRIBUTES.get(part, {}) for part in parts)):
        for tag, names in table.items():
            attributes.setdefault(tag, set()).update(names)
    for part in parts:
        tags |= PART_ELEMENTS.get(part, set())
    return tags, attributes, GENERATED_VALUES


def sanitise_content(
    page_html: str, *, parts=frozenset(), source: str = "", first_line: int = 1
) -> tuple[str, list[Finding]]:
    """The page's content cleaned by nh3, and what the cleaning removed (with the line of the
    markdown ``source`` where it is written, when it can be found there)."""
    tags, attributes, values = allowed = content_allow_list(parts)
    clean = _cleaned(page_html, allowed)
    cleaned_tags = start_tags(clean)  # parsed once: for what was removed and for the names left
    before = _attribute_counts(start_tags(page_html))
    after = _attribute_counts(cleaned_tags)
    found = []
    removed_elements = set()
    for (tag, name, _value), _ in sorted((before - after).items(), key=str):
        if name is None:
            removed_elements.add(tag)
            found.append(Finding(_locate(source, f"<{tag}", first_line), "element", f"<{tag}>", tag))
    for (tag, name, value), _ in sorted((before - after).items(), key=str):
        if name is None or tag in removed_elements:
            continue
        field = f"<{tag} {name}>"
        if name not in attributes.get(tag, set()) | attributes["*"] | set(values.get(tag, {})):
            found.append(Finding(_locate(source, name, first_line), "attribute", field, tag, name, value))
        elif name in URL_ATTRIBUTES or unsafe_scheme(value or ""):
            found.append(Finding(_locate(source, value or name, first_line), "address", field, tag, name, value))
        else:
            found.append(Finding(_locate(source, value or name, first_line), "name", field, tag, name, value))
    for _line, tag, attrs in cleaned_tags:
        for name, value in attrs:
            if name in NAME_ATTRIBUTES and value and not all(_SAFE_NAME.match(word) for word in value.split()):
                found.append(Finding(_locate(source, value, first_line), "name", f"<{tag} {name}>", tag, name, value))
    return clean, found


def cleaned_content(page_html: str, parts: frozenset[str] | set[str] = frozenset()) -> str:
    """The page's content as the allow-list leaves it, without reading what it removed
    (``sanitise_content`` reads that)."""
    return _cleaned(page_html, content_allow_list(parts))


def _cleaned(html: str, allowed: tuple[set[str], dict[str, set[str]], dict]) -> str:
    tags, attributes, values = allowed
    return nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        tag_attribute_values=values,
        url_schemes=set(SAFE_SCHEMES),
        link_rel=None,
        strip_comments=True,
        clean_content_tags={"script", "style"},
    )


def _attribute_counts(tags: list[tuple[int, str, list[tuple[str, str | None]]]]) -> Counter:
    """Every element (tag, None, None) and attribute (tag, name, value) of an HTML fragment's start tags."""
    counts: Counter = Counter()
    for _, tag, attrs in tags:
        counts[(tag, None, None)] += 1
        for name, value in attrs:
            counts[(tag, name, value or "")] += 1  # <input required> is required="" once cleaned
    return counts


def _locate(source: str, needle: str, first_line: int) -> int | None:
    """The line of the markdown where ``needle`` is written, if it is there as written."""
    at = source.lower().find(needle.lower()) if needle else -1
    return None if at < 0 else source.count("\n", 0, at) + first_line


def not_reported_by_scan(scanned: list[Finding], sanitised: list[Finding]) -> list[Finding]:
    """What the sanitiser removed that the markdown scan did not report (compared by what was
    found, since the sanitiser cannot always tell the line)."""
    seen = {finding.key for finding in scanned}
    return [finding for finding in sanitised if finding.key not in seen]
