"""The site's own interface words per language (``data/strings.yml``).

A missing English or Polish text falls back to Ukrainian, the default language (the schema
requires Ukrainian), and is reported as untranslated.
"""

from __future__ import annotations


def strings_by_language(
    data: dict[str, dict[str, str]], languages: list[str], default: str
) -> dict[str, dict[str, str]]:
    """Language -> key -> text, every key present in every language."""
    return {lang: {key: texts.get(lang, texts[default]) for key, texts in data.items()} for lang in languages}
