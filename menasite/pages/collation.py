"""Alphabetical order in the visitor's language, as CLDR's collation orders it (not by code
point: "Італія" must come after "Данія", and "Łotwa" after "Litwa").

A key per language: each letter's place in that language's alphabet (Ukrainian: Cyrillic first,
then Latin; Polish: ą after a, ł after l, ś after s, ż after ź; English: Latin first). Letters
of another alphabet come after; a letter with a diacritic the language does not treat as a
letter of its own sorts as its base letter (é as e in English). Case only breaks ties, as in
CLDR (primary differences first, then the text itself).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

_UKRAINIAN = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_POLISH = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"

ALPHABETS: dict[str, str] = {
    "uk": _UKRAINIAN + _LATIN,
    "pl": _POLISH + _UKRAINIAN,
    "en": _LATIN + _UKRAINIAN,
}
_APOSTROPHES = "'ʼ’"  # inside Ukrainian words (м'ята): not a separator, ignored for the order

T = TypeVar("T")


def _places(lang: str) -> dict[str, int]:
    alphabet = ALPHABETS.get(lang, ALPHABETS["en"])
    return {letter: place for place, letter in enumerate(alphabet)}


_PLACES = {lang: _places(lang) for lang in ALPHABETS}


def _weight(char: str, places: dict[str, int]) -> tuple[int, int]:
    """(class, place): spaces and punctuation, then digits, then letters of the alphabet, then
    anything else, as CLDR's root order does."""
    if char in places:
        return (2, places[char])
    base = unicodedata.normalize("NFD", char)[0]
    if base in places:
        return (2, places[base])
    if char.isdigit():
        return (1, ord(char))
    if char.isalpha():
        return (3, ord(char))
    return (0, ord(char))


def collation_key(text: str, lang: str) -> tuple:
    """The key that sorts texts alphabetically in ``lang`` (uk, en, pl)."""
    places = _PLACES.get(lang, _PLACES["en"])
    folded = "".join(char for char in text.casefold() if char not in _APOSTROPHES)
    return (tuple(_weight(char, places) for char in folded), text)


def sorted_in(items: Iterable[T], lang: str, name: Callable[[T], str] = str) -> list[T]:
    """``items`` in alphabetical order of ``name(item)`` in ``lang``."""
    return sorted(items, key=lambda item: collation_key(name(item), lang))
