"""``python -m loadtest``: the load test's command line (kept out of ``make test``)."""

from __future__ import annotations

import argparse

from loadtest.run import as_json, run, table


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(
        prog="python -m loadtest",
        description="Many sessions over Streamlit's websocket protocol against one fresh "
        "`streamlit run dashboard.py` on 127.0.0.1: viewers moving between pages, officers "
        "typing and saving. Reports p50/p95 per page and server memory per session.",
    )
    p.add_argument("--viewers", type=int, default=20)
    p.add_argument("--officers", type=int, default=5)
    p.add_argument("--duration", type=float, default=60.0, help="seconds after the ramp")
    p.add_argument("--ramp", type=float, default=10.0, help="seconds over which sessions arrive")
    p.add_argument(
        "--think",
        type=float,
        default=5.0,
        help="mean seconds a person reads a page before the next click",
    )
    p.add_argument("--scale", choices=("demo", "commune", "province"), default="province")
    p.add_argument("--database-url", help="an empty database (default: a temporary SQLite file)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--format", choices=("text", "json"), default="text")
    args = p.parse_args(argv)
    result = run(viewers=args.viewers, officers=args.officers, duration=args.duration,
                 think=args.think, ramp=args.ramp, scale=args.scale,
                 database_url=args.database_url, seed=args.seed)  # fmt: skip
    print(as_json(result) if args.format == "json" else table(result))


if __name__ == "__main__":
    main()
