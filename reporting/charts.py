"""Trend charts of the main indicators as PNG images for the report (Altair → vl-convert).

One small panel per indicator: the quarterly rate as a line, each quarter's point in its status
colour (the legend names the status, so colour is not the only carrier), the target dashed.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import vl_convert

from cds_core.report_model import TrendPoint
from cds_core.status import STYLES, Status, label


def trend_chart(points: Sequence[TrendPoint], *, columns: int = 2) -> alt.FacetChart:
    records = [
        {
            "period": p.period,
            "indicator": p.indicator,
            "rate": p.rate,
            "target": p.target,
            "status": label(p.status),
        }
        for p in points
    ]
    order = list(dict.fromkeys(p.period for p in points))
    statuses = [s for s in Status if any(p.status is s and p.rate is not None for p in points)]
    base = alt.Chart(alt.Data(values=records))
    # Every quarter keeps its place on the axis, with a value or without.
    x = alt.X("period:O", scale=alt.Scale(domain=order), title=None, axis=alt.Axis(labelAngle=-35))
    # A part may exceed its whole (machines counted outside it): let the axis grow past 100.
    top = max([100.0, *(p.rate for p in points if p.rate is not None)])
    y = alt.Y("rate:Q", title="%", scale=alt.Scale(domain=[0, top]))
    # A quarter without a value is left out of the line rather than breaking it.
    line = base.transform_filter("isValid(datum.rate)").mark_line(color="#37474f").encode(x=x, y=y)
    dots = (
        base.transform_filter("isValid(datum.rate)")
        .mark_point(filled=True, size=70, opacity=1)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "status:N",
                title=None,
                scale=alt.Scale(
                    domain=[label(s) for s in statuses],
                    range=[STYLES[s].colour for s in statuses],
                ),
                legend=alt.Legend(orient="bottom"),
            ),
        )
    )
    target = base.mark_rule(strokeDash=[5, 3], color="#b71c1c").encode(y="target:Q")
    return (
        alt.layer(line, dots, target)
        .properties(width=250, height=90)
        .facet(
            facet=alt.Facet(
                "indicator:N",
                title=None,
                sort=list(dict.fromkeys(p.indicator for p in points)),
                header=alt.Header(labelLimit=300),
            ),
            columns=columns,
        )
    )


def trend_png(points: Sequence[TrendPoint]) -> bytes:
    """The chart as PNG bytes at twice the screen resolution (sharp when printed)."""
    return vl_convert.vegalite_to_png(trend_chart(points).to_json(), scale=2)
