"""What every built page says about itself: its title ("Page — Site"), its description (a
summary in its language) and its sharing image (og:image, one per language)."""

from __future__ import annotations

import re
import struct
from html import unescape

import pytest
from conftest import LANGUAGES, Elements, make_project

from menasite.pages.pagefiles import check_page_files
from menasite.pages.pagemeta import fitted

PREFIX = {"uk": "", "en": "en/", "pl": "pl/"}
SITE_NAMES = {
    "uk": "Менська громада — міжнародне співробітництво",
    "en": "Mena community — international cooperation",
    "pl": "Hromada Mena — współpraca międzynarodowa",
}
EDITORS_PAGE = "editors/translations/index.html"


def lang_of_file(page: str) -> str:
    return next((lang for lang in ("en", "pl") if page.startswith(f"{lang}/")), "uk")


def head(html: str) -> dict[str, str]:
    """The page's title and its meta name/property values."""
    tags = Elements(html)
    values = {m.get("name") or m.get("property"): m["content"] for m in tags.find("meta") if "content" in m}
    values["title"] = unescape(re.search(r"<title>(.*?)</title>", html, re.DOTALL)[1])
    return values


# Words that give a text's language away (a text may hold names from the others).
WORDS = {
    "en": {"the", "of", "and", "to", "for", "with", "on", "in", "is", "by", "what", "how", "there", "no"},
    "pl": {"i", "w", "z", "na", "do", "się", "dla", "oraz", "według", "nie", "jak", "co", "za", "lata"},
}


def language_of(text: str) -> str:
    """uk when most letters are Cyrillic; otherwise en or pl, by their common words and letters."""
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    if cyrillic * 2 > len(letters):
        return "uk"
    words = re.findall(r"\w+", text.lower())
    score = {lang: sum(word in common for word in words) for lang, common in WORDS.items()}
    score["pl"] += sum(c in "ąćęłńóśźż" for c in text.lower())
    return max(score, key=lambda lang: score[lang])


def test_every_title_is_page_dash_site_and_the_home_page_is_the_site_alone(site):
    for page in site.pages():
        if page == EDITORS_PAGE:
            continue
        lang = lang_of_file(page)
        meta = head(site.html(page))
        assert meta["og:title"] == meta["title"], page
        if page in ("index.html", "en/index.html", "pl/index.html"):
            assert meta["title"] == SITE_NAMES[lang], page
        else:
            own, separator, rest = meta["title"].partition(" — ")
            assert separator and own and rest == SITE_NAMES[lang], page
        assert len(meta["title"]) <= 90, page  # short enough for a tab and a search result
        assert " - " not in meta["title"], page


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("404.html", "Сторінку не знайдено — Менська громада — міжнародне співробітництво"),
        ("en/404.html", "Page not found — Mena community — international cooperation"),
        ("pl/404.html", "Nie znaleziono strony — Hromada Mena — współpraca międzynarodowa"),
        ("reports/2023-q1/index.html", "Звіт за I квартал 2023 року — Менська громада — міжнародне співробітництво"),
        ("en/reports/2023-q1/index.html", "Report for Q1 2023 — Mena community — international cooperation"),
        (
            "pl/reports/2023-q1/index.html",
            "Sprawozdanie za I kwartał 2023 r. — Hromada Mena — współpraca międzynarodowa",
        ),
        (
            "programmes/2022-2024/index.html",
            "Програма на 2022–2024 роки — Менська громада — міжнародне співробітництво",
        ),
        ("en/partners/index.html", "Partners — Mena community — international cooperation"),
        (EDITORS_PAGE, "Стан перекладів — Менська громада — міжнародне співробітництво"),
    ],
)
def test_titles_of_404_report_and_programme_pages(site, page, title):
    assert head(site.html(page))["title"] == title


@pytest.mark.parametrize(
    ("page", "heading"),
    [
        ("reports/2023-q1/index.html", "Звіт про стан виконання Програми розвитку міжнародного співробітництва"),
        ("en/reports/2023-q1/index.html", "Report on the implementation of the Programme for the Development"),
        ("pl/reports/2023-q1/index.html", "Sprawozdanie z realizacji Programu rozwoju współpracy międzynarodowej"),
    ],
)
def test_a_report_keeps_its_full_name_as_its_heading(site, page, heading):
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", site.html(page), re.DOTALL)[1]
    assert " ".join(re.sub(r"<[^>]+>", "", h1).split()).startswith(heading)


