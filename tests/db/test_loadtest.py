"""The load test in miniature (a few sessions for seconds): it speaks Streamlit's protocol to a
real server, signs in, moves between pages, saves, and measures; `python -m loadtest` is the
full run (README, "Operations")."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

from loadtest.run import as_json, run, table


def test_a_short_load_test_signs_in_browses_saves_and_measures(tmp_path):
    # In a thread of its own: Playwright's sync API keeps an event loop running on this one
    # while the browser tests' browser lives, and the load test runs its own.
    with ThreadPoolExecutor(1) as pool:
        result = pool.submit(run, viewers=2, officers=1, duration=2, ramp=0.3, think=0.3,
                             scale="demo", warm_up=False, workdir=tmp_path).result()  # fmt: skip
    pages, shown = result.summary(), table(result)
    assert pages["sign-in"]["runs"] == 3, shown  # every session got past the login
    viewed = [p for p in pages if p.startswith("/") and p != "/nhap-so-lieu"]
    assert viewed and sum(pages[p]["runs"] for p in viewed) >= 2, shown
    assert result.saves_ok >= 1 and result.saves_refused == 0, shown
    assert result.errors == [], shown
    assert all(0 < s["p50"] <= s["p95"] <= s["max"] for s in pages.values()), shown
    assert result.rss_end_mb > 100, shown  # a Streamlit process with the app loaded
    assert "| save | " in shown
    assert json.loads(as_json(result))["all_pages"]["runs"] == sum(
        s["runs"] for s in pages.values()
    )
