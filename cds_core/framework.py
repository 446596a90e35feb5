"""Frameworks: what a commune reports — sections, data elements, indicators and their formulas,
targets and consistency rules — in the quarters and places a framework governs; built from its
file over the framework it extends, and which of several governs a unit's quarter.

Codes are shared across frameworks: an element or indicator that a later framework keeps (by
``extends``) keeps its code and its meaning, so its series runs across frameworks; a framework
may rename it, describe it, set it a new target, or drop it, never make it count something else.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from cds_core.catalogue import (
    Category,
    Element,
    Kind,
    Level,
    Option,
    Section,
    Time,
    ValueCode,
    expand,
)
from cds_core.descriptions import Description
from cds_core.errors import CdsError
from cds_core.framework_file import HERE, Declared, FrameworkError, Problem, read
from cds_core.indicators import Indicator, Term
from cds_core.periods import Period
from cds_core.rules import Rule, Severity
from cds_core.targets import Comparator, Target

NQ08_CODE = "NQ08"
NQ08_FILE = HERE / "nq08.yaml"
# A count or number whose file gives no maximum: a quarter's worth of people or dossiers.
DEFAULT_MAXIMUM = 1_000_000.0
_KIND_MAXIMUM = {Kind.PCT: 100.0, Kind.BOOL: 1.0}
LAYOUTS = ("nq08",)  # report layouts the code knows; any other framework gets the generic one


@dataclass(frozen=True)
class Source:
    """A document a target cites; ``verified`` False where it could not be read in full (its
    targets are shown as proposed), ``norm`` for a commune norm that cites no document."""

    code: str
    title: str
    url: str = ""
    verified: bool = True
    norm: bool = False


@dataclass(frozen=True)
class Pillar:
    """A heading the scorecard groups indicators under."""

    code: str
    name_vi: str
    name_en: str

    def name(self, lang: str = "vi") -> str:
        return self.name_vi if lang == "vi" else self.name_en


@dataclass(frozen=True)
class Reading:
    """How the province's past reports word things (``extract-report``): phrases per value
    code, words per category option (by element), printed totals of parts, what an element's
    "n/d" divides by, and words spelt several ways."""

    words: Mapping[str, tuple[str, ...]]
    option_words: Mapping[str, Mapping[str, tuple[str, ...]]]
    totals: tuple[tuple[str, tuple[str, ...]], ...]
    shares: Mapping[str, str]
    spellings: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, eq=False)
class Framework:
    """One framework as it governs: its own entries and everything it takes from the one it
    extends (``origin`` says which framework declared each code)."""

    code: str
    name_vi: str
    name_en: str
    valid_from: Period | None  # None: every quarter before
    valid_to: Period | None  # None: open-ended
    scope: tuple[str, ...]  # org-unit codes whose subtrees it governs; () everywhere
    extends: str | None
    drop: tuple[str, ...]
    document: str  # what the report says it reports on
    layout: str | None  # a report layout the code knows (``LAYOUTS``), or the generic one
    sources: Mapping[str, Source]
    pillars: Mapping[str, Pillar]
    sections: tuple[Section, ...]
    elements: Mapping[str, Element]
    value_codes: Mapping[str, ValueCode]
    indicators: Mapping[str, Indicator]
    targets: tuple[Target, ...]
    rules: tuple[Rule, ...]
    descriptions: Mapping[str, Description]
    reading: Reading
    origin: Mapping[str, str]
    lineage: tuple[str, ...]  # its own code, then each framework it extends, outward
    text: str  # the file as it was read
    digest: str

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Framework) and (self.code, self.digest) == (
            other.code,
            other.digest,
        )

    def __hash__(self) -> int:
        return hash((self.code, self.digest))

    def __repr__(self) -> str:
        return f"Framework({self.code}, {self.quarters()})"

    def name(self, lang: str = "vi") -> str:
        return self.name_vi if lang == "vi" else self.name_en

    def quarters(self) -> str:
        """``2026Q1–`` or ``–2025Q4``: the quarters it governs, as the command line prints."""
        start = self.valid_from.code if self.valid_from else ""
        end = self.valid_to.code if self.valid_to else ""
        return f"{start}–{end}"

    def covers(self, period: Period) -> bool:
        """Whether ``period`` lies within the framework's quarters."""
        return (self.valid_from is None or self.valid_from <= period) and (
            self.valid_to is None or period <= self.valid_to
        )

    @property
    def largest(self) -> float:
        """No element allows more: a stored value above it predates the bounds."""
        return max(e.maximum for e in self.elements.values() if e.maximum is not None)

    @property
    def rules_by_id(self) -> dict[str, Rule]:
        return _rules_by_id(self)

    def value_code(self, code: str) -> ValueCode:
        try:
            return self.value_codes[code]
        except KeyError:
            raise CdsError("err_unknown_element", code=code) from None

    def section_elements(self, section: str) -> list[Element]:
        return [e for e in self.elements.values() if e.section == section]

    def pillar_name(self, code: str, lang: str = "vi") -> str:
        pillar = self.pillars.get(code)
        return pillar.name(lang) if pillar else code


