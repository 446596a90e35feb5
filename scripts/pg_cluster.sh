#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for tests: trust auth, 127.0.0.1 only, database cds_test.
#   scripts/pg_cluster.sh start DIR PORT   -> prints the SQLAlchemy URL
#   scripts/pg_cluster.sh stop  DIR [PORT]
# Not for real data: authentication is off and fsync is disabled.
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR PORT" >&2; exit 2; }
[ $# -ge 2 ] || usage
action=$1
dir=$(realpath -m "$2")
port=${3:-55432}
data="$dir/data"
url="postgresql+psycopg://postgres@127.0.0.1:$port/cds_test"

# Debian keeps the server binaries off PATH; take the newest installed version.
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
    echo "pg_cluster: no PostgreSQL server found under /usr/lib/postgresql/*/bin" >&2
    exit 1
fi

# PostgreSQL refuses to run as root, so as root we act as the postgres user.
if [ "$(id -u)" -eq 0 ]; then
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

running() { [ -f "$data/PG_VERSION" ] && as_pg "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1; }

case "$action" in
start)
    if running; then
        echo "$url"
        exit 0
    fi
    mkdir -p "$dir"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
    chmod 700 "$dir"
    if [ ! -f "$data/PG_VERSION" ]; then
        as_pg "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    # The socket goes into DIR so we need neither /var/run/postgresql nor a system service.
    as_pg "$bin/pg_ctl" start -D "$data" -l "$dir/postgres.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" \
        >/dev/null || { tail -n 20 "$dir/postgres.log" >&2; exit 1; }
    for _ in $(seq 1 60); do
        "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
        sleep 0.5
    done
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" || { echo "pg_cluster: server not ready" >&2; exit 1; }
    if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -Atqc \
        "select 1 from pg_database where datname = 'cds_test'" postgres | grep -q 1; then
        "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres cds_test
    fi
    echo "$url"
    ;;
stop)
    if running; then
        as_pg "$bin/pg_ctl" stop -D "$data" -m fast -w >/dev/null
    fi
    ;;
*)
    usage
    ;;
esac
