"""The Apache settings inside a production build, so that every release carries them.

Apache reads ``.htaccess`` from the folder it serves: a release uploaded by publish (to a
folder, over FTP or as a zip through a control panel) must hold it, or a new release would be
served without the 404 pages, gzip, cache and security headers. The shipped files in
``deploy/apache/`` are the source; the build takes the one for its address: the domain-root
file for a site at ``/``, the subpath file with ``/partnership/`` replaced by the site's own
path otherwise. nginx ignores the file (and its shipped settings refuse to serve dotfiles).
"""

from __future__ import annotations

from pathlib import Path

HTACCESS = ".htaccess"
SHIPPED_SUBPATH = "/partnership/"


def htaccess_for(base_path: str, deploy: Path) -> str:
    """The shipped .htaccess for a site whose pages live under ``base_path`` ("/" or "/x/")."""
    if base_path == "/":
        return (deploy / "apache" / "domain-root" / HTACCESS).read_text(encoding="utf-8")
    text = (deploy / "apache" / "subpath" / HTACCESS).read_text(encoding="utf-8")
    return text.replace(SHIPPED_SUBPATH, base_path)


def write_server_files(site: Path, base_path: str, deploy: Path) -> None:
    (site / HTACCESS).write_text(htaccess_for(base_path, deploy), encoding="utf-8")