@cache
def _rules_by_id(framework: Framework) -> dict[str, Rule]:
    return {r.id: r for r in framework.rules}


@cache
def nq08() -> Framework:
    """Resolution 08's framework as the product ships it (``frameworks/nq08.yaml``)."""
    return load(NQ08_FILE.read_text(encoding="utf-8"))


@cache
def _load(text: str, parents: tuple[Framework, ...]) -> Framework:
    return build(read(text), {f.code: f for f in parents})


def load(text: str, loaded: Iterable[Framework] = ()) -> Framework:
    """The framework in ``text`` over the ``loaded`` ones (its parent among them), read once
    per text: every page and command asks for it again."""
    return _load(text, tuple(sorted(loaded, key=lambda f: f.code)))


def governing(
    frameworks: Iterable[Framework], period: Period, narrowness: Callable[[Framework], int | None]
) -> Framework | None:
    """The framework that governs a unit's quarter: of those whose quarters contain ``period``
    and whose scope contains the unit, the narrowest, then the one that starts later.

    ``narrowness(f)`` says how narrow the scope unit that contains the unit is (its level's
    rank: a commune's is narrower than a province's), or ``None`` when the unit lies outside
    ``f``'s scope in that quarter; it is asked only of frameworks with a scope.
    """
    best: tuple | None = None
    for f in frameworks:
        if not f.covers(period):
            continue
        rank = narrowness(f) if f.scope else -1
        if rank is None:
            continue
        key = (rank, f.valid_from.index if f.valid_from else -1, f.code)
        if best is None or key > best[0]:
            best = (key, f)
    return best[1] if best else None


# -- building one from its file ------------------------------------------------------------


def build(declared: Declared, loaded: Mapping[str, Framework] | None = None) -> Framework:
    """The framework ``declared`` describes, over the ``loaded`` frameworks by code (the one it
    extends among them; the others hold the meaning of every code they share). Raises
    :class:`FrameworkError` naming the line of every problem."""
    return _Builder(declared, dict(loaded or {})).build()


def _names(entry: Mapping[str, Any], key: str = "name") -> tuple[str, str]:
    names = entry.get(key) or {}
    return str(names.get("vi", "")).strip(), str(names.get("en", "")).strip()


def terms(codes: Sequence[str]) -> tuple[Term, ...]:
    """A formula side as written in a file (``[a, -b]``) as signed terms."""
    return tuple((c[1:], -1) if c.startswith("-") else (c, 1) for c in codes)


def written(terms_: Sequence[Term]) -> list[str]:
    """Signed terms as a file writes them."""
    return [code if sign > 0 else f"-{code}" for code, sign in terms_]