def test_every_page_has_a_description_in_its_language_that_is_not_its_title(site):
    for page in site.pages():
        lang = lang_of_file(page)
        meta = head(site.html(page))
        description = meta.get("description", "")
        assert description, page
        own_title = meta["title"].partition(" — ")[0]
        # A summary, not the title again (it may name the page: "Accessibility statement of ...").
        assert description.rstrip(".") not in (meta["title"], own_title), page
        assert len(description.split()) >= len(own_title.split()) + 4, page
        assert len(description) <= 160, (page, len(description))
        assert language_of(description) == lang, (page, description)
        if page != EDITORS_PAGE:
            assert meta["og:description"] == description, page


@pytest.mark.parametrize(
    ("page", "description"),
    [
        (
            "reports/2023-q1/index.html",
            "Звіт за I квартал 2023 року (програма на 2022–2024 роки). Отримано: автомобілі, автобуси, генератори, гуманітарна допомога. Партнерів: 10. Видатки: 2000,00 грн.",
        ),
        (
            "en/reports/2023-q1/index.html",
            "Report for Q1 2023 (programme for 2022–2024). Received: vehicles, buses, generators, humanitarian aid. Partners: 10. Spending: UAH 2,000.00.",
        ),
        (
            "pl/programmes/2022-2024/index.html",
            "Program współpracy międzynarodowej na lata 2022–2024. Sprawozdań: 1. Otrzymano: samochody, autobusy, generatory, pomoc humanitarna. Wydatki: 2000,00 UAH.",
        ),
        ("en/404.html", "There is no such page on this site. It may have moved, or the address may be mistyped."),
    ],
)
def test_reports_and_programmes_are_described_from_their_data(site, page, description):
    assert head(site.html(page))["description"] == description


def test_a_long_description_is_cut_at_a_word():
    text = "Звіт " + "про все " * 40
    cut = fitted(text)
    assert len(cut) <= 160 and cut.endswith("все…")
    assert fitted("short text.") == "short text."


def test_a_front_matter_description_longer_than_160_characters_is_refused(tmp_path):
    project = make_project(tmp_path)
    page = project / "docs/en/contact.md"
    page.write_text(page.read_text(encoding="utf-8").replace("description: ", "description: " + "x" * 120, 1))
    problems = [problem.render("en") for problem in check_page_files(project / "docs", project)]
    assert problems == [
        "docs/en/contact.md:2: front matter description: found a text of 201 characters; expected a one-line text of at most 160 characters."
    ]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_sharing_image_and_every_page_points_to_it(site, lang):
    image = site.path / "assets" / "social" / f"{lang}.png"
    assert png_size(image.read_bytes()) == (1200, 630)
    alt = {
        # 8 records of results, 5 once those that may count the same things are one (as every total)
        "uk": "Менська громада — міжнародне співробітництво. Менська міська рада, Мена, Чернігівська область. "
        "Партнерів: 15, Результатів співпраці: 5, Звітів: 1.",
        "en": "Mena community — international cooperation. Mena City Council, Mena, Chernihiv Oblast. "
        "Partners: 15, Results of cooperation: 5, Reports: 1.",
        "pl": "Hromada Mena — współpraca międzynarodowa. Rada Miejska w Menie, Mena, obwód czernihowski. "
        "Partnerów: 15, Wyników współpracy: 5, Sprawozdań: 1.",
    }[lang]
    pages = [page for page in site.pages() if page != EDITORS_PAGE and lang_of_file(page) == lang]
    assert len(pages) >= 11
    for page in pages:
        meta = head(site.html(page))
        assert meta["og:image"] == f"{site.site_url}assets/social/{lang}.png", page  # absolute, under the subpath
        assert (meta["og:image:width"], meta["og:image:height"], meta["og:image:type"]) == ("1200", "630", "image/png")
        assert meta["og:image:alt"] == alt, page
        assert language_of(meta["og:image:alt"]) == lang, page


def test_the_sharing_images_differ_by_language_and_follow_the_site_address(site, root_site):
    images = {lang: (site.path / f"assets/social/{lang}.png").read_bytes() for lang in LANGUAGES}
    assert len(set(images.values())) == 3
    meta = head(root_site.html("pl/partners/index.html"))
    assert meta["og:image"] == "https://partnership.example.org/assets/social/pl.png"
