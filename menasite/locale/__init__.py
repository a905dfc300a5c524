"""The catalogue of messages to editors, kept in step with the code: ``./run messages``.

Babel extracts the English templates from the code (the first argument of ``t()`` and
``say()``, in ``menasite/`` and ``hooks/``) into ``menasite.pot`` and merges them into the
Ukrainian catalogue ``uk/LC_MESSAGES/menasite.po``, the file translators open in Poedit or
Weblate (``menasite.messages`` reads it):

- a new template appears untranslated (the tests fail until it has its translation);
- a changed template keeps its old translation, marked fuzzy with the old English as
  ``#| msgid``, for the translator to revise (fuzzy translations are not used);
- a template no longer in the code is dropped (git keeps it), so nothing stale stays;
- translators' comments (``# ...``) stay with their entries.

Locations name the file without the line, so moving code does not touch the catalogue, and
a second run changes nothing. ``menasite.pot`` is a by-product and is not committed.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, unescape, write_po

from menasite.messages import DOMAIN, LOCALE_DIR, UKRAINIAN_CATALOGUE

ROOT = LOCALE_DIR.parents[1]  # menasite/locale -> the project
SOURCES = ("menasite", "hooks")  # folders of Python code, from the project's root
KEYWORDS = {"t": None, "say": None}  # the template is their first argument
COMMENT_TAGS = ("Translators:",)  # a "# Translators: ..." line above a call reaches the .po
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
WIDTH = 79  # the line width of GNU gettext and Poedit


@dataclass(frozen=True)
class Changes:
    untranslated: list[str]  # templates still without a translation (new ones among them)
    fuzzy: list[str]  # translations to revise
    dropped: list[str]  # templates no longer in the code


def extract_templates(root: Path = ROOT) -> Catalog:
    """Every template in the code, with the files it is in, as Babel's extractor finds it."""
    template = Catalog(project=DOMAIN, domain=DOMAIN, fuzzy=False)
    for folder in SOURCES:
        if not (root / folder).is_dir():
            continue
        found = extract_from_dir(
            root / folder,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=COMMENT_TAGS,
            strip_comment_tags=True,
        )
        # Babel warns about any f-string inside a t() call, even a value (where=f"..."): a
        # template that is not a plain string is found by tests/test_messages.py instead.
        with contextlib.redirect_stderr(io.StringIO()):
            for filename, lineno, message, comments, context in found:
                path = f"{folder}/{Path(filename).as_posix()}"
                template.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return template


def read_catalogue(path: Path = UKRAINIAN_CATALOGUE) -> Catalog:
    with path.open("rb") as po:
        catalogue = read_po(po, locale="uk", domain=DOMAIN)
    for message in catalogue:
        _read_previous_msgid(message)
    return catalogue


def _read_previous_msgid(message: Message) -> None:
    """Babel's reader takes the ``#| msgid "..."`` of a fuzzy entry (the English its translation
    was made for) for a translator's comment; it is the previous msgid, which the writer writes."""
    previous = [comment[1:].strip() for comment in message.user_comments if comment.startswith("|")]
    if not previous:
        return
    message.user_comments = [comment for comment in message.user_comments if not comment.startswith("|")]
    parts = [line.removeprefix("msgid ") for line in previous if line.startswith(("msgid ", '"'))]
    message.previous_id = ["".join(unescape(part) for part in parts)]


def write_catalogue(catalogue: Catalog, path: Path) -> None:
    out = io.BytesIO()
    write_po(out, catalogue, width=WIDTH, include_lineno=False, include_previous=True, ignore_obsolete=True)
    path.write_bytes(out.getvalue())


def update_catalogue(root: Path = ROOT, po: Path = UKRAINIAN_CATALOGUE, pot: Path = TEMPLATE) -> Changes:
    """Writes the templates of the code into ``pot`` and merges them into ``po``."""
    template = extract_templates(root)
    write_catalogue(template, pot)
    catalogue = read_catalogue(po)
    previous = {message.id: message.previous_id for message in catalogue if message.fuzzy and message.previous_id}
    catalogue.update(template, update_creation_date=False)  # the header changes only by hand
    messages = [message for message in catalogue if message.id]
    for message in messages:
        if message.fuzzy and not message.previous_id:  # still to revise since an earlier run
            message.previous_id = previous.get(message.id, [])
    write_catalogue(catalogue, po)
    return Changes(
        untranslated=[str(message.id) for message in messages if not message.string],
        fuzzy=[str(message.id) for message in messages if message.string and message.fuzzy],
        dropped=sorted(str(msgid) for msgid in catalogue.obsolete),
    )


def main() -> int:
    changes = update_catalogue()
    print(f"{TEMPLATE.relative_to(ROOT)}: the templates in the code.")
    print(f"{UKRAINIAN_CATALOGUE.relative_to(ROOT)}: updated.")
    for title, templates in (
        ("No longer in the code, dropped", changes.dropped),
        ("Changed in the code: check the translation and clear its fuzzy mark", changes.fuzzy),
        ("To translate", changes.untranslated),
    ):
        if templates:
            print(f"{title} ({len(templates)}):")
            print("\n".join(f"  - {template}" for template in templates))
    if not (changes.untranslated or changes.fuzzy):
        print("Every message has its Ukrainian translation.")
    return 0
