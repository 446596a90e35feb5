"""cds_core is the pure domain: no UI, ORM or database code (design.md, "Layers")."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted((ROOT / "cds_core").glob("*.py"))
FORBIDDEN = ("streamlit", "sqlmodel", "sqlalchemy", "psycopg", "psycopg2", "db", "ui", "app_pages")


def imported_roots(source: str) -> set[str]:
    """Top-level package of every import in the source, at any depth (lazy imports too)."""
    roots = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: stays inside cds_core
                continue
            roots.add((node.module or "").split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            roots.add(str(node.args[0].value).split(".")[0])
    return roots


def test_the_import_walker_sees_lazy_from_and_dynamic_imports():
    source = (
        "import os.path\n"
        "from . import sibling\n"
        "def f():\n"
        "    import streamlit as st\n"
        "    from db.models import X\n"
        "    importlib.import_module('sqlmodel.main')\n"
    )
    assert imported_roots(source) == {"os", "streamlit", "db", "sqlmodel"}


def test_cds_core_has_modules():
    assert {p.stem for p in MODULES} >= {
        "catalogue", "periods", "formatting", "indicators", "targets", "status", "values",
        "rules", "i18n", "interchange", "scorecard", "errors",
    }  # fmt: skip


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_module_imports_no_ui_orm_or_database_code(path):
    assert imported_roots(path.read_text(encoding="utf-8")) & set(FORBIDDEN) == set()


def test_importing_every_module_loads_no_ui_or_orm_package():
    modules = ", ".join(f"cds_core.{p.stem}" for p in MODULES if p.stem != "__init__")
    code = (
        f"import {modules}; import sys; "
        f"bad = [m for m in {FORBIDDEN!r} if m in sys.modules]; "
        "assert not bad, bad"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
