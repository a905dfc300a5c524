"""Reading the project's text files: UTF-8 only, with the line of the first bad byte.

A byte-order mark and Windows line endings (CRLF) are accepted and removed, so that every
reader sees the same text and the same line numbers as MkDocs (which reads with universal
newlines). A file is never read past its size limit: the limit is checked first.
"""

from __future__ import annotations

from pathlib import Path

from menasite.messages import t
from menasite.problems import Problem, SourceError

_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _encoding_problem(shown: str, line: int, found) -> SourceError:
    return SourceError([Problem(shown, line, t("encoding"), t("text in UTF-8 (save the file as UTF-8)"), found)])


def size_text(size: int) -> str:
    """A size as people say it: 512 KB, 1 MB, 50.3 MB."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def read_utf8(path: Path, shown: str, *, max_bytes: int | None = None) -> str:
    """The text of a file, with CRLF turned into LF and a UTF-8 BOM removed.

    With ``max_bytes``, a larger file is refused after reading only up to the limit."""
    try:
        with open(path, "rb") as file:
            raw = file.read() if max_bytes is None else file.read(max_bytes + 1)
    except OSError as error:  # no permission to read it, a folder named like a file ...
        raise SourceError(
            [Problem(shown, None, t("file"), t("a file that can be read"), error.strerror or type(error).__name__)]
        ) from None
    if max_bytes is not None and len(raw) > max_bytes:
        line = raw[:max_bytes].count(b"\n") + 1  # the line where the file passes the limit
        size = path.stat().st_size
        raise SourceError(
            [
                Problem(
                    shown,
                    line,
                    t("file size"),
                    t("a file of at most {limit} (split it or shorten it)", limit=size_text(max_bytes)),
                    t("a file of {size}", size=size_text(size)),
                )
            ]
        )
    if raw.startswith(_UTF16_BOMS) or (len(raw) >= 4 and (raw[1::2][:2] == b"\0\0" or raw[0::2][:2] == b"\0\0")):
        # Notepad's "Unicode": every other byte is 0.
        raise _encoding_problem(shown, 1, t("UTF-16 text"))
    raw = raw.removeprefix(_BOM)
    if b"\0" in raw:
        line = raw[: raw.index(b"\0")].count(b"\n") + 1
        raise _encoding_problem(shown, line, t("a NUL byte (a character with code 0), which a text file never has"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _encoding_problem(
            shown, line, t("the byte 0x{byte}, which is not UTF-8", byte=f"{raw[error.start]:02x}")
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
