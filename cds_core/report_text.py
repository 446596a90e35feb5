"""A past report as text: the blocks of a ``.txt`` export, the marks a conversion leaves, the
report's spellings and Vietnamese numbers, and what the value side of a passage says."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from cds_core.catalogue import SPELLINGS


@dataclass(frozen=True)
class Line:
    """A paragraph (or one line of it); ``number`` is the file's line or paragraph number."""

    number: int
    text: str


@dataclass(frozen=True)
class Row:
    """A table row; the rows of one table share ``table``."""

    number: int
    cells: tuple[str, ...]
    table: int


Block = Line | Row


_CHECKED, _EMPTY = "☒", "☐"
_MARKUP = (
    (re.compile(r"<input[^>]*\bchecked\b[^>]*>", re.I), _CHECKED),
    (re.compile(r"<input[^>]*>", re.I), _EMPTY),
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),
    (re.compile(r"</?[a-zA-Z][^>]*>"), ""),
    (re.compile(r"\*+"), ""),
)


def clean_markup(text: str) -> str:
    """A line of a text export without its HTML and Markdown marks; checkboxes become ☒/☐."""
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    return text


def blocks_from_text(text: str) -> list[Block]:
    """The blocks of a ``.txt`` report: tab-separated lines are the rows of a table (blank
    lines do not end it), every other non-blank line a paragraph."""
    blocks: list[Block] = []
    table, in_table = 0, False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = clean_markup(raw)
        if not line.strip():
            continue
        if "\t" in line:
            if not in_table:
                table, in_table = table + 1, True
            blocks.append(Row(number, tuple(c.strip() for c in line.split("\t")), table))
        else:
            in_table = False
            blocks.append(Line(number, line.strip()))
    return blocks


# Old-style tone marks ("hoá", "thuỷ") read as the new style ("hóa", "thủy").
_A, _O, _E, _Y, _U = "àáảãạ", "òóỏõọ", "èéẻẽẹ", "ỳýỷỹỵ", "ùúủũụ"
_OLD_TONE = re.compile(r"(?<![q])([ou])([àáảãạèéẻẽẹỳýỷỹỵ])(?!\w)")


def _new_tone(m: re.Match) -> str:
    vowel, toned = m.group(1), m.group(2)
    if vowel == "o" and toned in _A:
        return _O[_A.index(toned)] + "a"
    if vowel == "o" and toned in _E:
        return _O[_E.index(toned)] + "e"
    if vowel == "u" and toned in _Y:
        return _U[_Y.index(toned)] + "y"
    return m.group(0)


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower().replace("\u00a0", " ")
    text = re.sub(r"[–—−]", "-", text)
    text = re.sub(r"\s+", " ", text).strip()
    return _OLD_TONE.sub(_new_tone, text)


_CANON = {_plain(v): _plain(forms[0]) for forms in SPELLINGS for v in forms[1:]}
_SPELLING = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(v) for v in sorted(_CANON, key=len, reverse=True)) + r")(?!\w)"
)


def normalize(text: str) -> str:
    """Lower case, one space, new-style tone marks and the catalogue's spellings, so that
    "Tỉ lệ … hs" and "tỷ lệ … hồ sơ" read alike."""
    text = _plain(text)
    for _ in range(2):  # a replaced form may complete a longer one ("cán bộ, công chức, …")
        text = _SPELLING.sub(lambda m: _CANON[m.group(1)], text)
    return text


NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"


def parse_number(text: str) -> float | None:
    """A number as Vietnamese writes it: ``1.096`` is 1096, ``12,5`` is 12.5, ``01`` is 1;
    anything else (``12.5``, ``1,2,3``) is ``None``."""
    m = re.fullmatch(NUM, text.strip())
    if m is None:
        return None
    return float(text.strip().replace(".", "").replace(",", "."))


# -- reading the value side of a passage ----------------------------------------------------

ABSENT, NUMBER, RATIO, PCT, YES, NO, LOST, TEXT, BAD = (
    "absent", "number", "ratio", "pct", "yes", "no", "lost", "text", "bad",
)  # fmt: skip
NUMERIC = (NUMBER, RATIO, PCT, BAD)


@dataclass(frozen=True)
class Reading:
    form: str
    n: float | None = None
    d: float | None = None
    stated: float | None = None  # "đạt p%" after the counts
    unit: str = ""  # the words right after the number


PLACEHOLDER = re.compile(r"^[.…_\-\s,;:]*$|^chưa có số liệu")
STATED = re.compile(rf"đạt\s*(?:tỷ lệ)?\s*:?\s*({NUM})\s*%")
_LEAD = re.compile(rf"^(?:đạt\s*(?:tỷ lệ)?\s*:?\s*)?({NUM})(?:\s*/\s*({NUM}))?(?![\d/])\s*(%?)")
_RANGE = re.compile(r"^\d[\d.,]*\s*-\s*\d")
_BOX = re.compile(r"([☒☑☐])\s*(có|không)|(có|không)\s*([☒☑☐])")


def read_value(raw: str) -> Reading:
    text = normalize(raw).strip()
    if PLACEHOLDER.match(text):
        return Reading(ABSENT)
    if any(box in text for box in "☒☑☐"):
        ticked = {m.group(2) or m.group(3) for m in _BOX.finditer(text) if "☐" not in m.group(0)}
        if len(ticked) == 1:
            return Reading(YES if ticked == {"có"} else NO)
        return Reading(LOST)
    m = re.match(r"(có|không)(?!\w)\s*(.*)$", text)
    if m:
        rest = m.group(2)
        if re.match(r"[/,]?\s*(có|không)(?!\w)", rest):
            return Reading(LOST)  # "có không": the ticked box was lost in the conversion
        if not rest or rest[0] in "(,.;-":
            return Reading(YES if m.group(1) == "có" else NO)
        return Reading(TEXT)
    if _RANGE.match(text):
        return Reading(BAD)
    m = _LEAD.match(text)
    if m is None:
        return Reading(BAD) if re.match(r"(đạt\s*)?\d", text) else Reading(TEXT)
    rest = text[m.end() :]
    if re.match(r"[.,]\d", rest):
        return Reading(BAD)  # "12.5", "1,2,3": not how Vietnamese writes a number
    n = parse_number(m.group(1))
    stated = STATED.search(rest)
    unit = re.split(r"[,;(]|\sđạt\s|\.\s|\.$", rest, maxsplit=1)[0].strip()
    common = {"stated": parse_number(stated.group(1)) if stated else None, "unit": unit}
    if m.group(3):
        return Reading(PCT, n, **common)
    if m.group(2) is not None:
        return Reading(RATIO, n, parse_number(m.group(2)), **common)
    return Reading(NUMBER, n, **common)


def text_value(raw: str) -> str:
    """A text element's value as written, without a trailing "." or "…" (an "etc.")."""
    text = re.sub(r"\s+", " ", raw).strip()
    return re.sub(r"[\s,;.…]*(\.\.\.|…)?[\s,;.]*$", "", text)
