"""Checking data files against their JSON Schemas (``data/schema/``), in plain words.

The schemas are the one description of the data: for editors (every field has a description)
and for the build. jsonschema does the checking; this module turns its findings into
problems that name the file, the line, the field, what was expected and what was found.
Country and currency codes are checked against Babel's copy of the CLDR lists.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from babel import Locale
from babel.numbers import list_currencies

from menasite.data.fieldnames import field_name
from menasite.data.yamldoc import Document
from menasite.messages import Msg, both, t
from menasite.problems import Problem

if TYPE_CHECKING:  # jsonschema itself is imported where documents are checked: a build that
    # takes the sources its command checked (./run check) never loads it.
    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}  # CLDR groupings, not countries


@cache
def country_codes() -> frozenset[str]:
    territories = Locale("en").territories
    codes = (code for code in territories if isinstance(code, str) and re.fullmatch(r"[A-Z]{2}", code))
    return frozenset(code for code in codes if code not in _NOT_COUNTRIES)


# Years a date in the data may have: a year 0 or 9999 is a typing mistake, and the formatting
# of dates (Babel) cannot show every year Python can hold.
FIRST_YEAR, LAST_YEAR = 1900, 2100


def _is_sensible_year(text: str) -> bool:
    return FIRST_YEAR <= int(text[:4]) <= LAST_YEAR


def _is_real_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return _is_sensible_year(text)


def _is_partial_date(text: str) -> bool:
    if re.fullmatch(r"\d{4}", text):
        return _is_sensible_year(text)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return 1 <= int(text[5:]) <= 12 and _is_sensible_year(text)
    return _is_real_date(text)


def _is_date_or_quarter(text: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-Q[1-4]", text)) and _is_sensible_year(text) or _is_partial_date(text)


# Characters a web address may hold (RFC 3986); quotes, spaces, < > and backslashes never.
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def is_web_address(text: str) -> bool:
    """An http(s) address with a host that browsers and the link checks can use."""
    if not _URL_CHARACTERS.fullmatch(text):
        return False
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError:  # https://[x: an unclosed IPv6 host
        return False
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and "." in host.strip(".")


def _is_source(text: str) -> bool:
    return bool(re.fullmatch(r"report:[0-9]{4}-q[1-4]", text)) or is_web_address(text)


def format_checker() -> FormatChecker:
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    checks = {
        "date": _is_real_date,
        "partial-date": _is_partial_date,
        "date-or-quarter": _is_date_or_quarter,
        "country": lambda text: text in country_codes(),
        "currency": lambda text: text in list_currencies(),
        "url": is_web_address,
        "source": _is_source,
    }
    for name, check in checks.items():
        checker.checks(name)(lambda value, check=check: not isinstance(value, str) or check(value))
    return checker


@cache
def _schemas(schema_dir: str) -> tuple[Registry, dict[str, dict]]:
    from referencing import Registry, Resource

    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(Path(schema_dir).glob("*.schema.json"))
    }
    registry = Registry().with_resources((schema["$id"], Resource.from_contents(schema)) for schema in schemas.values())
    return registry, schemas


def validator_for(schema_dir: Path, name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    registry, schemas = _schemas(str(schema_dir))
    return Draft202012Validator(schemas[name], registry=registry, format_checker=format_checker())


def check_document(document: Document, schema_dir: Path, schema_name: str) -> list[Problem]:
    validator = validator_for(schema_dir, schema_name)
    errors = sorted(
        (error for error in validator.iter_errors(document.value) if not _unread(document, error)),
        key=lambda e: (document.line(e.absolute_path), list(map(str, e.absolute_path))),
    )
    specific = _most_specific(errors)
    # The wrong values themselves are not used by the checks across files (a quarter 5 is not
    # also "not the quarter of the file name"); a missing or unknown field leaves its group usable.
    document.unread |= {
        tuple(error.absolute_path)
        for error in specific
        if error.validator not in ("required", "additionalProperties") and "propertyNames" not in error.schema_path
    }
    return [_explain(error, document) for error in specific]


def _unread(document: Document, error: ValidationError) -> bool:
    """A value YAML could not read (already reported) is not reported again as missing or wrong."""
    path = tuple(error.absolute_path)
    return any(path[: len(unread)] == unread for unread in document.unread)


def _most_specific(errors: list[ValidationError]) -> list[ValidationError]:
    """One problem per place: for a failed "type" no other complaint about the same value."""
    seen: set[tuple] = set()
    result = []
    for error in errors:
        key = (
            tuple(error.absolute_path),
            error.validator if error.validator in ("required", "additionalProperties") else "value",
            _missing_or_extra(error),
        )
        if key in seen:
            continue
        seen.add(key)
        result.append(error)
    return result


def _missing_or_extra(error: ValidationError) -> str:
    if error.validator == "required":
        return _missing_field(error)
    if error.validator == "additionalProperties":
        return ",".join(_unknown_fields(error))
    return ""


# --- plain words -----------------------------------------------------------------------------

_TYPE_WORDS = {
    "string": t("a text"),
    "integer": t("a whole number"),
    "number": t("a number"),
    "boolean": t("true or false"),
    "object": t("a group of fields"),
    "array": t("a list"),
    "null": t("nothing"),
}


def describe_value(value, written: str | None = None) -> Msg | str:
    """What the editor wrote, as they would name it."""
    if isinstance(value, bool):
        if written and written.lower() not in ("true", "false"):
            return t("{written}, which YAML reads as a yes/no value: put it in quotes", written=written)
        return written or str(value).lower()
    if value is None:
        return t("nothing (an empty value)")
    if isinstance(value, dict):
        return t("a group of fields")
    if isinstance(value, list):
        return t("a list")
    if isinstance(value, str):
        return t("the text '{text}'", text=value)
    return str(written if written is not None else value)


def schema_expected(schema: dict) -> Msg | None:
    """The schema's own words for what a field expects (x-expected, and x-expected-uk)."""
    if "x-expected" in schema:
        return both(schema["x-expected"], schema.get("x-expected-uk"))
    return None


