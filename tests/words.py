"""Whether what a user reads is in their language: the words of a page (an AppTest run, or
Chromium's text and tooltips), and two checks — no English word in the Vietnamese interface,
no Vietnamese word in the English one — with the few names they allow, each for a reason.

English is told from Vietnamese by the catalogues themselves: a word is English when the
English catalogue (or Streamlit, whose own words the app translates) uses it and the
Vietnamese one never does; so codes both share (CSV, PNG, VNeID, TTHC) pass on their own.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable

from sqlmodel import select
from streamlit.testing.v1 import AppTest

from cds_core.catalogue import SECTIONS, VALUE_CODES, value_code_name
from cds_core.hamlets import ACTIVITY_KINDS
from cds_core.indicators import INDICATORS, PILLAR_NAMES
from cds_core.targets import DEFAULT_TARGETS, NO_TARGET_REASON
from db.database import session_scope
from db.models import AuditEvent, DataValue, OrgUnit, ReportMetaRow, TeamActivity, TeamMember, User
from texts import EN, VI
from ui.streamlit_words import EXACT, MONTHS

WORD = re.compile(r"[^\W\d_]+")
VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE
)
ICON = re.compile(r":material/[a-z_]+:")
BADGE = re.compile(r":[a-z]+-badge\[|\]$")

# Our words in each language: the interface's catalogues and the domain's names.
OURS_VI = [*VI.values(), *(value_code_name(vc, "vi") for vc in VALUE_CODES.values()),
           *(i.name_vi for i in INDICATORS.values()), *(vi for vi, _ in PILLAR_NAMES.values()),
           *(vi for _, vi, _ in ACTIVITY_KINDS)]  # fmt: skip
OURS_EN = [*EN.values(), *(value_code_name(vc, "en") for vc in VALUE_CODES.values()),
           *(i.name_en for i in INDICATORS.values()), *(en for _, en in PILLAR_NAMES.values()),
           *(en for _, _, en in ACTIVITY_KINDS), *(en for _, en in NO_TARGET_REASON.values()),
           # where a section sits in the paper report, whose headings are Vietnamese
           *(s.seed_ref for s in SECTIONS)]  # fmt: skip
# Codes and addresses are not words of any language: ``dvc_full_rate``, ``xu-huong?org=…``.
CODE = re.compile(r"\S+\?\S+=\S*|\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+(?:\.[a-z0-9_]+)*\b")
# The language switch names each language in its own words, in both interfaces.
SWITCH = ["Ngôn ngữ / Language", "Tiếng Việt", "English"]
# English words Streamlit writes that no catalogue of ours holds.
STREAMLIT = " ".join([*EXACT, *MONTHS, "Press Enter to apply per file View more Help for Remove"])
# Allowed in the Vietnamese interface: technical names Vietnamese offices use as they are.
NAMES_IN_VIETNAMESE = {"mb"}  # "200MB" in the upload limit


def words(text: str) -> list[str]:
    return WORD.findall(CODE.sub(" ", text))


def _ascii_words(texts: Iterable[str]) -> set[str]:
    return {w.lower() for t in texts for w in words(t) if w.isascii()}


ENGLISH = _ascii_words([*OURS_EN, STREAMLIT]) - _ascii_words(OURS_VI) - NAMES_IN_VIETNAMESE
# Vietnamese words our English itself uses: names of documents and of the paper report's parts
# ("Đề án 06", "Phần thứ hai"), which stay Vietnamese in an English sentence.
VIETNAMESE_NAMES = {w.lower() for t in OURS_EN for w in words(t) if VIETNAMESE.search(w)}


def english_in(texts: Iterable[str], data: Iterable[str] = ()) -> list[str]:
    """The English words among ``texts``, except words of ``data`` (what people entered)."""
    allowed = _ascii_words([*data, *SWITCH])
    found = {w for t in texts for w in words(t) if w.isascii() and w.lower() in ENGLISH}
    return sorted(w for w in found if w.lower() not in allowed)


def vietnamese_in(texts: Iterable[str], data: Iterable[str] = ()) -> list[str]:
    """The Vietnamese words among ``texts``, except those of ``data`` and of proper names."""
    allowed = {w.lower() for t in [*data, *SWITCH] for w in words(t)} | VIETNAMESE_NAMES
    found = {w for t in texts for w in words(t) if VIETNAMESE.search(w)}
    return sorted(w for w in found if w.lower() not in allowed)


def entered_by_people(engine) -> list[str]:
    """What people entered or the seed loaded: unit and person names, a team's roster and log,
    narratives, usernames and the reasons they gave, and the Vietnamese documents targets cite
    (a citation keeps its language)."""
    with session_scope(engine) as session:
        texts = [u.name for u in session.exec(select(OrgUnit))]
        texts += [
            f"{m.name} {m.role_in_team} {m.organisation}" for m in session.exec(select(TeamMember))
        ]
        texts += [f"{a.place} {a.note}" for a in session.exec(select(TeamActivity))]
        texts += [f"{u.username} {u.display_name}" for u in session.exec(select(User))]
        texts += [f"{m.place} {m.signer_name}" for m in session.exec(select(ReportMetaRow))]
        texts += [v for v in session.exec(select(DataValue.value_text)) if v]
        texts += [f"{e.username} {e.reason}" for e in session.exec(select(AuditEvent))]
    return texts + [t.source for t in DEFAULT_TARGETS]


# -- the words of an AppTest run --

FIELDS = ("label", "help", "placeholder", "body", "options", "title", "delta")


def _markup(text: str) -> str:
    text = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", text, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def _vega(spec: str) -> list[str]:
    """Titles (of the chart, axes, legends and tooltips) and the data's text of a chart."""
    out: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("title", "text") and isinstance(value, str):
                    out.append(value)
                elif key != "datasets":
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    data = json.loads(spec)
    walk(data)
    for rows in data.get("datasets", {}).values():
        out += [v for row in rows for v in row.values() if isinstance(v, str)]
    return out


