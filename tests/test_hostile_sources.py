"""Hostile and unlucky sources: YAML bombs, tags, limits, encodings, file names and links.

Each kind of problem is refused with its exact message (file, line, field), never a
traceback, a hang or gigabytes of memory; nothing outside the temporary folders changes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, make_project, tree_bytes

from menasite.data.dataset import load_dataset
from menasite.pages.markers import find_placeholders
from menasite.pages.pagefiles import check_page_files
from menasite.pages.sitestate import load_site_state
from menasite.problems import SourceError


def mena(*arguments: str) -> subprocess.CompletedProcess:
    """A command of ./run, as an editor runs it, with its messages in English."""
    return subprocess.run(
        [sys.executable, "-m", "menasite", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "MENA_LANG": "en"},
    )


@pytest.fixture
def data(tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    return copy


def edit(data: Path, name: str, old: str, new: str) -> int:
    """Replace text in a data file; return the line where the change starts."""
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def problems(data: Path, lang: str = "en") -> list[str]:
    with pytest.raises(SourceError) as failure:
        load_dataset(data)
    return [problem.render(lang) for problem in failure.value.problems]


def state_problems(project: Path) -> list[str]:
    with pytest.raises(SourceError) as failure:
        load_site_state(project / "mkdocs.yml")
    return [str(problem) for problem in failure.value.problems]


def lines_of(data: Path, name: str) -> int:
    return (data / name).read_text(encoding="utf-8").count("\n")


# --- YAML aliases, depth: refused at once, in little memory -----------------------------------


def _billion_laughs() -> str:
    """15 levels of 95 aliases each: 95**15 copies of "lol" once expanded, in about 6 KB."""
    lines = ["a: &a [" + ", ".join(['"lol"'] * 95) + "]"]
    for previous, name in zip("abcdefghijklmn", "bcdefghijklmno", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 95) + "]")
    return "\n".join(lines) + "\n"


BILLION_LAUGHS = _billion_laughs()


def _load_in_a_child(data: Path) -> dict:
    """load_dataset in a fresh interpreter: its time and its peak memory (ru_maxrss)."""
    script = textwrap.dedent(
        f"""
        import json, resource, sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from menasite.data.dataset import load_dataset
        from menasite.problems import SourceError
        start = time.monotonic()
        try:
            load_dataset(Path({str(data)!r}))
            found = []
        except SourceError as error:
            found = [str(problem) for problem in error.problems]
        seconds = time.monotonic() - start
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({{"seconds": seconds, "peak_mb": peak_mb, "problems": found}}))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "MENA_LANG": "en"},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_billion_laughs_alias_bomb_is_refused_at_its_first_alias_fast_and_small(data):
    line = lines_of(data, "programmes/2022-2024.yml") + 2  # the second line of the bomb holds the first alias
    (data / "programmes/2022-2024.yml").write_text(
        (data / "programmes/2022-2024.yml").read_text(encoding="utf-8") + BILLION_LAUGHS, encoding="utf-8"
    )
    assert 5000 < len(BILLION_LAUGHS.encode()) < 6500
    outcome = _load_in_a_child(data)
    assert outcome["problems"] == [
        f"data/programmes/2022-2024.yml:{line}: b[1]: found the YAML alias *a; expected a value written out in full (YAML aliases like *name are not used in data)."
    ]
    assert outcome["seconds"] < 2
    assert outcome["peak_mb"] < 200


def test_ten_thousand_open_brackets_are_refused_at_the_depth_limit_fast_and_small(data):
    line = edit(data, "results.yml", "    quantity: 12\n", "    quantity: " + "[" * 10000 + "\n")
    outcome = _load_in_a_child(data)
    assert outcome["problems"] == [
        f"data/results.yml:{line}: results[vehicles-2023-q1].quantity[1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1]: found more levels (a [ or {{ not closed, or too deep an indentation?); "
        "expected at most 20 levels of lists and groups inside each other."
    ]
    assert outcome["seconds"] < 2
    assert outcome["peak_mb"] < 200


def test_an_alias_in_ukrainian(data):
    line = edit(
        data, "council.yml", "website: https://mena.cg.gov.ua/\n", "website: &w https://mena.cg.gov.ua/\nmirror: *w\n"
    )
    assert problems(data, "uk") == [
        f"data/council.yml:{line + 1}: mirror: знайдено: посилання YAML *w; очікувалося: значення, записане повністю (посилання YAML на кшталт *name у даних не використовуються)."
    ]


