"""How every message names a field of a data file, the same way everywhere.

``partners[gmina-dabrowa].agreement.kind``: groups by their field names, joined by dots; a
list item by its id where it has one (ids do not move when an item is added above), any
other item by its position counted from 1, as editors count.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

WHOLE_FILE = "(the whole file)"


def field_name(path: tuple, value: Any = None) -> str:
    """The name of the field at ``path`` (("partners", 3, "country")) in the data ``value``.

    Without the data (a problem found before the file is read into values), where an item
    has no id, or where its id is not unique in the list (it would name two items), items are
    named by position."""
    return FieldNames(value)(path)


class FieldNames:
    """``field_name`` for many fields of one value (every text of a file): each list's ids are
    counted once, not once per field of each of its items (that grew with the square of the list)."""

    def __init__(self, value: Any) -> None:
        self.value = value
        self._ids: dict[int, Counter] = {}  # id() of a list inside ``value`` -> how often each id occurs

    def __call__(self, path: tuple) -> str:
        name = ""
        value = self.value
        for part in path:
            if isinstance(part, int):
                item = value[part] if isinstance(value, list) and 0 <= part < len(value) else None
                item_id = _id_of(item)
                unique = item_id is not None and self._count(value, item_id) == 1
                name += f"[{item_id if unique else part + 1}]"
                value = item
            else:
                name += f".{part}" if name else str(part)
                value = value.get(part) if isinstance(value, dict) else None
        return name or WHOLE_FILE

    def _count(self, items: Any, item_id: str) -> int:
        if not isinstance(items, list):
            return 0
        if id(items) not in self._ids:
            self._ids[id(items)] = Counter(_id_of(other) for other in items)
        return self._ids[id(items)][item_id]


def _id_of(item: Any) -> str | None:
    item_id = item.get("id") if isinstance(item, dict) else None
    return item_id if isinstance(item_id, str) and item_id else None
