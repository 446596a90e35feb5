"""Command line over db/ and cds_core/ (stable: scripts and checks depend on its names).

Every command reads DATABASE_URL, exits non-zero with a one-line reason on bad input, and
writes in one transaction, so a refused command leaves nothing behind.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from datetime import date
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from cds_core.completeness import COLUMNS as COMPLETENESS_COLUMNS
from cds_core.errors import CdsError
from cds_core.interchange import parse_org_units, parse_values, write_values
from cds_core.periods import Period
from cds_core.scorecard import COLUMNS
from db import backup, completeness, demo, health, oplog, orgunits, scorecards, transfer, users
from db.database import database_url, get_engine, session_scope
from db.migrate import upgrade
from db.permissions import ROLES, SYSTEM
from texts import error_text, t

LANG = os.environ.get("CDS_LANG", "vi")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line like every other refusal (scripts read it)."""

    def error(self, message: str):
        self.exit(2, f"{t('cli_error', LANG)}: {self.prog}: {message}\n")


class _Rollback(Exception):
    """Raised inside a transaction to undo a dry run."""


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CdsError("err_not_utf8") from exc
    except OSError as exc:
        raise CdsError("err_read_file", path=path, reason=exc.strerror or str(exc)) from exc


def cmd_init(args: argparse.Namespace) -> None:
    engine = get_engine()
    upgrade(engine)
    with session_scope(engine, write=True) as session:
        if users.count(session) == 0:
            # Printed once; the first sign-in asks the admin to choose their own.
            password = users.invite(session, actor=SYSTEM, username="admin", role="admin")
            print(t("cli_admin_created", LANG, password=password))
    print(t("cli_init_done", LANG))


def cmd_seed_demo(args: argparse.Namespace) -> None:
    with session_scope(write=True) as session:
        summary = demo.seed(session)
    print(t("cli_seeded", LANG, new=summary.new))


def cmd_create_user(args: argparse.Namespace) -> None:
    """With --password-stdin the password is the caller's; otherwise a random one is printed
    once and must be changed at the first sign-in."""
    with session_scope(write=True) as session:
        org = orgunits.resolve(session, args.org).code if args.org else None
        who = {"actor": SYSTEM, "username": args.username, "role": args.role,
               "org_code": org, "display_name": args.name}  # fmt: skip
        if args.password_stdin:
            users.create(session, password=sys.stdin.readline().rstrip("\r\n"), **who)
            password = None
        else:
            password = users.invite(session, **who)
    print(t("cli_user_created", LANG, username=args.username, role=args.role))
    if password:
        print(t("cli_password_once", LANG, password=password))


def cmd_import_org_units(args: argparse.Namespace) -> None:
    records = parse_org_units(_read(args.file))
    with session_scope(write=True) as session:
        created, updated = orgunits.upsert(session, actor=SYSTEM, records=records)
    print(t("cli_org_units_imported", LANG, created=created, updated=updated))


def cmd_import_values(args: argparse.Namespace) -> None:
    records = parse_values(_read(args.file))
    summary = None
    try:
        with session_scope(write=True) as session:
            summary = transfer.import_records(session, actor=SYSTEM, records=records)
            if args.dry_run:
                raise _Rollback
    except _Rollback:
        pass
    key = "cli_import_dry_run" if args.dry_run else "cli_import_done"
    print(t(key, LANG, new=summary.new, changed=summary.changed, unchanged=summary.unchanged))


def _unit(session, args: argparse.Namespace) -> str:
    """The key of the unit ``--org`` names in ``--period`` (or on ``--as-of``): a code names the
    unit that held it at the quarter's end, else the unit holding it now (design.md, "Official
    codes are reused across the break")."""
    as_of = getattr(args, "as_of", None)
    return orgunits.resolve(session, args.org, period=args.period, as_of=as_of).code


def cmd_export_values(args: argparse.Namespace) -> None:
    with session_scope() as session:
        org = _unit(session, args) if args.org else None
        text = transfer.export_csv(session, org_code=org, period=args.period)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def cmd_scorecard(args: argparse.Namespace) -> None:
    with session_scope() as session:
        org = _unit(session, args)
        records = [row.as_record() for row in scorecards.for_unit(session, org, args.period)]
    _print_records(records, COLUMNS, args.format)


def cmd_completeness(args: argparse.Namespace) -> None:
    with session_scope() as session:
        org = _unit(session, args)
        rows = [r.as_record() for r in completeness.for_parent(session, org, args.period)]
    _print_records(rows, COMPLETENESS_COLUMNS, args.format)


def _print_records(records: list[dict], columns, form: str) -> None:
    if form == "json":
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)


