"""The catalogue against its record in docs/catalogue.md, and the i18n catalogues."""

import re
from pathlib import Path

import pytest

from cds_core.catalogue import (
    DEVICE_COLUMNS,
    DEVICE_TYPES,
    ELEMENTS,
    SECTIONS,
    VALUE_CODES,
    Kind,
    Level,
    Time,
    value_code,
    value_code_name,
)
from cds_core.errors import CdsError
from texts import EN, VI, placeholders

SPEC = Path(__file__).resolve().parents[2] / "docs" / "catalogue.md"
CDS_CORE = Path(__file__).resolve().parents[2] / "cds_core"


def spec_rows() -> list[tuple[str, str, str, str]]:
    """(code, kind, time, level) of every table row in sections 1-6 of catalogue.md."""
    text = SPEC.read_text(encoding="utf-8")
    body = text[text.index("\n## 1.") : text.index("\n## 7.")]
    rows = []
    for line in body.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or cells[0] in ("code", "") or set(cells[0]) <= {"-"}:
            continue
        for code in cells[0].split(" / "):
            rows.append((code.strip("` "), cells[2], cells[3], cells[4]))
    return rows


SPEC_ROWS = spec_rows()


def test_spec_tables_were_read():
    codes = [code for code, *_ in SPEC_ROWS]
    assert len(codes) == len(set(codes)) >= 90
    assert {"at_backup_tape", "at_backup_das", "tcn_accounts_supported"} <= set(codes)


@pytest.mark.parametrize(("code", "kind", "time", "level"), SPEC_ROWS)
def test_every_spec_element_exists_with_its_kind_time_and_level(code, kind, time, level):
    element = ELEMENTS[code]
    assert (element.kind, element.time, element.level) == (Kind(kind), Time(time), Level(level))


def test_catalogue_has_no_element_the_spec_does_not_list():
    narrative = {e.code for e in ELEMENTS.values() if e.section == "narrative"}
    assert set(ELEMENTS) - narrative - {"ht_device"} == {code for code, *_ in SPEC_ROWS}


@pytest.mark.parametrize(
    "code",
    ["nar_leadership", "nar_digital_economy", "nar_digital_society", "nar_difficulties",
     "nar_next_quarter"],
)  # fmt: skip
def test_narrative_sections_of_section_7_are_text(code):
    assert ELEMENTS[code].kind is Kind.TEXT


SPEC_DEVICE_TYPES = [
    "server_dedicated", "server_assembled", "router", "switch", "desktop", "laptop", "printer",
    "camera", "projector", "ups", "scanner", "photocopier",
]  # fmt: skip
SPEC_DEVICE_COLUMNS = ["total", "over_5y", "broken", "new"]


def test_device_types_and_columns_follow_the_spec_in_order():
    assert [t for t, _, _ in DEVICE_TYPES] == SPEC_DEVICE_TYPES
    assert [c for c, _, _ in DEVICE_COLUMNS] == SPEC_DEVICE_COLUMNS
    assert ELEMENTS["ht_device"].categories == (
        tuple(SPEC_DEVICE_TYPES),
        tuple(SPEC_DEVICE_COLUMNS),
    )


@pytest.mark.parametrize("device", SPEC_DEVICE_TYPES)
@pytest.mark.parametrize("column", SPEC_DEVICE_COLUMNS)
def test_every_device_cell_is_an_enterable_count(device, column):
    vc = value_code(f"ht_device.{device}.{column}")
    assert vc.options == (device, column)
    element = vc.element
    assert (vc.kind, element.time, element.level) == (Kind.COUNT, Time.STOCK, Level.XA)
    assert " — " in value_code_name(vc) and " — " in value_code_name(vc, "en")


def test_device_table_has_48_cells_and_no_bare_code():
    assert len([c for c in VALUE_CODES if c.startswith("ht_device.")]) == 48
    with pytest.raises(CdsError):
        value_code("ht_device")
    with pytest.raises(CdsError):
        value_code("ht_device.desktop.missing")


@pytest.mark.parametrize("code", list(ELEMENTS))
def test_every_element_has_vietnamese_and_english_names(code):
    element = ELEMENTS[code]
    assert element.name_vi.strip()
    assert element.name_en.strip()
    assert element.section in {s.code for s in SECTIONS}


def test_every_section_has_names_and_elements():
    for section in SECTIONS:
        assert section.name_vi.strip() and section.name_en.strip()
        assert any(e.section == section.code for e in ELEMENTS.values())


def test_both_language_catalogues_have_the_same_keys():
    assert set(VI) == set(EN)


@pytest.mark.parametrize("key", sorted(VI))
def test_both_language_catalogues_have_the_same_placeholders(key):
    assert VI[key].strip() and EN[key].strip()
    assert placeholders(VI[key]) == placeholders(EN[key])


def _message_keys_used_in_cds_core() -> set[str]:
    keys = set()
    for path in CDS_CORE.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r'"((?:err|rule)_\w+)"', source))
    return keys


def test_every_message_key_cds_core_raises_is_translated():
    keys = _message_keys_used_in_cds_core()
    assert {"err_bad_period", "err_csv_line", "rule_part_whole"} <= keys
    assert keys - set(VI) == set()
