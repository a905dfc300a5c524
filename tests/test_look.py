"""The council's look, as the built pages carry it: the header's names, the council's footer, the
coat of arms and the licence left to the council, the home page's key facts with their sources,
a table of contents beside long pages only, and nothing of Material's hidden checkboxes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html import unescape

import pytest
from conftest import ROOT, Elements, make_project

from menasite.data.dataset import load_dataset
from menasite.problems import SourceError
from menasite.site.build import build_site

PREFIX = {"uk": "", "en": "en/", "pl": "pl/"}


def part(html: str, start: str, end: str) -> str:
    """The text of a page from ``start`` to the first ``end`` after it."""
    begin = html.index(start)
    return html[begin : html.index(end, begin) + len(end)]


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.mark.parametrize(
    ("lang", "council", "street", "statement"),
    [
        ("uk", "Менська міська рада", "вул. Героїв АТО, 6, Мена, Чернігівська область", "Заява про доступність"),
        ("en", "Mena City Council", "6 Heroiv ATO Street, Mena, Chernihiv Oblast", "Accessibility statement"),
        ("pl", "Rada Miejska w Menie", "ul. Bohaterów ATO 6, Mena, obwód czernihowski", "Deklaracja dostępności"),
    ],
)
def test_every_page_ends_with_the_councils_footer_not_made_with(site, lang, council, street, statement):
    pages = [p for p in site.pages() if not p.startswith(("en/", "pl/", "editors/"))]
    if lang != "uk":
        pages = [p for p in site.pages() if p.startswith(PREFIX[lang])]
    for page in pages:
        html = site.html(page)
        footer = text(part(html, '<footer class="mena-footer">', "</footer>"))
        assert footer.startswith(f"{council} {street} ("), (page, footer)
        assert "mena.cg.gov.ua" in footer and statement in footer, (page, footer)
        assert "Made with" not in html and "Material for MkDocs" not in html, page


def test_the_statement_and_the_councils_website_are_linked_from_the_footer(site):
    footer = part(site.html("en/results/index.html"), '<footer class="mena-footer">', "</footer>")
    links = {a["href"] for a in Elements(footer).find("a")}
    assert links == {"https://mena.cg.gov.ua/", "../accessibility/"}


@pytest.mark.parametrize(
    ("lang", "short"), [("uk", "Менська громада"), ("en", "Mena community"), ("pl", "Hromada Mena")]
)
def test_the_header_has_the_site_name_and_its_short_form_for_phones(site, lang, short):
    header = part(site.html(PREFIX[lang] + "partners/index.html"), '<header class="mena-header">', "</header>")
    assert f'<span class="mena-brand__name mena-brand__name--short">{short}</span>' in header
    assert "mena-brand__name--long" in header


def test_previews_mark_what_the_council_must_supply_and_visitors_see_nothing_in_its_place(site, production_site):
    preview = site.html("en/index.html")
    assert text(part(preview, '<span class="mena-arms mena-arms--placeholder">', "</span></span>")) == (
        "arms To be filled in by the council: Coat of arms of the Mena City Territorial Community"
    )
    footer = text(part(preview, '<footer class="mena-footer">', "</footer>"))
    assert footer.endswith("To be filled in by the council: the licence of the site's content")
    published = production_site.html("en/index.html")
    assert "mena-arms" not in published and "To be filled in" not in published
    assert "<img" not in part(published, '<header class="mena-header">', "</header>")


def test_no_page_has_hidden_checkboxes_or_labels_without_a_control(site):
    """Material's #__drawer, #__search and #__toc are gone: the phone menu is a button."""
    for page in site.pages():
        html = site.html(page)
        assert not re.search(r'<input [^>]*type="checkbox"', html), page
        assert not re.search(r"<label [^>]*for=\"__", html), page


@pytest.mark.parametrize(
    ("lang", "population", "settlements", "period", "partners"),
    [
        ("uk", "26 014", "1 місто, 1 селище міського типу, 3 селища, 34 села", "2022–2024 роки", "15"),
        ("en", "26,014", "1 city, 1 urban-type settlement, 3 settlements, 34 villages", "2022–2024", "15"),
        ("pl", "26 014", "1 miasto, 1 osiedle typu miejskiego, 3 osiedla, 34 wsie", "lata 2022–2024", "15"),
    ],
)
def test_the_home_page_shows_key_facts_from_the_data_each_with_its_source(
    site, lang, population, settlements, period, partners
):
    html = site.html(PREFIX[lang] + "index.html")
    cards = part(html, '<ul class="mena-cards">', "<h2").split('<li class="mena-card">')[1:]
    assert len(cards) == 5
    values = [text(v) for v in re.findall(r'<p class="mena-card__value">(.*?)</p>', html)]
    assert values == [population, "39", period, partners]
    assert settlements in text(cards[1])
    for card in cards[:2]:
        assert '<a href="https://cities4cities.eu/community/mena-territorial-community/">' in card
    assert "797" in text(cards[2])  # the council's decision that approved the programme
    assert 'href="reports/2023-q1/"' in part(cards[2], '<p class="mena-card__source">', "</p>")  # its source
    for card, page in zip(cards[3:], ("partners/", "results/"), strict=True):
        assert f'href="{page}"' in card  # each entry's source is on its page
    assert 'href="reports/2023-q1/"' in part(html, '<p class="mena-latest">', "</p>")
    assert 'href="partners/#partner-gmina-dabrowa"' in part(html, '<ul class="mena-chips">', "</ul>")