# --- tags, bytes, line endings ----------------------------------------------------------------


def test_unknown_yaml_tags_are_plain_problems(data):
    first = edit(
        data, "council.yml", "website: https://mena.cg.gov.ua/", "website: !!python/object/apply:os.system [echo]"
    )
    second = edit(data, "results.yml", "    quantity: 12", "    quantity: !foo 12")
    assert problems(data) == [
        f"data/council.yml:{first}: website: found the tag !!python/object/apply:os.system; expected a plain value; YAML tags like !foo are not used in data.",
        f"data/results.yml:{second}: results[vehicles-2023-q1].quantity: found the tag !foo; expected a plain value; YAML tags like !foo are not used in data.",
    ]
    assert (
        problems(data, "uk")[1]
        == f"data/results.yml:{second}: results[vehicles-2023-q1].quantity: знайдено: тег !foo; очікувалося: звичайне значення; теги YAML на кшталт !foo у даних не використовуються."
    )


def test_an_unknown_tag_reaches_the_hook_as_a_source_error(tmp_path):
    """The hook (and so ./run serve's problem banner) catches SourceError only."""
    project = make_project(tmp_path)
    edit(project / "data", "council.yml", "website: https://mena.cg.gov.ua/", "website: !foo x")
    assert state_problems(project) == [
        "data/council.yml:4: website: found the tag !foo; expected a plain value; YAML tags like !foo are not used in data."
    ]


def test_a_nul_byte_and_utf16_are_named(data):
    path = data / "council.yml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.replace("website:", "web\0site:").encode("utf-8"))
    line = text[: text.index("website:")].count("\n") + 1
    programme = data / "programmes/2022-2024.yml"
    programme.write_bytes(programme.read_text(encoding="utf-8").encode("utf-16"))
    assert problems(data) == [
        f"data/council.yml:{line}: encoding: found a NUL byte (a character with code 0), which a text file never has; expected text in UTF-8 (save the file as UTF-8).",
        "data/programmes/2022-2024.yml:1: encoding: found UTF-16 text; expected text in UTF-8 (save the file as UTF-8).",
    ]
    assert (
        problems(data, "uk")[1]
        == "data/programmes/2022-2024.yml:1: кодування: знайдено: текст у кодуванні UTF-16; очікувалося: текст у кодуванні UTF-8 (збережіть файл як UTF-8)."
    )


