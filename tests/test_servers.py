"""The shipped server configurations (deploy/) with real servers on loopback ports: nginx and
Apache as the council's publisher would install them, serving one production build of the site.

Every page and file answers, an unknown address gets the 404 page of its language with status
404, the security and cache headers are sent, gzip is the build's own .gz, and Chromium visits
every page under the Content-Security-Policy without a violation, search included.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, Visitor

from menasite.site.webfiles import (
    COMPRESSED_SUFFIXES,
    CONTENT_SECURITY_POLICY,
    META_CONTENT_SECURITY_POLICY,
    META_POLICY_WITHOUT_WEBASSEMBLY,
    PERMISSIONS_POLICY,
    REFERRER_POLICY,
    content_version,
)

DEPLOY = ROOT / "deploy"
APACHE_MODULES = Path("/usr/lib/apache2/modules")
YEAR = "public, max-age=31536000, immutable"
SHORT = "no-cache"


@pytest.fixture(scope="session")
def production(production_site) -> Path:
    """The production build for the subpath, as publish uploads it (shared by the workers)."""
    return production_site.path


def test_a_production_page_carries_the_policy_before_anything_it_loads(production):
    pages = sorted(production.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        policy = META_CONTENT_SECURITY_POLICY if page.parent.name == "search" else META_POLICY_WITHOUT_WEBASSEMBLY
        tag = f'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{policy}">'
        assert html.count("Content-Security-Policy") == 1, page
        assert html.index(tag) < min(html.index("<link"), html.index("<script") if "<script" in html else len(html))


def test_every_text_file_of_a_production_build_has_its_gzip_twin(production):
    texts = [p for p in production.rglob("*") if p.suffix in COMPRESSED_SUFFIXES]
    assert {".html", ".css", ".js", ".json", ".xml", ".svg"} <= {p.suffix for p in texts}
    for path in texts:
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == path.read_bytes(), path


# --- starting and stopping the servers -------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def started(command: list[str], ports: list[int], log: Path) -> subprocess.Popen:
    """Run a server in the foreground; return once it answers on every port."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 15
    waiting = list(ports)
    while waiting:
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            problem = log.read_text(errors="replace") if log.exists() else "(no log)"
            pytest.fail(f"{command[0]} did not start: {problem}")
        try:
            socket.create_connection(("127.0.0.1", waiting[0]), timeout=0.2).close()
            waiting.pop(0)
        except OSError:
            time.sleep(0.05)
    return process


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def nginx(production, tmp_path_factory) -> Iterator[dict[str, str]]:
    """nginx with the shipped files included as they are: the subpath server block sets
    $mena_root, the domain-root one its root (the one line each publisher writes)."""
    assert shutil.which("nginx"), "this test needs Debian's nginx: run ./run system-deps"
    top = tmp_path_factory.mktemp("nginx")
    (top / "mena").symlink_to(DEPLOY / "nginx")  # installed as /etc/nginx/mena/
    (top / "www").mkdir()
    (top / "www" / "partnership").symlink_to(production)
    subpath, root = free_port(), free_port()
    temp = " ".join(f"{kind}_temp_path {top}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (top / "nginx.conf").write_text(
        f"daemon off; master_process off; pid {top}/nginx.pid; error_log {top}/error.log;\n"
        "events {}\n"
        "http {\n"
        f"  include /etc/nginx/mime.types; default_type application/octet-stream;\n"
        f"  access_log {top}/access.log; {temp}\n"
        f"  server {{ listen 127.0.0.1:{subpath}; set $mena_root {top}/www; include mena/subpath.conf; }}\n"
        f"  server {{ listen 127.0.0.1:{root}; root {production}; include mena/domain-root.conf; }}\n"
        "}\n",
        encoding="utf-8",
    )
    process = started(["nginx", "-p", str(top), "-c", str(top / "nginx.conf")], [subpath, root], top / "error.log")
    try:
        yield {"subpath": f"http://127.0.0.1:{subpath}/partnership/", "root": f"http://127.0.0.1:{root}/"}
    finally:
        stop(process)


