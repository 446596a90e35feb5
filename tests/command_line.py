"""``python manage.py ARGS`` for the tests, against a database of the test's own.

In this process (``manage.main``, with the arguments, environment, standard input and output a
process would have), since a new interpreter costs two seconds of imports a command;
``process=True`` starts the real one, for the tests that hold the command line to its exit
status and its one line on standard error as a shell sees them.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

import manage
from db import database

ROOT = Path(__file__).resolve().parents[1]


class Cli:
    """The command line on ``url`` (by default the SQLite file cds.db in ``tmp_path``), with
    ``env`` added to the environment; CDS_LANG unset unless ``env`` sets it."""

    def __init__(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch | None,
        *,
        process: bool = False,
        url: str | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.tmp, self.monkeypatch, self.process = tmp_path, monkeypatch, process
        self.url = url or f"sqlite:///{tmp_path / 'cds.db'}"
        self.env = env or {}

    def __call__(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        proc = self._spawn(args, stdin) if self.process else self._call(args, stdin)
        assert "Traceback" not in proc.stderr, proc.stderr
        return proc

    def _spawn(self, args: tuple[str, ...], stdin: str | None) -> subprocess.CompletedProcess:
        env = {**os.environ, "DATABASE_URL": self.url, "PYTHONIOENCODING": "utf-8"}
        env.pop("CDS_LANG", None)
        return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env | self.env,
                              input=stdin, capture_output=True, text=True, encoding="utf-8",
                              timeout=120)  # fmt: skip

    def _call(self, args: tuple[str, ...], stdin: str | None) -> subprocess.CompletedProcess:
        out, err = io.StringIO(), io.StringIO()
        with self.monkeypatch.context() as m:
            m.setenv("DATABASE_URL", self.url)
            for name, value in self.env.items():
                m.setenv(name, value)
            # manage.py reads CDS_LANG once, at import.
            m.setattr(manage, "LANG", self.env.get("CDS_LANG", "vi"))
            m.setattr(sys, "stdin", io.StringIO(stdin or ""))
            with redirect_stdout(out), redirect_stderr(err):
                try:
                    code = manage.main(list(args))
                except SystemExit as exc:  # argparse's usage errors and --help
                    code = exc.code if isinstance(exc.code, int) else 1
        return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())

    def close(self) -> None:
        """Close the engine the commands opened on this test's database."""
        engine = database._engines.pop(self.url, None)
        if engine is not None:
            engine.dispose()

    def ok(self, *args: str, stdin: str | None = None) -> str:
        proc = self(*args, stdin=stdin)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    def fails(self, *args: str, stdin: str | None = None) -> str:
        """The one-line reason on stderr of a refused command."""
        proc = self(*args, stdin=stdin)
        assert proc.returncode != 0, proc.stdout
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1, proc.stderr
        return lines[0]

    def file(self, name: str, text: str) -> str:
        path = self.tmp / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    def export(self, *args: str) -> str:
        return self.ok("export-values", *args)
