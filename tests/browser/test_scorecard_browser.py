"""The scorecard and presentation mode in headless Chromium at 1366×768 (a common projector):
what the Steering Committee sees, saved to test-artifacts/ for the README (make screenshots)."""

import pytest
from conftest import ARTIFACTS, VIEWER
from playwright.sync_api import Page, expect
from signing import TIMEOUT_MS, sign_in

pytestmark = pytest.mark.browser

# How tall the page's content is against the screen, and where the "next" button ends.
FITS = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const next = [...document.querySelectorAll('button')]
    .find(b => b.innerText.includes('Trang sau'));
  return {scroll: main.scrollHeight, screen: main.clientHeight,
          next: next.getBoundingClientRect().bottom};
}"""


def slide_is(page: Page, title: str) -> None:
    # While the slide's fragment reruns, the slide it replaces can stay a moment beside it.
    expect(page.locator(".cds-slide")).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.locator(".cds-slide h2")).to_have_text(title, timeout=TIMEOUT_MS)


def test_the_scorecard_shows_every_pillar_and_saves_its_screenshot(
    live_server: str, page: Page, wait_idle
) -> None:
    sign_in(page, live_server, wait_idle, VIEWER, "/")
    expect(page.get_by_text("5/17 chỉ tiêu đạt").first).to_be_visible(timeout=TIMEOUT_MS)
    # .first: a rerun still settling (the sign-in cookie) can show an element twice a moment.
    expect(page.get_by_text("Chính quyền số · 5/10 chỉ tiêu đạt").first).to_be_visible()
    expect(page.locator("[data-testid=stDataFrame] canvas").nth(4)).to_be_visible(
        timeout=TIMEOUT_MS
    )
    # Streamlit scrolls inside its own container, so a full-page shot needs a tall window.
    page.set_viewport_size({"width": 1366, "height": 2100})
    wait_idle(page)
    page.wait_for_timeout(1500)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "scorecard.png"
    page.screenshot(path=str(shot))
    # The same screen without colour: icon and word still tell the statuses apart.
    from PIL import Image

    with Image.open(shot) as image:
        image.convert("L").save(ARTIFACTS / "scorecard-grey.png")


def test_presentation_mode_fills_the_projector_without_the_sidebar(
    live_server: str, page: Page, wait_idle
) -> None:
    sign_in(page, live_server, wait_idle, VIEWER, "/?present=1")  # a meeting room's bookmark
    expect(page.locator(".cds-slide h2")).to_have_text("Hạ tầng", timeout=TIMEOUT_MS)
    expect(page.locator("[data-testid=stSidebar]")).to_be_hidden()
    page.get_by_role("button", name="Trang sau ▶", exact=True).click()
    wait_idle(page)
    slide_is(page, "Chính quyền số")
    # Legible from the back: the values are drawn at 2rem (32 px) or more.
    size = page.locator(".cds-slide td.cds-value").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert size >= 32
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "presentation.png"))
    # Every slide fits the 768 px screen: nothing to scroll, "next" in sight (more slides,
    # not taller ones). Seven slides, then back to the first.
    seen = []
    for _ in range(7):
        fits = page.evaluate(FITS)
        seen.append(page.locator(".cds-met").inner_text())
        assert fits["scroll"] <= fits["screen"] and fits["next"] <= 768, (seen[-1], fits)
        page.get_by_role("button", name="Trang sau ▶", exact=True).click()
        wait_idle(page)
        expect(page.locator(".cds-slide")).to_have_count(1, timeout=TIMEOUT_MS)
        expect(page.locator(".cds-met")).not_to_have_text(seen[-1], timeout=TIMEOUT_MS)
    slide_is(page, "Chính quyền số")
    assert len(set(seen)) == 7
