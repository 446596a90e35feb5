"""The interface's words (texts/): every key defined is used somewhere, and every key the code
asks for is defined, so neither catalogue collects dead text nor shows a bare key."""

import ast
import re
from pathlib import Path

import pytest

from texts import VI

ROOT = Path(__file__).resolve().parents[2]
CODE = sorted(
    [p for folder in ("cds_core", "db", "ui", "app_pages", "reporting", "bench", "migrations")
     for p in (ROOT / folder).rglob("*.py")] + [ROOT / "manage.py", ROOT / "dashboard.py"]
)  # fmt: skip
KEY = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)+")
# Calls whose first argument is a message key: translation, and the domain's errors.
KEYED_CALLS = {"tr", "t", "CdsError", "PermissionDenied", "NotFound", "Locked", "AuditImmutable"}


def _name(func: ast.expr) -> str | None:
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def scan(sources: list[str]) -> tuple[set[str], set[str], set[str]]:
    """String literals, prefixes of keys built at run time (``"wf_" + status``,
    ``f"role_{role}"``), and the literal keys passed to a keyed call, over ``sources``."""
    literals, prefixes, asked = set(), set(), set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                if isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
                    prefixes.add(node.left.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                first = node.values[0]
                if isinstance(first, ast.Constant) and len(node.values) > 1:
                    prefixes.add(first.value)
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func) or ""
            keyed = [node.args[0]] if name in KEYED_CALLS and node.args else []
            # ``key=`` of a domain class (a rule's message), not a Streamlit widget's key.
            keyed += [k.value for k in node.keywords if k.arg == "key" and name[:1].isupper()]
            asked |= {
                a.value for a in keyed if isinstance(a, ast.Constant) and isinstance(a.value, str)
            }
    # A run-time prefix is a key's stem ("wf_"), never a whole sentence.
    return literals, {p for p in prefixes if re.fullmatch(r"[a-z_]+_", p)}, asked


@pytest.fixture(scope="module")
def code_scan():
    return scan([p.read_text(encoding="utf-8") for p in CODE])


def test_the_scan_sees_literals_prefixes_and_keyed_calls():
    literals, prefixes, asked = scan(
        ['tr("page_x"); t("wf_" + s); f"role_{r}"; CdsError("err_y", v=1); Rule(key="rule_z")']
    )
    assert {"page_x", "err_y", "rule_z"} <= literals
    assert prefixes == {"wf_", "role_"}
    assert asked == {"page_x", "err_y", "rule_z"}


def test_every_defined_key_is_used(code_scan):
    literals, prefixes, _ = code_scan
    unused = [k for k in VI if k not in literals and not any(k.startswith(p) for p in prefixes)]
    assert unused == []


def test_every_key_the_code_asks_for_is_defined(code_scan):
    _, _, asked = code_scan
    missing = sorted(k for k in asked if KEY.fullmatch(k) and k not in VI)
    assert missing == []
