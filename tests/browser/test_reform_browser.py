"""A trend across the 2025 reform in headless Chromium: the new commune's quarters before it
existed are its predecessors' sum, the first quarter of the new commune is marked, and the
screen is saved for the README (make screenshots)."""

import pytest
from conftest import ARTIFACTS, REFORM_VIEWER
from playwright.sync_api import Page, expect
from signing import TIMEOUT_MS, sign_in

pytestmark = pytest.mark.browser


def test_a_trend_across_the_break_marks_the_new_commune(
    reform_server: str, page: Page, wait_idle
) -> None:
    trend = "/xu-huong?indicator=xh_fiber_rate&org=XA_TAN_PHU_DONG&period=2026Q3"
    sign_in(page, reform_server, wait_idle, REFORM_VIEWER, trend)
    expect(page.get_by_text("Tỷ lệ hộ gia đình có cáp quang").first).to_be_visible(
        timeout=TIMEOUT_MS
    )
    chart = page.locator("[data-testid=stVegaLiteChart]").first
    expect(chart).to_be_visible(timeout=TIMEOUT_MS)
    # The table under the chart says which quarters are the old communes' sum.
    expect(page.locator("[data-testid=stDataFrame]").first).to_be_visible(timeout=TIMEOUT_MS)
    page.set_viewport_size({"width": 1366, "height": 1100})
    wait_idle(page)
    page.wait_for_timeout(1500)
    svg_text = chart.inner_text()
    assert "Đơn vị mới từ Quý III/2025" in svg_text
    assert "Tổng của Xã Phú Đông, Xã Phú Tân, Xã Phú Thạnh" in svg_text
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "trend-across-the-break.png"))
