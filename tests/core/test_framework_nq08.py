"""Resolution 08 as a framework file reproduces the catalogue it replaced, exactly.

``reference/nq08_before.json`` is the catalogue as the Python modules defined it before it
moved into ``cds_core/frameworks/nq08.yaml``: every element (kind, time, level, section,
cells, bounds), indicator (names, formula, pillar), target (value, band, deadline, source),
rule (severity, sides), description and word of the past-report reader, in order.
"""

import importlib
import json
from pathlib import Path

import pytest

from cds_core.framework import NQ08_FILE, nq08

BEFORE = json.loads((Path(__file__).parent / "reference" / "nq08_before.json").read_text("utf-8"))
NQ08 = nq08()


def terms(ts):
    return None if ts is None else [[code, sign] for code, sign in ts]


def test_sections_are_the_catalogues_in_its_order():
    got = [[s.code, s.name_vi, s.name_en, s.seed_ref] for s in NQ08.sections]
    assert got == BEFORE["sections"]


def test_elements_are_the_catalogues_with_kind_time_level_section_cells_and_bounds():
    got = [
        [e.code, e.name_vi, e.name_en, e.kind.value, e.time.value, e.level.value, e.section,
         [list(c) for c in e.categories], e.maximum]
        for e in NQ08.elements.values()
    ]  # fmt: skip
    assert got == BEFORE["elements"]


def test_value_codes_are_the_catalogues_device_table_included():
    got = [[vc.code, vc.element.code, list(vc.options)] for vc in NQ08.value_codes.values()]
    assert got == BEFORE["value_codes"]
    types, columns = NQ08.elements["ht_device"].dimensions
    assert [[o.code, o.name_vi, o.name_en] for o in types.options] == BEFORE["device_types"]
    assert [[o.code, o.name_vi, o.name_en] for o in columns.options] == BEFORE["device_columns"]


def test_indicators_keep_their_names_formulas_pillars_and_units():
    got = [
        [i.code, i.name_vi, i.name_en, terms(i.numerator), terms(i.denominator), i.pillar, i.unit]
        for i in NQ08.indicators.values()
    ]
    assert got == BEFORE["indicators"]
    assert [[p.code, p.name_vi, p.name_en] for p in NQ08.pillars.values()] == BEFORE["pillars"]
    reasons = {c: list(i.no_target) for c, i in NQ08.indicators.items() if i.no_target}
    assert reasons == BEFORE["no_target_reason"]


def test_targets_keep_their_ids_values_deadlines_and_sources():
    got = [
        [t.id, t.indicator, t.comparator.value, t.value, t.deadline, t.source, t.amber_from,
         t.framework, t.org_unit, t.level, t.year, t.note]
        for t in NQ08.targets
    ]  # fmt: skip
    assert got == BEFORE["targets"]
    assert not any(t.proposed for t in NQ08.targets)


def test_rules_keep_their_ids_severities_and_sides_in_order():
    got = [[r.id, r.severity.value, terms(r.left), terms(r.right), r.equal] for r in NQ08.rules]
    assert got == BEFORE["rules"]


def test_descriptions_and_the_readers_words_are_the_catalogues():
    got = {c: [d.meaning_vi, d.meaning_en, d.source_vi, d.source_en]
           for c, d in NQ08.descriptions.items()}  # fmt: skip
    assert got == BEFORE["descriptions"]
    reading = NQ08.reading
    assert {k: list(v) for k, v in reading.words.items()} == BEFORE["report_words"]
    assert list(reading.words) == list(BEFORE["report_words"])
    device = {k: list(v) for k, v in reading.option_words["ht_device"].items()}
    assert device == BEFORE["report_device_words"]
    assert [[w, list(p)] for w, p in reading.totals] == BEFORE["report_totals"]
    assert dict(reading.shares) == BEFORE["report_shares"]
    assert [list(s) for s in reading.spellings] == BEFORE["spellings"]


@pytest.mark.parametrize(
    ("module", "name", "table"),
    [
        ("catalogue", "ELEMENTS", "elements"),
        ("catalogue", "VALUE_CODES", "value_codes"),
        ("indicators", "INDICATORS", "indicators"),
        ("targets", "DEFAULT_TARGETS", "targets"),
        ("rules", "RULES", "rules"),
        ("descriptions", "DESCRIPTIONS", "descriptions"),
    ],
)
def test_the_old_module_tables_are_resolution_08s_from_its_file(module, name, table):
    found = getattr(importlib.import_module(f"cds_core.{module}"), name)
    assert found is getattr(NQ08, table)


def test_nq08_governs_every_quarter_everywhere_and_has_the_reports_layout():
    assert (NQ08.code, NQ08.valid_from, NQ08.valid_to, NQ08.scope) == ("NQ08", None, None, ())
    assert NQ08.layout == "nq08" and NQ08.extends is None
    assert NQ08.text == NQ08_FILE.read_text(encoding="utf-8")
