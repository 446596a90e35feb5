"""What each data element means and where an officer finds its figure: the form's help.

A framework's file gives them (``description`` and ``where`` of each element), in both
languages; ``DESCRIPTIONS`` here are Resolution 08's. The sources name the register, software
or office a commune keeps the figure in, as the province's report outline and the seed report
(xã Phú Tân, Quý I/2024) use them.
"""

from __future__ import annotations

from dataclasses import dataclass

from cds_core.catalogue import Element, Kind, Time


@dataclass(frozen=True)
class Description:
    meaning_vi: str
    meaning_en: str
    source_vi: str
    source_en: str

    def meaning(self, lang: str = "vi") -> str:
        return self.meaning_vi if lang == "vi" else self.meaning_en

    def source(self, lang: str = "vi") -> str:
        return self.source_vi if lang == "vi" else self.source_en


def __getattr__(name: str):
    # Resolution 08's descriptions, for code not given a framework (see catalogue).
    if name == "DESCRIPTIONS":
        from cds_core.framework import nq08

        return nq08().descriptions
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# How an element's figure is taken in time; text elements and yes/no answers say nothing more.
_TIME_NOTE = {
    Time.FLOW: ("Tính riêng trong quý.", "Counted within the quarter."),
    Time.STOCK: ("Số tại cuối quý; quý sau bắt đầu từ số này.",
                 "As it stands at the end of the quarter; the next quarter starts from it."),
}  # fmt: skip


def time_note(element: Element, lang: str = "vi") -> str | None:
    """Whether a figure counts the quarter's events or the state at its end."""
    if element.kind in (Kind.TEXT, Kind.BOOL):
        return None
    vi, en = _TIME_NOTE[element.time]
    return vi if lang == "vi" else en