def _explain(error: ValidationError, document: Document) -> Problem:
    rule: Any = error.validator_value  # the schema's value for the rule that failed
    instance: Any = error.instance  # the value in the data
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    written = document.written.get(path)
    found = describe_value(instance, written)
    line = document.line(path)
    kind = error.validator

    if kind == "required":
        missing = _missing_field(error)
        expected: Msg | str = (
            t("the Ukrainian text (uk), which every text needs")
            if missing == "uk"
            else _value_for(missing, _property_schema(validator_schema(error), missing, error))
        )
        return Problem(document.shown, line, field_name(path + (missing,), document.value), expected, t("none"))
    if kind == "additionalProperties":
        unknown = _unknown_fields(error)[0]
        known = ", ".join(sorted(schema.get("properties", {}))) or "no other field"
        line = document.key_lines.get(path + (unknown,), line)
        return Problem(
            document.shown,
            line,
            field_name(path + (unknown,), document.value),
            t("one of the fields {known}", known=known),
            t("an unknown field '{field}'", field=unknown),
        )
    if "propertyNames" in error.schema_path:
        bad = instance
        line = document.key_lines.get(path + (bad,), line)
        return Problem(
            document.shown,
            line,
            field_name(path + (bad,), document.value),
            schema_expected(schema) or t("another name"),
            f"'{bad}'",
        )
    if kind == "type":
        wanted = rule if isinstance(rule, list) else [rule]
        if "string" in wanted and isinstance(instance, (int, float)) and not isinstance(instance, bool):
            found = t("{written}, a number: put it in quotes to make it a text", written=written or instance)
        expected = schema_expected(schema) or (
            _TYPE_WORDS[wanted[0]]
            if len(wanted) == 1
            else t("{one} or {other}", one=_TYPE_WORDS[wanted[0]], other=_TYPE_WORDS[wanted[1]])
        )
        return Problem(document.shown, line, field_name(path, document.value), expected, found)
    if kind == "enum":
        options = ", ".join(str(option) for option in rule)
        return Problem(
            document.shown, line, field_name(path, document.value), t("one of: {options}", options=options), found
        )
    if kind in ("minimum", "exclusiveMinimum"):
        expected = (
            t("a number that is not negative") if rule == 0 else t("a number of at least {minimum}", minimum=rule)
        )
        return Problem(document.shown, line, field_name(path, document.value), expected, found)
    if kind == "maximum":
        return Problem(
            document.shown,
            line,
            field_name(path, document.value),
            t("a number of at most {maximum}", maximum=rule),
            found,
        )
    if kind == "maxLength":
        return Problem(
            document.shown,
            line,
            field_name(path, document.value),
            schema_expected(schema) or t("a text of at most {limit} characters", limit=rule),
            t("a text of {count} characters", count=len(instance)),
        )
    if kind in ("maxItems", "maxProperties"):
        return Problem(
            document.shown,
            line,
            field_name(path, document.value),
            t("at most {limit} entries", limit=rule),
            t("{count} entries", count=len(instance)),
        )
    if kind in ("minLength", "minItems", "minProperties"):
        return Problem(
            document.shown,
            line,
            field_name(path, document.value),
            t("something (it must not be empty)"),
            t("an empty value"),
        )
    if kind == "format" and isinstance(instance, str) and (why := date_mistake(instance)) is not None:
        found = t("{found} ({why})", found=found, why=why)
    expected = schema_expected(schema) or schema.get("description") or error.message
    return Problem(document.shown, line, field_name(path, document.value), expected, found)


def date_mistake(text: str) -> Msg | None:
    """What is impossible in a date written in the right shape (YYYY-MM-DD, YYYY-MM, YYYY):
    the month, the day or the year; None when the shape itself is wrong."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None  # the pattern requires the year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return t("the year {year} is not between {first} and {last}", year=year, first=FIRST_YEAR, last=LAST_YEAR)
    if month is not None and not 1 <= month <= 12:
        return t("there is no month {month}", month=month)
    if month is not None and day is not None:
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            return t("month {month} of {year} has {days} days", month=month, year=year, days=days)
    return None


def validator_schema(error: ValidationError) -> dict:
    return error.schema if isinstance(error.schema, dict) else {}


def _property_schema(schema: dict, name: str, error: ValidationError) -> dict:
    """A field's own schema (its fixed list of values, its x-expected)."""
    found = schema.get("properties", {}).get(name, {})
    return found if isinstance(found, dict) else {}


def _value_for(name: str, schema: dict) -> Msg:
    """What a missing field needs: its allowed values when there is a fixed list."""
    if "enum" in schema:
        return t(
            "a value for '{field}', one of: {options}",
            field=name,
            options=", ".join(str(option) for option in schema["enum"]),
        )
    expected = schema_expected(schema)
    if expected is not None:
        return t("a value for '{field}': {what}", field=name, what=expected)
    return t("a value for '{field}'", field=name)


def _missing_field(error: ValidationError) -> str:
    match = re.match(r"'(.+?)' is a required property", error.message)
    return match.group(1) if match else "?"


def _unknown_fields(error: ValidationError) -> list[str]:
    known = set(error.schema.get("properties", {})) if isinstance(error.schema, dict) else set()
    instance: Any = error.instance
    return sorted(key for key in instance if key not in known) or ["?"]
