"""Nothing a page's author writes can run as script: raw HTML outside the allow-list is refused
with file and line (menasite/rawhtml.py), and every author value is escaped in every context
of the built pages (text, attributes, addresses, <title>, Open Graph, JSON-LD)."""

from __future__ import annotations

import importlib.util
import json
import re
from types import SimpleNamespace

import pytest
from conftest import ROOT, Elements, make_project

from menasite.problems import SourceError
from menasite.site.build import build_site

ELEMENT = "expected markdown, or an HTML element from the list allowed in pages (README: Raw HTML in pages)."
ADDRESS = "expected an address starting with https:, http:, mailto: or tel:, or the path of a page or file of the site."


# Every refused case below is a page of its own in one fixture project, built once: each case
# still asserts its own exact message, file and line.
CASE_LINE = 3  # "# Case N", a blank line, then the hostile text


def case_page(text: str) -> str:
    return f"docs/uk/case-{ALL_CASES.index(text) + 1}.md"


@pytest.fixture(scope="module")
def refused(tmp_path_factory) -> SourceError:
    """The problems of one build of a project holding every refused case."""
    base = tmp_path_factory.mktemp("refusals")
    pages = {case_page(text): f"# Case {ALL_CASES.index(text) + 1}\n\n{text}\n" for text in ALL_CASES}
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "not_in_nav: |\n" in config
    pages["mkdocs.yml"] = config.replace("not_in_nav: |\n", "not_in_nav: |\n  /*/case-*.md\n")  # not a nav warning
    project = make_project(base, write=pages)
    with pytest.raises(SourceError) as failure:
        build_site(base / "site", root=project)
    assert not (base / "site").exists()
    return failure.value


@pytest.fixture(scope="module")
def refusals(refused) -> str:
    """The report of every refused case, as an English-speaking editor reads it."""
    return refused.report("en")


ELEMENT_CASES = [
    (
        "<script>alert(1)</script>",
        [f"<script>: found the HTML element <script>, which pages may not use; {ELEMENT}"],
    ),
    (
        "<style>body { display: none }</style>",
        [f"<style>: found the HTML element <style>, which pages may not use; {ELEMENT}"],
    ),
    (
        '<form action="https://evil.example/"><input name="q"></form>',
        [
            f"<form>: found the HTML element <form>, which pages may not use; {ELEMENT}",
            f"<input>: found the HTML element <input>, which pages may not use; {ELEMENT}",
        ],
    ),
    (
        '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
        [f"<meta>: found the HTML element <meta>, which pages may not use; {ELEMENT}"],
    ),
    (
        '<base href="https://evil.example/">',
        [f"<base>: found the HTML element <base>, which pages may not use; {ELEMENT}"],
    ),
    (
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        [f"<link>: found the HTML element <link>, which pages may not use; {ELEMENT}"],
    ),
    (
        '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
        [f"<iframe>: found the HTML element <iframe>, which pages may not use; {ELEMENT}"],
    ),
    (
        '<object data="movie.swf"></object><embed src="movie.swf">',
        [
            f"<object>: found the HTML element <object>, which pages may not use; {ELEMENT}",
            f"<embed>: found the HTML element <embed>, which pages may not use; {ELEMENT}",
        ],
    ),
    (
        "<svg><script>alert(1)</script></svg>",
        [
            f"<svg>: found the HTML element <svg>, which pages may not use; {ELEMENT}",
            f"<script>: found the HTML element <script>, which pages may not use; {ELEMENT}",
        ],
    ),
    (
        '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
        [f"<math>: found the HTML element <math>, which pages may not use; {ELEMENT}"],
    ),
]


@pytest.mark.parametrize("text, problems", ELEMENT_CASES)
def test_a_refused_element_stops_the_build_with_file_and_line(refusals, text, problems):
    for problem in problems:
        assert f"  - {case_page(text)}:{CASE_LINE}: {problem}" in refusals


