"""./run benchmark build: how fast the site builds, checks and previews as it grows, against stock.

For each size (quarters x partners) a project is generated in a temporary folder through the
real data formats (``sitegen``), and built by this project (``python -m menasite build``: every
site-wide step included) and by the baseline: stock MkDocs + Material + mkdocs-static-i18n (and
Material's search) on the same content, with the generated parts pre-rendered as plain
markdown. The two builds run in pairs, one after the other, and every ratio is the median of
the ratios of the pairs, so that the noise of a shared machine falls on both. Then ``./run
check`` is timed, and ``./run serve``: the time from saving a markdown page or a data file to
the changed page being served.

    ./run benchmark build                 sizes 1x15, 8x100, 40x500 (quarters x partners), 5 runs
    ./run benchmark build --quick         sizes 1x15 and 8x100, 1 run, one edit of each kind
    ./run benchmark build --sizes 8x100 --runs 3

Not part of the test suite's pass or fail (tests/test_benchmark_harness.py only keeps its
generators and its table working).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitegen import generate_project  # noqa: E402

DEFAULT_SIZES = ((1, 15), (8, 100), (40, 500))
QUICK_SIZES = ((1, 15), (8, 100))
ENV = {"NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0", "MENA_LANG": "en"}


def measured_environment() -> dict[str, str]:
    """The environment of every measured command: Python keeps its compiled modules
    (__pycache__), as it does by default. Some machines switch that off (this project's does:
    PYTHONDONTWRITEBYTECODE=1), and then this site's own modules would be compiled again on
    every run, while stock's were compiled once when pip installed them."""
    env = {**os.environ, **ENV}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, never a proxy

# Runs one command and writes its CPU time (user + system of it and every process it waited
# for), wall time and peak memory (the largest resident set among them) to a JSON file.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
wall = time.perf_counter() - start
used = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    json.dump({"cpu": used.ru_utime + used.ru_stime, "wall": wall, "rss_kb": used.ru_maxrss,
               "returncode": done.returncode, "stderr": done.stderr[-3000:]}, out)
"""


@dataclass
class Run:
    cpu: float
    wall: float
    rss_mb: float


@dataclass
class Row:
    quarters: int
    partners: int
    pages: int = 0
    ours: list[Run] = field(default_factory=list)
    stock: list[Run] = field(default_factory=list)
    check: list[tuple[float, float]] = field(default_factory=list)  # (seconds, CPU seconds)
    serve_markdown: list[tuple[float, float]] = field(default_factory=list)  # (seconds, CPU seconds)
    serve_data: list[tuple[float, float]] = field(default_factory=list)


def measure(command: list[str], cwd: Path, scratch: Path) -> Run:
    report = scratch / "measure.json"
    subprocess.run([sys.executable, "-c", _MEASURE, str(report), *command], cwd=cwd, env=measured_environment())
    result = json.loads(report.read_text(encoding="utf-8"))
    if result["returncode"] != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result['stderr']}")
    return Run(result["cpu"], result["wall"], result["rss_kb"] / 1024)


# --- the baseline: the same content for stock MkDocs ------------------------------------------


HOOK = "  - hooks/i18n_pages.py\n"


def prepare_baseline(project: Path, scratch: Path) -> Path:
    """A folder with the project's pages, their generated parts filled in by one build of the
    site's own hook (captured, not timed), and a mkdocs.yml without the hook or the overrides."""
    baseline = project.parent / "baseline"
    shutil.copytree(project / "docs", baseline / "docs")
    capture = project / "mkdocs-capture.yml"
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    capture.write_text(
        config.replace(HOOK, f"{HOOK}  - {Path(__file__).parent / 'capture_hook.py'}\n"),
        encoding="utf-8",
    )
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--no-strict", "-f", str(capture), "-d", str(scratch / "c")],
        cwd=project,
        env={**measured_environment(), "MENA_BENCH_CAPTURE": str(baseline / "docs")},
        check=True,
    )
    capture.unlink()
    (baseline / "mkdocs.yml").write_text(stock_config(config), encoding="utf-8")
    return baseline


def stock_config(config: str) -> str:
    """The site's mkdocs.yml as stock Material would take it: no hook, no templates of the
    site (nor its CSS and icon, which live with them), Material's own search plugin."""
    config = re.sub(r"(?m)^hooks:\n(  - .*\n)+", "", config)
    config = re.sub(r"(?m)^extra_css:\n(  - .*\n)+", "", config)
    config = re.sub(r"(?m)^watch:\n(  - .*\n)+", "", config)
    config = re.sub(r"(?m)^  (custom_dir|favicon|logo): .*\n", "", config)
    return config.replace("plugins:\n", "plugins:\n  - search\n", 1)


