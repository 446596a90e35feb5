"""Reports written by other hands (tests/report_variants.py): over every variant at least 95% of
the figures come out exactly, and none comes out wrong."""

from __future__ import annotations

import pytest

from cds_core.catalogue import VALUE_CODES, Kind
from cds_core.extraction import extract
from cds_core.report_text import blocks_from_text
from report_variants import SEED_REPORT, VARIANTS, Variant, docx_from_text, seed_figures, variants
from reporting.report_reading import read_blocks

WRAPPED = "a Word file whose table cells hold line breaks"
NAMES = [name for name, _, _ in VARIANTS] + [WRAPPED]


def _figures(values: dict) -> dict:
    return {k: v for k, v in values.items() if VALUE_CODES[k].kind is not Kind.TEXT}


@pytest.fixture(scope="module")
def measured() -> dict[str, tuple[Variant, dict]]:
    """Each variant with the figures extraction gives for it, read once for the module."""
    out = {v.name: (v, _figures(extract(blocks_from_text(v.text)).values())) for v in variants()}
    word = docx_from_text(SEED_REPORT.read_text(encoding="utf-8"), breaks_in_cells=True)
    got = _figures(extract(read_blocks("bao-cao.docx", word)).values())
    out[WRAPPED] = (Variant(WRAPPED, "", seed_figures()), got)
    return out


def test_at_least_95_percent_of_the_figures_come_out_exactly(measured):
    expected = sum(len(v.figures) for v, _ in measured.values())
    exact = sum(got.get(k) == x for v, got in measured.values() for k, x in v.figures.items())
    assert exact / expected >= 0.95, f"{exact}/{expected}"


@pytest.mark.parametrize("name", NAMES)
def test_no_figure_comes_out_wrong(measured, name):
    variant, got = measured[name]
    assert {
        k: (v, variant.figures.get(k)) for k, v in got.items() if variant.figures.get(k) != v
    } == {}
