"""Streamlit's own words in the user's language: the hints, buttons, tooltips and placeholders
its frontend writes in English ("Press Enter to submit form", "Upload", "200MB per file",
"Choose an option", a table's "Search" and "Fullscreen", a calendar's month names).

Streamlit offers no setting for them, so one small script in the page translates them as they
appear (a MutationObserver over the document): exact strings, a few patterns with a number or
a name inside, and month and weekday names inside a calendar only. Its words come from the
text catalogue like every other string; it carries nothing but our own constants. In English
it puts back whatever it had translated, since Streamlit's words are English already.
"""

from __future__ import annotations

import json

import streamlit as st

from ui.i18n import lang, tr

# Streamlit's exact strings (text or a title, aria-label or placeholder) → our text key.
EXACT = {
    "Skip to main content": "st_skip",
    "Press Enter to submit form": "st_enter_submit",
    "Press Enter to apply": "st_enter_apply",
    "Upload": "st_upload",
    "Drag and drop a file here": "st_drop",
    "file upload": "st_upload",
    "No results": "st_no_results",
    "No options to select.": "st_no_options",
    "No options to select": "st_no_options",
    "No options": "st_no_options",
    "Choose an option": "st_choose",
    "Choose options": "st_choose",
    "Clear value": "st_clear",
    "Clear all": "st_clear",
    "Choose date": "st_choose_date",
    "Previous month": "st_previous_month",
    "Next month": "st_next_month",
    "Show password": "st_show_password",
    "Hide password": "st_hide_password",
    "Collapse sidebar": "st_collapse_sidebar",
    "Expand sidebar": "st_expand_sidebar",
    "Sidebar": "st_sidebar",
    "App pages": "st_pages",
    "View less": "st_view_less",
    "Link to heading": "st_heading_link",
    "Download as CSV": "download_csv",
    "Download as PNG": "download_png",
    "Download as SVG": "download_svg",
    "Search": "st_search",
    "Close Search": "st_close_search",
    "Fullscreen": "st_fullscreen",
    "Close fullscreen": "st_close_fullscreen",
    "Show/hide columns": "st_columns",
    "Show data": "st_show_data",
    "Copy Vega-Lite spec": "st_copy_spec",
    "Open": "st_open",
    "Close": "st_close",
    "Decrement": "st_decrement",
    "Increment": "st_increment",
    "Running...": "st_running",
    "Stop": "st_stop",
    "Connecting": "st_connecting",
    "Please wait...": "st_wait",
}

# Strings with something of ours inside: a regular expression → a text key with {1}, {2}.
PATTERNS = {
    r"^Press (.+)\+Enter to apply$": "st_key_enter_apply",
    r"^(\S+) per file$": "st_per_file",
    r"^View (\d+) more$": "st_view_more",
    r"^Help for (.+)$": "st_help_for",
    r"^Remove (.+)$": "st_remove",
}

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Su", "Mo", "Tu", "We", "Th", "Fr", "Sa")

SCRIPT = """<script>
(() => {
  const words = %(words)s, calendar = %(calendar)s;
  const patterns = %(patterns)s.map(([source, to]) => [new RegExp(source), to]);
  const ATTRS = ["title", "aria-label", "placeholder"];
  const doc = document;
  if (window.cdsWords) window.cdsWords.stop();
  const texts = new Map(), attrs = new Map();  // what was translated, to put back
  const inCalendar = (el) => !!(el && el.closest('[data-baseweb="calendar"]'));
  const skip = (el) => !el || el.closest('script, style, [data-testid="stIconMaterial"]');
  function translate(text, calendarToo) {
    const trimmed = text.trim();
    if (!trimmed) return null;
    let out = words[trimmed];
    if (out === undefined && calendarToo) {
      out = calendar[trimmed];
      const m = /^(\\w+) (\\d{4})$/.exec(trimmed);
      if (out === undefined && m && calendar[m[1]] !== undefined) out = calendar[m[1]] + " " + m[2];
    }
    if (out === undefined) {
      for (const [re, to] of patterns) {
        const m = re.exec(trimmed);
        if (m) { out = to.replace(/\\{(\\d)\\}/g, (_, i) => m[Number(i)]); break; }
      }
    }
    return out === undefined || out === trimmed ? null : text.replace(trimmed, out);
  }
  function fixText(node) {
    const parent = node.parentElement;
    if (skip(parent)) return;
    const done = translate(node.nodeValue, inCalendar(parent));
    if (done === null) return;
    if (!texts.has(node)) texts.set(node, node.nodeValue);
    node.nodeValue = done;
  }
  function fixAttrs(el) {
    for (const name of ATTRS) {
      const value = el.getAttribute(name);
      if (!value) continue;
      const done = translate(value, inCalendar(el));
      if (done === null) continue;
      const saved = attrs.get(el) || {};
      if (!(name in saved)) saved[name] = value;
      attrs.set(el, saved);
      el.setAttribute(name, done);
    }
  }
  function fix(node) {
    if (node.nodeType === 3) return fixText(node);
    if (node.nodeType !== 1 || skip(node)) return;
    fixAttrs(node);
    const walker = doc.createTreeWalker(node, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === 3) fixText(n); else fixAttrs(n);
    }
  }
  const observer = new MutationObserver((changes) => {
    for (const c of changes) {
      if (c.type === "childList") c.addedNodes.forEach(fix);
      else if (c.type === "characterData") fixText(c.target);
      else fixAttrs(c.target);
    }
  });
  function stop() {
    observer.disconnect();
    texts.forEach((original, node) => { node.nodeValue = original; });
    attrs.forEach((saved, el) => {
      for (const name in saved) el.setAttribute(name, saved[name]);
    });
  }
  window.cdsWords = { stop };
  if (Object.keys(words).length === 0) return stop();
  fix(doc.body);
  observer.observe(doc.body, { subtree: true, childList: true, characterData: true,
                                attributes: true, attributeFilter: ATTRS });
})();
</script>"""


def words() -> dict[str, str]:
    """Streamlit's exact strings and what the user reads instead (none in English)."""
    if lang() == "en":
        return {}
    return {english: tr(key) for english, key in EXACT.items()}


def _calendar() -> dict[str, str]:
    if lang() == "en":
        return {}
    names = {month: tr("st_month", n=n) for n, month in enumerate(MONTHS, start=1)}
    days = dict(zip(WEEKDAYS, tr("st_weekdays").split(), strict=True))
    return names | days


def _patterns() -> list[tuple[str, str]]:
    if lang() == "en":
        return []
    # A date field tells screen readers its date in English words: one pattern per month.
    dates = [
        (rf"^Selected Date: {month} (\d+), (\d{{4}})$",
         tr("st_selected_date", day="{1}", month=n, year="{2}"))
        for n, month in enumerate(MONTHS, start=1)
    ]  # fmt: skip
    return [(source, tr(key)) for source, key in PATTERNS.items()] + dates


def apply() -> None:
    """Draw the translating script (in the sidebar, where it takes no room on the page)."""
    script = SCRIPT % {
        # json.dumps escapes quotes; "</" is escaped too so no text can close the script.
        "words": json.dumps(words(), ensure_ascii=False).replace("</", "<\\/"),
        "calendar": json.dumps(_calendar(), ensure_ascii=False).replace("</", "<\\/"),
        "patterns": json.dumps(_patterns(), ensure_ascii=False).replace("</", "<\\/"),
    }
    st.sidebar.html(script, unsafe_allow_javascript=True)
