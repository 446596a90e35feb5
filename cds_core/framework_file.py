"""A framework file as written: YAML read with the line of every entry, checked against the
schema (``frameworks/framework.schema.json``), every problem named by its line.

What the entries mean together (a formula over an element the framework lacks, a cycle in
``extends``) is :mod:`cds_core.framework`'s to check; it names lines through :class:`Declared`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from cds_core.errors import CdsError

HERE = Path(__file__).resolve().parent / "frameworks"
SCHEMA = HERE / "framework.schema.json"
# The largest file a framework plausibly is (Resolution 08's is about 100 kB).
MAX_BYTES = 2_000_000

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a framework file: its line (1-based; 0 for the file as a whole), a
    message key and the key's parameters."""

    line: int
    key: str
    params: Mapping[str, object] = field(default_factory=dict)


class FrameworkError(CdsError):
    """A framework file refused, with every problem found (each names its line)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: p.line))
        first = self.problems[0] if self.problems else Problem(0, "fw_empty_file")
        super().__init__("err_fw_refused", count=len(self.problems), line=first.line)


@dataclass(frozen=True)
class Declared:
    """What the file says, as plain data, with the line each entry stands on."""

    data: Mapping[str, Any]
    text: str
    lines: Mapping[Path_, int]

    def line(self, *path: str | int) -> int:
        """The line of the entry at ``path`` (or of its nearest enclosing entry)."""
        path_ = tuple(path)
        while path_ and path_ not in self.lines:
            path_ = path_[:-1]
        return self.lines.get(path_, 1)


def read(text: str) -> Declared:
    """The declared framework in ``text``, or :class:`FrameworkError` naming every problem
    the YAML and the schema find."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise FrameworkError([Problem(0, "fw_too_large", {"limit": MAX_BYTES // 1_000_000})])
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise FrameworkError(
            [Problem(line, "fw_yaml", {"problem": exc.problem or str(exc)})]
        ) from None
    except yaml.YAMLError as exc:
        raise FrameworkError([Problem(0, "fw_yaml", {"problem": str(exc)})]) from None
    if node is None:
        raise FrameworkError([Problem(0, "fw_empty_file")])
    lines: dict[Path_, int] = {}
    problems: list[Problem] = []
    _walk(node, (), lines, problems)
    if problems:
        raise FrameworkError(problems)
    data = yaml.SafeLoader(text).get_single_data()
    if not isinstance(data, dict):
        raise FrameworkError([Problem(1, "fw_not_mapping")])
    declared = Declared(data, text, lines)
    problems = [_problem(declared, e) for e in _validator().iter_errors(data)]
    if problems:
        raise FrameworkError(problems)
    return declared


def read_file(path: Path) -> Declared:
    return read(path.read_text(encoding="utf-8"))


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], problems: list[Problem]):
    """Record the line of every entry, and refuse a key given twice (YAML would keep the
    last silently, and a province would never know which one counted)."""
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.start_mark)
            line = key.start_mark.line + 1
            if name in seen:
                problems.append(
                    Problem(line, "fw_duplicate_key", {"field": name, "first": seen[name]})
                )
                continue
            seen[name] = line
            lines[(*path, name)] = line
            _walk(value, (*path, name), lines, problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), lines, problems)


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


# What a schema's pattern asks for, in words (the keys of texts' ``fw_hint_*``).
_HINTS = {
    "framework_code": "fw_hint_framework_code",
    "code": "fw_hint_code",
    "dotted_code": "fw_hint_dotted_code",
    "org_code": "fw_hint_org_code",
    "quarter": "fw_hint_quarter",
    "quarter_or_open": "fw_hint_quarter",
    "terms": "fw_hint_terms",
    "text": "fw_hint_text",
    "url": "fw_hint_url",
}


# A schema type in words (keys of texts).
_KINDS = {
    "string": "fw_kind_string",
    "number": "fw_kind_number",
    "integer": "fw_kind_integer",
    "boolean": "fw_kind_boolean",
    "array": "fw_kind_array",
    "object": "fw_kind_object",
}


def where(declared: Declared, path: Path_) -> str:
    """An entry as people find it in the file: ``elements › xh_bdhvs_certified › section``."""
    parts: list[str] = []
    node: Any = declared.data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
        if isinstance(step, int):
            code = node.get("code") or node.get("indicator") if isinstance(node, dict) else None
            parts.append(str(code) if code else f"#{step + 1}")
        else:
            parts.append(step)
    return " › ".join(parts) or "—"


def _problem(declared: Declared, error) -> Problem:
    """One schema error as a problem in the file's own terms."""
    path = tuple(error.absolute_path)
    line = declared.line(*path)
    params: dict[str, object] = {"where": where(declared, path)}
    kind = error.validator
    if kind == "required":
        missing = next(f for f in error.validator_value if f not in error.instance)
        return Problem(line, "fw_required", params | {"field": missing})
    if kind == "additionalProperties" and error.validator_value is False:
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        extra_line = declared.line(*path, extra[0]) if extra else line
        return Problem(
            extra_line,
            "fw_unknown_field",
            params | {"field": ", ".join(extra), "allowed": ", ".join(allowed)},
        )
    value = _shown(error.instance)
    if kind == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        kinds = [_KINDS[t] for t in expected if t != "null"]
        return Problem(line, "fw_type", params | {"expected": kinds, "value": value})
    if kind == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return Problem(line, "fw_enum", params | {"allowed": allowed, "value": value})
    if kind in ("pattern", "minLength", "maxLength"):
        ref = _ref_name(error)
        return Problem(
            line, "fw_pattern", params | {"value": value, "hint": _HINTS.get(ref, "fw_hint_text")}
        )
    if kind in ("minimum", "maximum", "exclusiveMinimum"):
        low = error.schema.get("minimum", error.schema.get("exclusiveMinimum", ""))
        return Problem(
            line,
            "fw_range",
            params | {"value": value, "low": low, "high": error.schema.get("maximum", "")},
        )
    if kind in ("minItems", "maxItems"):
        return Problem(
            line,
            "fw_items",
            params
            | {"low": error.schema.get("minItems", 0), "high": error.schema.get("maxItems", "")},
        )
    return Problem(line, "fw_invalid", params | {"value": value})


def _ref_name(error) -> str:
    """The schema definition a failed check belongs to (``code``, ``quarter``, …)."""
    defs = _validator().schema["$defs"]
    if error.absolute_path and error.absolute_path[-1] == "url":
        return "url"
    for name, sub in defs.items():
        if error.schema == sub or (name == "terms" and error.schema == sub["items"]):
            return name
    return "quarter" if error.schema.get("pattern", "").endswith("Q[1-4]$") else "text"


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:59] + "…"
