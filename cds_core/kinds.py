"""What an org unit is within its tier — its *kind* — and what that makes it called.

The tier (``Level``: tỉnh, huyện, xã, ấp) decides levels, rollups and forms; the kind is what
people and documents call the unit: a commune-tier unit is a xã, a phường, a thị trấn or an
đặc khu, and a report of a phường is headed ỦY BAN NHÂN DÂN PHƯỜNG …. Without a kind, a unit
is called by its tier's own word (``default``). The words are the official Vietnamese ones,
with an English gloss for the interface's English switch.
"""

from __future__ import annotations

from enum import StrEnum

from cds_core.catalogue import Level
from cds_core.errors import CdsError


class UnitKind(StrEnum):
    TINH = "tinh"
    THANH_PHO = "thanh_pho"  # a centrally governed city (province tier) or a provincial city
    HUYEN = "huyen"
    QUAN = "quan"
    THI_XA = "thi_xa"
    XA = "xa"
    PHUONG = "phuong"
    THI_TRAN = "thi_tran"
    DAC_KHU = "dac_khu"
    AP = "ap"
    THON = "thon"
    KHU_PHO = "khu_pho"
    TO_DAN_PHO = "to_dan_pho"
    BAN = "ban"
    BUON = "buon"
    SOC = "soc"


K = UnitKind
# The kinds of each tier, its own word first (districts ended on 30 June 2025).
KINDS: dict[Level, tuple[UnitKind, ...]] = {
    Level.TINH: (K.TINH, K.THANH_PHO),
    Level.HUYEN: (K.HUYEN, K.QUAN, K.THI_XA, K.THANH_PHO),
    Level.XA: (K.XA, K.PHUONG, K.THI_TRAN, K.DAC_KHU),
    Level.AP: (K.AP, K.THON, K.KHU_PHO, K.TO_DAN_PHO, K.BAN, K.BUON, K.SOC),
}

# (Vietnamese, English): the Vietnamese word starts a unit's name ("Phường Mỹ Tho").
WORDS: dict[UnitKind, tuple[str, str]] = {
    K.TINH: ("Tỉnh", "Province"),
    K.THANH_PHO: ("Thành phố", "City"),
    K.HUYEN: ("Huyện", "District"),
    K.QUAN: ("Quận", "Urban district"),
    K.THI_XA: ("Thị xã", "Town"),
    K.XA: ("Xã", "Commune"),
    K.PHUONG: ("Phường", "Ward"),
    K.THI_TRAN: ("Thị trấn", "Township"),
    K.DAC_KHU: ("Đặc khu", "Special zone"),
    K.AP: ("Ấp", "Hamlet"),
    K.THON: ("Thôn", "Village"),
    K.KHU_PHO: ("Khu phố", "Neighbourhood"),
    K.TO_DAN_PHO: ("Tổ dân phố", "Residential group"),
    K.BAN: ("Bản", "Village (bản)"),
    K.BUON: ("Buôn", "Village (buôn)"),
    K.SOC: ("Sóc", "Village (sóc)"),
}


def default(level: str) -> str:
    """A tier's own word as a kind: a xã-tier unit with no kind is a xã."""
    return KINDS[Level(level)][0].value


def check(level: str, kind: str) -> str:
    """``kind`` if the tier has it; else :class:`CdsError` naming the tier's kinds."""
    allowed = KINDS[Level(level)]
    if kind not in allowed:
        raise CdsError("err_bad_kind", value=kind, kinds=", ".join(allowed))
    return kind


def word(kind: str, lang: str = "vi") -> str:
    """``Phường``, or ``Ward`` in English."""
    vi, en = WORDS[UnitKind(kind)]
    return en if lang == "en" else vi


def tier(kind: str) -> Level:
    return next(level for level, these in KINDS.items() if kind in these)


def _starts_with(name: str, kind: str) -> bool:
    w = word(kind)
    return name[: len(w)].casefold() == w.casefold() and name[len(w) : len(w) + 1] in ("", " ")


def stated(name: str, level: str) -> str | None:
    """The kind of ``level`` whose word starts ``name`` (``Thị xã Gò Công`` → thi_xa)."""
    found = [k for k in KINDS[Level(level)] if _starts_with(name, k)]
    return max(found, key=lambda k: len(word(k))).value if found else None


def of_name(name: str, level: str) -> str:
    """The kind an official name states by its first words, else the tier's own word."""
    return stated(name, level) or default(level)


def full_name(name: str, kind: str) -> str:
    """What the unit is called: ``Phường Mỹ Tho``, from a name that starts with a word of its
    tier (official lists write it) or from a bare one (a hand-made map may leave it to the
    kind)."""
    return name if stated(name, tier(kind)) else f"{word(kind)} {name}"


def bare_name(name: str, kind: str) -> str:
    """The name without the word for its kind: the địa danh of a report (``Mỹ Tho``)."""
    found = stated(name, tier(kind))
    return name[len(word(found)) :].strip() if found else name


def in_sentence(name: str, kind: str) -> str:
    """The unit inside a sentence: ``phường Mỹ Tho`` (its word in lower case, Decree 30)."""
    full = full_name(name, kind)
    w = word(stated(full, tier(kind)) or kind)
    return w.lower() + full[len(w) :]


def authority(name: str, kind: str) -> tuple[str, str]:
    """The issuing body's two lines on a report: ``ỦY BAN NHÂN DÂN`` / ``PHƯỜNG MỸ THO``."""
    return "ỦY BAN NHÂN DÂN", full_name(name, kind).upper()


def authority_short(name: str, kind: str) -> str:
    """The authority above a unit in one line: ``UBND TỈNH ĐỒNG THÁP``."""
    return f"UBND {full_name(name, kind).upper()}"
