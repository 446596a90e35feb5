"""Altair charts of the scorecard: an indicator's trend against its target and status bands,
small multiples of a pillar, the units × indicators heatmap, and their PNG/SVG bytes.

Colour is never the only carrier: points and cells carry the status icon and word (legend,
text, tooltip), and the target is a labelled dashed rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd
import vl_convert

from cds_core.formatting import format_pct
from cds_core.status import STYLES, Status, label
from cds_core.targets import Comparator, Target
from texts import t

TARGET_COLOUR = "#263238"  # 15.4:1 on white
LINE_COLOUR = "#37474f"
FONT_SIZE = 13


def status_scale(lang: str = "vi") -> alt.Scale:
    """The five statuses in their colours, named by icon and word."""
    return alt.Scale(
        domain=[label(s, lang) for s in STYLES], range=[STYLES[s].colour for s in STYLES]
    )


SHAPES = {
    Status.MET: "circle",
    Status.NEAR: "diamond",
    Status.NOT_MET: "triangle-down",
    Status.NO_DATA: "cross",
    Status.NOT_APPLICABLE: "square",
}


def status_shapes(lang: str = "vi") -> alt.Scale:
    """A shape per status too, so a point reads without colour."""
    return alt.Scale(domain=[label(s, lang) for s in STYLES], range=[SHAPES[s] for s in STYLES])


@dataclass(frozen=True)
class Point:
    """One quarter of a trend: its label on the axis, the rate (percent), its status, the
    workflow state of its figures in words ("nháp", "đã duyệt"; blank if none); ``note`` says
    what the figure is when not the unit's own (the sum of its predecessors)."""

    period: str
    rate: float | None
    status: Status
    state: str = ""
    note: str = ""


@dataclass(frozen=True)
class Break:
    """The first quarter of a unit formed from others, with what each side of it shows."""

    period: str  # its label on the axis
    before: str  # "Tổng của Xã Phú Tân, …"
    after: str  # "Xã Tân Phú Đông"


def bands(target: Target, top: float) -> list[dict[str, object]]:
    """The value ranges of met, near and not met under ``target``, from 0 to ``top``."""
    start = target.band_start
    if target.comparator is Comparator.LE:
        ranges = [(0, target.value, Status.MET), (target.value, start, Status.NEAR),
                  (start, top, Status.NOT_MET)]  # fmt: skip
    else:
        ranges = [(0, start, Status.NOT_MET), (start, target.value, Status.NEAR),
                  (target.value, top, Status.MET)]  # fmt: skip
    return [
        {"low": low, "high": min(high, top), "band": status}
        for low, high, status in ranges
        if high > low and low < top
    ]


def trend_chart(
    points: Sequence[Point],
    target: Target | None,
    *,
    lang: str = "vi",
    title: str = "",
    height: int = 300,
    width: int | str = "container",
    marks: Break | None = None,
) -> alt.LayerChart:
    """The rate over the quarters: status bands shaded, the target a dashed labelled rule, and
    the first quarter of a merged unit a rule labelled on both sides."""
    order = [p.period for p in points]
    records = [
        {
            "period": p.period,
            "rate": p.rate,
            "shown": format_pct(p.rate, lang),
            "status": label(p.status, lang),
            "state": p.state,
            "note": p.note,
        }
        for p in points
    ]
    top = max([100.0, *(p.rate for p in points if p.rate is not None)])
    # Every quarter keeps its place on the axis, with a value or without.
    x = alt.X(
        "period:O",
        scale=alt.Scale(domain=order),
        title=None,
        axis=alt.Axis(labelAngle=0, labelFontSize=12),
    )
    y = alt.Y("rate:Q", title="%", scale=alt.Scale(domain=[0, top], nice=False))
    layers: list[alt.Chart] = []
    if target is not None:
        shade = pd.DataFrame(bands(target, top))
        shade["band"] = [label(s, lang) for s in shade["band"]]
        layers.append(
            alt.Chart(shade)
            .mark_rect(opacity=0.6)
            .encode(
                y=alt.Y("low:Q", scale=alt.Scale(domain=[0, top], nice=False)),
                y2="high:Q",
                color=alt.Color(
                    "band:N",
                    scale=alt.Scale(
                        domain=[label(s, lang) for s in STYLES],
                        range=[STYLES[s].background for s in STYLES],
                    ),
                    legend=None,
                ),
            )
        )
    data = alt.Chart(pd.DataFrame(records)).transform_filter("isValid(datum.rate)")
    layers += [
        data.mark_line(color=LINE_COLOUR, strokeWidth=2).encode(x=x, y=y),
        data.mark_point(filled=True, size=110, opacity=1).encode(
            x=x,
            y=y,
            color=alt.Color(
                "status:N", scale=status_scale(lang), title=None, legend=alt.Legend(orient="bottom")
            ),
            # The colour legend names icon and word; the shapes add a cue on the points.
            shape=alt.Shape("status:N", scale=status_shapes(lang), legend=None),
            tooltip=[
                alt.Tooltip(f"{field}:N", title=t(key, lang))
                for field, key in (
                    ("period", "col_period"),
                    ("shown", "col_value"),
                    ("status", "col_status"),
                    ("state", "col_fig_state"),
                    ("note", "col_basis"),
                )
            ],  # fmt: skip
        ),
        data.mark_text(dy=-12, fontSize=FONT_SIZE, color=LINE_COLOUR).encode(
            x=x, y=y, text="shown:N"
        ),
    ]
    if target is not None:
        rule = alt.Chart(
            pd.DataFrame({"target": [target.value], "label": [target.label()]})
        ).encode(y=alt.Y("target:Q"))
        layers += [
            rule.mark_rule(strokeDash=[6, 4], color=TARGET_COLOUR, size=2),
            rule.mark_text(
                align="right", dy=-6, x="width", color=TARGET_COLOUR, fontWeight="bold"
            ).encode(text="label:N"),
        ]
    if marks is not None and marks.period in order:
        low = height - 12  # along the bottom, clear of the values written above the points
        edge = alt.Chart(
            pd.DataFrame(
                {"period": [marks.period], "before": [marks.before], "after": [marks.after]}
            )
        ).encode(x=x)
        layers += [
            edge.mark_rule(color=TARGET_COLOUR, strokeDash=[2, 3], size=2),
            edge.mark_text(align="right", dx=-8, y=low, color=TARGET_COLOUR).encode(
                text="before:N"
            ),
            edge.mark_text(
                align="left", dx=8, y=low, color=TARGET_COLOUR, fontWeight="bold"
            ).encode(text="after:N"),
        ]
    # The bands' pale colours and the points' strong ones are two scales of one channel.
    return (
        alt.layer(*layers)
        .resolve_scale(color="independent")
        .properties(title=title, height=height, width=width)
    )


