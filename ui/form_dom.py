"""Browser-side touches a long form needs and Streamlit's widgets lack: the number keyboard on
phones (``inputmode``), help icons out of the Tab order (one Tab stop per value), jump links
(``#f-<code>``) that scroll to a field and put the keyboard in it, and Ctrl+S (⌘S) for the
save button, as in Word (the buttons sit after every field in the Tab order).

The script is built from our own constants only (widget classes and codes, never user text),
installs one observer per browser tab, and re-applies itself as Streamlit redraws.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import streamlit as st

_SCRIPT = """<script>
(() => {
  window.__cdsForm = %s;
  const apply = () => {
    const form = window.__cdsForm;
    for (const [cls, mode] of Object.entries(form.modes)) {
      const input = document.querySelector("." + cls + " input");
      if (input && input.getAttribute("inputmode") !== mode) {
        input.setAttribute("inputmode", mode);
        input.setAttribute("enterkeyhint", "next");
      }
    }
    document.querySelectorAll(
      "[data-testid=stMain] [data-testid=stTooltipHoverTarget], " +
      "[data-testid=stMain] [data-testid=stTooltipHoverTarget] button"
    ).forEach((el) => { if (el.tabIndex !== -1) el.tabIndex = -1; });
  };
  if (!window.__cdsFormObserver) {
    let queued = false;
    window.__cdsFormObserver = new MutationObserver(() => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => { queued = false; apply(); });
    });
    window.__cdsFormObserver.observe(document.body, {childList: true, subtree: true});
    document.addEventListener("click", (event) => {
      const link = event.target.closest && event.target.closest('a[href^="#f-"]');
      const cls = link && window.__cdsForm.jumps[link.getAttribute("href").slice(3)];
      const box = cls && document.querySelector("." + cls);
      if (!box) return;
      event.preventDefault();
      event.stopPropagation();
      const field = box.querySelector("input, textarea") || box;
      field.scrollIntoView({block: "center"});
      field.focus({preventScroll: true});
    }, true);
    document.addEventListener("keydown", (event) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== "s") return;
      const save = document.querySelector("." + window.__cdsForm.save + " button");
      if (!save) return;
      event.preventDefault();
      // Leaving the field first sends what it holds; the click follows it.
      if (document.activeElement) document.activeElement.blur();
      setTimeout(() => save.click(), 100);
    }, true);
  }
  apply();
})();
</script>"""


def tune(modes: Mapping[str, str], jumps: Mapping[str, str], save: str) -> None:
    """``modes``: element class → ``numeric`` or ``decimal``; ``jumps``: code → element class;
    ``save``: the element class of the save button."""
    config = {"modes": dict(modes), "jumps": dict(jumps), "save": save}
    # Codes and classes hold no "<" (dom_class keeps [a-zA-Z0-9_-]); escaped all the same, so
    # nothing in the data could ever close the script.
    data = json.dumps(config, sort_keys=True).replace("<", "\\u003c")
    st.html(_SCRIPT % data, unsafe_allow_javascript=True)
