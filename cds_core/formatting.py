"""Vietnamese number formatting: ``84,7%``, ``1.772``, rounding half up to one decimal; and
moments in Vietnam's local time.

Nothing here raises on a number, however large: a value stored before the catalogue's bounds
existed (``1e308``, ``inf``) still shows, so one bad figure cannot break a page for everyone.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Context, Decimal

# Asia/Ho_Chi_Minh has kept UTC+7 without daylight saving since 1975: a fixed offset needs no
# time-zone database (Windows ships none to Python's zoneinfo).
VIETNAM = timezone(timedelta(hours=7), "ICT")


def round_half_up(value: float, digits: int = 1) -> Decimal:
    """``value`` rounded half up; infinity and NaN come back as they are."""
    # Through str() so that 0.05 rounds as written (binary 0.05 is slightly below it).
    d = Decimal(str(value))
    if not d.is_finite():
        return d
    # Enough precision for every digit kept: the default 28 fails on 10^28 and above.
    context = Context(prec=max(28, d.adjusted() + digits + 2))
    return d.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP, context=context)


def _not_finite(value: float) -> str | None:
    if math.isnan(value):
        return "—"
    return ("-∞" if value < 0 else "∞") if math.isinf(value) else None


def _group(integer_digits: str, sep: str) -> str:
    out = []
    while len(integer_digits) > 3:
        out.insert(0, integer_digits[-3:])
        integer_digits = integer_digits[:-3]
    out.insert(0, integer_digits)
    return sep.join(out)


def format_number(value: float | int | None, digits: int = 0, lang: str = "vi") -> str:
    """``1772`` → ``1.772`` (vi) or ``1,772`` (en); ``None`` → an empty string."""
    if value is None:
        return ""
    if (odd := _not_finite(float(value))) is not None:
        return odd
    thousands, decimal = (".", ",") if lang == "vi" else (",", ".")
    d = round_half_up(value, digits)
    sign = "-" if d < 0 else ""
    text = f"{abs(d):.{digits}f}"
    integer, _, fraction = text.partition(".")
    grouped = _group(integer, thousands)
    return f"{sign}{grouped}{decimal}{fraction}" if fraction else f"{sign}{grouped}"


def format_count(value: float | None, lang: str = "vi") -> str:
    """A count or number as typed by people: no decimals unless it has some."""
    if value is None:
        return ""
    if not math.isfinite(float(value)) or float(value).is_integer():
        return format_number(value, 0, lang)
    return format_number(value, 2, lang).rstrip("0").rstrip(",.")


def format_counts(
    numerator: float | None, denominator: float | None, lang: str = "vi", blank: str = "—"
) -> str:
    """A rate's two counts as people write them, ``50/59``; a missing one shows as ``blank``,
    and a rate with neither shows nothing."""
    if numerator is None and denominator is None:
        return ""
    return f"{format_count(numerator, lang) or blank}/{format_count(denominator, lang) or blank}"


def format_pct(value: float | None, lang: str = "vi") -> str:
    """``84.7458`` → ``84,7%``; whole results keep no decimal (``100%``), as the report writes."""
    if value is None:
        return ""
    if (odd := _not_finite(float(value))) is not None:
        return odd
    d = round_half_up(value, 1)
    if d == d.to_integral_value():
        return f"{format_number(float(d), 0, lang)}%"
    return f"{format_number(float(d), 1, lang)}%"


def csv_pct(value: float | None) -> str:
    """Machine form for the scorecard CSV/JSON: ``.`` decimal point, one decimal, half up."""
    if value is None:
        return ""
    return str(value) if not math.isfinite(value) else f"{round_half_up(value, 1):.1f}"


def format_moment(moment: datetime | None) -> str:
    """A stored moment (UTC; a zone-less one is UTC too) as people in Vietnam read it:
    ``05/04/2024 14:30``, local time."""
    if moment is None:
        return ""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")