def test_a_bom_and_windows_line_endings_are_accepted_in_data_with_the_right_lines(data):
    for path in data.rglob("*.yml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert load_dataset(data).results["vehicles-2023-q1"]["quantity"] == 12
    text = (data / "results.yml").read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    line = text[: text.index("    quantity: 12")].count("\n") + 1
    (data / "results.yml").write_bytes(
        (data / "results.yml").read_bytes().replace(b"    quantity: 12\r\n", b"    quantity: twelve\r\n")
    )
    assert problems(data) == [
        f"data/results.yml:{line}: results[vehicles-2023-q1].quantity: found the text 'twelve'; expected a whole number."
    ]


def test_a_crlf_page_with_a_bom_is_checked_like_any_other(tmp_path):
    project = make_project(tmp_path)
    page = project / "docs/uk/contact.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes().replace(b"\n", b"\r\n"))
    assert check_page_files(project / "docs", project) == []
    page.write_bytes(page.read_bytes().replace(b"description:", b"summary: x\r\ndescription:"))
    assert [str(p) for p in check_page_files(project / "docs", project)] == [
        "docs/uk/contact.md:2: front matter summary: found an unknown field 'summary'; expected one of title (the page title in the browser tab), description (a one-sentence summary for search engines)."
    ]


def test_a_crlf_page_keeps_the_line_of_a_marker_in_the_build(tmp_path):
    project = make_project(tmp_path)
    page = project / "docs/uk/contact.md"
    text = page.read_text(encoding="utf-8").replace("## Міська рада\n", "## Міська рада\n\n[[g:no_such_name]]\n")
    line = text[: text.index("[[g:no_such_name]]")].count("\n") + 1
    page.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = mena("check", "--project", str(project))
    assert result.returncode == 1
    assert (
        f"docs/uk/contact.md:{line}: [[g:no_such_name]]: found 'no_such_name', which is not in the glossary; expected an id from data/glossary.yml."
        in result.stderr
    )
    assert "Traceback" not in result.stderr


# --- limits -----------------------------------------------------------------------------------


def test_a_data_file_over_1_mb_is_refused_without_reading_it_all(data):
    path = data / "results.yml"
    text = path.read_text(encoding="utf-8")
    comment = "# " + "x" * 98 + "\n"
    path.write_text(text + comment * 20000, encoding="utf-8")  # about 2 MB
    limit_line = (text + comment * 20000).encode()[: 1024 * 1024].count(b"\n") + 1
    assert problems(data) == [
        f"data/results.yml:{limit_line}: file size: found a file of 1.9 MB; expected a file of at most 1 MB (split it or shorten it)."
    ]
    assert problems(data, "uk") == [
        f"data/results.yml:{limit_line}: розмір файлу: знайдено: файл розміром 1.9 MB; очікувалося: файл не більший за 1 MB (розділіть або скоротіть його)."
    ]


def test_more_than_5000_records_are_refused(data):
    record = "  - id: r{n}\n    category: bus\n    description: {{uk: x}}\n    sources: [report:2023-q1]\n"
    text = (data / "results.yml").read_text(encoding="utf-8")
    existing = sum(1 for line in text.split("\n") if line.startswith("  - id: "))
    (data / "results.yml").write_text(text + "".join(record.format(n=n) for n in range(5000)), encoding="utf-8")
    line_of_the_5001st = text.count("\n") + 4 * (5000 - existing) + 1
    assert problems(data) == [
        f"data/results.yml:{line_of_the_5001st}: results: found more than 5000; expected a list or group of at most 5000 entries."
    ]


def test_a_page_over_512_kb_and_a_page_over_10000_lines(tmp_path):
    project = make_project(tmp_path)
    (project / "docs/uk/contact.md").write_text(
        "# Big\n\n" + ("слово " * 100 + "\n") * 1000, encoding="utf-8"
    )  # 1101 bytes a line
    (project / "docs/uk/index.md").write_text("# Long\n\n" + "line\n" * 20000, encoding="utf-8")
    found = [str(p) for p in check_page_files(project / "docs", project)]
    assert 2 + (512 * 1024) // 1101 + 1 == 479  # the line where the page passes 512 KB
    assert found == [
        "docs/uk/contact.md:479: file size: found a file of 1.1 MB; expected a file of at most 512 KB (split it or shorten it).",
        "docs/uk/index.md:10001: page length: found 20,003 lines; expected a page of at most 10,000 lines (split it into pages).",
    ]


# --- values the schema accepted but the code could not use ----------------------------------


def test_values_that_look_right_but_cannot_be_used(data):
    url = edit(data, "council.yml", "website: https://mena.cg.gov.ua/", "website: https://[x")
    amount = edit(data, "reports/2023-q1.yml", "    amount: 2000.00", "    amount: .inf")
    quantity = edit(data, "results.yml", "    quantity: 12", "    quantity: 12345678901234567890123456789")
    assert problems(data) == [
        f"data/council.yml:{url}: website: found the text 'https://[x'; expected a web address starting with https:// or http://.",
        f"data/reports/2023-q1.yml:{amount}: spending[gifts-calendars].amount: found .inf, which is not a finite number; expected a finite number (like 2000.00).",
        f"data/results.yml:{quantity}: results[vehicles-2023-q1].quantity: found 12345678901234567890123456789; expected a number of at most 1000000.",
    ]


def test_more_values_of_the_same_kind(data):
    nan = edit(data, "reports/2023-q1.yml", "    amount: 2000.00", "    amount: .nan")
    year = edit(data, "programmes/2022-2024.yml", '  date: "2021-12-09"', '  date: "0000-12-09"')
    host = edit(
        data,
        "partners.yml",
        "    website: https://cities4cities.eu/",
        '    website: "https://x\\"onmouseover=alert(1)"',
    )
    long_id = edit(data, "results.yml", "  - id: bus-2023-q1", "  - id: bus-" + "a" * 70)
    found = problems(data)
    assert found == [
        f"data/partners.yml:{host}: partners[cities4cities].website: found the text 'https://x\"onmouseover=alert(1)'; expected a web address starting with https:// or http://.",
        f"data/programmes/2022-2024.yml:{year}: decision.date: found the text '0000-12-09' (the year 0 is not between 1900 and 2100); expected a real date written YYYY-MM-DD (2021-12-09).",
        f"data/reports/2023-q1.yml:{nan}: spending[gifts-calendars].amount: found .nan, which is not a finite number; expected a finite number (like 2000.00).",
        f"data/results.yml:{long_id}: results[bus-{'a' * 70}].id: found a text of 74 characters; expected an id of small Latin letters, digits and hyphens (gmina-dabrowa).",
    ]


# --- front matter -----------------------------------------------------------------------------


def test_front_matter_values_of_the_wrong_kind(tmp_path):
    project = make_project(tmp_path)
    page = project / "docs/en/contact.md"
    page.write_text(page.read_text(encoding="utf-8").replace("---\n", "---\ntitle: [1, 2]\n", 1), encoding="utf-8")
    other = project / "docs/pl/contact.md"
    other.write_text(
        other.read_text(encoding="utf-8").replace(
            "description:", "title: " + "T" * 130 + "\nextra: 1\ndescription: {a: 1}\n_old:", 1
        ),
        encoding="utf-8",
    )
    found = [p.render("en") for p in _page_problems(project)]
    assert found == [
        "docs/en/contact.md:2: front matter title: found a list; expected a one-line text of at most 120 characters.",
        "docs/pl/contact.md:2: front matter title: found a text of 130 characters; expected a one-line text of at most 120 characters.",
        "docs/pl/contact.md:3: front matter extra: found an unknown field 'extra'; expected one of title (the page title in the browser tab), description (a one-sentence summary for search engines).",
        "docs/pl/contact.md:4: front matter description: found a group of fields; expected a one-line text of at most 160 characters.",
        "docs/pl/contact.md:5: front matter _old: found an unknown field '_old'; expected one of title (the page title in the browser tab), description (a one-sentence summary for search engines).",
    ]
    assert (
        _page_problems(project)[0].render("uk")
        == "docs/en/contact.md:2: заголовок сторінки, поле title: знайдено: список; очікувалося: текст в один рядок, не довший за 120 символів."
    )


def _page_problems(project: Path):
    return sorted(check_page_files(project / "docs", project), key=lambda p: p.sort_key())


def test_a_tag_in_front_matter(tmp_path):
    project = make_project(tmp_path)
    page = project / "docs/en/contact.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("---\n", "---\ntitle: !!python/name:os.system\n", 1), encoding="utf-8"
    )
    assert [str(p) for p in _page_problems(project)] == [
        "docs/en/contact.md:2: front matter title: found the tag !!python/name:os.system; expected a plain value; YAML tags like !foo are not used in data."
    ]