@pytest.fixture(scope="module")
def apache(production, tmp_path_factory) -> Iterator[dict[str, str]]:
    """Apache with only the modules the .htaccess needs and Debian's mime.conf, the shipped
    .htaccess in the site's top folder (a copy of the build: the shared one stays untouched)."""
    assert shutil.which("apache2"), "this test needs Debian's apache2: run ./run system-deps"
    top = tmp_path_factory.mktemp("apache")
    shutil.copytree(production, top / "www" / "partnership")
    shutil.copy(DEPLOY / "apache" / "subpath" / ".htaccess", top / "www" / "partnership" / ".htaccess")
    shutil.copytree(production, top / "root")
    shutil.copy(DEPLOY / "apache" / "domain-root" / ".htaccess", top / "root" / ".htaccess")
    subpath, root = free_port(), free_port()
    modules = "\n".join(
        f"LoadModule {name}_module {APACHE_MODULES}/mod_{name}.so"
        for name in ("mpm_prefork", "authz_core", "mime", "dir", "rewrite", "headers")
    )
    (top / "httpd.conf").write_text(
        f"ServerRoot {top}\nDefaultRuntimeDir {top}\nPidFile {top}/httpd.pid\nErrorLog {top}/error.log\n"
        f"ServerName 127.0.0.1\nListen 127.0.0.1:{subpath}\nListen 127.0.0.1:{root}\n{modules}\n"
        "Include /etc/apache2/mods-available/mime.conf\n"
        "<Directory />\n  AllowOverride None\n  Require all denied\n</Directory>\n"
        f"<Directory {top}>\n  Options FollowSymLinks\n  AllowOverride FileInfo Indexes\n  Require all granted\n"
        "</Directory>\n"
        f"<VirtualHost 127.0.0.1:{subpath}>\n  DocumentRoot {top}/www\n</VirtualHost>\n"
        f"<VirtualHost 127.0.0.1:{root}>\n  DocumentRoot {top}/root\n</VirtualHost>\n",
        encoding="utf-8",
    )
    command = ["apache2", "-X", "-f", str(top / "httpd.conf")]
    if os.geteuid() == 0:
        # Apache will not serve as root: it runs as nobody, still allowed to read pytest's
        # private temporary folders (the files a real server reads are its own).
        command = [
            "setpriv",
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            "--inh-caps=+dac_override",
            "--ambient-caps=+dac_override",
            *command,
        ]
    process = started(command, [subpath, root], top / "error.log")
    try:
        yield {"subpath": f"http://127.0.0.1:{subpath}/partnership/", "root": f"http://127.0.0.1:{root}/"}
    finally:
        stop(process)


# --- asking them ------------------------------------------------------------------------------


class Answer:
    def __init__(self, response: http.client.HTTPResponse) -> None:
        self.status = response.status
        self.headers = {name.lower(): value for name, value in response.getheaders()}
        self.body = response.read()

    def text(self) -> bytes:
        """The body as the visitor's browser sees it (decompressed)."""
        return gzip.decompress(self.body) if self.headers.get("content-encoding") == "gzip" else self.body


def fetch(url: str, *, gzip_ok: bool = False, connection: http.client.HTTPConnection | None = None) -> Answer:
    parts = urlsplit(url)
    own = connection is None
    connection = connection or http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", target, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
        return Answer(connection.getresponse())
    finally:
        if own:
            connection.close()


def address_of(relative: str) -> str:
    """The address a visitor uses for a file of the site (a folder for index.html)."""
    return relative.removesuffix("index.html")


def lang_of_404(path: str) -> str:
    return next((f"{lang}/" for lang in ("en", "pl") if path.startswith(f"{lang}/")), "")


SERVERS = ["nginx", "apache"]
CONFIGS = ["subpath", "root"]


@pytest.fixture(params=[(server, config) for server in SERVERS for config in CONFIGS], ids="-".join)
def served_by(request) -> str:
    server, config = request.param
    return request.getfixturevalue(server)[config]


# --- every server and configuration -----------------------------------------------------------

UNKNOWN = [
    "nothing-here/",
    "reports/2031-q9/",
    "assets/nothing.css",
    "en/nothing/",
    "en/reports/x/y",
    "pl/nic/",
    ".htaccess",  # settings of the server, not a page
    ".mena-site",
]