ATTRIBUTE_CASES = [
    (
        '<p onclick="alert(1)">x</p>',
        0,
        "<p onclick>: found the event handler onclick=, which would run a script; expected only these attributes: class, dir, id, lang, title.",
    ),
    (
        '<img src="x.png" alt="x" OnError="alert(1)">',
        0,
        "<img onerror>: found the event handler onerror=, which would run a script; expected only these attributes: alt, class, dir, height, id, lang, loading, src, title, width.",
    ),
    (
        'A paragraph.\n{: onclick="alert(1)" }',
        1,
        'attribute list {: onclick="alert(1)" }: found the event handler onclick=, which would run a script; expected only these attributes: class, dir, height, id, lang, title, width.',
    ),
    (
        "## A heading { onmouseover=alert(1) }",
        0,
        "attribute list { onmouseover=alert(1) }: found the event handler onmouseover=, which would run a script; expected only these attributes: class, dir, height, id, lang, title, width.",
    ),
    (
        '<span style="background: url(https://evil.example/x.png)">x</span>',
        0,
        "<span style>: found the attribute style=, which pages may not use there; expected only these attributes: class, dir, id, lang, title.",
    ),
    (
        '<span class="x&quot;y">x</span>',
        0,
        '<span class>: found x"y, with characters an id or a class may not have; expected letters, digits, -, _, . and : only.',
    ),
]


@pytest.mark.parametrize("text, line, problem", ATTRIBUTE_CASES)
def test_a_refused_attribute_stops_the_build_with_file_and_line(refusals, text, line, problem):
    assert f"  - {case_page(text)}:{CASE_LINE + line}: {problem}" in refusals


ADDRESS_CASES = [
    ("[click](javascript:alert(1))", "[…](javascript:alert(1))", "javascript:alert(1)", "javascript"),
    ("[click](JaVaScRiPt:alert(1))", "[…](JaVaScRiPt:alert(1))", "JaVaScRiPt:alert(1)", "javascript"),
    (
        "![a picture](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
        "[…](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
        "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
        "data",
    ),
    ("[click][evil]\n\n[evil]: vbscript:msgbox(1)", "[…](vbscript:msgbox(1))", "vbscript:msgbox(1)", "vbscript"),
    ('<a href="java&#x09;script:alert(1)">x</a>', "<a href>", "java script:alert(1)", "javascript"),
    ('<a href="   javascript:alert(1)">x</a>', "<a href>", "javascript:alert(1)", "javascript"),
    (
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
        "<a href>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "data",
    ),
]


@pytest.mark.parametrize("text, field, address, scheme", ADDRESS_CASES)
def test_an_address_that_is_not_a_web_address_stops_the_build(refusals, text, field, address, scheme):
    line = CASE_LINE + text.count("\n")
    expected = (
        f"  - {case_page(text)}:{line}: {field}: found the address {address}, which starts with {scheme}:; {ADDRESS}"
    )
    assert expected in refusals


# A comment closed the way browsers close it (--!>) hides a script from the markdown scan.
ONLY_THE_SANITISER_SEES = "<!-- --!><script>alert(1)</script> -->"


def test_what_only_the_sanitiser_sees_is_refused_too(refusals):
    """The sanitiser of the rendered page finds what the markdown scan could not see."""
    page = case_page(ONLY_THE_SANITISER_SEES)
    assert (
        f"  - {page}:{CASE_LINE}: <script>: found the HTML element <script>, which pages may not use; {ELEMENT}"
        in refusals
    )


ALL_CASES = [
    *(text for text, _ in ELEMENT_CASES),
    *(text for text, _, _ in ATTRIBUTE_CASES),
    *(text for text, *_ in ADDRESS_CASES),
    ONLY_THE_SANITISER_SEES,
]


def test_each_case_is_reported_on_its_own_page_only(refusals):
    """No case hides another: every case page has at least one problem in the one build."""
    assert [text for text in ALL_CASES if f"  - {case_page(text)}:" not in refusals] == []


def test_the_refusal_is_in_ukrainian_for_editors(refused):
    """The same build's problems, as a Ukrainian-speaking editor reads them."""
    page = case_page('<p onclick="alert(1)">x</p>')
    assert (
        f"  - {page}:{CASE_LINE}: <p onclick>: знайдено: обробник подій onclick=, який запустив би скрипт; "
        "очікувалося: лише такі атрибути: class, dir, id, lang, title."
    ) in refused.report("uk").splitlines()


def test_an_unexpected_error_in_a_page_event_is_one_line_naming_the_page(tmp_path):
    """No traceback reaches an editor: the hook's page events turn a crash into one line."""
    from mkdocs.exceptions import PluginError

    spec = importlib.util.spec_from_file_location("hook_under_test", ROOT / "hooks/i18n_pages.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    page = SimpleNamespace(
        file=SimpleNamespace(abs_src_path=str(ROOT / "docs/uk/contact.md"), src_path="uk/contact.md")
    )
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"))

    @hook._reported
    def crashes(markdown, page, config, files):
        raise KeyError("partner")

    with pytest.raises(PluginError) as error:
        crashes("# x", page=page, config=config, files=None)
    assert str(error.value) == (
        "Something unexpected went wrong while working on docs/uk/contact.md: KeyError: 'partner'. This is a fault in the "
        "site's tools, not in your text: please report it to the developers with this line (run the command again with "
        "--debug to see the details)."
    )


