"""Reading the project's text files: UTF-8 only, with the line of the first bad byte."""

from __future__ import annotations

from pathlib import Path

from menasite.messages import t
from menasite.problems import Problem, SourceError


def read_utf8(path: Path, shown: str) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SourceError(
            [
                Problem(
                    shown,
                    line,
                    t("encoding"),
                    t("text in UTF-8 (save the file as UTF-8)"),
                    t("the byte 0x{byte}, which is not UTF-8", byte=f"{raw[error.start]:02x}"),
                )
            ]
        ) from None
