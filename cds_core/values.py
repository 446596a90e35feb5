"""Reading and writing one value as people type it and as the values CSV carries it.

Every entry path (the form, CSV and Excel imports, the hamlet log, the report extractor) reads
through :func:`parse`, so they all refuse the same values: not a number, negative, a fraction
in a count, anything above the element's plausible maximum (``Element.maximum``), infinity,
digits other than 0-9, and text or comments longer than their limits.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import Decimal

from cds_core.catalogue import Kind, ValueCode, value_code
from cds_core.errors import CdsError

Value = float | str | None

TRUE_WORDS = {"có", "co", "true", "1", "yes", "x"}
FALSE_WORDS = {"không", "khong", "false", "0", "no"}
MAX_TEXT = 5000  # a text value or a narrative
MAX_COMMENT = 2000  # the comment beside a value
ECHO = 40  # characters of a refused value quoted back in its message
# "1.772" in a count is Vietnamese digit grouping, not a decimal: a count has no decimals.
_GROUPED = re.compile(r"^[0-9]{1,3}([.\s][0-9]{3})+$")
# ASCII digits only: Python's \d and float() also take Arabic-Indic and other digits.
_NUMBER = re.compile(r"^[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)$")


def echo(text: str) -> str:
    """``text`` shortened for quoting back in a message."""
    return text if len(text) <= ECHO else text[: ECHO - 1] + "…"


def check_comment(text: str) -> str:
    """A comment as stored (trimmed), or :class:`CdsError` when it is too long."""
    text = text.strip()
    if len(text) > MAX_COMMENT:
        raise CdsError("err_comment_too_long", limit=MAX_COMMENT, length=len(text))
    return text


def check_number(vc: ValueCode, number: float, shown: str) -> float:
    """``number`` if it is a plausible value of ``vc``; else a :class:`CdsError` that quotes
    ``shown`` (what was typed)."""
    if math.isnan(number):
        raise CdsError("err_not_number", value=echo(shown))
    if number < 0:
        raise CdsError("err_negative", value=echo(shown))
    if vc.kind is Kind.PCT and number > 100:
        raise CdsError("err_pct_range", value=echo(shown))
    limit = vc.element.maximum
    if limit is not None and not number <= limit:  # infinity included
        raise CdsError("err_too_large", value=echo(shown), limit=int(limit))
    if vc.kind is Kind.COUNT and not number.is_integer():
        raise CdsError("err_not_integer", value=echo(shown))
    return number


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
            raise CdsError("err_text_too_long", limit=MAX_TEXT, length=len(text))
        return text
    if kind is Kind.BOOL:
        low = text.lower()
        if low in TRUE_WORDS:
            return 1.0
        if low in FALSE_WORDS:
            return 0.0
        raise CdsError("err_not_bool", value=echo(text))
    if any(ch.isdigit() and not ch.isascii() for ch in text):
        raise CdsError("err_ascii_digits", value=echo(text))
    plain = re.sub(r"[.\s]", "", text) if kind is Kind.COUNT and _GROUPED.match(text) else text
    if not _NUMBER.match(plain):
        raise CdsError("err_not_number", value=echo(text))
    return check_number(vc, float(plain.replace(",", ".")), text)


def reading(vc: ValueCode, raw: object) -> tuple[str, dict[str, str]] | None:
    """How a text that people could read two ways was taken, as a message key and its
    parameters; ``None`` when it is plain.

    "1.096" is one thousand and ninety-six in a count (Vietnamese grouping; a count has no
    decimals) but one point zero nine six in a decimal field, where "." is the decimal point as
    in the values CSV: the form and the import preview say which.
    """
    text = str(raw or "").strip()
    if vc.kind not in (Kind.COUNT, Kind.NUMBER, Kind.PCT) or not _GROUPED.match(text):
        return None
    if vc.kind is Kind.COUNT:
        return "note_read_grouped", {"typed": text, "value": re.sub(r"[.\s]", "", text)}
    if " " in text or text.count(".") > 1:
        return None  # not a number in a decimal field: parse() says so
    return "note_read_decimal", {"typed": text, "grouped": text.replace(".", "")}


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
    """Canonical text of a stored value in the values CSV (``.`` as decimal point).

    Never in exponent notation (``1e-07``), which :func:`parse` would not read back; a value
    stored before the bounds existed (``inf``) is written as it is, never raising.
    """
    if value is None:
        return ""
    if vc.kind is Kind.TEXT:
        return str(value)
    if vc.kind is Kind.BOOL:
        return "có" if float(value) else "không"
    number = float(value)
    if not math.isfinite(number):
        return str(number)
    if number.is_integer():
        return str(int(number))
    return format(Decimal(repr(number)), "f")