def texts_of(at: AppTest) -> list[str]:
    """Every string the run shows: headings, text, messages, widget labels, help, options and
    placeholders, button and link labels, table headers and cells, chart titles and data."""
    out: list[str] = []

    def visit(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            for field, value in proto.ListFields():
                if field.name in FIELDS:
                    values = value if isinstance(value, Iterable) and not isinstance(
                        value, str) else [value]  # fmt: skip
                    out.extend(v for v in values if isinstance(v, str))
                elif field.name == "spec":
                    out.extend(_vega(value))
        if getattr(node, "type", None) == "arrow_data_frame" or type(node).__name__ == "Dataframe":
            frame = node.value
            out.extend(str(c) for c in frame.columns)
            out.extend(str(v) for v in frame.to_numpy().ravel() if isinstance(v, str))
        for child in getattr(node, "children", {}).values():
            visit(child)

    visit(at._tree)
    return [BADGE.sub(" ", ICON.sub(" ", _markup(t))) for t in out]


# -- the words of a page in Chromium --

# Text nodes (not an icon's ligature, a style or a script) and the tooltips and placeholders
# people read; a chart's SVG descriptions are for screen readers and written by Vega itself.
VISIBLE_JS = """() => {
  const skip = 'script, style, noscript, [data-testid*="Icon"], [data-testid="stIconMaterial"]';
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement && !n.parentElement.closest(skip) && n.nodeValue.trim()) {
      out.push(n.nodeValue);
    }
  }
  for (const el of document.querySelectorAll('[title], [placeholder]')) {
    if (el.closest('iframe, svg')) continue;
    for (const name of ['title', 'placeholder']) {
      const value = el.getAttribute(name);
      if (value) out.push(value);
    }
  }
  return out;
}"""


def texts_in_browser(page) -> list[str]:
    return page.evaluate(VISIBLE_JS)
