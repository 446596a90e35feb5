"""Figures of a commune's past quarterly report, read from its paragraphs and table rows.

Plain blocks in (``cds_core.report_text``), plain values out: which element each passage gives
(the catalogue's ``REPORT_WORDS``), every rate the report states checked against its own
counts, and what could not be read. Nothing is guessed: a blank,
"…" or unreadable figure is absent, and a figure given twice differently, a passage that
matches no element with confidence and a contradicted rate are reported as problems.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from cds_core import values as value_io
from cds_core.catalogue import (
    DEVICE_COLUMNS,
    DEVICE_TYPES,
    REPORT_DEVICE_WORDS,
    REPORT_SHARES,
    REPORT_TOTALS,
    REPORT_WORDS,
    VALUE_CODES,
    Kind,
)
from cds_core.errors import CdsError
from cds_core.indicators import INDICATORS, Indicator, Outcome, Term, compute
from cds_core.periods import ROMAN, Period
from cds_core.report_text import (
    ABSENT,
    BAD,
    LOST,
    NO,
    NUM,
    NUMBER,
    NUMERIC,
    PCT,
    PLACEHOLDER,
    RATIO,
    STATED,
    TEXT,
    YES,
    Block,
    Line,
    Reading,
    Row,
    normalize,
    parse_number,
    read_value,
    text_value,
)
from cds_core.rules import RULES, Violation, check, check_stated_rate

Value = float | str
UNKNOWN = "?"  # the code of a problem about a passage that matched no element


# -- what comes out ----------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    code: str  # value code, as in the values CSV
    value: Value
    line: int
    passage: str  # the sentence or row it came from


@dataclass(frozen=True)
class Problem:
    """Something a reviewer must look at; ``key`` and ``params`` make its message."""

    line: int
    code: str  # the value code it concerns, or UNKNOWN
    key: str
    params: Mapping[str, object] = field(default_factory=dict)
    violation: Violation | None = None  # for the rules' own messages


@dataclass(frozen=True)
class Extraction:
    period: Period
    figures: tuple[Figure, ...]
    problems: tuple[Problem, ...]

    def values(self) -> dict[str, Value]:
        return {f.code: f.value for f in self.figures}


# -- the catalogue's words, compiled once --------------------------------------------------


def _part(text: str) -> str:
    """One literal part of a phrase, bounded at word edges; "#" is a number, "#/#" a count
    of a whole."""
    out = ""
    for i, piece in enumerate(re.split(r"(#/#|#)", text)):
        if i % 2:
            out += rf"({NUM})\s*/\s*({NUM})" if piece == "#/#" else rf"({NUM})"
        else:
            out += re.escape(piece)
    start = r"(?<!\w)" if text[:1].isalnum() or text[:1] == "#" else ""
    end = r"(?!\w)" if text[-1:].isalnum() else r"(?![\d/])" if text[-1:] == "#" else ""
    return start + out + end


@dataclass(frozen=True)
class _Phrase:
    key: tuple[str, str]  # ("element" | "indicator" | "total" | "narrative", code)
    parts: tuple[str, ...]
    regex: re.Pattern
    score: int

    @classmethod
    def make(cls, key: tuple[str, str], text: str) -> _Phrase:
        parts = tuple(p.strip() for p in normalize(text).split("…") if p.strip())
        pieces = [_part(p) for p in parts]
        pattern = pieces[0]
        for i, piece in enumerate(pieces[1:], start=1):
            # The last gap is greedy: its part is taken where it last occurs, so a passage
            # read with its parent's words still ends in its own.
            pattern += (".*" if i == len(pieces) - 1 else ".*?") + piece
        literal = tuple(re.sub(r"#/#|#", " ", p).strip() for p in parts)
        return cls(key, literal, re.compile(pattern), sum(len(p) for p in parts))

    @property
    def anchor(self) -> str:
        """Its longest word: a text without it cannot match, which spares most searches."""
        return max(re.findall(r"\w+", " ".join(self.parts)) or [""], key=len)

    def search(self, text: str) -> re.Match | None:
        if not all(p in text for p in self.parts if p):
            return None
        return self.regex.search(text)


class _Index:
    """Phrases by their anchor word, so a text is tried only against phrases it could match."""

    def __init__(self, phrases: Sequence[_Phrase]) -> None:
        self.phrases = tuple(phrases)
        self.by_word: dict[str, list[_Phrase]] = {}
        for phrase in self.phrases:
            self.by_word.setdefault(phrase.anchor, []).append(phrase)

    def __iter__(self):
        return iter(self.phrases)

    def candidates(self, text: str) -> list[_Phrase]:
        words = set(re.findall(r"\w+", text)) | {""}
        return [p for w in words for p in self.by_word.get(w, ())]


def _split_words() -> tuple[list[_Phrase], list[_Phrase], list[tuple[str, str]], list[_Phrase]]:
    labels: list[_Phrase] = []
    patterns: list[_Phrase] = []
    statements: list[tuple[str, str]] = []
    headings: list[_Phrase] = []
    for code, words in REPORT_WORDS.items():
        kind = "indicator" if code in INDICATORS else "element"
        if kind == "element" and code not in VALUE_CODES:
            raise RuntimeError(f"REPORT_WORDS: unknown code {code}")
        narrative = kind == "element" and VALUE_CODES[code].element.section == "narrative"
        for word in words:
            if word.endswith("→ có"):
                statements.append((code, word.removesuffix("→ có").strip()))
            elif narrative:
                headings.append(_Phrase.make(("narrative", code), word))
            elif "#" in word:
                patterns.append(_Phrase.make((kind, code), word))
            else:
                labels.append(_Phrase.make((kind, code), word))
    for code, vc in VALUE_CODES.items():
        if not vc.options and vc.element.section != "narrative":
            labels.append(_Phrase.make(("element", code), vc.element.name_vi))
    labels += [_Phrase.make(("indicator", c), i.name_vi) for c, i in INDICATORS.items()]
    for i, (words, parts) in enumerate(REPORT_TOTALS):
        if any(p not in VALUE_CODES for p in parts):
            raise RuntimeError(f"REPORT_TOTALS: unknown part in {parts}")
        labels.append(_Phrase.make(("total", str(i)), words))
    return labels, patterns, statements, headings


_LABEL_LIST, _PATTERN_LIST, _STATEMENTS, _HEADING_LIST = _split_words()
_LABELS, _PATTERNS, _HEADINGS = _Index(_LABEL_LIST), _Index(_PATTERN_LIST), _Index(_HEADING_LIST)
_DEVICE_TYPES = [
    _Phrase.make(("type", code), word)
    for code, name, _ in DEVICE_TYPES
    for word in (name, *REPORT_DEVICE_WORDS.get(code, ()))
]
_DEVICE_COLUMNS = [
    _Phrase.make(("column", code), word)
    for code, name, _ in DEVICE_COLUMNS
    for word in (name, *REPORT_DEVICE_WORDS.get(code, ()))
]
_DEVICE_TYPES, _DEVICE_COLUMNS = _Index(_DEVICE_TYPES), _Index(_DEVICE_COLUMNS)
if set(REPORT_DEVICE_WORDS) - {c for c, _, _ in DEVICE_TYPES + DEVICE_COLUMNS}:
    raise RuntimeError("REPORT_DEVICE_WORDS: unknown device type or column")


# What a yes/no table's rows may name.
_ANSWERS = _Index([p for p in _LABEL_LIST if p.key[0] == "element"
                   and VALUE_CODES[p.key[1]].kind in (Kind.BOOL, Kind.TEXT)])  # fmt: skip


@lru_cache(maxsize=8)
def _statements(year: int) -> tuple[_Phrase, ...]:
    return tuple(
        _Phrase.make(("element", c), w.replace("{năm}", str(year))) for c, w in _STATEMENTS
    )


def _positive(terms: tuple[Term, ...]) -> list[str]:
    return [code for code, sign in terms if sign > 0]


def _pairs() -> set[tuple[str, str]]:
    """(part, whole) of every indicator and part-whole rule: what "A/B" in a label may be."""
    pairs = set(REPORT_SHARES.items())
    sides = [(i.numerator, i.denominator) for i in INDICATORS.values() if i.denominator]
    sides += [(r.left, r.right) for r in RULES if not r.equal]
    for left, right in sides:
        pairs |= {(a, b) for a in _positive(left) for b in _positive(right)}
    return pairs


_PAIRS = _pairs()
for _part_code, _whole in REPORT_SHARES.items():
    if _part_code not in VALUE_CODES or _whole not in VALUE_CODES:
        raise RuntimeError(f"REPORT_SHARES: unknown code in {_part_code}/{_whole}")


def _sole_indicator(code: str) -> Indicator | None:
    """The one indicator whose numerator is exactly ``code``: what its "n/d" divides by."""
    found = [i for i in INDICATORS.values() if i.denominator and i.numerator == ((code, 1),)]
    return found[0] if len(found) == 1 else None


_ADHOC = Indicator("", "", "", (("n", 1),), (("d", 1),), "")

# -- the outline: where the body starts and ends, headings, what is not a figure -----------

_PERIOD = re.compile(r"qu[yý]\s+(iv|iii|ii|i|[1-4])\s*(?:/|năm|-)\s*(\d{4})")
_CLOSING = re.compile(r"^(trên đây là báo cáo|nơi nhận|noi nhận|phụ lục)")
_HEADING = re.compile(r"^(phần thứ \S+|[ivx]+\.|\d+(?:\.\d+)*\.?)(?:\s|$)")
_BULLET = re.compile(r"^\s*([-+•–]\s*)?([a-zđ]\)\s*)?")
_TARGET_NOTE = re.compile(r"\(\s*mục tiêu[^()]*\)", re.I)
_ASSESSMENT = re.compile(r";\s*đánh giá\s*:.*$", re.I)
_VALUE_FIRST = re.compile(rf"^(?:có|gồm|tổng cộng)?\s*({NUM})(?:\s*/\s*({NUM}))?\s+(?!%)(\D.*)$")
_LABEL_END = re.compile(r",\s*đạt|\sđạt\s|;|\(|\.$")
_UNREAD_NUMBER = re.compile(
    r"(?<![\w/.,%-])(?<!số )(?<!năm )(?<!ngày )(?<!tháng )(?<!quý )(?<!độ )"
    rf"({NUM})(?![\w/%-]|[.,]\d)"
)
_TOP_BULLETS = ("-", "•", "–")
_NOT_DONE = ("chưa thực hiện", "chưa triển khai")
# Sections that look ahead or complain: their sentences are narrative, never figures.
_PLANS = ("nar_difficulties", "nar_next_quarter")
_MARKED = {"x", "☒", "☑", "✓", "✔", "v", "có", "+"}


def title_period(blocks: Sequence[Block], within: int = 40) -> tuple[Period | None, int]:
    """The quarter the title names ("… trong Quý I/2024") and the index of the block after it."""
    for i, block in enumerate(blocks[:within]):
        if isinstance(block, Line) and (m := _PERIOD.search(normalize(block.text))):
            quarter = m.group(1)
            q = int(quarter) if quarter.isdigit() else ROMAN.index(quarter.upper()) + 1
            return Period(int(m.group(2)), q), i + 1
    return None, 0


def _split_clauses(text: str) -> tuple[str, list[str]]:
    """The passage without its parenthesised "label: value; label: value" lists, and those."""
    clauses: list[str] = []
    out, depth, start = "", 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                inner = text[start + 1 : i]
                if ":" in inner and re.search(r"\d", inner):
                    clauses += [c for c in inner.split(";") if c.strip()]
                else:
                    out += text[start : i + 1]
        elif depth == 0:
            out += ch
    if depth:
        out += text[start:]
    return out, clauses


def _separations(text: str) -> list[tuple[str, str]]:
    """Where the label may end: the first ":" (a text's label), then the first ":" or " là "
    that a figure, a placeholder or a yes/no follows."""
    cuts = [(m.start(), m.end()) for m in re.finditer(r":|\slà\s", text)]
    depth, outside = 0, []
    for ch in text:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        outside.append(depth == 0)
    cuts = [(a, b) for a, b in cuts if outside[a]]
    found: list[tuple[str, str]] = []
    colons = [(a, b) for a, b in cuts if text[a] == ":"]
    if colons:
        a, b = colons[0]
        found.append((text[:a], text[b:]))
    for a, b in cuts:
        if read_value(text[b:]).form != TEXT:
            if (text[:a], text[b:]) not in found:
                found.append((text[:a], text[b:]))
            break
    return found


def _is_text(kind: str, code: str) -> bool:
    return kind == "element" and VALUE_CODES[code].kind is Kind.TEXT


def _marked(cell: str) -> bool:
    cell = normalize(cell)
    return cell in _MARKED or "☒" in cell or "☑" in cell


# -- the reader ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    kind: str  # "element", "indicator", "pair", "total"
    code: str  # value code, indicator code, the pair's part, or the total's index
    other: str = ""  # the pair's whole


class _Reader:
    """Walks the blocks once, keeping what each passage gave; :meth:`finish` decides."""

    def __init__(self, period: Period) -> None:
        self.period = period
        self.found: list[tuple[str, Value, int, str]] = []
        self.problems: list[Problem] = []
        self.stated: list[tuple[int, str, tuple[str, str], float]] = []  # rates without counts
        self.totals: list[tuple[int, int, float]] = []
        self.sides: list[tuple[int, str, tuple[Term, ...], float, str]] = []
        self.mentions: list[tuple[int, str, str]] = []
        self.narratives: dict[str, tuple[int, str, list[str]]] = {}
        self.narrative: str | None = None
        self.parent = ""

    # bookkeeping
    def problem(self, line: int, code: str, key: str, **params: object) -> None:
        self.problems.append(Problem(line, code, key, params))

    def violation(self, line: int, v: Violation) -> None:
        self.problems.append(Problem(line, v.elements[0], v.key, v.params, v))

    def put(self, code: str, value: Value, line: int, passage: str) -> bool:
        vc = VALUE_CODES[code]
        raw = value if isinstance(value, str) else value_io.to_csv(vc, value)
        try:
            parsed = value_io.parse(vc, raw)
        except CdsError as exc:
            self.problem(line, code, exc.key, **exc.params)
            return True
        if parsed is not None:
            self.found.append((code, parsed, line, passage))
        return True

    # which element a label names
    def best(self, text: str, phrases: _Index, own_from: int = 0) -> set[tuple]:
        score, keys = 0, set()
        for phrase in phrases.candidates(text):
            m = phrase.search(text)
            if m is None or m.end() <= own_from:
                continue
            if phrase.score > score:
                score, keys = phrase.score, {phrase.key}
            elif phrase.score == score:
                keys.add(phrase.key)
        if len(keys) > 1:
            # An indicator and its own numerator element say the same thing.
            numerators = {INDICATORS[c].numerator[0][0] for k, c in keys if k == "indicator"}
            keys = {k for k in keys if not (k[0] == "element" and k[1] in numerators)}
        return keys

    def target(self, label: str, unit: str, line: int, child: bool = False) -> _Target | None | str:
        """The target of a label, ``None`` when nothing matches, or "ambiguous"; a ``child``
        line ("+ …", or none under a "- …" one) may lean on its parent's words."""
        text = f"{label} {unit}".strip()
        for cut in (m.start() for m in re.finditer("/", label)):
            left = self.best(label[:cut], _LABELS)
            right = self.best(f"{label[cut + 1 :]} {unit}", _LABELS)
            if len(left) == len(right) == 1:
                (lk, lc), (rk, rc) = next(iter(left)), next(iter(right))
                if lk == rk == "element" and (lc, rc) in _PAIRS:
                    return _Target("pair", lc, rc)
        keys = self.best(text, _LABELS)
        if not keys and child and self.parent:
            keys = self.best(f"{self.parent} | {text}", _LABELS, len(self.parent) + 3)
        if len(keys) > 1:
            codes = sorted(c for _, c in keys)
            self.problem(line, codes[0], "ext_ambiguous", codes=", ".join(codes))
            return "ambiguous"
        if not keys:
            return None
        kind, code = next(iter(keys))
        return _Target(kind, code)

    # one line of text
    def line(self, block: Line, following: Block | None) -> bool:
        """Read a paragraph; True when it also consumed ``following`` (its value)."""
        raw = block.text
        norm = normalize(raw)
        capitals = any(c.isalpha() for c in raw) and raw == raw.upper()
        if (_HEADING.match(norm) or capitals) and not any(
            read_value(v).form in NUMERIC for _, v in _separations(raw)
        ):
            self.heading(norm, block)
            return False
        if self.narrative in _PLANS:
            self.narratives[self.narrative][2].append(raw)
            return False
        bullet = _BULLET.match(raw)
        text = _ASSESSMENT.sub("", _TARGET_NOTE.sub("", raw[bullet.end() :]))
        raw = re.sub(r"^\s*[-+•–]\s*", "", raw)  # the passage as a comment, without its dash
        main, clauses = _split_clauses(text)
        for clause in clauses:
            for label, value in _separations(clause)[-1:]:
                reading = read_value(value)
                target = self.target(normalize(label), reading.unit, block.number)
                if isinstance(target, _Target):
                    self.bind(target, reading, value, block.number, raw)
        consumed, item, label = False, False, ""
        sibling = bool(bullet.group(2)) or (bullet.group(1) or "").strip() in _TOP_BULLETS
        separations = _separations(main)
        if separations:
            label, value = separations[-1]
            first = self.best(normalize(separations[0][0]), _LABELS)
            if len(first) == 1 and _is_text(*next(iter(first))):
                label, value = separations[0]  # a text runs on past any later ":"
            bare = isinstance(following, Line) and ":" not in following.text
            if not value.strip() and bare and read_value(following.text).form not in (ABSENT, TEXT):
                value, consumed = following.text, True
            reading = read_value(value)
            label = normalize(label)
            target = self.target(label, reading.unit, block.number, child=not sibling)
            if isinstance(target, _Target):
                self.bind(target, reading, value, block.number, raw)
                # A figure line, even a blank one ("…"), is no part of a section's narrative.
                item = reading.form != TEXT or _is_text(target.kind, target.code)
            elif target is None and reading.form in NUMERIC and not self.narrative:
                self.problem(block.number, UNKNOWN, "ext_unmatched", text=raw.strip())
        else:
            self.prose(normalize(main), block.number, raw)
        if self.narrative and not item:
            self.narratives[self.narrative][2].append(raw)
        if sibling:
            # Lines under this one ("+ …", or none) may name only what differs from it.
            self.parent = label or normalize(main)
        return consumed

    def heading(self, norm: str, block: Line) -> None:
        self.parent = ""
        keys = self.best(_HEADING.sub("", norm), _HEADINGS)
        if len(keys) == 1:
            self.narrative = next(iter(keys))[1]
            self.narratives.setdefault(self.narrative, (block.number, block.text, []))
        elif _HEADING.match(norm) or self.narrative in _PLANS:
            self.narrative = None

    def prose(self, text: str, line: int, passage: str) -> bool:
        """A sentence: figures where a phrase puts a "#", one that opens it ("Có 21/22 cán
        bộ…"), statements that answer a yes/no; what it names but does not give is noted."""
        read_here: set[str] = set()
        rest = text
        for phrase in _PATTERNS.candidates(text):
            m = phrase.search(text)
            if m is None:
                continue
            numbers = [g for g in m.groups() if g is not None]
            form = RATIO if len(numbers) == 2 else NUMBER
            reading = Reading(form, *(parse_number(g) for g in numbers[:2]))
            self.bind(_Target(*phrase.key), reading, "", line, passage)
            read_here.add(phrase.key[1])
            rest = rest.replace(m.group(0), " ")
        m = _VALUE_FIRST.match(text)
        if m:
            label = _LABEL_END.split(m.group(3), maxsplit=1)[0].strip()
            target = self.target(label, "", line)
            if target is None and m.group(2) and not self.narrative:
                self.problem(line, UNKNOWN, "ext_unmatched", text=passage.strip())
            if isinstance(target, _Target):
                stated = STATED.search(m.group(3))
                n = parse_number(m.group(1))
                d = parse_number(m.group(2)) if m.group(2) else None
                reading = Reading(RATIO if d is not None else NUMBER, n, d,
                                   parse_number(stated.group(1)) if stated else None)  # fmt: skip
                self.bind(target, reading, "", line, passage)
                read_here.add(target.code)
                rest = rest.replace(m.group(1), " ", 1)
        for phrase in _statements(self.period.year):
            if phrase.search(text):
                self.put(phrase.key[1], 1.0, line, passage)
                read_here.add(phrase.key[1])
        not_done = any(cue in text for cue in _NOT_DONE)
        if not_done or _UNREAD_NUMBER.search(rest):
            key = "ext_not_done" if not_done else "ext_mentioned"
            for phrase in _LABELS.candidates(text):
                kind, code = phrase.key
                if kind == "indicator":
                    code = INDICATORS[code].numerator[0][0]
                if kind != "total" and code not in read_here and phrase.search(text):
                    self.mentions.append((line, code, key))
        return bool(read_here)

    # giving a reading to a target
    def bind(self, target: _Target, r: Reading, raw: str, line: int, passage: str) -> bool:
        if target.kind == "total":
            if r.form == NUMBER:
                self.totals.append((line, int(target.code), r.n))
            return r.form == NUMBER
        if target.kind == "pair":
            return self.bind_pair(target.code, target.other, r, raw, line, passage)
        if target.kind == "indicator":
            return self.bind_indicator(INDICATORS[target.code], r, raw, line, passage)
        code = target.code
        kind = VALUE_CODES[code].kind
        if r.form == ABSENT:
            return False
        if kind is Kind.TEXT:
            return self.put(code, text_value(raw), line, passage) if raw.strip() else False
        if kind is Kind.BOOL:
            if r.form == LOST:
                self.problem(line, code, "ext_checkbox_lost", text=raw.strip())
                return True
            if r.form in (YES, NO):
                return self.put(code, 1.0 if r.form == YES else 0.0, line, passage)
            if r.form in NUMERIC:
                self.problem(line, code, "ext_unreadable", text=raw.strip())
                return True
            return False
        if r.form in (BAD, YES, NO, LOST, TEXT):
            self.problem(line, code, "ext_unreadable", text=raw.strip())
            return True
        if kind is Kind.PCT:
            if r.form in (NUMBER, PCT):
                return self.put(code, r.n, line, passage)
            if r.form == RATIO and r.stated is not None:
                return self.put(code, r.stated, line, passage)
            return False
        indicator = _sole_indicator(code)
        if r.form == PCT:
            if indicator is not None:
                self.stated.append((line, code, ("indicator", indicator.code), r.n))
            return indicator is not None
        if r.form not in (NUMBER, RATIO):
            return False
        millions = "triệu đồng" in normalize(VALUE_CODES[code].element.name_vi)
        if millions and r.n and r.unit.startswith("đồng"):
            self.problem(line, code, "ext_unit", text=raw.strip())
            return True
        self.put(code, r.n, line, passage)
        if r.form == RATIO:
            whole = REPORT_SHARES.get(code)
            if whole is None and indicator is not None:
                denominator = indicator.denominator
                if len(denominator) == 1:
                    whole = denominator[0][0]
                else:
                    self.sides.append((line, code, denominator, r.d, passage))
            if whole is not None:
                self.put(whole, r.d, line, passage)
            self.check_stated(r, (code, whole or ""), line)
        return True

    def bind_pair(
        self, part: str, whole: str, r: Reading, raw: str, line: int, passage: str
    ) -> bool:
        if r.form == PCT:
            self.stated.append((line, part, ("pair", whole), r.n))
            return True
        if r.form in (NUMBER, RATIO):
            self.put(part, r.n, line, passage)
            if r.form == RATIO:
                self.put(whole, r.d, line, passage)
                self.check_stated(r, (part, whole), line)
            return True
        return self.bind(_Target("element", part), r, raw, line, passage)

    def bind_indicator(self, ind: Indicator, r: Reading, raw: str, line: int, passage: str) -> bool:
        numerator = ind.numerator[0][0]
        if ind.denominator is None:
            if r.form in (NUMBER, PCT):
                return self.put(numerator, r.n, line, passage)
            return False
        if r.form == PCT:
            self.stated.append((line, numerator, ("indicator", ind.code), r.n))
            return True
        if r.form not in (NUMBER, RATIO):
            return self.bind(_Target("element", numerator), r, raw, line, passage)
        for terms, figure in ((ind.numerator, r.n), (ind.denominator, r.d)):
            if figure is None:
                continue
            if len(terms) == 1:
                self.put(terms[0][0], figure, line, passage)
            else:
                self.sides.append((line, numerator, terms, figure, passage))
        if r.form == RATIO:
            self.check_stated(r, ind.elements, line)
        return True

    def check_stated(self, r: Reading, codes: tuple[str, ...], line: int) -> None:
        if r.stated is None:
            return
        value = compute(_ADHOC, {"n": r.n, "d": r.d})
        codes = tuple(c for c in codes if c)
        zero = value.outcome is Outcome.NOT_APPLICABLE
        v = check_stated_rate(codes[0], r.stated, value.rate, elements=codes, zero_denominator=zero)
        if v is not None:
            self.violation(line, v)

    # tables
    def table(self, rows: list[Row]) -> None:
        norm = [[normalize(c) for c in row.cells] for row in rows]
        if self.device_table(rows, norm) or self.yes_no_table(rows, norm):
            return
        for row in rows:
            cells = [c for c in row.cells if c.strip()]
            if len(cells) > 1 and re.fullmatch(r"\d{1,3}\.?", cells[0]):
                cells = cells[1:]  # the row's number
            text = f"{cells[0]}: {' '.join(cells[1:])}" if len(cells) > 1 else "".join(cells)
            if text:
                self.line(Line(row.number, text), None)

    def device_table(self, rows: list[Row], norm: list[list[str]]) -> bool:
        types = [self.best(" | ".join(cells), _DEVICE_TYPES) for cells in norm]
        first = next((i for i, t in enumerate(types) if len(t) == 1), None)
        if not first:
            return False
        width = max(len(cells) for cells in norm)
        columns: dict[int, str] = {}
        for j in range(width):
            heading = " ".join(cells[j] for cells in norm[:first] if j < len(cells))
            found = self.best(heading, _DEVICE_COLUMNS)
            if len(found) == 1:
                columns[j] = next(iter(found))[1]
        if len(set(columns.values())) < 2 or len(set(columns.values())) < len(columns):
            return False
        for row, cells, found in zip(rows[first:], norm[first:], types[first:], strict=True):
            if len(found) != 1:
                if any(read_value(c).form in NUMERIC for c in cells):
                    self.problem(row.number, UNKNOWN, "ext_unmatched", text=" | ".join(row.cells))
                continue
            device = next(iter(found))[1]
            passage = " | ".join(c for c in row.cells if c.strip())
            for j, column in columns.items():
                cell = row.cells[j] if j < len(row.cells) else ""
                code = f"ht_device.{device}.{column}"
                reading = read_value(cell)
                if reading.form == NUMBER:
                    self.put(code, reading.n, row.number, passage)
                elif reading.form != ABSENT:
                    self.problem(row.number, code, "ext_unreadable", text=cell.strip())
        return True

    def yes_no_table(self, rows: list[Row], norm: list[list[str]]) -> bool:
        header = next((i for i, cells in enumerate(norm) if "có" in cells and "không" in cells),
                      None)  # fmt: skip
        if header is None:
            return False
        yes, no = norm[header].index("có"), norm[header].index("không")
        answers = _ANSWERS
        for row, cells in zip(rows[header + 1 :], norm[header + 1 :], strict=True):
            labels = [(j, c) for j, c in enumerate(row.cells) if j not in (yes, no)
                      and re.search(r"[^\W\d]", c)]  # fmt: skip
            if not labels:
                continue
            j, label = labels[0]
            found = self.best(normalize(label.split(":")[0]), answers)
            if len(found) != 1:
                continue
            code = next(iter(found))[1]
            passage = " | ".join(c for c in row.cells if c.strip())
            if VALUE_CODES[code].kind is Kind.TEXT:
                if ":" in label and text_value(label.split(":", 1)[1]):
                    self.put(code, text_value(label.split(":", 1)[1]), row.number, passage)
                continue
            ticks = [_marked(cells[k]) if k < len(cells) else False for k in (yes, no)]
            if ticks == [True, True]:
                self.problem(row.number, code, "ext_checkbox_lost", text=passage)
            elif any(ticks):
                self.put(code, 1.0 if ticks[0] else 0.0, row.number, passage)
        return True

    # the whole report
    def read(self, blocks: Sequence[Block]) -> None:
        i = 0
        while i < len(blocks):
            block = blocks[i]
            if isinstance(block, Row):
                j = i
                while j < len(blocks) and isinstance(blocks[j], Row):
                    if blocks[j].table != block.table:
                        break
                    j += 1
                self.table(list(blocks[i:j]))
                i = j
                continue
            if _CLOSING.match(normalize(block.text)):
                break
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            i += 2 if self.line(block, following) else 1

    def finish(self) -> Extraction:
        for code, (line, heading, lines) in self.narratives.items():
            text = "\n\n".join(t.strip() for t in lines if t.strip())
            if text and not PLACEHOLDER.match(normalize(text)):
                self.put(code, text, line, heading)
        figures = self.merge()
        values: dict[str, Value] = {c: f.value for c, f in figures.items()}
        solved = self.solve(values)
        if solved:
            figures = self.merge()
            values = {c: f.value for c, f in figures.items()}
        self.checks(values, figures)
        named = {p.code for p in self.problems}
        missing = {}
        for line, code, key in self.mentions:
            if code not in values and code not in named:
                missing.setdefault(code, (line, key))
        for code, (line, key) in missing.items():
            self.problem(line, code, key)
        ordered = sorted(figures.values(), key=lambda f: (f.line, f.code))
        unique = {(p.line, p.code, p.key, repr(sorted(p.params.items()))): p for p in self.problems}
        problems = sorted(unique.values(), key=lambda p: (p.line, p.code, p.key))
        return Extraction(self.period, tuple(ordered), tuple(problems))

    def merge(self) -> dict[str, Figure]:
        """One figure per code; a code given different values gets none, and a problem."""
        figures: dict[str, Figure] = {}
        seen: dict[str, tuple[Value, int]] = {}
        clashing: set[str] = set()
        for code, value, line, passage in self.found:
            if code in seen and seen[code][0] != value and code not in clashing:
                clashing.add(code)
                first, first_line = seen[code]
                shown = {k: value_io.to_csv(VALUE_CODES[code], v) for k, v in
                         (("first", first), ("second", value))}  # fmt: skip
                self.problem(line, code, "ext_conflict", first_line=first_line,
                             second_line=line, **shown)  # fmt: skip
            seen.setdefault(code, (value, line))
            figures.setdefault(code, Figure(code, value, line, passage))
        return {c: f for c, f in figures.items() if c not in clashing}

    def solve(self, values: Mapping[str, Value]) -> bool:
        """Counts a rate's whole leaves out ("trừ văn bản mật"): total minus the stated whole.

        Only the one subtracted term is solved for, and only when every other term is known;
        any other side with several terms is checked against its parts in :meth:`checks`.
        """
        added = False
        for line, _, terms, figure, passage in self.sides:
            unknown = [(c, s) for c, s in terms if c not in values]
            if len(unknown) != 1 or unknown[0][1] > 0:
                continue
            known = sum(s * float(values[c]) for c, s in terms if c in values)
            solved = known - figure
            if solved >= 0 and float(solved).is_integer():
                self.found.append((unknown[0][0], solved, line, passage))
                added = True
        return added

    def checks(self, values: dict[str, Value], figures: Mapping[str, Figure]) -> None:
        numbers = {c: v for c, v in values.items() if isinstance(v, float)}
        for line, code, terms, figure, _ in self.sides:
            if all(c in numbers for c, _ in terms):
                total = sum(s * numbers[c] for c, s in terms)
                if total != figure:
                    self.problem(line, code, "ext_total", stated=figure, computed=total)
        for line, index, figure in self.totals:
            parts = REPORT_TOTALS[index][1]
            if all(p in numbers for p in parts) and sum(numbers[p] for p in parts) != figure:
                total = sum(numbers[p] for p in parts)
                self.problem(line, parts[0], "ext_total", stated=figure, computed=total)
        for line, code, (kind, ref), stated in self.stated:
            if kind == "indicator":
                ind = INDICATORS[ref]
            else:
                ind = Indicator(code, "", "", ((code, 1),), ((ref, 1),), "")
            value = compute(ind, numbers)
            zero = value.outcome is Outcome.NOT_APPLICABLE
            if value.outcome is not Outcome.NO_DATA:
                v = check_stated_rate(ind.code, stated, value.rate, elements=ind.elements,
                                      zero_denominator=zero)  # fmt: skip
                if v is not None:
                    self.violation(line, v)
        for v in check(numbers):
            lines = [figures[c].line for c in v.elements if c in figures]
            self.violation(lines[0] if lines else 0, v)
        for ind in INDICATORS.values():
            # A whole shared by many rates (all procedures, all staff) says nothing of a
            # rate's part: only a rate whose part the report gives is missing the rest.
            have = [c for c in ind.elements if c in numbers]
            if any(c in numbers for c, _ in ind.numerator):
                line = min(figures[c].line for c in have)
                for code in ind.elements:
                    if code not in numbers and not code.startswith("ht_device."):
                        self.problem(line, code, "ext_missing", indicator=ind.name_vi)


def extract(blocks: Sequence[Block], period: Period | None = None) -> Extraction:
    """Every figure of a report and every problem with it.

    The quarter is the title's ("… trong Quý I/2024") unless ``period`` is given; a ``period``
    that contradicts the title, a report with neither, and a file that gives no figure at all
    raise :class:`CdsError`.
    """
    titled, start = title_period(blocks)
    if period is not None and titled is not None and period != titled:
        raise CdsError("err_extract_period", given=period.label(), title=titled.label())
    chosen = period or titled
    if chosen is None:
        raise CdsError("err_extract_no_period")
    reader = _Reader(chosen)
    reader.read(blocks[start:])
    result = reader.finish()
    if not result.figures:
        raise CdsError("err_not_a_report")
    return result