def cmd_report(args: argparse.Namespace) -> None:
    # Imported here: the Word, Excel and chart libraries take a second that no other command needs.
    from reporting import files

    suffix = Path(args.out).suffix.lower()
    if suffix not in (".docx", ".xlsx"):
        raise CdsError("err_report_ext", path=args.out)
    with session_scope() as session:
        org = _unit(session, args)
        if suffix == ".xlsx":
            data = files.xlsx_file(session, org, args.period)
        else:
            data = files.docx_file(session, org, args.period, charts=args.charts)
        draft = files.is_draft(session, org, args.period)
    # --out is a contract with scripts: the file goes exactly there. A draft says so on every
    # page of the document, and here.
    Path(args.out).write_bytes(data)
    print(t("cli_report_draft" if draft else "cli_report_done", LANG, path=args.out))


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 2**10:.0f} KB"


def cmd_backup(args: argparse.Namespace) -> None:
    report = backup.backup(database_url(), Path(args.out))
    print(t("cli_backup_done", LANG, path=args.out, size=_size(report.size),
            revision=report.revision or "-"))  # fmt: skip


def cmd_restore(args: argparse.Namespace) -> None:
    report = backup.restore(database_url(), Path(args.file), force=args.force)
    print(t("cli_restore_done", LANG, path=args.file, integrity=report.integrity,
            revision=report.revision or "-", head=report.head))  # fmt: skip
    for table, count in report.counts.items():
        print(f"  {table}: {count}")
    if report.integrity != "ok":
        raise CdsError("err_backup_corrupt", path=args.file, reason=report.integrity)
    if not report.at_head:
        raise CdsError("err_restore_behind", revision=report.revision or "-", head=report.head)


def cmd_check(args: argparse.Namespace) -> None:
    findings = health.run()
    for f in findings:
        mark = t("check_ok" if f.ok else "check_problem", LANG)
        print(f"[{mark}] {t('check_name_' + f.key, LANG)}: {t(f.message, LANG, **f.params)}")
    problems = sum(not f.ok for f in findings)
    if problems:
        raise CdsError("err_check_failed", count=problems)


def _report_files(paths: list[str]) -> list[Path]:
    """The files given, a folder standing for the reports in it (old .doc and PDF included,
    so that they are refused by name rather than skipped in silence)."""
    from reporting.report_reading import SUFFIXES

    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            found.append(path)
            continue
        inside = sorted(
            p for p in path.iterdir()
            if p.is_file() and p.suffix.lower() in (*SUFFIXES, ".doc", ".pdf")
            and not p.name.startswith((".", "~$"))
        )  # fmt: skip
        if not inside:
            raise CdsError("err_report_folder_empty", path=given)
        found += inside
    return found


def cmd_extract_report(args: argparse.Namespace) -> None:
    """Every figure of the reports as a values CSV; what needs a look, one problem a line.

    Nothing is written unless every file can be read. A figure that two reports of the same
    quarter give differently is left out and reported, like a clash within one report.
    """
    # Imported here, as for report: python-docx is a load that no other command needs.
    from reporting.report_reading import extract_file, problem_text

    period = Period.parse(args.period) if args.period else None
    taken: dict[tuple[str, str], tuple] = {}
    dropped: set[tuple[str, str]] = set()
    lines: list[str] = []
    for path in _report_files(args.files):
        try:
            extraction = extract_file(path.name, path.read_bytes(), period)
        except CdsError as exc:
            error = CdsError("err_report_file", path=str(path))
            error.reason = exc
            raise error from exc
        quarter = extraction.period.code
        for problem in extraction.problems:
            lines.append(f"{path}:{problem.line}: {problem.code}: {problem_text(problem, LANG)}")
        for figure in extraction.figures:
            key = (quarter, figure.code)
            if key in taken and taken[key][3] != figure.value:
                where = taken[key][5]
                message = t("ext_conflict_files", LANG, file=where[0], line=where[1])
                lines.append(f"{path}:{figure.line}: {figure.code}: {message}")
                dropped.add(key)
            taken.setdefault(key, (args.org, quarter, figure.code, figure.value, figure.passage,
                                   (path, figure.line)))  # fmt: skip
    rows = [row[:5] for key, row in taken.items() if key not in dropped]
    Path(args.out).write_text(write_values(rows), encoding="utf-8")
    for line in lines:
        print(line)
    print(t("cli_extract_done", LANG, count=len(rows), path=args.out, problems=len(lines)),
          file=sys.stderr)  # fmt: skip


def cmd_bench(args: argparse.Namespace) -> None:
    from bench import run as bench
    from bench.synthetic import Scale

    result = bench.run(
        Scale(args.scale),
        database_url=args.database_url,
        repeat=args.repeat,
        browser=not args.no_browser,
    )
    print(bench.as_json(result) if args.format == "json" else bench.table(result))


def _day(text: str):
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        error = CdsError("err_bad_date", value=text)
        raise argparse.ArgumentTypeError(error_text(error, LANG)) from None


