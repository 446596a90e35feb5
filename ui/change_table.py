"""History and conflict tables in people's words: element names, the interface's headers,
blanks for nothing, Vietnam's clock, and the real changes before stocks merely carried over."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from cds_core import values as value_io
from cds_core.catalogue import VALUE_CODES, Kind, value_code_name
from cds_core.errors import CdsError
from cds_core.formatting import format_count, format_moment
from db.values import Change
from texts import t

COLUMNS = ("col_when", "col_who", "col_what", "col_old", "col_new", "col_reason")


def shown(code: str | None, text: str | None, lang: str) -> str:
    """A stored value as the form shows it: grouped numbers, có/không, blank for nothing."""
    if text is None or code is None:
        return "" if text is None else t("wf_" + text, lang)
    vc = VALUE_CODES[code]
    if vc.kind is Kind.TEXT:
        return text
    try:
        value = value_io.parse(vc, text)
    except CdsError:
        return text
    if value is None:
        return ""
    if vc.kind is Kind.BOOL:
        return t("yes" if value else "no", lang)
    return format_count(value, lang)


def _row(change: Change, lang: str) -> dict[str, str]:
    what = (
        value_code_name(VALUE_CODES[change.element], lang)
        if change.element
        else t("history_status", lang, status=t("wf_" + (change.new or "draft"), lang))
    )
    return {
        t("col_when", lang): format_moment(change.at),
        t("col_who", lang): change.by,
        t("col_what", lang): what,
        t("col_old", lang): shown(change.element, change.old, lang),
        t("col_new", lang): shown(change.element, change.new, lang),
        t("col_reason", lang): change.reason,
    }


def table(changes: Sequence[Change], lang: str) -> pd.DataFrame:
    """One row per real change, in the order given (newest first); the stocks each save
    carried over from last quarter folded into one row after them."""
    rows = [_row(c, lang) for c in changes if not c.carried]
    carried = [c for c in changes if c.carried]
    if carried:
        rows.append(
            {
                t("col_when", lang): format_moment(max(c.at for c in carried)),
                t("col_who", lang): ", ".join(sorted({c.by for c in carried})),
                t("col_what", lang): t("changes_carried", lang, count=len(carried)),
                t("col_old", lang): "",
                t("col_new", lang): "",
                t("col_reason", lang): "",
            }
        )
    return pd.DataFrame(rows, columns=[t(k, lang) for k in COLUMNS])
