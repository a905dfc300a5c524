"""How every message names a field of a data file, the same way everywhere.

``partners[gmina-dabrowa].agreement.kind``: groups by their field names, joined by dots; a
list item by its id where it has one (ids do not move when an item is added above), any
other item by its position counted from 1, as editors count.
"""

from __future__ import annotations

from typing import Any

WHOLE_FILE = "(the whole file)"


def field_name(path: tuple, value: Any = None) -> str:
    """The name of the field at ``path`` (("partners", 3, "country")) in the data ``value``.

    Without the data (a problem found before the file is read into values), where an item
    has no id, or where its id is not unique in the list (it would name two items), items are
    named by position."""
    name = ""
    for part in path:
        if isinstance(part, int):
            item = value[part] if isinstance(value, list) and 0 <= part < len(value) else None
            item_id = _id_of(item)
            unique = item_id is not None and sum(_id_of(other) == item_id for other in value or []) == 1
            name += f"[{item_id if unique else part + 1}]"
            value = item
        else:
            name += f".{part}" if name else str(part)
            value = value.get(part) if isinstance(value, dict) else None
    return name or WHOLE_FILE


def _id_of(item: Any) -> str | None:
    item_id = item.get("id") if isinstance(item, dict) else None
    return item_id if isinstance(item_id, str) and item_id else None
