"""Messages to editors in Ukrainian (the default) or English, with the same facts in both.

Code writes a message as an English template with named values: ``t("an id from {where}",
where=...)``. The English template is the key of its Ukrainian translation in
``messages_uk.CATALOG`` (as gettext does); values stay as they are (ids, file names, what was
written), so both languages state the same facts. A test checks every template has Ukrainian.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

LANGUAGES = ("uk", "en")


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
            from menasite.messages_uk import CATALOG

            template = self.uk or CATALOG.get(self.template, self.template)
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