@pytest.mark.parametrize("path", UNKNOWN)
def test_an_unknown_address_gets_the_404_page_of_its_language_with_status_404(served_by, production, path):
    answer = fetch(served_by + path, gzip_ok=True)
    assert answer.status == 404
    assert answer.text() == (production / lang_of_404(path) / "404.html").read_bytes()


def test_pages_and_404s_carry_the_security_headers(served_by):
    for path, status in [("", 200), ("en/programme/", 200), ("assets/site.css", 200), ("pl/nic/", 404)]:
        answer = fetch(served_by + path)
        assert answer.status == status, path
        assert answer.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert answer.headers["x-content-type-options"] == "nosniff", path
        assert answer.headers["referrer-policy"] == REFERRER_POLICY, path
        assert answer.headers["permissions-policy"] == PERMISSIONS_POLICY, path


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("", "text/html"),
        ("en/partners/", "text/html"),
        ("assets/site.css", "text/css"),
        ("sitemap.xml", "xml"),
        # Open data and feeds: typed for spreadsheets and feed readers, in UTF-8.
        ("data/partners.csv", "text/csv; charset=utf-8"),
        ("data/results.json", "application/json"),
        ("feed.xml", "application/atom+xml; charset=utf-8"),
        ("pl/feed.xml", "application/atom+xml; charset=utf-8"),
    ],
)
def test_the_builds_gzip_is_served_to_browsers_that_accept_it(served_by, production, path, kind):
    file = production / (path + "index.html" if path.endswith("/") or not path else path)
    packed = fetch(served_by + path, gzip_ok=True)
    assert packed.headers.get("content-encoding") == "gzip"
    assert packed.body == file.with_name(file.name + ".gz").read_bytes()
    assert kind in packed.headers["content-type"]
    assert "Accept-Encoding" in packed.headers["vary"]
    plain = fetch(served_by + path)
    assert "content-encoding" not in plain.headers
    assert plain.body == file.read_bytes()
    assert kind in plain.headers["content-type"]


@pytest.mark.parametrize(
    ("path", "cache"),
    [
        ("", SHORT),
        ("pl/reports/", SHORT),
        ("en/404.html", SHORT),
        ("sitemap.xml", SHORT),
        ("RELEASE", SHORT),
        ("assets/site.css?v=0123456789", YEAR),
        ("assets/search.js?v=0123456789", YEAR),
        ("assets/stylesheets/main.*.css", YEAR),  # Material's, named by its hash
        ("pagefind/pagefind.js?v=0123456789", YEAR),
        ("pagefind/pagefind-entry.json", SHORT),
        ("pagefind/pagefind-worker.js", SHORT),
        ("pagefind/wasm.en.pagefind", SHORT),
        ("pagefind/fragment/*", YEAR),  # Pagefind's index: files named by their hash
        ("pagefind/index/*", YEAR),
        ("pagefind/*.pf_meta", YEAR),
    ],
)
def test_cache_lifetime_is_a_year_for_versioned_files_and_none_for_the_rest(served_by, production, path, cache):
    if "*" in path:  # the first file of that name pattern
        path = sorted(production.glob(path))[0].relative_to(production).as_posix()
    answer = fetch(served_by + path, gzip_ok=True)
    assert answer.status == 200, path
    assert answer.headers["cache-control"] == cache, path


# --- nginx: the whole site and the browser ----------------------------------------------------


def test_nginx_serves_every_file_of_the_build(nginx, production):
    files = sorted(
        p.relative_to(production).as_posix()
        for p in production.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    )
    base = nginx["subpath"]
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        wrong = []
        for relative in files:
            for path in {relative, address_of(relative)}:
                answer = fetch(base + path, connection=connection)
                if answer.status != 200 or answer.body != (production / relative).read_bytes():
                    wrong.append(f"{answer.status} {path}")
    finally:
        connection.close()
    assert len(files) > 100
    assert wrong == []
    # Dotfiles (.htaccess, the build's mark) are settings, not pages: nginx answers 404.
    hidden = [p.name for p in production.iterdir() if p.name.startswith(".")]
    assert sorted(hidden) == [".htaccess", ".mena-site"]
    assert [fetch(base + name).status for name in hidden] == [404, 404]


