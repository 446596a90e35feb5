"""The form's help: every element says what it means and where its figure comes from, in both
languages, in words (never a code)."""

import re

import pytest

from cds_core.catalogue import ELEMENTS, VALUE_CODES, Kind
from cds_core.descriptions import DESCRIPTIONS, time_note

CODE = re.compile(r"\b[a-z]+(_[a-z0-9]+)+\b")


def test_every_element_is_described():
    assert sorted(DESCRIPTIONS) == sorted(ELEMENTS)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_description_is_words_not_codes(lang):
    for d in DESCRIPTIONS.values():
        for text in (d.meaning(lang), d.source(lang)):
            assert text.strip()
            assert not CODE.search(text), text
            assert not any(c in text for c in VALUE_CODES), text


def test_the_time_note_tells_flows_from_stocks_and_spares_yes_no_and_text():
    assert "trong quý" in time_note(ELEMENTS["vb_out_total"])
    assert "cuối quý" in time_note(ELEMENTS["ht_staff_total"])
    assert "end of the quarter" in time_note(ELEMENTS["ht_staff_total"], "en")
    assert time_note(ELEMENTS["ht_lan"]) is None
    assert ELEMENTS["vb_print_frequency"].kind is Kind.TEXT
    assert time_note(ELEMENTS["vb_print_frequency"]) is None
