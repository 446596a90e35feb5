"""Each layer only looks down (design.md, "Layers"), and every module imports on its own.

cds_core is the pure domain (no UI, ORM or database code); texts holds the interface's words
over it; db may use both but never the UI, the report files or the benchmark; reporting never
the UI; nothing below the pages imports a page.
"""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI_ORM_DB = ("streamlit", "sqlmodel", "sqlalchemy", "alembic", "psycopg", "psycopg2")
ABOVE_DB = ("ui", "app_pages", "reporting", "bench", "dashboard", "manage")
# package → the top-level packages none of its modules may import.
FORBIDDEN = {
    "cds_core": (*UI_ORM_DB, "db", "texts", *ABOVE_DB),
    "texts": (*UI_ORM_DB, "db", *ABOVE_DB),
    "db": ("streamlit", *ABOVE_DB),
    "reporting": ("streamlit", "ui", "app_pages", "bench", "dashboard", "manage"),
    "ui": ("app_pages", "bench", "dashboard", "manage"),
}
MODULES = sorted(p for package in FORBIDDEN for p in (ROOT / package).glob("*.py"))


def imported_roots(source: str) -> set[str]:
    """Top-level package of every import in the source, at any depth (lazy imports too)."""
    roots = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: stays inside the package
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


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


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
    assert {p.stem for p in (ROOT / "cds_core").glob("*.py")} >= {
        "catalogue", "periods", "formatting", "indicators", "targets", "status", "values",
        "rules", "interchange", "scorecard", "errors",
    }  # fmt: skip


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_module_imports_nothing_from_above_its_layer(path):
    forbidden = set(FORBIDDEN[path.relative_to(ROOT).parts[0]])
    assert imported_roots(path.read_text(encoding="utf-8")) & forbidden == set()


def test_importing_cds_core_loads_no_ui_or_orm_package():
    modules = ", ".join(module_name(p) for p in (ROOT / "cds_core").glob("*.py"))
    code = (
        f"import {modules}; import sys; "
        f"bad = [m for m in {UI_ORM_DB!r} if m in sys.modules]; "
        "assert not bad, bad"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


# Each module is imported in a child forked from an interpreter that holds only the third-party
# packages: to the project's modules, as fresh as a new interpreter, without paying its start-up
# once per module. An import cycle fails there however the rest of the suite imported things.
ALONE = """
import os, sys, traceback
import alembic.command, altair, bcrypt, docx, openpyxl, pandas, psycopg, sqlalchemy, sqlmodel
import streamlit, streamlit.testing.v1, streamlit_authenticator, vl_convert  # noqa: F401

def alone(name):
    pid = os.fork()
    if pid == 0:
        try:
            __import__(name)
        except BaseException:
            traceback.print_exc()
            os._exit(1)
        os._exit(0)
    return pid

names, running, failed = sys.argv[1:], {}, []
while names or running:
    while names and len(running) < 2:  # one child a core
        name = names.pop()
        running[alone(name)] = name
    pid, status = os.wait()
    if status != 0:
        failed.append(running[pid])
    del running[pid]
print(" ".join(failed))
sys.exit(1 if failed else 0)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_every_module_imports_alone():
    names = [module_name(p) for p in MODULES]
    result = subprocess.run(
        [sys.executable, "-c", ALONE, *names],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, f"failed alone: {result.stdout}\n{result.stderr[-3000:]}"