class _Builder:
    def __init__(self, declared: Declared, loaded: dict[str, Framework]) -> None:
        self.d = declared
        self.data = declared.data
        self.code = str(self.data["code"])
        # Other frameworks hold the meaning of the codes they share; an older version of this
        # one is what the file replaces.
        self.loaded = {c: f for c, f in loaded.items() if c != self.code}
        self.problems: list[Problem] = []

    def problem(self, path: tuple, key: str, **params: object) -> None:
        self.problems.append(Problem(self.d.line(*path), key, params))

    def unknown(self, path: tuple, code: str, cells: Mapping[str, ValueCode]) -> None:
        """A formula, rule or reading names an element the framework lacks: say which known
        code it is likely a slip for."""
        close = difflib.get_close_matches(code, list(cells), n=1, cutoff=0.8)
        if close:
            self.problem(path, "fw_formula_unknown_near", code=code, near=close[0])
        else:
            self.problem(path, "fw_formula_unknown", code=code)

    def build(self) -> Framework:
        parent = self.parent()
        self.take(parent)
        self.drop(parent)
        self.own_sources()
        self.own_pillars()
        self.own_sections()
        self.own_elements()
        self.own_indicators()
        self.own_targets()
        self.own_rules()
        self.own_reading()
        self.check_meanings()
        start, end = self.quarters()
        if self.problems:
            raise FrameworkError(self.problems)
        name_vi, name_en = _names(self.data)
        text = self.d.text
        elements = self.ordered_elements()
        return Framework(
            code=self.code,
            name_vi=name_vi,
            name_en=name_en,
            valid_from=start,
            valid_to=end,
            scope=tuple(str(c) for c in self.data.get("scope") or ()),
            extends=self.data.get("extends"),
            drop=tuple(self.data.get("drop") or ()),
            document=str(self.data.get("document") or name_vi),
            layout=self.data.get("report_layout"),
            sources=self.sources,
            pillars=self.pillars,
            sections=tuple(self.sections.values()),
            elements=elements,
            value_codes=self.value_codes(elements),
            indicators=self.indicators,
            targets=tuple(self.targets),
            rules=tuple(self.rules.values()),
            descriptions=self.descriptions,
            reading=Reading(
                self.words,
                self.option_words,
                tuple(self.totals),
                self.shares,
                tuple(self.spellings),
            ),
            origin=self.origin,
            lineage=(self.code, *(parent.lineage if parent else ())),
            text=text,
            digest=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        )

    # -- what it takes from the framework it extends

    def parent(self) -> Framework | None:
        code = self.data.get("extends")
        if code is None:
            return None
        parent = self.loaded.get(code)
        if code == self.code or (parent is not None and self.code in parent.lineage):
            chain = [self.code, *(parent.lineage if parent else ())]
            chain = chain[: chain.index(self.code, 1) + 1] if self.code in chain[1:] else chain
            self.problem(("extends",), "fw_extends_cycle", chain=" → ".join([*chain, self.code]))
            return None
        if parent is None:
            self.problem(
                ("extends",),
                "fw_extends_unknown",
                code=code,
                loaded=", ".join(sorted(self.loaded)) or "—",
            )
        return parent

    def take(self, parent: Framework | None) -> None:
        p = parent
        self.sources: dict[str, Source] = dict(p.sources) if p else {}
        self.pillars: dict[str, Pillar] = dict(p.pillars) if p else {}
        self.sections: dict[str, Section] = {s.code: s for s in p.sections} if p else {}
        self.elements: dict[str, Element] = dict(p.elements) if p else {}
        self.indicators: dict[str, Indicator] = dict(p.indicators) if p else {}
        self.targets: list[Target] = list(p.targets) if p else []
        self.rules: dict[str, Rule] = {r.id: r for r in p.rules} if p else {}
        self.descriptions: dict[str, Description] = dict(p.descriptions) if p else {}
        self.words: dict[str, tuple[str, ...]] = dict(p.reading.words) if p else {}
        self.option_words: dict[str, Mapping[str, tuple[str, ...]]] = (
            dict(p.reading.option_words) if p else {}
        )
        self.totals = list(p.reading.totals) if p else []
        self.shares: dict[str, str] = dict(p.reading.shares) if p else {}
        self.spellings = list(p.reading.spellings) if p else []
        self.origin: dict[str, str] = dict(p.origin) if p else {}
        # Where each own entry stands in the file, by its code (for problems found later).
        self.at: dict[tuple[str, str], tuple] = {}

    def drop(self, parent: Framework | None) -> None:
        dropped = list(self.data.get("drop") or ())
        if not dropped:
            return
        if parent is None:
            if self.data.get("extends") is None:
                self.problem(("drop",), "fw_drop_without_extends")
            return
        for i, code in enumerate(dropped):
            path = ("drop", i)
            if code in self.elements:
                self.drop_element(code)
            elif code in self.indicators:
                del self.indicators[code]
                self.targets = [t for t in self.targets if t.indicator != code]
            elif code in self.rules:
                del self.rules[code]
            elif code in self.sections:
                del self.sections[code]
            elif code in self.pillars:
                del self.pillars[code]
            else:
                self.problem(path, "fw_drop_unknown", code=code, parent=parent.code)
        gone = set(dropped)
        cells = self.cells()
        for ind in self.indicators.values():
            if missing := [c for c in ind.elements if c not in cells]:
                self.problem(("drop",), "fw_drop_used", code=missing[0], indicator=ind.code)
        for element in self.elements.values():
            if element.section in gone and element.section not in self.sections:
                self.problem(
                    ("drop",), "fw_drop_section_used", code=element.section, element=element.code
                )
        for ind in self.indicators.values():
            if ind.pillar in gone and ind.pillar not in self.pillars:
                self.problem(("drop",), "fw_drop_pillar_used", code=ind.pillar, indicator=ind.code)

    def drop_element(self, code: str) -> None:
        """An element goes with everything that reads only it: its help, its words, and the
        rules and report totals over its cells (an indicator must be dropped by name)."""
        del self.elements[code]
        self.descriptions.pop(code, None)
        self.option_words.pop(code, None)
        cells = self.cells()
        self.words = {c: w for c, w in self.words.items() if c in cells}
        self.rules = {i: r for i, r in self.rules.items() if all(c in cells for c in r.elements)}
        self.totals = [(w, parts) for w, parts in self.totals if all(p in cells for p in parts)]
        self.shares = {p: w for p, w in self.shares.items() if p in cells and w in cells}

    def cells(self) -> dict[str, ValueCode]:
        return self.value_codes(self.elements)

    @staticmethod
    def value_codes(elements: Mapping[str, Element]) -> dict[str, ValueCode]:
        return {vc.code: vc for e in elements.values() for vc in expand(e)}

    # -- its own entries

    def entries(self, key: str, id_field: str = "code"):
        """(path, entry) of a list in the file, each code once (a second one is a problem)."""
        seen: dict[str, int] = {}
        for i, entry in enumerate(self.data.get(key) or ()):
            path = (key, i)
            code = entry.get(id_field)
            if code is not None:
                if code in seen:
                    self.problem(path, "fw_duplicate_code", code=code, first=seen[code])
                    continue
                seen[code] = self.d.line(*path)
                self.at[key, code] = path
            yield path, entry

    def own_sources(self) -> None:
        for _, s in self.entries("sources"):
            self.sources[s["code"]] = Source(
                s["code"],
                s["title"].strip(),
                s.get("url", ""),
                s.get("verified", True),
                s.get("norm", False),
            )

    def own_pillars(self) -> None:
        for _, p in self.entries("pillars"):
            self.pillars[p["code"]] = Pillar(p["code"], *_names(p))
            self.origin[p["code"]] = self.code

    def own_sections(self) -> None:
        for _, s in self.entries("sections"):
            self.sections[s["code"]] = Section(s["code"], *_names(s), s.get("ref", ""))

    def own_elements(self) -> None:
        for path, e in self.entries("elements"):
            code = e["code"]
            if e["section"] not in self.sections:
                self.problem(
                    (*path, "section"),
                    "fw_unknown_section",
                    code=e["section"],
                    known=", ".join(self.sections) or "—",
                )
            kind = Kind(e["kind"])
            dimensions = self.dimensions(path, e)
            if dimensions and kind not in (Kind.COUNT, Kind.NUMBER):
                self.problem((*path, "categories"), "fw_categories_kind", kind=kind.value)
            maximum = None if kind is Kind.TEXT else _KIND_MAXIMUM.get(kind)
            if maximum is None and kind is not Kind.TEXT:
                maximum = float(e.get("maximum", DEFAULT_MAXIMUM))
            element = Element(
                code,
                *_names(e),
                kind,
                Time(e["time"]),
                Level(e["level"]),
                e["section"],
                tuple(tuple(o.code for o in c.options) for c in dimensions),
                maximum,
                dimensions,
            )
            before = self.elements.get(code)
            if before is not None and _meaning(before) != _meaning(element):
                self.problem(
                    path,
                    "fw_meaning_changed",
                    code=code,
                    framework=self.origin[code],
                    before=_meaning_text(before),
                    after=_meaning_text(element),
                )
            self.elements[code] = element
            self.origin[code] = self.code
            if "description" in e or "where" in e:
                self.descriptions[code] = Description(
                    *_names(e, "description"), *_names(e, "where")
                )
            self.element_words(path, element, e)

    def dimensions(self, path: tuple, e: Mapping[str, Any]) -> tuple[Category, ...]:
        found = []
        for i, c in enumerate(e.get("categories") or ()):
            options = []
            seen = set()
            for j, o in enumerate(c["options"]):
                if o["code"] in seen:
                    self.problem(
                        (*path, "categories", i, "options", j),
                        "fw_duplicate_code",
                        code=o["code"],
                        first="",
                    )
                seen.add(o["code"])
                options.append(Option(o["code"], *_names(o)))
            found.append(Category(c["code"], *_names(c), tuple(options)))
        return tuple(found)

    def element_words(self, path: tuple, element: Element, e: Mapping[str, Any]) -> None:
        words = e.get("report_words")
        for key in [k for k in self.words if k == element.code or k.startswith(element.code + ".")]:
            del self.words[key]
        if isinstance(words, list):
            if element.categories:
                self.problem((*path, "report_words"), "fw_words_cells", code=element.code)
            self.words[element.code] = tuple(words)
        elif isinstance(words, dict):
            cells = {vc.code for vc in expand(element)}
            for cell, phrases in words.items():
                if f"{element.code}.{cell}" not in cells:
                    self.problem(
                        (*path, "report_words", cell),
                        "fw_unknown_cell",
                        code=f"{element.code}.{cell}",
                    )
                self.words[f"{element.code}.{cell}"] = tuple(phrases)
        option_words = {
            o["code"]: tuple(o["report_words"])
            for c in e.get("categories") or ()
            for o in c["options"]
            if o.get("report_words")
        }
        if option_words:
            self.option_words[element.code] = option_words
        else:
            self.option_words.pop(element.code, None)

    def formula(self, path: tuple, codes: Sequence[str] | None) -> tuple[Term, ...] | None:
        if codes is None:
            return None
        found = terms(codes)
        cells = self.cells()
        for i, (code, _) in enumerate(found):
            vc = cells.get(code)
            if vc is None:
                self.unknown((*path, i), code, cells)
            elif vc.kind is Kind.TEXT:
                self.problem((*path, i), "fw_formula_text", code=code)
        return found

    def own_indicators(self) -> None:
        for path, i in self.entries("indicators"):
            code = i["code"]
            if i["pillar"] not in self.pillars:
                self.problem(
                    (*path, "pillar"),
                    "fw_unknown_pillar",
                    code=i["pillar"],
                    known=", ".join(self.pillars) or "—",
                )
            numerator = self.formula((*path, "numerator"), i["numerator"])
            denominator = self.formula((*path, "denominator"), i.get("denominator"))
            cells = self.cells()
            used = [cells[c] for c, _ in (*numerator, *(denominator or ())) if c in cells]
            levels = {vc.element.level for vc in used}
            if len(levels) > 1:
                self.problem(path, "fw_indicator_levels", code=code)
            if (
                denominator is None
                and used
                and (len(numerator) > 1 or used[0].kind is not Kind.PCT)
            ):
                self.problem((*path, "numerator"), "fw_indicator_alone", code=code)
            reason = _names(i, "no_target") if "no_target" in i else None
            indicator = Indicator(
                code,
                *_names(i),
                numerator,
                denominator,
                i["pillar"],
                next(iter(levels), Level.XA),
                i.get("unit", ""),
                reason,
            )
            before = self.indicators.get(code)
            if before is not None and _formula(before) != _formula(indicator):
                self.problem(
                    path,
                    "fw_formula_changed",
                    code=code,
                    framework=self.origin[code],
                    before=_formula_text(before),
                    after=_formula_text(indicator),
                )
            self.indicators[code] = indicator
            self.origin[code] = self.code

    def own_targets(self) -> None:
        own: list[Target] = []
        for path, t in self.entries("targets", "id"):
            indicator = t["indicator"]
            if indicator not in self.indicators:
                self.problem((*path, "indicator"), "fw_target_indicator", code=indicator)
            source = self.sources.get(t["source"])
            if source is None:
                self.problem(
                    (*path, "source"),
                    "fw_target_source",
                    code=t["source"],
                    known=", ".join(self.sources) or "—",
                )
                continue
            comparator = Comparator(t["comparator"])
            value, amber = float(t["value"]), t.get("amber_from")
            if amber is not None and (comparator is Comparator.LE) != (amber >= value):
                self.problem((*path, "amber_from"), "fw_target_band", amber=amber, value=value)
            if t.get("year") is not None and t["year"] > t["deadline"]:
                self.problem(
                    (*path, "year"), "fw_target_year", year=t["year"], deadline=t["deadline"]
                )
            title = source.title + (f": {t['detail'].strip()}" if t.get("detail") else "")
            own.append(
                Target(
                    t.get("id") or indicator,
                    indicator,
                    comparator,
                    value,
                    int(t["deadline"]),
                    title,
                    None if amber is None else float(amber),
                    self.code,
                    t.get("org_unit"),
                    t.get("level"),
                    t.get("year"),
                    "norm" if source.norm else "",
                    not source.verified,
                )
            )
        # A framework's own target for an inherited indicator replaces the one it inherits.
        replaced = {t.indicator for t in own}
        self.targets = [t for t in self.targets if t.indicator not in replaced] + own
        ids: dict[tuple, str] = {}
        for t in self.targets:
            key = (t.id, t.org_unit, t.level, t.year)
            if key in ids:
                path = self.at.get(("targets", t.id), ("targets",))
                self.problem(path, "fw_duplicate_code", code=t.id, first="")
            ids[key] = t.indicator

    def own_rules(self) -> None:
        for path, r in self.entries("rules"):
            left = self.formula((*path, "left"), r["left"])
            right = self.formula((*path, "right"), r["right"])
            message = _names(r, "message") if "message" in r else None
            self.rules[r["code"]] = Rule(
                r["code"], Severity(r["severity"]), left, right, r["op"] == "==", message
            )
            self.origin[r["code"]] = self.code

    def own_reading(self) -> None:
        reading = self.data.get("reading") or {}
        cells = self.cells()
        self.spellings += [tuple(forms) for forms in reading.get("spellings") or ()]
        for i, total in enumerate(reading.get("totals") or ()):
            for j, part in enumerate(total["parts"]):
                if part not in cells:
                    self.unknown(("reading", "totals", i, "parts", j), part, cells)
            self.totals.append((total["words"], tuple(total["parts"])))
        for part, whole in (reading.get("shares") or {}).items():
            for code in (part, whole):
                if code not in cells:
                    self.unknown(("reading", "shares", part), code, cells)
            self.shares[part] = whole

    def quarters(self) -> tuple[Period | None, Period | None]:
        start, end = self.data.get("valid_from"), self.data.get("valid_to")
        start = Period.parse(start) if start else None
        end = Period.parse(end) if end else None
        if start and end and end < start:
            self.problem(("valid_to",), "fw_quarters", start=start.code, end=end.code)
        return start, end

    def check_meanings(self) -> None:
        """A code means one thing in every framework loaded: the same kind, time, level and
        cells for an element, the same formula for an indicator."""
        for code, element in self.elements.items():
            if self.origin.get(code) != self.code:
                continue
            for other in self.loaded.values():
                theirs = other.elements.get(code)
                if theirs is not None and _meaning(theirs) != _meaning(element):
                    self.problem(
                        self.at.get(("elements", code), ("elements",)),
                        "fw_meaning_changed",
                        code=code,
                        framework=other.code,
                        before=_meaning_text(theirs),
                        after=_meaning_text(element),
                    )
                    break
        for code, indicator in self.indicators.items():
            if self.origin.get(code) != self.code:
                continue
            for other in self.loaded.values():
                theirs = other.indicators.get(code)
                if theirs is not None and _formula(theirs) != _formula(indicator):
                    self.problem(
                        self.at.get(("indicators", code), ("indicators",)),
                        "fw_formula_changed",
                        code=code,
                        framework=other.code,
                        before=_formula_text(theirs),
                        after=_formula_text(indicator),
                    )
                    break

    def ordered_elements(self) -> dict[str, Element]:
        """In the order of the sections, each section's in the order declared (inherited
        first): the form and the report walk them as they stand."""
        order = {s: i for i, s in enumerate(self.sections)}
        return dict(sorted(self.elements.items(), key=lambda kv: order.get(kv[1].section, 0)))


def _meaning(e: Element) -> tuple:
    return e.kind, e.time, e.level, e.categories


def _meaning_text(e: Element) -> str:
    cells = " × ".join(f"{len(c)}" for c in e.categories)
    return f"{e.kind.value}, {e.time.value}, {e.level.value}" + (f", {cells}" if cells else "")


def _formula(i: Indicator) -> tuple:
    return i.numerator, i.denominator


def _formula_text(i: Indicator) -> str:
    top = " ".join(written(i.numerator))
    return top if i.denominator is None else f"{top} / {' '.join(written(i.denominator))}"