def test_the_shipped_configurations_send_exactly_the_policy_of_the_build():
    """One policy (menasite/site/webfiles.py), repeated in each file a server reads."""
    shipped = {
        "nginx/headers.conf": r'add_header Content-Security-Policy "([^"]*)" always;',
        "apache/subpath/.htaccess": r'Header always set Content-Security-Policy "([^"]*)"',
        "apache/domain-root/.htaccess": r'Header always set Content-Security-Policy "([^"]*)"',
    }
    for name, pattern in shipped.items():
        text = (DEPLOY / name).read_text(encoding="utf-8")
        assert re.findall(pattern, text) == [CONTENT_SECURITY_POLICY], name
        assert f'"{PERMISSIONS_POLICY}"' in text, name
        assert f'"{REFERRER_POLICY}"' in text, name
    readme = (DEPLOY / "README.md").read_text(encoding="utf-8")
    assert CONTENT_SECURITY_POLICY in readme


def test_the_two_htaccess_files_differ_only_in_the_sites_path():
    subpath = (DEPLOY / "apache" / "subpath" / ".htaccess").read_text(encoding="utf-8")
    root = (DEPLOY / "apache" / "domain-root" / ".htaccess").read_text(encoding="utf-8")
    rules = [line for line in subpath.splitlines() if not line.startswith("#")]
    assert [line.replace("/partnership/", "/") for line in rules] == [
        line for line in root.splitlines() if not line.startswith("#")
    ]


@pytest.mark.browser
def test_chromium_visits_every_page_under_the_policy_without_a_violation_and_search_works(browser, nginx, production):
    base = nginx["subpath"]
    context = browser.new_context()
    # Recorded in every document before any of its own scripts runs.
    context.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    visitor = Visitor(context)
    requested: list[str] = []
    visitor.page.on("request", lambda request: requested.append(request.url))
    try:
        pages = sorted(p.relative_to(production).as_posix() for p in production.rglob("*.html"))
        problems = []
        for relative in pages:
            trouble = visitor.go(base + address_of(relative))
            violations = visitor.page.evaluate("window.__violations")
            if trouble or violations:
                problems.append((relative, trouble, violations))
        for lang, query in [("en/", "calendar"), ("", "автомобіль")]:
            trouble = visitor.go(f"{base}{lang}search/?q={query}")
            visitor.page.locator(".mena-search-results a").first.wait_for()
            violations = visitor.page.evaluate("window.__violations")
            if trouble or violations:
                problems.append((f"{lang}search", trouble, violations))
    finally:
        context.close()
    assert problems == []
    # Every script and style sheet of the site was asked for by the address of its content.
    loaded = {urlsplit(url) for url in requested if url.startswith(base)}
    versioned = [u for u in loaded if u.path.endswith((".css", ".js")) and "/pagefind/pagefind-worker" not in u.path]
    assert {Path(u.path).name for u in versioned} >= {"site.css", "mena.js", "search.js", "stem-uk.js", "pagefind.js"}
    for url in versioned:
        file = production / url.path.removeprefix(urlsplit(base).path)
        assert url.query == f"v={content_version(file)}", url.path


def test_a_production_build_carries_the_shipped_htaccess_for_its_own_path(production):
    """A release uploaded over FTP or as a zip to an Apache host brings its settings along."""
    from menasite.site.serverfiles import htaccess_for

    assert (production / ".htaccess").read_text(encoding="utf-8") == (
        DEPLOY / "apache" / "subpath" / ".htaccess"
    ).read_text(encoding="utf-8")
    assert htaccess_for("/", DEPLOY) == (DEPLOY / "apache" / "domain-root" / ".htaccess").read_text(encoding="utf-8")
    elsewhere = htaccess_for("/spivpratsia/", DEPLOY)
    assert "ErrorDocument 404 /spivpratsia/en/404.html" in elsewhere
    assert "/partnership/" not in elsewhere