def test_a_table_of_contents_beside_long_pages_only(site):
    with_contents = {page for page in site.pages() if '<nav class="mena-toc"' in site.html(page)}
    assert {"reports/2023-q1/index.html", "en/results/index.html"} <= with_contents
    short = {"index.html", "en/index.html", "pl/contact/index.html", "accessibility/index.html", "404.html"}
    assert not short & with_contents


def test_the_community_figures_are_checked_like_any_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    council = data / "council.yml"
    source = council.read_text(encoding="utf-8")
    council.write_text(source.replace("    value: 26014", "    value: -26014"), encoding="utf-8")
    line = source[: source.index("    value: 26014")].count("\n") + 1
    with pytest.raises(SourceError) as failure:
        load_dataset(data)
    assert [str(problem) for problem in failure.value.problems] == [
        f"data/council.yml:{line}: community.population.value: found -26014; expected a number that is not negative."
    ]


# What the council supplies when it has them (here a sample: the favicon as arms, a sample licence).
SUPPLIED = """coat_of_arms: assets/favicon.svg
content_licence:
  name: {uk: Ліцензія-зразок, en: Sample licence}
  url: https://example.org/licence
"""


def test_what_the_council_supplies_in_council_yml_shows_and_leaves_the_todo_list(tmp_path):
    project = make_project(tmp_path)
    council = project / "data/council.yml"
    council.write_text(council.read_text(encoding="utf-8") + SUPPLIED, encoding="utf-8")
    build_site(tmp_path / "site", root=project)
    page = (tmp_path / "site/en/partners/index.html").read_text(encoding="utf-8")
    assert (
        '<img class="mena-arms" src="../../assets/favicon.svg?v=7ac5ab78f6" alt="Coat of arms of the Mena City Territorial Community"'
        ' width="40" height="40">'
    ) in page
    footer = part(page, '<footer class="mena-footer">', "</footer>")
    assert (
        'Licence of the site&#39;s content: <a href="https://example.org/licence" rel="license">Sample licence</a>'
        in footer
    )
    assert "To be filled in" not in footer
    # Polish has no name of its own yet: the Ukrainian one, marked as Ukrainian.
    polish = part(
        (tmp_path / "site/pl/index.html").read_text(encoding="utf-8"), '<footer class="mena-footer">', "</footer>"
    )
    assert 'rel="license" lang="uk">Ліцензія-зразок</a>' in polish
    assert placeholder_lines(project)[-1] == "18 placeholder(s) to be filled in by the council."


def placeholder_lines(project) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "menasite", "placeholders", "--lang", "en", "--project", str(project)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


def test_the_todo_list_names_what_the_council_has_not_supplied_yet():
    lines = placeholder_lines(ROOT)
    assert lines[-3:] == [
        "data/council.yml: coat_of_arms: the coat of arms of the community (a square SVG or PNG in overrides/assets/)",
        "data/council.yml: content_licence: the licence of the site's texts (its name and address)",
        "20 placeholder(s) to be filled in by the council.",
    ]
    # ./run check says the same: the same items, the same count.
    check = subprocess.run(
        [sys.executable, "-m", "menasite", "check", "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    *_, arms, licence, summary = check.stdout.splitlines()
    assert [arms, licence] == [
        "  - to be filled in by the council: data/council.yml: coat_of_arms: the coat of arms of the community"
        " (a square SVG or PNG in overrides/assets/)",
        "  - to be filled in by the council: data/council.yml: content_licence: the licence of the site's texts"
        " (its name and address)",
    ]
    assert summary.startswith("Everything is valid: ") and summary.endswith(", 20 placeholders still to fill in.")


def test_a_coat_of_arms_from_another_host_is_refused(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    council = data / "council.yml"
    source = council.read_text(encoding="utf-8")
    council.write_text(source + "coat_of_arms: https://example.org/arms.png\n", encoding="utf-8")
    with pytest.raises(SourceError) as failure:
        load_dataset(data)
    assert [str(problem) for problem in failure.value.problems] == [
        f"data/council.yml:{source.count(chr(10)) + 1}: coat_of_arms: found the text 'https://example.org/arms.png'; "
        "expected a file in overrides/assets/, written assets/NAME.svg or assets/NAME.png."
    ]


@pytest.mark.parametrize(
    ("page", "section"),
    [
        ("reports/2023-q1/index.html", "../"),
        ("en/reports/2023-q1/index.html", "../"),
        ("pl/programmes/2022-2024/index.html", "../../programme/"),
        ("programmes/2022-2024/index.html", "../../programme/"),
    ],
)
def test_a_page_outside_the_menu_marks_the_menus_section_it_is_under(site, page, section):
    assert re.findall(r'<a href="([^"]*)" class="mena-nav__within">', site.html(page)) == [section]


def test_pages_of_the_menu_mark_only_themselves(site):
    for page in site.pages():
        if "reports/20" in page or "programmes/" in page:
            continue
        assert "mena-nav__within" not in site.html(page), page
