"""An officer entering a quarter at the keyboard in a real browser, counting every key and click.

This is the measure of issue 14 ("a quarter in less time than Word"): the seed's whole quarter
typed into the form the way a practised officer would, Tab from field to field, the mouse only
where the keyboard cannot go on (focus lost after a rerun, a table cell to start in). Each typed
character is one key; a narrative section is pasted from the Word file (Ctrl+V: one key).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Locator, Page

from cds_core.catalogue import (
    ELEMENTS,
    SECTIONS,
    VALUE_CODES,
    Kind,
    value_code_name,
)
from cds_core.interchange import parse_values
from cds_core.values import to_csv
from db.demo import SEED_VALUES

MAX_TABS = 30  # beyond this a person reaches for the mouse
SCRIPT_STATE = (
    "() => document.querySelector('[data-testid=stApp]').getAttribute('data-test-script-state')"
)


@dataclass(frozen=True)
class Entry:
    code: str
    text: str  # as typed
    comment: str


def seed_entries(org: str = "PHU_TAN") -> tuple[list[Entry], dict[tuple[str, str], str]]:
    """The seed's quarter in page order: the fields, and the device grid's cells by (type, col)."""
    records = {r.element: r for r in parse_values(SEED_VALUES.read_text(encoding="utf-8"))}
    fields, grid = [], {}
    for section in SECTIONS:
        for element in (e for e in ELEMENTS.values() if e.section == section.code):
            if element.categories:
                for code, record in records.items():
                    if VALUE_CODES[code].element is element:
                        grid[VALUE_CODES[code].options] = to_csv(VALUE_CODES[code], record.value)
            elif element.code in records:
                r = records[element.code]
                fields.append(Entry(r.element, to_csv(VALUE_CODES[r.element], r.value), r.comment))
    return fields, grid


class Officer:
    """Drives the page and counts: ``keys`` pressed (``tabs`` of them Tab), ``clicks`` made."""

    def __init__(self, page: Page, wait_idle: Callable[..., None]) -> None:
        self.page, self.wait_idle = page, wait_idle
        self.keys = self.clicks = self.tabs = 0
        self.dirty = False  # typed since the last commit: the next Tab or Enter reruns the page

    # -- counted actions --

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.keys += 1
        self.tabs += key == "Tab"
        if self.dirty and key in ("Tab", "Enter"):
            self.dirty = False
            self.settle()

    def type(self, text: str) -> None:
        # A person's pace: a grid cell opens its editor on the first key, which must not be lost.
        self.page.keyboard.type(text, delay=40)
        self.keys += len(text)
        self.dirty = True

    def paste(self, text: str) -> None:
        self.page.keyboard.insert_text(text)
        self.keys += 1
        self.dirty = True

    def click(self, target: Locator) -> None:
        if self.dirty:  # the click blurs the field being typed in: that commits it
            self.dirty = False
            target.click()
            self.settle()
        else:
            target.click()
        self.clicks += 1

    # -- navigation --

    def settle(self) -> None:
        self.page.wait_for_timeout(150)
        self.wait_idle(self.page)

    def focused(self, target: Locator) -> bool:
        return target.evaluate(
            "e => e === document.activeElement || e.contains(document.activeElement)"
        )

    def ahead(self, target: Locator) -> bool:
        """Focus is in the page's main part, before ``target``: Tab will get there."""
        return target.evaluate(
            """e => { const a = document.activeElement;
                if (!a || a === document.body || !a.closest('[data-testid=stMain]')) return false;
                return !!(a.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING); }"""
        )

    def reach(self, target: Locator) -> bool:
        """Tab to ``target``; click it when Tab cannot get there (then True)."""
        target.wait_for(state="visible")
        for _ in range(MAX_TABS):
            if self.focused(target) or not self.ahead(target):
                break
            self.page.evaluate("() => { window.__before_tab = document.activeElement; }")
            self.press("Tab")
            if self.page.evaluate("() => window.__before_tab === document.activeElement"):
                break  # a widget keeps Tab to itself (the table): the mouse it is
        if self.focused(target):
            return False
        self.click(target)
        return True


def label(code: str) -> str:
    """The field's accessible name on the form (a device cell: type — column)."""
    return value_code_name(VALUE_CODES[code])


def enter_quarter(officer: Officer, page: Page) -> None:
    """The form since issue 14: Tab from value to value, the figures first; then the comment
    boxes shown (one switch) for the comments no warning asked for; then save."""
    fields, grid = seed_entries()
    cells = {f"ht_device.{t}.{c}": text for (t, c), text in grid.items()}
    by_code = {e.code: e for e in fields} | {c: Entry(c, t, "") for c, t in cells.items()}
    officer.settle()
    later = []
    for code in (c for c in VALUE_CODES if c in by_code):  # the catalogue's order is the page's
        entry, field = by_code[code], page.get_by_label(label(code), exact=True)
        officer.reach(field)
        kind = VALUE_CODES[code].kind
        if kind is Kind.BOOL:
            officer.type(entry.text[0])  # "c" finds "có", "k" finds "không"
            officer.press("Enter")
        elif code.startswith("nar_"):
            officer.paste(entry.text)
        else:
            officer.type(entry.text)
        if entry.comment:
            later.append(entry)
    if officer.dirty:
        officer.press("Tab")
    officer.click(page.get_by_text("Hiện ô ghi chú cho mọi chỉ tiêu", exact=True))
    officer.settle()
    for entry in later:
        box = page.get_by_label(label(entry.code), exact=True).locator(
            "xpath=following::input[@aria-label='Ghi chú'][1]"
        )
        officer.reach(box)
        officer.type(entry.comment)
    if officer.dirty:
        officer.press("Tab")
    officer.click(page.get_by_role("button", name="Lưu nháp", exact=True))
    officer.settle()
