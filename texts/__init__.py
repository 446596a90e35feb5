"""Every user-facing string, in Vietnamese (default) and English, behind one function ``t``.

The interface's words, kept apart from the domain (``cds_core`` raises errors and reports rule
violations by message key; this package turns keys into sentences). The UI and the command line
both read it, and tests hold the two catalogues to the same keys and placeholders, and every key
to a use.
"""

from __future__ import annotations

import string

from cds_core.catalogue import VALUE_CODES, value_code_name
from cds_core.formatting import format_count, format_pct
from cds_core.framework_file import Problem
from cds_core.indicators import Term
from cds_core.rules import RULES_BY_ID, Rule, Violation
from texts.en import EN
from texts.vi import VI

DEFAULT_LANG = "vi"
LANGS = ("vi", "en")

CATALOGUES = {"vi": VI, "en": EN}


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The text for ``key`` in ``lang``, with ``params`` filled in (missing ones left as is)."""
    template = CATALOGUES.get(lang, VI).get(key) or VI.get(key) or key
    if not params:
        return template
    return string.Formatter().vformat(template, (), _Lenient(params))


def error_text(exc: Exception, lang: str = DEFAULT_LANG, quote=None) -> str:
    """A domain error as one line in ``lang``; a wrapped reason (a CSV line's) is spelled out.

    ``quote`` (text → text) is applied to every parameter, which may be what a user typed: a
    page passes a Markdown escape so that a typed value is shown, never rendered.
    """
    key, params = getattr(exc, "key", None), dict(getattr(exc, "params", {}))
    if key is None:
        return str(exc)
    if quote is not None:
        params = {name: quote(str(value)) for name, value in params.items()}
    reason = getattr(exc, "reason", None)
    if reason is not None:
        params["reason"] = error_text(reason, lang, quote)
    return t(key, lang, **params)


def problem_text(problem: Problem, lang: str = DEFAULT_LANG) -> str:
    """A framework file's problem as one sentence in ``lang`` (its line apart)."""
    params = dict(problem.params)
    if "hint" in params:
        params["hint"] = t(str(params["hint"]), lang)
    if "expected" in params:
        params["expected"] = " | ".join(t(str(k), lang) for k in params["expected"])
    return t(problem.key, lang, **params).strip()


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _terms_name(terms: tuple[Term, ...], lang: str) -> str:
    text = ""
    for code, sign in terms:
        name = value_code_name(VALUE_CODES[code], lang)
        text += name if not text else (" + " if sign > 0 else " − ") + name
    return text


def describe(violation: Violation, lang: str = "vi") -> str:
    """The violation as a sentence in ``lang``, naming the elements and their values."""
    stated = violation.key in ("rule_stated_rate", "rule_stated_rate_not_applicable")
    fmt = format_pct if stated else format_count
    params = {k: fmt(v, lang) if isinstance(v, float | int) else v
              for k, v in violation.params.items()}  # fmt: skip
    if stated:
        # The report's own figure as it wrote it ("0,06%"), not rounded to our one decimal.
        params["stated"] = f"{format_count(violation.params['stated'], lang)}%"
    rule = RULES_BY_ID.get(violation.rule)
    if rule is not None:
        params["left_name"] = _terms_name(rule.left, lang)
        params["right_name"] = _terms_name(rule.right, lang)
    return t(violation.key, lang, **params)


def rule_text(rule: Rule, lang: str = "vi") -> str:
    """A consistency rule as people read it: "Số hồ sơ trực tuyến ≤ Tổng số hồ sơ"."""
    sign = "=" if rule.equal else "≤"
    return f"{_terms_name(rule.left, lang)} {sign} {_terms_name(rule.right, lang)}"