def _period(text: str) -> str:
    try:
        return Period.parse(text).code
    except CdsError as exc:
        raise argparse.ArgumentTypeError(error_text(exc, LANG)) from exc


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="manage.py", description=t("cli_description", LANG))
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help=t("cli_help_init", LANG)).set_defaults(fn=cmd_init)
    sub.add_parser("seed-demo", help=t("cli_help_seed", LANG)).set_defaults(fn=cmd_seed_demo)

    s = sub.add_parser("create-user", help=t("cli_help_create_user", LANG))
    s.add_argument("username")
    s.add_argument("--role", required=True, choices=ROLES)
    s.add_argument("--org", help=t("cli_help_org", LANG))
    s.add_argument("--name", help=t("cli_help_name", LANG))
    s.add_argument("--password-stdin", action="store_true", help=t("cli_help_stdin", LANG))
    s.set_defaults(fn=cmd_create_user)

    s = sub.add_parser("import-org-units", help=t("cli_help_import_org_units", LANG))
    s.add_argument("file")
    s.set_defaults(fn=cmd_import_org_units)

    s = sub.add_parser("import-values", help=t("cli_help_import_values", LANG))
    s.add_argument("file")
    s.add_argument("--dry-run", action="store_true", help=t("cli_help_dry_run", LANG))
    s.set_defaults(fn=cmd_import_values)

    s = sub.add_parser("export-values", help=t("cli_help_export_values", LANG))
    s.add_argument("--org")
    s.add_argument("--period", type=_period)
    s.add_argument("--out")
    s.set_defaults(fn=cmd_export_values)

    s = sub.add_parser("scorecard", help=t("cli_help_scorecard", LANG))
    s.add_argument("--org", required=True)
    s.add_argument("--period", required=True, type=_period)
    s.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD", help=t("cli_help_as_of", LANG))
    s.add_argument("--format", choices=("csv", "json"), default="csv")
    s.set_defaults(fn=cmd_scorecard)

    s = sub.add_parser("completeness", help=t("cli_help_completeness", LANG))
    s.add_argument("--org", required=True)
    s.add_argument("--period", required=True, type=_period)
    s.add_argument("--format", choices=("csv", "json"), default="csv")
    s.set_defaults(fn=cmd_completeness)

    s = sub.add_parser("report", help=t("cli_help_report", LANG))
    s.add_argument("--org", required=True)
    s.add_argument("--period", required=True, type=_period)
    s.add_argument("--out", required=True)
    s.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD", help=t("cli_help_as_of", LANG))
    s.add_argument("--charts", action="store_true", help=t("report_charts", LANG))
    s.set_defaults(fn=cmd_report)

    s = sub.add_parser("backup", help=t("cli_help_backup", LANG))
    s.add_argument("--out", required=True, help=t("cli_help_backup_out", LANG))
    s.set_defaults(fn=cmd_backup)

    s = sub.add_parser("restore", help=t("cli_help_restore", LANG))
    s.add_argument("file")
    s.add_argument("--force", action="store_true", help=t("cli_help_force", LANG))
    s.set_defaults(fn=cmd_restore)

    sub.add_parser("check", help=t("cli_help_check", LANG)).set_defaults(fn=cmd_check)

    s = sub.add_parser("extract-report", help=t("cli_help_extract", LANG))
    s.add_argument("files", nargs="+", metavar="FILE")
    s.add_argument("--org", required=True)
    s.add_argument("--period", type=_period, help=t("cli_help_extract_period", LANG))
    s.add_argument("--out", required=True)
    s.set_defaults(fn=cmd_extract_report)

    s = sub.add_parser("bench", help=t("cli_help_bench", LANG))
    s.add_argument("--scale", choices=("commune", "province", "national", "reform"),
                   default="province",
                   help=t("cli_help_bench_scale", LANG))  # fmt: skip
    s.add_argument("--database-url", help=t("cli_help_bench_url", LANG))
    s.add_argument("--repeat", type=int, default=5, help=t("cli_help_bench_repeat", LANG))
    s.add_argument("--format", choices=("text", "json"), default="text")
    s.add_argument("--no-browser", action="store_true", help=t("cli_help_bench_no_browser", LANG))
    s.set_defaults(fn=cmd_bench)
    return p


def _first_line(exc: BaseException) -> str:
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return oplog.mask(lines[0][:300]) if lines else type(exc).__name__


def main(argv: list[str] | None = None) -> int:
    oplog.configure(quiet=True)  # events reach CDS_LOG_FILE if set; stderr stays one line
    args = parser().parse_args(argv)
    try:
        args.fn(args)
    except CdsError as exc:
        print(f"{t('cli_error', LANG)}: {error_text(exc, LANG)}", file=sys.stderr)
        return 1
    except (SQLAlchemyError, OSError) as exc:
        # The database or a file refused (say, `init` never ran): still one line, no traceback.
        print(f"{t('cli_error', LANG)}: {_first_line(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{t('cli_error', LANG)}: {t('cli_interrupted', LANG)}", file=sys.stderr)
        return 130
    except Exception as exc:
        # Anything else is a bug: one line with an id here, the details in the log.
        error_id = oplog.error(exc, command=args.command)
        reason = f"{type(exc).__name__}: {_first_line(exc)}"
        print(f"{t('cli_error', LANG)}: {t('cli_unexpected', LANG, id=error_id, reason=reason)}",
              file=sys.stderr)  # fmt: skip
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