# --- file names and links ---------------------------------------------------------------------


def test_unsafe_file_names_are_refused_before_mkdocs_sees_them(tmp_path):
    project = make_project(tmp_path)
    shutil.copy(project / "docs/uk/contact.md", project / 'docs/uk/" onmouseover="alert(1)" x="-q1.md')
    shutil.copy(project / "data/reports/2023-q1.yml", project / "data/reports/2023-Q2.yml")
    assert state_problems(project) == [
        "data/reports/2023-Q2.yml: file name: found '2023-Q2.yml', which has other characters; expected a name of lower-case Latin letters, digits and hyphens, ending in .yml (2023-q1.yml).",
        'docs/uk/" onmouseover="alert(1)" x="-q1.md: file name: found \'" onmouseover="alert(1)" x="-q1.md\', which has other characters; '
        "expected a name of lower-case Latin letters, digits and hyphens, ending in .md (2023-q1.md).",
    ]


def test_a_link_to_the_git_config_is_refused_and_never_read(tmp_path):
    project = make_project(tmp_path)
    (project / ".git").mkdir()
    secret = project / ".git/config"
    secret.write_text("[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n", encoding="utf-8")
    (project / "docs/uk/reports/cfg-q1.md").symlink_to("../../../.git/config")
    (project / "data/reports/2099-q1.yml").symlink_to("/etc/hostname")
    (project / "docs/en/reports").rename(project / "docs/en/reports-old")
    (project / "docs/en/reports").symlink_to("reports-old")  # a link to a folder
    before = secret.stat().st_atime_ns
    found = state_problems(project)
    assert found == [
        "data/reports/2099-q1.yml: link: found a link to a file outside data/; expected a regular file inside data/.",
        "docs/en/reports: link: found a link to something that is not a file (a folder or a device); expected a regular file inside docs/.",
        "docs/uk/reports/cfg-q1.md: link: found a link to a file outside docs/; expected a regular file inside docs/.",
    ]
    assert secret.stat().st_atime_ns == before
    with pytest.raises(SourceError) as failure:
        load_site_state(project / "mkdocs.yml")
    assert (
        failure.value.problems[2].render("uk")
        == "docs/uk/reports/cfg-q1.md: посилання (symlink): знайдено: посилання на файл поза текою docs/; очікувалося: звичайний файл у теці docs/."
    )


