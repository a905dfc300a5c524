"""./run benchmark: this site against a stock build of the same content, side by side.

Not a test (nothing passes or fails): it prints, for the home, report, partners and results pages
in each language, the bytes a first visit transfers and the Lighthouse 12 mobile scores (performance,
accessibility, best practices, SEO), for this site and for a stock build: mkdocs-material's
defaults with its search plugin and mkdocs-static-i18n, the same markdown, the generated pages
included. Both are served from this machine; the stock build's calls to Google Fonts fail
offline, as they would for a visitor without that connection.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from menasite.site.build import build_environment, build_site

ROOT = Path(__file__).resolve().parent.parent

LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = {"home": "", "report": "reports/2023-q1/", "partners": "partners/", "results": "results/"}
PREFIX = {"uk": "", "en": "en/", "pl": "pl/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync"
)


class _Server(SimpleHTTPRequestHandler):
    """A static server that compresses text with gzip, as a web server for the public would."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and path.suffix in _COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


_COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Server, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def stock_config(work: Path) -> Path:
    """mkdocs.yml with Material's defaults back: its fonts, JavaScript, search and templates.
    Only the templates of the generated parts stay, so that the same pages are built."""
    templates = work / "stock-overrides" / "partials" / "mena"
    shutil.copytree(ROOT / "overrides" / "partials" / "mena", templates)
    config = ROOT / ".mkdocs-stock.yml"  # beside mkdocs.yml: the hook reads data/ from there
    config.write_text(stock_config_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), templates), encoding="utf-8")
    return config


def stock_config_text(text: str, templates: Path) -> str:
    """The stock configuration made from mkdocs.yml's text (tests/test_benchmark.py)."""
    text = text.replace("custom_dir: overrides", f"custom_dir: {templates.parent.parent}")
    text = re.sub(r"\n  # System fonts[^\n]*\n  font: false", "", text)
    text = re.sub(r"\n  (favicon|logo): [^\n]*", "", text)
    text = re.sub(r"\nextra_css:\n(  - [^\n]*\n)+", "\n", text)  # the site's own stylesheets
    return text.replace("plugins:\n", "plugins:\n  - search\n", 1).replace("      reconfigure_search: false\n", "")


def build_stock(work: Path, site_url: str) -> Path:
    config = stock_config(work)
    try:
        env = build_environment(ROOT, site_url)
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(work / "stock")],
            cwd=ROOT,
            env=env,
            check=True,
        )
    finally:
        config.unlink(missing_ok=True)
    return work / "stock"


def lighthouse(url: str, scratch: Path) -> dict:
    report = scratch / "report.json"
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium", "TMPDIR": str(scratch)}
    subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {c: round((data["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    return {"bytes": int(data["audits"]["total-byte-weight"]["numericValue"]), **scores}


def main() -> int:
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: run  npm ci --prefix benchmarks", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="mena-benchmark-") as scratch_name:
        work = Path(scratch_name)
        ours_server, ours_url = serve(work / "ours")
        stock_server, stock_url = serve(work / "stock")
        build_site(work / "ours", site_url=ours_url)
        build_stock(work, stock_url)
        rows = []
        for lang in PREFIX:
            for name, path in PAGES.items():
                ours = lighthouse(ours_url + PREFIX[lang] + path, work)
                stock = lighthouse(stock_url + PREFIX[lang] + path, work)
                rows.append((f"{name} ({lang})", ours, stock))
        ours_server.shutdown()
        stock_server.shutdown()
    print(
        f"Measured on {platform.node() or 'this machine'}: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, Lighthouse 12 mobile, Debian chromium."
    )
    print()
    print(
        "| page | KB this site | KB stock | ratio | perf | a11y | best pr. | SEO | stock perf | a11y | best pr. | SEO |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, ours, stock in rows:
        ratio = ours["bytes"] / stock["bytes"]
        print(
            f"| {name} | {ours['bytes'] / 1024:.1f} | {stock['bytes'] / 1024:.1f} | {ratio:.2f} | "
            + " | ".join(str(ours[c]) for c in CATEGORIES)
            + " | "
            + " | ".join(str(stock[c]) for c in CATEGORIES)
            + " |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
