"""The glossary: one spelling of every name (people, places, bodies, programmes) per language.

``data/glossary.yml`` maps an id to its name in each language, either one text or its forms
by grammatical case (Ukrainian and Polish decline names: "Менська міська рада",
"Менської міської ради"). Pages write ``[[g:id]]`` or ``[[g:id|gen]]``. The file's shape is
checked by ``data/schema/glossary.schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Glossary:
    names: dict[str, dict[str, dict[str, str]]]  # id -> language -> case -> text

    @classmethod
    def from_data(cls, data: dict) -> Glossary:
        return cls(
            {
                name_id: {
                    lang: ({"nom": forms} if isinstance(forms, str) else dict(forms)) for lang, forms in entry.items()
                }
                for name_id, entry in data.items()
            }
        )

    def name(self, name_id: str, lang: str, case: str = "nom") -> str | None:
        return self.names.get(name_id, {}).get(lang, {}).get(case)

    def cases(self, name_id: str, lang: str) -> list[str]:
        return sorted(self.names.get(name_id, {}).get(lang, {}))
