"""./run serve for editors: a data error is printed and shown on the pages without killing the
server (the last good version stays), and the site follows again once the error is fixed."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from conftest import ROOT, make_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def start_preview(project, port):
    """./run serve in the background; its output lines are collected as they come."""
    server = subprocess.Popen(
        [sys.executable, "-m", "menasite", "serve", "--project", str(project), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(iter(server.stdout.readline, "")), daemon=True).start()
    return server, output


def test_serve_survives_a_data_error_and_follows_the_fix(tmp_path):
    project = make_project(tmp_path)
    port = free_port()
    server, output = start_preview(project, port)
    page = f"http://127.0.0.1:{port}/en/partners/"
    results = project / "data/partners.yml"
    original = results.read_text(encoding="utf-8")
    try:
        wait_for(lambda: "Kuyavian-Pomeranian Voivodeship" in (fetch(page) or ""), 60, "the first build")
        results.write_text(original.replace("    country: UA", "    country: UKR"), encoding="utf-8")
        wait_for(lambda: any("found the text 'UKR'" in line for line in output), 30, "the error in the terminal")
        assert server.poll() is None, "the server stopped"
        wait_for(lambda: "found the text &#39;UKR&#39;" in (fetch(page) or ""), 30, "the problem on the page")
        assert "Kuyavian-Pomeranian Voivodeship" in fetch(page)  # the last good version stays
        results.write_text(
            original.replace("Kuyavian-Pomeranian Voivodeship", "Kuyavian-Pomeranian Province"), encoding="utf-8"
        )
        wait_for(lambda: "Kuyavian-Pomeranian Province" in (fetch(page) or ""), 30, "the fixed site")
        assert "The site has problems to fix" not in fetch(page)
        # A YAML tag once made every request hang: now it is a problem like any other.
        results.write_text(original.replace("    country: UA", "    country: !foo UA"), encoding="utf-8")
        wait_for(lambda: any("found the tag !foo" in line for line in output), 30, "the tag in the terminal")
        wait_for(lambda: "found the tag !foo" in (fetch(page) or ""), 30, "the tag on the page")
    finally:
        server.terminate()
        server.wait(timeout=10)
    # Stopping the command stops the preview: nothing answers on its port any more.
    with socket.socket() as probe, pytest.raises(ConnectionRefusedError):
        probe.connect(("127.0.0.1", port))
    assert [line for line in output if "Traceback" in line] == []


def test_serve_waits_for_a_fix_when_the_site_cannot_start(tmp_path):
    project = make_project(tmp_path)
    partners = project / "data/partners.yml"
    original = partners.read_text(encoding="utf-8")
    partners.write_text(original.replace("    country: UA", "    country: UKR"), encoding="utf-8")
    port = free_port()
    server, output = start_preview(project, port)
    try:
        wait_for(
            lambda: any("it starts again when a file is saved" in line for line in output), 60, "the waiting message"
        )
        assert any("found the text 'UKR'" in line for line in output)
        assert server.poll() is None
        partners.write_text(original, encoding="utf-8")
        wait_for(
            lambda: "Kuyavian-Pomeranian Voivodeship" in (fetch(f"http://127.0.0.1:{port}/en/partners/") or ""),
            60,
            "the site after the fix",
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
