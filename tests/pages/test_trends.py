"""Trends: a unit's subtree per quarter in one GROUP BY, the chart's target rule and bands, the
chart files, and the trend page reached from the scorecard's link."""

import json

import pytest
from sqlalchemy import event
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from apptest import signed_in
from cds_core.periods import Period
from cds_core.status import Status
from cds_core.targets import DEFAULT_TARGETS, Comparator, Target
from db.scorecards import for_unit
from db.trends import history, rates
from ui import charts

FULL = next(t for t in DEFAULT_TARGETS if t.indicator == "dvc_full_rate")


class Statements:
    """Counts the SQL statements an engine runs inside the block."""

    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def _seen(self, *_args):
        self.count += 1

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._seen)


def test_every_quarter_of_a_figure_comes_from_a_fixed_number_of_statements(demo_session, engine):
    with Statements(engine) as seen:
        past = history(demo_session, "PHU_TAN")
    # The unit, every quarter's sums, the units that should have reported, the targets: four
    # statements however many quarters there are.
    assert seen.count == 4
    # The demo hamlets report 2023Q2-2024Q1; the commune's own figures are 2024Q1.
    assert sorted(past)[0] == Period(2023, 2)
    staff = next(r for r in past[Period(2024, 1)] if r.indicator == "ht_staff_pc_rate")
    assert (staff.value.numerator, staff.value.denominator) == (21, 22)


def test_a_quarter_of_the_history_is_that_quarters_scorecard(demo_session):
    past = history(demo_session, "PHU_TAN")
    assert past[Period(2024, 1)] == for_unit(demo_session, "PHU_TAN", "2024Q1")
    assert history(demo_session, "XA_TAN_PHU_DONG")[Period(2023, 2)] == for_unit(
        demo_session, "XA_TAN_PHU_DONG", "2023Q2"
    )


def test_history_of_one_indicator_reads_only_its_elements(demo_session):
    past = history(demo_session, "PHU_TAN", "xh_smartphone_rate")
    assert all(len(rows) == 1 for rows in past.values())
    series = rates(past, "xh_smartphone_rate")
    assert len(series) >= 4
    assert all(0 < r <= 100 for r in series.values())


POINTS = [
    charts.Point("Quý I/2024", 40.0, Status.NOT_MET),
    charts.Point("Quý II/2024", None, Status.NO_DATA),
    charts.Point("Quý III/2024", 85.0, Status.MET),
]


def rules(spec: dict) -> list[dict]:
    return [
        layer
        for layer in spec.get("layer", [])
        if (layer.get("mark") == "rule" or (layer.get("mark") or {}).get("type") == "rule")
    ]


def data_of(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][layer["data"]["name"]]


def test_the_trend_chart_draws_the_target_as_a_rule_at_its_value():
    spec = charts.trend_chart(POINTS, FULL).to_dict()
    [rule] = rules(spec)
    assert rule["encoding"]["y"]["field"] == "target"
    assert data_of(spec, rule)[0]["target"] == 80.0


@pytest.mark.parametrize(
    ("target", "bands"),
    [
        (FULL, [(0, 64, "✖ chưa đạt"), (64, 80, "◐ gần đạt"), (80, 100, "✔ đạt")]),
        (
            Target("Y", "dvc_full_rate", Comparator.LE, 10.0, 2025, "t", amber_from=25.0),
            [(0, 10, "✔ đạt"), (10, 25, "◐ gần đạt"), (25, 100, "✖ chưa đạt")],
        ),
    ],
)
def test_the_status_bands_are_shaded_from_the_targets_band(target, bands):
    spec = charts.trend_chart(POINTS, target).to_dict()
    rect = next(la for la in spec["layer"] if (la.get("mark") or {}).get("type") == "rect")
    assert [(b["low"], b["high"], b["band"]) for b in data_of(spec, rect)] == bands


def test_a_merged_units_first_quarter_is_a_rule_labelled_on_both_sides():
    marks = charts.Break("Quý III/2024", "Tổng của Xã A, Xã B", "Đơn vị mới từ Quý III/2024")
    spec = charts.trend_chart(POINTS, None, marks=marks).to_dict()
    [rule] = rules(spec)
    assert data_of(spec, rule) == [
        {"period": "Quý III/2024", "before": "Tổng của Xã A, Xã B",
         "after": "Đơn vị mới từ Quý III/2024"}
    ]  # fmt: skip
    texts = [la for la in spec["layer"] if (la.get("mark") or {}).get("type") == "text"]
    assert {la["encoding"]["text"]["field"] for la in texts} >= {"before", "after"}


def test_an_indicator_without_a_target_has_no_rule():
    assert rules(charts.trend_chart(POINTS, None).to_dict()) == []


def test_a_pillar_is_small_multiples_each_with_its_own_target():
    spec = charts.small_multiples([("a", POINTS, FULL), ("b", POINTS, None)]).to_dict()
    assert len(spec["concat"]) == 2
    assert len(rules(spec["concat"][0])) == 1 and rules(spec["concat"][1]) == []


def test_charts_download_as_png_and_svg():
    chart = charts.trend_chart(POINTS, FULL, title="Tỷ lệ DVCTT toàn trình")
    assert charts.png(chart).startswith(b"\x89PNG")
    svg = charts.svg(chart).decode("utf-8")
    assert svg.startswith("<svg") and "≥ 80%" in svg


def chart_specs(at) -> list[dict]:
    """The page's chart specs with their data put back (Streamlit ships datasets beside)."""
    out = []
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        spec["datasets"] = {
            d.name: convert_arrow_bytes_to_pandas_df(d.data.data).to_dict("records")
            for d in chart.proto.datasets
        }
        out.append(spec)
    return out


def test_the_scorecards_link_opens_the_indicators_trend_with_its_target(app_db):
    at = signed_in("committee", "viewer")
    at.query_params["indicator"] = "xh_smartphone_rate"
    at.switch_page("app_pages/trends.py").run()
    assert not at.exception
    assert at.selectbox(key="trend_indicator").value == "xh_smartphone_rate"
    [spec] = chart_specs(at)
    [rule] = rules(spec)
    assert data_of(spec, rule)[0]["target"] == 80.0
    assert {b.label for b in at.get("download_button")} >= {"Tải PNG", "Tải SVG", "Tải CSV"}


def test_the_pillar_view_shows_one_chart_per_indicator_with_data(app_db):
    at = signed_in("committee", "viewer")
    at.switch_page("app_pages/trends.py").run()
    at.button_group(key="trend_mode").set_value("pillar").run()
    at.selectbox(key="trend_pillar").set_value("digital_society").run()
    assert not at.exception
    [spec] = chart_specs(at)
    # Smartphones, fibre, VNeID and digital signatures; VNeID has no target, so no rule.
    assert [len(rules(panel)) for panel in spec["concat"]] == [1, 1, 0, 1]