# --- hostile but allowed: built, and shown as text everywhere ---------------------------------

TITLE = "T\"><script>window.__pwned=1</script>'"
DESCRIPTION = "D\"><script>window.__pwned=1</script>' & Co"
REPORT_H1 = "# &lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt; \"q\" 'a'"
PARTNER = "Гміна <script>window.__pwned=1</script> \"q\" 'a' & Co"
COUNCIL = "Менська міська рада</script><script>window.__pwned=1</script>"
HOSTILE_TEXT = (
    """
## A heading `<img src=x onerror=alert(1)>` &lt;img src=x onerror=alert(1)&gt; {#custom-id}

Allowed raw HTML: <abbr title="Менська міська рада">ММР</abbr>, a line<br>break,
`<script>alert(1)</script>` in code, &lt;script&gt;alert(1)&lt;/script&gt; as text,
and [a link](https://example.org/?q=%22%3E%3Cscript%3E "a &quot;title&quot;").
"""
    + (
        # Long enough for the page to get its table of contents (partials/mena/toc.html).
        "\nText enough for the page to be long and get its table of contents. " * 20
    )
)


def hostile_project(base):
    contact = (ROOT / "docs/uk/contact.md").read_text(encoding="utf-8")
    contact = contact.replace("---\n", f"---\ntitle: '{TITLE.replace(chr(39), chr(39) * 2)}'\n", 1) + HOSTILE_TEXT
    contact = re.sub(
        r"^description: .*$", lambda _: "description: " + json.dumps(DESCRIPTION), contact, count=1, flags=re.M
    )
    report = (ROOT / "docs/uk/reports/2023-q1.md").read_text(encoding="utf-8")
    report = re.sub(r"^# .*$", lambda _: REPORT_H1, report, count=1, flags=re.MULTILINE)
    search = (ROOT / "docs/uk/search.md").read_text(encoding="utf-8")
    search = re.sub(r"^# .*$", lambda _: REPORT_H1, search, count=1, flags=re.MULTILINE)
    project = make_project(
        base,
        write={"docs/uk/contact.md": contact, "docs/uk/reports/2023-q1.md": report, "docs/uk/search.md": search},
    )
    partners = project / "data/partners.yml"
    partners.write_text(
        partners.read_text(encoding="utf-8").replace(
            "uk: Гміна Домброва", "uk: " + json.dumps(PARTNER, ensure_ascii=False)
        ),
        encoding="utf-8",
    )
    glossary = project / "data/glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace(
            "nom: Менська міська рада", "nom: " + json.dumps(COUNCIL, ensure_ascii=False)
        ),
        encoding="utf-8",
    )
    return project


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    build_site(base / "site", root=hostile_project(base))
    return base / "site"


def text_of(html: str, tag: str) -> str:
    return re.search(rf"<{tag}[^>]*>(.*?)</{tag}>", html, re.DOTALL)[1].strip()


def test_a_front_matter_title_is_text_in_the_tab_the_header_and_open_graph(hostile_site):
    html = (hostile_site / "contact/index.html").read_text(encoding="utf-8")
    escaped = "T&#34;&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;&#39;"
    assert text_of(html, "title") == f"{escaped} — Менська громада — міжнародне співробітництво"
    assert "<script>window.__pwned" not in html
    assert Elements(html).find("meta", property="og:title") == [
        {"property": "og:title", "content": f"{TITLE} — Менська громада — міжнародне співробітництво"}
    ]


