"""Which file a command is working on, so that an unexpected error can name it.

A loader wraps the reading of one file in ``with working_on(path):``. When something
unexpected escapes from inside, the file is attached to the exception on its way out (the
``with`` block has ended by the time the command line's last-resort handler sees it), and
``file_of(error)`` gives it back: the innermost file wins.

    from menasite.current import working_on

    with working_on("data/partners.yml"):
        ...read and check it...
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from os import PathLike

_ATTRIBUTE = "mena_working_on"
_stack: ContextVar[tuple[str, ...]] = ContextVar("mena_working_on", default=())


@contextmanager
def working_on(path: str | PathLike) -> Iterator[None]:
    """Mark ``path`` as the file being processed for the duration of the block."""
    name = str(path)
    token = _stack.set((*_stack.get(), name))
    try:
        yield
    except BaseException as error:
        if getattr(error, _ATTRIBUTE, None) is None:  # an inner working_on named it already
            with contextlib.suppress(AttributeError):  # an exception type with __slots__
                setattr(error, _ATTRIBUTE, name)
        raise
    finally:
        _stack.reset(token)


def current_file() -> str | None:
    """The innermost file being processed now, if a loader said so."""
    stack = _stack.get()
    return stack[-1] if stack else None


def file_of(error: BaseException) -> str | None:
    """The file that was being processed when ``error`` was raised (or its cause)."""
    seen: set[int] = set()
    link: BaseException | None = error
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        name = getattr(link, _ATTRIBUTE, None)
        if name:
            return name
        link = link.__cause__ or link.__context__
    return None