def count_pages(site: Path) -> int:
    """Output pages (every language's index.html files; the 404 pages aside)."""
    return sum(1 for _ in site.rglob("index.html"))


# --- ./run serve: from a save to the changed page being served ------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with _LOCAL.open(url, timeout=5) as answer:
            return answer.read().decode("utf-8", errors="replace")
    except OSError:
        return None


def wait_for(url: str, text: str, timeout: float = 120.0) -> float | None:
    """Seconds until the page at ``url`` holds ``text`` (None: not within ``timeout``)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - start
        time.sleep(0.02)
    return None


def tree_cpu(root: int) -> float:
    """CPU seconds used so far by a process and its descendants (the preview and its MkDocs,
    which runs in a process group of its own): the cost of a rebuild, which the load of a
    shared machine does not change as it changes the wait."""
    parents, ticks = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        ticks[pid] = int(fields[11]) + int(fields[12])  # utime, stime
    tree, todo = {root}, [root]
    while todo:
        parent = todo.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        todo += children
    return sum(ticks.get(pid, 0) for pid in tree) / os.sysconf("SC_CLK_TCK")


def timed_edit(url: str, token: str, path: Path, text: str, group: int) -> tuple[float, float]:
    """(seconds, CPU seconds of the preview) from saving ``text`` into ``path`` to the page at
    ``url`` holding ``token``."""
    cpu = tree_cpu(group)
    path.write_text(text, encoding="utf-8")
    waited = wait_for(url, token)
    return (float("nan") if waited is None else waited), tree_cpu(group) - cpu


def serve_latencies(project: Path, edits: int) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """(markdown edits, data edits): seconds from the save to the page served with it, and the
    preview's CPU seconds meanwhile."""
    address = f"127.0.0.1:{free_port()}"
    command = [sys.executable, "-m", "menasite", "serve", "--project", str(project), "--dev-addr", address]
    process = subprocess.Popen(
        command,
        cwd=project,
        env=measured_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        process_group=0,
    )
    base = f"http://{address}/"
    page, results = project / "docs/uk/contact.md", project / "data/results.yml"
    original_page, original_results = page.read_text(encoding="utf-8"), results.read_text(encoding="utf-8")
    markdown, data = [], []
    try:
        if wait_for(base + "contact/", "<html", timeout=300) is None:
            raise SystemExit("the preview did not start")
        for number in range(edits):
            time.sleep(1.0)  # the watcher settled after the previous build
            token = f"benchmark-edit-{number}-{time.time_ns()}"
            text = original_page + f"\n{token}\n"
            markdown.append(timed_edit(base + "contact/", token, page, text, process.pid))
            time.sleep(1.0)
            token = f"benchmark-data-{number}-{time.time_ns()}"
            data_text = original_results.replace("uk: автобус\n", f"uk: автобус {token}\n", 1)
            data.append(timed_edit(base + "results/", token, results, data_text, process.pid))
    finally:
        page.write_text(original_page, encoding="utf-8")
        results.write_text(original_results, encoding="utf-8")
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return markdown, data


# --- one size -------------------------------------------------------------------------------


def bench_size(quarters: int, partners: int, runs: int, edits: int, work: Path) -> Row:
    row = Row(quarters, partners)
    folder = work / f"q{quarters}-p{partners}"
    project = generate_project(folder / "project", quarters, partners)
    scratch = folder / "scratch"
    scratch.mkdir()
    baseline = prepare_baseline(project, scratch)
    ours_site, stock_site = folder / "site-ours", folder / "site-stock"
    ours = [sys.executable, "-m", "menasite", "build", "--project", str(project), "--site-dir", str(ours_site)]
    stock = [sys.executable, "-m", "mkdocs", "build", "-q", "--no-strict", "-f", "mkdocs.yml", "-d", str(stock_site)]
    # A first build of each, not timed: Python writes the compiled modules, the disk cache fills.
    measure(ours, project, scratch)
    measure(stock, baseline, scratch)
    for run in range(runs):
        # Pairs in alternating order: neither side always runs on a warmer machine.
        if run % 2 == 0:
            row.ours.append(measure(ours, project, scratch))
            row.stock.append(measure(stock, baseline, scratch))
        else:
            row.stock.append(measure(stock, baseline, scratch))
            row.ours.append(measure(ours, project, scratch))
        print(f"  {quarters}x{partners} run {run + 1}: ours {row.ours[-1].cpu:.2f} s, stock {row.stock[-1].cpu:.2f} s")
    row.pages = count_pages(ours_site)
    check = [sys.executable, "-m", "menasite", "check", "--project", str(project)]
    row.check = [(run.wall, run.cpu) for run in (measure(check, project, scratch) for _ in range(min(runs, 3)))]
    row.serve_markdown, row.serve_data = serve_latencies(project, edits)
    return row


