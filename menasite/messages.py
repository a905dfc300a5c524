"""Messages to editors in Ukrainian (the default) or English, with the same facts in both.

Code writes a message as an English template with named values: ``t("an id from {where}",
where=...)``. The template is the msgid of its Ukrainian translation in the gettext catalogue
``menasite/locale/uk/LC_MESSAGES/menasite.po``; values stay as they are (ids, file names, what
was written), so both languages state the same facts. ``./run messages`` extracts the templates
from the code with Babel (keywords ``t`` and ``say``) and brings the catalogue up to date
(``menasite.locale``); tests fail on a template without a Ukrainian translation, or with other
``{placeholders}`` than its translation.

The catalogue is compiled in memory, from the ``.po``, the first time a process shows a
Ukrainian message: Babel reads the ``.po``, writes the ``.mo`` into memory and
``babel.support.Translations`` (gettext) looks the templates up, leaving fuzzy and empty
translations out as ``msgfmt`` does. No ``.mo`` is kept in the tree or in the package, so a
stale one can never be used: whatever a translator saves (Poedit, Weblate, ./run messages)
counts from the next command, and there is no compile step that ``./run``, ``pip install .``
or an editable install could forget. It costs about 35 ms (plus 30 ms for Babel's import where
nothing imported it yet) once per process, and only when a message is shown in Ukrainian.
"""

from __future__ import annotations

import functools
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.support import Translations

LANGUAGES = ("uk", "en")
DOMAIN = "menasite"
LOCALE_DIR = Path(__file__).parent / "locale"
UKRAINIAN_CATALOGUE = LOCALE_DIR / "uk" / "LC_MESSAGES" / f"{DOMAIN}.po"


def message_language(explicit: str | None = None) -> str:
    """The language of messages: an explicit choice, else MENA_LANG, else Ukrainian."""
    lang = explicit or os.environ.get("MENA_LANG") or "uk"
    return lang if lang in LANGUAGES else "uk"


@dataclass(frozen=True)
class Msg:
    template: str
    values: tuple = field(default_factory=tuple)  # (name, value) pairs; values may be Msg
    uk: str | None = None  # a translation given with the message (texts from the schemas)

    def render(self, lang: str = "en") -> str:
        template = self.template
        if lang == "uk":
            template = self.uk or ukrainian(self.template)
        return template.format(**{name: render(value, lang) for name, value in self.values})

    def __str__(self) -> str:
        return self.render("en")


def t(template: str, **values) -> Msg:
    return Msg(template, tuple(sorted(values.items())))


def both(en: str, uk: str | None) -> Msg:
    """A text that comes with its own translation (the schemas' x-expected / x-expected-uk)."""
    return Msg(en.replace("{", "{{").replace("}", "}}"), (), uk.replace("{", "{{").replace("}", "}}") if uk else None)


def render(value, lang: str) -> str:
    return value.render(lang) if isinstance(value, Msg) else str(value)


def ukrainian(template: str) -> str:
    """The Ukrainian translation of a template; the English one while it has none."""
    if not template:
        return template  # gettext's msgid "" is the catalogue's header
    return ukrainian_catalogue().gettext(template)


@functools.cache
def ukrainian_catalogue() -> Translations:
    # Babel is imported only here: most commands never show a message.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with UKRAINIAN_CATALOGUE.open("rb") as po:
        catalogue = read_po(po, locale="uk", domain=DOMAIN)
    mo = io.BytesIO()
    write_mo(mo, catalogue)  # without fuzzy entries, as msgfmt
    mo.seek(0)
    return Translations(mo, domain=DOMAIN)