def test_a_front_matter_description_is_text_in_the_meta_tags(hostile_site):
    html = (hostile_site / "contact/index.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html.split("</head>")[0]
    page = Elements(html)
    assert page.find("meta", name="description")[0]["content"] == DESCRIPTION
    assert page.find("meta", property="og:description")[0]["content"] == DESCRIPTION


def test_an_h1_written_with_entities_stays_text_in_the_tab_and_open_graph(hostile_site):
    html = (hostile_site / "search/index.html").read_text(encoding="utf-8")
    shown = "</title><script>window.__pwned=1</script> \"q\" 'a'"
    assert (
        text_of(html, "title")
        == "&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt; &#34;q&#34; &#39;a&#39; — Менська громада — міжнародне співробітництво"
    )
    assert (
        Elements(html).find("meta", property="og:title")[0]["content"]
        == f"{shown} — Менська громада — міжнародне співробітництво"
    )
    # A report's title comes from its data; its heading, whatever it holds, stays text on the page.
    report = (hostile_site / "reports/2023-q1/index.html").read_text(encoding="utf-8")
    assert text_of(report, "title") == "Звіт за I квартал 2023 року — Менська громада — міжнародне співробітництво"
    assert "&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text_of(report, "h1")


def test_data_values_are_text_in_pages_and_json_ld(hostile_site):
    partners = (hostile_site / "partners/index.html").read_text(encoding="utf-8")
    assert "Гміна &lt;script&gt;window.__pwned=1&lt;/script&gt;" in partners
    home = (hostile_site / "index.html").read_text(encoding="utf-8")
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', home, re.DOTALL)[1]
    assert "\\u003c/script\\u003e\\u003cscript\\u003e" in data
    assert json.loads(data)["name"] == COUNCIL


def test_headings_and_allowed_html_are_kept(hostile_site):
    html = (hostile_site / "contact/index.html").read_text(encoding="utf-8")
    assert (
        '<h2 id="custom-id">A heading <code>&lt;img src=x onerror=alert(1)&gt;</code> &lt;img src=x onerror=alert(1)&gt;</h2>'
        in html
    )
    assert '<abbr title="Менська міська рада">ММР</abbr>' in html
    # The table of contents shows the heading as text, and links to it.
    assert (
        '<a href="#custom-id">A heading &lt;img src=x onerror=alert(1)&gt; &lt;img src=x onerror=alert(1)&gt;</a>'
        in html
    )


def test_no_page_has_a_script_of_its_author_or_an_event_handler(hostile_site):
    own = {
        '<script src="../assets/mena.js" defer>',
        '<script src="assets/mena.js" defer>',
        '<script src="../../assets/mena.js" defer>',
        '<script type="application/ld+json">',
    }
    for path in sorted(hostile_site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        scripts = {tag for tag in re.findall(r"<script\b[^>]*>", html, re.IGNORECASE)}
        scripts = {
            tag for tag in scripts if tag not in own and "assets/search.js" not in tag and "assets/mena.js" not in tag
        }
        assert scripts == set(), path
        handlers = [(tag, name) for tag, attrs in Elements(html).tags for name in attrs if name.startswith("on")]
        assert handlers == [], path


# --- the allow-list itself, without a build -----------------------------------------------------


def test_what_pages_need_passes_both_walls():
    import markdown

    from menasite.pages.rawhtml import sanitise_content, scan_markdown

    text = (
        '# Title {#top}\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\nText[^n] with <abbr title="x">X</abbr>, <br> and <sup>2</sup>.\n'
        '{: .lead }\n\n<div class="note" markdown="1">\n*inside*\n</div>\n\n!!! note\n    An admonition.\n\n'
        "[^n]: <https://example.org/> and <me@example.org>\n"
    )
    assert scan_markdown(text) == []
    rendered = markdown.markdown(
        text, extensions=["toc", "attr_list", "footnotes", "admonition", "tables", "def_list", "md_in_html"]
    )
    assert sanitise_content(rendered, source=text)[1] == []


def test_every_page_of_the_site_passes_the_markdown_scan():
    from menasite.pages.rawhtml import scan_markdown

    assert {
        path.name: scan_markdown(path.read_text(encoding="utf-8"))
        for path in (ROOT / "docs").rglob("*.md")
        if scan_markdown(path.read_text(encoding="utf-8"))
    } == {}


def test_the_site_wide_link_check_refuses_data_addresses_from_templates(tmp_path):
    """The last wall, over the whole output (templates included): only web addresses."""
    from urllib.parse import urlsplit

    from menasite.site.postbuild import _check_reference

    for value in ("data:text/html,<script>alert(1)</script>", " JaVaScRiPt:alert(1)", "vbscript:msgbox(1)"):
        found = _check_reference(tmp_path, {}, urlsplit("https://example.org/"), "/", "/", "a", "href", "", value)
        assert (str(found[0]), found[1]) == (
            "an address starting with https:, http:, mailto: or tel:, or the path of a page or file of the site",
            value,
        )
