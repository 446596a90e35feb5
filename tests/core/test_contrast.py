"""Readable on a washed-out projector and without colour: every status colour passes WCAG AA
(4.5:1) wherever the scorecard puts it, and every status also has its own icon, word and
point shape, so a greyscale screen still tells them apart.

Greyscale alone does not separate the colours (no data #424242 and not applicable #37474f
are both dark grey): the icon and the word carry the status, the colour only repeats it.
"""

from itertools import combinations

import pytest

from cds_core.progress import PACE_ICONS
from cds_core.status import STYLES, Status, label
from ui import charts

AA_TEXT = 4.5
AA_GRAPHICS = 3.0  # WCAG 1.4.11: lines and shapes against what they sit on


def luminance(colour: str) -> float:
    """Relative luminance of an sRGB colour (WCAG 2.x definition)."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_gives_wcags_reference_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("status", list(Status))
def test_each_status_word_is_aa_on_its_background_and_on_the_page(status):
    style = STYLES[status]
    assert contrast(style.colour, style.background) >= AA_TEXT  # table cells, tiles, slides
    assert contrast(style.colour, "#ffffff") >= AA_TEXT  # text on the page


@pytest.mark.parametrize("status", list(Status))
def test_white_text_is_aa_on_each_status_colour_of_the_heatmap(status):
    assert contrast("#ffffff", STYLES[status].colour) >= AA_TEXT


@pytest.mark.parametrize("status", [Status.MET, Status.NEAR, Status.NOT_MET])
def test_the_trend_line_and_the_target_rule_stand_out_on_every_shaded_band(status):
    band = STYLES[status].background
    assert contrast(charts.TARGET_COLOUR, band) >= AA_TEXT  # the rule carries a label
    assert contrast(charts.LINE_COLOUR, band) >= AA_TEXT  # and so do the points' values
    assert contrast(STYLES[status].colour, band) >= AA_GRAPHICS  # a point on its own band


@pytest.mark.parametrize("attribute", ["icon", "word_vi", "word_en"])
def test_every_status_has_its_own_icon_and_word(attribute):
    values = [getattr(STYLES[s], attribute) for s in Status]
    assert all(v.strip() for v in values)
    assert len(set(values)) == len(values)


def test_every_status_has_its_own_point_shape_and_pace_its_own_icon():
    assert len(set(charts.SHAPES.values())) == len(Status)
    assert len(set(PACE_ICONS.values())) == len(PACE_ICONS)


def test_the_status_labels_never_rely_on_colour_alone():
    # Icon and word side by side, in both languages, is what every table and slide shows.
    for a, b in combinations(Status, 2):
        for lang in ("vi", "en"):
            assert label(a, lang) != label(b, lang)