# --- the table ------------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def pair(runs: list[tuple[float, float]]) -> str:
    """Median wall and CPU seconds: "1.20 / 0.80 s"."""
    return f"{median([wall for wall, _ in runs]):.2f} / {median([cpu for _, cpu in runs]):.2f} s"


def paired_ratio(ours: list[float], stock: list[float]) -> float:
    return median([a / b for a, b in zip(ours, stock, strict=True) if b])


def table(rows: list[Row]) -> str:
    lines = [
        "| quarters | partners | pages | CPU this | CPU stock | ratio | wall this | wall stock | ratio "
        "| peak MB this / stock | ms/page this / stock | check (wall / CPU) | serve: markdown (wall / CPU) "
        "| serve: data (wall / CPU) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        cpu = [r.cpu for r in row.ours], [r.cpu for r in row.stock]
        wall = [r.wall for r in row.ours], [r.wall for r in row.stock]
        lines.append(
            f"| {row.quarters} | {row.partners} | {row.pages} "
            f"| {median(cpu[0]):.2f} s | {median(cpu[1]):.2f} s | {paired_ratio(*cpu):.2f}× "
            f"| {median(wall[0]):.2f} s | {median(wall[1]):.2f} s | {paired_ratio(*wall):.2f}× "
            f"| {max(r.rss_mb for r in row.ours):.0f} / {max(r.rss_mb for r in row.stock):.0f} "
            f"| {1000 * median(cpu[0]) / row.pages:.1f} / {1000 * median(cpu[1]) / row.pages:.1f} "
            f"| {pair(row.check)} | {pair(row.serve_markdown)} | {pair(row.serve_data)} |"
        )
    return "\n".join(lines)


def added_page_costs(rows: list[Row]) -> str:
    """CPU per added output page between consecutive sizes: this site against stock."""
    lines = ["| from → to | pages added | ms per added page this / stock | ratio |", "|---|---|---|---|"]
    for small, large in zip(rows, rows[1:], strict=False):
        added = large.pages - small.pages
        if added <= 0:
            continue
        ours = 1000 * (median([r.cpu for r in large.ours]) - median([r.cpu for r in small.ours])) / added
        stock = 1000 * (median([r.cpu for r in large.stock]) - median([r.cpu for r in small.stock])) / added
        lines.append(
            f"| {small.quarters}x{small.partners} → {large.quarters}x{large.partners} | {added} "
            f"| {ours:.1f} / {stock:.1f} | {ours / stock if stock > 0 else float('nan'):.2f}× |"
        )
    return "\n".join(lines)


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "?",
    )
    system = f"{platform.system()} {platform.release()}"
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, {system}"


def parse_sizes(text: str) -> tuple[tuple[int, int], ...]:
    sizes = []
    for item in text.split(","):
        quarters, _, partners = item.strip().partition("x")
        if not (quarters.isdigit() and partners.isdigit() and int(quarters) >= 1):
            raise argparse.ArgumentTypeError(f"QUARTERSxPARTNERS, like 8x100: {item!r}")
        sizes.append((int(quarters), int(partners)))
    return tuple(sizes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./run benchmark build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="sizes 1x15 and 8x100, 1 run, 1 edit of each kind")
    parser.add_argument("--sizes", type=parse_sizes, help="QUARTERSxPARTNERS,... (default 1x15,8x100,40x500)")
    parser.add_argument("--runs", type=int, help="paired builds per size (default 5; median)")
    parser.add_argument("--edits", type=int, help="edits of each kind under serve (default 3; median)")
    args = parser.parse_args(argv)
    sizes = args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    runs = args.runs or (1 if args.quick else 5)
    edits = args.edits or (1 if args.quick else 3)
    with tempfile.TemporaryDirectory(prefix="mena-bench-") as work:
        rows = [bench_size(quarters, partners, runs, edits, Path(work)) for quarters, partners in sizes]
    print(f"\nMachine: {machine()}; {runs} paired run(s) per size, medians.\n")
    print(table(rows))
    print()
    print(added_page_costs(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