def test_a_link_to_a_file_inside_the_same_folder_is_accepted(tmp_path):
    project = make_project(tmp_path)  # overrides/ and hooks/ are links to the project's folders
    (project / "docs/pl/contact.md").unlink()
    (project / "docs/pl/contact.md").symlink_to("../uk/contact.md")
    state = load_site_state(project / "mkdocs.yml")
    assert "contact.md" in state.pages.sources["pl"]


def test_a_link_inside_overrides_is_judged(tmp_path):
    project = make_project(tmp_path)
    (project / "overrides").unlink()
    shutil.copytree(ROOT / "overrides", project / "overrides")
    (project / "overrides/leak.html").symlink_to(ROOT / "mkdocs.yml")
    assert state_problems(project) == [
        "overrides/leak.html: link: found a link to a file outside overrides/; expected a regular file inside overrides/."
    ]


def test_a_pipe_in_docs_is_refused_instead_of_hanging(tmp_path):
    project = make_project(tmp_path)
    os.mkfifo(project / "docs/uk/pipe.md")
    assert state_problems(project) == [
        "docs/uk/pipe.md: file: found something that is not a file (a pipe or a device); expected a regular file inside docs/."
    ]


# --- new-report and placeholders --------------------------------------------------------------


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return mena(*args, "--project", str(project))


@pytest.mark.parametrize("quarter", ["0000-q1", "9999-q4"])
def test_new_report_refuses_a_year_outside_the_programme(tmp_path, quarter):
    project = make_project(tmp_path)
    before = tree_bytes(project)
    result = mena("new-report", "--project", str(project), quarter)
    assert result.returncode == 1
    assert (
        f"  - {quarter}: year: found {quarter[:4]}, which no programme covers; expected a year of one of the programmes: 2022-2024 (data/programmes/2022-2024.yml)."
        in result.stderr
    )
    assert tree_bytes(project) == before


def test_new_report_accepts_a_capital_q(tmp_path):
    project = make_project(tmp_path)
    result = mena("new-report", "--project", str(project), "2023-Q3")
    assert result.returncode == 0, result.stderr
    assert (project / "data/reports/2023-q3.yml").is_file()
    assert (project / "docs/uk/reports/2023-q3.md").is_file()


def test_placeholders_on_a_page_that_is_not_utf8(tmp_path):
    project = make_project(tmp_path)
    page = project / "docs/pl/contact.md"
    text = page.read_text(encoding="utf-8")
    page.write_bytes(text.encode("utf-8") + "[[todo:телефон]]\n".encode("cp1251"))
    with pytest.raises(SourceError) as failure:
        find_placeholders(project / "docs", project)
    assert [str(p) for p in failure.value.problems] == [
        f"docs/pl/contact.md:{text.count(chr(10)) + 1}: encoding: found the byte 0xf2, which is not UTF-8; expected text in UTF-8 (save the file as UTF-8)."
    ]


def test_the_placeholders_command_names_a_page_that_is_not_utf8_without_a_traceback(tmp_path):
    project = make_project(tmp_path)
    page = project / "docs/pl/contact.md"
    text = page.read_text(encoding="utf-8")
    page.write_bytes(text.encode("utf-8") + "[[todo:телефон]]\n".encode("cp1251"))
    result = subprocess.run(
        [sys.executable, "-m", "menasite", "placeholders", "--lang", "en", "--project", str(project)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Nothing was done: problems to fix: 1.",
        f"  - docs/pl/contact.md:{text.count(chr(10)) + 1}: encoding: found the byte 0xf2, which is not UTF-8; expected text in UTF-8 (save the file as UTF-8).",
    ]


def test_a_pages_folder_that_links_out_of_the_project_is_refused(tmp_path):
    """MkDocs would publish whatever docs/ points to: the folder itself must be the project's."""
    project = make_project(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(project / "docs", elsewhere)
    (project / "docs").symlink_to(elsewhere, target_is_directory=True)
    result = mena("check", "--project", str(project))
    assert result.returncode == 1
    assert (
        f"  - docs/: link: found a link to {elsewhere}, outside the project; expected a folder inside the project."
        in result.stderr.splitlines()
    )
