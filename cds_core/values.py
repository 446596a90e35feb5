"""Reading and writing one value as people type it and as the values CSV carries it."""

from __future__ import annotations

import re
from collections.abc import Mapping

from cds_core.catalogue import Kind, ValueCode, value_code
from cds_core.errors import CdsError

Value = float | str | None

TRUE_WORDS = {"có", "co", "true", "1", "yes", "x"}
FALSE_WORDS = {"không", "khong", "false", "0", "no"}
MAX_TEXT = 5000
# "1.772" in a count is Vietnamese digit grouping, not a decimal: a count has no decimals.
_GROUPED = re.compile(r"^\d{1,3}([.\s]\d{3})+$")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def parse(vc: ValueCode, raw: object) -> Value:
    """The stored value for what was typed; ``None`` for an empty cell.

    Numbers and booleans come back as ``float`` (a boolean as 1.0 or 0.0), text as ``str``.
    Raises :class:`CdsError` with a message key naming the problem.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raw = "1" if raw else "0"
    text = str(raw).strip()
    if text == "":
        return None
    kind = vc.kind
    if kind is Kind.TEXT:
        if len(text) > MAX_TEXT:
            raise CdsError("err_text_too_long", limit=MAX_TEXT)
        return text
    if kind is Kind.BOOL:
        low = text.lower()
        if low in TRUE_WORDS:
            return 1.0
        if low in FALSE_WORDS:
            return 0.0
        raise CdsError("err_not_bool", value=text)
    if kind is Kind.COUNT and _GROUPED.match(text):
        text = re.sub(r"[.\s]", "", text)
    if not _NUMBER.match(text):
        raise CdsError("err_not_number", value=text)
    number = float(text.replace(",", "."))
    if number < 0:
        raise CdsError("err_negative", value=text)
    if kind is Kind.COUNT and not number.is_integer():
        raise CdsError("err_not_integer", value=text)
    if kind is Kind.PCT and number > 100:
        raise CdsError("err_pct_range", value=text)
    return number


def parse_all(entries: Mapping[str, object]) -> tuple[dict[str, Value], dict[str, CdsError]]:
    """Parse many cells by value code: the good ones, and every bad one with its error."""
    parsed: dict[str, Value] = {}
    errors: dict[str, CdsError] = {}
    for code, raw in entries.items():
        try:
            parsed[code] = parse(value_code(code), raw)
        except CdsError as exc:
            errors[code] = exc
    return parsed, errors


def to_csv(vc: ValueCode, value: Value) -> str:
    """Canonical text of a stored value in the values CSV (``.`` as decimal point)."""
    if value is None:
        return ""
    if vc.kind is Kind.TEXT:
        return str(value)
    if vc.kind is Kind.BOOL:
        return "có" if float(value) else "không"
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)