def small_multiples(
    charts: Sequence[tuple[str, Sequence[Point], Target | None]],
    *,
    lang: str = "vi",
    columns: int = 2,
    marks: Break | None = None,
) -> alt.ConcatChart:
    """One small trend per indicator of a pillar, each with its own target and bands."""
    return alt.concat(
        *(
            trend_chart(points, target, lang=lang, title=name, height=160, width=360, marks=marks)
            for name, points, target in charts
        ),
        columns=columns,
    )


# A heatmap row: tall enough for 13 px text, so a province's 100 units stay one readable column.
ROW_PX = 30
HEATMAP_LABEL_PX = 260  # indicator names, upright above the cells


def heatmap(
    cells: pd.DataFrame,
    *,
    units: list[str],
    indicators: list[str],
    lang: str = "vi",
    titles: dict[str, str] | None = None,
):
    """Units × indicators coloured by status; ``cells`` has unit, indicator, status (a
    :class:`Status`) and text columns, ``titles`` their names in the tooltip. White text passes
    AA on every status colour.

    The cells' height is set (``ROW_PX`` a unit) and only the width follows the page: sized as
    a whole, the indicator names above took all of a short chart's height and left a strip with
    no cells. Indicator names stand upright above their columns, long enough to tell apart, and
    leave the width to the cells.
    """
    titles = titles or {}
    frame = cells.assign(status=[label(s, lang) for s in cells["status"]])
    base = alt.Chart(frame).encode(
        x=alt.X(
            "indicator:N",
            sort=indicators,
            title=None,
            axis=alt.Axis(orient="top", labelAngle=-90, labelLimit=HEATMAP_LABEL_PX,
                          labelFontSize=12, labelOverlap=False),
        ),
        y=alt.Y("unit:N", sort=units, title=None,
                axis=alt.Axis(labelLimit=240, labelFontSize=12)),
    )  # fmt: skip
    tooltip = [
        alt.Tooltip(f"{field}:N", title=titles.get(field, field))
        for field in ("unit", "indicator", "text", "status")
    ]
    return (
        (
            base.mark_rect(stroke="white", strokeWidth=2).encode(
                color=alt.Color(
                    "status:N",
                    scale=status_scale(lang),
                    title=None,
                    legend=alt.Legend(orient="bottom"),
                ),
                tooltip=tooltip,
            )
            + base.mark_text(color="white", fontWeight="bold", fontSize=11).encode(
                text="text:N", tooltip=tooltip
            )
        )
        .properties(height=ROW_PX * len(units), width="container")
        # Fit the width only: the height above is the cells', axes and legend come on top.
        .properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    )


def png(chart: alt.TopLevelMixin, *, width: int = 900) -> bytes:
    """The chart as PNG at twice screen resolution; ``container`` widths get ``width``."""
    return vl_convert.vegalite_to_png(_fixed(chart, width), scale=2)


def svg(chart: alt.TopLevelMixin, *, width: int = 900) -> bytes:
    return vl_convert.vegalite_to_svg(_fixed(chart, width)).encode("utf-8")


def _fixed(chart: alt.TopLevelMixin, width: int) -> dict:
    # Outside a page there is no container to stretch to.
    spec = chart.to_dict()
    if spec.get("width") == "container":
        spec["width"] = width
    return spec
